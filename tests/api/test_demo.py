"""`offset demo`: the demo council, idempotent, and the sample visit drafted by the real job worker."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from api.context import build_context
from api.db import upgrade
from api.db.models import User
from api.demo import DEMO_PEOPLE, DemoError, ensure_demo_accounts
from api.metrics.baselines import baseline_rows
from tests.api.conftest import service_settings

ROOT = Path(__file__).parents[2]
SHORT_VISIT = ROOT / "tests" / "fixtures" / "audio" / "visit_short.wav"


def test_demo_accounts_are_made_once_and_their_sign_ins_kept(tmp_path: Path) -> None:
    ctx = build_context(service_settings(tmp_path, f"sqlite:///{tmp_path / 'offset.db'}"))
    upgrade(ctx.db)
    try:
        first = ensure_demo_accounts(ctx)
        again = ensure_demo_accounts(ctx)
        assert first == again, "a rerun keeps the accounts and prints the same sign-ins"
        assert sorted(s.role for s in first) == ["admin", "evaluator", "practitioner", "supervisor"]
        with ctx.db.session() as s:
            assert s.scalar(select(func.count()).select_from(User)) == len(DEMO_PEOPLE)
            [baseline] = baseline_rows(s)
            assert baseline.visit_type == "general_visit" and baseline.source.startswith("Demo assumption")
        kept = tmp_path / "demo-sign-ins.json"
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600, "passwords readable by their owner only"
        # Each password signs in.
        with ctx.db.session() as s:
            for sign_in in first:
                user = s.scalars(select(User).where(User.email == sign_in.email)).one()
                assert ctx.passwords.verify(user.password_hash, sign_in.password)
        kept.unlink()
        with pytest.raises(DemoError, match="set-password"):
            ensure_demo_accounts(ctx)
    finally:
        ctx.close()


def test_demo_refuses_production_mode(tmp_path: Path) -> None:
    # Production settings need real keys; the demo must refuse before it would look at them.
    settings = service_settings(tmp_path, f"sqlite:///{tmp_path / 'offset.db'}").model_copy(
        update={"mode": "production"}
    )
    ctx = build_context(settings)
    try:
        with pytest.raises(DemoError, match="production"):
            ensure_demo_accounts(ctx)
    finally:
        ctx.close()


@pytest.mark.slow
def test_offset_demo_sets_up_the_council_and_drafts_the_sample(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "OFFSET_DATA_DIR": str(tmp_path / "data"),
        "OFFSET_WHISPER_MODEL": "tiny.en",
        "OFFSET_PASSWORD_HASH_TIME_COST": "1",
        "OFFSET_PASSWORD_HASH_MEMORY_KIB": "1024",
        "OFFSET_JOB_POLL_SECONDS": "0.3",
    }
    command = [sys.executable, "-m", "api.cli", "demo", "--port", "0", "--no-serve", "--sample", str(SHORT_VISIT)]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900, cwd=ROOT, check=False)
    assert first.returncode == 0, first.stderr[-3000:]
    assert re.search(r"Offset demo is running at http://127\.0\.0\.1:\d+/", first.stdout)
    sign_ins = re.findall(
        r"^\s+(practitioner|supervisor|evaluator|admin)\s+(\S+)\s+password: (\S+)$", first.stdout, re.M
    )
    assert [s[0] for s in sign_ins] == ["practitioner", "supervisor", "evaluator", "admin"]
    assert "Uploaded" in first.stderr and "The sample visit is drafted." in first.stderr

    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, cwd=ROOT, check=False)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "already uploaded (drafted)" in second.stderr, "a rerun does not upload the sample again"
    again = re.findall(r"^\s+(practitioner|supervisor|evaluator|admin)\s+(\S+)\s+password: (\S+)$", second.stdout, re.M)
    assert again == sign_ins
