"""Re-cut Whisper's segments into sentences using word timestamps.

Whisper's segments follow its 30-second decoding windows, not the conversation: one segment often
holds the end of one speaker's sentence and the start of the other's reply. Evidence links, reported
speech and speaker attribution all work better on sentences, so the words are re-joined and split
at sentence-final punctuation, at a long pause, or where the recogniser began a new sentence
without ending the last one.

Batched decoding often drops the full stop between two speakers' turns but keeps the capital that
starts the next ("...the mask seat and the pendant alarm And I will come back"); its word timings
leave no pause there either. So a sentence also ends before a capitalised word that only ever
starts a sentence (`And`, `Can`, `Thank`...: function words, never names), when the word before it
is lower case and unpunctuated.
"""

from __future__ import annotations

import re

from core.transcript import Segment, Word, segment_id

_ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "st.", "no.", "prof.", "mt.", "rd.", "e.g.", "i.e.", "etc."}
_SENTENCE_END = re.compile(r"[.?!]['\")\]]*$")
# Function words the recogniser capitalises only at the start of a sentence ("I" is left out: it
# is always capitalised).
SENTENCE_STARTERS = frozenset(
    """
    And But So Or Can Could Would Will Shall Should May Might Must Do Does Did Is Are Was Were Have Has
    Had If When Where What Why How Who Which That This These Those There Thank Thanks Yes Yeah No Okay
    Ok Well Right Please Let's We You They He She It It's That's There's My Our Your Oh Now Then Also
    """.split()  # noqa: SIM905 - a word list reads best as text
)
PAUSE_SPLIT_S = 1.2
MAX_SENTENCE_S = 25.0


def _ends_sentence(word: str) -> bool:
    w = word.strip().lower()
    return bool(_SENTENCE_END.search(w)) and w not in _ABBREVIATIONS


def _starts_unmarked_sentence(previous: str, word: str) -> bool:
    """`word` opens a new sentence although `previous` did not end one (see the module docstring)."""
    prev = previous.strip()
    return (
        word.strip() in SENTENCE_STARTERS
        and bool(prev)
        and prev[-1].isalnum()  # no comma, dash or other punctuation before it
        and prev[0].islower()
    )


def _join(words: list[Word]) -> str:
    return "".join(w.word for w in words).strip()


def split_into_sentences(segments: list[Segment]) -> list[Segment]:
    """Return sentence-level segments (ids re-numbered seg-0001...), keeping words, times and scores."""
    items: list[tuple[Word, Segment]] = [(w, s) for s in segments for w in s.words]
    if not items:
        return segments
    out: list[Segment] = []
    current: list[tuple[Word, Segment]] = []

    def flush() -> None:
        if not current:
            return
        words = [w for w, _ in current]
        text = _join(words)
        if text:
            sources = [s for _, s in current]
            # Word-weighted mean of the source segments' scores.
            logprob = sum(s.avg_logprob for s in sources) / len(sources)
            first = sources[0]
            out.append(
                Segment(
                    id=segment_id(len(out)),
                    start=words[0].start,
                    end=words[-1].end,
                    text=text,
                    speaker=first.speaker,
                    avg_logprob=round(logprob, 4),
                    no_speech_prob=max(s.no_speech_prob for s in sources),
                    language=first.language,
                    words=words,
                )
            )
        current.clear()

    for i, (word, seg) in enumerate(items):
        current.append((word, seg))
        nxt = items[i + 1][0] if i + 1 < len(items) else None
        gap = (nxt.start - word.end) if nxt is not None else 0.0
        too_long = word.end - current[0][0].start > MAX_SENTENCE_S
        unmarked = nxt is not None and _starts_unmarked_sentence(word.word, nxt.word)
        if nxt is None or _ends_sentence(word.word) or gap > PAUSE_SPLIT_S or too_long or unmarked:
            flush()
    flush()
    return out
