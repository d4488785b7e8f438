"""Stage 2: who each speaker is - the practitioner, the person, family or carers, an interpreter.

In order of trust: the label a voice profile gave ('PRACTITIONER'); a display name someone
renamed a label to ('Daughter', 'Interpreter'); how people introduce themselves or others ("I'm
Priya, a social worker from ...", "you must be Daniel, her son?" "That's right", "thank you for
interpreting"); and, for the practitioner, who asks most of the questions. The person is whoever
else speaks most. An unlabelled transcript has no participants: nobody is named in the note.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from core.draft import Participant
from core.lexicon import RELATIONS, role_from_name

if TYPE_CHECKING:
    from assistant.drafting.utterances import Utterance
    from redaction.models import RedactedTranscript

PROFILE_LABEL = "PRACTITIONER"

_SELF_INTRO = re.compile(
    r"\b(?:i'm|i am|it's|my name is)\b[^.?!]{0,60}?\b(?:social worker"
    r"|from (?:the )?[a-z' ]*(?:team|services?|care|council|support)"
    r"|care coordinator|early help worker|support worker from|worker from|the social worker|your social worker)",
    re.I,
)
# "I'm his daughter", and with a name between: "Sorry, I'm [PERSON_3], his daughter."
_SELF_RELATION = re.compile(
    rf"\b(?i:i'm|i am)\s+(?:(?:\[[A-Z_]+_\d+\]|[A-Z][a-z]+),?\s+)?(?i:her|his|their|your)\s+"
    rf"((?i:{'|'.join(RELATIONS)}|key worker|carer))\b"
)
_OTHER_RELATION = re.compile(
    rf"\b(?:you must be|are you|this is|you're|meet)\b[^.?!]{{0,30}}?"
    rf"\b(?:her|his|their|my|your) ({'|'.join(RELATIONS)})\b",
    re.I,
)
_INTERPRETING = re.compile(r"\b(?:interpret\w*|translat\w*)\b", re.I)
# Recognition trained mostly on American speech often writes 'Mum' as 'Mom'.
_CALLS = re.compile(r"^(?:mum|mom|dad|mam|nan|grandma|grandad|mummy|mommy|daddy|nanny|nana|granny|grandpa)\b", re.I)
_TITLE = re.compile(r"\b((?i:mrs|ms|miss|mr))\b\.?\s+(?:\[|[A-Z])")
_CALLED = "calls someone Mum or Dad"
_DENIAL = re.compile(r"^\s*(?:no|nope)\b", re.I)


def _speakers(utterances: list[Utterance]) -> list[str]:
    return list(dict.fromkeys(u.speaker for u in utterances if u.speaker is not None))


def _next_other(utterances: list[Utterance], i: int, not_these: set[str]) -> tuple[str, Utterance] | None:
    for u in utterances[i + 1 : i + 4]:
        if u.speaker is not None and u.speaker not in not_these:
            return u.speaker, u
    return None


def _named_roles(redacted: RedactedTranscript, labels: list[str]) -> dict[str, tuple[str, str | None, str]]:
    """Roles the labels or their renamed display names say."""
    found: dict[str, tuple[str, str | None, str]] = {}
    for label in labels:
        if label == PROFILE_LABEL:
            found[label] = ("practitioner", None, "voice profile")
            continue
        display = redacted.speakers.get(label, label)
        role, relation = role_from_name(display)
        if role == "unknown":
            role, relation = role_from_name(label)
        if role != "unknown":
            found[label] = (role, relation, f"speaker named '{display}'")
    return found


def _introduced(utterances: list[Utterance], found: dict[str, tuple[str, str | None, str]]) -> None:
    """Roles from introductions, in transcript order (a role given earlier is kept)."""
    for i, u in enumerate(utterances):
        sp = u.speaker
        if sp is None:
            continue
        text = u.segment.text
        if sp not in found and _SELF_INTRO.search(text):
            found[sp] = ("practitioner", None, "introduced themselves as the practitioner")
        m = _SELF_RELATION.search(text)
        if m and sp not in found:
            rel = m.group(1).lower()
            role = "carer" if rel in {"carer", "key worker"} else "family"
            found[sp] = (role, None if role == "carer" else rel, f"said they are the {rel}")
        m = _OTHER_RELATION.search(text)
        nxt = _next_other(utterances, i, {sp})
        if m and nxt and nxt[0] not in found and not _DENIAL.match(nxt[1].segment.text):
            found[nxt[0]] = ("family", m.group(1).lower(), f"introduced as the {m.group(1).lower()}")
        has_interpreter = any(r == "interpreter" for r, _, _ in found.values())
        practitioner_said = found.get(sp, ("",))[0] == "practitioner"
        if _INTERPRETING.search(text) and nxt and nxt[0] not in found and practitioner_said and not has_interpreter:
            found[nxt[0]] = ("interpreter", None, "thanked for interpreting")
        if _CALLS.match(text) and sp not in found:
            found[sp] = ("family", None, _CALLED)


def _refers_to_person(u: Utterance) -> bool:
    """A relative or carer talking about the person (not the practitioner asking)."""
    return not u.questions


def _pronoun_of_person(utterances: list[Utterance], person: str | None, relations: list[str]) -> str:
    """'she' or 'he' from a title ('Mrs [PERSON_1]') or 'her son'; otherwise 'they'."""
    votes: Counter[str] = Counter()
    for u in utterances:
        if u.speaker == person:
            continue
        for m in _TITLE.finditer(u.segment.text):
            votes["he" if m.group(1).lower() == "mr" else "she"] += 2
        low = u.segment.text.lower()
        for rel in relations:
            votes["she"] += low.count(f"her {rel}")
            votes["he"] += low.count(f"his {rel}")
        if u.speaker is not None and u.speaker != person and _refers_to_person(u):
            he = len(re.findall(r"\b(?:he|him|his|he's)\b", low))
            she = len(re.findall(r"\b(?:she|her|hers|she's)\b", low))
            if he != she:
                votes["he" if he > she else "she"] += 1
        if _CALLS.match(u.segment.text):
            votes[
                "she" if u.segment.text.lower().startswith(("mum", "mom", "mam", "nan", "grandma", "granny")) else "he"
            ] += 1
    if not votes:
        return "they"
    (top, n), *rest = votes.most_common()
    return top if not rest or rest[0][1] < n else "they"


# A voice diarization split in two: a second label that asks and talks to someone ('you', 'your') as the
# practitioner does. The person and relatives talk about themselves and each other: on the tuned visits'
# speech-recognised transcripts their labels say 'you' at most 1.3 words in 100, the practitioner's 3 to 9.
_YOU = re.compile(r"\b(?:you|your|you're|you've|you'll|you'd|yourself)\b", re.I)
ADDRESSES_SHARE = 0.03
ADDRESSES_MIN_QUESTIONS = 2


def _also_practitioners(utterances: list[Utterance], found: dict[str, tuple[str, str | None, str]]) -> None:
    """Labels nobody introduced that ask questions and speak to someone, beside an identified practitioner."""
    if not any(r == "practitioner" for r, _, _ in found.values()):
        return
    words: Counter[str] = Counter()
    you: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for u in utterances:
        if u.speaker is None or u.speaker in found:
            continue
        words[u.speaker] += len(u.segment.text.split())
        you[u.speaker] += len(_YOU.findall(u.segment.text))
        asked[u.speaker] += sum(s.kind in {"question", "request"} for s in u.sentences)
    for label, n in words.items():
        if asked[label] >= ADDRESSES_MIN_QUESTIONS and you[label] >= ADDRESSES_SHARE * n:
            found[label] = ("practitioner", None, "asks questions and speaks to the person, as the practitioner does")


def assign_roles(redacted: RedactedTranscript, utterances: list[Utterance]) -> list[Participant]:
    """A participant for every speaker label, with the role, how the note names them, and why."""
    labels = _speakers(utterances)
    if not labels:
        return []
    found = _named_roles(redacted, labels)
    _introduced(utterances, found)
    if not any(r == "practitioner" for r, _, _ in found.values()):
        asked = Counter(u.speaker for u in utterances if u.speaker is not None and u.questions)
        for label, _n in asked.most_common():
            if label not in found:
                found[label] = ("practitioner", None, "asked most of the questions")
                break
    _also_practitioners(utterances, found)
    if not any(r == "person" for r, _, _ in found.values()):
        # By words, not turns: a label diarization gave a few stray words to has many short turns.
        talk: Counter[str] = Counter()
        for u in utterances:
            if u.speaker is not None:
                talk[u.speaker] += len(u.segment.text.split())
        rest = [lab for lab, _ in talk.most_common() if lab not in found]
        if not rest:
            # 'Mummy does pancakes' is weak evidence: when the only voice left for the person has it
            # (diarization put mother and child in one label), that voice is still the person.
            rest = [lab for lab, _ in talk.most_common() if found.get(lab, ("",))[2:] == (_CALLED,)]
        if rest:
            found[rest[0]] = ("person", None, "the other speaker who says most")
    person = next((lab for lab, (r, _, _) in found.items() if r == "person"), None)
    relations = [rel for r, rel, _ in found.values() if rel]
    pronoun = _pronoun_of_person(utterances, person, relations)
    poss = {"she": "her", "he": "his", "they": "their"}[pronoun]
    out = []
    for label in labels:
        role, relation, reason = found.get(label, ("other", None, "not introduced"))
        out.append(_participant(label, role, relation, reason, pronoun, poss))
    return out


def _participant(label: str, role: str, relation: str | None, reason: str, pronoun: str, poss: str) -> Participant:
    if role == "person":
        return Participant(label=label, role="person", name=pronoun.capitalize(), pronoun=pronoun, reason=reason)  # type: ignore[arg-type]
    if role == "practitioner":
        return Participant(label=label, role="practitioner", name="The practitioner", reason=reason)
    if role == "interpreter":
        return Participant(label=label, role="interpreter", name="The interpreter", reason=reason)
    if role == "carer":
        return Participant(label=label, role="carer", name=f"{poss.capitalize()} carer", reason=reason)
    if role == "family":
        rel_pronoun = RELATIONS.get(relation or "", "") or "they"
        name = f"{poss.capitalize()} {relation}" if relation else "A family member"
        return Participant(label=label, role="family", relation=relation, name=name, pronoun=rel_pronoun, reason=reason)  # type: ignore[arg-type]
    return Participant(label=label, role="other", name="Another person present", reason=reason)
