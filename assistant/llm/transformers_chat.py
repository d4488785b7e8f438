"""A LangChain chat model that runs a local transformers model (a directory or a GGUF file) in-process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from assistant.errors import ModelUnavailableError

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


@lru_cache(maxsize=2)
def _load(model_path: str) -> tuple[Any, Any]:
    """Tokenizer and model, once per process. A .gguf file is dequantised by transformers on load."""
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    path = Path(model_path)
    kwargs: dict[str, Any] = {}
    directory = path
    if path.suffix == ".gguf":
        directory, kwargs = path.parent, {"gguf_file": path.name}
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(directory), **kwargs)
        model = AutoModelForCausalLM.from_pretrained(str(directory), **kwargs).eval()
    except (OSError, ValueError) as e:
        raise ModelUnavailableError(
            f"{model_path}: cannot load it with transformers ({e}). Point OFFSET_LLM_MODEL_PATH at a "
            "model directory or a .gguf file (the `gguf` and `accelerate` packages must be installed)."
        ) from e
    return tokenizer, model


class TransformersChatModel(BaseChatModel):
    """Greedy decoding with the model's own chat template."""

    model_path: str
    max_new_tokens: int = 256
    max_time: float | None = None  # seconds: generation stops itself, so a timeout leaves no thread behind

    @property
    def _llm_type(self) -> str:
        return "offset-transformers"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "max_new_tokens": self.max_new_tokens, "max_time": self.max_time}

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> ChatResult:
        import torch

        tokenizer, model = _load(self.model_path)
        chat = [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]
        inputs = tokenizer.apply_chat_template(chat, add_generation_prompt=True, return_tensors="pt", return_dict=True)
        with torch.inference_mode():
            out = model.generate(
                **inputs,
                max_new_tokens=self.max_new_tokens,
                max_time=self.max_time,
                do_sample=False,
                pad_token_id=tokenizer.pad_token_id or tokenizer.eos_token_id,
            )
        text = tokenizer.decode(out[0, inputs["input_ids"].shape[1] :], skip_special_tokens=True)
        for s in stop or []:
            text = text.split(s)[0]
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])
