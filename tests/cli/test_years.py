"""Years outside 2000 … next year are a user error everywhere (one validator, exit 2, nothing saved)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gxjn_desktop.cli.main import main
from gxjn_desktop.domain.periods import check_year
from gxjn_desktop.domain.quotas import Basis, Quota, QuotaIndicator, QuotaLevel
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.quotas import quota_status_json
from gxjn_desktop.services.workbook.template import write_template
from tests.db_dump import table_dump

NEXT = date.today().year + 1


@pytest.mark.parametrize(
    "command",
    [
        ["quota", "set", "--indicator", "total_energy_tce", "--value", "5"],
        ["quota", "status"],
        ["quota", "list"],
        ["template", "--out", "{tmp}/t.xlsx"],
        ["indicators"],
        ["check"],
        ["explain", "--fingerprint", "x", "--cause", "其他"],
    ],
)
def test_a_year_out_of_range_is_one_chinese_line_and_changes_nothing(
    demo_service: LedgerService,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    demo_service.close()
    before = table_dump(demo_service.db.path)
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    for year in (0, -5, 1999, NEXT + 1, 99999):
        with pytest.raises(SystemExit) as done:
            main(["--data-dir", str(data_dir), *args, "--year", str(year)])
        err = capsys.readouterr().err
        assert done.value.code == 2
        assert len(err.strip().splitlines()) == 1 and "超出范围" in err and "2000" in err
    assert table_dump(demo_service.db.path) == before
    assert not (tmp_path / "t.xlsx").exists()


def test_the_services_use_the_same_validator(demo_service: LedgerService, tmp_path: Path) -> None:
    assert check_year(2000) == 2000 and check_year(NEXT) == NEXT
    ledger = demo_service.ledger()
    for call in (
        lambda: write_template(ledger, 0, tmp_path / "t.xlsx"),
        lambda: quota_status_json(ledger, 99999, date.today()),
        lambda: demo_service.save_quotas(
            [Quota(-5, QuotaIndicator.TOTAL_ENERGY_TCE, QuotaLevel.ISSUED, Decimal(1), Basis.EQUIVALENT, "")]
        ),
    ):
        with pytest.raises(UserError, match="超出范围"):
            call()
