"""RTTM/UEM loading and the speaker scores, on hand-made files where the answer is known."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import BadInputError
from core.transcript import AudioInfo, ModelInfo, Segment, Transcript, TranscriptionOptions, Word
from evaluation.datasets.rttm import load_rttm_folder
from evaluation.speaker_eval import score_labels, speakers_with_words, summarise

RTTM = """SPEAKER rec1 1 0.50 2.00 <NA> <NA> alice <NA> <NA>
SPEAKER rec1 1 3.00 2.00 <NA> <NA> bob <NA> <NA>
SPEAKER rec1 1 40.0 5.00 <NA> <NA> carol <NA> <NA>
"""


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "train.rttm").write_text(RTTM)
    (tmp_path / "train.uem").write_text("rec1 NA 0.000 30.000\n")
    (tmp_path / "rec1.wav").write_bytes(b"RIFF")
    return tmp_path


def test_turns_are_clipped_to_the_annotated_region(tmp_path: Path) -> None:
    (rec,) = load_rttm_folder(_folder(tmp_path))
    assert rec.id == "rec1" and rec.scored == (0.0, 30.0)
    assert rec.turns == (("alice", 0.5, 2.5), ("bob", 3.0, 5.0))
    assert rec.speakers == {"alice", "bob"}


def test_a_bad_line_or_missing_audio_says_what_to_fix(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "rec1.wav").unlink()
    with pytest.raises(BadInputError, match=r"no rec1\.wav"):
        load_rttm_folder(folder)
    (folder / "train.rttm").write_text("SPEAKER rec1 1 zero 2.0 <NA> <NA> alice\n")
    with pytest.raises(BadInputError, match="not an RTTM speaker line"):
        load_rttm_folder(folder)


def _transcript(words: list[tuple[float, float, str]]) -> Transcript:
    segs = [
        Segment(
            id=f"seg-{i + 1:04d}",
            start=a,
            end=b,
            text="w",
            speaker=s,
            words=[Word(start=a, end=b, word="w", speaker=s)],
        )
        for i, (a, b, s) in enumerate(words)
    ]
    return Transcript(
        id="tr_x",
        audio=AudioInfo(path="x.wav", sha256="0", format="wav", duration=60.0, size_bytes=1),
        model=ModelInfo(name="m", path="m", source="test"),
        options=TranscriptionOptions(model="m"),
        duration=60.0,
        segments=segs,
    )


def test_scores_inside_the_region_and_overlap_counts_either_speaker() -> None:
    ref = [("alice", 0.0, 2.0), ("bob", 2.0, 4.0), ("alice", 3.5, 4.0)]
    tr = _transcript([(0.5, 1.0, "A"), (2.5, 3.0, "B"), (3.6, 3.9, "B"), (50.0, 51.0, "C")])
    row = score_labels(ref, tr, (0.0, 30.0))
    assert row["words"] == 3 and row["speakers"] == 2 and row["word_attribution"] == 1.0
    wrong = _transcript([(0.5, 1.0, "A"), (2.5, 3.0, "A")])
    assert score_labels(ref, wrong, (0.0, 30.0))["word_attribution"] == 0.5


def test_summary_splits_tuned_and_held_out() -> None:
    def row(true: int, est: int, words: int, attr: float) -> dict[str, float | str]:
        return {"true_speakers": true, "estimated_speakers": est, "words": words, "given_DER": 0.1,
                "estimated_DER": 0.2, "given_word_attribution": 1.0, "estimated_word_attribution": attr}  # fmt: skip

    rows = {"a": row(2, 2, 10, 1.0), "b": row(3, 1, 30, 0.5)}
    out = summarise(rows, lambda k: k == "a")
    assert out["tuned"]["count_right"] == 1.0 and out["held_out"]["count_within_one"] == 0.0
    assert out["all"]["estimated_word_attribution"] == pytest.approx((10 + 15) / 40, abs=1e-3)


def test_speakers_with_words_leaves_out_whoever_said_nothing_recognised() -> None:
    ref = [("alice", 0.0, 2.0), ("bob", 2.0, 4.0), ("carol", 10.0, 10.4), ("dave", 40.0, 45.0), ("erin", 6.0, 7.0)]
    tr = _transcript([(0.5, 1.0, "A"), (1.9, 2.1, "A"), (5.2, 5.4, "A"), (41.0, 42.0, "A")])
    # alice and bob both talk at the second word's middle (2.0 s); the third word (5.3 s) is in no
    # turn and goes to the nearest (erin, 0.7 s away); carol has no word; dave's is outside the region
    assert speakers_with_words(ref, tr, (0.0, 30.0)) == 3
    assert speakers_with_words(ref, tr, (0.0, 60.0)) == 4


def test_summary_scores_the_count_against_both_references() -> None:
    rows: dict[str, dict[str, float | str]] = {
        k: {
            "true_speakers": 4,
            "true_speakers_with_words": 2,
            "estimated_speakers": 2,
            "words": 5,
            "given_DER": 0.1,
            "estimated_DER": 0.2,
            "given_word_attribution": 1.0,
            "estimated_word_attribution": 1.0,
        }
        for k in ("a", "b")
    }
    out = summarise(rows, lambda k: k == "a")["all"]
    assert out["count_within_one"] == 0.0 and out["count_right_vs_speakers_with_words"] == 1.0


def test_transcripts_are_saved_once_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.transcription
    from evaluation.speaker_eval import _cached_transcript

    calls: list[str] = []

    def fake_transcribe(audio: object, settings: object, model: str) -> Transcript:
        calls.append(model)
        return _transcript([(0.5, 1.0, "A")])

    monkeypatch.setattr(assistant.transcription, "transcribe", fake_transcribe)
    first = _cached_transcript(tmp_path, "org/base", "rttm", "rec1", None, None)  # type: ignore[arg-type]
    again = _cached_transcript(tmp_path, "org/base", "rttm", "rec1", None, None)  # type: ignore[arg-type]
    assert calls == ["org/base"]
    assert (tmp_path / "asr" / "org_base" / "rttm" / "rec1" / "transcript.json").is_file()
    assert again.segments[0].words[0].start == first.segments[0].words[0].start == 0.5
    _cached_transcript(None, "org/base", "rttm", "rec1", None, None)  # type: ignore[arg-type]
    assert len(calls) == 2  # without a folder nothing is cached
