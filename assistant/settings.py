"""All configuration in one place: environment variables prefixed `OFFSET_` (or a `.env` file).

Build it once per process with `get_settings()`; tests call `get_settings.cache_clear()`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from redaction.settings import DEFAULT_VAULT_KEY, RedactionSettings

__all__ = ["DEFAULT_VAULT_KEY", "Settings", "get_settings"]


def _default_cache_dir() -> Path:
    return Path.home() / ".cache" / "offset"


class Settings(RedactionSettings):
    """Runtime settings of the pipeline, redaction's section (`RedactionSettings`) included.

    Every field documents itself.
    """

    model_config = SettingsConfigDict(env_prefix="OFFSET_", env_file=".env", extra="ignore")

    cache_dir: Path = Field(
        default_factory=_default_cache_dir,
        description="Where reassembled models and other caches live.",
    )

    # --- audio -----------------------------------------------------------------
    max_audio_seconds: float = Field(
        4 * 3600, gt=0, description="Longest recording accepted, in seconds (default 4 hours)."
    )

    # --- transcription -----------------------------------------------------------
    whisper_model: str = Field(
        "base",
        description="'tiny.en', 'base' (bundled), or a path to any CTranslate2 Whisper model directory.",
    )
    whisper_compute_type: str = Field("int8", description="CTranslate2 compute type on CPU.")
    whisper_device: str = Field("cpu", description="'cpu' or 'cuda'.")
    whisper_cpu_threads: int = Field(0, ge=0, description="CPU threads for Whisper; 0 uses all cores.")
    whisper_beam_size: int = Field(5, ge=1, le=10, description="Beam size for decoding.")
    whisper_batched: bool = Field(
        True,
        description="Decode with faster-whisper's batched pipeline (about twice as fast); False: sequential.",
    )
    whisper_batch_size: int = Field(
        4,
        ge=1,
        le=64,
        description="30-second chunks decoded together by the batched pipeline (4: the 1.5 GB memory target "
        "holds; 8 is up to 4-9% faster and peaks ~170 MB higher; docs/pipeline.md).",
    )
    whisper_encoder_batch_size: int = Field(
        1,
        ge=0,
        le=64,
        description="Chunks of a batch the Whisper encoder takes at a time (0: the whole batch). The transcript "
        "is the same; 1 holds about 225 MB less at batch 8 (docs/pipeline.md).",
    )
    level_audio: bool = Field(
        True, description="Level quiet and uneven recordings before voice-activity detection and decoding."
    )
    whisper_language: str | None = Field(
        None, description="Force a language code (e.g. 'en'); None detects it per recording."
    )
    vocabulary: list[str] = Field(
        default_factory=list,
        description="Council vocabulary (places, services, medicines) passed to Whisper as hotwords.",
    )

    # --- speakers --------------------------------------------------------------------
    speaker_labels: bool = Field(
        True, description="Label who said what on every recording (`offset process --no-speakers` turns it off)."
    )
    max_speakers: int = Field(6, ge=1, le=8, description="Most speakers the count estimate will find.")

    # --- drafting ------------------------------------------------------------------
    drafter: str = Field("extractive", description="Drafter backend: 'extractive' (default) or 'llm'.")
    embedding_model_dir: Path | None = Field(
        None, description="Sentence-embedding model directory; default: the bundled all-MiniLM-L6-v2."
    )
    llm_backend: Literal["openai", "transformers"] = Field("openai", description="LLM backend for the 'llm' drafter.")
    llm_base_url: str = Field(
        "http://127.0.0.1:8080/v1", description="OpenAI-compatible server URL (vLLM, Ollama, llama.cpp...)."
    )
    llm_model: str = Field("local-model", description="Model name sent to the OpenAI-compatible server.")
    llm_api_key: str = Field("not-needed", description="API key for the OpenAI-compatible server.")
    llm_model_path: Path | None = Field(
        None, description="Local model directory or GGUF file for the 'transformers' backend."
    )
    llm_timeout_seconds: float = Field(120, gt=0, description="Per-request LLM timeout.")
    llm_max_retries: int = Field(2, ge=0, description="Retries on malformed LLM output.")
    llm_max_unsupported_ratio: float = Field(
        0.34,
        ge=0,
        le=1,
        description="Above this share of unsupported statements a field falls back to the extractive draft.",
    )

    @property
    def models_dir(self) -> Path:
        return self.cache_dir / "models"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, built once."""
    return Settings()
