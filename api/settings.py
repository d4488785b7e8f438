"""The service's settings: the pipeline's `Settings` plus what the HTTP service, jobs and storage need.

Environment variables prefixed `OFFSET_` (or a `.env` file), as everywhere in Offset. Build them once
per process with `get_service_settings()`; tests call `get_service_settings.cache_clear()`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from assistant.settings import Settings
from core.errors import ConfigurationError

DEFAULT_DATA_KEY = "offset-development-data-key-change-me"
DEFAULT_SECRET_KEY = "offset-development-secret-key-change-me"  # noqa: S105 (refused in production)
_KEY_HINT = "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`"


class ServiceSettings(Settings):
    """Settings of `offset serve` and `offset worker`; every field documents itself."""

    model_config = SettingsConfigDict(env_prefix="OFFSET_", env_file=".env", extra="ignore")

    # --- where things live -----------------------------------------------------------
    data_dir: Path = Field(
        Path("offset-data"), description="Service data: the SQLite database and the storage directory."
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL, e.g. postgresql+psycopg://user@127.0.0.1:5432/offset; "
        "default SQLite (WAL) at DATA_DIR/offset.db.",
    )
    storage: Literal["local"] = Field("local", description="Artefact storage backend ('local' directory).")
    storage_dir: Path | None = Field(None, description="Directory of the local storage; default DATA_DIR/storage.")

    # --- secrets -----------------------------------------------------------------------
    data_key: str = Field(
        DEFAULT_DATA_KEY,
        description="Key that encrypts audio, transcripts, drafts and vaults at rest (AES-256-GCM). "
        "Any long random string; keep it safe: without it the stored visits cannot be read.",
    )
    secret_key: str = Field(DEFAULT_SECRET_KEY, description="Key that signs access tokens.")

    # --- jobs --------------------------------------------------------------------------
    queue: Literal["inprocess", "celery"] = Field(
        "inprocess", description="'inprocess' (worker threads in `offset serve`) or 'celery' (`offset worker`)."
    )
    broker_url: str = Field("redis://127.0.0.1:6379/0", description="Celery broker (Redis) for queue=celery.")
    broker_key_prefix: str = Field(
        "", description="Prefix for every Redis key Celery writes, so several deployments can share one Redis."
    )
    celery_queue_name: str = Field("offset", description="Name of the Celery queue the workers consume.")
    workers: int = Field(1, ge=1, le=16, description="Jobs one process runs at a time (worker threads).")
    job_max_attempts: int = Field(3, ge=1, le=20, description="Attempts before a failing job stops as failed.")
    job_lease_seconds: float = Field(
        60,
        gt=0,
        description="A running job's claim lasts this long unless its worker renews it; a crashed "
        "worker's job is taken over by another worker after it lapses.",
    )
    job_poll_seconds: float = Field(1.0, gt=0, description="How often idle workers look for claimable jobs.")
    job_retry_delay_seconds: float = Field(5, ge=0, description="Wait before retrying a job that failed.")
    worker_nice: int = Field(
        10,
        ge=0,
        le=19,
        description="Lower CPU priority of in-process job threads (and the model threads they "
        "start), so API requests stay quick while a visit is processed; 0 keeps normal priority (Linux).",
    )

    # --- uploads -----------------------------------------------------------------------
    max_upload_mb: int = Field(1024, gt=0, description="Largest upload accepted, in MB (413 above it).")
    max_profile_upload_mb: int = Field(20, gt=0, description="Largest voice-enrolment recording, in MB.")

    # --- accounts ------------------------------------------------------------------------
    auth_backend: Literal["password"] = Field("password", description="How users sign in ('password').")
    token_minutes: int = Field(120, gt=0, le=24 * 60, description="Access tokens expire after this many minutes.")
    login_max_failures: int = Field(
        5, ge=1, description="Failed sign-ins allowed per account (and 4x per address) in the window below."
    )
    login_window_minutes: int = Field(15, ge=1, description="Window of the failed sign-in limit, in minutes.")
    min_password_length: int = Field(12, ge=8, description="Shortest password accepted for a new account.")
    password_hash_time_cost: int = Field(3, ge=1, description="argon2id passes per password hash.")
    password_hash_memory_kib: int = Field(65536, ge=1024, description="argon2id memory per password hash, KiB.")

    # --- retention (what `offset retention run` deletes, and when; the approved record is always kept) --------
    retention_audio_days: int = Field(
        30, ge=0, le=36500, description="Visit recordings are deleted this many days after the draft is approved."
    )
    retention_transcript_days: int | None = Field(
        30,
        ge=0,
        le=36500,
        description="The transcripts before redaction (speech-to-text output, with real names) and the "
        "identifiers given at upload are deleted this many days after approval; empty = kept with the record.",
    )
    retention_working_days: int | None = Field(
        None,
        ge=0,
        le=36500,
        description="The redacted transcript (the evidence the record's statements link to) and the generated "
        "draft are deleted this many days after approval; empty (the default) = kept with the record.",
    )
    retention_unapproved_days: int | None = Field(
        None,
        ge=1,
        le=36500,
        description="Visits never approved (failed, or drafted and left): their recording and transcripts are "
        "deleted this many days after upload; empty (the default) = kept until approved.",
    )
    retention_interval_hours: float = Field(
        24, ge=0, description="How often `offset serve` (or Celery beat) runs retention; 0 = never (use cron)."
    )

    # --- time given back ---------------------------------------------------------------
    metrics_min_group_size: int = Field(
        5,
        ge=1,
        le=1000,
        description="A row of the time metrics that describes one person (a worker's week, or a team's week "
        "with one worker) is shown only with at least this many visits.",
    )
    activity_max_seconds: int = Field(
        300, ge=10, le=3600, description="Most active editing seconds one activity report may carry."
    )

    @field_validator(
        "retention_transcript_days", "retention_working_days", "retention_unapproved_days", mode="before"
    )
    @classmethod
    def _empty_means_kept(cls, value: object) -> object:
        # OFFSET_RETENTION_WORKING_DAYS= (empty) or "none": kept with the record.
        if isinstance(value, str) and value.strip().lower() in ("", "none"):
            return None
        return value

    @model_validator(mode="after")
    def _refuse_development_keys(self) -> ServiceSettings:
        if self.mode == "production":
            for name, value, default in (
                ("OFFSET_DATA_KEY", self.data_key, DEFAULT_DATA_KEY),
                ("OFFSET_SECRET_KEY", self.secret_key, DEFAULT_SECRET_KEY),
            ):
                if value == default:
                    raise ConfigurationError(
                        f"{name} is the development default but OFFSET_MODE is 'production'. "
                        f"Set {name} to a long random secret ({_KEY_HINT}) and start again."
                    )
        return self

    @property
    def resolved_database_url(self) -> str:
        """The database URL to connect to (SQLite in the data directory unless told otherwise)."""
        return self.database_url or f"sqlite:///{(self.data_dir / 'offset.db').resolve()}"

    @property
    def resolved_storage_dir(self) -> Path:
        return self.storage_dir or self.data_dir / "storage"

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024


@lru_cache(maxsize=1)
def get_service_settings() -> ServiceSettings:
    """The process-wide service settings, built once."""
    return ServiceSettings()
