"""The base of the one error hierarchy every layer raises from.

`BadInputError` and its children are the caller's to fix (CLI exit code 2, HTTP 4xx);
every other `OffsetError` is an environment or internal failure (exit code 1). Every
message says what to do next. Each layer adds its own errors in its own `errors` module
(`redaction.errors`, `prompts.errors`, `assistant.errors`), all subclasses of these.
"""

from __future__ import annotations


class OffsetError(Exception):
    """Base class for every error Offset raises on purpose."""


class BadInputError(OffsetError):
    """The input cannot be processed as given; the message says how to fix it."""


class InvalidDocumentError(BadInputError):
    """A JSON document (transcript, redaction, draft) is not what the command expects."""


class OutputExistsError(BadInputError):
    """An output file is already there (an earlier run's); it is never overwritten unless asked."""


class OutputNotWritableError(BadInputError):
    """The output folder cannot be created or written to."""


class ModelUnavailableError(OffsetError):
    """A model is missing or corrupt; the message names the package to install."""


class ConfigurationError(OffsetError):
    """Settings are inconsistent or unsafe (e.g. a default secret outside local mode)."""
