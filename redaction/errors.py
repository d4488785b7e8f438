"""Errors of the redaction layer (the base classes live in `core.errors`)."""

from __future__ import annotations

from core.errors import BadInputError, OffsetError


class VaultError(OffsetError):
    """The vault cannot be opened: wrong key, or the file is damaged."""


class VaultNotFoundError(BadInputError):
    """No vault file at the given path."""
