"""No network at run time, checked at the system-call level: a whole `offset process` under strace."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.netguard import trace_network

ROOT = Path(__file__).parent.parent
OFFSET = Path(sys.executable).with_name("offset")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    return {**env, "PYTHONPATH": str(ROOT), **extra}


@pytest.mark.slow
def test_the_guard_sees_a_lookup_and_an_outside_address(tmp_path: Path) -> None:
    """The check can fail: a name lookup and a connect to an outside address, from native code, are both seen.

    (onnxruntime's telemetry uploader, the call that started this, fires on some machines and not on
    others, so it cannot be the control: CI saw no lookup from it.)
    """
    script = tmp_path / "reach.py"
    script.write_text(
        "import socket\n"
        "try:\n"
        "    socket.getaddrinfo('telemetry.offset-test.invalid', 443)\n"
        "except OSError:\n"
        "    pass\n"
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
        "try:\n"
        "    s.connect(('192.0.2.1', 9))  # TEST-NET-1: a UDP connect sends no packet\n"
        "except OSError:\n"
        "    pass\n"
    )
    run = trace_network([sys.executable, str(script)], env=_env())
    assert run.process.returncode == 0, run.process.stderr
    assert any(c.target == "192.0.2.1:9" for c in run.calls), run.report()
    lookups = [c for c in run.calls if "DNS" in c.target or "name service" in c.target]
    resolv = Path("/etc/resolv.conf")
    if resolv.is_file() and "nameserver" in resolv.read_text(errors="replace"):
        assert lookups, "strace saw no name lookup: the guard would miss one\n" + run.report()


@pytest.mark.slow
def test_offset_process_makes_no_network_call(tmp_path: Path) -> None:
    # 6.4 minutes of audio keeps the process alive well past the point where telemetry would upload.
    audio = ROOT / "samples" / "visit_bench.ogg"
    run = trace_network(
        [str(OFFSET), "process", str(audio), "--model", "tiny.en", "--out", str(tmp_path / "out")],
        env=_env(),
        cwd=tmp_path,
    )
    assert run.process.returncode == 0, run.process.stderr[-2000:]
    assert (tmp_path / "out" / "run.json").is_file()
    assert run.calls == [], "network calls at run time:\n" + run.report()
