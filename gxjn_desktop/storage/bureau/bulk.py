"""Reading and writing a batch of packets at once (the merge's hot path).

A merge decides in memory, packet by packet, from what :func:`batch_state` read for the whole
batch, and hands the rows to :func:`write_batch`: a handful of statements per batch instead of a
dozen per packet. SQLAlchemy Core ``executemany`` everywhere (with ``INSERT … RETURNING`` batched
by "insertmanyvalues" for the packets' ids); on PostgreSQL the per-packet rows (files, facts,
carriers) go in with ``COPY``. The caller's transaction makes the batch all or nothing.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    Integer,
    LargeBinary,
    Numeric,
    Table,
    bindparam,
    delete,
    insert,
    select,
    text,
    update,
)
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
WRITERS_LOCK = 0x67786A6E_0001  # PostgreSQL advisory lock of the store's writers ("gxjn", 1)


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
    data_json: str | bytes  # bytes: already deflated for SQLite (tables.DeflatedText)
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


def lock_writers(session: Session) -> None:
    """Wait until no other transaction that decides from what it reads is writing, and hold the
    store's writer lock until this transaction ends (PostgreSQL; SQLite's ``BEGIN IMMEDIATE``
    already lets one writer in at a time). Two merges at once would otherwise both find a unit (or
    a unit's counted packet for a period) missing and both add it: row locks cannot lock rows that
    do not exist yet. One merge's batch holds it for the fraction of a second its writing takes;
    verifying, the long part, still runs in parallel."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITERS_LOCK})


def batch_state(session: Session, shas: Sequence[str], usccs: Sequence[str]) -> BatchState:
    """Read what the batch's decisions need, holding the writer lock (:func:`lock_writers`), so
    what is read stays true until the batch commits."""
    lock_writers(session)
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


_PACKET_COLS = (
    "sha256", "file_name", "uscc", "year", "period", "revision", "status", "key_fingerprint", "received_at",
    "forwarded_by", "data_json",
)  # fmt: skip
_FACT_COLS = (
    "packet_id", "people", "area_m2", "comprehensive_energy_tce", "building_energy_tce", "co2_t",
    "water_m3", "cost_yuan", "open_warnings", "explained_warnings",
)  # fmt: skip
_CARRIER_COLS = ("packet_id", "code", "label", "unit", "quantity", "cost_yuan", "tce", "part_of")


def _packet_row(p: NewPacket, *, deflated: bool = False) -> tuple[Any, ...]:
    """``deflated``: the store keeps data.json deflated (SQLite), so what a verifying worker
    deflated goes in as it is; otherwise it is the text."""
    f, data = p.facts, p.data_json
    if isinstance(data, bytes) and not deflated:
        data = zlib.decompress(data).decode("utf-8")
    return (
        p.sha256, p.file_name, f.uscc, f.year, f.period, f.revision, p.status, p.key_fingerprint, p.received_at,
        p.forwarded_by, data,
    )  # fmt: skip


def _fact_row(pid: int, f: PacketFacts) -> tuple[Any, ...]:
    return (
        pid, f.people, f.area_m2, f.comprehensive_energy_tce, f.building_energy_tce, f.co2_t, f.water_m3,
        f.cost_yuan, f.open_warnings, f.explained_warnings,
    )  # fmt: skip


def _insert_packets(session: Session, packets: list[NewPacket]) -> None:
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        # Ids drawn from the packet's own sequence in one query, so every table goes in by COPY.
        ids = list(
            conn.scalars(
                text("SELECT nextval(pg_get_serial_sequence('packet', 'id')) FROM generate_series(1, :n)"),
                {"n": len(packets)},
            )
        )
        _copy(
            session,
            PACKETS,
            ("id", *_PACKET_COLS),
            [(pid, *_packet_row(p)) for pid, p in zip(ids, packets, strict=True)],
        )
    else:
        rows = [dict(zip(_PACKET_COLS, _packet_row(p, deflated=True), strict=True)) for p in packets]
        result = conn.execute(insert(PACKETS).returning(PACKETS.c.id, sort_by_parameter_order=True), rows)
        ids = [row[0] for row in result]
    files = [(pid, p.content) for pid, p in zip(ids, packets, strict=True) if p.content is not None]
    facts = [_fact_row(pid, p.facts) for pid, p in zip(ids, packets, strict=True)]
    carriers = [
        (pid, c.code, c.label, c.unit, c.quantity, c.cost_yuan, c.tce, c.part_of)
        for pid, p in zip(ids, packets, strict=True)
        for c in p.facts.carriers
    ]
    tables = ((FILES, ("packet_id", "content"), files), (FACTS, _FACT_COLS, facts), (CARRIERS, _CARRIER_COLS, carriers))
    for table, cols, values in tables:
        if not values:
            continue
        if conn.dialect.name == "postgresql":
            _copy(session, table, cols, values)
        else:
            conn.execute(insert(table), [dict(zip(cols, v, strict=True)) for v in values])


def _copy_type(column: Any) -> str:
    """The PostgreSQL type psycopg sends a column's values as, in COPY's binary format."""
    kind = column.type
    for sa_type, pg in ((Integer, "int4"), (Numeric, "numeric"), (DateTime, "timestamp"), (LargeBinary, "bytea")):
        if isinstance(kind, sa_type):
            return pg
    return "text"  # String and Text: the same bytes on the wire for varchar and text


def _copy(session: Session, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """PostgreSQL's COPY … FROM STDIN in binary format (no hex for the files, no decimal text to
    parse) through psycopg 3, on the session's own connection."""
    if not rows:
        return
    raw: Any = session.connection().connection.driver_connection
    sql = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
    with raw.cursor() as cur, cur.copy(sql) as copy:
        copy.set_types([_copy_type(table.c[name]) for name in columns])
        for row in rows:
            copy.write_row(row)
