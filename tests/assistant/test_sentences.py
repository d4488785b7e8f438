"""Re-cutting recognised words into sentences, including turns the recogniser ran together."""

from __future__ import annotations

from assistant.transcription.sentences import split_into_sentences
from core.transcript import Segment, Word


def _segment(text: str, gap_after: dict[int, float] | None = None) -> Segment:
    """One segment whose words follow each other 0.3 s apart (plus any gap given after word i)."""
    words, t = [], 0.0
    for i, token in enumerate(text.split()):
        words.append(Word(start=t, end=t + 0.25, word=f" {token}"))
        t += 0.3 + (gap_after or {}).get(i, 0.0)
    return Segment(id="seg-0001", start=0.0, end=t, text=text, words=words)


def _texts(text: str, gap_after: dict[int, float] | None = None) -> list[str]:
    return [s.text for s in split_into_sentences([_segment(text, gap_after)])]


def test_splits_at_full_stops_and_questions_but_not_titles() -> None:
    assert _texts("Good morning, Mr. Whitaker. How are you?") == ["Good morning, Mr. Whitaker.", "How are you?"]


def test_splits_at_a_long_pause() -> None:
    assert _texts("I see the doctor tomorrow at ten", gap_after={3: 1.5}) == ["I see the doctor", "tomorrow at ten"]


def test_splits_where_a_capitalised_function_word_starts_an_unmarked_sentence() -> None:
    text = "I will refer you for the bath seat and the pendant alarm And I will come back in two weeks"
    assert _texts(text) == [
        "I will refer you for the bath seat and the pendant alarm",
        "And I will come back in two weeks",
    ]
    assert _texts("see my grandson that we can Can you manage washing") == [
        "see my grandson that we can",
        "Can you manage washing",
    ]


def test_names_and_words_after_punctuation_do_not_split() -> None:
    assert _texts("I went to see Sarah at the surgery") == ["I went to see Sarah at the surgery"]
    assert _texts("Not too bad, And then it got worse") == ["Not too bad, And then it got worse"]
    assert _texts("I think I can do it") == ["I think I can do it"]
