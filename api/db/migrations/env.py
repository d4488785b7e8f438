"""Alembic environment: migrations run from `api.db.migrate.upgrade()` (on start) or the `alembic` CLI."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from api.db.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from api.db.engine import make_engine
    from api.settings import get_service_settings

    engine = make_engine(config.get_main_option("sqlalchemy.url") or get_service_settings().resolved_database_url)
    with engine.connect() as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("Offset's migrations run online only: `alembic upgrade head` with OFFSET_DATABASE_URL set.")
run_migrations_online()
