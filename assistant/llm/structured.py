"""The JSON a model must reply with for one field, and a forgiving-but-strict parser for it."""

from __future__ import annotations

import json
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


class ActionReply(BaseModel):
    model_config = ConfigDict(extra="ignore")

    what: str
    who: str | None = None
    by_when: str | None = None
    segment_ids: list[str] = Field(default_factory=list)


class FieldReply(BaseModel):
    """One field as the model drafted it; `segment_ids` cite the excerpts it rests on."""

    model_config = ConfigDict(extra="ignore")

    value: str = ""
    answer: Literal["yes", "no", "unknown"] | None = None
    actions: list[ActionReply] = Field(default_factory=list)
    segment_ids: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> FieldReply:
        if not self.value.strip() and not self.actions:
            raise ValueError("the reply has neither a 'value' nor any 'actions'")
        return self


SCHEMAS = {
    "actions": ('{"actions": [{"what": "...", "who": "...", "by_when": "... or null", "segment_ids": ["seg-0001"]}]}'),
    "yes_no_unknown": ('{"answer": "yes | no | unknown", "value": "one sentence", "segment_ids": ["seg-0001"]}'),
    "default": '{"value": "the field text, or Not discussed", "segment_ids": ["seg-0001"]}',
}


def schema_for(field_type: str) -> str:
    """The JSON shape shown to the model for a field type."""
    return SCHEMAS.get(field_type, SCHEMAS["default"])


class MalformedReplyError(ValueError):
    """The model's reply is not the JSON asked for (the message is fed back to it on retry)."""


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.S)


def parse_reply(text: str) -> FieldReply:
    """The first JSON object in `text`, validated as a FieldReply."""
    fenced = _FENCE.search(text)
    body = fenced.group(1) if fenced else text
    start = body.find("{")
    if start < 0:
        raise MalformedReplyError("no JSON object found; reply with one JSON object only")
    try:
        raw, _ = json.JSONDecoder().raw_decode(body[start:])
    except json.JSONDecodeError as e:
        raise MalformedReplyError(f"invalid JSON ({e.msg} at character {e.pos})") from e
    if not isinstance(raw, dict):
        raise MalformedReplyError("the JSON must be an object")
    try:
        return FieldReply.model_validate(raw)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "reply"
        raise MalformedReplyError(f"{where}: {first.get('msg')}") from e
