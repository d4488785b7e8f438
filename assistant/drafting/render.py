"""A readable draft.md: each field, its value, the evidence it rests on, and what to check."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.drafting.models import Draft, DraftField

_SUPPORT_MARK = {
    "supported": "supported",
    "partly_supported": "PARTLY SUPPORTED",
    "unsupported": "UNSUPPORTED",
}


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def _field_md(f: DraftField) -> list[str]:
    status = {"not_discussed": " _(not discussed)_", "fallback": " _(extractive fall-back)_"}.get(f.status, "")
    lines = [f"## {f.label}{status}", "", f.value, ""]
    if f.flags:
        lines.append("**Check before submitting:**")
        for fl in f.flags:
            where = f" [{', '.join(fl.segment_ids)}]" if fl.segment_ids else ""
            lines.append(f"- **{fl.kind.upper()}**: {fl.message}{where}")
            if fl.statement:
                lines.append(f"  - statement: {fl.statement}")
            if fl.quote:
                lines.append(f"  - said: \u201c{fl.quote}\u201d")
        lines.append("")
    doubtful = [c for c in f.checks if c.support != "supported"]
    if f.checks:
        lines.append(
            f"_Verification: {len(f.checks) - len(doubtful)}/{len(f.checks)} statements supported by the transcript._"
        )
        for c in doubtful:
            lines.append(f"- {_SUPPORT_MARK[c.support]}: {c.statement} ({c.reason})")
        lines.append("")
    if f.evidence:
        lines.append("Evidence:")
        for e in f.evidence:
            who = f"{e.speaker}: " if e.speaker else ""
            lines.append(f"- `{e.segment_id}` {_clock(e.start)}\u2013{_clock(e.end)} {who}\u201c{e.quote}\u201d")
        lines.append("")
    return lines


def render_markdown(draft: Draft) -> str:
    """The whole draft as Markdown for a practitioner and supervisor to review."""
    p = draft.provenance
    flags = sum(len(f.flags) for f in draft.fields)
    risks = sum(1 for f in draft.fields for fl in f.flags if fl.kind == "risk")
    lines = [
        f"# {draft.title}",
        "",
        "_DRAFT for the practitioner to check, edit and own. Generated from a redacted transcript._",
        "",
        f"- Form: {p.template} v{p.template_version} (prompt hash {p.prompt_hash})",
        f"- Drafter: {p.drafter}" + (f" ({p.model})" if p.model else "") + f"; Offset {p.code_version}",
        f"- Transcript: {draft.transcript_id}; redaction: {draft.redaction_id}; "
        f"created {draft.created_at:%Y-%m-%d %H:%M} UTC",
        f"- Items to check: {flags} (risk/safeguarding: {risks})",
        "",
    ]
    for f in draft.fields:
        lines.extend(_field_md(f))
    return "\n".join(lines).rstrip() + "\n"
