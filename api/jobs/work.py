"""The inputs of one visit's job, loaded lazily from storage (decrypted in memory, never to disk)."""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel
from sqlalchemy import select

from api.context import ServiceContext
from api.db.models import Artefact, User, Visit

if TYPE_CHECKING:
    from assistant.audio import DecodedAudio
    from assistant.diarization.profile import SpeakerProfile
    from assistant.drafting.base import Drafter

M = TypeVar("M", bound=BaseModel)


class VisitWork:
    """What the stages of one job read: the visit's settings, its stored artefacts, the decoded audio."""

    def __init__(self, ctx: ServiceContext, visit_id: str) -> None:
        self.ctx = ctx
        self.settings = ctx.settings
        self.visit_id = visit_id
        with ctx.db.session() as s:
            visit = s.get(Visit, visit_id)
            if visit is None:
                raise LookupError(f"visit {visit_id} vanished")
            owner = s.get(User, visit.owner_id)
            self.template = visit.template
            self.speakers = visit.speakers
            self.audio_format = visit.audio_format
            self.profile_key = owner.voice_profile_key if owner else None
            self.keys = {
                a.kind: a.storage_key for a in s.scalars(select(Artefact).where(Artefact.visit_id == visit_id))
            }
        self._audio: DecodedAudio | None = None
        self._drafter: Drafter | None = None
        self._redactor_ready: threading.Thread | None = None

    @property
    def diarize(self) -> bool:
        return self.settings.speaker_labels or self.speakers is not None or self.profile_key is not None

    def audio(self) -> DecodedAudio:
        """The recording decoded to 16 kHz (channels kept for speaker labelling), straight from storage."""
        if self._audio is None:
            from assistant.pipeline import decode_stage

            name = Path(f"visit-{self.visit_id}.{self.audio_format}")
            with self.ctx.store.open(self.keys["audio"]) as raw, io.BufferedReader(raw, 1 << 20) as f:
                self._audio = decode_stage(name, self.settings, keep_channels=self.diarize, fileobj=f)  # type: ignore[arg-type]
        return self._audio

    def release_audio(self) -> None:
        self._audio = None

    def load(self, kind: str, model: type[M]) -> M:
        return model.model_validate_json(self.ctx.store.read_bytes(self.keys[kind]))

    def load_optional(self, kind: str, model: type[M]) -> M | None:
        return self.load(kind, model) if kind in self.keys else None

    def voice_profile(self) -> SpeakerProfile | None:
        if self.profile_key is None:
            return None
        from assistant.diarization.profile import SpeakerProfile

        return SpeakerProfile.model_validate_json(self.ctx.store.read_bytes(self.profile_key))

    def warm_up(self) -> None:
        """Start loading the drafter's and redactor's models while speech-to-text runs."""
        if self._drafter is None:
            from assistant.pipeline import start_warm_up

            self._drafter, self._redactor_ready = start_warm_up(self.settings, self.settings.drafter)

    def wait_for_redactor(self) -> None:
        if self._redactor_ready is not None:
            self._redactor_ready.join()

    def drafter(self) -> Drafter:
        if self._drafter is None:
            from assistant.drafting.registry import get_drafter

            self._drafter = get_drafter(self.settings.drafter, self.settings)
        return self._drafter
