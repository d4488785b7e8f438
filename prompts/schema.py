"""The shape of a form template file (`prompts/<form>.yaml`), validated with `extra="forbid"`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

FieldType = Literal["text", "short_text", "yes_no_unknown", "date", "actions"]

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_DEFAULT_BUDGET = {"text": 90, "short_text": 35, "yes_no_unknown": 30, "date": 25, "actions": 130}


class TemplateField(BaseModel):
    """One field of a form: what it is called, what belongs in it, and how to find it in a visit."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Stable identifier, lower_snake_case.")
    label: str = Field(description="What the practitioner sees.")
    type: FieldType = Field("text", description="text, short_text, yes_no_unknown, date or actions.")
    guidance: str = Field(description="What belongs in this field, in plain words (also used for routing).")
    keywords: list[str] = Field(default_factory=list, description="Words that point an utterance here.")
    requires: list[str] = Field(
        default_factory=list,
        description="When given, a statement belongs here only if it (or the question it answers) has one of "
        "these words: for fields whose topic is a duty, not a mention ('seeing my grandson' is not caring "
        "for a child).",
    )
    examples: list[str] = Field(
        default_factory=list, description="Example things people say that belong here (improve routing)."
    )
    risk: bool = Field(False, description="Risk/safeguarding field: transcript risk cues are gathered here.")
    max_statements: int = Field(6, ge=1, le=30, description="Most utterances the extractive drafter uses.")
    max_words: int | None = Field(
        None,
        ge=5,
        le=400,
        description="Length budget for the field's text in words (default by type: text 90, short_text 35, "
        "yes_no_unknown 30, date 25, actions 130).",
    )
    own_words: bool = Field(
        False, description="The form asks for the person's own words: keep a short quote instead of reported speech."
    )
    opening: bool = Field(
        False,
        description="Why the visit happened: said near its start, so statements from later in the visit fit it "
        "less (how someone is getting on, asked later, is daily living or health, not the reason for the visit).",
    )

    @property
    def word_budget(self) -> int:
        """The field's length budget in words."""
        return self.max_words or _DEFAULT_BUDGET[self.type]

    @field_validator("id")
    @classmethod
    def _snake_case(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"field id {v!r} must be lower_snake_case (letters, digits, underscores)")
        return v


class TemplatePrompts(BaseModel):
    """Jinja prompt files (relative to `prompts/jinja/`) the LLM drafter renders for this form."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    system: str = "system.j2"
    field: str = "field.j2"


class FormTemplate(BaseModel):
    """A whole form. Adding a form is adding a YAML file of this shape: no Python."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="What `--template` takes, e.g. 'general_visit'.")
    version: str
    title: str
    description: str = ""
    prompts: TemplatePrompts = Field(default_factory=TemplatePrompts)
    fields: list[TemplateField] = Field(min_length=1)
    source_path: Path | None = Field(None, exclude=True, description="The file it was loaded from.")

    @field_validator("fields")
    @classmethod
    def _unique_ids(cls, v: list[TemplateField]) -> list[TemplateField]:
        seen: set[str] = set()
        for f in v:
            if f.id in seen:
                raise ValueError(f"duplicate field id {f.id!r}")
            seen.add(f.id)
        return v

    def field(self, field_id: str) -> TemplateField:
        """The field with this id (KeyError if absent)."""
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)
