"""DOCX and PDF of an approved record: a heading, who/what/when, then the form's sections in order."""

from __future__ import annotations

import io
from pathlib import Path

from api.review.record import ExportRecord, Section
from core.errors import ConfigurationError

# A Unicode font makes any name printable: DejaVu Sans from npm (`dejavu-fonts-ttf`, installed with the
# front end by `make install`), else the system's (Debian fonts-dejavu-core). Without one the PDF uses
# Helvetica, which prints Latin-1 only: a record with any other letter is refused, never printed with '?'.
PDF_FONTS = (
    Path(__file__).resolve().parents[2] / "node_modules" / "dejavu-fonts-ttf" / "ttf" / "DejaVuSans.ttf",
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
)
IDENTITY_NOTES = {
    "reidentified": "Names and identifiers restored from the visit's vault. Handle as personal data.",
    "redacted": "Redacted: names and identifiers appear as placeholders such as [PERSON_1].",
}


def _when(record: ExportRecord) -> str:
    return record.approved_at.strftime("%d %B %Y, %H:%M UTC")


def summary(record: ExportRecord) -> list[tuple[str, str]]:
    """The record's provenance, as (label, value) rows at the top of each document."""
    v, owner = record.visit, record.visit.owner
    return [
        ("Form", f"{record.template.title} (template {record.template.version})"),
        ("Visit", f"{v.id}, recorded {v.created_at.strftime('%d %B %Y')}"),
        ("Practitioner", f"{owner.display_name or owner.email}, {v.team.name}"),
        ("Version", f"{record.version} (approved)"),
        ("Approved by", f"{record.approved_by.display_name or record.approved_by.email} on {_when(record)}"),
        ("Identities", IDENTITY_NOTES[record.identities]),
    ]


def _section_lines(s: Section) -> list[str]:
    if s.actions:
        return [
            (a["what"] or "")
            + (f" (who: {a['who']})" if a.get("who") else "")
            + (f" (by: {a['by_when']})" if a.get("by_when") else "")
            for a in s.actions
        ]
    return [p for p in s.text.split("\n") if p.strip()] or [""]


def footer(record: ExportRecord) -> str:
    return (
        f"Drafted by Offset ({record.draft.provenance.drafter}) from the visit recording, checked and edited by "
        f"the practitioner, approved by the supervisor. Exported {record.exported_at.strftime('%d %B %Y %H:%M UTC')}."
    )


def to_docx(record: ExportRecord) -> bytes:
    import docx

    doc = docx.Document()
    doc.core_properties.title = record.template.title
    doc.core_properties.author = "Offset"
    doc.add_heading(record.template.title, level=0)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in summary(record):
        row = table.add_row().cells
        row[0].text, row[1].text = label, value
        row[0].paragraphs[0].runs[0].bold = True
    for s in record.sections:
        doc.add_heading(s.label, level=1)
        for line in _section_lines(s):
            doc.add_paragraph(line, style="List Bullet" if s.actions else None)
    doc.add_paragraph().add_run(footer(record)).italic = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_pdf(record: ExportRecord) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(format="A4")
    pdf.set_title(record.template.title)
    pdf.set_author("Offset")
    pdf.set_auto_page_break(auto=True, margin=15)
    font = next((p for p in PDF_FONTS if p.is_file()), None)
    if font is not None:
        pdf.add_font("Body", "", str(font))
        bold = font.with_name(font.stem + "-Bold.ttf")
        pdf.add_font("Body", "B", str(bold if bold.is_file() else font))
        family = "Body"

        def text(t: str) -> str:
            return t
    else:
        family = "Helvetica"

        def text(t: str) -> str:
            try:
                t.encode("latin-1")
            except UnicodeEncodeError as e:
                raise ConfigurationError(
                    f"The PDF cannot print {t[e.start : e.end]!r} without a Unicode font. Install the front end "
                    "(`make install`, which brings DejaVu Sans from npm) or `apt-get install -y fonts-dejavu-core`; "
                    "the DOCX and JSON exports print it meanwhile."
                ) from e
            return t

    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def para(w: float, h: float, t: str) -> None:
        pdf.multi_cell(w, h, text(t), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf.set_font(family, "B", 18)
    para(width, 9, record.template.title)
    pdf.ln(2)
    for label, value in summary(record):
        pdf.set_font(family, "B", 10)
        pdf.cell(32, 6, text(label))
        pdf.set_font(family, "", 10)
        para(width - 32, 6, value)
    for s in record.sections:
        pdf.ln(3)
        pdf.set_font(family, "B", 13)
        para(width, 7, s.label)
        pdf.set_font(family, "", 11)
        for line in _section_lines(s):
            para(width, 6, ("- " if s.actions else "") + line)
    pdf.ln(4)
    pdf.set_font(family, "", 8)
    para(width, 4, footer(record))
    return bytes(pdf.output())
