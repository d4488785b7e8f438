"""One visit through each pipeline stage, scored against its ground truth.

Each function takes what the previous stage produced and returns plain-JSON metrics, so the
runner can save them per visit and resume. Stage scorers owned by other modules
(`evaluation.redaction_eval`, `evaluation.drafting_eval`) are called through their public
functions and their results converted to dicts.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.transcript import (
    AudioInfo,
    ModelInfo,
    Segment,
    Transcript,
    TranscriptionOptions,
    segment_id,
    stable_id,
)
from evaluation.asr_eval import Span, key_term_spans, score_asr
from evaluation.corpus_truth import VisitTruth
from evaluation.review_effort import review_effort
from evaluation.time_model import TimeModel

if TYPE_CHECKING:
    from collections.abc import Mapping

    from assistant.drafting.models import Draft
    from assistant.settings import Settings
    from redaction.models import RedactedTranscript


def as_plain(value: Any) -> Any:
    """Dataclasses, pydantic models and containers of them as plain JSON-able values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: as_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        for name in dir(type(value)):  # computed rates are properties on several score classes
            if isinstance(getattr(type(value), name, None), property) and not name.startswith("_"):
                try:
                    out[name] = as_plain(getattr(value, name))
                except (ArithmeticError, ValueError, KeyError):
                    out[name] = None
        return out
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(k): as_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [as_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    return value


def transcribe_visit(audio_path: Path, settings: Settings, model: str, on_progress: Any = None) -> Transcript:
    """Run the real decoder and speech model on one recording."""
    from assistant.audio import load_audio
    from assistant.transcription import transcribe

    audio = load_audio(audio_path, settings)
    return transcribe(audio, settings, model=model, on_progress=on_progress)


def speaker_labels(truth: VisitTruth) -> dict[str, str]:
    """Script speaker key -> the label diarization would give it (SPEAKER_1, SPEAKER_2 ... by first turn)."""
    order = list(dict.fromkeys(line.speaker for line in truth.lines))
    return {key: f"SPEAKER_{i + 1}" for i, key in enumerate(order)}


def reference_transcript(truth: VisitTruth, anonymous: bool = True) -> Transcript:
    """The script itself as a transcript (oracle ASR), so drafting can be scored on its own.

    Speakers are labelled as diarization labels them (SPEAKER_1 ... with no names), so the drafter
    has to work out who is who; `anonymous=False` labels them by their role instead.
    """
    labels = speaker_labels(truth)
    segments = [
        Segment(
            id=segment_id(i),
            start=line.start or float(i),
            end=line.end or float(i + 1),
            text=line.text,
            speaker=labels[line.speaker] if anonymous else line.role,
            translation=None,
        )
        for i, line in enumerate(truth.lines)
    ]
    speakers = {lab: lab.replace("SPEAKER_", "Speaker ") for lab in labels.values()} if anonymous else {}
    duration = truth.duration or float(len(segments))
    return Transcript(
        id=stable_id("tr", "reference", truth.id, truth.transcript),
        audio=AudioInfo(path=f"reference:{truth.id}", sha256="", format="text", duration=duration, size_bytes=0),
        model=ModelInfo(name="reference", path="", source="ground truth"),
        options=TranscriptionOptions(model="reference"),
        language="en",
        duration=duration,
        segments=segments,
        speakers=speakers,
    )


def score_transcript(truth: VisitTruth, transcript: Transcript) -> dict[str, Any]:
    """WER, and error rates on identifiers (by type) and on the visit's key terms."""
    spans = [Span(s.start, s.end, s.entity_type) for s in truth.spans]
    spans += key_term_spans(truth.transcript, truth.key_terms)
    scores = score_asr(truth.transcript, transcript.text, spans)
    return {
        **scores.as_dict(),
        "audio_seconds": transcript.duration,
        "model": transcript.model.name,
    }


def redaction_examples(truth: VisitTruth) -> list[dict[str, Any]]:
    """One example per script line: its text and the personal-data spans in it.

    The practitioner's own name is passed as known, as the service does for the signed-in worker.
    """
    from redaction.known import KnownIdentifiers

    spans = truth.redaction_spans()
    practitioners = sorted({s.text for s in truth.spans if s.entity_type == "PRACTITIONER"})
    known = KnownIdentifiers(practitioner_names=practitioners) if practitioners else None
    examples, offset = [], 0
    for line in truth.lines:
        end = offset + len(line.text)
        inside = [
            {"start": s["start"] - offset, "end": s["end"] - offset, "entity_type": s["entity_type"]}
            for s in spans
            if offset <= s["start"] < end
        ]
        examples.append({"text": line.text, "spans": inside, "known": known})
        offset = end + 1
    return examples


def score_redaction_stage(truths: list[VisitTruth], settings: Settings) -> dict[str, Any]:
    """Leak rate, recall and precision per entity type, on the reference lines of every visit."""
    from evaluation.redaction_eval import score_redaction
    from redaction.redactor import get_redactor

    examples = [e for truth in truths for e in redaction_examples(truth)]
    return {
        "visits": [t.id for t in truths],
        "examples": len(examples),
        "labelled_spans": sum(len(e["spans"]) for e in examples),
        "scores": as_plain(score_redaction(examples, get_redactor(settings))),
    }


def redact(transcript: Transcript, settings: Settings) -> RedactedTranscript:
    from redaction.redactor import get_redactor

    return get_redactor(settings).redact_transcript(transcript).redacted


def draft_visit(redacted: RedactedTranscript, template_name: str, drafter: str, settings: Settings) -> Draft:
    from assistant.drafting.registry import get_drafter
    from prompts import load_template

    return get_drafter(drafter, settings).draft(redacted, load_template(template_name))


def role_accuracy(truth: VisitTruth, draft: Draft) -> dict[str, Any]:
    """How many speakers the drafter gave the role the script gives them (reference transcripts only)."""
    labels = speaker_labels(truth)
    truth_role = {labels[k]: v.role for k, v in truth.speakers.items() if k in labels}
    found = {p.label: p.role for p in draft.participants}
    scored = [lab for lab in found if lab in truth_role]
    return {
        "speakers": len(scored),
        "correct": sum(found[lab] == truth_role[lab] for lab in scored),
        "assigned": {lab: f"{found[lab]} (script: {truth_role[lab]})" for lab in scored},
    }


def score_drafting_stage(
    truth: VisitTruth,
    draft: Draft,
    template_name: str,
    model: TimeModel,
    transcript_words: int | None = None,
    names: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, Any]:
    """Fact recall, unsupported statements, risks and their status, note length, ROUGE; review effort.

    `names` (`drafting_eval.redacted_names`): a fact's redacted names match their placeholders.
    """
    facts = truth.reference_facts.get(template_name, {})
    scores: dict[str, Any]
    try:
        from evaluation.drafting_eval import score_draft
    except ImportError:  # review effort and modelled time do not need it
        scores = {"unavailable": "evaluation.drafting_eval is not installed"}
    else:
        scores = as_plain(
            score_draft(
                draft,
                facts,
                reference_note=truth.reference_note or None,
                expected_risks=truth.expected_risks,
                expected_flags=[f.model_dump() for f in truth.expected_flags],
                transcript_words=transcript_words or len(truth.transcript.split()),
                names=names,
            )
        )
    drafted = {f.id: f.value for f in draft.fields}
    # Proxy for the approved version: the reference facts of each field, written out.
    approved = {f.id: "; ".join(facts.get(f.id, [])) or "Not discussed" for f in draft.fields}
    effort = review_effort(drafted, approved)
    words = sum(len(v.split()) for v in drafted.values())
    minutes = model.review_minutes(words, effort.char_edits, len(draft.fields))
    return {
        "scores": scores,
        "roles": role_accuracy(truth, draft) if draft.participants else None,
        "review_effort": {k: v for k, v in effort.as_dict().items() if k != "fields"},
        "draft_words": words,
        "modelled_review_minutes": round(minutes, 1),
    }
