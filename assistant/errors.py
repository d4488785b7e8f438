"""The pipeline's errors: audio, models and drafting (the base classes live in `core.errors`)."""

from __future__ import annotations

from core.errors import BadInputError, ConfigurationError, InvalidDocumentError, ModelUnavailableError, OffsetError

__all__ = [
    "AudioDecodeError",
    "AudioTooLongError",
    "BadInputError",
    "ConfigurationError",
    "DrafterError",
    "EmptyAudioError",
    "InvalidDocumentError",
    "ModelUnavailableError",
    "NoSpeechError",
    "OffsetError",
]


class AudioDecodeError(BadInputError):
    """The file is not audio we can decode."""


class EmptyAudioError(BadInputError):
    """The file decodes to no samples, or is zero bytes."""


class NoSpeechError(BadInputError):
    """The recording holds no usable speech (too short, or nothing was said)."""


class AudioTooLongError(BadInputError):
    """The recording is longer than the configured limit."""


class DrafterError(OffsetError):
    """A drafting backend failed in a way the fall-back could not absorb."""
