"""The one text toolkit the drafters and the verifier share: sentences, words, questions, dates, fillers.

Everything here is plain string work over one utterance or statement; no models, no state.
"""

from __future__ import annotations

import re

from core.lexicon import STOPWORDS

_WORD = re.compile(r"[A-Za-z\[\]_0-9']+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# A sentence ends at . ! ? or just after a quote it closes ('He said: “Yes.” She said: ...').
_STATEMENT_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"\u201d]))\s+(?=[A-Z\[\"\u201c])")


def normalise(text: str) -> str:
    """Straight quotes and single spaces."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    """The sentences of an utterance, as said (split after . ! ?)."""
    return [s for s in _SENTENCE_END.split(normalise(text)) if s]


def statements(value: str) -> list[str]:
    """Sentences of a drafted field value, one per list line; each must carry a word.

    A quote is one statement however many sentences it holds: an own-words field's quotes, each
    from its own speaker, are checked one by one, and a quote is not cut from the name that said it.
    """
    parts: list[str] = []
    for line in re.split(r"\n+", value):
        held: list[str] = []  # the sentences of a quote still open
        for piece in _STATEMENT_END.split(line):
            held.append(piece)
            joined = " ".join(held)
            if joined.count("\u201c") <= joined.count("\u201d"):
                parts.append(joined)
                held = []
        parts.extend(held)  # a quote never closed: its sentences one by one, as before
    parts = [p.strip().lstrip("-*\u2022 ").strip() for p in parts]
    return [p for p in parts if content_words(p)]


def words(text: str) -> list[str]:
    """Lower-cased word tokens (placeholders such as [PERSON_1] stay whole)."""
    return [w for w in (t.lower().strip("'") for t in _WORD.findall(text)) if w]


def content_words(text: str, ignore: frozenset[str] = frozenset()) -> list[str]:
    """The words that carry facts: no stopwords, no reporting verbs, nothing in `ignore`."""
    return [w for w in words(text) if (w not in STOPWORDS and w not in ignore and len(w) > 1) or w.isdigit()]


# --- questions ---------------------------------------------------------------------------------

_INTERROGATIVE = frozenset(
    """what how when where who whom whose why which do does did are is was were have has had can could
    will would should shall may might any anything anyone tell isn't aren't don't doesn't didn't haven't
    hasn't won't wouldn't can't couldn't""".split()  # noqa: SIM905 - a word list reads best as text
)
_CONJUNCTIONS = frozenset(["and", "but", "so", "or", "then"])


def last_sentence(text: str) -> str:
    """The final sentence (a question without the courtesies said before it)."""
    parts = sentences(text)
    return parts[-1] if parts else normalise(text)


def is_question(text: str) -> bool:
    """Asks rather than tells; not an answer the recogniser punctuated as a question ('Staying at home?')."""
    text = normalise(text)
    if not text.endswith("?"):
        return False
    clauses = [words(c) for c in re.split(r"[,;:]", last_sentence(text))]
    # 'Actually, could I ...?', 'Your tablets, are you taking them?', '..., is that right?'
    clauses = [c[1:] if c and c[0] in _CONJUNCTIONS else c for c in clauses]
    return any(c and (_interrogative(c[0]) or _interrogative(c[-1])) for c in clauses)


def _interrogative(word: str) -> bool:
    return word in _INTERROGATIVE or word.split("'")[0] in _INTERROGATIVE  # "what's", "how's"


# An answer that opens with a plain yes or no word ("Yeah, most days.", "No.").
OPENS_YES_NO = re.compile(r"^\s*(?:yes|yeah|yep|no|nope)\b", re.I)
YES = re.compile(
    r"^\s*(?:yes|yeah|yep|yup|i do|i did|i have|i was|i am|they did|she did|he did|correct|that's right|sometimes)\b",
    re.I,
)
NO = re.compile(
    r"^\s*(?:no|nope|not really|never|none|nothing like that|i don't|i didn't|i haven't|i wasn't|i'm not)\b"
    r"|^\s*not\b[^.?!]*,\s*no\b",
    re.I,
)

# "Can you ring me tomorrow?" asks someone to do something: an action, although a question.
REQUEST = re.compile(r"\b(?:can|could|will|would) you\s+(?!like\b|mind\b|prefer\b|rather\b)(?P<what>[^.?!]+)", re.I)

# --- dates ----------------------------------------------------------------------------------------

_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)
_ORDINAL_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
    r"|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth"
    r"|twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirty[- ]first)"
)
_NUM_WORD = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|\d+)"

DATE_EXPR = re.compile(
    r"\b(?:"
    rf"(?:next|this|on|by|last)?\s*{_WEEKDAY}(?:\s+(?:morning|afternoon|evening))?(?:\s+the\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"|(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORDINAL_WORD})\s+(?:of\s+)?{_MONTH}(?:\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r"|tomorrow|today|tonight|yesterday|this (?:morning|afternoon|evening|week|month)"
    r"|(?:next|last|end of the|end of this|the end of the) (?:week|month|fortnight)"
    rf"|in {_NUM_WORD} (?:days?|weeks?|months?|fortnights?)(?: time)?"
    rf"|within {_NUM_WORD} (?:days?|weeks?|working days?)"
    r")\b"
    r"|\[DATE(?:_TIME)?_\d+\]",
    re.IGNORECASE,
)


def find_dates(text: str) -> list[str]:
    """Date and time expressions as said ('next Tuesday', 'in two weeks', '[DATE_TIME_1]')."""
    return [m.group(0).strip() for m in DATE_EXPR.finditer(text)]


def date_core(expr: str) -> str:
    """A date without its preposition ('on Friday' -> 'friday'), for comparing statement and evidence."""
    return re.sub(r"^(?:by|on|next|this|last|the)\s+", "", expr.lower().strip())


# --- fillers and false starts ------------------------------------------------------------------

_FILLER_WORDS = r"(?:um+|uh+|erm+|er+|ah+|hmm+|mm+)"
_FILLER = re.compile(rf"(?:^|(?<=[\s,]))(?:{_FILLER_WORDS})(?:[,.]|\s|$)+", re.I)
_HEDGES = re.compile(
    r"(?:^|,)\s*(?:you know|i mean)\b,?|,?\s*\b(?:sort of|kind of|if i'm honest|to be honest|honestly|mind"
    r"|bless (?:her|him)|that sort of thing|and that|or anything)\b,?",
    re.I,
)
# A name or endearment said to someone at the end of a sentence: ', Mum.' ', love.' ', Mrs [PERSON_1]?'
_VOCATIVE = re.compile(
    r",\s*(?:mum|dad|mam|love|dear|hen|pet|mate|son|sweetheart"
    r"|(?:mr|mrs|ms|miss|dr)\.? \[[A-Z_]+_\d+\]|\[[A-Z_]+_\d+\])"
    r"\s*(?=[.?!]?$)",
    re.I,
)
_LEAD = re.compile(r"^(?:(?:well|so|oh|right|okay|ok|and|but|like|look|actually|now|anyway)\b[\s,.-]+)+", re.I)
_REPEAT = re.compile(r"\b(\w+(?:'\w+)?)(?:,?\s+\1\b)+", re.I)
# 'I just, I fall asleep' / 'it, it curls': a short restart before the same opening word.
_RESTART = re.compile(r"\b(I|it|we|he|she|they|you)\b(\s+(?:just|was|is|mean|think|er|um))?,\s+\1\b", re.I)


def strip_fillers(text: str) -> str:
    """Drop fillers (um, er), hedges (you know, if I'm honest), leading discourse words, repeats and restarts.

    The words that carry the fact stay as said: 'Well, um, I, I fall asleep' -> 'I fall asleep'.
    Yes/no answers keep their 'yes'/'no'.
    """
    out = normalise(text)
    out = _FILLER.sub(" ", out)
    out = _HEDGES.sub("", out)
    out = _REPEAT.sub(r"\1", out)
    out = _RESTART.sub(lambda m: m.group(0) if _negative_word(m.group(2) or "") else m.group(1), out)
    out = _VOCATIVE.sub("", out)
    out = _LEAD.sub("", out.strip(" ,"))
    out = re.sub(r"\s+([,.?!])", r"\1", re.sub(r"\s{2,}", " ", out)).strip(" ,")
    out = re.sub(r"([,.?!])\s*,", r"\1", out)
    out = re.sub(r",\s*(and|but|so|or),", r", \1", out)
    return out[:1].upper() + out[1:] if out else out


def _negative_word(text: str) -> bool:
    return bool(re.search(r"n't\b|\bnot\b|\bnever\b|\bno\b", text, re.I))


def substance(text: str) -> list[str]:
    """Content words that could carry a fact (no stopwords, no courtesies)."""
    return [w for w in content_words(text) if w not in COURTESY]


COURTESY = frozenset(
    """thank thanks thankyou lovely sorry hear nice meet great please welcome visit visiting today letting let
    come coming glad pleased good morning afternoon evening bye see soon wonderful brilliant fine okay ok
    alright right well that would be it's its i'm you're we're helpful really""".split()  # noqa: SIM905
)
