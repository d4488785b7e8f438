"""Actions agreed: what, who and by when, from a commitment someone made; fragments are not actions.

"I'll refer you to occupational therapy this week" said by the practitioner is an action: the
practitioner, refer her to occupational therapy, this week. "Can arrange that" (what?) and
"ask Dr" (cut short) are not, and are not emitted.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.text import REQUEST, content_words, find_dates

if TYPE_CHECKING:
    from core.draft import ActionItem

COMMITMENT = re.compile(
    # A placeholder ('[PERSON_3] will ask the garden centre') starts with '[', where no word boundary is.
    r"(?P<who>\b(?:I|we|you|they|he|she|(?:my|your|his|her|their|the)\s+\w+(?:\s+(?:team|service|nurse|worker|staff))?)|\[[A-Z_]+_\d+\])\s*"
    r"(?P<verb>'ll|'m going to|'re going to|\s+will|\s+am going to|\s+are going to|\s+is going to"
    r"|\s+can|\s+need to|\s+should|\s+would like to|'d like to)"
    r"\s+(?P<what>(?!not\b|be able\b|be\b)(?:(?!,? and (?:I|we)(?:'ll| will)\b)[^.?!])+)",
    re.IGNORECASE,
)
# A verb that does something: an action starts with one.
_ACTION_VERBS = frozenset(
    """refer arrange ring call phone book send order speak ask visit come check contact write email look apply
    set chase review bring give try make talk sort put get find help organise let pop drop see text request
    raise follow start increase reduce stop change prescribe offer do go take pass share update complete
    fill register meet attend discuss arrange invite sign provide fit install collect tell inform notify alert
    leave liaise""".split()  # noqa: SIM905
)
# 'I'll tell you what I think' says something to the person there and then: not an action.
_TELL_HERE = re.compile(r"^tell (?:you|her|him|them|me)\b", re.I)
_DANGLING = re.compile(r"\b(?:to|for|with|the|a|an|and|or|of|about|dr|mr|mrs|ms)\.?$", re.I)
_VAGUE = re.compile(
    r"^(?:\S+\s+){0,4}(?:about |with |into )?(?:that|it|this|those|them|so|something|you|me|him|her|us|again)$"
    r"|^give (?:it|that|this) a (?:try|go)\b",  # agreeing to what was offered, not an action of their own
    re.I,
)
_TRAILING_DATE = re.compile(r"\s*(?:,|\bby|\bon|\bbefore|\bfor)?\s*$", re.I)
_LEADING = re.compile(r"^(?:also|then|just|probably|definitely|first|second|third|fourth|and)\s+", re.I)


# 'I'd like to', 'I can', 'I need to' commit the practitioner; from anyone else they are wishes or abilities.
_FIRM = re.compile(r"^(?:'ll|'m going to|'re going to|will|am going to|are going to|is going to)$", re.I)


def _option(m: re.Match[str]) -> bool:
    """'You can ring the crisis line any time': an option offered, not something anyone agreed to do."""
    return m.group("who").lower() == "you" and m.group("verb").strip().lower() in {"can", "should"}


def is_commitment(text: str, practitioner: bool = True) -> bool:
    """The text commits someone to do something ('I'll ring the GP')."""
    return any(
        _complete(m.group("what")) and not _option(m) and (practitioner or _FIRM.match(m.group("verb").strip()))
        for m in COMMITMENT.finditer(text)
    )


def _complete(what: str) -> bool:
    """A complete action: starts with a doing verb, says what it is done to, is not cut off."""
    what = _LEADING.sub("", what.strip(" ,;:"))
    words = what.split()
    if len(words) < 2 or words[0].lower() not in _ACTION_VERBS or _TELL_HERE.match(what):
        return False
    return not (_DANGLING.search(what) or _VAGUE.match(what))


def commitments(text: str, is_request: bool = False) -> list[tuple[str, str, str | None]]:
    """(subject as said, what, by when) for every complete commitment in one utterance."""
    found: list[tuple[str, str, str | None]] = []
    if is_request:
        m = REQUEST.search(text)
        if m:
            found.append(("you", m.group("what"), None))
    else:
        for m in COMMITMENT.finditer(text):
            if _option(m):
                continue
            modal = m.group("verb").strip().lower()
            what = m.group("what")
            if modal in {"need to", "should"}:
                what = f"{modal} {what}"
            found.append((m.group("who"), what, None))
    out = []
    for who, what, _ in found:
        what = _LEADING.sub("", what.strip(" ,;:"))
        # A date that is what the action is about, or what something is ('let the school know about Saturday',
        # 'the next meeting is the twenty fourth'), is not when it is to be done: it stays where it was said.
        dates = [
            d
            for d in find_dates(what)
            if not re.search(rf"\b(?:about|is|was|be)\s+(?:on\s+)?{re.escape(d)}", what, re.I)
        ]
        by_when = None
        if dates:
            what = _TRAILING_DATE.sub("", what.replace(dates[0], "")).strip(" ,")
            by_when = re.sub(r"^(?:by|on)\s+", "", dates[0], flags=re.I)
        what = re.sub(r"\s{2,}", " ", re.sub(r"\s+,", ",", what)).strip(" ,;:")
        if _complete(what.removeprefix("need to ").removeprefix("should ")):
            out.append((who, what, by_when))
    return out


def action_sentence(action: ActionItem) -> str:
    """'The practitioner will refer her to occupational therapy (by: this week).' - who, what, by when."""
    what = action.what.rstrip(" .")
    when = f" ({action.by_when})" if action.by_when else ""
    if action.who:
        modal = "" if re.match(r"^(?:need to|should|would like to)\b", what) else "will "
        who = action.who[:1].upper() + action.who[1:]
        return f"{who} {modal}{what}{when}."
    return f"Agreed (who is to do it was not recorded): {what}{when}."


def _clauses(what: str) -> list[set[str]]:
    parts = re.split(r",\s*|\s+and\s+", what)
    return [set(content_words(p)) for p in parts if content_words(p)]


def drop_summaries(actions: list[ActionItem]) -> list[ActionItem]:
    """One fact once: an action that only repeats others ('So, I'll ring the chemist and ...') is dropped."""
    kept = []
    for i, a in enumerate(actions):
        others = [set(content_words(b.what)) for j, b in enumerate(actions) if j != i]
        clauses = _clauses(a.what)
        covered = sum(any(c <= o for o in others) for c in clauses)
        if len(clauses) > 1 and covered * 2 >= len(clauses):
            continue
        if any(set(content_words(a.what)) < o for o in others[:i]):
            continue  # a shorter copy of an earlier action
        kept.append(a)
    return kept


# Why an action is done ('..., so if you fall you can press a button', '..., to see how it is going'): the
# note records what will be done, by whom and when; the reason stays in the evidence.
PURPOSE = re.compile(
    r"(?:,\s*|\s+)(?:so (?:that |if |as )?(?=(?:you|she|he|they|we|I|it|someone)\b)|in case\b"
    r"|to see (?:how|if|whether)\b|to let (?:you|her|him|them|me) know\b).*$"
)
# What a call is about, said as why it is made: 'ring you on Friday to let you know about the alarm' is a call
# about the alarm.
_LET_KNOW_ABOUT = re.compile(r"\s+to let (?:you|her|him|them|me|us) know (?=about\b)")
# A clause cut short: 'let the school know about'.
CUT_SHORT = re.compile(r"\b(?:to|for|with|the|a|an|and|or|of|about|on|in|at)$", re.I)


def without_purpose(what: str) -> str:
    """The commitment without why it is made: 'ring you on Thursday to see how things are' -> 'ring you on
    Thursday'."""
    cut = PURPOSE.sub("", _LET_KNOW_ABOUT.sub(" ", what)).rstrip(" ,")
    if len(cut.split()) < 3 or CUT_SHORT.search(cut):
        return what  # 'let the school know about' needs what follows
    return cut


def brief_action(text: str) -> str:
    """An action kept outside the actions field (the next contact) says what, who and when, not why, as the
    actions field's do: 'I'll ring you on Thursday to see how things are' -> 'I'll ring you on Thursday'."""
    end = text.rstrip()[-1:] if text.rstrip()[-1:] in ".!" else ""
    cut = without_purpose(text.rstrip(" .!"))
    return f"{cut}{end or '.'}" if cut != text.rstrip(" .!") and is_commitment(cut) else text
