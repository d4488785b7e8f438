"""Which speech-evaluation recordings may be used to choose rules (docs/speech.md)."""

from __future__ import annotations

from evaluation.speaker_eval import corpus_tuned


def test_speaker_tuning_recordings_count_as_tuning_and_held_out_visits_do_not() -> None:
    assert corpus_tuned("v03") and corpus_tuned("s07")
    assert not corpus_tuned("v07") and not corpus_tuned("v13")
