"""What the visit says about each risk: disclosed, denied or a concern, with the quote that says so.

A risk word is not a disclosure. A practitioner's question ("Have you had any thoughts of harming
yourself?") is only a question: its answer decides (a denial is recorded as `denied`). A
hypothetical ("so you can call for help if you fall"), an agreed safety action ("I'll refer you to
the falls team") and information given ("the leaflet about scams") are no finding at all.
"Disclosed" means the person or someone present says it happened or is happening; "concern",
that someone fears it may happen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.verification.risk_cues import (
    DENYING_CUES,
    NEGATIVE_CUES,
    RISK_LABELS,
    risk_categories,
    risk_matches,
)
from core.text import NO, YES, is_question, sentences, strip_fillers, words

if TYPE_CHECKING:
    from core.draft import RiskStatus

__all__ = ["RISK_LABELS", "RiskFinding", "Said", "assess_risks", "risk_categories", "statement_risk_status"]

_NEGATION = frozenset({"not", "never", "no", "nobody", "none", "nothing", "noone", "neither", "nor"})
# Fear that it may happen ('I'm scared she'll wander off'), not fear of what happens ('I get scared when ...').
_CONCERN = re.compile(
    r"\b(?:scared|afraid|worried|worry|worries|worrying|fear|fears|frightened|concerned)\b[^.?!]*?"
    r"(?:\b(?:will|won't|might|may|could|going to|gonna|would|wouldn't)\b|'ll\b)|\b(?:might|may|could)\b|\bat risk\b"
    r"|\brisk of\b",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|in case|should (?:you|she|he|they|it)|so that|so (?:you|she|he|they)(?:'re|'s| are| is)?"
    r" (?:can|don't|doesn't|won't|can't|aren't|isn't|not|never)|unless|whether|prevent\w*"
    r"|avoid\w*|reduce|what if|stop (?:you|her|him|them) from|protect\w*|keep (?:you|her|him|them) safe)\b",
    re.I,
)
_INFORMATION = re.compile(
    r"\b(?:leaflets?|information|advice|booklets?|pamphlets?|helpline|website|posters?|training|course"
    r"|number for|awareness|tips|routine|ask (?:everyone|everybody|all)|duty to)\b",
    re.I,
)
# Talk about people in general or on the news, not about anyone at the visit.
_GENERIC = re.compile(
    r"\b(?:on the (?:news|telly|tv|radio)|programm?e?|documentary|you hear (?:about|of)"
    r"|(?:lots|a lot) of (?:people|folk)"
    r"|many people|most people|older people|old people|it's (?:very |really )?common|nothing unusual)\b",
    re.I,
)
# A practitioner's advice ('Never give your bank details to ...') tells, it does not disclose.
_ADVICE = re.compile(
    r"^\W*(?:never|don't|do not|always|make sure|try (?:to|not)|remember|be careful|watch out)\b", re.I
)
# An action someone commits to ('I'll refer you to the falls team') or a service named after the risk.
_COMMITMENT = re.compile(
    r"\b(?:I|we)(?:'ll| will|'m going to| am going to|'re going to| are going to|'m gonna|'re gonna| can| could)\b"
    r"|\b(?:team|nurse|therapist|service|GP|doctor|OT|physio|worker|pharmacist)s?"
    r" (?:will|'ll|is going to|are going to|is gonna|are gonna|can)\b",
    re.I,
)
_SERVICE_AFTER = re.compile(
    r"^\W*(?:team|clinic|services?|prevention|assessment|alarm|sensor|pendant|risk assessment|advocates?|workers?"
    r"|officers?|coordinators?|helplines?|refuges?|programm?e?s?|charit(?:y|ies)|champions?|leads?)\b",
    re.I,
)
# 'I haven't been since the fall': the cue names an event the sentence takes as having happened;
# the negation is of something else.
_SINCE_THE = re.compile(
    r"\b(?:since|after|before|because of|following) (?:the|my|her|his|their|that|this|a|an) (?:\w+ )?$", re.I
)
_CLAUSE = re.compile(r"[,;]|\bbut\b", re.I)


@dataclass(frozen=True)
class Said:
    """One segment as the risk assessment sees it: what was said, by whom (role), and where."""

    segment_id: str
    text: str
    speaker: str | None
    role: str


@dataclass(frozen=True)
class RiskFinding:
    """A risk the visit talks about, and in what way, resting on one quote."""

    category: str
    status: RiskStatus
    quote: str
    segment_id: str

    @property
    def label(self) -> str:
        return RISK_LABELS[self.category]


def _clause_before(sentence: str, start: int) -> str:
    """The words of the clause a cue sits in, up to the cue."""
    before = sentence[:start]
    return _CLAUSE.split(before)[-1]


# 'I don't know how much longer I can keep doing this' hedges; it denies nothing.
_HEDGE = re.compile(r"\b(?:I|we|she|he) (?:don't|doesn't|do not|does not) know\b|\bnot sure\b", re.I)


def _negated(text: str) -> bool:
    text = _HEDGE.sub(" ", text)
    return any(w.removesuffix("'s") in _NEGATION or w.endswith("n't") for w in words(text))


def sentence_status(sentence: str, start: int, cue: str, role: str | None = None) -> RiskStatus | None:
    """How one sentence speaks of the risk whose cue starts at `start` (None: not a finding)."""
    before = sentence[:start]
    if _INFORMATION.search(sentence) or _GENERIC.search(sentence) or _HYPOTHETICAL.search(before):
        return None
    if role == "practitioner" and _ADVICE.match(sentence):
        return None
    if _CONCERN.search(before + cue):
        return "concern"
    if _COMMITMENT.search(before) or _SERVICE_AFTER.match(sentence[start + len(cue) :]):
        return None
    negated = (
        _negated(_clause_before(sentence, start)) and not NEGATIVE_CUES.match(cue) and not _SINCE_THE.search(before)
    )
    if DENYING_CUES.match(cue):
        return "disclosed" if negated else "denied"
    return "denied" if negated else "disclosed"


def statement_risk_status(statement: str) -> dict[str, RiskStatus | None]:
    """Category -> how a drafted statement speaks of it (for checking a statement against the visit)."""
    out: dict[str, RiskStatus | None] = {}
    for sentence in sentences(statement) or [statement]:
        asked = re.match(r"^\s*asked\b", sentence, re.I) is not None
        if asked:
            # 'Asked whether she has hurt herself, she said no': the question claims nothing; the answer does.
            reply = re.search(r",\s*[^,]*?\b(?:said|replied)\b\s*(.*)$", sentence, re.I)
            answer = reply.group(1) if reply else ""
            for cat in risk_categories(sentence):
                if re.match(r"^(?:no|none|not|never)\b", answer, re.I):
                    out.setdefault(cat, "denied")
                elif re.match(r"^yes\b", answer, re.I):
                    out.setdefault(cat, "disclosed")
                elif cat in risk_categories(answer):
                    m = risk_matches(answer)[0][1]
                    out.setdefault(cat, sentence_status(answer, m.start(), m.group(0)))
            continue
        for cat, m in risk_matches(sentence):
            out.setdefault(cat, sentence_status(sentence, m.start(), m.group(0)))
    return out


# Replies that say yes without the word: 'Just the one.', 'A bit, since the funeral.', 'Most nights.'
_AFFIRM = re.compile(
    r"^\W*(?:just the one|only the one|the once|once|twice|a (?:couple|few)(?: of)?(?: times)?|a bit|a little"
    r"|a lot|quite a (?:bit|lot|few)|sometimes|occasionally|now and (?:then|again)|most (?:days|nights|mornings|weeks)"
    r"|every (?:day|night)"
    r"|all the time|more than (?:I|I'd|I should)|probably|I think so|I suppose so|I'm afraid so|afraid so|on and off"
    r"|(?:one|two|three|four|five|several|\d+) times|(?:last|this) (?:week|month|night|year))\b",
    re.I,
)
# ... and no without it: 'Not that I know of.', 'Not once.', 'Of course not.'
_DENY = re.compile(
    r"^\W*(?:nah|not that I know of|not that I'm aware|not at all|not once|not any more|no way|of course not"
    r"|certainly not"
    r"|definitely not|absolutely not|god,? no|none at all|never have|never had|she hasn't|he hasn't|she doesn't"
    r"|he doesn't|she isn't|he isn't|she's not|he's not|they don't|they haven't)\b",
    re.I,
)


# Speech recognition often ends a spoken question with a full stop ('Have you had any falls.'): a
# sentence in a question's word order asks, whatever its stop. ('Do you know, I fell again' and
# 'you know' hedge; they ask nothing.)
_ASKS_IN_ORDER = re.compile(
    r"^\W*(?:(?:and|so|but|now|okay|ok|right|also)\b,?\s+)*"
    r"(?:(?:do|did|does|have|has|had|are|were|is|was|can|could|would|will)(?:n't)?"
    r" (?:you|he|she|they|it|that|anyone|anybody|someone|somebody|there|your|his|her|their)\b(?! know\b)"
    r"|(?:how|what|when|where|why|who|which)(?:'s)? (?:(?:do|did|does|have|has|had|are|were|is|was|can|could"
    r"|would|will)(?:n't)? (?:you|he|she|they|your|his|her|their)|often|many|much|long)\b"
    r"|any(?:thing|one|body)?\b(?:\W+\w+){1,5}\W*$)",
    re.I,
)


def _asks(sentence: str) -> bool:
    """A question, punctuated as one or said in a question's word order."""
    return is_question(sentence) or bool(_ASKS_IN_ORDER.match(sentence))


# A bare reply ('No.', 'Yeah, twice.'): short enough that diarization often hears it in the voice before it.
MAX_BARE_REPLY_WORDS = 4


def _bare_reply(text: str) -> bool:
    first = _first_said(text)
    return (
        not text.strip().endswith("?")
        and len(text.split()) <= MAX_BARE_REPLY_WORDS
        and bool(NO.match(first) or YES.match(first) or _DENY.match(first) or _AFFIRM.match(first))
    )


def _first_said(text: str) -> str:
    """The reply's first sentence that says anything, fillers dropped ('Um. Yes, twice.' -> 'Yes, twice.')."""
    for sentence in sentences(text) or [text]:
        cleaned = strip_fillers(sentence)
        if cleaned:
            return cleaned
    return ""


_UNSURE = re.compile(
    r"^\W*(?:(?:i'm|i am|we're|we are) not sure|not sure|(?:i|we) (?:don't|do not) know|no idea"
    r"|(?:i )?(?:can't|cannot|don't) remember|(?:i )?couldn't (?:say|tell you))\b",
    re.I,
)


def _answer(said: list[Said], i: int) -> Said | None:
    """The reply to the question at i: the next segment by someone else (by anyone when unlabelled).

    Recognition cuts a turn into segments, so the asker's own short follow-on ('Since you came
    home?') or a further question comes between a question and its reply; and a bare 'No.' heard
    in the asker's voice straight after is the reply, not the asker answering themselves.
    """
    asker = said[i].speaker
    for nxt in said[i + 1 : i + 4]:
        if not _first_said(nxt.text):
            continue  # 'Um.' alone
        if asker is None or nxt.speaker != asker:
            return nxt
        if _bare_reply(nxt.text):
            return nxt
        if not (_asks(_first_said(nxt.text)) or len(nxt.text.split()) <= MAX_BARE_REPLY_WORDS):
            return None  # the asker went on to say something else: whatever comes next answers that
    return None


# 'What's the best number for you?': the reply reads out digits, and recognition makes words of those it cannot
# read ('nine hundred' heard as "I'm hungry"). A short reply to a question asking for a number discloses nothing.
_ASKS_NUMBER = re.compile(r"\b(?:phone|mobile|contact|best|your|her|his|the) number\b|\bnumber (?:for|again)\b", re.I)
MAX_NUMBER_REPLY_WORDS = 12


def _reads_out_number(said: list[Said], i: int) -> bool:
    """The segment at i answers a question asking for a phone number, and is short enough to be only that."""
    if i == 0 or len(said[i].text.split()) > MAX_NUMBER_REPLY_WORDS:
        return False
    before = said[i - 1]
    asked = [x for x in sentences(before.text) if _asks(x)]
    return before.speaker != said[i].speaker and any(_ASKS_NUMBER.search(x) for x in asked)


def assess_risks(said: list[Said]) -> list[RiskFinding]:
    """Every risk finding of a visit, in transcript order (several per category are possible).

    One segment says a thing about a risk once: two of its sentences that both name it ("She
    forgets the evening ones. ... there were four days missed.") are one finding, not the same
    quote twice.
    """
    return list(dict.fromkeys(_findings(said)))


def _findings(said: list[Said]) -> list[RiskFinding]:
    findings: list[RiskFinding] = []
    for i, s in enumerate(said):
        if _reads_out_number(said, i):
            continue
        for sentence in sentences(s.text):
            for cat, m in risk_matches(sentence):
                if _asks(sentence):
                    reply = _answer(said, i)
                    if reply is None or cat in risk_categories(reply.text):
                        continue  # a question; the reply speaks for itself when it names the risk
                    first = _first_said(reply.text)
                    if _UNSURE.match(first):
                        continue  # 'I'm not sure.', 'No idea.': not knowing denies nothing
                    if NO.match(first) or _DENY.match(first):
                        findings.append(RiskFinding(cat, "denied", reply.text.strip(), reply.segment_id))
                    elif YES.match(first) or _AFFIRM.match(first):
                        findings.append(RiskFinding(cat, "disclosed", reply.text.strip(), reply.segment_id))
                    continue
                status = sentence_status(sentence, m.start(), m.group(0), s.role)
                if status is not None:
                    findings.append(RiskFinding(cat, status, s.text.strip(), s.segment_id))
    return findings


STATUS_RANK: dict[str, int] = {"disclosed": 3, "concern": 2, "denied": 1}


def strongest(findings: list[RiskFinding]) -> RiskStatus:
    """A category's status over all its findings: disclosed over concern over denied."""
    return max((f.status for f in findings), key=lambda st: STATUS_RANK[st])
