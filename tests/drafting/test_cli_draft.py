"""`offset draft` and `offset templates list` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app

runner = CliRunner()


def test_draft_json_has_evidence_and_checks(fixtures_dir: Path) -> None:
    result = runner.invoke(
        app,
        ["draft", str(fixtures_dir / "home_visit_redacted.json"), "--template", "general_visit", "--json"],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    risks = next(f for f in doc["fields"] if f["id"] == "risks")
    assert risks["evidence"][0]["segment_id"].startswith("seg-")
    assert risks["checks"] and risks["checks"][0]["support"] == "supported"


def test_unknown_template_exits_2_listing_names(fixtures_dir: Path) -> None:
    result = runner.invoke(app, ["draft", str(fixtures_dir / "home_visit_redacted.json"), "--template", "nope"])
    assert result.exit_code == 2
    assert "general_visit" in result.stderr


def test_not_a_transcript_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"hello": 1}')
    result = runner.invoke(app, ["draft", str(bad)])
    assert result.exit_code == 2
    assert "x.json" in result.stderr


def test_templates_list() -> None:
    result = runner.invoke(app, ["templates", "list"])
    assert result.exit_code == 0
    assert "general_visit" in result.stdout


def test_raw_transcript_is_redacted_before_drafting(tmp_path: Path) -> None:
    from core.transcript import AudioInfo, ModelInfo, Segment, Transcript, TranscriptionOptions

    lines = [
        ("SPEAKER_0", "What matters most to you, Margaret?"),
        ("SPEAKER_1", "Staying in my own home. My phone number is 07700 900123 if the nurse needs it."),
        ("SPEAKER_1", "I fell on the stairs last week and could not get up."),
    ]
    segments = [
        Segment(id=f"seg-{i + 1:04d}", start=i * 5.0, end=i * 5.0 + 4, text=t, speaker=s)
        for i, (s, t) in enumerate(lines)
    ]
    transcript = Transcript(
        id="tr_raw",
        audio=AudioInfo(path="visit.wav", sha256="0" * 64, format="wav", duration=15.0, size_bytes=1),
        model=ModelInfo(name="tiny.en", path="-", source="test"),
        options=TranscriptionOptions(model="tiny.en"),
        duration=15.0,
        segments=segments,
        speakers={"SPEAKER_0": "Practitioner", "SPEAKER_1": "Client"},
    )
    path = tmp_path / "transcript.json"
    transcript.save(path)
    result = runner.invoke(app, ["draft", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert "07700 900123" not in result.stdout and "Margaret" not in result.stdout
    doc = json.loads(result.stdout)
    risks = next(f for f in doc["fields"] if f["id"] == "risks")
    assert "seg-0003" in [e["segment_id"] for e in risks["evidence"]]
