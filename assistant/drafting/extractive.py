"""The default drafter, by rule: nothing generated, nothing invented. Read it top to bottom.

    utterances -> roles -> routing -> composing statements -> verification

1. `build_utterances`: each segment split into sentences, fillers dropped, each sentence a fact,
   question, request, courtesy, logistics or explanation; every answer linked to its question.
2. `assign_roles`: who each speaker label is (practitioner, person, family, carer, interpreter).
3. `route`: each fact or commitment to the one field it fits best, within the field's budget.
4. `Composer`: third-person statements, a question folded into its answer; actions as full
   sentences; risks in the risk field with their status, or a pointer to where they are recorded.
5. `verify_draft`: every statement checked against the transcript; the visit's risk flags.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.drafting.actions import (
    CUT_SHORT,
    PURPOSE,
    commitments,
    drop_summaries,
    is_commitment,
    without_purpose,
)
from assistant.drafting.base import Drafter, assemble_draft
from assistant.drafting.compose import Composer, Statement, said_at
from assistant.drafting.embeddings import MODEL_NAME, get_embedder, model_dir
from assistant.drafting.format import format_value, pointer_line, risk_line
from assistant.drafting.roles import assign_roles
from assistant.drafting.routing import (
    LAST_RESORT_KEEPERS,
    LAST_RESORT_SENTENCES,
    NOTE_SHARE,
    SENTENCE_WEIGHT,
    SPARE_MIN_SENTENCES,
    SPARE_SENTENCES,
    Unit,
    build_units,
    cut_sentence,
    route,
    trim_weakest_sentence,
    weakest_beside_risk,
    weakest_scored,
    weakest_sentence,
)
from assistant.drafting.utterances import Utterance, build_utterances, whole_sentences
from assistant.verification.risk import RISK_LABELS, RiskFinding, Said, assess_risks, risk_categories, strongest
from assistant.verification.verifier import verify_draft
from core.draft import NOT_DISCUSSED, ActionItem, Draft, DraftField, Evidence, Participant
from core.text import NO, YES, find_dates, substance

if TYPE_CHECKING:
    from assistant.settings import Settings
    from prompts.schema import FormTemplate, TemplateField
    from redaction.models import RedactedSegment, RedactedTranscript


def evidence_for(seg: RedactedSegment, redacted: RedactedTranscript, score: float | None = None) -> Evidence:
    """Quote one redacted segment as evidence."""
    return Evidence(
        segment_id=seg.id,
        start=seg.start,
        end=seg.end,
        speaker=None if seg.speaker is None else redacted.speakers.get(seg.speaker, seg.speaker),
        quote=seg.text.strip(),
        score=None if score is None else round(score, 3),
    )


class Plan:
    """Stages 1-3 for one transcript and form: utterances, participants, units routed to fields, risks."""

    def __init__(self, redacted: RedactedTranscript, template: FormTemplate, settings: Settings) -> None:
        redacted = whole_sentences(redacted)  # a sentence diarization cut in two is one again
        self.redacted = redacted
        self.template = template
        self.utterances: list[Utterance] = build_utterances(redacted)
        self.participants: list[Participant] = assign_roles(redacted, self.utterances)
        self.composer = Composer(self.participants)
        roles = {p.label: p.role for p in self.participants}
        said = [
            Said(u.segment.id, u.segment.text, u.speaker, roles.get(u.speaker or "", "unknown"))
            for u in self.utterances
        ]
        self.findings: list[RiskFinding] = assess_risks(said)
        units = build_units(self.utterances, self.participants)
        self.units: list[Unit] = units  # every routable unit, kept or not (the loss breakdown reads them)
        self.transcript_words = sum(len(s.text.split()) for s in redacted.segments)
        self.routed: dict[str, list[Unit]] = route(
            units, template, get_embedder(model_dir(settings)), self.participants
        )
        self._place_risks(units)

    @property
    def risk_field(self) -> str | None:
        return next((f.id for f in self.template.fields if f.risk), None)

    @property
    def protected(self) -> set[int]:
        """Units the note keeps whatever its length: those a risk finding rests on."""
        ids = {f.segment_id for f in self.findings}
        return {id(u) for us in self.routed.values() for u in us if u.utterance.segment.id in ids}

    def _place_risks(self, units: list[Unit]) -> None:
        """Every risk the visit holds is in the note: a denial or disclosure nobody routed joins the risk field."""
        risk_field = next((f for f in self.template.fields if f.risk), None)
        if risk_field is None:
            return
        for f in self.findings:
            unit = next((u for u in units if u.utterance.segment.id == f.segment_id and not u.action), None)
            if unit is None or unit in self.routed[risk_field.id]:
                continue
            kept = unit.field_id is not None and unit in self.routed[unit.field_id]
            # Asked and denied, a denial is recorded with the risks; said in passing on another topic
            # ('I haven't been to church since the fall'), it stays there and the risk field points to it.
            asked = f.category in risk_categories(unit.asked) if unit.asked else False
            if (f.status != "denied" or (kept and not asked)) and unit.field_id is not None:
                if not kept:  # over its field's budget, but a risk is always recorded
                    self.routed[unit.field_id].append(unit)
                continue  # recorded in its topical field; the risk field points to it
            if kept:
                self.routed[unit.field_id or ""].remove(unit)  # a denial is recorded with the risks
            unit.field_id = risk_field.id
            unit.scores.setdefault(risk_field.id, 0.0)
            self.routed[risk_field.id].append(unit)

    def field_of(self, segment_id: str) -> str | None:
        return next(
            (fid for fid, us in self.routed.items() if any(u.utterance.segment.id == segment_id for u in us)), None
        )


class ExtractiveDrafter(Drafter):
    """Fills each field with third-person statements of what was said, attributed by role."""

    name = "extractive"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        # Drafters are built before transcription starts: load the embedding model meanwhile.
        get_embedder(model_dir(settings)).preload()

    def plan(self, redacted: RedactedTranscript, template: FormTemplate) -> Plan:
        """Stages 1-3 (the LLM drafter drafts from the same plan)."""
        return Plan(redacted, template, self.settings)

    def draft(self, redacted: RedactedTranscript, template: FormTemplate) -> Draft:
        """A verified draft with evidence on every field; fields with none say 'Not discussed'."""
        return self.draft_from_plan(self.plan(redacted, template))

    def draft_from_plan(self, plan: Plan) -> Draft:
        """Stages 4-5 on a plan: fit the note to its length, compose, verify (the plan's units are trimmed)."""
        redacted, template = plan.redacted, plan.template
        fields = self.fit(plan, [self.field_from_plan(tf, plan) for tf in template.fields])
        draft = assemble_draft(
            redacted, template, fields, self.name, MODEL_NAME, model_label=f"{MODEL_NAME} (routing only)"
        )
        draft = draft.model_copy(update={"participants": plan.participants})
        return verify_draft(draft, redacted, template, plan.participants)

    def fit(self, plan: Plan, fields: list[DraftField]) -> list[DraftField]:
        """Drop the facts the note can best spare until it is at most NOTE_SHARE of the transcript."""
        budget = NOTE_SHARE * plan.transcript_words
        by_id = {f.id: i for i, f in enumerate(fields)}
        tfs = {tf.id: tf for tf in plan.template.fields}
        dropped: list[tuple[str, int, Unit]] = []  # (field, where it stood, unit): the units the note gave up
        while sum(_words(f) for f in fields) > budget:
            spare = weakest_scored(plan.routed, plan.protected, risk_field=plan.risk_field)
            # A weak sentence of a kept answer goes before a whole answer that tells more per word.
            piece = weakest_sentence(plan.routed, SPARE_MIN_SENTENCES) if SPARE_SENTENCES else None
            if piece is not None and (spare is None or piece[0] * SENTENCE_WEIGHT < spare[0]):
                _, unit, i = piece
                cut_sentence(unit, i)
                fid = unit.field_id or ""
                fields[by_id[fid]] = self.field_from_plan(tfs[fid], plan)
                continue
            if spare is not None:
                _, fid, unit = spare
                dropped.append((fid, plan.routed[fid].index(unit), unit))
                plan.routed[fid].remove(unit)
                fields[by_id[fid]] = self.field_from_plan(tfs[fid], plan)
                continue
            # Each field's best fact, the actions and the risks are kept: their least telling sentences go.
            if not trim_weakest_sentence(plan.routed) and not _last_resort(plan):
                break  # nothing left but one short sentence a field, the actions and the risks themselves
            fields = [self.field_from_plan(tf, plan) for tf in plan.template.fields]
        return self._refill(plan, fields, dropped, budget) if REFILL else fields

    def _refill(
        self, plan: Plan, fields: list[DraftField], dropped: list[tuple[str, int, Unit]], budget: float
    ) -> list[DraftField]:
        """Words the last cuts left spare go back to facts: a dropped unit that still fits returns, the last
        dropped (the most telling) first ('Staff go with him on the bus.' fits in the 12 words a 20-word cut freed)."""
        by_id = {f.id: i for i, f in enumerate(fields)}
        tfs = {tf.id: tf for tf in plan.template.fields}
        total = sum(_words(f) for f in fields)
        for fid, at, unit in reversed(dropped):
            if len(set(substance(unit.text))) < REFILL_MIN_SUBSTANCE:
                continue  # 'Yes, that's fine.' would fill the words, not the record
            i = by_id[fid]
            plan.routed[fid].insert(min(at, len(plan.routed[fid])), unit)
            grown = self.field_from_plan(tfs[fid], plan)
            if total - _words(fields[i]) + _words(grown) <= budget:
                total += _words(grown) - _words(fields[i])
                fields[i] = grown
            else:
                plan.routed[fid].remove(unit)
        return fields

    def field_from_plan(self, tf: TemplateField, plan: Plan) -> DraftField:
        """One unverified field: its statements (or actions), formatted for its type, with evidence."""
        units = plan.routed[tf.id]
        base = DraftField(id=tf.id, label=tf.label, type=tf.type, value=NOT_DISCUSSED, drafter=self.name)
        pointers = self._pointers(tf, plan) if tf.risk else []
        if not units and not pointers:
            return base.model_copy(update={"status": "not_discussed"})
        statements = plan.composer.compose(units, own_words=tf.own_words)
        actions = self._actions(units, plan) if tf.type == "actions" else []
        texts = self._risk_lines(statements, plan) if tf.risk else [s.text for s in statements]
        value = format_value(
            tf,
            texts + pointers,
            actions,
            answer=self._yes_no(units),
            date=next((d for u in units for d in find_dates(u.text)), None),
        )
        if tf.type == "actions" and not actions:
            value = NOT_DISCUSSED
        if value == NOT_DISCUSSED:
            return base.model_copy(update={"status": "not_discussed"})
        by_id = {s.id: s for s in plan.redacted.segments}
        scores = {u.utterance.segment.id: u.score for u in units}
        ids = list(dict.fromkeys(i for st in statements for i in st.segment_ids))
        if pointers:  # a risk recorded elsewhere is named here, and its words are this field's evidence too
            ids += [f.segment_id for f in plan.findings if f.segment_id not in ids and plan.field_of(f.segment_id)]
            ids = list(dict.fromkeys(ids))
        evidence = [evidence_for(by_id[i], plan.redacted, scores.get(i)) for i in ids]
        return base.model_copy(update={"value": value, "evidence": evidence, "actions": actions})

    def _risk_lines(self, statements: list[Statement], plan: Plan) -> list[str]:
        lines = []
        for st in statements:
            found = [
                f for f in plan.findings if f.segment_id in st.segment_ids and f.category in risk_categories(st.text)
            ]
            if found:
                cat = found[0].category
                status = strongest([f for f in plan.findings if f.category == cat])
                lines.append(risk_line(RISK_LABELS[cat], status, st.text))
            else:
                lines.append(st.text)
        return lines

    @staticmethod
    def _pointers(tf: TemplateField, plan: Plan) -> list[str]:
        """Risks recorded in another field, named in the risk field without copying them."""
        lines, done = [], set()
        labels = {f.id: f.label for f in plan.template.fields}
        # Risks a sentence kept here states itself (one of an answer kept elsewhere): they need no pointer.
        here = {
            g.category
            for g in plan.findings
            for u in plan.routed[tf.id]
            if u.utterance.segment.id == g.segment_id and g.category in risk_categories(u.text)
        }
        for f in plan.findings:
            where = plan.field_of(f.segment_id)
            if f.category in done or f.category in here or where is None or where == tf.id:
                continue
            if any(plan.field_of(g.segment_id) == tf.id for g in plan.findings if g.category == f.category):
                continue
            done.add(f.category)
            status = strongest([g for g in plan.findings if g.category == f.category])
            lines.append(pointer_line(RISK_LABELS[f.category], status, labels[where]))
        return lines

    @staticmethod
    def _yes_no(units: list[Unit]) -> str | None:
        """Yes or no from the answer given; a plain statement ('I spoke to her on her own') says yes."""
        for u in units:
            if YES.match(u.text):
                return "yes"
            if NO.match(u.text):
                return "no"
        for u in units:
            if u.question is None and not u.action:
                return "no" if re.search(r"\b(?:not|never|no)\b|n't\b", u.text, re.I) else "yes"
        return None

    @staticmethod
    def _actions(units: list[Unit], plan: Plan) -> list[ActionItem]:
        actions = []
        for u in sorted(units, key=said_at):
            speaker = plan.composer.who(u.utterance.speaker)
            addressee = plan.composer.addressee(speaker)
            for subject, what, by_when in commitments(u.text, is_request=u.request):
                if speaker is not None and speaker.role != "practitioner" and len(what.split()) < 4:
                    continue  # 'I'll call her down': said in passing, not an agreed action
                who = _actor(subject, speaker, addressee)
                if who == subject and speaker is not None:  # 'your GP' said to her is her GP
                    who = plan.composer.body(subject, u.utterance.speaker)
                what = without_purpose(what)
                body = plan.composer.body(what, u.utterance.speaker)
                ev = [evidence_for(u.utterance.segment, plan.redacted)]
                actions.append(ActionItem(what=body, who=who, by_when=by_when, evidence=ev))
        return drop_summaries(actions)


# Words the budget's last cut left spare are spent on the facts it cut, most telling first.
REFILL = True
# ... only to a unit with at least this many words of substance.
REFILL_MIN_SUBSTANCE = 2


def _last_resort(plan: Plan) -> bool:
    """Past every fact the note can spare, a note dense with actions and risks is still kept to its share:
    an action outside the actions field drops why it is done ('I'll phone you next Friday to let you know
    how I've got on'; the actions field's already do); a sentence that only shares a risk's segment goes
    ('My daughter would like it, she worries.' beside 'I've never fallen.'); then the weakest later
    sentence of a two-sentence answer; last, a field's best unit that tells almost nothing ('I'd like to
    get out a bit more.').
    Never an action, nor a sentence that names a risk or answers a question about one.
    False when nothing is left to cut."""
    types = {tf.id: tf.type for tf in plan.template.fields}
    for fid, us in plan.routed.items():
        for u in us:
            if u.action and types[fid] != "actions":
                cut = PURPOSE.sub("", u.text).rstrip(" ,.")
                if cut != u.text.rstrip(" ,.") and not CUT_SHORT.search(cut) and is_commitment(cut):
                    u.text = f"{cut}."
                    return True
    beside = weakest_beside_risk(plan.routed, plan.protected)
    if beside is not None:
        plan.routed[beside[0]].remove(beside[1])
        return True
    piece = weakest_sentence(plan.routed, 2) if LAST_RESORT_SENTENCES else None
    if piece is not None:
        cut_sentence(piece[1], piece[2])
        return True
    spare = (
        weakest_scored(plan.routed, plan.protected, keepers=True, risk_field=plan.risk_field)
        if LAST_RESORT_KEEPERS
        else None
    )
    if spare is not None:
        plan.routed[spare[1]].remove(spare[2])
        return True
    return False


def _words(f: DraftField) -> int:
    return 0 if f.status == "not_discussed" else len(f.value.split())


def _actor(subject: str, speaker: Participant | None, addressee: Participant | None) -> str | None:
    """Who will do it: 'I'/'we' is the speaker, 'you' the person spoken to; None when nobody knows who spoke."""
    s = subject.lower()
    if speaker is None:
        return None
    if s in {"i", "we"}:
        return speaker.name
    if s == "you":
        return addressee.name if addressee else None
    return subject
