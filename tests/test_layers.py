"""The import-linter contracts really hold the layers: a wrong-way import breaks them.

The package is copied to a temporary folder, one import against the layers is added, and
``lint-imports`` is run on the copy with the project's own contracts. The untouched copy must
pass, so the test fails both when the layers are broken in the product and when the contracts
stop catching a broken layer.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="lint-imports is in the dev lock")


def _copy_package(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "gxjn_desktop", tmp_path / "gxjn_desktop", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(folder / "pyproject.toml"), "--no-cache"],
        cwd=folder,
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _add_import(module: Path, line: str) -> None:
    text = module.read_text(encoding="utf-8")
    head, sep, rest = text.partition("from __future__ import annotations\n")
    module.write_text(head + sep + line + "\n" + rest if sep else line + "\n" + text, encoding="utf-8")


def test_the_contracts_hold_and_a_storage_to_services_import_breaks_the_layers(tmp_path: Path) -> None:
    folder = _copy_package(tmp_path)
    clean = _lint(folder)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    _add_import(folder / "gxjn_desktop" / "storage" / "schema.py", "import gxjn_desktop.services.checks  # noqa")
    broken = _lint(folder)
    assert broken.returncode != 0
    assert "Layers" in broken.stdout and "BROKEN" in broken.stdout
    assert "gxjn_desktop.storage.schema -> gxjn_desktop.services.checks" in broken.stdout


def test_an_import_cycle_between_siblings_is_refused(tmp_path: Path) -> None:
    folder = _copy_package(tmp_path)
    # ledger imports records; the reverse import closes a cycle inside the domain
    _add_import(folder / "gxjn_desktop" / "domain" / "records.py", "import gxjn_desktop.domain.ledger  # noqa")
    broken = _lint(folder)
    assert broken.returncode != 0
    assert "No import cycles between sibling modules or packages BROKEN" in broken.stdout
