"""One small hierarchy of domain errors.

`BadInputError` and its children are the caller's to fix (CLI exit code 2, HTTP 4xx);
every other `OffsetError` is an environment or internal failure (exit code 1). Every
message says what to do next.
"""

from __future__ import annotations


class OffsetError(Exception):
    """Base class for every error Offset raises on purpose."""


class BadInputError(OffsetError):
    """The input cannot be processed as given; the message says how to fix it."""


class AudioDecodeError(BadInputError):
    """The file is not audio we can decode."""


class EmptyAudioError(BadInputError):
    """The file decodes to no samples, or is zero bytes."""


class AudioTooLongError(BadInputError):
    """The recording is longer than the configured limit."""


class TemplateNotFoundError(BadInputError):
    """No form template with that name."""


class TemplateValidationError(BadInputError):
    """A form template file is malformed (names the file and the field)."""


class InvalidDocumentError(BadInputError):
    """A JSON document (transcript, redaction, draft) is not what the command expects."""


class ModelUnavailableError(OffsetError):
    """A model is missing or corrupt; the message names the package to install."""


class ConfigurationError(OffsetError):
    """Settings are inconsistent or unsafe (e.g. a default secret outside local mode)."""


class DrafterError(OffsetError):
    """A drafting backend failed in a way the fall-back could not absorb."""
