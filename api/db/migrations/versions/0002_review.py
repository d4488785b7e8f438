"""review workflow: draft versions, flag acknowledgements, review steps, visit review columns

Revision ID: 0002_review
Revises: 0001
Create Date: 2026-12-02 04:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.base

revision: str = "0002_review"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "draft_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("changed_fields", sa.JSON(), nullable=False),
        sa.Column("created_at", api.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_draft_versions_author_id_users")),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_draft_versions_visit_id_visits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_versions")),
        sa.UniqueConstraint("visit_id", "version", name="uq_draft_versions_visit_version"),
    )
    op.create_table(
        "flag_acks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.String(length=32), nullable=False),
        sa.Column("flag_id", sa.String(length=80), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("at", api.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_flag_acks_user_id_users")),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_flag_acks_visit_id_visits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flag_acks")),
        sa.UniqueConstraint("visit_id", "flag_id", name="uq_flag_acks_visit_flag"),
    )
    op.create_table(
        "review_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("comments", sa.Text(), nullable=True),
        sa.Column("at", api.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_review_steps_user_id_users")),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_review_steps_visit_id_visits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_steps")),
    )
    with op.batch_alter_table("review_steps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_steps_visit_id"), ["visit_id"], unique=False)

    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.add_column(sa.Column("draft_version", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("submitted_at", api.db.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("returned_at", api.db.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("return_comments", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("approved_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("approved_at", api.db.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_visits_approved_by_id_users"), "users", ["approved_by_id"], ["id"])

    # Visits drafted before this migration: their drafted artefact becomes version 1.
    op.execute(
        "INSERT INTO draft_versions (visit_id, version, storage_key, sha256, author_id, changed_fields, created_at) "
        "SELECT visit_id, 1, storage_key, sha256, NULL, '[]', created_at FROM artefacts WHERE kind = 'draft'"
    )
    op.execute("UPDATE visits SET draft_version = 1 WHERE id IN (SELECT visit_id FROM artefacts WHERE kind = 'draft')")


def downgrade() -> None:
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_visits_approved_by_id_users"), type_="foreignkey")
        batch_op.drop_column("approved_at")
        batch_op.drop_column("approved_by_id")
        batch_op.drop_column("return_comments")
        batch_op.drop_column("returned_at")
        batch_op.drop_column("submitted_at")
        batch_op.drop_column("draft_version")
    with op.batch_alter_table("review_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_steps_visit_id"))
    op.drop_table("review_steps")
    op.drop_table("flag_acks")
    op.drop_table("draft_versions")
