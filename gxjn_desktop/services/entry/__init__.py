"""Month entry without Qt, one module per concern.

- :mod:`.grid` — the grid's view model (columns, rows, what a cell shows);
- :mod:`.edits` — typed cells, lower-reading questions and answers, the undo step;
- :mod:`.preparing` — turning edits into the stored state before and after (nothing written);
- :mod:`.service` — :class:`EntryService`: the snapshot, writing, undo and redo;
- :mod:`.cells` — which cell a finding points at;
- :mod:`.cell_input` and :mod:`.replacements` — parsing what was typed, checking a 换表 answer;
- :mod:`.overview` — the overview's monthly figures.
"""

from typing import TYPE_CHECKING

from gxjn_desktop.domain.records import CANTEEN_FIELDS
from gxjn_desktop.services.entry.cell_input import parse_source
from gxjn_desktop.services.entry.cells import FIELD_COLUMNS, GridCell, cell_of, findings_by_cell
from gxjn_desktop.services.entry.edits import (
    CellChange,
    CellEdit,
    CellError,
    DecreaseAnswer,
    DecreaseChoice,
    DecreaseQuestion,
    EntryChange,
    EntryPlan,
)
from gxjn_desktop.services.entry.grid import (
    COLUMNS,
    EDITABLE_COLUMNS,
    PRICE_PLACES,
    Column,
    EntryRow,
    RowKey,
    RowKind,
    month_rows,
)
from gxjn_desktop.services.entry.replacements import make_replacement, replacement_problem
from gxjn_desktop.services.entry.service import EntryService

if TYPE_CHECKING:
    from gxjn_desktop.services.entry.overview import (
        CarrierMonths,
        OverviewFigures,
        count_open,
        missing_months,
        monthly_use_by_carrier,
        overview_figures,
    )

#: The overview's names, imported from here on first use: the overview loads the checks (every
#: rule and the reference data), which the month grid does not need to open.
_OVERVIEW = (
    "CarrierMonths",
    "OverviewFigures",
    "count_open",
    "missing_months",
    "monthly_use_by_carrier",
    "overview_figures",
)


def __getattr__(name: str) -> object:
    if name in _OVERVIEW:
        from gxjn_desktop.services.entry import overview

        return getattr(overview, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CANTEEN_FIELDS",
    "COLUMNS",
    "EDITABLE_COLUMNS",
    "FIELD_COLUMNS",
    "PRICE_PLACES",
    "CarrierMonths",
    "CellChange",
    "CellEdit",
    "CellError",
    "Column",
    "DecreaseAnswer",
    "DecreaseChoice",
    "DecreaseQuestion",
    "EntryChange",
    "EntryPlan",
    "EntryRow",
    "EntryService",
    "GridCell",
    "OverviewFigures",
    "RowKey",
    "RowKind",
    "cell_of",
    "count_open",
    "findings_by_cell",
    "make_replacement",
    "missing_months",
    "month_rows",
    "monthly_use_by_carrier",
    "overview_figures",
    "parse_source",
    "replacement_problem",
]
