"""Vocabulary files and the recorded post-correction pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import BadInputError
from assistant.vocabulary import Vocabulary, correct_transcript, phonetic_key
from core.transcript import AudioInfo, ModelInfo, Segment, Transcript, TranscriptionOptions, Word

VOCAB = Vocabulary.from_terms(["Ealing Hospital", "ramipril", "Hillingdon", "Mencap", "telecare"], "test")


def _transcript(*texts: str) -> Transcript:
    segs = []
    for i, text in enumerate(texts):
        words = [Word(start=i + j * 0.1, end=i + j * 0.1 + 0.1, word=" " + w) for j, w in enumerate(text.split())]
        segs.append(Segment(id=f"seg-{i + 1:04d}", start=i, end=i + 1, text=text, words=words))
    return Transcript(
        id="tr_test",
        audio=AudioInfo(path="x.wav", sha256="0", format="wav", duration=9, size_bytes=1),
        model=ModelInfo(name="tiny.en", path="-", source="test"),
        options=TranscriptionOptions(model="tiny.en"),
        duration=9,
        segments=segs,
    )


def test_loads_text_and_yaml_files(speech_dir: Path, tmp_path: Path) -> None:
    txt = Vocabulary.load(speech_dir / "vocabulary.txt")
    assert "Ealing Hospital" in txt.terms and "ramipril" in txt.terms
    y = tmp_path / "team.yaml"
    y.write_text("terms:\n  places: [Southall, Hillingdon]\n  medicines: [donepezil, donepezil]\n")
    assert Vocabulary.load(y).terms == ("Southall", "Hillingdon", "donepezil")
    assert Vocabulary.load(y).hotwords == "Southall, Hillingdon, donepezil"


def test_bad_vocabulary_files_say_what_to_fix(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="no such vocabulary file"):
        Vocabulary.load(tmp_path / "missing.txt")
    bad = tmp_path / "bad.yaml"
    bad.write_text("terms: 3\n")
    with pytest.raises(BadInputError, match="'terms' must be a list"):
        Vocabulary.load(bad)


def test_phonetic_key_hears_misspellings_alike() -> None:
    assert phonetic_key("Remi-prill") == phonetic_key("ramipril")
    assert phonetic_key("healing") == phonetic_key("Ealing")
    assert phonetic_key("ramble") != phonetic_key("ramipril")


def test_near_misses_are_fixed_and_recorded() -> None:
    out = correct_transcript(_transcript("I take Remi-prill daily.", "He went to healing hospital on Friday."), VOCAB)
    first, second = out.segments
    assert first.text == "I take ramipril daily."
    assert second.text == "He went to Ealing Hospital on Friday."
    c = second.corrections[0]
    assert (c.original, c.corrected) == ("healing hospital", "Ealing Hospital")
    assert second.text[c.start_char : c.start_char + len(c.corrected)] == "Ealing Hospital"
    assert [w.word for w in second.words][3] == " Ealing Hospital"
    assert "2 corrections" in out.provenance["vocabulary"]


def test_split_words_are_joined_and_everyday_words_left_alone() -> None:
    out = correct_transcript(_transcript("We set up tele care with men cap.", "The wound is healing well."), VOCAB)
    assert out.segments[0].text == "We set up telecare with Mencap."
    assert out.segments[1].text == "The wound is healing well."
    assert out.segments[1].corrections == []


def test_cli_reads_yaml_vocabulary_as_documented(tmp_path: Path) -> None:
    from api.cli.transcribe import _read_vocabulary

    for name in ("terms.yaml", "terms.txt"):
        path = tmp_path / name
        path.write_text("terms:\n  places: [Hillingdon, Ealing Hospital]\n  medicines:\n    - ramipril\n")
        assert _read_vocabulary(path) == ["Hillingdon", "Ealing Hospital", "ramipril"]


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n" + bytes(64), b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(64)])
def test_cli_binary_vocabulary_is_a_message_not_a_traceback(tmp_path: Path, content: bytes, visit_wav: Path) -> None:
    from typer.testing import CliRunner

    from api.cli import app

    path = tmp_path / "terms.txt"
    path.write_bytes(content)
    result = CliRunner().invoke(app, ["transcribe", str(visit_wav), "--vocabulary", str(path)])
    assert result.exit_code == 2, result.output
    assert "terms" in result.output and "Traceback" not in result.output
