"""draft_versions.deleted_at: retention deletes the edited versions between the generated draft and the record

Revision ID: 0004_version_retention
Revises: 0003_audit
Create Date: 2026-12-02 16:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.base

revision: str = "0004_version_retention"
down_revision: str | None = "0003_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("draft_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deleted_at", api.db.base.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("draft_versions", schema=None) as batch_op:
        batch_op.drop_column("deleted_at")
