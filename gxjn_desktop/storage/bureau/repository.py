"""Reading and writing the bureau's rows, one transaction at a time (services decide, this stores).

SQL does the filtering (the current packet of each unit for a period) and hands exact decimals to
the caller; sums are made with :class:`decimal.Decimal` by the services, because SQLite would add
the decimal text as binary floats.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from gxjn_desktop.domain.bureau import PacketFacts
from gxjn_desktop.storage.bureau import bulk
from gxjn_desktop.storage.bureau.bulk import BatchState, BatchWrites
from gxjn_desktop.storage.bureau.database import BureauStore
from gxjn_desktop.storage.bureau.tables import (
    ACCEPTED,
    KEY_PENDING,
    KEY_REGISTERED,
    KEY_RETIRED,
    BureauUnitRow,
    CarrierFactRow,
    FactRow,
    ForwarderKeyRow,
    ForwardRow,
    PacketFileRow,
    PacketRow,
    RejectionRow,
    UnitKeyRow,
)


@dataclass(frozen=True)
class StoredPacket:
    id: int
    sha256: str
    file_name: str
    uscc: str
    year: int
    period: str
    revision: int
    status: str
    key_fingerprint: str
    forwarded_by: str | None


@dataclass(frozen=True)
class StoredKey:
    uscc: str
    public_key: str
    fingerprint: str
    status: str
    first_seen: datetime
    accepted_at: datetime | None


def _packet(row: PacketRow) -> StoredPacket:
    return StoredPacket(
        row.id,
        row.sha256,
        row.file_name,
        row.uscc,
        row.year,
        row.period,
        row.revision,
        row.status,
        row.key_fingerprint,
        row.forwarded_by,
    )


@dataclass(frozen=True)
class StoredForwarderKey:
    name: str  # the forwarding bureau's name as its index gives it
    public_key: str
    fingerprint: str
    status: str
    first_seen: datetime
    accepted_at: datetime | None


def _forwarder_key(row: ForwarderKeyRow) -> StoredForwarderKey:
    return StoredForwarderKey(row.name, row.public_key, row.fingerprint, row.status, row.first_seen, row.accepted_at)


def _key(row: UnitKeyRow) -> StoredKey:
    return StoredKey(row.uscc, row.public_key, row.fingerprint, row.status, row.first_seen, row.accepted_at)


# The columns of one unit's current figures, as the summaries read them.
FACT_COLUMNS = (
    "uscc",
    "name",
    "admin_code",
    "institution_type",
    "revision",
    "people",
    "area_m2",
    "comprehensive_energy_tce",
    "building_energy_tce",
    "co2_t",
    "water_m3",
    "cost_yuan",
    "open_warnings",
    "explained_warnings",
)


class BureauRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    # -- a batch of packets (the merge) ----------------------------------------------------
    def batch_state(self, shas: Sequence[str], usccs: Sequence[str]) -> BatchState:
        return bulk.batch_state(self.s, shas, usccs)

    def write_batch(self, writes: BatchWrites) -> None:
        bulk.write_batch(self.s, writes)

    def lock_writers(self) -> None:
        """Hold the store's writer lock for this transaction (see :func:`bulk.lock_writers`)."""
        bulk.lock_writers(self.s)

    # -- packets ---------------------------------------------------------------------------
    def packet_by_sha(self, sha256: str) -> StoredPacket | None:
        row = self.s.scalar(select(PacketRow).where(PacketRow.sha256 == sha256))
        return None if row is None else _packet(row)

    def packets_for(self, uscc: str, period: str) -> list[StoredPacket]:
        rows = self.s.scalars(
            select(PacketRow).where(PacketRow.uscc == uscc, PacketRow.period == period).order_by(PacketRow.id)
        )
        return [_packet(r) for r in rows]

    def current_packet(self, uscc: str, period: str, *, lock: bool = False) -> StoredPacket | None:
        q = select(PacketRow).where(PacketRow.uscc == uscc, PacketRow.period == period, PacketRow.status == ACCEPTED)
        if lock:
            q = q.with_for_update()
        row = self.s.scalar(q)
        return None if row is None else _packet(row)

    def set_status(self, packet_id: int, status: str) -> None:
        row = self.s.get(PacketRow, packet_id)
        assert row is not None
        row.status = status

    def add_packet(
        self,
        facts: PacketFacts,
        *,
        sha256: str,
        file_name: str,
        status: str,
        key_fingerprint: str,
        data_json: str,
        received_at: datetime,
        forwarded_by: str | None,
        content: bytes | None = None,
    ) -> int:
        row = PacketRow(
            sha256=sha256,
            file_name=file_name,
            uscc=facts.uscc,
            year=facts.year,
            period=facts.period,
            revision=facts.revision,
            status=status,
            key_fingerprint=key_fingerprint,
            received_at=received_at,
            forwarded_by=forwarded_by,
            data_json=data_json,
        )
        self.s.add(row)
        self.s.flush()
        if content is not None:
            self.s.add(PacketFileRow(packet_id=row.id, content=content))
        self.s.add(
            FactRow(
                packet_id=row.id,
                people=facts.people,
                area_m2=facts.area_m2,
                comprehensive_energy_tce=facts.comprehensive_energy_tce,
                building_energy_tce=facts.building_energy_tce,
                co2_t=facts.co2_t,
                water_m3=facts.water_m3,
                cost_yuan=facts.cost_yuan,
                open_warnings=facts.open_warnings,
                explained_warnings=facts.explained_warnings,
            )
        )
        self.s.add_all(
            CarrierFactRow(
                packet_id=row.id,
                code=c.code,
                label=c.label,
                unit=c.unit,
                quantity=c.quantity,
                cost_yuan=c.cost_yuan,
                tce=c.tce,
                part_of=c.part_of,
            )
            for c in facts.carriers
        )
        return row.id

    def packet_content(self, packet_id: int) -> bytes | None:
        row = self.s.get(PacketFileRow, packet_id)
        return None if row is None else row.content

    def upsert_unit(self, facts: PacketFacts, now: datetime) -> bool:
        """Record the unit as its packet describes it; ``True`` when the unit is new."""
        row = self.s.get(BureauUnitRow, facts.uscc)
        if row is None:
            self.s.add(
                BureauUnitRow(
                    uscc=facts.uscc,
                    name=facts.name,
                    admin_code=facts.admin_code,
                    institution_type=facts.institution_type,
                    first_seen=now,
                )
            )
            return True
        row.name, row.admin_code, row.institution_type = facts.name, facts.admin_code, facts.institution_type
        return False

    # -- keys ------------------------------------------------------------------------------
    def keys_of(self, uscc: str) -> list[StoredKey]:
        rows = self.s.scalars(select(UnitKeyRow).where(UnitKeyRow.uscc == uscc).order_by(UnitKeyRow.id))
        return [_key(r) for r in rows]

    def registered_key(self, uscc: str) -> StoredKey | None:
        row = self.s.scalar(
            select(UnitKeyRow).where(UnitKeyRow.uscc == uscc, UnitKeyRow.status == KEY_REGISTERED).with_for_update()
        )
        return None if row is None else _key(row)

    def register_key(self, uscc: str, public_key: str, fingerprint: str, now: datetime) -> None:
        self.s.add(
            UnitKeyRow(
                uscc=uscc,
                public_key=public_key,
                fingerprint=fingerprint,
                status=KEY_REGISTERED,
                first_seen=now,
                accepted_at=now,
            )
        )

    def note_pending_key(self, uscc: str, public_key: str, fingerprint: str, now: datetime) -> None:
        row = self.s.scalar(select(UnitKeyRow).where(UnitKeyRow.uscc == uscc, UnitKeyRow.public_key == public_key))
        if row is None:
            self.s.add(
                UnitKeyRow(
                    uscc=uscc, public_key=public_key, fingerprint=fingerprint, status=KEY_PENDING, first_seen=now
                )
            )

    def accept_key(self, uscc: str, fingerprint: str, now: datetime) -> StoredKey | None:
        """Make the unit's key with this fingerprint the registered one; the old one is retired."""
        self.lock_writers()  # a merge's batch decides from the registered key: not while it changes
        row = self.s.scalar(select(UnitKeyRow).where(UnitKeyRow.uscc == uscc, UnitKeyRow.fingerprint == fingerprint))
        if row is None:
            return None
        for other in self.s.scalars(
            select(UnitKeyRow).where(UnitKeyRow.uscc == uscc, UnitKeyRow.status == KEY_REGISTERED)
        ):
            other.status = KEY_RETIRED
        row.status, row.accepted_at = KEY_REGISTERED, now
        self.s.flush()
        return _key(row)

    def all_keys(self) -> list[StoredKey]:
        return [_key(r) for r in self.s.scalars(select(UnitKeyRow).order_by(UnitKeyRow.uscc, UnitKeyRow.id))]

    # -- keys of forwarding bureaus: a bureau is its key; the name is a label ------------------
    def forwarder_key(self, public_key: str) -> StoredForwarderKey | None:
        q = select(ForwarderKeyRow).where(ForwarderKeyRow.public_key == public_key)
        row = self.s.scalar(q.with_for_update())
        return None if row is None else _forwarder_key(row)

    def registered_forwarder_keys_named(self, name: str) -> list[StoredForwarderKey]:
        """The registered keys whose bureau gave this name (another bureau, or the same with a new key)."""
        q = select(ForwarderKeyRow).where(ForwarderKeyRow.name == name, ForwarderKeyRow.status == KEY_REGISTERED)
        return [_forwarder_key(r) for r in self.s.scalars(q.order_by(ForwarderKeyRow.id))]

    def add_forwarder_key(self, name: str, public_key: str, fingerprint: str, status: str, now: datetime) -> None:
        """A key seen for the first time (registered, or pending after KEY-CHANGED); once per key."""
        if self.s.scalar(select(ForwarderKeyRow.id).where(ForwarderKeyRow.public_key == public_key)) is None:
            accepted = now if status == KEY_REGISTERED else None
            self.s.add(
                ForwarderKeyRow(
                    name=name,
                    public_key=public_key,
                    fingerprint=fingerprint,
                    status=status,
                    first_seen=now,
                    accepted_at=accepted,
                )
            )
            self.s.flush()

    def accept_forwarder_key(
        self, fingerprint: str, now: datetime, *, retire: str | None = None
    ) -> StoredForwarderKey | None:
        """Register the key with this fingerprint; ``retire``: the fingerprint of a key it replaces
        (the same bureau's old key). Other keys, of other bureaus of the same name, stay as they are."""
        self.lock_writers()  # a merge decides from the registered keys: not while they change
        row = self.s.scalar(select(ForwarderKeyRow).where(ForwarderKeyRow.fingerprint == fingerprint))
        if row is None:
            return None
        if retire is not None:
            for old in self.s.scalars(select(ForwarderKeyRow).where(ForwarderKeyRow.fingerprint == retire)):
                old.status = KEY_RETIRED
        row.status, row.accepted_at = KEY_REGISTERED, now
        self.s.flush()
        return _forwarder_key(row)

    def forwarder_key_by_fingerprint(self, fingerprint: str) -> StoredForwarderKey | None:
        row = self.s.scalar(select(ForwarderKeyRow).where(ForwarderKeyRow.fingerprint == fingerprint))
        return None if row is None else _forwarder_key(row)

    def all_forwarder_keys(self) -> list[StoredForwarderKey]:
        q = select(ForwarderKeyRow).order_by(ForwarderKeyRow.name, ForwarderKeyRow.id)
        return [_forwarder_key(r) for r in self.s.scalars(q)]

    # -- rejections ------------------------------------------------------------------------
    def record_rejection(
        self,
        *,
        sha256: str,
        file_name: str,
        uscc: str | None,
        period: str | None,
        revision: int | None,
        problems: list[dict[str, Any]],
        now: datetime,
    ) -> bool:
        """Record a refusal once per file content; ``False`` when these bytes were refused before."""
        if self.s.scalar(select(RejectionRow.id).where(RejectionRow.sha256 == sha256)) is not None:
            return False
        first = problems[0] if problems else {"code": "UNKNOWN", "message": ""}
        self.s.add(
            RejectionRow(
                sha256=sha256,
                file_name=file_name,
                uscc=uscc,
                period=period,
                revision=revision,
                code=str(first.get("code")),
                message=str(first.get("message")),
                problems_json=json.dumps(problems, ensure_ascii=False),
                received_at=now,
            )
        )
        return True

    def forget_rejection(self, sha256: str) -> None:
        self.s.execute(delete(RejectionRow).where(RejectionRow.sha256 == sha256))

    def rejections(self) -> list[dict[str, Any]]:
        rows = self.s.scalars(select(RejectionRow).order_by(RejectionRow.id))
        return [
            {"file": r.file_name, "code": r.code, "message": r.message, "uscc": r.uscc, "period": r.period}
            for r in rows
        ]

    # -- reading for summaries -------------------------------------------------------------
    def current_facts(self, period: str) -> list[dict[str, Any]]:
        """One row per unit: the figures of its accepted packet for ``period`` (SQL filters)."""
        q = (
            select(
                PacketRow.uscc,
                BureauUnitRow.name,
                BureauUnitRow.admin_code,
                BureauUnitRow.institution_type,
                PacketRow.revision,
                FactRow.people,
                FactRow.area_m2,
                FactRow.comprehensive_energy_tce,
                FactRow.building_energy_tce,
                FactRow.co2_t,
                FactRow.water_m3,
                FactRow.cost_yuan,
                FactRow.open_warnings,
                FactRow.explained_warnings,
            )
            .join(FactRow, FactRow.packet_id == PacketRow.id)
            .join(BureauUnitRow, BureauUnitRow.uscc == PacketRow.uscc)
            .where(PacketRow.period == period, PacketRow.status == ACCEPTED)
            .order_by(BureauUnitRow.admin_code, PacketRow.uscc)
        )
        return [dict(zip(FACT_COLUMNS, r, strict=True)) for r in self.s.execute(q)]

    def current_carriers(self, period: str) -> list[dict[str, Any]]:
        q = (
            select(
                PacketRow.uscc,
                CarrierFactRow.code,
                CarrierFactRow.label,
                CarrierFactRow.unit,
                CarrierFactRow.quantity,
                CarrierFactRow.cost_yuan,
                CarrierFactRow.tce,
                CarrierFactRow.part_of,
            )
            .join(CarrierFactRow, CarrierFactRow.packet_id == PacketRow.id)
            .where(PacketRow.period == period, PacketRow.status == ACCEPTED)
        )
        cols = ("uscc", "code", "label", "unit", "quantity", "cost_yuan", "tce", "part_of")
        return [dict(zip(cols, r, strict=True)) for r in self.s.execute(q)]

    def sql_totals(self, period: str) -> dict[str, Decimal | int | None]:
        """The region's sums done by the database itself (exact only where it has NUMERIC)."""
        q = (
            select(
                func.count(PacketRow.id),
                func.sum(FactRow.people),
                func.sum(FactRow.comprehensive_energy_tce),
                func.sum(FactRow.co2_t),
            )
            .join(FactRow, FactRow.packet_id == PacketRow.id)
            .where(PacketRow.period == period, PacketRow.status == ACCEPTED)
        )
        n, people, tce, co2 = self.s.execute(q).one()
        return {"units": n, "people": people, "comprehensive_energy_tce": tce, "co2_t": co2}

    def region_rollup(self, period: str, pairs: Sequence[tuple[str, str, str]]) -> list[dict[str, Any]] | None:
        """The 行政区域 subtotals (region, city, county and the total) done by PostgreSQL itself with
        ``GROUPING SETS`` over NUMERIC, exact; ``None`` on SQLite, which has no GROUPING SETS (and
        would add decimal text as floats): the services group those rows with pandas instead.

        Per group: ``units`` and, for every figure column, ``(sum, count)``; for every indicator
        ``(key, numerator, denominator)`` in ``pairs`` the sums and counts of both parts over the
        units that report both with a positive denominator."""
        if self.s.get_bind().dialect.name != "postgresql":
            return None
        figures = FACT_COLUMNS[5:12]  # people … cost_yuan
        cols = [f"sum({f}) AS {f}__sum, count({f}) AS {f}__n" for f in figures]
        for key, num, den in pairs:
            both = f"{num} IS NOT NULL AND {den} IS NOT NULL AND {den} > 0"
            for part, col in (("num", num), ("den", den)):
                cols.append(
                    f"sum(CASE WHEN {both} THEN {col} END) AS {key}__{part}__sum, "
                    f"count(CASE WHEN {both} THEN 1 END) AS {key}__{part}__n"
                )
        sql = f"""
            WITH u AS (
                SELECT substr(b.admin_code, 1, 2) || '0000' AS region,
                       CASE WHEN b.admin_code LIKE '__0000' THEN b.admin_code
                            ELSE substr(b.admin_code, 1, 4) || '00' END AS city,
                       b.admin_code AS county, f.*
                FROM packet p
                JOIN fact f ON f.packet_id = p.id
                JOIN bureau_unit b ON b.uscc = p.uscc
                WHERE p.period = :period AND p.status = :accepted
            )
            SELECT GROUPING(region) AS g_region, GROUPING(city) AS g_city, GROUPING(county) AS g_county,
                   region, city, county, count(*) AS units, {", ".join(cols)}
            FROM u
            GROUP BY GROUPING SETS ((region), (city), (county), ())
        """  # only this function's own column names are formatted in; values are bound
        out = []
        for row in self.s.execute(text(sql), {"period": period, "accepted": ACCEPTED}).mappings():
            if row["g_region"] == 0:
                level, key = "region", row["region"]
            elif row["g_city"] == 0:
                level, key = "city", row["city"]
            elif row["g_county"] == 0:
                level, key = "county", row["county"]
            else:
                level, key = "total", "*"
            out.append({"level": level, "key": key, **{k: v for k, v in row.items() if "__" in k or k == "units"}})
        return out

    def accepted_data(self, period: str) -> Iterator[str]:
        q = (
            select(PacketRow.data_json)
            .where(PacketRow.period == period, PacketRow.status == ACCEPTED)
            .order_by(PacketRow.uscc)
        )
        yield from self.s.scalars(q)

    def accepted_data_of(self, uscc: str, period: str) -> str | None:
        return self.s.scalar(
            select(PacketRow.data_json).where(
                PacketRow.uscc == uscc, PacketRow.period == period, PacketRow.status == ACCEPTED
            )
        )

    def accepted_files(self, period: str) -> list[StoredPacket]:
        q = select(PacketRow).where(PacketRow.period == period, PacketRow.status == ACCEPTED).order_by(PacketRow.uscc)
        return [_packet(r) for r in self.s.scalars(q)]

    def packet_listing(self) -> list[StoredPacket]:
        return [
            _packet(r)
            for r in self.s.scalars(
                select(PacketRow).order_by(PacketRow.uscc, PacketRow.period, PacketRow.revision, PacketRow.id)
            )
        ]

    def units(self) -> list[dict[str, str]]:
        rows = self.s.scalars(select(BureauUnitRow).order_by(BureauUnitRow.admin_code, BureauUnitRow.uscc))
        return [
            {"uscc": r.uscc, "name": r.name, "admin_code": r.admin_code, "institution_type": r.institution_type}
            for r in rows
        ]

    def periods(self) -> list[str]:
        return list(self.s.scalars(select(PacketRow.period).where(PacketRow.status == ACCEPTED).distinct()))

    def record_forward(self, period: str, out_dir: str, packets: int, now: datetime) -> None:
        self.s.add(ForwardRow(period=period, out_dir=out_dir, packets=packets, made_at=now))


@contextmanager
def transaction(store: BureauStore) -> Iterator[BureauRepo]:
    """One transaction on the bureau store, as a repository."""
    with store.session() as s:
        yield BureauRepo(s)
