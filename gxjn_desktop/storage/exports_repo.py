"""Rows of the exported packets and the signing key ⇄ domain values (revision 0004)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gxjn_desktop.domain.exports import ExportRecord, SigningKey
from gxjn_desktop.storage.tables import PacketExportRow, SigningKeyRow

_FIELDS = (
    "year", "period_code", "revision", "exported_at", "file_name", "key_fingerprint", "packet_fingerprint",
    "data_sha256", "data_json", "reason", "reopened_at", "reopen_reason", "reopened_by",
)  # fmt: skip


def load_exports(s: Session, years: Iterable[int] | None = None) -> list[ExportRecord]:
    """Every exported packet, or those of ``years`` (what can lock a month of those years)."""
    query = select(PacketExportRow).order_by(PacketExportRow.year, PacketExportRow.period_code,
                                             PacketExportRow.revision)  # fmt: skip
    if years is not None:
        query = query.where(PacketExportRow.year.in_(sorted(set(years))))
    return [ExportRecord(**{f: getattr(r, f) for f in _FIELDS}) for r in s.scalars(query)]


def add_export(s: Session, e: ExportRecord) -> None:
    s.add(PacketExportRow(**{f: getattr(e, f) for f in _FIELDS}))


def reopen_export(s: Session, year: int, period_code: str, revision: int, when: str, reason: str, by: str) -> None:
    row = s.scalars(
        select(PacketExportRow).where(
            PacketExportRow.year == year,
            PacketExportRow.period_code == period_code,
            PacketExportRow.revision == revision,
        )
    ).one()
    row.reopened_at, row.reopen_reason, row.reopened_by = when, reason, by


def clear_exports(s: Session) -> None:
    s.execute(delete(PacketExportRow))


def load_signing_key(s: Session) -> SigningKey | None:
    row = s.scalars(select(SigningKeyRow).order_by(SigningKeyRow.id)).first()
    if row is None:
        return None
    return SigningKey(bytes.fromhex(row.key_id), bytes.fromhex(row.public_key), bytes.fromhex(row.secret_key),
                      row.created_at)  # fmt: skip


def save_signing_key(s: Session, key: SigningKey) -> None:
    s.add(SigningKeyRow(key_id=key.key_id.hex(), public_key=key.public_key.hex(), secret_key=key.secret_key.hex(),
                        created_at=key.created_at))  # fmt: skip


def peek_unit_key(path: Path) -> tuple[str, bytes] | None:
    """(the unit's USCC, its public key) read without opening the store: no backup, no migration,
    no write (``verify`` must change nothing). ``None`` when the file has no unit or no key yet."""
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        unit = con.execute("SELECT uscc FROM unit LIMIT 1").fetchone()
        key = con.execute("SELECT public_key FROM signing_key ORDER BY id LIMIT 1").fetchone()
    except sqlite3.Error:  # an older schema, a damaged or foreign file: nothing to compare with
        return None
    finally:
        con.close()
    if not unit or not key:
        return None
    try:
        return str(unit[0]), bytes.fromhex(str(key[0]))
    except ValueError:
        return None
