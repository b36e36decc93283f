"""The keys of the bureaus that forward bundles (registered on first receipt, like units' keys).

Revision ID: b0003
Revises: b0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b0003"
down_revision = "b0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "forwarder_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(16), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forwarder_key")),
        sa.UniqueConstraint("name", "public_key", name=op.f("uq_forwarder_key_name")),
    )
    op.create_index(op.f("ix_forwarder_key_name"), "forwarder_key", ["name"])


def downgrade() -> None:
    op.drop_table("forwarder_key")
