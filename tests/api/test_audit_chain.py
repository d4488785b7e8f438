"""The audit log's hash chain on SQLite and PostgreSQL: append-only, tamper-evident, never forked."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from api.audit import record, verify_chain
from api.cli import app as cli
from api.db import Database, upgrade
from api.db.models import AuditEntry, AuditHead
from tests.api.databases import database


@pytest.fixture
def db(backend: str, tmp_path: Path) -> Iterator[Database]:
    with database(backend, tmp_path) as url:
        d = Database(url)
        upgrade(d)
        yield d
        d.dispose()


def _write(db: Database, n: int, action: str = "settings.update") -> None:
    for i in range(n):
        with db.session() as s:
            record(s, action=action, user=None, username="tester", detail={"i": i, "note": "café"})


def _raw(db: Database, sql: str) -> None:
    """Tamper the way someone with database access would: plain SQL, bypassing the app (and its triggers)."""
    with db.engine.begin() as conn:
        if db.dialect == "postgresql":
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
        conn.exec_driver_sql(sql)


def _verify_cli(db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[int, str]:
    monkeypatch.setenv("OFFSET_DATABASE_URL", db.url)
    monkeypatch.setenv("OFFSET_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(cli, ["audit", "verify"])
    return result.exit_code, result.output


def test_an_intact_chain_verifies(db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _write(db, 5)
    with db.sessions() as s:
        entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
        assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
        assert verify_chain(s).intact
    code, out = _verify_cli(db, monkeypatch, tmp_path)
    assert code == 0, out
    assert "5 entries, chain intact" in out


def test_the_database_refuses_update_and_delete(db: Database) -> None:
    _write(db, 2)
    for sql in ("UPDATE audit_log SET action = 'auth.sign_in' WHERE seq = 1", "DELETE FROM audit_log WHERE seq = 2"):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(text(sql))
    if db.dialect == "postgresql":
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(text("TRUNCATE audit_log"))
    with db.sessions() as s:
        assert verify_chain(s).intact


def test_verify_names_an_altered_row(db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _write(db, 6)
    _raw(db, 'UPDATE audit_log SET detail = \'{"i":99,"note":"café"}\' WHERE seq = 4')
    with db.sessions() as s:
        report = verify_chain(s)
    assert report.problem is not None and report.problem.seq == 4 and report.entries == 3
    assert "altered" in report.problem.what
    code, out = _verify_cli(db, monkeypatch, tmp_path)
    assert code == 1
    assert "entry seq 4" in out and "altered" in out and "settings.update" in out


def test_verify_names_a_row_whose_hash_was_recomputed(db: Database) -> None:
    """Rewriting a row and its own hash still breaks the link from the next entry."""
    _write(db, 4)
    with db.sessions() as s:
        row = s.scalars(select(AuditEntry).where(AuditEntry.seq == 2)).one()
        row.username = "someone else"
        from api.audit.chain import entry_hash

        forged = entry_hash(row)
        s.expunge_all()
    _raw(db, f"UPDATE audit_log SET username = 'someone else', hash = '{forged}' WHERE seq = 2")
    with db.sessions() as s:
        report = verify_chain(s)
    assert report.problem is not None and report.problem.seq == 3
    assert "link to the previous entry" in report.problem.what


def test_the_api_reports_the_same_finding(backend: str, tmp_path: Path) -> None:
    from tests.api.conftest import running_service

    with database(backend, tmp_path / "db") as url, running_service(tmp_path / "data", url) as svc:
        admin = svc.as_("admin")
        body = admin.get("/api/audit/verify").json()
        assert body["intact"] and body["entries"] >= 6 and body["problem"] is None  # the sign-ins
        _raw(svc.ctx.db, "UPDATE audit_log SET username = 'x' WHERE seq = 2")
        body = admin.get("/api/audit/verify").json()
        assert not body["intact"] and body["entries"] == 1 and body["problem"]["seq"] == 2
        assert "altered" in body["problem"]["what"] and body["problem"]["action"] == "auth.sign_in"
        assert svc.as_("supervisor").get("/api/audit/verify").status_code == 403


def test_verify_names_a_deleted_row(db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _write(db, 5)
    _raw(db, "DELETE FROM audit_log WHERE seq = 3")
    with db.sessions() as s:
        report = verify_chain(s)
    assert report.problem is not None and report.problem.seq == 4
    assert "seq 3 is missing (deleted)" in report.problem.what
    code, out = _verify_cli(db, monkeypatch, tmp_path)
    assert code == 1 and "seq 3 is missing" in out


def test_verify_notices_the_newest_entries_deleted(db: Database) -> None:
    _write(db, 4)
    _raw(db, "DELETE FROM audit_log WHERE seq >= 3")
    with db.sessions() as s:
        report = verify_chain(s)
    assert report.problem is not None and "newest entries were deleted" in report.problem.what


def test_a_rolled_back_transaction_leaves_no_gap(db: Database) -> None:
    _write(db, 1)
    with db.sessions() as s:
        record(s, action="settings.update", user=None, username="tester")
        s.rollback()
    _write(db, 1)
    with db.sessions() as s:
        assert [e.seq for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))] == [1, 2]
        assert verify_chain(s).intact


def test_concurrent_writers_never_fork_the_chain(db: Database) -> None:
    """Eight threads writing at once (each its own connection): one chain, no gaps, nothing lost."""
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(10):
                with db.session() as s:
                    record(s, action="settings.update", user=None, username=f"writer{n}", detail={"i": i})
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    with db.sessions() as s:
        seqs = list(s.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq)))
        assert seqs == list(range(1, 81))
        head = s.get(AuditHead, 1)
        assert head is not None and head.seq == 80
        assert verify_chain(s).intact
