"""Open a return safely: size and format checks before any parser runs, then python-calamine.

Everything that can go wrong with the file itself becomes a :class:`FileProblem` (a finding
code and its parameters), never an exception: empty files, renamed images, truncated or
corrupt zips, zip bombs, password-protected workbooks, unreadable sheets.

The file is read once into memory (returns are small; the limits below keep them so); its
SHA-256 is taken from the same bytes the parser sees. Nothing is ever written back.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Limits (documented in the README): a real return is a few dozen kilobytes.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_CELLS = 200_000  # rows x columns of the return sheet's used range
MAX_ROWS = 5_000
MAX_COLS = 200

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")

Cell = Any  # str | float | int | bool | date | datetime | time | timedelta


@dataclass(frozen=True)
class FileProblem:
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Book:
    """What a return's file holds: its sheets' names and visibility, and readers for them."""

    path: Path
    data: bytes
    sha256: str
    sheet_names: list[str]
    hidden: set[str]
    _wb: Any
    merged: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = field(default_factory=dict)

    def read_sheet(self, name: str) -> tuple[list[list[Cell]], FileProblem | None]:
        """The sheet as a grid anchored at A1 (row 0 is Excel row 1), or the problem.

        The sheet's merged ranges are kept in ``self.merged[name]`` (parsing a sheet is the
        expensive part, so it is done once)."""
        from python_calamine import CalamineError

        if self.data[:2] == b"PK" and self.path.suffix.lower() in (".xlsx", ".xlsm"):
            extent = xlsx_extent(self.data, name)
            if extent is not None and (extent[0] > MAX_ROWS or extent[1] > MAX_COLS):
                rows, cols = extent
                limit = f"{MAX_ROWS}×{MAX_COLS}"
                return [], FileProblem("sheet-too-large", {"sheet": name, "rows": rows, "cols": cols, "limit": limit})
        try:
            sheet = self._wb.get_sheet_by_name(name)
            try:
                self.merged[name] = list(sheet.merged_cell_ranges or [])
            except Exception:  # noqa: BLE001 - not every format reports merges; fall back to none
                self.merged[name] = []
            height, width = sheet.height, sheet.width
            end = sheet.end
            rows = (end[0] + 1) if end else 0
            cols = (end[1] + 1) if end else 0
            if rows > MAX_ROWS or cols > MAX_COLS or height * width > MAX_CELLS:
                return [], FileProblem(
                    "sheet-too-large",
                    {"sheet": name, "rows": rows, "cols": cols, "limit": f"{MAX_ROWS}×{MAX_COLS}"},
                )
            grid = sheet.to_python(skip_empty_area=False)
        except (CalamineError, ValueError, OSError, OverflowError) as exc:
            return [], FileProblem("file-corrupt", {"detail": _short(exc)})
        return grid, None

    def formula_cells(self, sheet: str) -> set[str]:
        """Cells of ``sheet`` that hold a formula with no cached value (xlsx/xlsm only).

        Called only when a required cell reads empty, to tell "not filled" from "a formula
        Excel never calculated"."""
        try:
            return _uncached_formulas(self.data, sheet)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, EOFError):
            return set()

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing a reader must never hide the result
            self._wb.close()


def open_book(path: Path) -> tuple[Book | None, FileProblem | None]:
    """Open ``path`` for reading, or say precisely why it cannot be read."""
    ext = path.suffix.lower()
    if ext not in EXTENSIONS:
        return None, FileProblem("file-unsupported", {"ext": ext or "（无扩展名）"})
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            size = path.stat().st_size
            return None, FileProblem("file-too-large", {"detail": _mb(size), "limit": _mb(MAX_FILE_BYTES)})
    except FileNotFoundError:
        return None, FileProblem("file-missing", {"path": str(path)})
    except OSError as exc:
        return None, FileProblem("file-corrupt", {"detail": _short(exc)})
    if not data:
        return None, FileProblem("file-empty")
    problem = _sniff(data, ext)
    if problem:
        return None, problem

    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        meta = wb.sheets_metadata
    except PasswordError:
        return None, FileProblem("file-encrypted")
    except (CalamineError, ValueError, OSError, OverflowError, UnicodeError) as exc:
        text = str(exc).lower()
        if "password" in text or "encrypt" in text:
            return None, FileProblem("file-encrypted")
        return None, FileProblem("file-corrupt", {"detail": _short(exc)})
    names = [m.name for m in meta]
    hidden = {m.name for m in meta if str(m.visible).rsplit(".", 1)[-1].lower() != "visible"}
    digest = hashlib.sha256(data).hexdigest()
    return Book(path, data, digest, names, hidden, wb), None


_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


def _sniff(data: bytes, ext: str) -> FileProblem | None:
    """Look at the bytes before handing them to a parser."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _check_zip(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # OLE compound file: an .xls, or an .xlsx wrapped by password encryption.
        if _ENCRYPTED_MARK in data:
            return FileProblem("file-encrypted")
        return None
    return FileProblem("file-not-workbook", {"detail": _describe(data)})


def _central_directory(data: bytes) -> list[tuple[str, int]] | None:
    """(name, unpacked size) of every zip entry, read straight from the central directory.

    A few microseconds instead of zipfile's fraction of a millisecond; None when the directory
    is not plain (zip64, comments, damage), and the caller asks zipfile instead."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if end < 0 or end + 22 > len(data):
        return None
    count, size, offset = struct.unpack_from("<HII", data, end + 10)
    if offset + size > end or count == 0xFFFF:
        return None
    out: list[tuple[str, int]] = []
    pos = offset
    for _ in range(count):
        if data[pos : pos + 4] != b"PK\x01\x02":
            return None
        unpacked, name_len, extra_len, comment_len = struct.unpack_from("<IHHH", data, pos + 24)
        if unpacked == 0xFFFFFFFF:
            return None
        out.append((data[pos + 46 : pos + 46 + name_len].decode("utf-8", "replace"), unpacked))
        pos += 46 + name_len + extra_len + comment_len
    return out


def _check_zip(data: bytes) -> FileProblem | None:
    entries = _central_directory(data)
    try:
        if entries is None:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                entries = [(i.filename, i.file_size) for i in zf.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return FileProblem("file-corrupt", {"detail": _short(exc)})
    names = {name for name, _ in entries}
    unpacked = sum(size for _, size in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        return FileProblem(
            "file-too-large",
            {"detail": f"解压后 {_mb(unpacked)} / {_mb(unpacked)} unpacked", "limit": _mb(MAX_UNPACKED_BYTES)},
        )
    if not ({"xl/workbook.xml", "xl/workbook.bin", "content.xml"} & names):
        return FileProblem("file-not-workbook", {"detail": "压缩包中没有工作簿 / a zip with no workbook"})
    return None


def _describe(data: bytes) -> str:
    sigs = {
        b"\x89PNG": "PNG 图片",
        b"\xff\xd8\xff": "JPEG 图片",
        b"GIF8": "GIF 图片",
        b"%PDF": "PDF 文件",
        b"Rar!": "RAR 压缩包",
        b"7z\xbc\xaf": "7z 压缩包",
        b"{\\rtf": "RTF 文档",
    }
    for sig, name in sigs.items():
        if data.startswith(sig):
            return name
    sample = data[:2048].lstrip()
    if sample[:1] in (b"<",) and b"html" in sample[:512].lower():
        return "网页（HTML）文件"
    try:
        sample.decode("utf-8")
        return "文本文件"
    except UnicodeDecodeError:
        return "未知格式"


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


_SHEET_TAG = re.compile(r"<(?:\w+:)?sheet\b[^>]*>", re.S)
_REL_TAG = re.compile(r"<(?:\w+:)?Relationship\b[^>]*>", re.S)


def _attr(tag: str, name: str) -> str:
    m = re.search(rf'\s{name}="([^"]*)"', tag)
    return m.group(1) if m else ""


_FORMULA_CELL = re.compile(r'<c\b[^>]*?\br="([A-Z]+[0-9]+)"[^>]*?>(.*?)</c>', re.S)


def _sheet_part(zf: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip entry that holds worksheet ``sheet`` of an .xlsx/.xlsm, or None."""
    from html import unescape

    workbook = zf.read("xl/workbook.xml").decode("utf-8", "replace")
    rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    targets = {_attr(t, "Id"): _attr(t, "Target") for t in _REL_TAG.findall(rels)}
    for tag in _SHEET_TAG.findall(workbook):
        name, rid = _attr(tag, "name"), _attr(tag, "r:id")
        if unescape(name) == sheet and rid in targets:
            target = targets[rid].lstrip("/")
            return target if target.startswith("xl/") else f"xl/{target}"
    return None


def _uncached_formulas(data: bytes, sheet: str) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        part = _sheet_part(zf, sheet)
        if part is None:
            return set()
        xml = zf.read(part).decode("utf-8", "replace")
    return {ref for ref, body in _FORMULA_CELL.findall(xml) if "<f" in body and not re.search(r"<v>[^<]+</v>", body)}


_ROW_REF = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"([0-9]+)\"")
_CELL_COL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3})[0-9]+\"")


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def xlsx_extent(data: bytes, sheet: str) -> tuple[int, int] | None:
    """(last row, last column) that really hold a cell in an .xlsx sheet, from its XML.

    Read before calamine sees the sheet: calamine builds a dense grid from A1 to the last cell,
    so one cell at XFD1048576 would ask for 17 billion cells and abort the process. None when the
    file is not a plain .xlsx (then calamine's own dimensions are used)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            part = _sheet_part(zf, sheet)
            if part is None:
                return None
            xml = zf.read(part)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, EOFError, zlib.error):
        return None
    rows = max((int(m) for m in _ROW_REF.findall(xml)), default=0)
    cols = max((_col_number(m) for m in set(_CELL_COL.findall(xml))), default=0)
    return rows, cols
