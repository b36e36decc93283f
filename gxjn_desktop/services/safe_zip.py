"""Checks on any zip we are handed (an .xlsx is a zip too) before a library parses it.

Refuses what a hostile or broken file can do: not a zip, truncated, too many members, members
that expand enormously (zip bombs), names that escape the folder, encrypted members.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from gxjn_desktop.errors import UserError

# Limits far above any real entry workbook or packet, far below what would hurt an old PC.
MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed for one member of meaningful size


def unsafe_member_name(name: str) -> bool:
    if not name or "\\" in name or name.startswith("/") or "\x00" in name:
        return True
    parts = PurePosixPath(name).parts
    return any(p == ".." for p in parts) or (len(parts[0]) == 2 and parts[0][1] == ":")


def check_zip(path: Path, what: str) -> None:
    """Raise :class:`UserError` (Chinese, with a hint) unless ``path`` is a sane zip."""
    if not zipfile.is_zipfile(path):
        raise UserError(
            f"{path.name} 不是有效的{what}（文件已损坏、不完整或根本不是 Excel 文件）", "请重新保存为 .xlsx 后再试"
        )
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_MEMBERS:
                raise UserError(
                    f"{path.name} 包含的部件过多（{len(infos)} 个），不像正常的{what}", "请使用程序生成的模板"
                )
            names: set[str] = set()
            total = 0
            for info in infos:
                if unsafe_member_name(info.filename) or info.filename in names:
                    raise UserError(
                        f"{path.name} 含有不安全的内部路径“{info.filename}”，已拒绝",
                        "该文件可能被篡改，请向来源方索取原文件",
                    )
                names.add(info.filename)
                if info.flag_bits & 0x1:
                    raise UserError(f"{path.name} 是加密的{what}", "请取消密码保护后再导入")
                total += info.file_size
                if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                    raise UserError(f"{path.name} 解压后过大，已拒绝", "请确认文件来源；正常的填报工作簿只有几百 KB")
                if (
                    info.compress_size
                    and info.file_size > 1024 * 1024
                    and info.file_size / info.compress_size > MAX_RATIO
                ):
                    raise UserError(f"{path.name} 压缩比异常（疑似压缩炸弹），已拒绝", "请确认文件来源")
            bad = z.testzip()
            if bad is not None:
                raise UserError(f"{path.name} 内部数据损坏（{bad}）", "请重新保存或重新复制文件")
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise UserError(f"{path.name} 无法读取：文件已损坏或不完整", "请重新保存或重新复制文件") from exc
