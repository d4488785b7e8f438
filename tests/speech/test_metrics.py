"""DER and term WER on hand-made inputs, where the right answer is known."""

from __future__ import annotations

import pytest

from evaluation.speech_eval import der, term_wer

REF = [("a", 0.0, 4.0), ("b", 5.0, 9.0)]


def test_der_is_zero_for_a_perfect_hypothesis_whatever_the_label_names() -> None:
    assert der(REF, [("X", 0.0, 4.0), ("Y", 5.0, 9.0)]) == 0.0


def test_der_counts_confusion_missed_speech_and_false_alarms() -> None:
    assert der(REF, [("X", 0.0, 9.0)]) == pytest.approx(0.5 + 0.5 * 0, abs=0.1)  # b all confused
    assert der(REF, [("X", 0.0, 4.0)]) == pytest.approx(0.5, abs=0.07)  # b missed
    assert der([("a", 0.0, 4.0)], [("X", 0.0, 8.0)]) == pytest.approx(1.0, abs=0.1)  # 4 s false alarm


def test_collar_forgives_small_boundary_errors() -> None:
    assert der(REF, [("X", 0.2, 4.2), ("Y", 5.2, 9.0)]) == 0.0
    assert der(REF, [("X", 0.2, 4.2), ("Y", 5.2, 9.0)], collar=0.0) > 0.0


def test_term_wer_counts_only_listed_terms() -> None:
    ref = "She takes ramipril at Ealing Hospital daily."
    assert term_wer(ref, "she takes ramipril at ealing hospital daily", ["ramipril", "Ealing Hospital"]) == (
        0,
        3,
    )
    assert term_wer(ref, "he took ramble at healing hospital", ["ramipril", "Ealing Hospital"]) == (2, 3)
