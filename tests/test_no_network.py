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
def test_the_guard_sees_onnxruntime_telemetry_when_it_is_left_on(tmp_path: Path) -> None:
    """The check can fail: faster-whisper's VAD session, telemetry not switched off, reaches for Microsoft."""
    script = tmp_path / "vad.py"
    script.write_text(
        "import time\n"
        "from faster_whisper.vad import VadOptions, get_speech_timestamps\n"
        "from faster_whisper.audio import decode_audio\n"
        f"get_speech_timestamps(decode_audio({str(ROOT / 'tests/fixtures/speech/vocab_terms.ogg')!r}), VadOptions())\n"
        "time.sleep(15)  # the uploader starts about ten seconds after the first session\n"
    )
    run = trace_network([sys.executable, str(script)], env=_env())
    assert run.process.returncode == 0, run.process.stderr
    assert any("DNS" in c.target for c in run.calls), "strace saw no DNS query: the guard would miss one"
    assert any("mobile" in c.line for c in run.calls), run.report()


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
