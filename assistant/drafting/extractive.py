"""The default drafter: routes utterances to fields and reports them. No generation, nothing invented."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from assistant.drafting.actions import extract_actions, format_actions
from assistant.drafting.base import Drafter, assemble_draft, speaker_name
from assistant.drafting.cues import NO, YES, find_dates
from assistant.drafting.embeddings import MODEL_NAME, get_embedder, model_dir
from assistant.drafting.models import NOT_DISCUSSED, ActionItem, Draft, DraftField, Evidence
from assistant.drafting.reported_speech import report
from assistant.drafting.routing import Unit, build_units, route
from assistant.verification.verifier import verify_draft

if TYPE_CHECKING:
    from assistant.settings import Settings
    from prompts.schema import FormTemplate, TemplateField
    from redaction.models import RedactedSegment, RedactedTranscript


def known_speaker(redacted: RedactedTranscript, label: str | None) -> str | None:
    """The speaker's display name, or None when nobody knows who spoke (no diarization)."""
    return None if label is None else speaker_name(redacted, label)


def evidence_for(seg: RedactedSegment, redacted: RedactedTranscript, score: float | None = None) -> Evidence:
    """Quote one redacted segment as evidence."""
    return Evidence(
        segment_id=seg.id,
        start=seg.start,
        end=seg.end,
        speaker=known_speaker(redacted, seg.speaker),
        quote=seg.text.strip(),
        score=None if score is None else round(score, 3),
    )


class ExtractiveDrafter(Drafter):
    """Fills each field with the utterances routed to it, in reported speech, attributed to the speaker."""

    name = "extractive"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        # Drafters are built before transcription starts: load the embedding model meanwhile.
        get_embedder(model_dir(settings)).preload()

    def draft(self, redacted: RedactedTranscript, template: FormTemplate) -> Draft:
        """A verified draft with evidence on every field; fields with none say 'Not discussed'."""
        fields = self.draft_fields(redacted, template)
        draft = assemble_draft(
            redacted, template, fields, self.name, MODEL_NAME, model_label=f"{MODEL_NAME} (routing only)"
        )
        return verify_draft(draft, redacted, template)

    def draft_fields(self, redacted: RedactedTranscript, template: FormTemplate) -> list[DraftField]:
        """Unverified extractive fields, in template order (the LLM drafter falls back to these)."""
        routed = self.route(redacted, template)
        return [self.field_from_units(tf, routed[tf.id], redacted) for tf in template.fields]

    def route(self, redacted: RedactedTranscript, template: FormTemplate) -> dict[str, list[Unit]]:
        """Field id -> the utterances routed to it, best first."""
        return route(build_units(redacted), template, get_embedder(model_dir(self.settings)))

    def field_from_units(self, tf: TemplateField, units: list[Unit], redacted: RedactedTranscript) -> DraftField:
        limit = 2 if tf.type in {"short_text", "date", "yes_no_unknown"} else tf.max_statements
        chosen = sorted(units[:limit], key=lambda u: u.segment.start)
        base = DraftField(id=tf.id, label=tf.label, type=tf.type, value=NOT_DISCUSSED, drafter=self.name)
        if not chosen:
            return base.model_copy(update={"status": "not_discussed"})
        evidence: list[Evidence] = []
        for u in chosen:
            if u.question is not None:
                evidence.append(evidence_for(u.question, redacted))
            evidence.append(evidence_for(u.segment, redacted, u.scores[tf.id]))
        statements = [self._report(u, redacted) for u in chosen]
        value = " ".join(statements)
        actions: list[ActionItem] = []
        if tf.type == "actions":
            actions = self._actions(chosen, redacted)
            if actions:
                value = format_actions(actions)
        elif tf.type == "yes_no_unknown":
            value = f"{self._yes_no(chosen)}. {value}"
        elif tf.type == "date":
            dates = [d for u in chosen for d in find_dates(u.text)]
            if dates:
                value = f"{dates[0][:1].upper()}{dates[0][1:]}. {value}"
        return base.model_copy(update={"value": value, "evidence": evidence, "actions": actions})

    @staticmethod
    def _report(unit: Unit, redacted: RedactedTranscript) -> str:
        speaker = known_speaker(redacted, unit.segment.speaker)
        if unit.question is None:
            return report(unit.text, speaker)
        return report(
            unit.text,
            speaker,
            question=unit.question.text,
            question_speaker=known_speaker(redacted, unit.question.speaker),
        )

    @staticmethod
    def _yes_no(units: list[Unit]) -> str:
        for u in units:
            if YES.match(u.text):
                return "Yes"
            if NO.match(u.text):
                return "No"
        return "Unknown"

    @staticmethod
    def _actions(units: list[Unit], redacted: RedactedTranscript) -> list[ActionItem]:
        counts = Counter(s.speaker for s in redacted.segments)
        actions = []
        for u in units:
            others = [lab for lab, _ in counts.most_common() if lab != u.segment.speaker]
            addressee = known_speaker(redacted, others[0]) if others else None
            for what, who, by_when in extract_actions(u.text, known_speaker(redacted, u.segment.speaker), addressee):
                actions.append(
                    ActionItem(what=what, who=who, by_when=by_when, evidence=[evidence_for(u.segment, redacted)])
                )
        return actions
