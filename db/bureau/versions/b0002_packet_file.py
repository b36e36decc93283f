"""Keep each accepted packet's file unchanged (for forwarding it up a tier).

Revision ID: b0002
Revises: b0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b0002"
down_revision = "b0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "packet_file",
        sa.Column("packet_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["packet_id"], ["packet.id"], name=op.f("fk_packet_file_packet_id_packet"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("packet_id", name=op.f("pk_packet_file")),
    )


def downgrade() -> None:
    op.drop_table("packet_file")
