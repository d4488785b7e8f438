"""The web pages' section of the settings: environment variables prefixed `OFFSET_WEB_` (and `OFFSET_MODE`).

The service's settings may extend this class, as the pipeline's extend `RedactionSettings`; the pages
read it through `app.state.web_settings`, set once by `mount_web`.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.errors import ConfigurationError

DEFAULT_WEB_SECRET = "offset-local-development-web-secret-change-me"  # noqa: S105 - refused in production

# The checkout (or installed tree) that holds package.json and node_modules/.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class WebSettings(BaseSettings):
    """Settings the web pages read; every field documents itself."""

    model_config = SettingsConfigDict(env_prefix="OFFSET_", env_file=".env", extra="ignore")

    mode: Literal["local", "production"] = Field(
        "local", description="'local' allows development defaults; 'production' refuses default secrets."
    )
    web_service_name: str = Field("Offset", description="Service name in the header and page titles.")
    web_organisation_name: str | None = Field(
        None, description="The council running the service, shown above the service name (none: not shown)."
    )
    web_organisation_url: str = Field("/", description="Where the organisation name in the header links to.")
    web_phase: Literal["alpha", "beta"] | None = Field(
        "beta", description="Phase banner tag ('alpha', 'beta'), or none once the service is live."
    )
    web_feedback_url: str | None = Field(
        None, description="Link in the phase banner for feedback (a form or mailto: address)."
    )
    web_support_email: str | None = Field(
        None, description="Where users get help; shown on error pages and in the accessibility statement."
    )
    web_accessibility_statement_date: date = Field(
        date(2026, 12, 1), description="When the accessibility statement was last reviewed."
    )
    web_secret_key: SecretStr = Field(
        SecretStr(DEFAULT_WEB_SECRET), description="Key that signs the pages' CSRF tokens; set a long random one."
    )
    web_session_hours: float = Field(8, gt=0, le=24 * 7, description="How long a browser sign-in lasts.")
    web_secure_cookies: bool = Field(
        False, description="Mark cookies Secure even on plain HTTP requests (always on in production mode)."
    )
    web_assets_dir: Path = Field(
        PROJECT_ROOT / "node_modules",
        description="The node_modules folder holding govuk-frontend (installed by `make install`).",
    )
    web_css_file: Path = Field(
        PROJECT_ROOT / "api" / "web" / "static" / "build" / "offset.css",
        description="The compiled stylesheet (`npm run build`, run by `make install`).",
    )

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> WebSettings:
        if self.mode == "production":
            if self.web_secret_key.get_secret_value() == DEFAULT_WEB_SECRET:
                raise ConfigurationError(
                    "OFFSET_WEB_SECRET_KEY is the development default; in production set it to a long random "
                    'value, e.g. `python -c "import secrets; print(secrets.token_urlsafe(48))"`.'
                )
            self.web_secure_cookies = True
        return self


@lru_cache(maxsize=1)
def get_web_settings() -> WebSettings:
    """The process-wide web settings, built once."""
    return WebSettings()
