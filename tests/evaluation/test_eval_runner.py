"""End-to-end `offset eval run` on a 22-second visit with the real tiny.en model (slow)."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from assistant.settings import get_settings
from evaluation import eval_stages
from evaluation.runner import EvalConfig, run_eval

pytestmark = pytest.mark.slow


def test_eval_run_scores_a_visit_and_resumes(tmp_path: Path, tiny_corpus: Path, monkeypatch) -> None:
    out = tmp_path / "run"
    result = CliRunner().invoke(
        app,
        ["eval", "run", "--corpus", str(tiny_corpus), "--out", str(out), "--stages", "asr,redaction",
         "--model", "tiny.en", "--variants", "clean", "--no-progress"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "ASR tiny.en/clean: WER" in result.output
    summary = json.loads((out / "summary.json").read_text())
    asr = summary["asr"]["tiny.en/clean"]
    assert asr["visits"] == 1 and asr["wer"] < 0.35
    assert "PHONE_NUMBER" in asr["by_label"] and "KEY_TERM" in asr["by_label"]
    redaction = summary["redaction"]["scores"]
    assert redaction["overall"]["gold"] == 2  # the person's name and phone number; not the practitioner
    page = (out / "eval_report.html").read_text()
    assert page.count("data:image/png;base64,") == 1
    assert "<td>PHONE_NUMBER</td><td>1</td>" in page  # the redaction table: one phone number labelled

    # A second run with one more variant transcribes only what is missing.
    calls: list[Path] = []
    real = eval_stages.transcribe_visit

    def counting(audio: Path, *args, **kwargs):
        calls.append(audio)
        return real(audio, *args, **kwargs)

    monkeypatch.setattr(eval_stages, "transcribe_visit", counting)
    config = EvalConfig(corpus=tiny_corpus, out=out, stages=("asr",), models=("tiny.en",), variants=("clean", "noisy"))
    summary = run_eval(config, get_settings(), show_progress=False)
    assert [p.name for p in calls] == ["t01_short_visit.noisy.opus"]
    assert set(summary["asr"]) == {"tiny.en/clean", "tiny.en/noisy"}
    assert summary["asr"]["tiny.en/noisy"]["wer"] >= 0.0
