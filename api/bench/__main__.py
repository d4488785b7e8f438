"""`python -m api.bench`: the service's numbers on this machine (prints them; not a test).

1. Latency: 50 clients poll a visit's status and list visits on loopback while two visits are
   processed by the in-process worker: p50 / p95 latency and errors (target p95 < 100 ms, 0 errors).
2. Visits per hour by one worker, from the same two visits (the demo recording, 3.6 min each).
3. A 500 MB upload to a fresh server: its resident memory growth (target < 100 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from api.bench.load import run_load
from api.bench.servers import ROOT, OffsetProcess, clean_env, serve
from api.bench.upload import upload_and_watch, write_large_wav

SAMPLE = ROOT / "samples" / "visit_demo.ogg"
PASSWORD = "benchmark password 0123"  # noqa: S105 (a throw-away account in a temporary database)


def _seed(data_dir: Path, database_url: str | None) -> None:
    from api.accounts import create_team, create_user
    from api.context import build_context
    from api.db import upgrade
    from api.db.models import Role
    from api.settings import ServiceSettings

    settings = ServiceSettings(_env_file=None, data_dir=data_dir, database_url=database_url)  # type: ignore[call-arg]
    ctx = build_context(settings)
    upgrade(ctx.db)
    with ctx.db.session() as s:
        create_team(s, "Bench")
        create_user(s, ctx.passwords, "bench@example.org", PASSWORD, {Role.practitioner}, "Bench", 12)
    ctx.close()


def _token(base: str) -> dict[str, str]:
    r = httpx.post(f"{base}/api/auth/token", data={"username": "bench@example.org", "password": PASSWORD}, timeout=30)
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _processing_seconds(data_dir: Path, database_url: str | None, visit_ids: list[str]) -> dict[str, float]:
    from sqlalchemy import select

    from api.db import Database
    from api.db.models import Job, StageRun, Visit

    db = Database(database_url or f"sqlite:///{(data_dir / 'offset.db').resolve()}")
    with db.session() as s:
        stages: dict[str, list[float]] = {}
        totals = []
        spans = []
        for vid in visit_ids:
            job = s.scalars(select(Job).where(Job.visit_id == vid)).one()
            runs = list(s.scalars(select(StageRun).where(StageRun.job_id == job.id)))
            for r in runs:
                stages.setdefault(r.stage, []).append(r.seconds or 0.0)
            totals.append(sum(r.seconds or 0.0 for r in runs))
            visit = s.get(Visit, vid)
            assert visit is not None and visit.drafted_at is not None
            spans.append((min(r.started_at for r in runs), visit.drafted_at))
    db.dispose()
    first, last = min(a for a, _ in spans), max(b for _, b in spans)
    out = {f"stage_{k}_s": statistics.mean(v) for k, v in stages.items()}
    out["per_visit_s"] = statistics.mean(totals)
    out["wall_s"] = (last - first).total_seconds()
    return out


async def _latency(
    server: OffsetProcess, headers: dict[str, str], clients: int, interval: float, visits: int, idle_seconds: float
) -> tuple:  # type: ignore[type-arg]
    base = server.url or ""
    ids = []
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120) as client:
        for _ in range(visits):
            with SAMPLE.open("rb") as f:
                r = await client.post(
                    "/api/visits",
                    files={"audio": (SAMPLE.name, f.read(), "audio/ogg")},
                    data={"template": "general_visit", "consent": "true"},
                )
            r.raise_for_status()
            ids.append(r.json()["id"])
        done = asyncio.Event()

        async def watch() -> None:
            while True:
                try:
                    states = [(await client.get(f"/api/visits/{i}")).json()["status"] for i in ids]
                except (httpx.HTTPError, KeyError, ValueError) as e:  # keep watching; the load loop counts errors
                    print(f"   (status check failed: {type(e).__name__})")
                    states = []
                if states and all(s in ("drafted", "failed") for s in states):
                    done.set()
                    return
                await asyncio.sleep(1)

        watcher = asyncio.create_task(watch())
        result = await run_load(base, headers, ids, clients, interval, done, max_seconds=1800)
        await watcher
        statuses = [(await client.get(f"/api/visits/{i}")).json()["status"] for i in ids]
        # The same load with nothing processing: the idle baseline, and the server's CPU per request.
        cpu_before = server.cpu_seconds()
        idle = await run_load(base, headers, ids, clients, interval, asyncio.Event(), max_seconds=idle_seconds)
        idle.server_cpu_ms = (server.cpu_seconds() - cpu_before) / max(idle.requests, 1) * 1000
    return ids, idle, result, statuses


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--interval", type=float, default=0.5, help="Seconds between one client's requests.")
    ap.add_argument("--visits", type=int, default=2)
    ap.add_argument("--idle-seconds", type=float, default=20, help="Length of the idle baseline.")
    ap.add_argument("--model", default="base", help="Whisper model for the worker (base is the default).")
    ap.add_argument("--upload-mb", type=int, default=500)
    ap.add_argument("--database-url", default=None, help="PostgreSQL URL (an empty database); default SQLite.")
    ap.add_argument("--skip", choices=["latency", "upload"], action="append", default=[])
    args = ap.parse_args()

    load_before = os.getloadavg()
    print(f"machine: {os.cpu_count()} CPUs, load average " + " / ".join(f"{x:.2f}" for x in load_before))
    with tempfile.TemporaryDirectory(prefix="offset-bench-") as tmp:
        tmpdir = Path(tmp)
        if "latency" not in args.skip:
            data = tmpdir / "latency"
            _seed(data, args.database_url)
            env = clean_env(
                OFFSET_DATA_DIR=str(data),
                OFFSET_WHISPER_MODEL=args.model,
                **({"OFFSET_DATABASE_URL": args.database_url} if args.database_url else {}),
            )
            server = serve(env, tmpdir / "serve-latency.log")
            try:
                headers = _token(server.url or "")
                ids, idle, load, statuses = asyncio.run(
                    _latency(server, headers, args.clients, args.interval, args.visits, args.idle_seconds)
                )
            finally:
                server.stop()
            print(
                f"\n0. Baseline, the same {args.clients} clients afterwards, nothing running ({idle.seconds:.0f} s): "
                f"p50 {idle.percentile(50):.1f} ms   p95 {idle.percentile(95):.1f} ms   errors {len(idle.errors)}; "
                f"server CPU {idle.server_cpu_ms:.2f} ms per request"
            )
            p50, p95, p99 = load.percentile(50), load.percentile(95), load.percentile(99)
            print(
                f"\n1. {args.clients} clients, one request each per {args.interval:g} s, while {args.visits} visits "
                f"process (whisper {args.model}, {load.seconds:.0f} s):"
            )
            print(
                f"   requests {load.requests}  ({load.requests / load.seconds:.0f}/s)   "
                f"p50 {p50:.1f} ms   p95 {p95:.1f} ms   p99 {p99:.1f} ms   max {max(load.latencies_ms):.0f} ms"
            )
            print(f"   errors {len(load.errors)}" + (f": {sorted(set(load.errors))[:5]}" if load.errors else ""))
            print(f"   target p95 < 100 ms and 0 errors: {'MET' if p95 < 100 and not load.errors else 'MISSED'}")
            timing = _processing_seconds(data, args.database_url, ids)
            per_hour = 3600 / timing["per_visit_s"]
            audio_min = 3.6
            print(f"\n2. One worker, {args.visits} x {SAMPLE.name} ({audio_min} min of audio each), visits {statuses}:")
            print(
                "   per visit " + ", ".join(f"{k[6:-2]} {v:.1f} s" for k, v in timing.items() if k.startswith("stage_"))
            )
            print(
                f"   processing per visit {timing['per_visit_s']:.1f} s -> {per_hour:.0f} visits/hour "
                f"({per_hour * audio_min / 60:.1f} h of audio per hour); "
                f"wall time for all {args.visits}: {timing['wall_s']:.1f} s"
            )
        if "upload" not in args.skip:
            data = tmpdir / "upload"
            _seed(data, args.database_url)
            wav = tmpdir / "large.wav"
            seconds = write_large_wav(wav, args.upload_mb)
            env = clean_env(
                OFFSET_DATA_DIR=str(data),
                OFFSET_MAX_UPLOAD_MB=str(args.upload_mb + 100),
                **({"OFFSET_DATABASE_URL": args.database_url} if args.database_url else {}),
            )
            server = serve(env, tmpdir / "serve-upload.log", extra=["--no-workers"])
            try:
                time.sleep(1.0)
                result = upload_and_watch(server, _token(server.url or ""), wav)
            finally:
                server.stop()
            print(
                f"\n3. Upload of {result.megabytes:.0f} MB ({seconds / 60:.0f} min stereo 48 kHz WAV): "
                f"HTTP {result.status} in {result.seconds:.1f} s "
                f"({result.megabytes / result.seconds:.0f} MB/s, encrypted to disk)"
            )
            print(
                f"   server memory {result.rss_before_mb:.0f} MB before, {result.rss_peak_mb:.0f} MB peak: "
                f"growth {result.growth_mb:.0f} MB (target < 100 MB: {'MET' if result.growth_mb < 100 else 'MISSED'})"
            )
    load_after = os.getloadavg()
    print(f"\nload average after: {load_after[0]:.2f} / {load_after[1]:.2f} / {load_after[2]:.2f}")


if __name__ == "__main__":
    main()
