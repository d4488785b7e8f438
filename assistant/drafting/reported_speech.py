"""Turn what someone said into reported speech attributed to them, changing only pronouns.

Nothing is added: the words of the utterance are kept, first and second person become third
("I've been struggling" -> "Client said they have been struggling"), and a short answer is
joined to the question it answers.
"""

from __future__ import annotations

import re

_FILLER = re.compile(
    r"^(?:(?:um+|uh+|erm+|er|ah+|oh|well|so|right|okay|ok|yeah|yes|and|but|like|you know|i mean|hmm+)"
    r"[\s,.!?-]+)+",
    re.IGNORECASE,
)
_FILLER_KEEP_ANSWER = re.compile(r"^(yes|yeah|no|nope|not really)\b", re.IGNORECASE)

# First person of the speaker and second person of the addressee become third person.
_SUBJECT_SWAPS: list[tuple[str, str]] = [
    (r"\bI'm\b", "they are"),
    (r"\bI am\b", "they are"),
    (r"\bI was\b", "they were"),
    (r"\bI wasn't\b", "they were not"),
    (r"\bI've\b", "they have"),
    (r"\bI'd\b", "they would"),
    (r"\bI'll\b", "they will"),
    (r"\bI\b", "they"),
    (r"\bme\b", "them"),
    (r"\bmy\b", "their"),
    (r"\bmine\b", "theirs"),
    (r"\bmyself\b", "themselves"),
    (r"\bwe're\b", "they are"),
    (r"\bwe've\b", "they have"),
    (r"\bwe'll\b", "they will"),
    (r"\bwe'd\b", "they would"),
    (r"\bwe\b", "they"),
    (r"\bus\b", "them"),
    (r"\bour\b", "their"),
    (r"\bourselves\b", "themselves"),
    (r"\byou're\b", "they are"),
    (r"\byou've\b", "they have"),
    (r"\byou'll\b", "they will"),
    (r"\byou'd\b", "they would"),
    (r"\byourself\b", "themselves"),
    (r"\byour\b", "their"),
    (r"\byours\b", "theirs"),
    (r"(^|[,;:]\s*|\b(?:and|but|if|when|that|so|because|or)\s+)you\b", r"\1they"),
    (
        r"\b(do|does|did|are|were|have|had|can|could|will|would|should|shall|how|what|when|where|why)\s+you\b",
        r"\1 they",
    ),
    (
        r"\byou(?=\s+(?:are|were|have|had|can|could|will|would|do|don't|did|didn't|need|feel|want|get|go|take|think|"
        r"know|manage|live|see|like|should|must|might|may|use|still|also|just|never|always|usually)\b)",
        "they",
    ),
    (r"\byou\b", "them"),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), r) for p, r in _SUBJECT_SWAPS]

_QUESTION_LEAD = re.compile(
    r"^(do|does|did|are|is|was|were|have|has|had|can|could|will|would|should|shall)\s+(they|it|there|he|she)\b\s*(.*)$",
    re.IGNORECASE,
)
_WH_LEAD = re.compile(
    r"^(how|what|when|where|who|why|which)\s+(?:(do|does|did)\s+)?(are|is|was|were|have|has|can|will|would)?\s*"
    r"(they|it|there|he|she)\b\s*(.*)$",
    re.IGNORECASE,
)
_DROP_AUX = {"do", "does", "did"}


def clean(text: str) -> str:
    """Normalise quotes and spaces and drop leading fillers ("um, well, so ...")."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").strip()
    text = re.sub(r"\s+", " ", text)
    m = _FILLER_KEEP_ANSWER.match(text)
    if m:
        return text
    stripped = _FILLER.sub("", text)
    return stripped or text


def shift_person(text: str) -> str:
    """First and second person to third person; everything else left as said."""
    out = text
    for pattern, repl in _COMPILED:
        out = pattern.sub(repl, out)
    return out


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and not text.startswith("["):
        return text[0].lower() + text[1:]
    return text


def _strip_end(text: str) -> str:
    return text.rstrip(" .!?,;:")


def report_question(text: str) -> str:
    """'do you take your tablets?' -> 'whether they take their tablets'."""
    shifted = _strip_end(shift_person(clean(text)))
    m = _QUESTION_LEAD.match(shifted)
    if m:
        aux, subj, rest = m.group(1).lower(), m.group(2).lower(), m.group(3)
        verb = "" if aux in _DROP_AUX else f" {aux}"
        return f"whether {subj}{verb} {rest}".strip()
    m = _WH_LEAD.match(shifted)
    if m:
        wh, _aux, verb, subj, rest = m.groups()
        verb_part = f" {verb.lower()}" if verb else ""
        return f"{wh.lower()} {subj.lower()}{verb_part} {rest}".strip()
    return f"\u201c{_lower_first(shifted)}\u201d"


def _capitalise_sentences(text: str) -> str:
    return re.sub(r"([.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def last_sentence(text: str) -> str:
    """The question itself, without the pleasantries before it."""
    parts = [p for p in re.split(r"(?<=[.!?])\s+", text.strip()) if p]
    return parts[-1] if parts else text


def is_question(text: str) -> bool:
    """An utterance that asks rather than tells."""
    return text.strip().endswith("?")


def report(text: str, speaker: str | None, question: str | None = None, question_speaker: str | None = None) -> str:
    """One sentence of reported speech: '<speaker> said <words, third person>.'

    With no speaker (no diarization) nobody is named and nothing is put in the third person:
    the words are quoted as said, after the question they answer, so no speaker is invented.
    """
    said = clean(text)
    if speaker is None:
        return _report_unattributed(said, question)
    if is_question(said):
        return f"{speaker} asked {report_question(said)}."
    body = _capitalise_sentences(_lower_first(_strip_end(shift_person(said))))
    if question:
        question = last_sentence(question)
        asker = f"by {question_speaker} " if question_speaker else ""
        return f"Asked {asker}{report_question(question)}, {speaker} said {body}."
    return f"{speaker} said {body}."


def _quote(text: str) -> str:
    body = text.strip()
    return f"\u201c{body[:1].upper()}{body[1:]}\u201d"


def _report_unattributed(said: str, question: str | None) -> str:
    if question:
        return f"Asked {_quote(last_sentence(clean(question)))}, the reply was {_quote(said)}."
    return f"Reported: {_quote(said)}."
