"""Many clients polling a visit's status and listing visits, concurrently, on loopback."""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from dataclasses import dataclass, field

import httpx


@dataclass
class LoadResult:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    server_cpu_ms: float = float("nan")

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + len(self.errors)


class _Connection:
    """One keep-alive HTTP/1.1 connection with the least client-side work, so the load generator,
    which shares the machine's cores with the server, costs little CPU itself."""

    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        self.host, self.port = host, port
        self.extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n{self.extra}\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await self.reader.readexactly(length)
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(Exception):
                await self.writer.wait_closed()


async def _client(
    base: str, headers: dict[str, str], visit_ids: list[str], interval: float, stop: asyncio.Event, out: LoadResult
) -> None:
    url = httpx.URL(base)
    conn = _Connection(url.host, url.port or 80, headers)
    await asyncio.sleep(random.random() * interval)  # noqa: S311 (spread the clients out)
    n = 0
    try:
        while not stop.is_set():
            path = f"/api/visits/{visit_ids[n % len(visit_ids)]}" if n % 2 == 0 else "/api/visits?limit=20"
            n += 1
            start = time.perf_counter()
            try:
                status = await conn.get(path)
                elapsed = (time.perf_counter() - start) * 1000
                if status == 200:
                    out.latencies_ms.append(elapsed)
                else:
                    out.errors.append(f"{status} {path}")
            except (OSError, asyncio.IncompleteReadError, ValueError) as e:
                out.errors.append(f"{type(e).__name__} {path}")
                await conn.close()
                conn = _Connection(url.host, url.port or 80, headers)
            await asyncio.sleep(interval)
    finally:
        await conn.close()


async def run_load(
    base: str,
    headers: dict[str, str],
    visit_ids: list[str],
    clients: int,
    interval: float,
    until: asyncio.Event,
    max_seconds: float,
) -> LoadResult:
    """`clients` pollers, each requesting every `interval` seconds, until `until` is set (or max_seconds)."""
    out = LoadResult()
    stop = asyncio.Event()
    started = time.perf_counter()
    tasks = [asyncio.create_task(_client(base, headers, visit_ids, interval, stop, out)) for _ in range(clients)]
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(until.wait(), timeout=max_seconds)
    stop.set()
    await asyncio.gather(*tasks)
    out.seconds = time.perf_counter() - started
    return out
