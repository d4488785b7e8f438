"""Small lexical cues shared by the drafters and the verifier: dates, commitments, fillers."""

from __future__ import annotations

import re

_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)
_NUM_WORD = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|\d+)"

DATE_EXPR = re.compile(
    r"\b(?:"
    rf"(?:next|this|on|by|last)?\s*{_WEEKDAY}(?:\s+(?:morning|afternoon|evening))?(?:\s+the\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r"|tomorrow|today|tonight|this (?:morning|afternoon|evening|week|month)"
    r"|(?:next|end of the|end of this|the end of the) (?:week|month|fortnight)"
    rf"|in {_NUM_WORD} (?:days?|weeks?|months?|fortnights?)"
    rf"|within {_NUM_WORD} (?:days?|weeks?|working days?)"
    r")\b"
    r"|\[DATE(?:_TIME)?_\d+\]",
    re.IGNORECASE,
)

COMMITMENT = re.compile(
    r"(?P<who>\b(?:I|we|you|they|he|she|\[[A-Z_]+_\d+\]|(?:my|your|his|her|their|the)\s+\w+))\s*"
    r"(?P<verb>'ll|'m going to|'re going to|\s+will|\s+am going to|\s+are going to|\s+is going to"
    r"|\s+can|\s+need to|\s+should)"
    r"\s+(?P<what>(?!not\b|be able\b)(?:(?!,? and (?:I|we)(?:'ll| will)\b)[^.?!])+)",
    re.IGNORECASE,
)

# Utterances that carry nothing on their own (greetings, back-channels).
TRIVIAL = re.compile(
    r"^(?:hi|hello|hiya|bye|goodbye|thanks|thank you|ok|okay|right|yes|yeah|no|mm+|hmm+|great|lovely|"
    r"good|fine|sure|see you|take care|cheers)[\s,.!?]*"
    r"(?:(?:very much|so much|then|love|dear|thanks)[\s,.!?]*)*$",
    re.IGNORECASE,
)

# Greetings and introductions: "Good morning Mr [PERSON_1]", "I'm [PERSON_2] from the adult social care team".
_GREETING = re.compile(
    r"^(?:(?:good )?(?:morning|afternoon|evening)|hello|hi|hiya|hey|welcome|nice to (?:meet|see) you)\b",
    re.IGNORECASE,
)
_INTRODUCTION = re.compile(
    r"(?:^|[,.]\s*|\b(?:and|so)\s+)(?i:i'm|i am|my name is|my name's|this is)\s+"
    r"(?:\[[A-Z_]+_\d+\]|[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?\s*,?\s+(?i:(?:an?|the|your)\s+)?"
    r"(?i:[a-z-]+\s+){0,4}?(?i:from|with|at)\s+(?i:the\s+)?[^.?!]*"
    r"(?i:team|council|service|services|department|trust|practice|surgery|hospital|office|charity)\b",
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    """The sentences of an utterance, as said."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def is_pleasantry(sentence: str) -> bool:
    """A greeting, courtesy, back-channel or introduction: nothing for a case note.

    Yes/no answers are kept: with their question they carry a fact.
    """
    s = sentence.strip()
    if YES.match(s) or NO.match(s):
        return False
    if TRIVIAL.match(s) or _INTRODUCTION.search(s):
        return True
    if _GREETING.match(s) and len(substance(s)) <= 2:
        return True
    return not substance(s) and not is_question_text(s)


def is_question_text(text: str) -> bool:
    return text.rstrip().endswith("?")


# "Can you ring me tomorrow?" asks someone to do something: an action, although a question.
REQUEST = re.compile(r"\b(?:can|could|will|would) you\s+(?P<what>[^.?!]+)", re.I)

# Words of courtesy that carry no fact ("Thank you for letting me visit", "I'm sorry to hear that").
_COURTESY = frozenset(
    [
        "thank",
        "thanks",
        "thankyou",
        "lovely",
        "sorry",
        "hear",
        "nice",
        "meet",
        "great",
        "please",
        "welcome",
        "visit",
        "visiting",
        "today",
        "letting",
        "let",
        "come",
        "coming",
        "glad",
        "pleased",
        "good",
        "morning",
        "afternoon",
        "evening",
        "bye",
        "see",
        "soon",
        "wonderful",
        "brilliant",
        "fine",
        "okay",
        "ok",
        "alright",
        "right",
        "well",
        "that",
        "would",
        "be",
        "it's",
        "its",
        "i'm",
        "you're",
        "we're",
    ]
)


def substance(text: str) -> list[str]:
    """The words of an utterance that could carry a fact (no stopwords, no courtesies)."""
    from core.lexicon import STOPWORDS

    return [w for w in words(text) if w not in STOPWORDS and w not in _COURTESY and len(w) > 1]


YES = re.compile(r"^\s*(?:yes|yeah|yep|i did|i have|i was|they did|she did|he did|correct|that's right)\b", re.I)
NO = re.compile(r"^\s*(?:no|nope|not really|never|i didn't|i haven't|i wasn't)\b", re.I)

_WORD = re.compile(r"[A-Za-z\[\]_0-9']+")


def words(text: str) -> list[str]:
    """Lower-cased word tokens (placeholders such as [PERSON_1] stay whole)."""
    return [w.lower().strip("'") for w in _WORD.findall(text)]


def find_dates(text: str) -> list[str]:
    """Date and time expressions as said ('next Tuesday', 'in two weeks', '[DATE_TIME_1]')."""
    return [m.group(0).strip() for m in DATE_EXPR.finditer(text)]
