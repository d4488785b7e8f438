"""Verify a draft in one pass: every statement against the transcript, and every risk the visit holds.

Statements are checked against the field's own evidence, then against the transcript segments they
most resemble (a right fact with a wrong citation is not called invented). A statement fails on a
wrong number, dose, date, medicine, name or polarity; on being attributed to someone who did not
say it; or on stating a risk the visit does not hold (a denial written as a disclosure, or a risk
nobody raised). Risk flags come from the transcript itself (`assistant.verification.risk`): one
per category on the form's risk field, with every quote, and a status.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Literal

from assistant.verification.attribution import answer_of, attribution_error, frame_verb, split_frame
from assistant.verification.polarity import is_cue, reply_polarity
from assistant.verification.quantities import said_numbers
from assistant.verification.risk import (
    RISK_LABELS,
    RiskFinding,
    Said,
    assess_risks,
    risk_categories,
    statement_risk_status,
    strongest,
)
from assistant.verification.statements import Retriever, check, coverage_of, relation_of, relations_in, split_statements
from core.draft import NOT_DISCUSSED, Draft, DraftField, Flag, Participant, Quote, StatementCheck
from core.lexicon import role_from_name, stem
from core.text import content_words, is_question, sentences, words

if TYPE_CHECKING:
    from prompts.schema import FormTemplate
    from redaction.models import RedactedSegment, RedactedTranscript

_RANK = {"supported": 2, "partly_supported": 1, "unsupported": 0}
# How a statement that is not fully supported is flagged for the reviewer.
_DOUBT: dict[str, tuple[Literal["unsupported", "low_confidence"], str]] = {
    "unsupported": ("unsupported", "Not supported by the transcript"),
    "partly_supported": ("low_confidence", "Only partly supported"),
}
# The drafters' own reporting frame ("Agreed:", "Asked about ...") is not a claim.
FRAMING_WORDS = frozenset(
    {"agreed", "reported", "asked", "reply", "replied", "said", "says", "told", "about", "recorded", "under"}
    # A note's reporting verbs: who says it, which attribution checks, not what is said.
    | {"reports", "states", "stated", "describes", "described", "notes", "endorses", "endorsed", "explains"}
    | {"explained", "mentions", "mentioned"}
)
# 'Falls (disclosed): ...' heads a risk line; the heading is the drafter's, not a claim.
_RISK_HEAD = re.compile(r"^[A-Z][a-z -]+ \((?:disclosed|denied|concern)\):\s*")
# 'Agreed (who is to do it was not recorded):' is the drafter's frame too; its 'not' is about the note.
_FRAME_HEAD = re.compile(r"^[A-Z][a-z -]+ \([a-z ]+\):\s*")
# The names of risk categories: a clause is judged on what it says besides them.
_RISK_WORDS = frozenset(w for label in RISK_LABELS.values() for w in re.findall(r"[a-z]+", label)) | {"risk", "risks"}
# 'Medical Reasoning:', 'Ears, Nose, Mouth and Throat:', 'NECK:' head a note's line; a heading is no claim.
_HEADING = re.compile(r"^(?:[A-Z][A-Za-z]*(?:[ ,/&-]+(?:and |of |[A-Z])[A-Za-z]*){0,5}):\s+(?=\S)")
# 'Hypoglycemia due to skipped meals. 2.': a numbered list's next marker, split off with the sentence before it.
_LIST_MARKER = re.compile(r"(?<=[.!?])\s+\d{1,2}\.\s*$")
# A list item's number ('1.  Headache. 2.  Nausea.', '3) ...'), at the text's start, a line's or after a
# sentence's end: it counts the items and states no fact, so it is no unsaid word.
_ENUMERATOR = re.compile(r"(^|\n|[.!?]\s)\s*\d{1,2}[.)](?=\s|$)")
# A risk line's heading and the status it gives: 'Self-harm (denied): Asked whether ...'.
_STATUS_HEAD = re.compile(r"^([A-Z][a-z -]+) \((disclosed|denied|concern|reported)\):", re.I)
# 'Asked how is his own health, Geoff, he said ...', 'Asked “What has been going on?”, a family member said ...'.
_ASKED_Q = re.compile(r"^asked\s+(?P<q>.+),\s+[^,]{1,40}?\b(?:said|replied|answered|told)\b", re.I)
_CATEGORY_OF = {label: cat for cat, label in RISK_LABELS.items()}
# A statement about what a relative does ('The patient's wife checks ...', 'His daughter lives ...'): who acts.
_RELATIVE_SUBJECT = re.compile(
    r"^(?:the (?:patient|person|client)'s|her|his|their) (?P<rel>[a-z]+)\b(?! and\b)(?!,)(?:\s+(?:also|still|now))?"
    r"\s+(?P<verb>[a-z]+)\b",
    re.I,
)
# Roles that may speak of a relative's doing as theirs, or as someone's present.
_OTHERS = frozenset({"family", "carer", "other", "unknown"})
_POINTER = re.compile(r"^[A-Z][a-z -]+ \((?:disclosed|denied|concern)\): see [A-Z][^.]*\.?$")
_MESSAGES = {
    "disclosed": "Risk disclosed ({label}): confirm with the person and follow safeguarding procedure.",
    "concern": "Concern raised ({label}): confirm with the person and decide whether safeguarding procedure applies.",
    "denied": "Denied ({label}): asked about or said not to have happened. Check the note records it as said.",
}


def roles_from_labels(redacted: RedactedTranscript) -> dict[str, str]:
    """Speaker label -> role from the labels and display names alone (when no participants are given)."""
    roles = {}
    for seg in redacted.segments:
        if seg.speaker is not None and seg.speaker not in roles:
            role, _ = role_from_name(redacted.speakers.get(seg.speaker, seg.speaker))
            if role == "unknown":
                role, _ = role_from_name(seg.speaker)
            roles[seg.speaker] = role
    return roles


class Verifier:
    """Checks statements against one redacted transcript, knowing who each speaker is."""

    def __init__(self, redacted: RedactedTranscript, participants: list[Participant] | None = None) -> None:
        self.redacted = redacted
        self.segments = [s for s in redacted.segments if s.text.strip()]
        self.by_id = {s.id: s for s in self.segments}
        self.position = {s.id: i for i, s in enumerate(self.segments)}
        self.text = " ".join(s.text for s in self.segments)
        self.retriever = Retriever([(s.id, s.text) for s in self.segments])
        self.numbers = said_numbers(self.text)
        self.participants = participants or []
        self.roles = {p.label: p.role for p in self.participants} or roles_from_labels(redacted)
        names = {n.lower() for label, n in redacted.speakers.items() for n in (label, n)}
        names |= {p.name.lower() for p in self.participants}
        self.ignore = frozenset(w for n in names for w in n.split()) | FRAMING_WORDS
        said = [Said(s.id, s.text, s.speaker, self.roles.get(s.speaker or "", "unknown")) for s in self.segments]
        self.findings: list[RiskFinding] = assess_risks(said)

    # --- statements ------------------------------------------------------------------------------

    def check_statement(self, statement: str, evidence_ids: list[str]) -> StatementCheck:
        """Supported / partly supported / unsupported, against the cited segments then the best matches."""
        claim = _HEADING.sub("", _FRAME_HEAD.sub("", _RISK_HEAD.sub("", _LIST_MARKER.sub("", statement))))
        subject, body, will = split_frame(claim)
        cited = [self.by_id[i] for i in evidence_ids if i in self.by_id]
        polar = _polar_reading(claim, body)
        verdict = check(body, [s.text for s in cited], self.ignore, self.text, self._turns(cited), polar)
        used = cited
        if verdict.support != "supported":
            found = [self.segments[i] for i in self.retriever.top(body)]
            alt = check(body, [s.text for s in found], self.ignore, self.text, self._turns(found), polar)
            if _RANK[alt.support] > _RANK[verdict.support] or not cited:
                verdict, used = alt, found
        support, reason = verdict.support, verdict.reason
        if support != "unsupported":
            misquoted = self._question_misquoted(claim)
            if misquoted:
                support, reason = "unsupported", misquoted
        if support != "unsupported":
            heading = self._heading_contradiction(statement)
            if heading:
                support, reason = "unsupported", heading
        if support != "unsupported":
            near = self._with_replies(self._answered_by(claim, body, used))
            roles = [self.roles.get(s.speaker or "", "unknown") for s in near]
            text = " ".join(s.text for s in near)
            wrong = attribution_error(subject, roles, self.participants, text, will, frame_verb(claim, subject))
            risk = self._risk_contradiction(claim)
            rests = self._nearest(body, used, best=True)
            problem = wrong or risk or (self._relative_unsaid(claim, rests) if subject is None else "")
            if problem:
                support, reason = "unsupported", problem
        return StatementCheck(
            statement=statement,
            support=support,
            reason=reason,
            evidence_segment_ids=[s.id for s in used],  # type: ignore[arg-type]
        )

    def _with_replies(self, near: list[RedactedSegment]) -> list[RedactedSegment]:
        """The segments, each followed by a yes or no said to it by someone else ('any cough?' 'no')."""
        out = list(near)
        for seg in near:
            i = self.position[seg.id]
            reply = self.segments[i + 1] if i + 1 < len(self.segments) else None
            if reply is None or reply.speaker == seg.speaker or reply in out:
                continue
            if reply_polarity(reply.text) is not None:
                out.append(reply)
        return out

    def _turns(self, used: list[RedactedSegment]) -> list[tuple[str, str | None]]:
        """The evidence, each segment with the reply said next by someone else (None when there is none)."""
        out: list[tuple[str, str | None]] = []
        for seg in used:
            i = self.position[seg.id]
            reply = self.segments[i + 1] if i + 1 < len(self.segments) else None
            same = reply is not None and reply.speaker == seg.speaker and reply.speaker is not None
            out.append((seg.text, None if reply is None or same else reply.text))
        return out

    def _answered_by(self, claim: str, body: str, used: list[RedactedSegment]) -> list[RedactedSegment]:
        """The segments whose speaker the statement names: for 'Asked ..., she said <answer>', the answer's
        (the question was said by whoever asked it, so it never decides who answered)."""
        answer = answer_of(claim)
        if answer is None:
            return self._nearest(body, used)
        replies = [s for s in used if not is_question(s.text)] or used
        return self._nearest(answer, replies) if content_words(answer) else replies

    @staticmethod
    def _nearest(body: str, used: list[RedactedSegment], best: bool = False) -> list[RedactedSegment]:
        """The evidence segments a statement rests on most (a field cites many; one statement uses few).

        `best`: only those sharing the most of its words (else those sharing at least half as many)."""
        want = {stem(w) for w in content_words(body)}
        overlap = {s.id: len(want & {stem(w) for w in content_words(s.text)}) for s in used}
        top = max(overlap.values(), default=0)
        ids = {i for i, n in overlap.items() if n and (n == top if best else n * 2 >= top)}
        return [s for s in used if s.id in ids] or used

    def _relative_unsaid(self, claim: str, near: list[RedactedSegment]) -> str:
        """Why a statement of what a relative does rests on no word of that relative ('' when it does).

        'The patient's wife checks his blood sugar' beside the patient's own 'i check my blood sugar': the
        segments the statement rests on must name the relative (or be said by a relative or other).
        """
        m = _RELATIVE_SUBJECT.match(claim.strip())
        if not m:
            return ""
        rel = relation_of(m.group("rel"))
        if rel is None or not near:
            return ""
        if any(self.roles.get(s.speaker or "", "unknown") in _OTHERS for s in near):
            return ""
        # 'His daughter Karen shops ...' beside 'Karen comes on a Sunday': the relative named is the relative.
        name = re.match(r"\s*([A-Z][a-z]+|\[[A-Z_]+_\d+\])", claim.strip()[m.end("rel") :])
        said = {rel} | ({name.group(1).lower()} if name else set())
        want = {stem(w) for w in content_words(claim[m.end("rel") :], self.ignore)}
        for seg in near:
            if said & _stretch_words(seg.text, want):
                return ""
            # 'And your daughter, how often does she come?' 'Karen comes on a Sunday ...': asked of the relative.
            before = self.segments[self.position[seg.id] - 1] if self.position[seg.id] else None
            asked = before is not None and is_question(before.text) and len(words(before.text)) <= RELATIVE_REACH
            if asked and before is not None and said & _stretch_words(before.text, None):
                return ""
        return f"it says the {m.group('rel').lower()} does it, but the evidence it rests on does not mention them"

    def _risk_contradiction(self, statement: str) -> str:
        """Why a statement's risk is not what the visit holds ('' when it is)."""
        for cat, status in statement_risk_status(statement).items():
            found = [f for f in self.findings if f.category == cat]
            label = RISK_LABELS[cat]
            if not found and not self._said_otherwise(statement, cat):
                return f"it states a risk ({label}) that NOBODY SAID in the transcript"
            if found and status == "disclosed" and strongest(found) == "denied":
                return f"it states {label} as disclosed, but in the transcript it was asked about and denied"
        return ""

    def _question_misquoted(self, claim: str) -> str:
        """Why the question in 'Asked Q, she said A' is not the one asked ('' when it is, or is not found).

        A question's 'not' is part of what was asked ('how is his own health' is not 'how is not his
        own health'): the question said that shares most of Q's words must have a negation where Q does.
        """
        m = _ASKED_Q.match(claim.strip())
        if not m:
            return ""
        q = m.group("q")

        def said(text: str) -> set[str]:
            return {stem(w) for w in content_words(text, self.ignore) if not is_cue(w)}

        # 'what is not her number again': a question of few content words is found by all its words.
        read = said if len(said(q)) >= 2 else _plain_words
        want = read(q)
        if len(want) < (2 if read is not _plain_words else 3):
            return ""
        best, best_n = "", 0
        for seg in self.segments:
            for sent in sentences(seg.text):
                if not sent.rstrip().endswith("?"):
                    continue
                n = len(want & read(sent))
                if n > best_n:
                    best, best_n = sent, n
        if best_n * 2 < len(want) + 1 or (read is _plain_words and best_n * 4 < 3 * len(want)):
            return ""  # no question said in enough of its words: the drafter's paraphrase, judged as before
        said_not = any(is_cue(w) for w in words(best))
        if any(is_cue(w) for w in words(q)) != said_not:
            way = "without" if not said_not else "with"
            return f"the question it quotes was asked {way} a 'not' ('{best.strip()}')"
        return ""

    def _heading_contradiction(self, statement: str) -> str:
        """Why a risk line's heading ('Falls (disclosed):') gives a status the visit does not ('' when it does).

        The heading is the drafter's, but its status is a claim: it must be one the visit gives that risk
        (a risk only asked about and denied is not disclosed, nor 'reported').
        """
        m = _STATUS_HEAD.match(statement.strip())
        if not m:
            return ""
        category = _CATEGORY_OF.get(m.group(1).strip().lower())
        found = [f for f in self.findings if f.category == category]
        if category is None or not found:
            return ""
        said = "disclosed" if m.group(2).lower() == "reported" else m.group(2).lower()
        given = {f.status for f in found}
        if said not in given:
            has = "/".join(sorted(given))
            return f"its heading gives {RISK_LABELS[category]} as {said}, but the transcript has it {has}"
        return ""

    def _said_otherwise(self, statement: str, category: str) -> bool:
        """The risk is named in other words than were said ('self-neglect' for 'hadn't eaten for days'):
        most of what the statement says around it was said in the visit."""
        for clause in re.split(r"[,;:]|\band\b", statement):
            if category in risk_categories(clause):
                cover, _ = coverage_of(clause, self.text, self.ignore | _RISK_WORDS)
                return cover >= 0.75 and len(content_words(clause)) >= 3
        return False

    def unsupported_words(self, text: str) -> list[str]:
        """The text's content words the visit never says (stemmed, in any turn): a graded doubt score.

        Counted over a whole summary, this ranks summaries by how much of them nobody said better than
        the share of unsupported statements does (MTS-Dialog, `evaluation.drafting_eval.mts_correlation`).
        """
        # A number the visit says in words ('fifty two' for '52-year-old') is said; a list item's number
        # is no fact.
        text = _ENUMERATOR.sub(r"\1 ", text)
        return [w for w in coverage_of(text, self.text, self.ignore)[1] if not (w.isdigit() and w in self.numbers)]

    def check_text(self, text: str) -> list[StatementCheck]:
        """Check free text (e.g. a summary) statement by statement against the whole transcript."""
        return [self.check_statement(s, []) for s in split_statements(text)]

    def verify_field(self, field: DraftField) -> DraftField:
        """The field with `checks` filled and unsupported statements flagged."""
        if field.status == "not_discussed" or field.value.strip() == NOT_DISCUSSED:
            return field
        evidence_ids = [e.segment_id for e in field.evidence] + [
            e.segment_id for a in field.actions for e in a.evidence
        ]
        checks: list[StatementCheck] = []
        flags = [f for f in field.flags if f.kind in {"fallback", "unsupported", "risk"}]
        for statement in split_statements(field.value):
            if _POINTER.match(statement):
                continue  # 'Falls (disclosed): see Daily living.' names where a fact is; it states none
            c = self.check_statement(statement, evidence_ids)
            checks.append(c)
            if c.support in _DOUBT:
                kind, lead = _DOUBT[c.support]
                nobody = "NOBODY SAID" in c.reason
                message = (
                    f"WARNING: {c.reason}. Do not submit it unconfirmed: remove it, or confirm it with the person "
                    "and record how."
                    if nobody
                    else f"{lead}: {c.reason}."
                )
                flags.append(
                    Flag(
                        kind="risk" if nobody else kind,
                        message=message,
                        statement=statement,
                        segment_ids=c.evidence_segment_ids,
                        segment_id=c.evidence_segment_ids[0] if c.evidence_segment_ids else None,
                    )
                )
        flags = [fl.with_id(field.id) for fl in _dedupe(flags)]
        return field.model_copy(update={"checks": checks, "flags": flags})

    # --- risks -----------------------------------------------------------------------------------

    def risk_flags(self, field_id: str, used: set[str]) -> list[Flag]:
        """One flag per risk category the visit holds, merged with every quote, best status first."""
        by_cat: dict[str, list[RiskFinding]] = defaultdict(list)
        for f in self.findings:
            by_cat[f.category].append(f)
        flags = []
        for cat, found in by_cat.items():
            status = strongest(found)
            lead = next(f for f in found if f.status == status)
            message = _MESSAGES[status].format(label=RISK_LABELS[cat])
            if not any(f.segment_id in used for f in found):
                message += " It is not in the draft's text."
            flags.append(
                Flag(
                    kind="risk",
                    category=cat,
                    status=status,
                    message=message,
                    quote=lead.quote,
                    segment_id=lead.segment_id,
                    quotes=[Quote(quote=f.quote, segment_id=f.segment_id, status=f.status) for f in found],
                    segment_ids=list(dict.fromkeys(f.segment_id for f in found)),
                ).with_id(field_id)
            )
        return flags


# The person asked, as the note writes them ('how is she doing' for 'how are you doing?'), are one word.
_ASKED_OF = {
    **dict.fromkeys("i you he she they we me him them us".split(), "_who"),  # noqa: SIM905
    **dict.fromkeys("my your his her their our".split(), "_whose"),  # noqa: SIM905
    **dict.fromkeys("is are am was were".split(), "_be"),  # noqa: SIM905
}


def _plain_words(text: str) -> set[str]:
    """A text's words, stopwords too, but no negation, the person asked as one word ('what is not her
    number' -> what, _be, _whose, number; "What's her number?" says the same)."""
    text = re.sub(r"\b(\w+)'(s|re|m)\b", r"\1 is", text.replace("\u2019", "'"))
    return {_ASKED_OF.get(w, w) for w in words(text) if not is_cue(w)}


RELATIVE_REACH = 25  # words: how far from where a statement's words are said its relative may be named


def _stretch_words(text: str, want: set[str] | None) -> set[str]:
    """The words (and relations) said within RELATIVE_REACH words of where most of `want` is said (all the
    text's when `want` is None): an ACI-BENCH turn runs on over many topics."""
    toks = words(text)
    if want is not None and len(toks) > 2 * RELATIVE_REACH:
        hits = [i for i, t in enumerate(toks) if stem(t) in want]
        if hits:
            best = max(hits, key=lambda i: sum(abs(j - i) <= RELATIVE_REACH for j in hits))
            toks = toks[max(0, best - RELATIVE_REACH) : best + RELATIVE_REACH]
    found = {t[:-2] if t.endswith("'s") else t for t in toks}
    return found | relations_in(" ".join(toks))


def _polar_reading(claim: str, body: str) -> str:
    """The statement as its polarity reads: 'Asked about falls, she said no' says 'no falls'."""
    answer = answer_of(claim)
    if answer is None:
        # 'He denies cough or fever': the frame split off the denial, which is the statement's polarity.
        frame = claim[: claim.find(body)] if body and body in claim else ""
        if not any(is_cue(w) for w in words(frame)):
            return body
        # A denial reaches each thing denied: 'denied any recent colds or history of multiple sclerosis'.
        return "no " + re.sub(r",?\s+\bor\b\s+", " or no ", body)
    body = body.strip().rstrip(".")
    question = body[: len(body) - len(answer)].strip(" ,") if body.endswith(answer) else body
    reply = reply_polarity(answer)
    if reply is None:
        # 'Asked how it felt when his mum did not come, he said rubbish': the question asserts nothing (its
        # 'did not' is the asker's), and a reply that is neither yes nor no says only what it says.
        return answer
    rest = re.sub(r"^\W*(?:yes|yeah|no|nope|not really)\b\W*", "", answer, flags=re.I)
    if reply:
        # A 'no' denies each thing asked: 'hurt her or made her feel unsafe' is neither.
        question = re.sub(r",?\s+\bor\b\s+", " or no ", question)
    return f"{'no ' if reply else ''}{question}. {rest}".strip()


def _dedupe(flags: list[Flag]) -> list[Flag]:
    seen: set[str] = set()
    out = []
    for f in flags:
        key = f.model_dump_json()
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def verify_draft(
    draft: Draft,
    redacted: RedactedTranscript,
    template: FormTemplate | None = None,
    participants: list[Participant] | None = None,
) -> Draft:
    """Verify every field, then put the visit's risk flags on the form's risk field (or the first field)."""
    verifier = Verifier(redacted, participants or draft.participants)
    fields = [verifier.verify_field(f) for f in draft.fields]
    if fields and verifier.findings:
        risk_ids = {f.id for f in template.fields if f.risk} if template else set()
        target = next((i for i, f in enumerate(fields) if f.id in risk_ids), 0)
        used = {e.segment_id for f in fields for e in f.evidence}
        extra = verifier.risk_flags(fields[target].id, used)
        fields[target] = fields[target].model_copy(update={"flags": fields[target].flags + extra})
    return draft.model_copy(update={"fields": fields})


def unsupported_rate(draft: Draft) -> float:
    """Share of checked statements in the draft that are unsupported (0 when nothing was checked)."""
    checks = [c for f in draft.fields for c in f.checks]
    return sum(c.support == "unsupported" for c in checks) / len(checks) if checks else 0.0
