"""Explanations of findings, and the form's signature block on the yearly profile.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("year_profile") as batch:
        batch.add_column(sa.Column("sign_head", sa.String(50), nullable=False, server_default=""))
        batch.add_column(sa.Column("sign_statistician", sa.String(50), nullable=False, server_default=""))
        batch.add_column(sa.Column("sign_preparer", sa.String(50), nullable=False, server_default=""))
        batch.add_column(sa.Column("report_date", sa.Date(), nullable=True))
    op.create_table(
        "explanation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.String(40), nullable=False),
        sa.Column("location_key", sa.String(100), nullable=False),
        sa.Column("fingerprint", sa.String(200), nullable=False),
        sa.Column("cause", sa.String(40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.String(50), nullable=False),
        sa.Column("entered_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_explanation")),
        sa.UniqueConstraint("rule_id", "location_key", "fingerprint", name=op.f("uq_explanation_rule_id")),
    )


def downgrade() -> None:
    op.drop_table("explanation")
    with op.batch_alter_table("year_profile") as batch:
        for column in ("report_date", "sign_preparer", "sign_statistician", "sign_head"):
            batch.drop_column(column)
