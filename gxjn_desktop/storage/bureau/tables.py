"""The bureau's schema, dialect-neutral (SQLite by default, PostgreSQL on request).

Figures are exact on both engines: PostgreSQL's unconstrained NUMERIC, and on SQLite the decimal's
text (SQLite's NUMERIC affinity would turn it into a binary float). Sums are therefore never done by
SQLite itself; see :mod:`gxjn_desktop.storage.bureau.repository`.
"""

from __future__ import annotations

import zlib
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

from gxjn_desktop.storage.tables import NAMING_CONVENTION, DecimalText


def exact_decimal() -> TypeEngine[Decimal]:
    """NUMERIC on PostgreSQL, exact decimal text on SQLite."""
    return Numeric(asdecimal=True).with_variant(DecimalText(), "sqlite")


EXACT = exact_decimal()


class DeflatedText(TypeDecorator[str]):
    """Text kept deflated on SQLite (a packet's data.json: 70 KB of JSON, about 11 KB deflated).

    PostgreSQL compresses large values itself (lz4, migration b0004), so it keeps plain text. Rows
    written before this type existed hold plain text in the same column and are read as they are.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        if isinstance(value, bytes):  # deflated already, by a merge's verifying worker
            return value
        # level 1: a fifth of level 6's CPU, 15 % more bytes
        return None if value is None else zlib.compress(value.encode("utf-8"), 1)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if isinstance(value, bytes):
            return zlib.decompress(value).decode("utf-8")
        return value  # type: ignore[no-any-return]


PACKET_DATA = Text().with_variant(DeflatedText(), "sqlite")

# Packet status (cli.md: accepted / superseded / duplicate / refused).
ACCEPTED = "accepted"
SUPERSEDED = "superseded"
DUPLICATE = "duplicate"
REFUSED = "refused"

# Key status: the one registered for the unit, one waiting for the clerk (KEY-CHANGED), or retired.
KEY_REGISTERED = "registered"
KEY_PENDING = "pending"
KEY_RETIRED = "retired"


class BureauBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class BureauUnitRow(BureauBase):
    """A unit as its latest accepted packet describes it."""

    __tablename__ = "bureau_unit"
    uscc: Mapped[str] = mapped_column(String(18), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    admin_code: Mapped[str] = mapped_column(String(6), index=True)
    institution_type: Mapped[str] = mapped_column(String(8))
    first_seen: Mapped[datetime] = mapped_column(DateTime)


class UnitKeyRow(BureauBase):
    __tablename__ = "unit_key"
    __table_args__ = (UniqueConstraint("uscc", "public_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uscc: Mapped[str] = mapped_column(String(18), index=True)
    public_key: Mapped[str] = mapped_column(String(64))  # hex of the 32-byte Ed25519 key
    fingerprint: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(12))
    first_seen: Mapped[datetime] = mapped_column(DateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class ForwarderKeyRow(BureauBase):
    """A key of a bureau that forwarded a bundle (added in b0003): the key is who the bureau is (one
    row per key, b0005); ``name`` is the label its index gave when the key was first seen."""

    __tablename__ = "forwarder_key"
    __table_args__ = (UniqueConstraint("public_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    public_key: Mapped[str] = mapped_column(String(64))  # hex of the 32-byte Ed25519 key
    fingerprint: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(12))
    first_seen: Mapped[datetime] = mapped_column(DateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class PacketRow(BureauBase):
    """Every distinct packet file received and not refused (refusals are in ``rejection``)."""

    __tablename__ = "packet"
    __table_args__ = (Index("ix_packet_unit_period", "uscc", "year", "period"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(255))
    uscc: Mapped[str] = mapped_column(String(18))
    year: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(12))  # as in the packet, e.g. 2025-Y
    revision: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), index=True)
    key_fingerprint: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(DateTime)
    forwarded_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    data_json: Mapped[str] = mapped_column(PACKET_DATA)  # the packet's data.json, whole


class PacketFileRow(BureauBase):
    """The packet file exactly as received (added in b0002: forwarding passes it on unchanged)."""

    __tablename__ = "packet_file"
    packet_id: Mapped[int] = mapped_column(ForeignKey("packet.id", ondelete="CASCADE"), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class FactRow(BureauBase):
    """The figures of one packet that the summaries add up (one row per packet)."""

    __tablename__ = "fact"
    packet_id: Mapped[int] = mapped_column(ForeignKey("packet.id", ondelete="CASCADE"), primary_key=True)
    people: Mapped[int | None] = mapped_column(Integer, nullable=True)
    area_m2: Mapped[Decimal | None] = mapped_column(EXACT, nullable=True)
    comprehensive_energy_tce: Mapped[Decimal | None] = mapped_column(EXACT, nullable=True)
    building_energy_tce: Mapped[Decimal | None] = mapped_column(EXACT, nullable=True)
    co2_t: Mapped[Decimal | None] = mapped_column(EXACT, nullable=True)
    water_m3: Mapped[Decimal | None] = mapped_column(EXACT, nullable=True)
    cost_yuan: Mapped[Decimal | None] = mapped_column(EXACT, nullable=True)
    open_warnings: Mapped[int] = mapped_column(Integer, default=0)
    explained_warnings: Mapped[int] = mapped_column(Integer, default=0)


class CarrierFactRow(BureauBase):
    """One energy or water carrier's total in one packet."""

    __tablename__ = "carrier_fact"
    packet_id: Mapped[int] = mapped_column(ForeignKey("packet.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    label: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str] = mapped_column(String(10))
    quantity: Mapped[Decimal | None] = mapped_column(EXACT, nullable=True)
    cost_yuan: Mapped[Decimal | None] = mapped_column(EXACT, nullable=True)
    tce: Mapped[Decimal | None] = mapped_column(EXACT, nullable=True)
    part_of: Mapped[str | None] = mapped_column(String(20), nullable=True)  # 光伏 is part of 电


class RejectionRow(BureauBase):
    """A packet file refused, with the first problem's code; the same bytes are recorded once."""

    __tablename__ = "rejection"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(255))
    uscc: Mapped[str | None] = mapped_column(String(18), nullable=True)
    period: Mapped[str | None] = mapped_column(String(12), nullable=True)
    revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    code: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    problems_json: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime)


class ForwardRow(BureauBase):
    """A bundle this bureau forwarded to the next tier (what went, and when)."""

    __tablename__ = "forward"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(12))
    out_dir: Mapped[str] = mapped_column(Text)
    packets: Mapped[int] = mapped_column(Integer)
    made_at: Mapped[datetime] = mapped_column(DateTime)
