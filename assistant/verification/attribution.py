"""Who a statement says spoke or will act, and whether the evidence was said by someone in that role.

'Her son said she was on the floor for an hour' is wrong when only she said it; 'The practitioner
will ring the GP' is wrong when her son said he would.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.lexicon import role_from_name

if TYPE_CHECKING:
    from core.draft import Participant

_SUBJECT = (
    r"(?P<subj>(?:the |her |his |their |my |she\b|he\b|they\b|i\b|we\b|mrs\b|mr\b|ms\b|miss\b|dr\b|\[)[^,.;:]{0,40}?)"
)
_SAID = r"(?:said|says|reported|reports|explained|told|added|confirmed|agreed|asked|denied|denies|stated|states)"
_ASKED = re.compile(rf"^asked (?P<q>.+?), {_SUBJECT} {_SAID}(?: that)?\b(?P<rest>.*)$", re.I)
_TOLD = re.compile(rf"^{_SUBJECT} {_SAID}(?: that)?\b(?P<rest>.*)$", re.I)
_WILL = re.compile(rf"^{_SUBJECT} (?:will|is going to|are going to|agreed to)\b(?P<rest>.*)$", re.I)
_PRONOUNS = {"she": "she", "he": "he", "they": "they"}
# The person is asked or given a task: 'Could you ring the GP?', 'You'll make a GP appointment.'
# A clinician's plan is the patient's task too: 'I want you to take Motrin', 'we'll have you continue the
# Bumex', "you're gonna use crutches" (ACI-BENCH writes "you 're gon na").
_ASKED_TO = re.compile(
    r"\b(?:can|could|would|will) you\b|\byou(?:'ll| will| are going to|'re going to|'re gonna| are gonna)\b"
    r"|\b(?:want|like|need|ask) you to\b|\b(?:have|get|keep|put|start) you on\b"
    r"|\bhave you (?:continue|take|use|start|stay|come|follow|go)\b"
    r"|\bi'd like you\b|\byou (?:should|need to|can|may)\b",
    re.I,
)


def _spoken(text: str) -> str:
    """ACI-BENCH's tokenised speech as written: "you 're gon na" -> "you're gonna"."""
    return re.sub(r"\b(gon|wan|got) na\b", r"\1na", re.sub(r"\s+'(re|ll|d|ve|s|m)\b", r"'\1", text))


def split_frame(statement: str) -> tuple[str | None, str, bool]:
    """(who the statement says said or will do it, the claim without that frame, whether it says 'will')."""
    s = statement.strip()
    m = _ASKED.match(s)
    if m:
        # The comma stays: the question and the answer are two clauses ('... in the flat, he does his washing on a
        # Sunday'), and a date is looked for beside the answer's words, not the question's.
        return m.group("subj").strip(), f"{m.group('q')}, {m.group('rest').strip()}".strip(" ,"), False
    for pattern, will in ((_TOLD, False), (_WILL, True)):
        m = pattern.match(s)
        if m and m.group("rest").strip():
            body = m.group("rest").strip() if not will else s
            return m.group("subj").strip(), body, will
    return None, s, False


def answer_of(statement: str) -> str | None:
    """What 'Asked ..., she said <answer>' says was answered (None when it is not that frame).

    Who answered is judged on the answer alone: the question was said by whoever asked it.
    """
    m = _ASKED.match(statement.strip())
    return m.group("rest").strip(" .") if m else None


def claimed_roles(subject: str, participants: list[Participant]) -> set[str]:
    """The roles a subject phrase can refer to ('Her son' -> family; 'She' -> whoever is 'she')."""
    low = subject.lower().strip()
    for p in participants:
        if p.name.lower() == low:
            return {p.role}
    if low in _PRONOUNS:
        roles: set[str] = {p.role for p in participants if p.pronoun == _PRONOUNS[low]}
        return roles or {"person", "family", "carer", "other", "unknown"}
    if low in {"i", "we"}:
        return {"practitioner"}
    if re.match(r"^(?:mrs|mr|ms|miss)\b|^\[person_\d+\]", low):
        return {"person", "family", "carer", "other", "unknown"}
    role, _ = role_from_name(low)
    return set() if role == "unknown" else {role}


def frame_verb(statement: str, subject: str | None) -> str:
    """The reporting verb after the statement's subject ('He denied ...' -> 'denied'; '' when none)."""
    if not subject:
        return ""
    m = re.match(rf"^\W*(?:asked .+?, )?{re.escape(subject)} ({_SAID})\b", statement.strip(), re.I)
    return m.group(1).lower() if m else ""


def _reported(subject: str, verb: str, evidence_text: str) -> bool:
    """The evidence says the subject said it, with a verb of the same sense ('he denied' for 'He denied')."""
    if not verb:
        return False
    denies = verb.startswith("den")
    for m in re.finditer(rf"(?<!\w){re.escape(subject.lower())} ({_SAID})\b", evidence_text.lower()):
        if m.group(1).startswith("den") == denies:
            return True
    return False


def attribution_error(
    subject: str | None,
    evidence_roles: list[str],
    participants: list[Participant],
    evidence_text: str = "",
    will: bool = False,
    verb: str = "",
) -> str:
    """Why the statement's speaker or actor is wrong ('' when it is right or cannot be told).

    Who said it must be a speaker of the evidence. Who will do it must have said so, been asked
    to, or be named in the evidence ('my son will drive her' supports 'Her son will drive her').
    """
    known = {r for r in evidence_roles if r != "unknown"}
    if subject is None or not known:
        return ""
    if will:
        # A placeholder ('[person_3]') is one name: its letters alone are not a word of the evidence.
        tokens = re.findall(r"\[[a-z_]+_\d+\]|[a-z]+", subject.lower())
        named = [w for w in tokens if w not in {"the", "her", "his", "their", "my"}]
        low = evidence_text.lower()
        if any(re.search(rf"(?<![\w\[]){re.escape(w)}(?![\w\]])", low) for w in named):
            return ""
    elif _reported(subject, verb, evidence_text):
        return ""  # the evidence reports that they said it: a clinician dictating 'he denied any headaches'
    claimed = claimed_roles(subject, participants)
    if will and "person" in claimed and _ASKED_TO.search(_spoken(evidence_text)):
        return ""  # the practitioner asked the person to ('Could you ring the GP?', 'You'll make an appointment')
    if not claimed or claimed & known or "unknown" in set(evidence_roles):
        return ""
    said_by = ", ".join(sorted(known))
    return f"it is attributed to '{subject}', but the evidence was said by the {said_by}"
