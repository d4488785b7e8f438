"""Typed results of redaction. Real values never appear here: only types, offsets and placeholders.

The mapping from placeholder to real value lives in the encrypted vault, nowhere else.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from core import __version__
from core.outputs import atomic_write_text
from core.transcript import load_document


class RedactedEntity(BaseModel):
    """One span that was removed: where it was in the original text, what replaced it, who found it."""

    model_config = ConfigDict(extra="forbid")

    entity_type: str
    start: int = Field(description="Character offset in the original (unredacted) text.")
    end: int
    score: float
    placeholder: str = Field(description="e.g. [PERSON_1]; the same real value always gets the same one.")
    recognizer: str


class RedactionResult(BaseModel):
    """Redaction of one piece of text."""

    model_config = ConfigDict(extra="forbid")

    text: str
    entities: list[RedactedEntity] = Field(default_factory=list)


class RedactedSegment(BaseModel):
    """A transcript segment after redaction; `id`, times and speaker match the transcript."""

    model_config = ConfigDict(extra="forbid")

    id: str
    start: float
    end: float
    speaker: str | None = None
    text: str
    entities: list[RedactedEntity] = Field(default_factory=list)


class RedactionProvenance(BaseModel):
    model_config = ConfigDict(extra="forbid")

    engine: str = "presidio"
    spacy_model: str
    recognizers: list[str] = Field(default_factory=list)
    score_threshold: float
    code_version: str = __version__


class RedactedTranscript(BaseModel):
    """The only form of a transcript a language model ever sees."""

    model_config = ConfigDict(extra="forbid")

    schema_version: int = 1
    id: str
    transcript_id: str
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    language: str | None = None
    speakers: dict[str, str] = Field(default_factory=dict)
    segments: list[RedactedSegment]
    entity_counts: dict[str, int] = Field(default_factory=dict)
    placeholders: list[str] = Field(default_factory=list)
    provenance: RedactionProvenance

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())

    def segment(self, seg_id: str) -> RedactedSegment:
        for seg in self.segments:
            if seg.id == seg_id:
                return seg
        raise KeyError(seg_id)

    @classmethod
    def load(cls, path: Path) -> RedactedTranscript:
        return load_document(cls, path, "a redacted transcript (redacted.json from `offset process`)")

    def save(self, path: Path) -> None:
        atomic_write_text(path, self.model_dump_json(indent=2))
