"""Speech-to-text with faster-whisper (CTranslate2, int8 on CPU): VAD on, word timestamps on.

By default the batched pipeline (`BatchedInferencePipeline`) decodes: voice-activity detection cuts
the speech into chunks of up to 30 s, which are encoded and beam-searched several at a time. On
two cores that is about twice as fast as the sequential `transcribe()` (measured in
docs/pipeline.md), which stays available with `OFFSET_WHISPER_BATCHED=false`. Quiet and uneven
recordings are levelled first (`assistant.audio.level`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.audio import DecodedAudio
from assistant.audio.level import level_audio
from assistant.errors import ModelUnavailableError
from assistant.settings import Settings, get_settings
from assistant.transcription.batched import batched_pipeline, transcribe_batched
from assistant.transcription.models import ResolvedModel, resolve_model
from assistant.transcription.sentences import split_into_sentences
from core.transcript import Segment, Transcript, TranscriptionOptions, Word, segment_id, stable_id

if TYPE_CHECKING:
    from collections.abc import Iterable

    import numpy as np
    from faster_whisper import WhisperModel
    from faster_whisper.transcribe import Segment as WhisperSegment
    from faster_whisper.transcribe import TranscriptionInfo

ProgressCallback = Callable[[float], None]
LANGUAGE_DETECTION_SEGMENTS = 4
_load_lock = threading.Lock()


@lru_cache(maxsize=4)
def _load_whisper(path: str, device: str, compute_type: str, cpu_threads: int) -> WhisperModel:
    from faster_whisper import WhisperModel

    try:
        return WhisperModel(
            path, device=device, compute_type=compute_type, cpu_threads=cpu_threads, local_files_only=True
        )
    except (RuntimeError, ValueError, OSError) as e:
        raise ModelUnavailableError(
            f"Could not load the Whisper model at {path} ({e}). If it is a bundled model, reinstall it "
            "with `make install`; if it is your own directory, check it is a CTranslate2 conversion."
        ) from e


def load_model(settings: Settings, model: str | None = None) -> tuple[ResolvedModel, WhisperModel]:
    """Resolve and load (once per process) the configured Whisper model."""
    resolved = resolve_model(model or settings.whisper_model, settings.models_dir)
    with _load_lock:
        whisper = _load_whisper(
            str(resolved.path), settings.whisper_device, settings.whisper_compute_type, settings.whisper_cpu_threads
        )
    return resolved, whisper


def build_options(
    settings: Settings,
    resolved: ResolvedModel,
    multilingual: bool,
    vocabulary: Sequence[str] | None = None,
    language: str | None = None,
    task: str = "transcribe",
) -> TranscriptionOptions:
    """The decoding options, recorded in the transcript they produce."""
    terms = [t.strip() for t in (vocabulary if vocabulary is not None else settings.vocabulary) if t.strip()]
    lang = language or settings.whisper_language
    if not multilingual:
        lang = "en"
    return TranscriptionOptions(
        model=resolved.name,
        device=settings.whisper_device,
        compute_type=settings.whisper_compute_type,
        cpu_threads=settings.whisper_cpu_threads,
        beam_size=settings.whisper_beam_size,
        language=lang,
        task=task if multilingual else "transcribe",
        vad_filter=True,
        word_timestamps=True,
        # Hotwords bias decoding towards council vocabulary (place names, medicines). They are read
        # as the text before the recording: ending them with a full stop keeps Whisper punctuating
        # (without it, batched tiny.en dropped most full stops and sentences ran together).
        hotwords=", ".join(terms) + "." if terms else None,
        initial_prompt=None,
        condition_on_previous_text=False,
        batch_size=settings.whisper_batch_size if settings.whisper_batched else None,
        encoder_batch_size=(settings.whisper_encoder_batch_size or None) if settings.whisper_batched else None,
        level_audio=settings.level_audio,
        # One window is too little: an accent in the first 30 s was taken for Latin (p=0.43), and
        # the batched pipeline then decoded the whole visit as Latin. Four windows gave English (0.96).
        language_detection_segments=LANGUAGE_DETECTION_SEGMENTS,
    )


def decode_kwargs(options: TranscriptionOptions) -> dict[str, object]:
    """The faster-whisper `transcribe()` arguments that a set of recorded options stands for."""
    kwargs: dict[str, object] = {
        "language": options.language,
        "task": options.task,
        "beam_size": options.beam_size,
        "vad_filter": options.vad_filter,
        "word_timestamps": options.word_timestamps,
        "hotwords": options.hotwords,
        "initial_prompt": options.initial_prompt,
        "condition_on_previous_text": options.condition_on_previous_text,
        "language_detection_segments": options.language_detection_segments,
    }
    if options.batch_size is not None:
        kwargs["batch_size"] = options.batch_size
    return kwargs


def run_whisper(
    whisper: WhisperModel, samples: np.ndarray, options: TranscriptionOptions, repair: bool = True
) -> tuple[Iterable[WhisperSegment], TranscriptionInfo, int]:
    """Decode with the pipeline the options name: batched when `batch_size` is set, else sequential.

    Returns (segments, info, stretches of dropped speech decoded again); `repair=False` gives
    faster-whisper's batched pipeline without the repair (the benchmark's bare run; with
    `encoder_batch_size` None it is faster-whisper exactly as it is).
    """
    if options.batch_size is None:
        segments, info = whisper.transcribe(samples, **decode_kwargs(options))
        return segments, info, 0
    if not repair:
        pipeline = batched_pipeline(whisper, options.encoder_batch_size)
        segments, info = pipeline.transcribe(samples, **decode_kwargs(options))
        return segments, info, 0
    return transcribe_batched(whisper, samples, decode_kwargs(options), options.encoder_batch_size)


def transcribe(
    audio: DecodedAudio,
    settings: Settings | None = None,
    model: str | None = None,
    vocabulary: Sequence[str] | None = None,
    language: str | None = None,
    task: str = "transcribe",
    on_progress: ProgressCallback | None = None,
    options: TranscriptionOptions | None = None,
) -> Transcript:
    """Transcribe decoded audio into a typed transcript with segment and word timings.

    `options` replaces the ones the settings give (`build_options`), e.g. for a measurement that
    changes one of them; the transcript records whichever were used.
    """
    settings = settings or get_settings()
    resolved, whisper = load_model(settings, model)
    if options is None:
        options = build_options(settings, resolved, whisper.model.is_multilingual, vocabulary, language, task)
    samples, provenance = audio.samples, dict[str, str]()
    if options.level_audio:
        samples, report = level_audio(audio.samples, audio.sample_rate)
        provenance["levelling"] = report.describe()
    raw_segments, info, repaired = run_whisper(whisper, samples, options)
    if repaired:
        provenance["batched_repair"] = f"{repaired} stretches of speech the batched pass dropped, decoded sequentially"
    segments: list[Segment] = []
    duration = max(audio.duration, 1e-6)
    for raw in raw_segments:
        text = raw.text.strip()
        if not text:
            continue
        words = [
            Word(start=round(w.start, 3), end=round(w.end, 3), word=w.word, probability=round(w.probability, 4))
            for w in (raw.words or [])
        ]
        segments.append(
            Segment(
                id=segment_id(len(segments)),
                start=round(raw.start, 3),
                end=round(raw.end, 3),
                text=text,
                avg_logprob=round(raw.avg_logprob, 4),
                no_speech_prob=round(raw.no_speech_prob, 4),
                language=info.language,
                words=words,
            )
        )
        if on_progress is not None:
            on_progress(min(1.0, raw.end / duration))
    if on_progress is not None:
        on_progress(1.0)
    segments = split_into_sentences(segments)
    return Transcript(
        id=stable_id("tr", audio.info.sha256, options.model_dump()),
        audio=audio.info,
        model=resolved.info(),
        options=options,
        language=info.language,
        language_probability=round(info.language_probability, 4) if info.language_probability else None,
        duration=round(audio.duration, 3),
        speech_seconds=round(info.duration_after_vad, 3) if info.duration_after_vad is not None else None,
        segments=segments,
        warnings=[] if segments else ["No speech was recognised in this recording."],
        provenance=provenance,
    )
