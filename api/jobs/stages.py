"""The stages of processing a visit, in order, each calling the pipeline library once.

Each stage returns the artefacts it produced (kind -> bytes); the runner stores them encrypted and
records them in the same transaction that marks the stage done, so a job resumed after a crash
starts at the first stage whose artefacts are missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from api.db.models import ArtefactKind as K
from api.jobs.work import VisitWork

Progress = Callable[[float], None]


@dataclass(frozen=True)
class Stage:
    name: str
    produces: frozenset[str]
    start: float  # overall progress when the stage begins ...
    end: float  # ... and when it is done
    run: Callable[[VisitWork, Progress], dict[str, bytes]]


def _json(model: object) -> bytes:
    return model.model_dump_json().encode("utf-8")  # type: ignore[attr-defined]


def transcribe(work: VisitWork, progress: Progress) -> dict[str, bytes]:
    from assistant.pipeline import transcribe_stage
    from assistant.speech_presence import check_long_enough

    audio = work.audio()
    check_long_enough(audio)
    work.warm_up()
    return {K.asr: _json(transcribe_stage(audio, work.settings, on_progress=progress))}


def speakers(work: VisitWork, _progress: Progress) -> dict[str, bytes]:
    from assistant.pipeline import speech_stage
    from assistant.speech_presence import require_speech
    from core.transcript import Transcript

    transcript = work.load(K.asr, Transcript)
    result = speech_stage(
        work.audio(),
        transcript,
        work.settings,
        speakers=work.speakers,
        profile=work.voice_profile(),
        diarize=work.diarize,
    )
    work.release_audio()
    require_speech(result)
    return {K.transcript: _json(result)}


def redact(work: VisitWork, _progress: Progress) -> dict[str, bytes]:
    from assistant.pipeline import redact_stage
    from core.transcript import Transcript
    from redaction.known import KnownIdentifiers
    from redaction.vault import Vault

    transcript = work.load(K.transcript, Transcript)
    known = work.load_optional(K.known, KnownIdentifiers)
    work.wait_for_redactor()
    outcome = redact_stage(transcript, work.settings, known)
    vault = Vault(work.settings.vault_key).encrypt(outcome.vault_entries)
    return {K.redacted: _json(outcome.redacted), K.vault: vault}


def draft(work: VisitWork, _progress: Progress) -> dict[str, bytes]:
    from assistant.pipeline import draft_stage
    from prompts import load_template
    from redaction.models import RedactedTranscript

    redacted = work.load(K.redacted, RedactedTranscript)
    return {K.draft: _json(draft_stage(redacted, load_template(work.template), work.drafter()))}


# Progress spans follow measured stage times (speech-to-text dominates).
STAGES: tuple[Stage, ...] = (
    Stage("transcribe", frozenset({K.asr}), 0.0, 0.80, transcribe),
    Stage("speakers", frozenset({K.transcript}), 0.80, 0.88, speakers),
    Stage("redact", frozenset({K.redacted, K.vault}), 0.88, 0.95, redact),
    Stage("draft", frozenset({K.draft}), 0.95, 1.0, draft),
)
