"""The `offset` command line: exit codes 0 / 2 / 1 and messages that say what to do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from evaluation.synth import encode

runner = CliRunner()


def test_help_on_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    commands = ["transcribe", "process", "redact", "draft", "templates", "eval"]
    for name in commands:
        assert name in result.output
    for name in ["transcribe", "process", "redact", "draft"]:
        sub = runner.invoke(app, [name, "--help"])
        assert sub.exit_code == 0, name
        assert "Usage" in sub.output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.wav", b"This is a text file, not audio.\n" * 50, "not a readable audio file"),
        ("empty.wav", b"", "empty"),
    ],
)
def test_transcribe_bad_files_exit_2(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, ["transcribe", str(path), "--model", "tiny.en"])
    assert result.exit_code == 2
    assert message in result.output and "error:" in result.output
    assert path.read_bytes() == content


def test_transcribe_truncated_mp3_exit_2(tmp_path: Path, visit_wav: Path) -> None:
    from assistant.audio import load_audio

    full = encode(tmp_path / "visit.mp3", load_audio(visit_wav).samples[: 16000 * 20], 16000, 32000)
    cut = tmp_path / "cut.mp3"
    cut.write_bytes(full.read_bytes()[:20000])
    result = runner.invoke(app, ["transcribe", str(cut)])
    assert result.exit_code == 2
    assert "truncated" in result.output


def test_process_unknown_template_exit_2_before_any_work(tmp_path: Path, visit_wav: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["process", str(visit_wav), "--template", "no_such_form", "--out", str(out)])
    assert result.exit_code == 2
    assert "no_such_form" in result.output and "general_visit" in result.output
    assert not out.exists()


def test_transcribe_unknown_model_exit_2(visit_wav: Path) -> None:
    result = runner.invoke(app, ["transcribe", str(visit_wav), "--model", "small"])
    assert result.exit_code == 2
    assert "tiny.en" in result.output


def test_transcribe_json_from_real_console_script(visit_wav: Path) -> None:
    """The installed console script, as a user runs it."""
    exe = Path(sys.executable).with_name("offset")
    proc = subprocess.run(
        [str(exe), "transcribe", str(visit_wav), "--model", "tiny.en", "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["options"]["model"] == "tiny.en"
    assert any("hospital" in s["text"].lower() for s in data["segments"])
