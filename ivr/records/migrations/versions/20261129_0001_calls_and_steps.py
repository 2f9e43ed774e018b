"""calls and steps: one row per step as it comes, one per call folded from its steps

Revision ID: 0001
Revises:
Create Date: 2026-11-29 18:47:24.746244
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "calls",
        sa.Column("sid", sa.String(length=64), nullable=False),
        sa.Column("line", sa.String(length=100), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("local", sa.DateTime(), nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("caller", sa.String(length=64), nullable=True),
        sa.Column("steps", sa.Integer(), nullable=False),
        sa.Column("first_seq", sa.BigInteger(), nullable=True),
        sa.Column("last_seq", sa.BigInteger(), nullable=True),
        sa.Column("last_decision", sa.String(length=100), nullable=True),
        sa.Column("last_line", sa.String(length=100), nullable=True),
        sa.Column("last_menu", sa.String(length=100), nullable=True),
        sa.Column("language", sa.String(length=20), nullable=True),
        sa.Column("connected", sa.Boolean(), nullable=False),
        sa.Column("transfer_seq", sa.BigInteger(), nullable=True),
        sa.Column("transfer_failed", sa.Boolean(), nullable=False),
        sa.Column("ending", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("duration", sa.Integer(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("sid", name=op.f("pk_calls")),
    )
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calls_caller"), ["caller"], unique=False)
        batch_op.create_index(batch_op.f("ix_calls_day"), ["day"], unique=False)

    op.create_table(
        "steps",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  autoincrement=True, nullable=False),
        sa.Column("call_sid", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("local", sa.DateTime(), nullable=False),
        sa.Column("line", sa.String(length=100), nullable=True),
        sa.Column("menu", sa.String(length=100), nullable=True),
        sa.Column("next_line", sa.String(length=100), nullable=True),
        sa.Column("next_menu", sa.String(length=100), nullable=True),
        sa.Column("key", sa.String(length=20), nullable=True),
        sa.Column("decision", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.String(length=100), nullable=True),
        sa.Column("language", sa.String(length=20), nullable=True),
        sa.Column("menus", sa.String(length=20), nullable=False),
        sa.Column("caller", sa.String(length=64), nullable=True),
        sa.Column("folded", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_steps")),
    )
    with op.batch_alter_table("steps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_steps_call_sid"), ["call_sid"], unique=False)
        batch_op.create_index("ix_steps_unfolded", ["id"], unique=False,
                              sqlite_where=sa.text("folded = 0"),
                              postgresql_where=sa.text("NOT folded"))


def downgrade() -> None:
    with op.batch_alter_table("steps", schema=None) as batch_op:
        batch_op.drop_index("ix_steps_unfolded", sqlite_where=sa.text("folded = 0"),
                            postgresql_where=sa.text("NOT folded"))
        batch_op.drop_index(batch_op.f("ix_steps_call_sid"))
    op.drop_table("steps")
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calls_day"))
        batch_op.drop_index(batch_op.f("ix_calls_caller"))
    op.drop_table("calls")
