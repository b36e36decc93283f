"""SQLAlchemy 2 typed tables. Quantities are exact decimal text and money integer 分, never REAL."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal kept as its exact text (SQLite's NUMERIC would store a binary float)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return f"{Decimal(value):f}"

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UnitRow(Base):
    __tablename__ = "unit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    uscc: Mapped[str] = mapped_column(String(18))
    admin_code: Mapped[str] = mapped_column(String(6))
    institution_type: Mapped[str] = mapped_column(String(8))
    climate_zone: Mapped[str] = mapped_column(String(8))
    address: Mapped[str] = mapped_column(String(300), default="")
    contacts_json: Mapped[str] = mapped_column(Text, default="[]")


class YearProfileRow(Base):
    __tablename__ = "year_profile"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    people: Mapped[int] = mapped_column(Integer)
    building_area_m2: Mapped[Decimal] = mapped_column(DecimalText)
    staff_quota: Mapped[int | None] = mapped_column(Integer, nullable=True)
    heated_area_m2: Mapped[Decimal] = mapped_column(DecimalText)
    data_centre: Mapped[int] = mapped_column(Integer, default=0)
    data_centre_area_m2: Mapped[Decimal] = mapped_column(DecimalText)
    fuel_vehicles: Mapped[int] = mapped_column(Integer, default=0)
    new_energy_vehicles: Mapped[int] = mapped_column(Integer, default=0)
    canteen: Mapped[int] = mapped_column(Integer, default=0)
    canteen_seats: Mapped[int] = mapped_column(Integer, default=0)
    source_notes_json: Mapped[str] = mapped_column(Text, default="{}")
    # Added in revision 0002: the form's signature block.
    sign_head: Mapped[str] = mapped_column(String(50), default="", server_default="")
    sign_statistician: Mapped[str] = mapped_column(String(50), default="", server_default="")
    sign_preparer: Mapped[str] = mapped_column(String(50), default="", server_default="")
    report_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class MeterRow(Base):
    __tablename__ = "meter"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    carrier: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(10))
    use: Mapped[str] = mapped_column(String(20))
    account_no: Mapped[str] = mapped_column(String(50), default="")
    meter_no: Mapped[str] = mapped_column(String(50), default="")
    register_digits: Mapped[int | None] = mapped_column(Integer, nullable=True)
    initial_reading: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    active_from: Mapped[date] = mapped_column(Date)
    active_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    has_heat_meter: Mapped[int] = mapped_column(Integer, default=0)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    parent_code: Mapped[str | None] = mapped_column(String(20), nullable=True)


class MultiplierRow(Base):
    __tablename__ = "meter_multiplier"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meter_code: Mapped[str] = mapped_column(ForeignKey("meter.code", ondelete="CASCADE"))
    effective_from: Mapped[date] = mapped_column(Date)
    multiplier: Mapped[Decimal] = mapped_column(DecimalText)


class MonthlyRecordRow(Base):
    __tablename__ = "monthly_record"
    meter_code: Mapped[str] = mapped_column(ForeignKey("meter.code", ondelete="CASCADE"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    reading: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    quantity: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    cost_fen: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source: Mapped[str] = mapped_column(String(10))
    reading_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    rollover_confirmed: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[str] = mapped_column(String(50), default="")
    entered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class ReplacementRow(Base):
    __tablename__ = "meter_replacement"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meter_code: Mapped[str] = mapped_column(ForeignKey("meter.code", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    old_final_reading: Mapped[Decimal] = mapped_column(DecimalText)
    new_initial_reading: Mapped[Decimal] = mapped_column(DecimalText)
    reason: Mapped[str] = mapped_column(String(20))
    old_meter_no: Mapped[str] = mapped_column(String(50), default="")
    new_meter_no: Mapped[str] = mapped_column(String(50), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class CanteenMonthRow(Base):
    __tablename__ = "canteen_month"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    food_waste_kg: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    diners: Mapped[int | None] = mapped_column(Integer, nullable=True)
    food_purchased_kg: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class GarbageMonthRow(Base):
    __tablename__ = "garbage_month"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    recyclable_kg: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    hazardous_kg: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    kitchen_kg: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    other_kg: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    reported_total_kg: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    sorting_accuracy_pct: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    estimates_json: Mapped[str] = mapped_column(Text, default="{}")
    note: Mapped[str] = mapped_column(Text, default="")


class EwasteRow(Base):
    __tablename__ = "ewaste_disposal"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    items: Mapped[int] = mapped_column(Integer)
    recipient: Mapped[str] = mapped_column(String(200))
    certificate_no: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class ExplanationRow(Base):
    """Added in revision 0002."""

    __tablename__ = "explanation"
    __table_args__ = (UniqueConstraint("rule_id", "location_key", "fingerprint"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule_id: Mapped[str] = mapped_column(String(40))
    location_key: Mapped[str] = mapped_column(String(100))
    fingerprint: Mapped[str] = mapped_column(String(200))
    cause: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[str] = mapped_column(String(50), default="")
    entered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class QuotaRow(Base):
    """Added in revision 0003: 能耗定额 as issued for a year."""

    __tablename__ = "quota"
    __table_args__ = (UniqueConstraint("year", "indicator", "level"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(20))
    value: Mapped[Decimal] = mapped_column(DecimalText)
    basis: Mapped[str] = mapped_column(String(20))
    document: Mapped[str] = mapped_column(String(200), default="")


class PacketExportRow(Base):
    """Added in revision 0004: one row per packet exported (报送), the lock and the revision chain."""

    __tablename__ = "packet_export"
    __table_args__ = (UniqueConstraint("year", "period_code", "revision"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    period_code: Mapped[str] = mapped_column(String(12))
    revision: Mapped[int] = mapped_column(Integer)
    exported_at: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(200))
    key_fingerprint: Mapped[str] = mapped_column(String(16))
    packet_fingerprint: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    data_sha256: Mapped[str] = mapped_column(String(64))
    data_json: Mapped[str] = mapped_column(Text)
    reopened_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    reopen_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    reopened_by: Mapped[str | None] = mapped_column(String(50), nullable=True)


class SigningKeyRow(Base):
    """Added in revision 0004: the installation's Ed25519 key pair (hex), kept and backed up with the data."""

    __tablename__ = "signing_key"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(16))
    public_key: Mapped[str] = mapped_column(String(64))
    secret_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(40))
