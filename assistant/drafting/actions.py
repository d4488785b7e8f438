"""Actions agreed: what, who and by when, each with the utterance it came from."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.drafting.cues import COMMITMENT, REQUEST, find_dates
from assistant.drafting.reported_speech import clean, shift_person

if TYPE_CHECKING:
    from assistant.drafting.models import ActionItem

_TRAILING_DATE = re.compile(r"\s*(?:,|\bby|\bon|\bbefore)?\s*$", re.I)


_WILL = re.compile(r"^(?:'ll|will|am going to|are going to|is going to|'m going to|'re going to)$", re.I)


def _who(subject: str, speaker: str | None, addressee: str | None) -> str | None:
    """Who will do it; None when the transcript does not say who spoke (no diarization)."""
    s = subject.lower()
    if s in {"i", "we"}:
        return speaker
    if s == "you":
        return addressee
    return shift_person(subject)


def extract_action(text: str, speaker: str | None, addressee: str | None) -> tuple[str, str | None, str | None] | None:
    """(what, who, by_when) from one utterance, or None when it commits nobody to anything."""
    return next(iter(extract_actions(text, speaker, addressee)), None)


def extract_actions(text: str, speaker: str | None, addressee: str | None) -> list[tuple[str, str | None, str | None]]:
    """Every (what, who, by_when) one utterance commits someone to.

    'what' starts with the verb as said; a weaker commitment keeps its modal ('need to ring the GP').
    """
    said = clean(text)
    found = [
        _one(m.group("who"), _modal(m.group("verb")) + m.group("what"), speaker, addressee)
        for m in COMMITMENT.finditer(said)
    ]
    if "?" in said or not found:
        r = REQUEST.search(said)
        found = [_one("you", r.group("what"), speaker, addressee)] if r else []
    return [f for f in found if f is not None]


def _modal(verb: str) -> str:
    verb = verb.strip().lower()
    return "" if _WILL.match(verb) else f"{verb} "


def _one(
    subject: str, what: str, speaker: str | None, addressee: str | None
) -> tuple[str, str | None, str | None] | None:
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


_MODAL_LEAD = re.compile(r"^(?:can|need to|should)\b", re.I)


def format_actions(actions: list[ActionItem]) -> str:
    """The field value for an actions field: one line per action, saying who will do it when known.

    '- Practitioner will refer them for a bath seat (in two weeks).', or with nobody known,
    '- Agreed: refer them for a bath seat.'
    """
    lines = []
    for a in actions:
        what = a.what.rstrip(" .")
        when = f" ({a.by_when})" if a.by_when else ""
        if a.who:
            verb = "" if _MODAL_LEAD.match(what) else "will "
            lines.append(f"- {a.who[:1].upper()}{a.who[1:]} {verb}{what}{when}.")
        else:
            lines.append(f"- Agreed: {what}{when}.")
    return "\n".join(lines)
