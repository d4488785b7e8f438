"""Per-segment language detection and translation with the real multilingual base model."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.audio import load_audio
from assistant.languages import add_translations, detect_segment_languages, english_text
from core.transcript import Transcript

pytestmark = pytest.mark.slow


def test_interpreted_visit_finds_polish_segments_and_translates_them(speech_dir: Path) -> None:
    from assistant.transcription import transcribe

    audio = load_audio(speech_dir / "mixed_language.ogg")
    tr = detect_segment_languages(audio, transcribe(audio, model="base"), model="base")
    langs = [s.language for s in tr.segments]
    assert tr.language == "en"
    assert langs[0] == "en" and "pl" in langs
    out = add_translations(audio, tr, model="base")
    polish = next(s for s in out.segments if s.language == "pl")
    assert polish.translation and polish.text != polish.translation  # original kept beside the rendering
    assert english_text(polish) == polish.translation
    assert all(s.translation is None for s in out.segments if s.language == "en")
    assert "machine translation" in out.provenance["translation"]


def test_english_only_model_warns_instead_of_guessing(visit_audio, visit_transcript: Transcript) -> None:  # type: ignore[no-untyped-def]
    out = detect_segment_languages(visit_audio, visit_transcript, model="tiny.en")
    assert any("multilingual" in w for w in out.warnings)
    assert out.segments == visit_transcript.segments
