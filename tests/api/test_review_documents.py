"""The DOCX and PDF writers on a record built in memory: sections in form order, provenance, and
names outside Latin-1 printed (with the Unicode font) rather than lost."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest

from api.db.models import Team, User, Visit
from api.review.documents import PDF_FONTS, to_docx, to_pdf
from api.review.record import ExportRecord, Section
from core.draft import Draft, DraftField, DraftProvenance
from prompts import list_templates, load_template
from prompts.export_mapping import SOURCES, load_export_mapping

NAME = "Zofia Łukasiewicz-Nguyễn"


def record(identities: str = "reidentified", form: str = "general_visit") -> ExportRecord:
    template = load_template(form)
    owner = User(id=1, email="sam@example.org", display_name="Sam Patel", roles_csv="practitioner")
    approver = User(id=2, email="lee@example.org", display_name="Lee Okafor", roles_csv="supervisor")
    visit = Visit(id="a" * 32, template=form, created_at=datetime(2026, 12, 1, 9, 30, tzinfo=UTC), audio_seconds=754.0)
    visit.owner, visit.team = owner, Team(id=1, name="Adults North")
    fields = [
        DraftField(id=f.id, label=f.label, type=f.type, value=f"{NAME} said something about {f.id}.")
        for f in template.fields
    ]
    draft = Draft(
        id="d1",
        transcript_id="t1",
        redaction_id="r1",
        title=template.title,
        fields=fields,
        provenance=DraftProvenance(
            template=template.name, template_version=template.version, prompt_hash="x", drafter="extractive"
        ),
    )
    sections = [
        Section(
            id=f.id,
            label=f.label,
            type=f.type,
            status="drafted",
            text=f.value,
            actions=[{"what": "Book a review", "who": "Sam", "by_when": "Friday"}] if f.type == "actions" else [],
            edited=False,
        )
        for f in fields
    ]
    when = datetime(2026, 12, 2, 14, 5, tzinfo=UTC)
    return ExportRecord(visit, template, draft, 3, sections, identities, approver, when, when)  # type: ignore[arg-type]


def test_docx_has_every_section_in_form_order_and_the_provenance() -> None:
    import docx

    doc = docx.Document(io.BytesIO(to_docx(record())))
    labels = [f.label for f in load_template("general_visit").fields]
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == labels
    table = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert table["Version"] == "3 (approved)" and table["Approved by"] == "Lee Okafor on 02 December 2026, 14:05 UTC"
    assert table["Practitioner"] == "Sam Patel, Adults North"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert NAME in text and "Book a review (who: Sam) (by: Friday)" in text


def test_pdf_prints_names_outside_latin_1() -> None:
    assert PDF_FONTS[0].is_file(), "DejaVu Sans comes from npm with the front end: run `make install`"
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(to_pdf(record())))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert NAME in text and "Lee Okafor" in text and "Adults North" in text
    for field in load_template("general_visit").fields:
        assert field.label in text
    assert pdf.metadata.title == load_template("general_visit").title


def test_a_redacted_record_says_so() -> None:
    import docx

    doc = docx.Document(io.BytesIO(to_docx(record("redacted"))))
    table = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert table["Identities"].startswith("Redacted")


@pytest.mark.parametrize("form", [t.name for t in list_templates()])
def test_every_shipped_mapping_renders_from_a_record(form: str) -> None:
    rec = record(form=form)
    doc = load_export_mapping(rec.template).render(rec.value_of)
    text = json.dumps(doc, ensure_ascii=False)
    assert NAME in text and "Lee Okafor" in text
    for source in SOURCES:
        rec.value_of(source)  # every documented source has a value
    assert rec.value_of("visit.audio_minutes") == 12.6 and rec.value_of("record.version") == 3


def test_pdf_without_a_unicode_font_refuses_rather_than_print_question_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    import api.review.documents as documents
    from core.errors import ConfigurationError

    monkeypatch.setattr(documents, "PDF_FONTS", ())
    with pytest.raises(ConfigurationError, match="Unicode font"):
        to_pdf(record())
