"""Field types shared by the request models."""

from __future__ import annotations

import unicodedata
from typing import Annotated

from fastapi import Path
from pydantic import AfterValidator


def no_control_characters(value: str) -> str:
    """Refuse control characters (NUL and friends): nobody types them, and PostgreSQL cannot store NUL."""
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError("must not contain control characters")
    return value


PlainText = Annotated[str, AfterValidator(no_control_characters)]
VisitId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="A visit id (32 hex characters).")]
