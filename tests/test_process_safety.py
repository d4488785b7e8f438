"""`offset process`, `draft` and `redact` lose nothing: earlier outputs are kept, bad folders and
recordings without speech are refused before any work, Ctrl-C exits 130 (issue 14)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from api.cli import app
from evaluation.synth import write_wav

runner = CliRunner()
OUTPUTS = ("transcript.json", "redacted.json", "draft.json", "draft.md", "vault.bin", "run.json")
DRAFT_FIXTURE = Path(__file__).parent / "drafting" / "fixtures" / "home_visit_redacted.json"


def _earlier_run(out: Path) -> dict[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    for name in OUTPUTS:
        (out / name).write_bytes(f"earlier run: {name}".encode())
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_process_refuses_a_folder_holding_a_visit_before_any_work(tmp_path: Path) -> None:
    out = tmp_path / "visit-41"
    before = _earlier_run(out)
    # The recording does not even exist: the folder is checked first, so that is never reached.
    result = runner.invoke(app, ["process", str(tmp_path / "visit.m4a"), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "never overwrites" in result.output and "--force" in result.output and "another --out" in result.output
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before


def test_process_into_an_unwritable_folder_is_a_message_before_any_work(
    tmp_path: Path,
    unwritable_dir: Path,
) -> None:
    result = runner.invoke(app, ["process", str(tmp_path / "visit.m4a"), "--out", str(unwritable_dir)])
    assert result.exit_code == 2, result.output
    assert "Cannot write to" in result.output and "Traceback" not in result.output


def test_draft_out_never_overwrites_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "draft.json"
    out.write_text("the practitioner's edited draft")
    args = ["draft", str(DRAFT_FIXTURE), "--out", str(out)]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2, refused.output
    assert "--force" in refused.output and out.read_text() == "the practitioner's edited draft"
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert json.loads(out.read_text())["fields"]  # the new draft


def test_redact_vault_never_overwrites_an_existing_vault(tmp_path: Path) -> None:
    vault = tmp_path / "vault.bin"
    vault.write_bytes(b"an earlier visit's only key")
    result = runner.invoke(app, ["redact", "-", "--vault", str(vault)], input="Margaret rang.")
    assert result.exit_code == 2 and "--force" in result.output
    assert vault.read_bytes() == b"an earlier visit's only key"


@pytest.mark.slow
def test_recordings_without_speech_exit_2_and_write_nothing(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    dithered = (rng.random(16_000 * 10) - rng.random(16_000 * 10)) * 2 / 32767  # 10 s of +-1 LSB dither
    write_wav(tmp_path / "silence.wav", dithered)
    write_wav(tmp_path / "clip.wav", rng.normal(0, 0.1, 4_800))  # 0.3 s
    for name, message in (("silence.wav", "no speech was found"), ("clip.wav", "too short")):
        out = tmp_path / f"out-{name}"
        result = runner.invoke(app, ["process", str(tmp_path / name), "--model", "tiny.en", "--out", str(out)])
        assert result.exit_code == 2, result.output
        assert message in result.output, result.output
        assert not any(out.iterdir()), list(out.iterdir())


@pytest.mark.slow
def test_process_force_replaces_an_earlier_run(visit_wav: Path, tmp_path: Path) -> None:
    out = tmp_path / "visit"
    _earlier_run(out)
    result = runner.invoke(app, ["process", str(visit_wav), "--model", "tiny.en", "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "run.json").read_text())["audio"] == str(visit_wav)
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)  # no temporaries left


@pytest.mark.slow
def test_ctrl_c_exits_130_and_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    bench = Path(__file__).parent.parent / "samples" / "visit_bench.ogg"  # 6.4 min: still transcribing
    out = tmp_path / "visit"
    exe = Path(sys.executable).with_name("offset")
    proc = subprocess.Popen(
        [str(exe), "process", str(bench), "--model", "tiny.en", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
        # As from a terminal: a suite started in the background by a shell (`.ci/run &`) has SIGINT ignored, and
        # a child inherits that, so Ctrl-C would never reach the command under test.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not out.exists() and time.monotonic() < deadline:  # the command has started its work
        time.sleep(0.2)
    time.sleep(3)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert list(out.iterdir()) == []
