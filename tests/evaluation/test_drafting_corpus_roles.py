"""Roles on a speech-recognised transcript are scored by where each label's words fall in the script."""

from __future__ import annotations

from pathlib import Path

from core.draft import Participant
from core.transcript import AudioInfo, ModelInfo, Segment, Transcript, TranscriptionOptions, Word
from evaluation.corpus_truth import VisitTruth
from evaluation.drafting_corpus import heard_role_accuracy


def _heard(words: list[tuple[float, float, str, str]]) -> Transcript:
    segments = [
        Segment(id=f"seg-{i:04d}", start=a, end=b, text=w, speaker=sp, words=[Word(start=a, end=b, word=w, speaker=sp)])
        for i, (a, b, w, sp) in enumerate(words)
    ]
    return Transcript(
        id="tr",
        audio=AudioInfo(path="x.opus", sha256="", format="opus", duration=22.0, size_bytes=0),
        model=ModelInfo(name="base", path="", source="test"),
        options=TranscriptionOptions(model="base"),
        duration=22.0,
        segments=segments,
    )


def test_each_label_is_scored_as_the_script_speaker_it_mostly_holds(tiny_corpus: Path) -> None:
    truth = VisitTruth.load(tiny_corpus / "ground_truth" / "t01_short_visit.json")
    # P speaks 0.5-4.6 and 10.4-14.9, S 5.1-9.9 and 15.4-21.7. SPEAKER_1 holds P and one word of S.
    heard = _heard(
        [
            (1.0, 2.0, "Morning", "SPEAKER_1"),
            (2.0, 3.0, "Sarah", "SPEAKER_1"),
            (5.2, 5.6, "Morning", "SPEAKER_1"),
            (6.0, 7.0, "fall", "SPEAKER_2"),
            (11.0, 12.0, "refer", "SPEAKER_1"),
            (16.0, 17.0, "phone", "SPEAKER_2"),
            (30.0, 31.0, "applause", "SPEAKER_2"),  # outside every line: not scored
        ]
    )
    people = [
        Participant(label="SPEAKER_1", role="practitioner", name="The practitioner"),
        Participant(label="SPEAKER_2", role="family", name="A family member"),
    ]
    scored = heard_role_accuracy(truth, heard, people)
    assert scored["speakers"] == 2 and scored["correct"] == 1
    assert scored["words"] == 6 and scored["words_right"] == 3  # SPEAKER_1's P words only
    assert scored["assigned"]["SPEAKER_2"].startswith("family (mostly S: person")
