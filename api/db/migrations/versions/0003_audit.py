"""audit log (hash-chained, append-only), review events, time baselines

Revision ID: 0003_audit
Revises: 0002_review
Create Date: 2026-12-02 04:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.base

revision: str = "0003_audit"
down_revision: str | None = "0002_review"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS_HASH = "0" * 64

# Append-only, enforced by the database too: an UPDATE or DELETE of an audit entry is refused. Someone
# with the rights to drop the trigger can still change rows; `offset audit verify` then finds them.
PG_TRIGGERS = [
    """
    CREATE OR REPLACE FUNCTION offset_audit_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
    END
    $$ LANGUAGE plpgsql
    """,
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION offset_audit_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION offset_audit_append_only()",
]
SQLITE_TRIGGERS = [
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END",
]


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", api.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=254), nullable=False),
        sa.Column("roles", sa.String(length=200), nullable=False),
        sa.Column("team", sa.String(length=120), nullable=False),
        sa.Column("visit_id", sa.String(length=32), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_log_seq")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_action_at", ["action", "at"], unique=False)
        batch_op.create_index("ix_audit_log_at", ["at"], unique=False)
        batch_op.create_index("ix_audit_log_username_at", ["username", "at"], unique=False)
        batch_op.create_index("ix_audit_log_visit_id_at", ["visit_id", "at"], unique=False)

    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": GENESIS_HASH}])

    op.create_table(
        "review_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", api.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("visit_id", sa.String(length=32), nullable=False),
        sa.Column("worker_id", sa.String(length=64), nullable=False),
        sa.Column("team", sa.String(length=120), nullable=False),
        sa.Column("audit_seq", sa.Integer(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_events")),
    )
    with op.batch_alter_table("review_events", schema=None) as batch_op:
        batch_op.create_index("ix_review_events_team_at", ["team", "at"], unique=False)
        batch_op.create_index("ix_review_events_visit_id_at", ["visit_id", "at"], unique=False)

    op.create_table(
        "time_baselines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_type", sa.String(length=100), nullable=False),
        sa.Column("team", sa.String(length=120), nullable=False),
        sa.Column("minutes", sa.Float(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("updated_at", api.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=254), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_baselines")),
        sa.UniqueConstraint("visit_type", "team", name="uq_time_baselines_visit_type_team"),
    )

    triggers = PG_TRIGGERS if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in triggers:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS offset_audit_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    op.drop_table("time_baselines")
    with op.batch_alter_table("review_events", schema=None) as batch_op:
        batch_op.drop_index("ix_review_events_visit_id_at")
        batch_op.drop_index("ix_review_events_team_at")
    op.drop_table("review_events")
    op.drop_table("audit_head")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_visit_id_at")
        batch_op.drop_index("ix_audit_log_username_at")
        batch_op.drop_index("ix_audit_log_at")
        batch_op.drop_index("ix_audit_log_action_at")
    op.drop_table("audit_log")
