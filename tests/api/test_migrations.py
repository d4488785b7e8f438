"""The migrations build the schema the models describe, on SQLite and PostgreSQL.

After changing api/db/models, add a migration (`alembic revision --autogenerate -m ...`): this test
fails until the migrations and the models agree.
"""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from api.db import Database, upgrade
from api.db.migrate import current_revision, head_revision
from api.db.models import Base
from tests.api.databases import database


def test_upgrade_reaches_head_and_matches_the_models(backend: str, tmp_path: Path) -> None:
    with database(backend, tmp_path) as url:
        db = Database(url)
        assert upgrade(db) == head_revision()
        assert upgrade(db) == head_revision()  # idempotent: every process runs it on start
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == [], f"models and migrations differ; add a migration: {diff}"
        assert current_revision(db) == head_revision()
        db.dispose()
