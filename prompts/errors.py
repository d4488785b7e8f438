"""Errors of the form templates: a missing form, or a form file that does not validate."""

from __future__ import annotations

from core.errors import BadInputError, ConfigurationError


class TemplateNotFoundError(BadInputError):
    """No form template with that name."""


class TemplateValidationError(BadInputError):
    """A form template file is malformed (names the file and the field)."""


class ExportMappingError(ConfigurationError):
    """A form's JSON export mapping (`prompts/<form>.export.yaml`) is missing or malformed (names the file and key)."""
