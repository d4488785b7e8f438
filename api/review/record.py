"""The approved record as exports see it: the form's sections of the approved version, with real
names put back from the vault for those allowed (the author and the team's supervisors)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.context import ServiceContext
from api.db.base import utcnow
from api.db.models import Artefact, ArtefactKind, User, Visit
from core.draft import ActionItem, Draft
from prompts import FormTemplate, load_template
from redaction.vault import Vault, reidentify

Identities = Literal["reidentified", "redacted"]


@dataclass(frozen=True)
class Section:
    id: str
    label: str
    type: str
    status: str
    text: str
    actions: list[dict[str, str | None]]
    edited: bool


@dataclass(frozen=True)
class ExportRecord:
    visit: Visit
    template: FormTemplate
    draft: Draft
    version: int
    sections: list[Section]
    identities: Identities
    approved_by: User
    approved_at: datetime
    exported_at: datetime

    def value_of(self, source: str) -> Any:
        """A mapping source (prompts/export_mapping.py) of this record."""
        if source.startswith("fields."):
            if source == "fields.*":
                return [{"id": s.id, "label": s.label, "text": s.text} for s in self.sections]
            field_id, _, part = source.removeprefix("fields.").partition(".")
            s = next(x for x in self.sections if x.id == field_id)
            return {"": s.text, "label": s.label, "status": s.status, "actions": s.actions, "edited": s.edited}[part]
        v, owner, t = self.visit, self.visit.owner, self.template
        return {
            "visit.id": v.id,
            "visit.form": t.name,
            "visit.form_title": t.title,
            "visit.form_version": t.version,
            "visit.recorded_at": v.created_at.isoformat(),
            "visit.audio_minutes": round(v.audio_seconds / 60, 1) if v.audio_seconds else None,
            "visit.practitioner": owner.display_name or owner.email,
            "visit.practitioner_email": owner.email,
            "visit.team": v.team.name,
            "record.version": self.version,
            "record.approved_by": self.approved_by.display_name or self.approved_by.email,
            "record.approved_by_email": self.approved_by.email,
            "record.approved_at": self.approved_at.isoformat(),
            "record.submitted_at": v.submitted_at.isoformat() if v.submitted_at else None,
            "record.exported_at": self.exported_at.isoformat(),
            "record.identities": self.identities,
            "record.drafter": self.draft.provenance.drafter,
            "record.draft_id": self.draft.id,
        }[source]


def vault_entries(ctx: ServiceContext, session: Session, visit: Visit) -> dict[str, str]:
    """Placeholder -> real value, from the vault the worker stored (Fernet inside the sealed object)."""
    key = session.scalar(
        select(Artefact.storage_key).where(Artefact.visit_id == visit.id, Artefact.kind == ArtefactKind.vault.value)
    )
    if key is None:
        return {}
    return Vault(ctx.settings.vault_key).decrypt(ctx.store.read_bytes(key))


def _actions(items: list[ActionItem], text: str, put_back: Any) -> list[dict[str, str | None]]:
    if items:
        return [
            {"what": put_back(a.what), "who": put_back(a.who) if a.who else None, "by_when": a.by_when} for a in items
        ]
    # Edited (or never structured): one action per line of the text, bullets stripped.
    lines = [ln.strip().lstrip("-*\u2022 ").strip() for ln in text.splitlines()]
    return [{"what": ln, "who": None, "by_when": None} for ln in lines if ln]


def build_record(
    ctx: ServiceContext,
    session: Session,
    visit: Visit,
    draft: Draft,
    version: int,
    edited: list[str],
    identities: Identities,
) -> ExportRecord:
    entries = vault_entries(ctx, session, visit) if identities == "reidentified" else {}

    def put_back(text: str) -> str:
        return reidentify(text, entries) if entries else text

    sections = []
    for f in draft.fields:
        text = put_back(f.value)
        sections.append(
            Section(
                id=f.id,
                label=f.label,
                type=f.type,
                status=f.status,
                text=text,
                actions=_actions(f.actions, text, put_back) if f.type == "actions" else [],
                edited=f.id in edited,
            )
        )
    assert visit.approved_by is not None and visit.approved_at is not None  # approved visits only (export checks)
    return ExportRecord(
        visit=visit,
        template=load_template(visit.template),
        draft=draft,
        version=version,
        sections=sections,
        identities=identities,
        approved_by=visit.approved_by,
        approved_at=visit.approved_at,
        exported_at=utcnow(),
    )
