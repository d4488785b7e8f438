"""Engines and sessions for SQLite (WAL, the embedded default) and PostgreSQL.

`Database` holds one engine and its session factory per process. Transient connection failures
(PostgreSQL restarted, a connection dropped) are retried by `with_retry`: the pool checks a
connection before handing it out, so the next attempt gets a fresh one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)
T = TypeVar("T")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL (readers never wait for the writer) is a property of the file, set once by `Database`.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA synchronous=NORMAL")  # durable at each checkpoint; safe with WAL
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL and a busy timeout, PostgreSQL pre-pinged connections."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # A connection per request thread (anyio's pool has 40), kept: opening one costs more than a query.
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=40, max_overflow=20
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, pool_recycle=1800)


def is_transient(e: BaseException) -> bool:
    """A lost or refused connection (worth retrying), as opposed to a bad statement."""
    if isinstance(e, DBAPIError) and e.connection_invalidated:
        return True
    return isinstance(e, OperationalError)


class Database:
    """One engine and session factory."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed when the block exits cleanly, rolled back otherwise."""
        with self.sessions() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def with_retry(self, fn: Callable[[Session], T], attempts: int = 6, delay: float = 0.5) -> T:
        """Run `fn` in its own transaction, again on a transient connection failure (backing off)."""
        for i in range(attempts):
            try:
                with self.session() as s:
                    return fn(s)
            except (OperationalError, DBAPIError) as e:
                if not is_transient(e) or i == attempts - 1:
                    raise
                log.warning("database connection failed (%s); retrying in %.1f s", e.__class__.__name__, delay)
                time.sleep(delay)
                delay = min(delay * 2, 5.0)
        raise AssertionError("unreachable")

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()
