"""Chat-model backends for the LLM drafter, chosen by `settings.llm_backend` from one registry."""

from assistant.llm.registry import BACKENDS, get_chat_model, model_label

__all__ = ["BACKENDS", "get_chat_model", "model_label"]
