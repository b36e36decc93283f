"""The Qt Designer forms in ui/: compiled output committed and current, texts in Chinese."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = sorted((ROOT / "ui").glob("*.ui"))
_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_regenerating_the_forms_changes_nothing() -> None:
    """What CI checks too: every ui/*.ui compiles to exactly the committed gxjn_desktop/gui/forms/ui_*.py."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "compile_ui.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda p: p.name)
def test_every_visible_text_of_a_form_is_chinese(ui_file: Path) -> None:
    """Labels, titles, placeholders and tooltips: each translatable string has Chinese in it."""
    texts = [s.text for s in ET.parse(ui_file).iter("string") if s.get("notr") != "true" and s.text]
    assert texts, f"{ui_file.name} has no visible text"
    assert [t for t in texts if not _CJK.search(t)] == []
