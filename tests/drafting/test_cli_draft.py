"""`offset draft` and `offset templates list` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app

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
    result = runner.invoke(
        app, ["draft", str(fixtures_dir / "home_visit_redacted.json"), "--template", "nope"]
    )
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
