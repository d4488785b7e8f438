"""Stage 4: routed sentences become the statements of a case note, in the third person, attributed.

A question and its answer become one statement ("Asked about meals, she said she does a bit of
toast and soup."); the sentences one speaker says in a row in one field share one "said"; a
field that asks for the person's own words keeps a short quote. With no speaker labels nobody is
named and nothing is put in the third person: the words are quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.drafting.speech import report_question, strip_question_lead, third_person
from core.text import NO, OPENS_YES_NO, YES, content_words, sentences, strip_fillers, substance

if TYPE_CHECKING:
    from collections.abc import Iterable

    from assistant.drafting.routing import Asked, Unit
    from core.draft import Participant

OWN_WORDS_MAX = 30
SELF_CONTAINED = 4  # content words that make an answer a statement on its own, without its question
FIRST_SENTENCE_WORDS = 4  # ... and words its first sentence needs to read without the question


@dataclass
class Statement:
    """One sentence (or a few from one utterance) of the note, with the segments it rests on."""

    text: str
    units: list[Unit]
    segment_ids: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return max(u.score for u in self.units)

    @property
    def words(self) -> int:
        return len(self.text.split())


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _strip_end(text: str) -> str:
    text = text.strip().rstrip(" .!?,;:")
    return re.sub(r"([.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


_KEEP_CAPITAL = re.compile(
    r"^(?:\[|I\b|I'|[A-Z]{2,}|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|May|June|July|August|September|October|November|December|Christmas|Easter|Mr|Mrs|Ms|Miss|Dr)\b)"
)


def _lower_first(text: str) -> str:
    """Lower-case the first word unless it is a name: names were redacted to placeholders before drafting."""
    if text[:1].isupper() and not _KEEP_CAPITAL.match(text):
        return text[0].lower() + text[1:]
    return text


# An answer that opens on what the speaker did, without saying who: 'Bruised my hip', 'Fell on the stairs'.
_SUBJECTLESS = re.compile(
    r"^(?!(?:I|We|She|He|They|It)\b)(?:[A-Z][a-z]+ed|Fell|Broke|Hurt|Cut|Lost|Took|Went|Got|Had|Made)"
    r" (?:my|our|the|a|an|it|them|off|down|over|out|on|up)\b"
)
_NOT_X_NO = re.compile(r"^\s*not\b[^.?!]*,\s*no\b[.!,]*\s*", re.I)


def _yes_no(text: str) -> tuple[str | None, str]:
    """('yes' | 'no' | None, the rest of the answer after it)."""
    m = _NOT_X_NO.match(text)
    if m:
        return "no", text[m.end() :]
    for word, pattern in (("no", NO), ("yes", YES)):
        m = pattern.match(text)
        if m and OPENS_YES_NO.match(text):
            rest = re.sub(
                r"^\s*(?:yes|yeah|yep|yup|no|nope)\b[\s,.!]*(?:(?:yes|yeah|no)\b[\s,.!]*)*", "", text, flags=re.I
            )
            return word, rest
    return None, text


class Composer:
    """Writes statements for one transcript's participants."""

    def __init__(self, participants: list[Participant]) -> None:
        self.by_label = {p.label: p for p in participants}
        self.person = next((p for p in participants if p.role == "person"), None)
        self.practitioner = next((p for p in participants if p.role == "practitioner"), None)

    def who(self, label: str | None) -> Participant | None:
        return self.by_label.get(label) if label is not None else None

    def addressee(self, speaker: Participant | None) -> Participant | None:
        """Who a speaker is talking to: the practitioner talks to the person; everyone else to the practitioner."""
        if speaker is None:
            return None
        return self.person if speaker.role == "practitioner" else self.practitioner

    def body(self, text: str, label: str | None) -> str:
        """The words of a sentence in the third person (as said, quoted, when nobody knows who spoke)."""
        speaker = self.who(label)
        if speaker is None:
            return text
        return third_person(text, speaker, self.addressee(speaker))

    def compose(self, units: list[Unit], own_words: bool = False) -> list[Statement]:
        """Statements for the units of one field, in transcript order; a run by one speaker shares a frame."""
        out: list[Statement] = []
        last_speaker: str | None = "\x00"
        for group in _by_utterance(units):
            first = group[0]
            text = _joined(u.text for u in group)
            speaker = self.who(first.utterance.speaker)
            question = first.question
            if own_words:
                st = self._own_words(text, speaker)
            elif speaker is None:
                st = self._unattributed(text, question.text if question else None)
            else:
                st = self._attributed(text, speaker, question, continuing=last_speaker == speaker.label)
            ids = [u.utterance.segment.id for u in group]
            if question is not None:
                ids = [question.segment_id, *ids]
            out.append(Statement(st, group, list(dict.fromkeys(ids))))
            last_speaker = speaker.label if speaker else None
        return out

    def _attributed(self, text: str, speaker: Participant, question: Asked | None, continuing: bool) -> str:
        if speaker.role != "practitioner" and _SUBJECTLESS.match(text):
            text = f"I {text[:1].lower()}{text[1:]}"  # 'Bruised my hip' is 'I bruised my hip': 'she said she bruised'
        body = _strip_end(third_person(text, speaker, self.addressee(speaker)))
        name = speaker.name
        if question is not None and not substance(question.text):
            question = None  # 'Is that OK?', 'Is that alright?': folding it in would add words, not a fact
        if question is not None:
            asker = self.who(question.speaker)
            raw = strip_question_lead(question.text)
            q = third_person(raw, asker, self.addressee(asker)) if asker else raw
            answer, rest = _yes_no(text)
            asked = report_question(q)
            if answer and len(content_words(rest)) < 2:
                return f"Asked {asked}, {_lower_first(name)} said {answer}."
            if answer:
                rest_body = _strip_end(third_person(rest, speaker, self.addressee(speaker)))
                return f"Asked {asked}, {_lower_first(name)} said {answer}: {_lower_first(rest_body)}."
            if not self_contained(text):
                return f"Asked {asked}, {_lower_first(name)} said {_lower_first(body)}."
            # The answer says it all: the question would only add words (it stays in the evidence).
        if continuing:
            return f"{_cap(body)}."
        if speaker.role == "practitioner" and body.lower().startswith("the practitioner "):
            return f"{_cap(body)}."
        return f"{name} said {_lower_first(body)}."

    def _own_words(self, text: str, speaker: Participant | None) -> str:
        words = strip_fillers(text).split()
        quote = " ".join(words[:OWN_WORDS_MAX]) + (" ..." if len(words) > OWN_WORDS_MAX else "")
        name = speaker.name if speaker else "Someone present"
        # A question quoted stays a question: 'A commode in my living room?' is no wish for one.
        end = "?" if quote.rstrip().endswith("?") else "."
        return f"{name} said: \u201c{_strip_end(quote)}{end}\u201d"

    @staticmethod
    def _unattributed(text: str, question: str | None) -> str:
        if question:
            return f"Asked \u201c{_strip_end(question)}?\u201d, the reply was \u201c{_strip_end(text)}.\u201d"
        return f"Reported: \u201c{_strip_end(text)}.\u201d"


def self_contained(answer: str) -> bool:
    """An answer that reads on its own, without its question: enough content words, and a first sentence
    that is more than a word or two ('Slowly.' needs 'Asked how she manages the stairs')."""
    parts = sentences(answer)
    first = parts[0] if parts else answer
    return len(content_words(answer)) >= SELF_CONTAINED and len(first.split()) >= FIRST_SENTENCE_WORDS


def _joined(texts: Iterable[str]) -> str:
    """Units of one utterance as one text, each a sentence: 'I'll visit again in two weeks' and 'I'll ring you on
    Thursday', two commitments split from one sentence, are two sentences, not one run on."""
    out = ""
    for t in texts:
        t = t.strip()
        if out and not re.search(r"[.!?][\"\u201d]?$", out):
            out += "."
        out = f"{out} {t}" if out else t
    return out


def said_at(u: Unit) -> tuple[int, int, int]:
    """Where a unit was said: its utterance, its sentence, and, for a sentence split in two, where its words start."""
    at = u.utterance.segment.text.find(" ".join(u.text.split()[:3]))
    return u.utterance.index, u.position, max(at, 0)


def _by_utterance(units: list[Unit]) -> list[list[Unit]]:
    """Consecutive units of one utterance, together (they make one statement)."""
    groups: list[list[Unit]] = []
    for u in sorted(units, key=said_at):
        if groups and groups[-1][0].utterance is u.utterance:
            groups[-1].append(u)
        else:
            groups.append([u])
    return groups
