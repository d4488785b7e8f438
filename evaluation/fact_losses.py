"""Where the reference facts a draft misses were lost: a dev breakdown for the extractive drafter.

    python -m evaluation.drafting_corpus --out DIR --split tuned --losses

For every reference fact of every visit: in its field; in another field (routing); or not in the
note, and then at which stage it went. Its source is the routable unit (or, failing that, the
transcript segment) whose words hold most of the fact:

- `in_field` / `via_pointer`: found where it belongs (or in the field a risk line points to);
- `other_field`: in the note, in another field (routing);
- `rewrite`: its unit is kept in the right field, the unit's own words hold the fact, the composed
  statement does not (the matcher against the third-person rewrite);
- `not_said`: no segment (with the one before it) holds 60% of the fact's words: the reference is
  a summary the matcher cannot find in any wording of the transcript (so no extract can score it);
- `filtered`: said only in sentences classed as questions, courtesies, logistics or explanations;
- `not_routed`: a unit, scored below every field's threshold;
- `field_budget`: routed, cut by its field's `max_words`;
- `note_budget`: cut to bring the note to NOTE_SHARE of the transcript (or its sentence trimmed);
- `condensed`: the segment holds it, the condensed unit does not;
- `kept_elsewhere`: its unit is kept in another field but the composed text there misses it too.

The corpus is synthetic; read only the tuned visits' losses when designing rules.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from evaluation.drafting_eval import ANY_FIELD, Names, fact_coverage, fact_found, pointed_text

if TYPE_CHECKING:
    from assistant.drafting.extractive import Plan
    from assistant.drafting.routing import Unit
    from core.draft import Draft
    from redaction.models import RedactedTranscript

CAUSES = (
    "in_field",
    "via_pointer",
    "other_field",
    "rewrite",
    "not_said",
    "filtered",
    "not_routed",
    "field_budget",
    "note_budget",
    "condensed",
    "kept_elsewhere",
)


@dataclass
class UnitTrace:
    """What became of one unit: the field chosen, kept after the field budget, kept in the final note."""

    unit: Unit
    text: str  # as routed, before any sentence was trimmed
    chosen: str | None
    after_route: str | None = None
    final: str | None = None


@dataclass
class PlanTrace:
    """A plan's units before and after the note's length budget."""

    units: list[UnitTrace] = field(default_factory=list)

    @classmethod
    def before_fit(cls, plan: Plan) -> PlanTrace:
        kept = {id(u): fid for fid, us in plan.routed.items() for u in us}
        return cls([UnitTrace(u, u.text, u.field_id, kept.get(id(u))) for u in plan.units])

    def after_fit(self, plan: Plan) -> None:
        kept = {id(u): fid for fid, us in plan.routed.items() for u in us}
        for t in self.units:
            t.final = kept.get(id(t.unit))


@dataclass
class FactLoss:
    """One reference fact and what became of it."""

    visit: str
    field_id: str
    fact: str
    cause: str
    where: str | None = None  # the field that holds it, or its unit's chosen field
    source: str = ""  # the unit or segment text the fact was traced to

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}


def _unit_text(t: UnitTrace) -> str:
    return f"{t.unit.asked} {t.text}"


def classify_facts(
    visit: str,
    draft: Draft,
    trace: PlanTrace,
    redacted: RedactedTranscript,
    reference_facts: dict[str, list[str]],
    names: Names | None = None,
) -> list[FactLoss]:
    """One FactLoss per reference fact of the form (`names`: redacted names and their placeholders)."""
    values = {f.id: f.value for f in draft.fields if f.status != "not_discussed"}
    texts = [s.text for s in redacted.segments]
    # A fact may rest on a question, its answer and what someone adds: up to three segments together.
    windows = [" ".join(texts[max(0, i - 2) : i + 1]) for i in range(len(texts))]
    return [
        _classify(FactLoss(visit, fid, fact, "in_field"), draft, values, trace, windows, names)
        for fid, facts in reference_facts.items()
        for fact in facts
    ]


def _classify(
    loss: FactLoss,
    draft: Draft,
    values: dict[str, str],
    trace: PlanTrace,
    windows: list[str],
    names: Names | None,
) -> FactLoss:
    fact, fid = loss.fact, loss.field_id
    holders = [f for f, v in values.items() if fact_found(fact, v, names)]
    if (fid == ANY_FIELD and holders) or fid in holders:
        return loss
    if fid != ANY_FIELD and fact_found(fact, pointed_text(draft, fid), names):
        loss.cause = "via_pointer"
        return loss
    if holders:
        loss.cause, loss.where = "other_field", holders[0]
        return loss
    best = max(trace.units, key=lambda t: fact_coverage(fact, _unit_text(t), names), default=None)
    if best is not None and fact_found(fact, _unit_text(best), names):
        loss.source, loss.where = best.text, best.final or best.after_route or best.chosen
        if best.final is not None and best.unit.text != best.text and not fact_found(fact, best.unit.text, names):
            loss.cause = "note_budget"  # a sentence of it was trimmed for the note's length
        elif best.final == fid:
            loss.cause = "rewrite"
        elif best.final is not None:
            loss.cause = "kept_elsewhere"
        elif best.after_route is not None:
            loss.cause = "note_budget"
        elif best.chosen is not None:
            loss.cause = "field_budget"
        else:
            loss.cause = "not_routed"
        return loss
    seg = max(windows, key=lambda w: fact_coverage(fact, w, names), default="")
    loss.source = seg
    if not fact_found(fact, seg, names):
        loss.cause = "not_said"
        return loss
    # Said, but no unit holds it: condensed away, or in sentences that are not facts.
    raw = [t for t in trace.units if t.unit.utterance.segment.text in seg]
    whole = [f"{t.unit.asked} {t.unit.utterance.segment.text}" for t in raw]
    loss.cause = "condensed" if any(fact_found(fact, w, names) for w in whole) else "filtered"
    return loss


def summarise_losses(losses: list[FactLoss]) -> dict[str, Any]:
    """Counts per cause, and per cause and field."""
    counts = Counter(loss.cause for loss in losses)
    by_field: Counter[str] = Counter(f"{loss.cause}:{loss.field_id}" for loss in losses)
    return {
        "facts": len(losses),
        "causes": {c: counts.get(c, 0) for c in CAUSES},
        "by_cause_and_field": dict(sorted(by_field.items())),
    }
