"""Run `offset serve` / `offset worker` as real processes (the benchmark and the crash tests use them)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
URL_LINE = re.compile(r"Offset is running at (http://127\.0\.0\.1:\d+)/")


def clean_env(**settings: str) -> dict[str, str]:
    """This environment without any OFFSET_ setting, plus `settings` (OFFSET_ names), offline."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OFFSET_")}
    env.update(PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    env.update(settings)
    return env


@dataclass
class OffsetProcess:
    popen: subprocess.Popen[str]
    log: Path
    url: str | None = None

    @property
    def pid(self) -> int:
        return self.popen.pid

    def rss_mb(self) -> float:
        """Resident memory of the process now (Linux)."""
        try:
            text = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return 0.0
        m = re.search(r"VmRSS:\s+(\d+) kB", text)
        return int(m.group(1)) / 1024 if m else 0.0

    def cpu_seconds(self) -> float:
        """User + system CPU time the process has used so far (Linux)."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill9(self) -> None:
        """SIGKILL the whole process group: no clean-up, exactly like a crash or the OOM killer."""
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=30)

    def stop(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill9()


def spawn(args: list[str], env: dict[str, str], log: Path) -> OffsetProcess:
    """Start `offset ARGS` in its own process group, output to `log`."""
    out = log.open("w")
    popen = subprocess.Popen(
        [sys.executable, "-m", "api.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    return OffsetProcess(popen, log)


def serve(env: dict[str, str], log: Path, extra: list[str] | None = None, timeout: float = 180) -> OffsetProcess:
    """Start `offset serve --port 0` and wait until it answers; its URL is in `.url`."""
    proc = spawn(["serve", "--port", "0", *(extra or [])], env, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        m = URL_LINE.search(log.read_text())
        if m:
            proc.url = m.group(1)
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{proc.url}/api/templates", timeout=5).status_code == 200:
                        return proc
                except httpx.HTTPError:
                    pass
                time.sleep(0.2)
        if proc.popen.poll() is not None:
            raise RuntimeError(f"offset serve exited: {log.read_text()[-3000:]}")
        time.sleep(0.2)
    proc.stop()
    raise RuntimeError(f"offset serve did not start in {timeout:.0f} s: {log.read_text()[-3000:]}")
