"""Form templates load, validate, and fail with errors that name the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from prompts import list_templates, load_template, load_template_file, prompt_hash, render_prompt
from prompts.errors import TemplateNotFoundError, TemplateValidationError

GOOD = """
name: mini
version: "1"
title: Mini form
fields:
  - id: summary
    label: Summary
    guidance: What happened.
"""


def test_general_visit_template_has_the_case_note_sections() -> None:
    t = load_template("general_visit")
    ids = [f.id for f in t.fields]
    for expected in [
        "presenting_situation",
        "what_matters",
        "daily_living",
        "health_and_medication",
        "risks",
        "actions_agreed",
        "next_contact",
    ]:
        assert expected in ids
    assert t.field("actions_agreed").type == "actions"
    assert t.field("risks").risk is True
    assert t.version and t.title == "General visit case note"


def test_list_templates_includes_general_visit() -> None:
    assert "general_visit" in [t.name for t in list_templates()]


def test_unknown_template_lists_the_available_names() -> None:
    with pytest.raises(TemplateNotFoundError) as e:
        load_template("no_such_form")
    assert "general_visit" in str(e.value)
    assert "no_such_form" in str(e.value)


def test_unknown_key_names_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace("    guidance: What happened.", "    guidance: What happened.\n    colour: red"))
    with pytest.raises(TemplateValidationError) as e:
        load_template_file(path)
    assert str(path) in str(e.value)
    assert "fields[summary].colour" in str(e.value)


def test_bad_field_type_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD + "    type: essay\n")
    with pytest.raises(TemplateValidationError, match=r"fields\[summary\]\.type"):
        load_template_file(path)


def test_missing_required_key_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace('version: "1"\n', ""))
    with pytest.raises(TemplateValidationError, match="'version'"):
        load_template_file(path)


def test_prompt_with_undefined_variable_is_refused(tmp_path: Path) -> None:
    (tmp_path / "system.j2").write_text("Form {{ form.title }}")
    (tmp_path / "field.j2").write_text("{{ field.label }} {{ transcript_text }}")
    path = tmp_path / "mini.yaml"
    path.write_text(GOOD)
    with pytest.raises(TemplateValidationError) as e:
        load_template_file(path, prompts_dir=tmp_path)
    assert "field.j2" in str(e.value) and "transcript_text" in str(e.value)


def test_a_new_form_needs_only_a_yaml_file(tmp_path: Path) -> None:
    (tmp_path / "mini.yaml").write_text(GOOD)
    assert [t.name for t in list_templates(tmp_path)] == ["mini"]


def test_field_prompt_renders_evidence_and_hash_is_stable() -> None:
    t = load_template("general_visit")
    text = render_prompt(
        t,
        "field",
        field=t.field("risks"),
        evidence=[{"segment_id": "seg-0001", "speaker": "Client", "quote": "I fell."}],
        speakers={},
        schema="{}",
        previous_error=None,
    )
    assert "[seg-0001] Client: I fell." in text and "Risks and safeguarding" in text
    assert prompt_hash(t) == prompt_hash(load_template("general_visit"))
