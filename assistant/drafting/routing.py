"""Route transcript utterances to form fields: embeddings plus the form's own keywords.

An utterance is scored against each field's label, guidance and examples (cosine similarity of
all-MiniLM-L6-v2 embeddings) with a bonus for the field's keywords. An answer is scored together
with the question it answers (the question is context, never a fact of its own), greetings,
courtesies and introductions are dropped sentence by sentence, and an utterance goes to every
field it clearly supports, not only the best one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.drafting.cues import COMMITMENT, REQUEST, is_pleasantry, sentences, substance, words
from assistant.drafting.reported_speech import clean, is_question, last_sentence
from assistant.verification.risk import risk_categories

if TYPE_CHECKING:
    from assistant.drafting.embeddings import Embedder
    from prompts.schema import FormTemplate, TemplateField
    from redaction.models import RedactedSegment, RedactedTranscript

KEYWORD_BONUS = 0.07
KEYWORD_BONUS_CAP = 0.21
THRESHOLD = 0.32
# Another field also gets the utterance when it scores this well and this close to the best.
EXTRA_FIELD_THRESHOLD = 0.40
EXTRA_FIELD_MARGIN = 0.08


@dataclass
class Unit:
    """One routable utterance: a segment, plus the question it answers when it is a short answer."""

    segment: RedactedSegment
    text: str
    question: RedactedSegment | None = None
    request: bool = False  # a question asking someone to do something: only ever an action
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def scoring_text(self) -> str:
        """An answer means little without its question ('Yes, every day'): score them together."""
        if self.question is None:
            return self.text
        return f"{last_question(self.question.text)} {self.text}"


def build_units(redacted: RedactedTranscript) -> list[Unit]:
    """Utterances worth routing, each with the question it answers; questions only as context."""
    units: list[Unit] = []
    segs = redacted.segments
    for i, seg in enumerate(segs):
        text, request = facts_of(seg.text)
        if not text:
            continue
        question = segs[i - 1] if _answers(segs, i) else None
        if question is None and not substance(text):
            continue
        units.append(Unit(segment=seg, text=text, question=question, request=request))
    return units


def facts_of(text: str) -> tuple[str, bool]:
    """The sentences of an utterance that could carry a fact, and whether they are only a request.

    Greetings, courtesies, introductions and questions are left out ("I'll refer you. Anything
    else?" keeps the referral); an utterance that only asks someone to do something ("Could you
    ring the GP?") is kept whole, as a request.
    """
    kept = [s for s in sentences(clean(text)) if not is_pleasantry(s)]
    statements = [s for s in kept if not asks(s)]
    if statements:
        return " ".join(statements), False
    requests = [s for s in kept if REQUEST.search(s)]
    return " ".join(requests), bool(requests)


def _answers(segs: list[RedactedSegment], i: int) -> bool:
    """Segment i follows a question asked by someone else (or, with no diarization, by anyone)."""
    if i == 0:
        return False
    prev, seg = segs[i - 1], segs[i]
    if not asks(clean(prev.text)):
        return False
    return prev.speaker is None or seg.speaker is None or prev.speaker != seg.speaker


_INTERROGATIVE_WORDS = """what how when where who whom whose why which do does did are is was were have has had
can could will would should shall may might any anything anyone tell isn't aren't don't doesn't didn't haven't
hasn't won't wouldn't can't couldn't"""
_INTERROGATIVE = frozenset(_INTERROGATIVE_WORDS.split())
_CONJUNCTIONS = frozenset(["and", "but", "so", "or", "then"])


def asks(text: str) -> bool:
    """A question, not an answer the speech recogniser punctuated as one ('Staying at home?')."""
    if not is_question(text):
        return False
    clauses = [words(c) for c in re.split(r"[,;:]", last_sentence(text))]
    # 'Actually, could I ...?', 'Your tablets, are you taking them?', '..., is that right?'
    clauses = [c[1:] if c and c[0] in _CONJUNCTIONS else c for c in clauses]
    return any(c and (_interrogative(c[0]) or _interrogative(c[-1])) for c in clauses)


def _interrogative(word: str) -> bool:
    return word in _INTERROGATIVE or word.split("'")[0] in _INTERROGATIVE  # "what's", "how's"


def last_question(text: str) -> str:
    """The question itself, without the courtesies said before it."""
    return last_sentence(clean(text))


def _keyword_hits(text: str, tfield: TemplateField) -> int:
    low = f" {text.lower()} "
    hits = 0
    for kw in tfield.keywords:
        if re.search(rf"(?<![a-z]){re.escape(kw.lower())}(?![a-z])", low):
            hits += 1
    return hits


def field_texts(tfield: TemplateField) -> list[str]:
    """What a field is embedded as: its label with guidance, and each example."""
    return [f"{tfield.label}: {tfield.guidance}", *tfield.examples]


def route(units: list[Unit], template: FormTemplate, embedder: Embedder) -> dict[str, list[Unit]]:
    """Field id -> the units routed to it (best first), each unit scored against every field."""
    import numpy as np

    routed: dict[str, list[Unit]] = {f.id: [] for f in template.fields}
    if not units:
        return routed
    owners: list[str] = []
    texts: list[str] = []
    for f in template.fields:
        for t in field_texts(f):
            owners.append(f.id)
            texts.append(t)
    fvec = embedder.encode_cached(tuple(texts))
    uvec = embedder.encode([u.scoring_text for u in units])
    sims = uvec @ fvec.T
    owner_arr = np.array(owners)
    risk_field = next((f for f in template.fields if f.risk), None)
    actions_field = next((f for f in template.fields if f.type == "actions"), None)
    for ui, unit in enumerate(units):
        for f in template.fields:
            base = float(sims[ui, owner_arr == f.id].max())
            bonus = min(KEYWORD_BONUS * _keyword_hits(unit.scoring_text, f), KEYWORD_BONUS_CAP)
            unit.scores[f.id] = base + bonus
        ranked = sorted(unit.scores.items(), key=lambda kv: kv[1], reverse=True)
        chosen = {fid for fid, sc in ranked[:1] if sc >= THRESHOLD}
        if chosen:
            top = ranked[0][1]
            chosen |= {fid for fid, sc in ranked[1:] if sc >= EXTRA_FIELD_THRESHOLD and top - sc <= EXTRA_FIELD_MARGIN}
        # Risk is said about something: the utterance also belongs in its topical field.
        special = {f.id for f in (risk_field, actions_field) if f is not None}
        topical = next(((fid, sc) for fid, sc in ranked if fid not in special), None)
        if topical and topical[1] >= THRESHOLD:
            chosen.add(topical[0])
        if risk_field and risk_categories(unit.text):
            chosen.add(risk_field.id)
        if actions_field and actions_field.id in chosen and not COMMITMENT.search(unit.text):
            chosen.discard(actions_field.id)
        if actions_field and COMMITMENT.search(unit.text) and unit.scores[actions_field.id] >= THRESHOLD - 0.08:
            chosen.add(actions_field.id)
        if unit.request:
            chosen &= {actions_field.id} if actions_field else set()
        for fid in chosen:
            routed[fid].append(unit)
    for fid, us in routed.items():
        us.sort(key=lambda u: u.scores[fid], reverse=True)
    return routed
