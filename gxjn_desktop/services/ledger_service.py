"""The unit's ledger as the program uses it: load a snapshot, save each edit in its own transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import Meter
from gxjn_desktop.domain.periods import check_year
from gxjn_desktop.domain.quotas import Quota, QuotaIndicator, QuotaLevel
from gxjn_desktop.domain.records import (
    CanteenMonth,
    EwasteDisposal,
    Explanation,
    GarbageMonth,
    MeterReplacement,
    MonthlyRecord,
)
from gxjn_desktop.domain.units import Unit, YearProfile
from gxjn_desktop.errors import UserError
from gxjn_desktop.storage import repositories as repo
from gxjn_desktop.storage.backup import make_backup
from gxjn_desktop.storage.database import Database
from gxjn_desktop.storage.store import backup_dir, open_database


class LedgerService:
    """Every write is one transaction: a crash loses at most the edit being made."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.last_saved: datetime | None = None

    @classmethod
    def open(cls, data_dir: Path, *, create: bool = True) -> LedgerService:
        return cls(open_database(data_dir, create=create))

    def close(self) -> None:
        self.db.close()

    # ---- reading ------------------------------------------------------------------------------

    def has_unit(self) -> bool:
        with self.db.session() as s:
            return repo.has_unit(s)

    def ledger(self) -> Ledger:
        with self.db.session() as s:
            ledger = repo.load_ledger(s)
        if ledger is None:
            raise UserError("这里还没有单位数据", "请先新建单位，或运行 gxjn-cli demo 创建示例单位")
        return ledger

    def record(self, meter_code: str, year: int, month: int) -> MonthlyRecord | None:
        with self.db.session() as s:
            return repo.load_record(s, meter_code, year, month)

    # ---- writing ------------------------------------------------------------------------------

    def _saved(self) -> None:
        self.last_saved = datetime.now()

    def save_unit(self, unit: Unit) -> None:
        problems = unit.problems()
        if problems:
            raise UserError(problems[0], "请修改后再保存")
        with self.db.session() as s:
            repo.save_unit(s, unit)
        self._saved()

    def save_profile(self, profile: YearProfile) -> None:
        problems = profile.problems()
        if problems:
            raise UserError(problems[0], "请修改后再保存")
        with self.db.session() as s:
            repo.save_profile(s, profile)
        self._saved()

    def save_meter(self, meter: Meter) -> None:
        if not meter.code.strip() or not meter.name.strip():
            raise UserError("计量器具的编号和名称不能为空", "请填写编号（如 E1）和名称")
        with self.db.session() as s:
            repo.save_meter(s, meter)
        self._saved()

    def save_records(self, records: Iterable[MonthlyRecord], deletions: Iterable[tuple[str, int, int]] = ()) -> None:
        """Save several records at once (a paste or an import is one transaction)."""
        with self.db.session() as s:
            for key in deletions:
                repo.delete_record(s, *key)
            for r in records:
                repo.save_record(s, r)
        self._saved()

    def save_record(self, record: MonthlyRecord) -> None:
        self.save_records([record])

    def delete_record(self, meter_code: str, year: int, month: int) -> None:
        self.save_records([], [(meter_code, year, month)])

    def record_replacement(self, replacement: MeterReplacement, record: MonthlyRecord | None = None) -> None:
        """A replacement and the month's reading are saved together or not at all."""
        with self.db.session() as s:
            repo.add_replacement(s, replacement)
            if record is not None:
                repo.save_record(s, record)
        self._saved()

    def remove_replacements(self, meter_code: str, year: int, month: int) -> None:
        with self.db.session() as s:
            repo.delete_replacements(s, meter_code, year, month)
        self._saved()

    def save_canteen(self, month: CanteenMonth) -> None:
        with self.db.session() as s:
            repo.save_canteen(s, month)
        self._saved()

    def save_garbage(self, month: GarbageMonth) -> None:
        with self.db.session() as s:
            repo.save_garbage(s, month)
        self._saved()

    def add_ewaste(self, disposal: EwasteDisposal) -> None:
        with self.db.session() as s:
            repo.add_ewaste(s, disposal)
        self._saved()

    def delete_ewaste(self, disposal: EwasteDisposal) -> None:
        with self.db.session() as s:
            repo.delete_ewaste(s, disposal)
        self._saved()

    def save_explanation(self, explanation: Explanation) -> None:
        with self.db.session() as s:
            repo.save_explanation(s, explanation)
        self._saved()

    def backup(self, reason: str) -> None:
        """A named backup now (before an import from the window, for instance)."""
        make_backup(self.db.path, backup_dir(self.db.path.parent), reason)

    def save_quotas(self, quotas: Iterable[Quota]) -> None:
        """Several quotas in one transaction (a bureau file is all or nothing)."""
        quotas = list(quotas)
        for q in quotas:
            check_year(q.year)
        with self.db.session() as s:
            for q in quotas:
                repo.save_quota(s, q)
        self._saved()

    def delete_quota(self, year: int, indicator: QuotaIndicator, level: QuotaLevel) -> None:
        with self.db.session() as s:
            repo.delete_quota(s, year, indicator, level)
        self._saved()

    def save_batch(
        self,
        records: Iterable[MonthlyRecord] = (),
        replacements: Iterable[MeterReplacement] = (),
        canteen: Iterable[CanteenMonth] = (),
        garbage: Iterable[GarbageMonth] = (),
        *,
        ewaste: Iterable[EwasteDisposal] = (),
        deleted_ewaste: Iterable[EwasteDisposal] = (),
        meters: Iterable[Meter] = (),
        profiles: Iterable[YearProfile] = (),
        deleted_records: Iterable[tuple[str, int, int]] = (),
        deleted_meters: Iterable[str] = (),
        deleted_profiles: Iterable[int] = (),
        replaced_months: Iterable[tuple[str, int, int]] = (),
        backup_reason: str | None = None,
    ) -> None:
        """Save an import, a paste or an undo step in one transaction (all or nothing).

        ``replaced_months`` (meter, year, month) lose their replacements before ``replacements``
        are added, so a step can also take a replacement back. A backup is made first when a
        ``backup_reason`` is given (imports).
        """
        if backup_reason:
            self.backup(backup_reason)
        with self.db.session() as s:
            for m in meters:  # first: records and replacements may refer to new meters
                repo.save_meter(s, m)
            for p in profiles:
                repo.save_profile(s, p)
            for key in replaced_months:
                repo.delete_replacements(s, *key)
            s.flush()
            for rp in replacements:
                repo.add_replacement(s, rp)
            for key in deleted_records:
                repo.delete_record(s, *key)
            for r in records:
                repo.save_record(s, r)
            for c in canteen:
                repo.save_canteen(s, c)
            for g in garbage:
                repo.save_garbage(s, g)
            for e in deleted_ewaste:
                repo.delete_ewaste(s, e)
            for e in ewaste:
                repo.add_ewaste(s, e)
            for year in deleted_profiles:  # last: undoing an import removes what it added
                repo.delete_profile(s, year)
            for code in deleted_meters:
                repo.delete_meter(s, code)
        self._saved()

    def replace_everything(self, ledger: Ledger) -> None:
        """Write a whole ledger in one transaction, replacing what is there (demo --force)."""
        with self.db.session() as s:
            repo.clear_all(s)
            s.flush()
            repo.write_ledger(s, ledger)
        self._saved()
