"""Reading and writing a batch of packets at once (the merge's hot path).

A merge decides in memory, packet by packet, from what :func:`batch_state` read for the whole
batch, and hands the rows to :func:`write_batch`: a handful of statements per batch instead of a
dozen per packet. SQLAlchemy Core ``executemany`` everywhere (with ``INSERT … RETURNING`` batched
by "insertmanyvalues" for the packets' ids); on PostgreSQL the per-packet rows (files, facts,
carriers) go in with ``COPY``. The caller's transaction makes the batch all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from gxjn_desktop.domain.bureau import PacketFacts
from gxjn_desktop.storage.bureau.tables import (
    ACCEPTED,
    KEY_REGISTERED,
    BureauUnitRow,
    CarrierFactRow,
    FactRow,
    PacketFileRow,
    PacketRow,
    RejectionRow,
    UnitKeyRow,
)

PACKETS: Table = PacketRow.__table__  # type: ignore[assignment]
FILES: Table = PacketFileRow.__table__  # type: ignore[assignment]
FACTS: Table = FactRow.__table__  # type: ignore[assignment]
CARRIERS: Table = CarrierFactRow.__table__  # type: ignore[assignment]
UNITS: Table = BureauUnitRow.__table__  # type: ignore[assignment]
KEYS: Table = UnitKeyRow.__table__  # type: ignore[assignment]
REJECTIONS: Table = RejectionRow.__table__  # type: ignore[assignment]

_CHUNK = 500  # values in one IN (…): far below SQLite's and PostgreSQL's limits


@dataclass(frozen=True)
class CurrentPacket:
    id: int
    revision: int


@dataclass
class BatchState:
    """What the store holds about the packets of one batch, read in a few queries."""

    packet_status: dict[str, str]  # sha256 -> status, for files merged before
    registered_keys: dict[str, tuple[str, str]]  # uscc -> (public key hex, fingerprint)
    known_keys: set[tuple[str, str]]  # (uscc, public key hex) of every key row, any status
    current: dict[tuple[str, str], CurrentPacket]  # (uscc, period) -> the counted packet
    units: set[str]
    rejected: set[str]  # sha256 of files refused before


@dataclass
class NewPacket:
    facts: PacketFacts
    sha256: str
    file_name: str
    status: str
    key_fingerprint: str
    data_json: str
    received_at: datetime
    forwarded_by: str | None
    content: bytes | None


@dataclass
class BatchWrites:
    """Every row one batch adds or changes."""

    new_units: dict[str, dict[str, Any]] = field(default_factory=dict)
    unit_updates: dict[str, dict[str, Any]] = field(default_factory=dict)
    new_keys: list[dict[str, Any]] = field(default_factory=list)
    status_changes: dict[int, str] = field(default_factory=dict)  # stored packet id -> status
    packets: list[NewPacket] = field(default_factory=list)
    rejections: dict[str, dict[str, Any]] = field(default_factory=dict)  # by sha256
    forget_rejections: set[str] = field(default_factory=set)


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(set(values))
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def batch_state(session: Session, shas: Sequence[str], usccs: Sequence[str]) -> BatchState:
    """Read what the batch's decisions need; rows that will change are locked on PostgreSQL."""
    state = BatchState({}, {}, set(), {}, set(), set())
    for part in _chunks(s for s in shas if s):
        rows = session.execute(select(PACKETS.c.sha256, PACKETS.c.status).where(PACKETS.c.sha256.in_(part)))
        state.packet_status.update((sha, status) for sha, status in rows)
        state.rejected.update(session.scalars(select(REJECTIONS.c.sha256).where(REJECTIONS.c.sha256.in_(part))))
    for part in _chunks(usccs):
        keys = select(KEYS.c.uscc, KEYS.c.public_key, KEYS.c.fingerprint, KEYS.c.status).where(KEYS.c.uscc.in_(part))
        for uscc, key, fingerprint, status in session.execute(keys.with_for_update()):
            state.known_keys.add((uscc, key))
            if status == KEY_REGISTERED:
                state.registered_keys[uscc] = (key, fingerprint)
        current = select(PACKETS.c.id, PACKETS.c.uscc, PACKETS.c.period, PACKETS.c.revision).where(
            PACKETS.c.uscc.in_(part), PACKETS.c.status == ACCEPTED
        )
        for pid, uscc, period, revision in session.execute(current.with_for_update()):
            state.current[(uscc, period)] = CurrentPacket(pid, revision)
        state.units.update(session.scalars(select(UNITS.c.uscc).where(UNITS.c.uscc.in_(part))))
    return state


def write_batch(session: Session, w: BatchWrites) -> None:
    """Write one batch's rows (inside the caller's transaction)."""
    conn = session.connection()
    if w.new_units:
        conn.execute(insert(UNITS), list(w.new_units.values()))
    if w.unit_updates:
        conn.execute(
            update(UNITS)
            .where(UNITS.c.uscc == bindparam("u_uscc"))
            .values(
                name=bindparam("u_name"),
                admin_code=bindparam("u_admin_code"),
                institution_type=bindparam("u_institution_type"),
            ),
            [{f"u_{k}": v for k, v in row.items()} | {"u_uscc": uscc} for uscc, row in w.unit_updates.items()],
        )
    if w.new_keys:
        conn.execute(insert(KEYS), w.new_keys)
    if w.status_changes:
        conn.execute(
            update(PACKETS).where(PACKETS.c.id == bindparam("p_id")).values(status=bindparam("p_status")),
            [{"p_id": pid, "p_status": status} for pid, status in w.status_changes.items()],
        )
    if w.packets:
        _insert_packets(session, w.packets)
    for sha in w.forget_rejections:
        w.rejections.pop(sha, None)
    for part in _chunks(w.forget_rejections):
        conn.execute(delete(REJECTIONS).where(REJECTIONS.c.sha256.in_(part)))
    if w.rejections:
        conn.execute(insert(REJECTIONS), list(w.rejections.values()))


def _insert_packets(session: Session, packets: list[NewPacket]) -> None:
    conn = session.connection()
    rows = [
        {
            "sha256": p.sha256,
            "file_name": p.file_name,
            "uscc": p.facts.uscc,
            "year": p.facts.year,
            "period": p.facts.period,
            "revision": p.facts.revision,
            "status": p.status,
            "key_fingerprint": p.key_fingerprint,
            "received_at": p.received_at,
            "forwarded_by": p.forwarded_by,
            "data_json": p.data_json,
        }
        for p in packets
    ]
    result = conn.execute(insert(PACKETS).returning(PACKETS.c.id, sort_by_parameter_order=True), rows)
    ids = [row[0] for row in result]
    files = [(pid, p.content) for pid, p in zip(ids, packets, strict=True) if p.content is not None]
    facts = [
        (
            pid,
            f.people,
            f.area_m2,
            f.comprehensive_energy_tce,
            f.building_energy_tce,
            f.co2_t,
            f.water_m3,
            f.cost_yuan,
            f.open_warnings,
            f.explained_warnings,
        )
        for pid, f in zip(ids, (p.facts for p in packets), strict=True)
    ]
    carriers = [
        (pid, c.code, c.label, c.unit, c.quantity, c.cost_yuan, c.tce, c.part_of)
        for pid, p in zip(ids, packets, strict=True)
        for c in p.facts.carriers
    ]
    fact_cols = (
        "packet_id", "people", "area_m2", "comprehensive_energy_tce", "building_energy_tce", "co2_t",
        "water_m3", "cost_yuan", "open_warnings", "explained_warnings",
    )  # fmt: skip
    carrier_cols = ("packet_id", "code", "label", "unit", "quantity", "cost_yuan", "tce", "part_of")
    if conn.dialect.name == "postgresql":
        _copy(session, FILES, ("packet_id", "content"), files)
        _copy(session, FACTS, fact_cols, facts)
        _copy(session, CARRIERS, carrier_cols, carriers)
        return
    for table, cols, values in ((FILES, ("packet_id", "content"), files), (FACTS, fact_cols, facts)):
        if values:
            conn.execute(insert(table), [dict(zip(cols, v, strict=True)) for v in values])
    if carriers:
        conn.execute(insert(CARRIERS), [dict(zip(carrier_cols, v, strict=True)) for v in carriers])


def _copy(session: Session, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """PostgreSQL's COPY … FROM STDIN through psycopg 3, on the session's own connection."""
    if not rows:
        return
    raw: Any = session.connection().connection.driver_connection
    with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
