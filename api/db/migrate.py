"""Bring a database to the newest schema; `offset serve` and `offset worker` call it on start.

Several processes may start at once (a server and workers on other machines), so the upgrade runs
under a lock: a PostgreSQL advisory lock, or an exclusive file lock beside the SQLite database.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from api.db.engine import Database

MIGRATIONS = Path(__file__).parent / "migrations"
_PG_LOCK_ID = 0x0FF5E7  # any constant shared by every Offset process


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def _migration_lock(db: Database, conn: Connection) -> Iterator[None]:
    if db.dialect == "postgresql":
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK_ID})
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK_ID})
        return
    database = make_url(db.url).database
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def upgrade(db: Database) -> str | None:
    """Apply every pending migration; returns the revision now in force."""
    cfg = alembic_config()
    with db.engine.connect() as lock_conn, _migration_lock(db, lock_conn):
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        lock_conn.commit()
    return current_revision(db)
