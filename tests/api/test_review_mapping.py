"""JSON export mappings (`prompts/<form>.export.yaml`): the shipped ones load, and a broken one is
refused with the file and the key to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from prompts import list_templates, load_template
from prompts.errors import ExportMappingError
from prompts.export_mapping import Const, Source, load_export_mapping, load_export_mapping_file

GOOD = """
form: general_visit
version: "1"
output:
  id: visit.id
  system: {const: "LAS"}
  sections: {situation: fields.presenting_situation, risks: fields.risks}
  actions: [fields.actions_agreed.actions]
omit: [what_matters, daily_living, health_and_medication, support_network, next_contact]
"""


def test_every_form_has_a_mapping_that_loads() -> None:
    for template in list_templates():
        mapping = load_export_mapping(template)
        assert mapping.form == template.name


def test_a_mapping_renders_sources_and_constants(tmp_path: Path) -> None:
    path = tmp_path / "general_visit.export.yaml"
    path.write_text(GOOD)
    mapping = load_export_mapping_file(path, load_template("general_visit"))
    assert mapping.output["system"] == Const("LAS")  # type: ignore[index]
    assert mapping.output["actions"] == [Source("fields.actions_agreed.actions")]  # type: ignore[index]
    doc = mapping.render(lambda source: f"<{source}>")
    assert doc == {
        "id": "<visit.id>",
        "system": "LAS",
        "sections": {"situation": "<fields.presenting_situation>", "risks": "<fields.risks>"},
        "actions": ["<fields.actions_agreed.actions>"],
    }


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("id: visit.id", "id: visit.nhs_number"), "key 'output.id': unknown source 'visit.nhs_number'"),
        (("risks: fields.risks", "risks: fields.risk"), "key 'output.sections.risks': 'fields.risk' names no field"),
        (("risks: fields.risks", "risks: fields.risks.text"), "is not a part of a field"),
        (("risks: fields.risks}", "risks: 42}"), "key 'output.sections.risks': 42 is neither a source"),
        (("form: general_visit", "form: clinic_note"), "key 'form': 'clinic_note' does not match"),
        (("omit: [what_matters, ", "omit: ["), "what_matters of form general_visit are neither exported nor"),
        (("omit: [what_matters", "omit: [wishes"), "key 'omit': 'wishes' is not a field"),
        (('version: "1"', 'version: "1"\nfields: []'), "unknown key(s) fields"),
        (('version: "1"', ""), "key 'version' is missing"),
    ],
)
def test_a_broken_mapping_names_the_file_and_the_key(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    path = tmp_path / "general_visit.export.yaml"
    assert change[0] in GOOD
    path.write_text(GOOD.replace(change[0], change[1], 1))
    with pytest.raises(ExportMappingError) as e:
        load_export_mapping_file(path, load_template("general_visit"))
    assert str(path) in str(e.value) and expected in str(e.value)


def test_a_form_without_a_mapping_says_what_to_add(tmp_path: Path) -> None:
    with pytest.raises(ExportMappingError, match=r"add general_visit.export.yaml"):
        load_export_mapping(load_template("general_visit"), tmp_path)


def test_mappings_are_not_mistaken_for_forms() -> None:
    assert all(not t.name.endswith(".export") for t in list_templates())
