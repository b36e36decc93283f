"""文件 → 从备份恢复, and the same offer when the data file is found damaged at start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from gxjn_desktop.errors import Refusal, StorageError
from gxjn_desktop.gui import messages
from gxjn_desktop.paths import backup_dir


def choose_and_restore(parent: QWidget | None, data_dir: Path) -> str | None:
    """Ask for a backup, confirm, restore it (nothing may hold the database open); the status line
    to show, or ``None`` when nothing was restored."""
    from gxjn_desktop.services.backups import backups, restore

    try:
        found = backups(data_dir)
    except StorageError as err:
        messages.show_user_error(parent, err)
        return None
    if not found:
        messages.show_info(parent, "从备份恢复", f"数据文件夹中还没有备份：{backup_dir(data_dir)}")
        return None
    choice = messages.ask_backup(parent, [f"{b.label}（{b.path.name}）" for b in found])
    if choice is None:
        return None
    chosen = found[choice]
    if not messages.confirm(
        parent,
        "从备份恢复",
        f"用 {chosen.label} 的备份替换当前数据？\n\n当前数据会先自动备份（可再恢复回来）；恢复后撤销记录会清空。",
    ):
        return None
    try:
        before = restore(data_dir, chosen.path)
    except Refusal as err:
        messages.show_user_error(parent, err)
        return None
    return f"已从 {chosen.label} 的备份恢复；恢复前的数据已备份为 {before.name}"
