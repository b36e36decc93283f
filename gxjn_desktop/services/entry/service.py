"""The month-entry use case: a ledger snapshot kept in step with the store, edits prepared and written.

The window shows :meth:`EntryService.rows` for a month. A committed cell (or a pasted block) goes
through :meth:`EntryService.prepare` (see :mod:`.preparing`), which returns an :class:`EntryPlan`:
errors (nothing is saved), questions (a reading lower than last month's, which must be answered as
表计翻转, 更换表计 or 输入有误 — never saved silently), or a ready :class:`EntryChange`. A change
holds the stored state before and after, so the window's undo stack can write either one back;
each write is one transaction and updates the snapshot through ``Ledger.apply``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from gxjn_desktop.domain.ledger import Ledger, StoredState
from gxjn_desktop.domain.meters import Meter
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.operations import Operation
from gxjn_desktop.validation.findings import Finding

if TYPE_CHECKING:
    from gxjn_desktop.services.workbook.importer import ImportPlan


from gxjn_desktop.services.entry.cells import findings_by_cell
from gxjn_desktop.services.entry.edits import CellEdit, DecreaseAnswer, EntryChange, EntryPlan
from gxjn_desktop.services.entry.grid import Column, EntryRow, RowKey, month_rows
from gxjn_desktop.services.entry.preparing import EditPreparer


class EntryService:
    """The month-entry use case over a :class:`LedgerService`; keeps a ledger snapshot in step."""

    def __init__(self, ledger_service: LedgerService, *, entered_by: str = "") -> None:
        self.store = ledger_service
        self._ledger = ledger_service.ledger()
        self.entered_by = entered_by or self._default_preparer()

    # ---- reading ------------------------------------------------------------------------------

    @property
    def ledger(self) -> Ledger:
        return self._ledger

    def reload(self) -> Ledger:
        self._ledger = self.store.ledger()
        return self._ledger

    def locked_reason(self, year: int, month: int) -> str | None:
        """Why the month is read-only (已上报), or ``None`` when it may be edited."""
        export = self.store.lock_of(year, month)
        if export is None:
            return None
        return f"已上报（{export.period.label} 第 {export.revision} 版），本月数据只读；如需更正，请先写明原因重新打开该期间"

    def _default_preparer(self) -> str:
        profiles = self._ledger.profiles
        for y in sorted(profiles, reverse=True):
            if profiles[y].signatories.preparer:
                return profiles[y].signatories.preparer
        return next((c.name for c in self._ledger.unit.contacts if c.role == "节能管理员"), "")

    def default_period(self, today: date | None = None) -> tuple[int, int]:
        """The month to open: the one after the latest month with any record, not after last month."""
        today = today or date.today()
        last = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
        recorded = [(r.year, r.month) for r in self._ledger.records]
        if not recorded:
            return last
        y, m = max(recorded)
        nxt = (y + 1, 1) if m == 12 else (y, m + 1)
        return min(nxt, last) if nxt <= last else (y, m)

    def meters_for(self, year: int, month: int) -> list[Meter]:
        return [m for m in self._ledger.meters if m.active_in(year, month)]

    def rows(self, year: int, month: int) -> list[EntryRow]:
        """Every active meter, then the canteen and garbage figures of the month."""
        return month_rows(self._ledger, year, month)

    def findings_by_cell(
        self, year: int, month: int, today: date | None = None
    ) -> dict[tuple[RowKey, Column], list[Finding]]:
        """check_period's findings for the month, placed on the cells they point at."""
        return findings_by_cell(self._ledger, year, month, today)

    # ---- editing ------------------------------------------------------------------------------

    def prepare(
        self,
        year: int,
        month: int,
        edits: Sequence[CellEdit],
        answers: Mapping[str, DecreaseAnswer] | None = None,
    ) -> EntryPlan:
        """Parse the edits and work out the change; nothing is written here."""
        return EditPreparer(self._ledger, self.entered_by).prepare(year, month, edits, answers)

    # ---- writing ------------------------------------------------------------------------------

    def commit(self, change: EntryChange | Operation) -> None:
        """Write the change (redo)."""
        self.write(change.after)

    def revert(self, change: EntryChange | Operation) -> None:
        """Write back what was there before the change (undo)."""
        self.write(change.before)

    def write(self, state: StoredState) -> None:
        """Store ``state`` in one transaction (a paste is saved entirely or not at all), then replay it
        on the snapshot: ``LedgerService.write_state`` and ``Ledger.apply`` are the two halves."""
        self.store.write_state(state)
        self._ledger = self._ledger.apply(state)

    def apply(
        self, year: int, month: int, edits: Sequence[CellEdit], answers: Mapping[str, DecreaseAnswer] | None = None
    ) -> EntryPlan:
        """Prepare and, when ready, commit at once (scripts and tests; the window uses its undo stack)."""
        plan = self.prepare(year, month, edits, answers)
        if plan.ready and plan.change is not None:
            self.commit(plan.change)
        return plan

    def import_change(self, plan: ImportPlan, label: str) -> EntryChange:
        """A read workbook as one undo step: what it writes, and what was stored before."""
        ledger = self._ledger
        rep_months = sorted(plan.replacement_months)  # the plan holds each month's whole new set
        before = StoredState(
            records=tuple(
                ((r.meter_code, r.year, r.month), ledger.record(r.meter_code, r.year, r.month)) for r in plan.records
            ),
            replacements=tuple((k, tuple(ledger.replacements_in(*k))) for k in rep_months),
            canteen=tuple(((c.year, c.month), ledger.canteen_month(c.year, c.month)) for c in plan.canteen),
            garbage=tuple(((g.year, g.month), ledger.garbage_month(g.year, g.month)) for g in plan.garbage),
            meters=tuple((m.code, next((x for x in ledger.meters if x.code == m.code), None)) for m in plan.meters),
            profiles=((plan.profile.year, ledger.profiles.get(plan.profile.year)),) if plan.profile else (),
            ewaste=tuple((e, False) for e in plan.ewaste),
            tasks=tuple(
                (t.task_id or 0, next((x for x in ledger.tasks if x.task_id == t.task_id), None)) for t in plan.tasks
            ),
        )
        after = plan.stored_state()
        first = min((r.month for r in plan.records), default=1)
        return EntryChange(plan.year, first, before, after, (), label)
