"""Actions agreed: what, who and by when, each with the utterance it came from."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.drafting.cues import COMMITMENT, REQUEST, find_dates
from assistant.drafting.reported_speech import clean, shift_person

if TYPE_CHECKING:
    from assistant.drafting.models import ActionItem

_TRAILING_DATE = re.compile(r"\s*(?:,|\bby|\bon|\bbefore)?\s*$", re.I)


def _who(subject: str, speaker: str, addressee: str | None) -> str:
    s = subject.lower()
    if s in {"i", "we"}:
        return speaker
    if s == "you":
        return addressee or "the person spoken to"
    return shift_person(subject)


def extract_action(text: str, speaker: str, addressee: str | None) -> tuple[str, str, str | None] | None:
    """(what, who, by_when) from one utterance, or None when it commits nobody to anything."""
    return next(iter(extract_actions(text, speaker, addressee)), None)


def extract_actions(text: str, speaker: str, addressee: str | None) -> list[tuple[str, str, str | None]]:
    """Every (what, who, by_when) one utterance commits someone to."""
    said = clean(text)
    found = [_one(m.group("who"), m.group("what"), speaker, addressee) for m in COMMITMENT.finditer(said)]
    if "?" in said or not found:
        r = REQUEST.search(said)
        found = [_one("you", r.group("what"), speaker, addressee)] if r else []
    return [f for f in found if f is not None]


def _one(subject: str, what: str, speaker: str, addressee: str | None) -> tuple[str, str, str | None] | None:
    who = _who(subject, speaker, addressee)
    dates = find_dates(what)
    by_when = None
    if dates:
        what = _TRAILING_DATE.sub("", what.replace(dates[0], ""))
        by_when = re.sub(r"^(?:by|on)\s+", "", dates[0], flags=re.I)
    what = re.sub(r"\s+,", ",", shift_person(what))
    what = re.sub(
        r"^(?:also|then|just|probably|definitely)\s+",
        "",
        re.sub(r"\s{2,}", " ", what).strip(" ,;:"),
        flags=re.I,
    )
    if len(what.split()) < 2:
        return None
    return what, who, by_when


def format_actions(actions: list[ActionItem]) -> str:
    """The field value for an actions field: one line per action."""
    lines = []
    for a in actions:
        tail = "; ".join(x for x in (a.who, a.by_when) if x)
        lines.append(f"- {a.what[:1].upper()}{a.what[1:]} ({tail}).")
    return "\n".join(lines)
