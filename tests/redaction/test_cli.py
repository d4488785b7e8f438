"""`offset redact` and `offset eval redaction` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app

runner = CliRunner()


def test_redact_json_report_with_known_and_vault(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("OFFSET_VAULT_KEY", "test-key-for-cli")
    from assistant.settings import get_settings

    get_settings.cache_clear()
    known = tmp_path / "known.json"
    known.write_text(json.dumps({"person_name": "Margaret Thompson", "nhs_number": "9434765919"}))
    text = tmp_path / "visit.txt"
    text.write_text("Margret rang. NHS number nine four three four seven six five nine one nine.")
    vault = tmp_path / "vault.bin"
    result = runner.invoke(app, ["redact", str(text), "--json", "--known", str(known), "--vault", str(vault)])
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["text"] == "[PERSON_1] rang. NHS number [NHS_NUMBER_1]."
    assert report["entity_counts"] == {"PERSON": 1, "UK_NHS": 1}
    assert {e["recognizer"] for e in report["entities"]} >= {"KnownIdentifierRecognizer"}
    assert b"Margret" not in vault.read_bytes()


def test_redact_bad_known_file_is_exit_2(tmp_path: Path) -> None:
    known = tmp_path / "known.json"
    known.write_text('{"person": "x"}')
    result = runner.invoke(app, ["redact", "-", "--known", str(known)], input="hello")
    assert result.exit_code == 2
    assert "known-identifiers" in result.output


def test_eval_redaction_prints_leak_table() -> None:
    result = runner.invoke(app, ["eval", "redaction", "--split", "heldout", "--limit", "9"])
    assert result.exit_code == 0, result.output
    assert "leak" in result.stdout and "UK_NHS" in result.stdout and "overall" in result.stdout


def test_redact_non_utf8_standard_input_is_exit_2_with_a_conversion_hint() -> None:
    result = runner.invoke(app, ["redact", "-"], input="Margaret's café".encode("cp1252"))
    assert result.exit_code == 2, result.output
    assert "not UTF-8" in result.output and "iconv" in result.output


def test_redact_binary_file_is_exit_2(tmp_path: Path) -> None:
    binary = tmp_path / "notes.txt"
    binary.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(200))
    result = runner.invoke(app, ["redact", str(binary)])
    assert result.exit_code == 2, result.output
    assert "binary" in result.output


def test_redact_bad_known_file_says_what_it_should_contain(tmp_path: Path) -> None:
    known = tmp_path / "known.json"
    for content in ('{"person": "x"}', "person_name: Margaret", '{"other_names": "David"}'):
        known.write_text(content)
        result = runner.invoke(app, ["redact", "-", "--known", str(known)], input="hello")
        assert result.exit_code == 2
        assert "Regenerate" not in result.output  # no command writes this file
        assert "person_name" in result.output and "Example:" in result.output and "other_names" in result.output
