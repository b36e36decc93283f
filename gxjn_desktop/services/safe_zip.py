"""Checks on any zip we are handed (an .xlsx is a zip too) before a library parses it.

Refuses what a hostile or broken file can do: not a zip, truncated, too many members, members
that expand enormously (zip bombs), names that escape the folder, encrypted members, and any XML
part that declares a DOCTYPE (entity expansion, external entities: no Office file needs one).
A sheet whose cells reach absurdly far, or that holds formulas without a saved value, is refused too
(`sheet_scan`). Also the one way the program opens a workbook with calamine, whose errors are English type names.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from gxjn_desktop.errors import UserError
from gxjn_desktop.services.sheet_scan import quick_bound, scan_sheet, sheet_names_by_part

# Limits far above any real entry workbook or packet, far below what would hurt an old PC.
MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed for one member of meaningful size
_XML_PART = re.compile(r"\.(xml|rels|vml)$", re.IGNORECASE)
_DOCTYPE = (b"<!doctype", "<!doctype".encode("utf-16-le"), "<!doctype".encode("utf-16-be"))
_CHUNK = 1024 * 1024


# A unit's entry workbook has meters × 12 rows, a bureau's quota file one row per unit and
# indicator: far below this. A sheet of junk is refused before calamine spends seconds on it.
MAX_SHEET_ROWS = 50_000
# calamine holds a sheet as one grid up to its last used cell: 50,000 rows of 40 columns at most
# (the entry workbook has 14), so one stray cell at XFD1048576 cannot make it ask for 500 GB.
MAX_SHEET_CELLS = 2_000_000
_QUICK_SCAN_BYTES = 16 * 1024 * 1024  # an XML part up to this size is read whole (once) for the checks
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
_ROW_TAGS = (b"<row ", b"<row>")


def _scan_member(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[bool, int, bool, bytes | None]:
    """Read a member to its end (its CRC is checked there); for an XML part say whether it holds
    ``<!DOCTYPE`` anywhere (in a well-formed part only a declaration can: a literal ``<`` in text is
    always escaped), for a sheet how many rows it has, and whether it holds cells (``sheetData``,
    wherever the part is and under any prefix: the relationships, not the path, make it a sheet).
    An XML part up to ``_QUICK_SCAN_BYTES`` is read whole and returned, so the cell check reads it
    from memory instead of inflating it again."""
    xml = bool(_XML_PART.search(info.filename))
    sheet = bool(_SHEET_PART.match(info.filename))
    if xml and info.file_size <= _QUICK_SCAN_BYTES:
        data = z.read(info)
        # "<!DOCTYPE" has a "!" in UTF-8 and UTF-16 alike: a part without one skips the lowering.
        doctype = b"!" in data and any(d in data.lower() for d in _DOCTYPE)
        cells = b"sheetData" in data or b"sheetdata" in data.lower()
        rows = 0
        if sheet and len(data) > MAX_SHEET_ROWS * len(b"<row>"):  # a shorter part cannot hold too many
            rows = sum(data.count(t) for t in _ROW_TAGS)
        return doctype, rows, cells, data
    doctype, rows, cells, tail = False, 0, False, b""
    with z.open(info) as f:
        while chunk := f.read(_CHUNK):
            if not xml:
                continue
            window = (tail + chunk).lower()
            doctype = doctype or any(d in window for d in _DOCTYPE)
            cells = cells or b"sheetdata" in window
            if sheet:
                rows += sum(chunk.count(t) for t in _ROW_TAGS)
            tail = window[-32:]
    return doctype, rows, cells, None


def _check_sheet_cells(z: zipfile.ZipFile, parts: list[tuple[zipfile.ZipInfo, bytes | None]], path: Path) -> None:
    """Refuse a sheet whose cells reach too far for calamine's grid, or that holds formulas
    without a saved value (calamine would read them as empty cells). ``parts`` carry the bytes
    of the parts already read whole."""
    names: dict[str, str] | None = None
    for info, data in parts:
        if data is not None:  # an ordinary sheet: its bound is enough
            bound = quick_bound(data)
            if bound is not None and bound[0] <= MAX_SHEET_ROWS and bound[0] * bound[1] <= MAX_SHEET_CELLS:
                continue
        with io.BytesIO(data) if data is not None else z.open(info) as f:
            scan = scan_sheet(f)
        if scan.max_row > MAX_SHEET_ROWS or scan.cells > MAX_SHEET_CELLS:
            raise UserError(
                f"{path.name} 的一个工作表用到了第 {scan.max_row} 行、第 {scan.max_col} 列，超出允许的范围"
                f"（最多 {MAX_SHEET_ROWS} 行、共 {MAX_SHEET_CELLS} 个单元格），已拒绝",
                "请删除表格右侧和下方多余的单元格后重新保存，或重新生成模板",
            )
        if scan.formulas_without_value:
            names = sheet_names_by_part(z) if names is None else names
            sheet = names.get(info.filename, info.filename)
            more = f" 等 {scan.formulas_without_value} 处" if scan.formulas_without_value > 1 else ""
            where = f"单元格 {scan.first_formula_cell}" if scan.first_formula_cell else "有单元格"
            raise UserError(
                f"{path.name} 的工作表“{sheet}”{where}{more} 是公式，但文件中没有保存公式的计算结果，无法读出数值",
                "请用 Excel 或 WPS 打开该文件并保存一次（会算出公式的值），或直接填写数值而不是公式",
            )


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
            sheets: list[tuple[zipfile.ZipInfo, bytes | None]] = []
            for info in infos:
                doctype, rows, cells, data = _scan_member(z, info)
                if cells:
                    sheets.append((info, data))
                if rows > MAX_SHEET_ROWS:
                    raise UserError(
                        f"{path.name} 的一个工作表有 {rows} 行，远多于正常的{what}（最多 {MAX_SHEET_ROWS} 行），已拒绝",
                        "请确认文件来源；正常的填报工作簿每个表计每月一行",
                    )
                if doctype:
                    raise UserError(
                        f"{path.name} 的部件 {info.filename} 含有 DOCTYPE 声明（可用于实体炸弹或读取本机文件），已拒绝",
                        "正常的 Excel 文件不含这种声明；请用 Excel 或 WPS 另存为 .xlsx，或向来源方索取原文件",
                    )
            _check_sheet_cells(z, sheets, path)
    except zipfile.BadZipFile as exc:
        raise UserError(f"{path.name} 内部数据校验失败，文件已损坏", "请重新保存或重新复制文件") from exc
    except (EOFError, OSError) as exc:
        raise UserError(f"{path.name} 无法读取：文件已损坏或不完整", "请重新保存或重新复制文件") from exc


def check_input_file(path: Path, what: str) -> None:
    """A file the user named exists and is a file (not a folder), or a Chinese user error."""
    if path.is_dir():
        raise UserError(f"{path} 是文件夹，不是{what}", f"请给出{what}本身的路径（如 …/填报.xlsx）")
    if not path.is_file():
        raise UserError(f"找不到文件 {path}", "请检查文件路径")


def open_workbook(path: Path, what: str) -> Any:
    """A checked .xlsx opened with calamine; what calamine refuses is said in Chinese."""
    check_input_file(path, what)
    check_zip(path, what)
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine's own error types: a zip that is not a workbook, broken XML
        raise UserError(
            f"{path.name} 不是{what}：它是一个压缩文件，但里面没有 Excel 工作簿的内容（或已损坏）",
            "请在 Excel 或 WPS 中打开后“另存为” .xlsx 格式再试",
        ) from exc


def sheet_rows(wb: Any, name: str, path: Path) -> Iterator[list[Any]]:
    """The rows of a sheet from A1, one at a time; a sheet calamine cannot read is a user error."""
    try:
        sheet = wb.get_sheet_by_name(name)
        start = sheet.start
        rows = (
            iter(sheet.to_python(skip_empty_area=False))
            if start is not None and tuple(start) != (0, 0)
            else sheet.iter_rows()
        )
    except Exception as exc:  # calamine's own error types for broken or hostile XML
        raise UserError(
            f"{path.name} 的工作表“{name}”无法读取，文件已损坏或含有不安全的内容",
            "请用 Excel 或 WPS 打开后重新保存为 .xlsx，或重新生成模板",
        ) from exc
    yield from rows
