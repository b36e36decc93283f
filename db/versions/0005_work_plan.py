"""The year's work plan: the unit's 行政层级 and 党政机关 flag, and its work-plan tasks.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unit") as batch:
        batch.add_column(sa.Column("admin_level", sa.String(10), nullable=True))
        batch.add_column(sa.Column("party_government_organ", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "work_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("quantity", sa.String(40), nullable=True),
        sa.Column("status", sa.String(20), nullable=True),
        sa.Column("document_no", sa.String(100), nullable=False, server_default=""),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("name", sa.String(200), nullable=False, server_default=""),
        sa.Column("measures", sa.String(100), nullable=False, server_default=""),
        sa.Column("investment_fen", sa.Integer(), nullable=True),
        sa.Column("saving_tce", sa.String(40), nullable=True),
        sa.Column("meter_code", sa.String(20), nullable=False, server_default=""),
        sa.Column("emc_type", sa.String(30), nullable=True),
        sa.Column("contractor", sa.String(200), nullable=False, server_default=""),
        sa.Column("term_years", sa.Integer(), nullable=True),
        sa.Column("saving_fen", sa.Integer(), nullable=True),
        sa.Column("built_year", sa.Integer(), nullable=True),
        sa.Column("quarter", sa.Integer(), nullable=True),
        sa.Column("part_scores", sa.String(200), nullable=False, server_default=""),
        sa.Column("grade", sa.String(10), nullable=False, server_default=""),
        sa.Column("findings", sa.Text(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_task")),
        sqlite_autoincrement=True,  # an id taken back by an undo is never given again
    )
    op.create_index(op.f("ix_work_task_year"), "work_task", ["year"])


def downgrade() -> None:
    op.drop_index(op.f("ix_work_task_year"), table_name="work_task")
    op.drop_table("work_task")
    with op.batch_alter_table("unit") as batch:
        batch.drop_column("party_government_organ")
        batch.drop_column("admin_level")
