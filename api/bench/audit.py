"""`python -m api.bench.audit`: what the audit log costs on this machine (prints numbers; not a test).

For SQLite (a file, WAL) and PostgreSQL (a throw-away database on OFFSET_BENCH_POSTGRES, default the
local server): entries per second written by 1 and by 4 threads (each entry its own transaction, as
a request does: the head row serialises them), the latency of one `record()` + commit (p50 / p95),
and how fast `verify_chain` walks the log.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from api.audit import record, verify_chain
from api.db import Database, upgrade

POSTGRES = os.environ.get("OFFSET_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


@contextmanager
def _database(backend: str, folder: Path) -> Iterator[Database]:
    if backend == "sqlite":
        db = Database(f"sqlite:///{folder / 'bench.db'}")
        try:
            yield db
        finally:
            db.dispose()
        return
    import psycopg

    name = f"offset_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    db = Database(f"{base}/{name}")
    try:
        yield db
    finally:
        db.dispose()
        with psycopg.connect(POSTGRES, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _write(db: Database, threads: int, per_thread: int) -> tuple[float, list[float]]:
    latencies: list[float] = []
    lock = threading.Lock()

    def work(n: int) -> None:
        mine = []
        for i in range(per_thread):
            t0 = time.perf_counter()
            with db.session() as s:
                record(s, action="draft.read", user=None, username=f"bench{n}", detail={"i": i})
            mine.append(time.perf_counter() - t0)
        with lock:
            latencies.extend(mine)

    start = time.perf_counter()
    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return time.perf_counter() - start, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000, help="Entries written per run.")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        with tempfile.TemporaryDirectory() as tmp, _database(backend, Path(tmp)) as db:
            upgrade(db)
            for threads in (1, 4):
                seconds, lat = _write(db, threads, args.entries // threads)
                q = statistics.quantiles(lat, n=20)
                print(
                    f"{backend:10} {threads} writer(s): {len(lat) / seconds:7.0f} entries/s; record+commit "
                    f"p50 {statistics.median(lat) * 1000:.1f} ms, p95 {q[18] * 1000:.1f} ms"
                )
            t0 = time.perf_counter()
            with db.sessions() as s:
                report = verify_chain(s)
            seconds = time.perf_counter() - t0
            assert report.intact, report.problem
            print(
                f"{backend:10} verify: {report.entries} entries in {seconds:.2f} s "
                f"({report.entries / seconds:.0f} entries/s), chain intact"
            )


if __name__ == "__main__":
    main()
