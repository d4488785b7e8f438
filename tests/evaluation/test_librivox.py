from pathlib import Path

import pytest

from assistant.errors import BadInputError
from evaluation.datasets.librivox import load_librivox

FOLDER = Path(__file__).parent / "fixtures" / "librivox"


def test_loads_clips_with_transcripts() -> None:
    clips = load_librivox(FOLDER)
    assert [c.id for c in clips] == ["clip-0001"]
    assert clips[0].transcript == "he was not an ill disposed young man"
    assert clips[0].audio.is_file()


def test_missing_transcript_is_named(tmp_path: Path) -> None:
    (tmp_path / "fileids").write_text("a\n")
    (tmp_path / "transcription").write_text("<s> hello </s> (b)\n")
    with pytest.raises(BadInputError, match="no transcript for `a`"):
        load_librivox(tmp_path)
