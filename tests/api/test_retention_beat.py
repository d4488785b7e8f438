"""Scaled out: `offset worker --beat` (Celery on Redis) runs retention on its schedule, in another process."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from api.bench.servers import spawn
from tests.api.audit_helpers import audited, detail, processed_visit, reviewed
from tests.api.conftest import running_service
from tests.api.databases import database
from tests.api.processes import Cluster

pytestmark = pytest.mark.slow  # starts a Celery worker with beat


def test_celery_beat_in_a_worker_runs_retention(tmp_path: Path) -> None:
    with database("postgresql", tmp_path / "db") as url, running_service(tmp_path / "data", url) as svc:
        visit_id = processed_visit(svc)
        reviewed(svc, visit_id)
        cluster = Cluster(svc.ctx.settings.data_dir, url, "celery")
        env = {**cluster.env, "OFFSET_RETENTION_AUDIO_DAYS": "0", "OFFSET_RETENTION_INTERVAL_HOURS": "0.001"}
        worker = spawn(["worker", "--beat"], env, tmp_path / "worker.log")
        cluster.procs.append(worker)
        try:
            deadline = time.monotonic() + 60
            while not audited(svc.ctx, "retention.delete", visit_id) and time.monotonic() < deadline:
                assert worker.popen.poll() is None, cluster.logs()
                time.sleep(0.5)
        finally:
            cluster.close()
        entries = audited(svc.ctx, "retention.delete", visit_id)
        assert [detail(e)["kind"] for e in entries] == ["audio"], cluster.logs()
        assert (svc.ctx.settings.data_dir / "celerybeat-schedule").exists() or any(
            p.name.startswith("celerybeat-schedule") for p in svc.ctx.settings.data_dir.iterdir()
        )
