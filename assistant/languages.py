"""Language per recording and per segment, and an optional machine-translated English rendering.

An interpreted visit switches language from one segment to the next, so detection runs on each
segment's own audio with a multilingual Whisper model (bundled `base`, or any multilingual model
directory). A segment found to be in another language than the one it was decoded in is decoded
again in its own language, so the original words are kept; `add_translations` then adds
Whisper's English rendering (task=translate) to `Segment.translation`, marked in the provenance
as machine translation. The original text stays the evidence.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from assistant.audio import DecodedAudio
from assistant.settings import Settings, get_settings
from core.transcript import Segment, Transcript

MIN_CLIP_S = 1.0
MIN_CONFIDENCE = 0.5


def _clip(audio: DecodedAudio, seg: Segment) -> np.ndarray:
    a, b = int(seg.start * audio.sample_rate), int(seg.end * audio.sample_rate)
    clip = audio.samples[a:b]
    short = int(MIN_CLIP_S * audio.sample_rate) - len(clip)
    return np.pad(clip, (0, short)) if short > 0 else clip


def _multilingual(settings: Settings, model: str | None) -> tuple[str, Any]:
    from assistant.transcription import load_model

    resolved, whisper = load_model(settings, model)
    return resolved.name, whisper


def _decode(whisper: Any, clip: np.ndarray, language: str, task: str) -> str:
    segments, _ = whisper.transcribe(
        clip, language=language, task=task, beam_size=5, vad_filter=False, condition_on_previous_text=False
    )
    return " ".join(s.text.strip() for s in segments).strip()


def detect_segment_languages(
    audio: DecodedAudio, transcript: Transcript, settings: Settings | None = None, model: str | None = "base"
) -> Transcript:
    """Set Segment.language from each segment's audio and Transcript.language from the majority."""
    settings = settings or get_settings()
    name, whisper = _multilingual(settings, model)
    if not whisper.model.is_multilingual:
        warning = f"Language detection needs a multilingual model; '{name}' is English-only."
        return transcript.model_copy(update={"warnings": [*transcript.warnings, warning]})
    decoded_in = transcript.options.language or transcript.language
    segments: list[Segment] = []
    seconds: dict[str, float] = {}
    for seg in transcript.segments:
        clip = _clip(audio, seg)
        lang, prob, _ = whisper.detect_language(audio=clip)
        if prob < MIN_CONFIDENCE:
            lang = seg.language or lang
        update: dict[str, Any] = {"language": lang}
        if decoded_in and lang != decoded_in:
            # Decoded in the wrong language: decode again so the original words are kept.
            update["text"] = _decode(whisper, clip, lang, "transcribe") or seg.text
            update["words"] = []
        segments.append(seg.model_copy(update=update))
        seconds[lang] = seconds.get(lang, 0.0) + seg.end - seg.start
    main = max(seconds, key=lambda k: seconds[k]) if seconds else transcript.language
    provenance = {**transcript.provenance, "languages": f"per-segment detection with Whisper {name}"}
    return transcript.model_copy(update={"segments": segments, "language": main, "provenance": provenance})


def add_translations(
    audio: DecodedAudio, transcript: Transcript, settings: Settings | None = None, model: str | None = "base"
) -> Transcript:
    """Add an English rendering of every non-English segment (original text kept as evidence)."""
    settings = settings or get_settings()
    name, whisper = _multilingual(settings, model)
    if not whisper.model.is_multilingual:
        warning = f"Translation needs a multilingual model; '{name}' is English-only."
        return transcript.model_copy(update={"warnings": [*transcript.warnings, warning]})
    segments = [
        seg.model_copy(update={"translation": _decode(whisper, _clip(audio, seg), seg.language, "translate")})
        if seg.language and seg.language != "en"
        else seg
        for seg in transcript.segments
    ]
    provenance = {**transcript.provenance, "translation": f"machine translation to English by Whisper {name}"}
    return transcript.model_copy(update={"segments": segments, "provenance": provenance})


def english_text(segment: Segment) -> str:
    """The text drafting and redaction should read: the translation when there is one."""
    return segment.translation or segment.text
