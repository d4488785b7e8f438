"""Comparing versions: a field-by-field, word-level diff, and the edit burden of a submission."""

from __future__ import annotations

import difflib
import re

from sqlalchemy.orm import Session

from api.context import ServiceContext
from api.db.models import Visit
from api.review.versions import read_version, version_row
from api.schemas.review import DiffOp, DraftDiff, EditBurden, FieldDiff
from core.draft import Draft

_TOKEN = re.compile(r"\s+|[^\s]+")


def word_ops(old: str, new: str) -> list[DiffOp]:
    """Word-level changes (whitespace kept with the words, so joining `new` of every op gives `new`)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        ops.append(DiffOp(op=tag, old="".join(a[i1:i2]), new="".join(b[j1:j2])))  # type: ignore[arg-type]
    return ops


def diff_versions(ctx: ServiceContext, session: Session, visit: Visit, old: int, new: int) -> DraftDiff:
    a = read_version(ctx, version_row(session, visit, old))
    b = read_version(ctx, version_row(session, visit, new))
    before = {f.id: f for f in a.fields}
    fields = []
    for f in b.fields:
        prev = before[f.id].value if f.id in before else ""
        changed = prev != f.value
        fields.append(
            FieldDiff(
                field_id=f.id,
                label=f.label,
                changed=changed,
                old=prev,
                new=f.value,
                ops=word_ops(prev, f.value) if changed else [],
            )
        )
    return DraftDiff(
        visit_id=visit.id,
        from_version=old,
        to_version=new,
        changed_fields=[d.field_id for d in fields if d.changed],
        fields=fields,
    )


def edit_burden(generated: Draft, submitted: Draft) -> EditBurden:
    """Field-by-field character edit distance from the generated draft, as `offset eval time` counts it."""
    from rapidfuzz.distance import Levenshtein

    after = {f.id: f.value for f in submitted.fields}
    distances = [Levenshtein.distance(f.value, after.get(f.id, "")) for f in generated.fields]
    return EditBurden(
        draft_words=sum(len(f.value.split()) for f in generated.fields),
        draft_chars=sum(len(f.value) for f in generated.fields),
        edit_chars=sum(distances),
        fields_total=len(generated.fields),
        fields_changed=sum(d > 0 for d in distances),
    )
