"""Compile the Qt Designer forms in ui/ into gxjn_desktop/gui/forms/ with the pinned pyside6-uic.

    python scripts/compile_ui.py           # regenerate every form (after editing a .ui file)
    python scripts/compile_ui.py --check   # CI: exit 1 when a committed form differs from its .ui

The generated modules are committed, so the program (and the frozen build) never runs uic. The
output depends only on the .ui file and the uic version, which requirements*.lock pins.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "gxjn_desktop" / "gui" / "forms"
HEADER = "# Generated from ui/{name} by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.\n"
# Hand-written files of the forms package, not generated from a .ui file.
KEEP = {"__init__.py"}


def uic_command() -> list[str]:
    """pyside6-uic of the interpreter running this script (the project's .venv)."""
    found = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent))
    if found is None:
        sys.exit("找不到 pyside6-uic：请用项目虚拟环境的 Python 运行（.venv/bin/python scripts/compile_ui.py）")
    return [found]


def module_name(ui_file: Path) -> str:
    return f"ui_{ui_file.stem}.py"


def compile_all(out_dir: Path) -> list[Path]:
    """Every ui/*.ui compiled into ``out_dir``; returns the files written."""
    written = []
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        target = out_dir / module_name(ui_file)
        # -a: no connectSlotsByName; each form's class connects its own signals, visibly.
        subprocess.run([*uic_command(), "-a", str(ui_file), "-o", str(target)], check=True, cwd=ROOT)
        text = target.read_text(encoding="utf-8")
        target.write_text(HEADER.format(name=ui_file.name) + text, encoding="utf-8", newline="\n")
        written.append(target)
    return written


def generated_files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.py")) if p.name not in KEEP}


def check() -> list[str]:
    """What differs between the committed forms and a fresh compile (empty when nothing does)."""
    with tempfile.TemporaryDirectory() as tmp:
        compile_all(Path(tmp))
        fresh = generated_files(Path(tmp))
    committed = generated_files(FORMS_DIR)
    problems = [
        f"{name}: 与 ui/ 中的表单不一致，请运行 scripts/compile_ui.py"
        for name in fresh
        if committed.get(name) != fresh[name]
    ]
    problems += [f"{name}: 没有对应的 .ui 文件，请删除" for name in committed if name not in fresh]
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(
        description="把 ui/ 中的 Qt Designer 表单编译为 gxjn_desktop/gui/forms/ 中的 Python 模块"
    )
    parser.add_argument("--check", action="store_true", help="只检查已提交的模块是否与重新编译的结果一致")
    args = parser.parse_args()
    if args.check:
        problems = check()
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    for name in generated_files(FORMS_DIR):
        (FORMS_DIR / name).unlink()  # a form whose .ui was removed goes with it
    for path in compile_all(FORMS_DIR):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
