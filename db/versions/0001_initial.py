"""The first schema: unit, yearly profile, meters, monthly records, replacements, waste.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

DEC = sa.String(40)  # DecimalText: exact decimal text


def upgrade() -> None:
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("uscc", sa.String(18), nullable=False),
        sa.Column("admin_code", sa.String(6), nullable=False),
        sa.Column("institution_type", sa.String(8), nullable=False),
        sa.Column("climate_zone", sa.String(8), nullable=False),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("contacts_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
    )
    op.create_table(
        "year_profile",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("building_area_m2", DEC, nullable=False),
        sa.Column("staff_quota", sa.Integer(), nullable=True),
        sa.Column("heated_area_m2", DEC, nullable=False),
        sa.Column("data_centre", sa.Integer(), nullable=False),
        sa.Column("data_centre_area_m2", DEC, nullable=False),
        sa.Column("fuel_vehicles", sa.Integer(), nullable=False),
        sa.Column("new_energy_vehicles", sa.Integer(), nullable=False),
        sa.Column("canteen", sa.Integer(), nullable=False),
        sa.Column("canteen_seats", sa.Integer(), nullable=False),
        sa.Column("source_notes_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_year_profile")),
    )
    op.create_table(
        "meter",
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("carrier", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("use", sa.String(20), nullable=False),
        sa.Column("account_no", sa.String(50), nullable=False),
        sa.Column("meter_no", sa.String(50), nullable=False),
        sa.Column("register_digits", sa.Integer(), nullable=True),
        sa.Column("initial_reading", DEC, nullable=True),
        sa.Column("active_from", sa.Date(), nullable=False),
        sa.Column("active_to", sa.Date(), nullable=True),
        sa.Column("has_heat_meter", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("parent_code", sa.String(20), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_meter")),
    )
    op.create_table(
        "meter_multiplier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meter_code", sa.String(20), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("multiplier", DEC, nullable=False),
        sa.ForeignKeyConstraint(
            ["meter_code"], ["meter.code"], name=op.f("fk_meter_multiplier_meter_code_meter"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meter_multiplier")),
    )
    op.create_table(
        "monthly_record",
        sa.Column("meter_code", sa.String(20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("reading", DEC, nullable=True),
        sa.Column("quantity", DEC, nullable=True),
        sa.Column("cost_fen", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("reading_date", sa.Date(), nullable=True),
        sa.Column("rollover_confirmed", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.String(50), nullable=False),
        sa.Column("entered_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meter_code"], ["meter.code"], name=op.f("fk_monthly_record_meter_code_meter"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("meter_code", "year", "month", name=op.f("pk_monthly_record")),
    )
    op.create_table(
        "meter_replacement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meter_code", sa.String(20), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("old_final_reading", DEC, nullable=False),
        sa.Column("new_initial_reading", DEC, nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("old_meter_no", sa.String(50), nullable=False),
        sa.Column("new_meter_no", sa.String(50), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meter_code"], ["meter.code"], name=op.f("fk_meter_replacement_meter_code_meter"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meter_replacement")),
    )
    op.create_table(
        "canteen_month",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("food_waste_kg", DEC, nullable=True),
        sa.Column("diners", sa.Integer(), nullable=True),
        sa.Column("food_purchased_kg", DEC, nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("year", "month", name=op.f("pk_canteen_month")),
    )
    op.create_table(
        "garbage_month",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("recyclable_kg", DEC, nullable=True),
        sa.Column("hazardous_kg", DEC, nullable=True),
        sa.Column("kitchen_kg", DEC, nullable=True),
        sa.Column("other_kg", DEC, nullable=True),
        sa.Column("reported_total_kg", DEC, nullable=True),
        sa.Column("sorting_accuracy_pct", DEC, nullable=True),
        sa.Column("estimates_json", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("year", "month", name=op.f("pk_garbage_month")),
    )
    op.create_table(
        "ewaste_disposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(200), nullable=False),
        sa.Column("certificate_no", sa.String(100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ewaste_disposal")),
    )


def downgrade() -> None:
    for table in (
        "ewaste_disposal",
        "garbage_month",
        "canteen_month",
        "meter_replacement",
        "monthly_record",
        "meter_multiplier",
        "meter",
        "year_profile",
        "unit",
    ):
        op.drop_table(table)
