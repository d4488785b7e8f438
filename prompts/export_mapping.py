"""A form's JSON export mapping: `prompts/<form>.export.yaml`, data beside the form, no Python.

The file shapes the JSON a case-management system imports. `output` is a tree whose leaves say
where each value comes from:

- a string is a source: `visit.id`, `record.approved_at`, `fields.risks` (the field's text),
  `fields.risks.label`, `fields.outcomes.actions` (a list of {what, who, by_when}), `fields.*`
  (every field as {id, label, text}); the full list is `SOURCES` and `FIELD_PARTS` below;
- `{const: VALUE}` is written as it stands (a system code, a schema name);
- any other mapping is a JSON object, and a list a JSON array, of such leaves.

Every field of the form must be exported or named in `omit`, so a field added to the form later
is not dropped from the record silently. Each problem is reported with the file and the key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from prompts.errors import ExportMappingError
from prompts.loader import EXPORT_SUFFIX, TEMPLATES_DIR
from prompts.schema import FormTemplate

SOURCES: dict[str, str] = {
    "visit.id": "the visit's id in Offset",
    "visit.form": "the form's name (e.g. care_act_assessment)",
    "visit.form_title": "the form's title",
    "visit.form_version": "the form template's version",
    "visit.recorded_at": "when the recording was uploaded (ISO 8601, UTC)",
    "visit.audio_minutes": "length of the recording in minutes",
    "visit.practitioner": "the practitioner's name",
    "visit.practitioner_email": "the practitioner's email",
    "visit.team": "the team's name",
    "record.version": "the approved draft version",
    "record.approved_by": "the approving supervisor's name",
    "record.approved_by_email": "the approving supervisor's email",
    "record.approved_at": "when it was approved (ISO 8601, UTC)",
    "record.submitted_at": "when it was last submitted (ISO 8601, UTC)",
    "record.exported_at": "when this export was made (ISO 8601, UTC)",
    "record.identities": "'reidentified' (real names restored) or 'redacted' (placeholders kept)",
    "record.drafter": "which drafter wrote the first version",
    "record.draft_id": "the draft document's id",
}
FIELD_PARTS: dict[str, str] = {
    "": "the field's text",
    "label": "the field's label",
    "status": "drafted, not_discussed or fallback",
    "actions": "a list of {what, who, by_when} (actions fields; other fields give their lines as 'what')",
    "edited": "true when the practitioner changed the drafted text",
}
TOP_LEVEL = ("form", "version", "description", "output", "omit")


@dataclass(frozen=True)
class Source:
    path: str


@dataclass(frozen=True)
class Const:
    value: Any


Node = Source | Const | dict[str, "Node"] | list["Node"]


@dataclass(frozen=True)
class ExportMapping:
    form: str
    version: str
    description: str
    output: Node
    omit: tuple[str, ...]
    source_path: Path

    def render(self, value_of: Callable[[str], Any]) -> Any:
        """The JSON document, each source looked up with `value_of` (the service supplies the record)."""
        return _render(self.output, value_of)


def _render(node: Node, value_of: Callable[[str], Any]) -> Any:
    if isinstance(node, Source):
        return value_of(node.path)
    if isinstance(node, Const):
        return node.value
    if isinstance(node, dict):
        return {k: _render(v, value_of) for k, v in node.items()}
    return [_render(v, value_of) for v in node]


def mapping_path(form: str, directory: Path = TEMPLATES_DIR) -> Path:
    return directory / f"{form}{EXPORT_SUFFIX}"


def load_export_mapping(template: FormTemplate, directory: Path = TEMPLATES_DIR) -> ExportMapping:
    """The JSON export mapping of `template`, validated against the form's fields."""
    path = mapping_path(template.name, directory)
    if not path.is_file():
        raise ExportMappingError(
            f"No JSON export mapping for form {template.name!r}: add {path.name} beside {template.name}.yaml in "
            f"{directory} (see 'Review and export' in docs/service.md for its shape). DOCX and PDF exports work "
            "without it."
        )
    return load_export_mapping_file(path, template)


def load_export_mapping_file(path: Path, template: FormTemplate) -> ExportMapping:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise ExportMappingError(f"{path}: not valid YAML: {e}") from e
    if not isinstance(raw, dict):
        raise ExportMappingError(f"{path}: expected a mapping with keys form, version, output (and omit).")
    unknown = sorted(set(raw) - set(TOP_LEVEL))
    if unknown:
        raise ExportMappingError(f"{path}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(TOP_LEVEL)}.")
    for key in ("form", "version", "output"):
        if key not in raw:
            raise ExportMappingError(f"{path}: key '{key}' is missing.")
    if raw["form"] != template.name:
        raise ExportMappingError(
            f"{path}: key 'form': {raw['form']!r} does not match the form {template.name!r} this file sits beside."
        )
    field_ids = [f.id for f in template.fields]
    used: set[str] = set()
    output = _parse(raw["output"], "output", path, field_ids, used)
    omit = raw.get("omit") or []
    if not isinstance(omit, list) or not all(isinstance(o, str) for o in omit):
        raise ExportMappingError(f"{path}: key 'omit': expected a list of field ids.")
    for o in omit:
        if o not in field_ids:
            raise ExportMappingError(
                f"{path}: key 'omit': {o!r} is not a field of {template.name}; its fields: {', '.join(field_ids)}."
            )
    if "*" not in used:
        missing = [f for f in field_ids if f not in used and f not in omit]
        if missing:
            raise ExportMappingError(
                f"{path}: field(s) {', '.join(missing)} of form {template.name} are neither exported nor listed "
                "in 'omit'. Map each (e.g. `someKey: fields.<id>`) or add it to omit."
            )
    return ExportMapping(
        form=template.name,
        version=str(raw["version"]),
        description=str(raw.get("description") or ""),
        output=output,
        omit=tuple(omit),
        source_path=path,
    )


def _parse(raw: Any, where: str, path: Path, field_ids: list[str], used: set[str]) -> Node:
    if isinstance(raw, str):
        _check_source(raw, where, path, field_ids, used)
        return Source(raw)
    if isinstance(raw, dict):
        if set(raw) == {"const"}:
            return Const(raw["const"])
        if not raw:
            raise ExportMappingError(f"{path}: key '{where}': an empty mapping; give it keys or remove it.")
        out: dict[str, Node] = {}
        for k, v in raw.items():
            if not isinstance(k, str):
                raise ExportMappingError(f"{path}: key '{where}.{k}': JSON keys must be text; quote it.")
            out[k] = _parse(v, f"{where}.{k}", path, field_ids, used)
        return out
    if isinstance(raw, list):
        return [_parse(v, f"{where}[{i}]", path, field_ids, used) for i, v in enumerate(raw)]
    raise ExportMappingError(
        f"{path}: key '{where}': {raw!r} is neither a source (text such as 'visit.id') nor {{const: ...}}. "
        "Write a constant as {const: VALUE}."
    )


def _check_source(source: str, where: str, path: Path, field_ids: list[str], used: set[str]) -> None:
    if source in SOURCES:
        return
    if source == "fields.*":
        used.add("*")
        return
    if source.startswith("fields."):
        field_id, _, part = source.removeprefix("fields.").partition(".")
        if field_id not in field_ids:
            raise ExportMappingError(
                f"{path}: key '{where}': {source!r} names no field of the form; its fields: {', '.join(field_ids)}."
            )
        if part not in FIELD_PARTS:
            parts = ", ".join(f"fields.{field_id}" + (f".{p}" if p else "") for p in FIELD_PARTS)
            raise ExportMappingError(f"{path}: key '{where}': {source!r} is not a part of a field; use one of {parts}.")
        used.add(field_id)
        return
    raise ExportMappingError(
        f"{path}: key '{where}': unknown source {source!r}. Sources: {', '.join(SOURCES)}, fields.<id>[.label|.status"
        "|.actions|.edited], fields.*; a constant is {const: VALUE}."
    )
