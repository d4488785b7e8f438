"""Route transcript utterances to form fields: embeddings plus the form's own keywords.

An utterance is scored against each field's label, guidance and examples (cosine similarity of
all-MiniLM-L6-v2 embeddings) with a bonus for the field's keywords. A short answer is scored
together with the question it answers, and carries that question as context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.drafting.cues import COMMITMENT, REQUEST, TRIVIAL, substance, words
from assistant.drafting.reported_speech import clean, is_question
from assistant.verification.risk import risk_categories

if TYPE_CHECKING:
    from assistant.drafting.embeddings import Embedder
    from prompts.schema import FormTemplate, TemplateField
    from redaction.models import RedactedSegment, RedactedTranscript

SHORT_ANSWER_WORDS = 12
KEYWORD_BONUS = 0.07
KEYWORD_BONUS_CAP = 0.21
THRESHOLD = 0.34
SECOND_FIELD_MARGIN = 0.02


@dataclass
class Unit:
    """One routable utterance: a segment, plus the question it answers when it is a short answer."""

    segment: RedactedSegment
    text: str
    question: RedactedSegment | None = None
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def scoring_text(self) -> str:
        return f"{clean(self.question.text)} {self.text}" if self.question else self.text


def build_units(redacted: RedactedTranscript) -> list[Unit]:
    """Utterances worth routing: no greetings or back-channels, questions only through their answers."""
    units: list[Unit] = []
    segs = redacted.segments
    for i, seg in enumerate(segs):
        text = clean(seg.text)
        if not text or (TRIVIAL.match(text) and not _answers(segs, i)):
            continue
        if is_question(text) and not REQUEST.search(text):
            continue
        question = segs[i - 1] if _answers(segs, i) else None
        if question is None and not substance(text):
            continue
        units.append(Unit(segment=seg, text=text, question=question))
    return units


def _answers(segs: list[RedactedSegment], i: int) -> bool:
    if i == 0:
        return False
    prev = segs[i - 1]
    return (
        is_question(prev.text)
        and prev.speaker != segs[i].speaker
        and len(words(segs[i].text)) <= SHORT_ANSWER_WORDS
    )


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
        chosen = {fid for fid, s in ranked[:1] if s >= THRESHOLD}
        if (
            len(ranked) > 1
            and ranked[1][1] >= THRESHOLD
            and ranked[0][1] - ranked[1][1] <= SECOND_FIELD_MARGIN
        ):
            chosen.add(ranked[1][0])
        if risk_field and risk_categories(unit.text):
            chosen.add(risk_field.id)
        if actions_field and actions_field.id in chosen and not COMMITMENT.search(unit.text):
            chosen.discard(actions_field.id)
        if (
            actions_field
            and COMMITMENT.search(unit.text)
            and unit.scores[actions_field.id] >= THRESHOLD - 0.08
        ):
            chosen.add(actions_field.id)
        for fid in chosen:
            routed[fid].append(unit)
    for fid, us in routed.items():
        us.sort(key=lambda u: u.scores[fid], reverse=True)
    return routed
