"""Recordings that hold no usable speech are refused with a plain message, not drafted empty.

Two checks: before speech-to-text, a recording too short to hold a conversation (a 0.3 s clip
from a record button pressed twice); after it, a recording in which nothing was said (silence,
a dithered or hissing channel, a microphone left muted). Both are the caller's to fix (exit 2).
"""

from __future__ import annotations

from assistant.audio import DecodedAudio
from assistant.errors import NoSpeechError
from core.transcript import Transcript

MIN_SECONDS = 1.0


def check_long_enough(audio: DecodedAudio) -> None:
    """Raise `NoSpeechError` for a recording shorter than `MIN_SECONDS`."""
    if audio.duration < MIN_SECONDS:
        raise NoSpeechError(
            f"{audio.info.path}: the recording is only {audio.duration:.1f} s long, too short to hold a "
            "conversation. Check the recording was not stopped straight away, then upload the whole visit."
        )


def require_speech(transcript: Transcript) -> None:
    """Raise `NoSpeechError` when speech-to-text found no words at all."""
    if not any(seg.text.strip() for seg in transcript.segments):
        raise NoSpeechError(
            f"{transcript.audio.path}: no speech was found in the {transcript.duration:.0f} s recording "
            "(only silence or background noise). Check the microphone was on and near the people speaking, "
            "then record again. Nothing was written."
        )
