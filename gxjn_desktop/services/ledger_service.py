"""The unit's ledger as the program uses it: load a snapshot, save each edit in its own transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from gxjn_desktop.domain.exports import ExportRecord, SigningKey, latest_exports, locked_months
from gxjn_desktop.domain.ledger import ExplanationKey, Ledger, QuotaKey, StoredState
from gxjn_desktop.domain.meters import Meter
from gxjn_desktop.domain.periods import Period, check_year
from gxjn_desktop.domain.places import RESERVED_CODE_HINT, reserved_code_problem
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
from gxjn_desktop.domain.workplan import WorkTask, task_problems
from gxjn_desktop.errors import UserError, read_only_error
from gxjn_desktop.paths import backup_dir
from gxjn_desktop.storage import plain_read
from gxjn_desktop.storage.backup import make_backup
from gxjn_desktop.storage.edit_write import EditWriter, writes
from gxjn_desktop.storage.lazy import import_orm_libraries, lazy_module
from gxjn_desktop.storage.store import PreparedFile, prepare_database

if TYPE_CHECKING:
    from gxjn_desktop.storage import exports_repo
    from gxjn_desktop.storage import repositories as repo
    from gxjn_desktop.storage.database import Database, Session
else:  # reads go through plain_read; SQLAlchemy loads with the first write (see storage/lazy.py)
    exports_repo = lazy_module("gxjn_desktop.storage.exports_repo")
    repo = lazy_module("gxjn_desktop.storage.repositories")


class LedgerService:
    """Every write is one transaction: a crash loses at most the edit being made."""

    def __init__(self, prepared: PreparedFile) -> None:
        self.path = prepared.path
        self.read_only = prepared.read_only
        self.write_refusal = prepared.write_refusal  # set when today's backup could not be made
        self._db: Database | None = None
        self._edits = EditWriter(self.path)  # the grid's edits: plain sqlite3, no ORM (see storage/edit_write.py)
        self.last_saved: datetime | None = None

    @classmethod
    def open(cls, data_dir: Path, *, create: bool = True) -> LedgerService:
        """Check the data folder's database (integrity, schema revision; Alembic upgrades it when
        it is older); the SQLAlchemy engine is made when something needs it (:attr:`db`)."""
        prepared = prepare_database(data_dir, create=create)
        service = cls(prepared)
        if prepared.migrated:  # SQLAlchemy is loaded already: no reason to wait
            _ = service.db
        return service

    @property
    def db(self) -> Database:
        """The SQLAlchemy database (writes, and reads inside a write's transaction)."""
        if self._db is None:
            from gxjn_desktop.storage.database import Database

            self._db = Database(self.path, read_only=self.read_only, refusal=self.write_refusal)
        return self._db

    @property
    def orm_opened(self) -> bool:
        """Whether the SQLAlchemy engine exists yet (start-up shows the month grid without it)."""
        return self._db is not None

    def warm_up(self) -> None:
        """Load SQLAlchemy and the ORM now (idle time after the window shows the unit), so the first
        write does not wait for the import."""
        _ = self.db, repo.save_record, exports_repo.load_exports

    def close(self) -> None:
        self._edits.close()
        if self._db is not None:
            self._db.close()

    # ---- reading (plain rows, see storage/plain_read.py) ----------------------------------------

    def has_unit(self) -> bool:
        return plain_read.has_unit(self.path)

    def ledger(self) -> Ledger:
        ledger = plain_read.read_ledger(self.path)
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
            self._refuse_locked_in(s, years=[profile.year])
            repo.save_profile(s, profile)
        self._saved()

    def save_meter(self, meter: Meter) -> None:
        if not meter.code.strip() or not meter.name.strip():
            raise UserError("计量器具的编号和名称不能为空", "请填写编号（如 E1）和名称")
        if problem := reserved_code_problem(meter.code):
            raise UserError(problem, RESERVED_CODE_HINT)
        with self.db.session() as s:
            repo.save_meter(s, meter)
        self._saved()

    def save_records(self, records: Iterable[MonthlyRecord], deletions: Iterable[tuple[str, int, int]] = ()) -> None:
        """Save several records at once (a paste or an import is one transaction)."""
        records = list(records)
        deletions = list(deletions)
        with self.db.session() as s:
            self._refuse_locked_in(s, [(r.year, r.month) for r in records] + [(y, m) for _, y, m in deletions])
            for key in deletions:
                repo.delete_record(s, *key)
            repo.save_records(s, records)
        self._saved()

    def save_record(self, record: MonthlyRecord) -> None:
        self.save_records([record])

    def delete_record(self, meter_code: str, year: int, month: int) -> None:
        self.save_records([], [(meter_code, year, month)])

    def record_replacement(self, replacement: MeterReplacement, record: MonthlyRecord | None = None) -> None:
        """A replacement and the month's reading are saved together or not at all."""
        with self.db.session() as s:
            self._refuse_locked_in(s, [(replacement.year, replacement.month)])
            repo.add_replacement(s, replacement)
            if record is not None:
                repo.save_record(s, record)
        self._saved()

    def remove_replacements(self, meter_code: str, year: int, month: int) -> None:
        with self.db.session() as s:
            self._refuse_locked_in(s, [(year, month)])
            repo.delete_replacements(s, meter_code, year, month)
        self._saved()

    def save_canteen(self, month: CanteenMonth) -> None:
        with self.db.session() as s:
            self._refuse_locked_in(s, [(month.year, month.month)])
            repo.save_canteen(s, month)
        self._saved()

    def save_garbage(self, month: GarbageMonth) -> None:
        with self.db.session() as s:
            self._refuse_locked_in(s, [(month.year, month.month)])
            repo.save_garbage(s, month)
        self._saved()

    def add_ewaste(self, disposal: EwasteDisposal) -> None:
        with self.db.session() as s:
            self._refuse_locked_in(s, [(disposal.day.year, disposal.day.month)])
            repo.add_ewaste(s, disposal)
        self._saved()

    def delete_ewaste(self, disposal: EwasteDisposal) -> None:
        with self.db.session() as s:
            self._refuse_locked_in(s, [(disposal.day.year, disposal.day.month)])
            repo.delete_ewaste(s, disposal)
        self._saved()

    def save_explanation(self, explanation: Explanation) -> None:
        with self.db.session() as s:
            repo.save_explanation(s, explanation)
        self._saved()

    def save_task(self, task: WorkTask) -> int:
        """Add or change one work-plan task (its own transaction); returns its id."""
        problems = task_problems(task)
        if problems:
            raise UserError(problems[0], "请修改后再保存")
        with self.db.session() as s:
            task_id = repo.save_task(s, task)
        self._saved()
        return task_id

    def next_task_id(self) -> int:
        with self.db.session() as s:
            return repo.next_task_id(s)

    def delete_task(self, task_id: int) -> None:
        with self.db.session() as s:
            repo.delete_task(s, task_id)
        self._saved()

    def tasks(self, year: int) -> tuple[WorkTask, ...]:
        with self.db.session() as s:
            return repo.load_tasks(s, year)

    def read_only_notice(self) -> str | None:
        """The line to show at open when nothing can be written (a read-only folder, no backup today)."""
        if self.write_refusal is not None:
            return self.write_refusal.warning()
        return read_only_error(self.path.parent).one_line() if self.read_only else None

    def refuse_if_read_only(self) -> None:
        """Say why nothing can be written, in the user's words (not SQLite's "cannot open")."""
        if self.read_only:
            raise self.write_refusal or read_only_error(self.path.parent)

    def backup(self, reason: str) -> None:
        """A named backup now (before an import from the window, for instance)."""
        self.refuse_if_read_only()
        make_backup(self.path, backup_dir(self.path.parent), reason)

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
        tasks: Iterable[WorkTask] = (),
        deleted_tasks: Iterable[int] = (),
        meters: Iterable[Meter] = (),
        profiles: Iterable[YearProfile] = (),
        deleted_records: Iterable[tuple[str, int, int]] = (),
        deleted_meters: Iterable[str] = (),
        deleted_profiles: Iterable[int] = (),
        replaced_months: Iterable[tuple[str, int, int]] = (),
        quotas: Iterable[Quota] = (),
        deleted_quotas: Iterable[QuotaKey] = (),
        explanations: Iterable[Explanation] = (),
        deleted_explanations: Iterable[ExplanationKey] = (),
        unit: Unit | None = None,
        backup_reason: str | None = None,
    ) -> None:
        """Save an import, a paste or an undo step in one transaction (all or nothing).

        ``replaced_months`` (meter, year, month) lose their replacements before ``replacements``
        are added, so a step can also take a replacement back. A backup is made first when a
        ``backup_reason`` is given (imports).
        """
        records, replacements, canteen, garbage = list(records), list(replacements), list(canteen), list(garbage)
        ewaste, deleted_ewaste, profiles = list(ewaste), list(deleted_ewaste), list(profiles)
        deleted_records, deleted_profiles, replaced_months = (
            list(deleted_records),
            list(deleted_profiles),
            list(replaced_months),
        )
        touched = (
            [(r.year, r.month) for r in records]
            + [(r.year, r.month) for r in replacements]
            + [(c.year, c.month) for c in canteen]
            + [(g.year, g.month) for g in garbage]
            + [(e.day.year, e.day.month) for e in (*ewaste, *deleted_ewaste)]
            + [(y, m) for _, y, m in (*deleted_records, *replaced_months)]
        )
        locked_years = [p.year for p in profiles] + deleted_profiles
        if backup_reason:  # refused before a backup is made (the write below checks again)
            with self.db.session() as s:
                self._refuse_locked_in(s, touched, locked_years)
            self.backup(backup_reason)
        quotas = list(quotas)
        for q in quotas:
            check_year(q.year)
        with self.db.session() as s:  # one transaction: an edit is one commit, lock check included
            self._refuse_locked_in(s, touched, locked_years)
            if unit is not None:
                repo.save_unit(s, unit)
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
            repo.save_records(s, records)
            for c in canteen:
                repo.save_canteen(s, c)
            for g in garbage:
                repo.save_garbage(s, g)
            for e in deleted_ewaste:
                repo.delete_ewaste(s, e)
            for e in ewaste:
                repo.add_ewaste(s, e)
            for task_id in deleted_tasks:
                repo.delete_task(s, task_id)
            repo.save_tasks(s, tasks)  # an import's new tasks carry the ids they get, so undo can remove them
            for year, indicator, level in deleted_quotas:
                repo.delete_quota(s, year, indicator, level)
            for q in quotas:
                repo.save_quota(s, q)
            for rule_id, location_key in deleted_explanations:
                repo.delete_explanation(s, rule_id, location_key)
            for explanation in explanations:
                repo.save_explanation(s, explanation)
            for year in deleted_profiles:  # last: undoing an import removes what it added
                repo.delete_profile(s, year)
            for code in deleted_meters:
                repo.delete_meter(s, code)
        self._saved()

    def write_state(self, state: StoredState, backup_reason: str | None = None) -> None:
        """Write what an undo step stores under its keys (before or after), in one transaction.

        The one SQL counterpart of :meth:`Ledger.apply`: whatever is written here, ``apply`` replays
        on the snapshot (``tests/services/test_snapshot_property.py`` holds them together). The
        grid's edits (records, a month's replacements, canteen and garbage months) and an import of
        those and of tasks take the plain path of :mod:`gxjn_desktop.storage.edit_write`: one
        statement per changed row (or per kind), no ORM. ``backup_reason``: a backup first (imports),
        after the lock check.
        """
        if not self.read_only and writes(state):
            keyed = (*state.records, *state.replacements)
            months = [(y, m) for (_, y, m), _ in keyed] + [ym for ym, _ in (*state.canteen, *state.garbage)]
            if backup_reason:  # refused before a backup is made (the write checks again)
                self._refuse_locked(
                    [e for y in sorted({y for y, _ in months}) for e in self._edits.exports_of(y)], months
                )
                self.backup(backup_reason)
            self._edits.write(state, lambda exports: self._refuse_locked(exports, months))
            self._saved()
            return
        self.save_batch(
            meters=[m for _, m in state.meters if m is not None],
            deleted_meters=[code for code, m in state.meters if m is None],
            profiles=[p for _, p in state.profiles if p is not None],
            deleted_profiles=[year for year, p in state.profiles if p is None],
            ewaste=[e for e, present in state.ewaste if present],
            deleted_ewaste=[e for e, present in state.ewaste if not present],
            tasks=[t for _, t in state.tasks if t is not None],
            deleted_tasks=[task_id for task_id, t in state.tasks if t is None],
            records=[rec for _, rec in state.records if rec is not None],
            deleted_records=[key for key, rec in state.records if rec is None],
            replaced_months=[key for key, _ in state.replacements],
            replacements=[rp for _, rps in state.replacements for rp in rps],
            canteen=[c or CanteenMonth(y, m) for (y, m), c in state.canteen],
            garbage=[g or GarbageMonth(y, m) for (y, m), g in state.garbage],
            quotas=[q for _, q in state.quotas if q is not None],
            deleted_quotas=[key for key, q in state.quotas if q is None],
            explanations=[e for _, e in state.explanations if e is not None],
            deleted_explanations=[key for key, e in state.explanations if e is None],
            unit=state.unit,
            backup_reason=backup_reason,
        )

    def replace_everything(self, ledger: Ledger) -> None:
        """Write a whole ledger in one transaction, replacing what is there (demo --force)."""
        with self.db.session() as s:
            repo.clear_all(s)
            exports_repo.clear_exports(s)  # another unit's packets lock nothing here (the key stays)
            s.flush()
            repo.write_ledger(s, ledger)
        self._saved()

    # ---- 报送: exported packets, the lock (已上报) and the signing key -----------------------------

    def exports(self) -> list[ExportRecord]:
        return plain_read.read_exports(self.path)

    def locked_months(self) -> dict[tuple[int, int], ExportRecord]:
        """(year, month) → the export that locks it."""
        return locked_months(self.exports())

    def lock_of(self, year: int, month: int) -> ExportRecord | None:
        """The export that locks (year, month), or ``None``; read from the file now (gxjn-cli may
        have exported while the window is open), only that year's packets and not their data."""
        exports = [e for e in self.exports() if e.year == year] if self.read_only else self._edits.exports_of(year)
        return locked_months(exports).get((year, month))

    @classmethod
    def _refuse_locked_in(cls, s: Session, months: Iterable[tuple[int, int]] = (), years: Iterable[int] = ()) -> None:
        """The lock check inside the write's own session: only the touched years' packets are read
        (a packet locks months of its own year only)."""
        months, years = list(months), list(years)
        touched = {y for y, _ in months} | set(years)
        if touched:
            cls._refuse_locked(exports_repo.load_exports(s, touched), months, years)

    @staticmethod
    def _refuse_locked(
        exports: list[ExportRecord], months: Iterable[tuple[int, int]] = (), years: Iterable[int] = ()
    ) -> None:
        """Refuse an edit of a month (or a year's 基本情况) that an exported packet covers."""
        locked = locked_months(exports)
        if not locked:
            return
        hit = next((locked[k] for k in months if k in locked), None)
        if hit is None:
            years = set(years)
            hit = next((e for (y, _), e in locked.items() if y in years), None)
        if hit is not None:
            raise UserError(
                f"{hit.period.label}的数据已上报（第 {hit.revision} 版），不能直接修改",
                f"如需更正，请先在“报送”中写明更正原因、重新打开该期间（gxjn-cli reopen --year {hit.year} "
                f"--period {hit.period_code} --reason 原因），改正后导出第 {hit.revision + 1} 版",
            )

    def record_export(self, export: ExportRecord) -> None:
        with self.db.session() as s:
            exports_repo.add_export(s, export)
        self._saved()

    def reopen_period(self, year: int, period_code: str, reason: str, by: str = "") -> ExportRecord:
        """Open an exported period for correction; its next export is the next revision with ``reason``."""
        reason = reason.strip()
        if len(reason) < 4:
            raise UserError("请写明更正原因", "更正原因会写入下一版数据包，供主管部门查阅（至少 4 个字）")
        when = datetime.now().astimezone().replace(microsecond=0).isoformat()
        with self.db.session() as s:
            latest = latest_exports(exports_repo.load_exports(s)).get((year, period_code))
            if latest is None:
                raise UserError(f"{Period.parse(year, period_code).label}还没有导出过", "未上报的期间可以直接修改")
            if not latest.locks:
                raise UserError(
                    f"{latest.period.label}已于 {latest.reopened_at} 重新打开，正在准备第 {latest.revision + 1} 版",
                    "改正数据后导出即可",
                )
            exports_repo.reopen_export(s, year, period_code, latest.revision, when, reason, by)
        self._saved()
        return latest

    def signing_key(self, make: Callable[[], SigningKey] | None = None) -> SigningKey | None:
        """The installation's key; made with ``make`` and kept when there is none yet."""
        with self.db.session() as s:
            key = exports_repo.load_signing_key(s)
            if key is None and make is not None:
                key = make()
                exports_repo.save_signing_key(s, key)
        return key


def load_orm_libraries() -> None:
    """SQLAlchemy and the ORM's tables (0.3–0.4 s once Qt is loaded), imported from any thread: the
    window does it in its background thread, so :meth:`LedgerService.warm_up` is quick after it."""
    import_orm_libraries()
