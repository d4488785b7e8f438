"""Real databases for the service tests: SQLite files and uniquely named PostgreSQL databases."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

# PostgreSQL 15 listens here on every machine, CI included (trust auth, user postgres).
POSTGRES_ADMIN = os.environ.get("OFFSET_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
BACKENDS = ["sqlite", "postgresql"]


def _admin_connection() -> psycopg.Connection:
    try:
        return psycopg.connect(POSTGRES_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as e:
        if os.environ.get("OFFSET_TEST_SKIP_POSTGRES") == "1":
            pytest.skip(f"PostgreSQL unreachable at {POSTGRES_ADMIN} and OFFSET_TEST_SKIP_POSTGRES=1")
        raise RuntimeError(
            f"The service tests need PostgreSQL at {POSTGRES_ADMIN} ({e}). Start it, point OFFSET_TEST_POSTGRES "
            "at one, or set OFFSET_TEST_SKIP_POSTGRES=1 to skip the PostgreSQL half."
        ) from e


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh database with a unique name (others run tests on this server too), dropped afterwards."""
    name = f"offset_test_{uuid.uuid4().hex[:12]}"
    with _admin_connection() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    admin = psycopg.conninfo.conninfo_to_dict(POSTGRES_ADMIN)
    user, host, port = admin.get("user", "postgres"), admin.get("host", "127.0.0.1"), admin.get("port", 5432)
    url = f"postgresql+psycopg://{user}@{host}:{port}/{name}"
    try:
        yield url
    finally:
        with _admin_connection() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def terminate_connections(url: str) -> int:
    """Kill every server process connected to the database in `url` (a dropped connection, for fault tests)."""
    name = url.rsplit("/", 1)[1]
    with _admin_connection() as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        ).fetchall()
    return len(rows)


@contextmanager
def database(backend: str, directory: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{directory / 'offset.db'}"
    else:
        with postgres_database() as url:
            yield url
