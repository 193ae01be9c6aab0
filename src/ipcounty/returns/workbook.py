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
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

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
    cell: str | None = None  # the cell to look at, when one is known


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
    _parts: _XlsxParts | None = None
    _entries: dict[str, _Entry] | None = None  # the zip directory, read once by open_book

    def read_sheet(self, name: str) -> tuple[list[list[Cell]], FileProblem | None]:
        """The sheet as a grid anchored at A1 (row 0 is Excel row 1), or the problem.

        The sheet's merged ranges are kept in ``self.merged[name]`` (parsing a sheet is the
        expensive part, so it is done once)."""
        from python_calamine import CalamineError

        if self._is_xlsx():
            extent = self._xlsx().extent(name)
            if extent is not None and (extent[0] > MAX_ROWS or extent[1] > MAX_COLS):
                rows, cols = extent
                limit = f"{MAX_ROWS}×{MAX_COLS}"
                return [], FileProblem("sheet-too-large", {"sheet": name, "rows": rows, "cols": cols, "limit": limit})
        try:
            with _rust_panics_quiet():
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
        except RustPanic as exc:
            huge = self._xlsx().huge_numbers(name) if self._is_xlsx() else []
            return [], FileProblem(
                "sheet-unreadable-cell",
                {"sheet": name, "cells": "、".join(huge[:10]) or "?", "detail": _short(exc)},
                cell=huge[0] if huge else None,
            )
        return grid, None

    def _is_xlsx(self) -> bool:
        return self.data[:2] == b"PK" and self.path.suffix.lower() in (".xlsx", ".xlsm")

    def formula_cells(self, sheet: str) -> set[str]:
        """Cells of ``sheet`` that hold a formula with no cached value (xlsx/xlsm only).

        Called only when a required cell reads empty, to tell "not filled" from "a formula
        Excel never calculated"."""
        return self._xlsx().uncached_formulas(sheet)

    def _xlsx(self) -> _XlsxParts:
        if self._parts is None:
            self._parts = _XlsxParts(self.data, self._entries)
        return self._parts

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
            size = os.fstat(fh.fileno()).st_size
            # Ask for the size the file has (plus one byte, to notice one still growing): asking
            # for the 20 MB limit would make Python set aside 20 MB for every 12 kB return.
            data = b"" if size > MAX_FILE_BYTES else fh.read((size or MAX_FILE_BYTES) + 1)
        if len(data) > MAX_FILE_BYTES or size > MAX_FILE_BYTES:
            return None, FileProblem(
                "file-too-large", {"detail": _mb(max(size, len(data))), "limit": _mb(MAX_FILE_BYTES)}
            )
    except FileNotFoundError:
        return None, FileProblem("file-missing", {"path": str(path)})
    except OSError as exc:
        return None, FileProblem("file-corrupt", {"detail": _short(exc)})
    if not data:
        return None, FileProblem("file-empty")
    entries = _zip_entries(data) if data[:2] == b"PK" else None
    problem = _sniff(data, ext, entries)
    if problem:
        return None, problem

    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    try:
        with _rust_panics_quiet():
            wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
            meta = wb.sheets_metadata
    except RustPanic as exc:
        return None, FileProblem("file-corrupt", {"detail": _short(exc)})
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
    return Book(path, data, digest, names, hidden, wb, _entries=entries), None


class RustPanic(Exception):
    """python-calamine panicked (a bug in the Rust reader, e.g. calamine issue #722: a date cell
    holding a number too large for a date). Raised in place of pyo3's PanicException, which
    derives from BaseException and so would slip past every ``except Exception``."""


_DEVNULL: int | None = None


@contextlib.contextmanager
def _rust_panics_quiet() -> Iterator[None]:
    """Turn a Rust panic inside the block into :class:`RustPanic`, without the panic message and
    backtrace Rust prints on stderr (file descriptor 2) for the user to puzzle over."""
    global _DEVNULL
    try:
        saved = os.dup(2)
        if _DEVNULL is None:
            _DEVNULL = os.open(os.devnull, os.O_WRONLY)
        os.dup2(_DEVNULL, 2)
    except OSError:
        saved = -1
    try:
        yield
    except BaseException as exc:
        if type(exc).__name__ == "PanicException":
            raise RustPanic(str(exc) or "panic") from None
        raise
    finally:
        if saved >= 0:
            os.dup2(saved, 2)
            os.close(saved)


_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


def _sniff(data: bytes, ext: str, entries: dict[str, _Entry] | None) -> FileProblem | None:
    """Look at the bytes before handing them to a parser."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _check_zip(data, entries)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # OLE compound file: an .xls, or an .xlsx wrapped by password encryption.
        if _ENCRYPTED_MARK in data:
            return FileProblem("file-encrypted")
        return None
    return FileProblem("file-not-workbook", {"detail": _describe(data)})


class _Entry(NamedTuple):
    offset: int  # of the local header
    packed: int  # compressed size
    unpacked: int
    method: int  # 0 stored, 8 deflated


def _zip_entries(data: bytes) -> dict[str, _Entry] | None:
    """Every zip entry, read straight from the central directory: a few microseconds instead of
    zipfile's fraction of a millisecond. None when the directory is not plain (zip64, comments,
    damage); then zipfile is asked instead."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if end < 0 or end + 22 > len(data):
        return None
    count, size, offset = struct.unpack_from("<HII", data, end + 10)
    if offset + size > end or count == 0xFFFF:
        return None
    out: dict[str, _Entry] = {}
    pos = offset
    for _ in range(count):
        if data[pos : pos + 4] != b"PK\x01\x02":
            return None
        (method,) = struct.unpack_from("<H", data, pos + 10)
        packed, unpacked, name_len, extra_len, comment_len = struct.unpack_from("<IIHHH", data, pos + 20)
        (local,) = struct.unpack_from("<I", data, pos + 42)
        if 0xFFFFFFFF in (packed, unpacked, local):
            return None
        name = data[pos + 46 : pos + 46 + name_len].decode("utf-8", "replace")
        out[name] = _Entry(local, packed, unpacked, method)
        pos += 46 + name_len + extra_len + comment_len
    return out


def _check_zip(data: bytes, entries: dict[str, _Entry] | None) -> FileProblem | None:
    try:
        if entries is None:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                sizes = {i.filename: i.file_size for i in zf.infolist()}
        else:
            sizes = {name: e.unpacked for name, e in entries.items()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return FileProblem("file-corrupt", {"detail": _short(exc)})
    unpacked = sum(sizes.values())
    if unpacked > MAX_UNPACKED_BYTES:
        return FileProblem(
            "file-too-large",
            {"detail": f"解压后 {_mb(unpacked)} / {_mb(unpacked)} unpacked", "limit": _mb(MAX_UNPACKED_BYTES)},
        )
    if not ({"xl/workbook.xml", "xl/workbook.bin", "content.xml"} & sizes.keys()):
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


_ATTRS = {name: re.compile(rf'\s{name}="([^"]*)"') for name in ("name", "r:id", "Id", "Target")}


def _attr(tag: str, name: str) -> str:
    m = _ATTRS[name].search(tag)
    return m.group(1) if m else ""


_NUMBER_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]+[0-9]+)"[^>]*>(?:(?!</c>).)*?<v>([^<]*)</v>', re.S)
_FORMULA_CELL = re.compile(r'<c\b[^>]*?\br="([A-Z]+[0-9]+)"[^>]*?>(.*?)</c>', re.S)


# Every way python-calamine accepts a cell's or row's position: r="B5", r='b5', r = "B5"; a row's
# r holds digits only. (Tested in tests/test_hostile.py: each spelling of a far cell aborts
# python-calamine 0.9 unless refused first.)
_REF = re.compile(rb'\sr\s*=\s*["\']([A-Za-z]{0,3})([0-9]+)["\']')
# Start tags of cells and rows, with or without a namespace prefix (<c ...>, <x:c ...>); the
# groups hold their attributes.
_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
_CELL_TAG = re.compile(_PREFIX + rb"c(?=[\s/>])([^>]*)>")
_ROW_START = re.compile(_PREFIX + rb"row(?=[\s/>])")
_ROW_TAG = re.compile(_ROW_START.pattern + rb"([^>]*)>")


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n


# The usual sheet, as Excel, WPS, LibreOffice and openpyxl write it: every cell tag starts
# <c r="B5" and every row tag <row r="5", one r each, no namespace prefix. What is not usual:
_UNUSUAL_TAG = re.compile(  # a tag without that r first, or one past column Z or row 999
    rb'<c(?=[\s/>])(?! r="[A-Z][0-9]{1,3}"[^>]*>)|<row(?=[\s/>])(?! r="[0-9]{1,3}"[^>]*>)'
)
_PREFIXED_TAG = re.compile(rb":(?:c|row)[\s/>]")  # <x:c ...>
_SPACED_R = re.compile(rb"r\s+=")  # r = "B5"


def sheet_extent(xml: bytes) -> tuple[int, int] | None:
    """Upper bounds of the (rows, columns) python-calamine would make of a sheet's XML, or None
    when the sheet certainly stays within MAX_ROWS x MAX_COLS.

    The usual sheet (see above) with no position past column Z or row 999 is cleared with a few
    searches and counts over its <sheetData>; any other is worked out exactly. The count makes
    sure no tag carries a second r (r="A1" r='XFD1'): inside <sheetData> every "r=" must open a
    tag's first r. More of them (a second r, or text that reads r=) only sends the sheet to the
    exact count."""
    start, end = xml.find(b"<sheetData"), xml.rfind(b"</sheetData>")
    if start < 0 or end < start:
        return _exact_extent(xml)  # no (or a namespaced) sheetData: nothing usual about it
    data = xml[start:end]
    if (
        _UNUSUAL_TAG.search(data) is None
        and _PREFIXED_TAG.search(data) is None
        and _SPACED_R.search(data) is None
        and data.count(b"r=") == data.count(b'<c r="') + data.count(b'<row r="')
    ):
        return None
    return _exact_extent(xml)


def _exact_extent(xml: bytes) -> tuple[int, int]:
    """(rows, columns) bounds from every position in the XML; implied positions (tags without r)
    add their number, or are walked cell by cell when that bound alone would pass the limits."""
    refs = _REF.findall(xml)
    rows = max((int(d) for d in {d for _, d in refs}), default=0)
    cols = max((_col_number(c) for c in {c for c, _ in refs if c}), default=0)
    rless_cells = sum(1 for attrs in _CELL_TAG.findall(xml) if not _REF.search(b" " + attrs))
    rows += sum(1 for attrs in _ROW_TAG.findall(xml) if not _REF.search(b" " + attrs))
    if rless_cells and cols + rless_cells > MAX_COLS:
        cols = max(cols, _walk_columns(xml))
    return rows, cols


def _walk_columns(xml: bytes) -> int:
    """The last column python-calamine would reach, cell by cell (cells without r count on)."""
    widest = 0
    for row in _ROW_START.split(xml)[1:]:
        col = 0
        for attrs in _CELL_TAG.findall(row):
            m = _REF.search(b" " + attrs)
            col = _col_number(m.group(1)) if m and m.group(1) else col + 1
            widest = max(widest, col)
    return widest


class _XlsxParts:
    """The raw parts of an .xlsx/.xlsm, opened once per file: which zip entry holds which sheet."""

    _ERRORS = (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, EOFError, zlib.error)

    def __init__(self, data: bytes, entries: dict[str, _Entry] | None) -> None:
        from html import unescape

        self.data = data
        self.index = entries
        self.parts: dict[str, str] = {}
        workbook_xml = self._read("xl/workbook.xml")
        rels_xml = self._read("xl/_rels/workbook.xml.rels")
        if workbook_xml is None or rels_xml is None:
            return
        workbook = workbook_xml.decode("utf-8", "replace")
        rels = rels_xml.decode("utf-8", "replace")
        targets = {_attr(t, "Id"): _attr(t, "Target") for t in _REL_TAG.findall(rels)}
        for tag in _SHEET_TAG.findall(workbook):
            name, rid = unescape(_attr(tag, "name")), _attr(tag, "r:id")
            if rid in targets:
                target = targets[rid].lstrip("/")
                self.parts[name] = target if target.startswith("xl/") else f"xl/{target}"

    def _read(self, name: str) -> bytes | None:
        """One zip entry's bytes, inflated (never past the unpacked-size limit)."""
        try:
            if self.index is None:
                with zipfile.ZipFile(io.BytesIO(self.data)) as zf:
                    return zf.read(name)
            if name not in self.index:
                return None
            offset, size, _, method = self.index[name]
            if self.data[offset : offset + 4] != b"PK\x03\x04":
                return None
            name_len, extra_len = struct.unpack_from("<HH", self.data, offset + 26)
            start = offset + 30 + name_len + extra_len
            raw = self.data[start : start + size]
            if method == 0:
                return raw
            if method == 8:
                return zlib.decompressobj(-15).decompress(raw, MAX_UNPACKED_BYTES)
            return None
        except self._ERRORS:
            return None

    def _xml(self, sheet: str) -> bytes | None:
        part = self.parts.get(sheet)
        return None if part is None else self._read(part)

    def extent(self, sheet: str) -> tuple[int, int] | None:
        """Upper bounds of the sheet's (rows, columns) from its XML; None when it certainly stays
        within the limits, or has no XML here.

        Read before calamine sees the sheet: calamine builds a dense grid from A1 to the last
        cell, so one cell at XFD1048576 would ask for 17 billion cells and abort the process."""
        xml = self._xml(sheet)
        return None if xml is None else sheet_extent(xml)

    def huge_numbers(self, sheet: str) -> list[str]:
        """Cells holding a number beyond ±10^11, the negative ones first: as a date (days since
        1900) such a number overflows, and python-calamine 0.9 panics reading a date-formatted
        cell that holds one below about -1.07 × 10^11."""
        xml = self._xml(sheet)
        if xml is None:
            return []
        found: list[tuple[float, str]] = []
        for ref, text in _NUMBER_CELL.findall(xml):
            try:
                value = float(text)
            except ValueError:
                continue
            if abs(value) >= 1e11:
                found.append((0 if value < 0 else 1, ref.decode()))
        return [ref for _, ref in sorted(found)]

    def uncached_formulas(self, sheet: str) -> set[str]:
        """Cells holding a formula with no computed value."""
        xml = self._xml(sheet)
        if xml is None:
            return set()
        text = xml.decode("utf-8", "replace")
        return {
            ref for ref, body in _FORMULA_CELL.findall(text) if "<f" in body and not re.search(r"<v>[^<]+</v>", body)
        }
