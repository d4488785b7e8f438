"""The whole visit-to-draft pipeline as one library call, for the CLI and (next) the job worker.

audio -> decode -> transcribe -> redact -> draft -> files. The template is checked before any
heavy work, so a typo costs nothing; the original audio is only read.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from assistant import __version__
from assistant.audio import load_audio
from assistant.diarization.postprocess import speech_postprocess
from assistant.errors import BadInputError
from assistant.settings import Settings, get_settings
from assistant.stages import StageTimer, StageTiming
from assistant.transcription import transcribe
from core.transcript import Transcript

if TYPE_CHECKING:
    from assistant.drafting.models import Draft
    from redaction.models import RedactedTranscript
    from redaction.redactor import KnownIdentifiers

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


def _prepare_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise BadInputError(f"{out_dir} exists and is not a directory. Choose another --out.")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BadInputError(f"Cannot create output directory {out_dir} ({e}). Choose a writable --out.") from e


def _warm_redactor(settings: Settings) -> None:
    """Load the redaction models (spaCy, gazetteers) while speech-to-text runs.

    Any failure is left for the real redaction call to raise, where it is reported.
    """
    from redaction.redactor import get_redactor

    with contextlib.suppress(Exception):
        get_redactor(settings).redact_text("Warm-up: Jane Example, 1 High Street, Leeds, 07700 900123.")


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
    diarize: bool | None = None,
) -> ProcessResult:
    """Run every stage on one recording and write transcript, redaction, draft and run record to `out_dir`.

    Speakers are labelled unless `diarize` is False (default: `settings.speaker_labels`, on); their
    number is estimated unless `speakers` gives it. A `speakers` count or `profile` always labels.
    """
    from assistant.drafting.registry import check_drafter_name, get_drafter
    from assistant.drafting.render import render_markdown
    from prompts import load_template
    from redaction.redactor import get_redactor
    from redaction.vault import Vault

    settings = settings or get_settings()
    diarize = (settings.speaker_labels if diarize is None else diarize) or speakers is not None or profile is not None
    template = load_template(template_name)  # fail fast, before any model loads
    drafter_name = drafter_name or settings.drafter
    check_drafter_name(drafter_name)
    _prepare_out_dir(out_dir)
    timer = StageTimer()
    progress = on_progress or (lambda _stage, _fraction: None)

    with timer.stage("decode"):
        audio = load_audio(audio_path, settings, keep_channels=diarize)
    timer.audio_seconds = audio.duration
    timer.timings[-1].audio_seconds = audio.duration
    # Built now, not earlier: the drafter starts loading its model in a background thread, which
    # overlaps speech-to-text (native code that releases the GIL) instead of slowing decoding.
    drafter = get_drafter(drafter_name, settings)
    redactor_ready = threading.Thread(target=_warm_redactor, args=(settings,), name="offset-redactor-warm-up")
    redactor_ready.start()

    with timer.stage("asr"):
        transcript = transcribe(
            audio, settings, model=model, vocabulary=vocabulary, on_progress=lambda f: progress("transcribe", f)
        )
    with timer.stage("speech"):
        transcript = speech_postprocess(audio, transcript, settings, speakers, profile, vocabulary, translate, diarize)
    with timer.stage("redact"):
        redactor_ready.join()
        outcome = get_redactor(settings).redact_transcript(transcript, known)
        redacted = outcome.redacted
    progress("redact", 1.0)
    with timer.stage("draft"):
        draft = drafter.draft(redacted, template)
    progress("draft", 1.0)

    with timer.stage("write"):
        files = {key: out_dir / name for key, name in OUTPUT_FILES.items()}
        transcript.save(files["transcript"])
        redacted.save(files["redacted"])
        draft.save(files["draft"])
        files["markdown"].write_text(render_markdown(draft), encoding="utf-8")
        Vault(settings.vault_key).save(files["vault"], outcome.vault_entries)
    record = RunRecord(
        audio=str(audio_path),
        audio_seconds=round(audio.duration, 3),
        transcript_id=transcript.id,
        redaction_id=redacted.id,
        draft_id=draft.id,
        template=template.name,
        drafter=drafter.name,
        model=transcript.model.name,
        files={k: str(v) for k, v in files.items()},
        timings=timer.timings,
    )
    files["run"].write_text(record.model_dump_json(indent=2), encoding="utf-8")
    return ProcessResult(transcript, redacted, draft, files, timer.timings)
