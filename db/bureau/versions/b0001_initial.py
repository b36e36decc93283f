"""The bureau's first schema: units, keys, packets, facts, rejections, forwards.

Revision ID: b0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b0001"
down_revision = None
branch_labels = None
depends_on = None

EXACT = sa.Numeric(asdecimal=True).with_variant(sa.String(40), "sqlite")  # exact on both engines


def upgrade() -> None:
    op.create_table(
        "bureau_unit",
        sa.Column("uscc", sa.String(18), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("admin_code", sa.String(6), nullable=False),
        sa.Column("institution_type", sa.String(8), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("uscc", name=op.f("pk_bureau_unit")),
    )
    op.create_index(op.f("ix_bureau_unit_admin_code"), "bureau_unit", ["admin_code"])
    op.create_table(
        "unit_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uscc", sa.String(18), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(16), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_key")),
        sa.UniqueConstraint("uscc", "public_key", name=op.f("uq_unit_key_uscc")),
    )
    op.create_index(op.f("ix_unit_key_uscc"), "unit_key", ["uscc"])
    op.create_table(
        "packet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("uscc", sa.String(18), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(12), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("key_fingerprint", sa.String(16), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("forwarded_by", sa.String(200), nullable=True),
        sa.Column("data_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_packet")),
        sa.UniqueConstraint("sha256", name=op.f("uq_packet_sha256")),
    )
    op.create_index("ix_packet_unit_period", "packet", ["uscc", "year", "period"])
    op.create_index(op.f("ix_packet_status"), "packet", ["status"])
    op.create_table(
        "fact",
        sa.Column("packet_id", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=True),
        sa.Column("area_m2", EXACT, nullable=True),
        sa.Column("comprehensive_energy_tce", EXACT, nullable=True),
        sa.Column("building_energy_tce", EXACT, nullable=True),
        sa.Column("co2_t", EXACT, nullable=True),
        sa.Column("water_m3", EXACT, nullable=True),
        sa.Column("cost_yuan", EXACT, nullable=True),
        sa.Column("open_warnings", sa.Integer(), nullable=False),
        sa.Column("explained_warnings", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["packet_id"], ["packet.id"], name=op.f("fk_fact_packet_id_packet"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("packet_id", name=op.f("pk_fact")),
    )
    op.create_table(
        "carrier_fact",
        sa.Column("packet_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("label", sa.String(20), nullable=False),
        sa.Column("unit", sa.String(10), nullable=False),
        sa.Column("quantity", EXACT, nullable=True),
        sa.Column("cost_yuan", EXACT, nullable=True),
        sa.Column("tce", EXACT, nullable=True),
        sa.Column("part_of", sa.String(20), nullable=True),
        sa.ForeignKeyConstraint(
            ["packet_id"], ["packet.id"], name=op.f("fk_carrier_fact_packet_id_packet"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("packet_id", "code", name=op.f("pk_carrier_fact")),
    )
    op.create_table(
        "rejection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("uscc", sa.String(18), nullable=True),
        sa.Column("period", sa.String(12), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("problems_json", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejection")),
        sa.UniqueConstraint("sha256", name=op.f("uq_rejection_sha256")),
    )
    op.create_table(
        "forward",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(12), nullable=False),
        sa.Column("out_dir", sa.Text(), nullable=False),
        sa.Column("packets", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forward")),
    )


def downgrade() -> None:
    for name in ("forward", "rejection", "carrier_fact", "fact", "packet", "unit_key", "bureau_unit"):
        op.drop_table(name)
