"""The visit-to-draft pipeline: one stage function per step, and `process()` running them all.

audio -> decode -> transcribe -> speech -> redact -> draft -> files. The CLI calls `process()`;
the service's job worker calls the stage functions one by one, storing each stage's result so a
job resumed after a crash skips what is done. The template is checked before any heavy work, so a
typo costs nothing; the original audio is only read.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from pydantic import BaseModel, Field

from assistant import __version__
from assistant.audio import DecodedAudio, load_audio
from assistant.diarization.postprocess import speech_postprocess
from assistant.settings import Settings, get_settings
from assistant.speech_presence import check_long_enough, require_speech
from assistant.stages import StageTimer, StageTiming, release_memory
from assistant.transcription import transcribe
from core.outputs import StagedOutputs, atomic_write_text, check_output_dir
from core.transcript import Transcript

if TYPE_CHECKING:
    from assistant.diarization.profile import SpeakerProfile
    from assistant.drafting.base import Drafter
    from assistant.drafting.models import Draft
    from prompts import FormTemplate
    from redaction.models import RedactedTranscript
    from redaction.redactor import KnownIdentifiers, RedactionOutcome

ProgressCallback = Callable[[str, float], None]

OUTPUT_FILES = {
    "transcript": "transcript.json",
    "redacted": "redacted.json",
    "draft": "draft.json",
    "markdown": "draft.md",
    "vault": "vault.bin",
    "run": "run.json",
}


class RunRecord(BaseModel):
    """What one `process` run did: ids, files, per-stage timings. Written as run.json."""

    code_version: str = __version__
    audio: str
    audio_seconds: float
    transcript_id: str
    redaction_id: str
    draft_id: str
    template: str
    drafter: str
    model: str
    files: dict[str, str]
    timings: list[StageTiming] = Field(default_factory=list)


@dataclass
class ProcessResult:
    transcript: Transcript
    redacted: RedactedTranscript
    draft: Draft
    files: dict[str, Path]
    timings: list[StageTiming] = field(default_factory=list)


def _warm_redactor(settings: Settings) -> None:
    """Load the redaction models (spaCy, gazetteers) while speech-to-text runs.

    Any failure is left for the real redaction call to raise, where it is reported.
    """
    from redaction.redactor import get_redactor

    with contextlib.suppress(Exception):
        get_redactor(settings).redact_text("Warm-up: Jane Example, 1 High Street, Leeds, 07700 900123.")


def start_warm_up(settings: Settings, drafter_name: str) -> tuple[Drafter, threading.Thread]:
    """Build the drafter (its model loads in a background thread) and start loading the redactor.

    Call it just after decoding: the loading then overlaps speech-to-text (native code that releases
    the GIL) instead of slowing decoding. Join the thread before redacting.
    """
    from assistant.drafting.registry import get_drafter

    drafter = get_drafter(drafter_name, settings)
    redactor_ready = threading.Thread(
        target=_warm_redactor, args=(settings,), name="offset-redactor-warm-up", daemon=True
    )  # daemon: Ctrl-C need not wait for it
    redactor_ready.start()
    return drafter, redactor_ready


def decode_stage(
    audio_path: Path, settings: Settings, keep_channels: bool = False, fileobj: BinaryIO | None = None
) -> DecodedAudio:
    """Stage 1: decode the recording (from `audio_path`, or from `fileobj` named by it) to 16 kHz."""
    return load_audio(audio_path, settings, keep_channels=keep_channels, fileobj=fileobj)


def transcribe_stage(
    audio: DecodedAudio,
    settings: Settings,
    model: str | None = None,
    vocabulary: Sequence[str] | None = None,
    on_progress: Callable[[float], None] | None = None,
) -> Transcript:
    """Stage 2: speech-to-text, a timed transcript."""
    return transcribe(audio, settings, model=model, vocabulary=vocabulary, on_progress=on_progress)


def speech_stage(
    audio: DecodedAudio,
    transcript: Transcript,
    settings: Settings,
    speakers: int | None = None,
    profile: Path | SpeakerProfile | None = None,
    vocabulary: Sequence[str] | None = None,
    translate: bool = False,
    diarize: bool | None = None,
) -> Transcript:
    """Stage 3: quality warnings, speakers, languages, vocabulary corrections."""
    return speech_postprocess(audio, transcript, settings, speakers, profile, vocabulary, translate, diarize=diarize)


def redact_stage(transcript: Transcript, settings: Settings, known: KnownIdentifiers | None = None) -> RedactionOutcome:
    """Stage 4: the redacted transcript and the vault entries (placeholder -> real value)."""
    from redaction.redactor import get_redactor

    return get_redactor(settings).redact_transcript(transcript, known)


def draft_stage(redacted: RedactedTranscript, template: FormTemplate, drafter: Drafter) -> Draft:
    """Stage 5: the draft, every field with its evidence and verification."""
    return drafter.draft(redacted, template)


def process(
    audio_path: Path,
    template_name: str,
    out_dir: Path,
    settings: Settings | None = None,
    model: str | None = None,
    drafter_name: str | None = None,
    known: KnownIdentifiers | None = None,
    vocabulary: Sequence[str] | None = None,
    on_progress: ProgressCallback | None = None,
    speakers: int | None = None,
    profile: Path | None = None,
    translate: bool = False,
    overwrite: bool = False,
    diarize: bool | None = None,
) -> ProcessResult:
    """Run every stage on one recording and write transcript, redaction, draft and run record to `out_dir`.

    Speakers are labelled unless `diarize` is False (default: `settings.speaker_labels`, on); their
    number is estimated unless `speakers` gives it. A `speakers` count or `profile` always labels.
    `out_dir` must not hold an earlier run's outputs unless `overwrite`; it is checked before any
    work, and the outputs are renamed into place together at the end (run.json last), so an
    interrupted run leaves the folder as it was.
    """
    from assistant.drafting.registry import check_drafter_name
    from assistant.drafting.render import render_markdown
    from prompts import load_template
    from redaction.vault import Vault

    settings = settings or get_settings()
    diarize = (settings.speaker_labels if diarize is None else diarize) or speakers is not None or profile is not None
    template = load_template(template_name)  # fail fast, before any model loads
    drafter_name = drafter_name or settings.drafter
    check_drafter_name(drafter_name)
    check_output_dir(out_dir, OUTPUT_FILES.values(), force=overwrite)
    timer = StageTimer()
    progress = on_progress or (lambda _stage, _fraction: None)

    with timer.stage("decode"):
        audio = decode_stage(audio_path, settings, keep_channels=diarize)
    audio_seconds = audio.duration
    timer.audio_seconds = audio_seconds
    timer.timings[-1].audio_seconds = audio.duration
    check_long_enough(audio)
    drafter, redactor_ready = start_warm_up(settings, drafter_name)

    with timer.stage("asr"):
        transcript = transcribe_stage(
            audio, settings, model=model, vocabulary=vocabulary, on_progress=lambda f: progress("transcribe", f)
        )
        release_memory()
    with timer.stage("speech"):
        transcript = speech_stage(audio, transcript, settings, speakers, profile, vocabulary, translate, diarize)
    del audio  # the samples (and stereo channels) are not needed after the speech stage
    release_memory()
    require_speech(transcript)
    with timer.stage("redact"):
        redactor_ready.join()
        outcome = redact_stage(transcript, settings, known)
        redacted = outcome.redacted
    progress("redact", 1.0)
    with timer.stage("draft"):
        draft = draft_stage(redacted, template, drafter)
    progress("draft", 1.0)

    with timer.stage("write"), StagedOutputs() as staged:
        files = {key: out_dir / name for key, name in OUTPUT_FILES.items()}
        staged.add(files["transcript"], transcript.model_dump_json(indent=2))
        staged.add(files["redacted"], redacted.model_dump_json(indent=2))
        staged.add(files["draft"], draft.model_dump_json(indent=2))
        staged.add(files["markdown"], render_markdown(draft))
        staged.add(files["vault"], Vault(settings.vault_key).encrypt(outcome.vault_entries))
        staged.commit()
    record = RunRecord(
        audio=str(audio_path),
        audio_seconds=round(audio_seconds, 3),
        transcript_id=transcript.id,
        redaction_id=redacted.id,
        draft_id=draft.id,
        template=template.name,
        drafter=drafter.name,
        model=transcript.model.name,
        files={k: str(v) for k, v in files.items()},
        timings=timer.timings,
    )
    atomic_write_text(files["run"], record.model_dump_json(indent=2))
    return ProcessResult(transcript, redacted, draft, files, timer.timings)
