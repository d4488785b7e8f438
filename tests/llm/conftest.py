"""Fixtures for LLM drafter tests: a fake chat model (a real LangChain BaseChatModel) with queued replies."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from assistant.settings import Settings
from redaction.models import RedactedTranscript

FIXTURES = Path(__file__).parent.parent / "drafting" / "fixtures"


class FakeChatModel(BaseChatModel):
    """Replies from per-field queues; a field with nothing queued gets `default`."""

    queues: dict[str, list[Any]] = Field(default_factory=dict)
    default: str = '{"value": "Not discussed", "segment_ids": []}'
    delay: float = 0.0
    prompts: list[str] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "fake-chat"

    def enqueue(self, field_label: str, *replies: str | Exception) -> None:
        """Queue replies for the prompt that mentions `Field: <field_label>`."""
        self.queues.setdefault(f"Field: {field_label}\n", []).extend(replies)

    def _generate(
        self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None, **kw: Any
    ) -> ChatResult:
        prompt = str(messages[-1].content)
        self.prompts.append(prompt)
        if self.delay:
            time.sleep(self.delay)
        reply: str | Exception = self.default
        for key, queue in self.queues.items():
            if key in prompt and queue:
                reply = queue.pop(0)
                break
        if isinstance(reply, Exception):
            raise reply
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=reply))])


@pytest.fixture
def home_visit() -> RedactedTranscript:
    return RedactedTranscript.load(FIXTURES / "home_visit_redacted.json")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(cache_dir=tmp_path / "cache", llm_max_retries=1, llm_timeout_seconds=5)


@pytest.fixture
def fake_chat() -> FakeChatModel:
    return FakeChatModel()
