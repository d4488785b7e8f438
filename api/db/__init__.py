"""Persistence: SQLAlchemy 2 models, engines for SQLite and PostgreSQL, Alembic migrations."""

from api.db.engine import Database
from api.db.migrate import upgrade

__all__ = ["Database", "upgrade"]
