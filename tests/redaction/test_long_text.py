"""Long texts: redacted window by window, in bounded memory, with placeholders consistent throughout."""

from __future__ import annotations

from itertools import pairwise

import pytest

from assistant.settings import Settings
from redaction.chunks import windows
from redaction.redactor import Redactor

VISIT = (
    "Margaret Thompson rang again about the carers. Her NHS number is 943 476 5919 and she lives at "
    "42 Acacia Avenue, Leeds LS6 2AB. Her daughter Sarah's mobile is 07700 900123. "
    "We talked about the stairs and the bath board, and about her medication at night. "
)


def test_windows_cover_the_text_and_end_at_sentence_breaks() -> None:
    text = VISIT * 40
    spans = windows(text, size=2000, overlap=300)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, e1), (s2, e2) in pairwise(spans):
        assert s2 < e1 <= e2 and e1 - s2 <= 300 + 1  # they overlap, by at most the overlap
        assert text[e1 - 2 : e1] == ". "  # a window ends at a sentence break
    assert windows("short text", size=2000) == [(0, 10)]


@pytest.fixture(scope="module")
def small_windows() -> Redactor:
    """A redactor whose spaCy refuses texts over 5,000 characters, with 3,000-character windows."""
    r = Redactor(Settings(_env_file=None), window_chars=3000)  # type: ignore[call-arg]
    r.analyzer.nlp_engine.nlp["en"].max_length = 5000  # type: ignore[attr-defined]
    return r


def test_text_longer_than_the_nlp_limit_is_redacted_with_one_placeholder_per_value(
    small_windows: Redactor, redactor: Redactor
) -> None:
    text = VISIT * 60  # ~17,000 characters: over the limit, six windows
    result = small_windows.redact_text(text)
    for value in ("Margaret", "Thompson", "943 476 5919", "Acacia", "LS6 2AB", "Sarah", "07700 900123"):
        assert value not in result.text
    # Every repetition got the same placeholders as the first: one person, one NHS number...
    first = result.text[: result.text.index("medication at night.")]
    assert result.text == (first + "medication at night. ") * 60
    assert "[PERSON_1]" in first and "[PERSON_3]" not in result.text
    # The same as redacting one visit alone with the usual windows.
    assert first + "medication at night. " == redactor.redact_text(VISIT).text
