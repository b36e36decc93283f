"""报送: the packets a unit exported, which months that locks (已上报), and the signing key."""

from __future__ import annotations

from dataclasses import dataclass

from gxjn_desktop.domain.periods import Period


@dataclass(frozen=True)
class ExportRecord:
    """One exported packet. ``reopened_at`` is set when the unit changes the period after export:
    the months are open again and the next export is revision + 1 with ``reopen_reason``."""

    year: int
    period_code: str
    revision: int
    exported_at: str  # ISO 8601 with offset, as in data.json
    file_name: str
    key_fingerprint: str
    packet_fingerprint: str
    data_sha256: str
    data_json: str
    reason: str | None = None
    reopened_at: str | None = None
    reopen_reason: str | None = None
    reopened_by: str | None = None

    @property
    def period(self) -> Period:
        return Period.parse(self.year, self.period_code)

    @property
    def locks(self) -> bool:
        return self.reopened_at is None


@dataclass(frozen=True)
class SigningKey:
    """The installation's Ed25519 key pair: made on first export, kept in the data folder's database."""

    key_id: bytes  # 8 bytes, minisign's key id (random; proves nothing, see cli.md)
    public_key: bytes  # 32 bytes
    secret_key: bytes  # the 32-byte Ed25519 seed
    created_at: str


def latest_exports(exports: list[ExportRecord]) -> dict[tuple[int, str], ExportRecord]:
    """The latest revision of each exported period."""
    out: dict[tuple[int, str], ExportRecord] = {}
    for e in sorted(exports, key=lambda e: e.revision):
        out[(e.year, e.period_code)] = e
    return out


def locked_months(exports: list[ExportRecord]) -> dict[tuple[int, int], ExportRecord]:
    """Every (year, month) that an exported, not reopened, period covers, with that export."""
    out: dict[tuple[int, int], ExportRecord] = {}
    for e in latest_exports(exports).values():
        if e.locks:
            for m in e.period.months:
                out[(e.year, m)] = e
    return out
