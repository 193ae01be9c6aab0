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
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ipcounty.returns import sheet_size

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
    kind: str = ""  # what the bytes are: xlsx (also .xlsm), xlsb, ods, xls — whatever the name says
    _extents: dict[str, tuple[int, int]] | None = None

    def read_sheet(self, name: str) -> tuple[list[list[Cell]], FileProblem | None]:
        """The sheet as a grid anchored at A1 (row 0 is Excel row 1), or the problem.

        The sheet's merged ranges are kept in ``self.merged[name]`` (parsing a sheet is the
        expensive part, so it is done once)."""
        from python_calamine import CalamineError

        extent = self.extent(name)
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

    def extent(self, name: str) -> tuple[int, int] | None:
        """Upper bounds of the sheet's (rows, columns) of data, read from the file's own bytes
        before python-calamine builds it; None when it certainly fits or cannot be told here.

        Decided by what the file holds, not by its name: an .xlsx renamed .xls is screened as
        an .xlsx."""
        if self.kind == "xlsx":
            return self._xlsx().extent(name, listed=name in self.sheet_names)
        if self._extents is not None:
            return self._extents.get(name)
        return None

    def is_ipcounty_export(self) -> bool:
        """True for a meeting workbook ``ipcounty export`` wrote (its document subject says so)."""
        if self.kind != "xlsx":
            return False
        core = self._xlsx()._read("docProps/core.xml")
        return core is not None and b"ipcounty meeting workbook" in core

    def _is_xlsx(self) -> bool:
        return self.kind == "xlsx"

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


def open_book(path: Path, sheets: Collection[str] | None = None) -> tuple[Book | None, FileProblem | None]:
    """Open ``path`` for reading, or say precisely why it cannot be read.

    ``sheets`` names the sheets the caller means to read (None: any). In an .xlsx their XML is
    inflated once, here, for both the far-cell screen and python-calamine (see
    :meth:`_XlsxParts.stored_copy`); another sheet is screened when it is read."""
    ext = path.suffix.lower()
    if ext not in EXTENSIONS:
        return None, FileProblem("file-unsupported", {"ext": ext or _phrase("ext-none")})
    data, problem = read_regular_file(path, MAX_FILE_BYTES)
    if problem is not None:
        return None, problem
    if not data:
        return None, FileProblem("file-empty")
    entries = _zip_entries(data) if data[:2] == b"PK" else None
    problem = _sniff(data, ext, entries)
    if problem:
        return None, problem
    kind = content_kind(data, entries)
    extents = _eager_extents(kind, data, entries)
    if extents is None and kind == "xlsb":
        # The binary format is not screened from its bytes here: its sheets are sized by
        # python-calamine in a child process, so a far cell kills the child, not ipcounty.
        extents = sheet_size.probe_in_child(data)
        if extents is None:
            return None, FileProblem("reader-failed", {"detail": _phrase("reader-process-died")})
    for name, (rows, cols) in (extents or {}).items():
        if rows > MAX_ROWS or cols > MAX_COLS:
            # python-calamine builds every sheet of an .ods or .xls as it opens the file, so a
            # sheet too large is refused before it is opened at all.
            limit = f"{MAX_ROWS}×{MAX_COLS}"
            return None, FileProblem("sheet-too-large", {"sheet": name, "rows": rows, "cols": cols, "limit": limit})

    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    parts = _XlsxParts(data, entries) if entries is not None and kind == "xlsx" else None
    feed = data
    if parts is not None:
        feed = parts.stored_copy(parts.parts if sheets is None else sheets) or data
    try:
        with _rust_panics_quiet():
            wb = CalamineWorkbook.from_filelike(io.BytesIO(feed))
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
    book = Book(path, data, digest, names, hidden, wb, _parts=parts, _entries=entries, kind=kind)
    book._extents = extents
    return book, None


def _eager_extents(kind: str, data: bytes, entries: dict[str, _Entry] | None) -> dict[str, tuple[int, int]] | None:
    """Each sheet's extent for the formats python-calamine reads whole on opening (.ods, .xls)."""
    if kind == "xls":
        return sheet_size.xls_extents(data)
    if kind == "ods":
        content = _XlsxParts(data, entries)._read("content.xml")
        return sheet_size.ods_extents(content) if content else {}
    return None


def content_kind(data: bytes, entries: dict[str, _Entry] | None) -> str:
    """What a workbook's bytes are, by their content: ``xlsx``, ``xlsb``, ``ods``, ``xls`` or ""."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if data[:2] != b"PK":
        return ""
    if entries is None:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return ""
    else:
        names = set(entries)
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "content.xml" in names:
        return "ods"
    return ""


def read_regular_file(path: Path, limit: int) -> tuple[bytes, FileProblem | None]:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes, else the problem.

    The file is opened without blocking and checked with fstat before a byte is read: a pipe
    named ``x.xlsx`` would otherwise wait forever, and ``/dev/zero`` never ends."""
    import errno
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return b"", FileProblem("file-missing", {"path": str(path)})
    except OSError as exc:
        return b"", _os_problem(exc, errno)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return b"", FileProblem("file-not-regular", {"kind": _phrase("kind-folder")})
        if not stat.S_ISREG(st.st_mode):
            kind = "kind-pipe" if stat.S_ISFIFO(st.st_mode) else "kind-device"
            return b"", FileProblem("file-not-regular", {"kind": _phrase(kind)})
        size = st.st_size
        if size > limit:
            return b"", FileProblem("file-too-large", {"detail": _mb(size, limit), "limit": _mb(limit)})
        # Ask for the size the file has (plus one byte, to notice one still growing): asking
        # for the 20 MB limit would make Python set aside 20 MB for every 12 kB return.
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read((size or limit) + 1)
        if len(data) > limit:
            return b"", FileProblem("file-too-large", {"detail": _mb(len(data), limit), "limit": _mb(limit)})
        return data, None
    except OSError as exc:
        return b"", _os_problem(exc, errno)
    finally:
        os.close(fd)


def _phrase(key: str) -> Any:
    from ipcounty.i18n import phrase

    return phrase(key)


def _os_problem(exc: OSError, errno: Any) -> FileProblem:
    """A file the system will not let ipcounty read, said in the user's words."""
    reasons = {
        errno.EACCES: "os-permission",
        errno.EPERM: "os-permission",
        errno.ELOOP: "os-link-loop",
        errno.EISDIR: "kind-folder",
        errno.ENAMETOOLONG: "os-name-too-long",
        errno.EIO: "os-io",
    }
    key = reasons.get(exc.errno or 0)
    reason = _phrase(key) if key else (exc.strerror or type(exc).__name__)
    return FileProblem("file-unreadable", {"reason": reason})


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
    crc: int = 0
    flags: int = 0
    record: int = 0  # where its central directory record starts
    record_end: int = 0


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
        flags, method = struct.unpack_from("<HH", data, pos + 8)
        crc, packed, unpacked, name_len, extra_len, comment_len = struct.unpack_from("<IIIHHH", data, pos + 16)
        (local,) = struct.unpack_from("<I", data, pos + 42)
        if 0xFFFFFFFF in (packed, unpacked, local):
            return None
        name = data[pos + 46 : pos + 46 + name_len].decode("utf-8", "replace")
        end = pos + 46 + name_len + extra_len + comment_len
        out[name] = _Entry(local, packed, unpacked, method, crc, flags, pos, end)
        pos = end
    return out


def _repacked(data: bytes, entries: dict[str, _Entry], stored: dict[str, bytes]) -> bytes:
    """A zip of the same entries, in the same order, with those in ``stored`` kept uncompressed.

    The original local entries stay where they are; the stored ones and a new central directory
    follow them (the directory is what a reader goes by). CRCs are the original ones: the stored
    bytes are the inflated originals."""
    tail = min(e.record for e in entries.values())  # the original central directory starts here
    out = [data[:tail]]
    pos = tail
    records: list[bytes] = []
    for name, e in entries.items():
        rec = data[e.record : e.record_end]
        body = stored.get(name)
        if body is None:
            records.append(rec)
            continue
        (name_len,) = struct.unpack_from("<H", rec, 28)
        size = struct.pack("<III", e.crc, len(body), len(body))
        flags = struct.pack("<HH", e.flags & 0x0800, 0)  # keep only "names are UTF-8"; method 0
        local = b"PK\x03\x04\x14\x00" + flags + rec[12:16] + size + rec[28:30] + b"\x00\x00" + rec[46 : 46 + name_len]
        records.append(rec[:8] + flags + rec[12:16] + size + rec[28:42] + struct.pack("<I", pos) + rec[46:])
        out += (local, body)
        pos += len(local) + len(body)
    directory = b"".join(records)
    n = len(records)
    out += (directory, b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, n, n, len(directory), pos, 0))
    return b"".join(out)


def _check_zip(data: bytes, entries: dict[str, _Entry] | None) -> FileProblem | None:
    try:
        if entries is None:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                sizes = {i.filename: i.file_size for i in zf.infolist()}
        else:
            sizes = {name: e.unpacked for name, e in entries.items()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:  # a zip "version 8.4"
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


def _mb(n: int, limit: int | None = None) -> str:
    """``n`` bytes in MB; to the byte when one decimal would not tell it from ``limit``."""
    text = f"{n / 1024 / 1024:.1f} MB"
    if limit is not None and n != limit and text == _mb(limit):
        return f"{n:,} B"
    return text


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
# <c r="B5" and every row tag <row r="5", one r each, no namespace prefix, no column past Z and
# no row past 999. It is recognised by counting fixed strings in one translated copy of its
# <sheetData>: digits made 0, A–Z made A, tab, CR and LF made a tab, non-ASCII bytes deleted
# (bytes.translate and bytes.count run in C at a few instructions a byte; a regular expression
# tried at every tag costs several times more). A usual cell tag then reads <c r="A0">, and a
# usual row tag <row r="0">, with one to three 0s.
#
# Deleting non-ASCII bytes never makes a far cell look usual: XML's syntax (names' starts, =,
# quotes, whitespace) is ASCII, and python-calamine refuses a position holding anything but
# ASCII letters and digits, so a deletion can only join characters into <c r="A0 where the tag
# is no cell to python-calamine or its position is refused.
_AS_CLASSES = bytes.maketrans(bytes(range(65, 91)) + b"0123456789\n\r", b"A" * 26 + b"0" * 10 + b"\t\t")
_NON_ASCII = bytes(range(128, 256))
_PREFIXED_TAG = re.compile(rb":(?:c|row)[\t />]")  # <x:c ...> (in the copy: tabs stand for CR and LF)


def _usual(data: bytes) -> bool:
    """Whether ``data`` (a <sheetData> element) is the usual sheet described above.

    Each way to spell a position python-calamine reads, other than the usual one, breaks one of
    the equalities or adds a string that must be absent: a tag without r, or with r not first
    (<c t="s" r="B5">), a second r (r='B5' included), r spaced (r = "B5"), a column lower-case,
    of two letters or none, a row past 999, a namespace prefix (<x:c>)."""
    t = data.translate(_AS_CLASSES, _NON_ASCII)
    cells = t.count(b'<c r="A0')
    rows = t.count(b'<row r="0')
    return (
        t.count(b"<c") == cells  # every cell tag starts with a usual position
        and t.count(b"<row") == rows
        and t.count(b"r=") == cells + rows  # and there is no other r= anywhere
        and b'<c r="A0000' not in t  # a row of four digits or more
        and b'<row r="0000' not in t
        and b" =" not in t  # r = "B5"
        and b"\t=" not in t
        and _PREFIXED_TAG.search(t) is None
    )


def sheet_extent(xml: bytes) -> tuple[int, int] | None:
    """Upper bounds of the (rows, columns) python-calamine would make of a sheet's XML, or None
    when the sheet certainly stays within MAX_ROWS x MAX_COLS.

    The usual sheet (see above) is cleared by a few counts over a translated copy of its
    <sheetData>; any other is worked out exactly."""
    start, end = xml.find(b"<sheetData"), xml.rfind(b"</sheetData>")
    if start < 0 or end < start:
        return _exact_extent(xml)  # no (or a namespaced) sheetData: nothing usual about it
    if _usual(xml[start:end]):
        return None
    return _exact_extent(xml)


_TAG = re.compile(_PREFIX + rb"(row|c)(?=[\s/>])([^>]*)>")


def _exact_extent(xml: bytes) -> tuple[int, int]:
    """(rows, columns) bounds of the cells that hold something, walked tag by tag.

    A row or cell without r takes the position after the previous one, as python-calamine does.
    An empty cell (``<c r="XFD1048576" s="3"/>``, ``<c ...></c>``) and a row with no cells are
    not data: LibreOffice writes an empty ``<row r="1048576">`` after a row is deleted, and
    python-calamine leaves such cells out of its grid. A cell with any child element counts,
    whatever the child holds. Where a tag carries r twice, the larger position counts."""
    rows = cols = 0
    row = col = 0
    for m in _TAG.finditer(xml):
        attrs = m.group(2)
        refs = _REF.findall(b" " + attrs)
        if m.group(1) == b"row":
            row = max((int(d) for _, d in refs), default=row + 1)
            col = 0
            continue
        letters = [c for c, _ in refs if c]
        col = max(_col_number(c) for c in letters) if letters else col + 1
        if refs:
            row = max(row, *(int(d) for _, d in refs)) if not letters else max(int(d) for c, d in refs if c)
        if attrs.endswith(b"/"):
            continue  # <c .../>: empty
        nxt = xml.find(b"<", m.end())
        if nxt < 0 or xml.startswith(b"</", nxt):
            continue  # <c ...></c>: empty
        rows = max(rows, row or 1)
        cols = max(cols, col)
    return rows, cols


class _XlsxParts:
    """The raw parts of an .xlsx/.xlsm, opened once per file: which zip entry holds which sheet."""

    _ERRORS = (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, EOFError, zlib.error)

    def __init__(self, data: bytes, entries: dict[str, _Entry] | None) -> None:
        from html import unescape

        self.data = data
        self.index = entries
        self.parts: dict[str, str] = {}
        self._inflated: dict[str, bytes | None] = {}  # part -> its XML, each inflated once
        self.whole: set[str] = set()  # parts inflated to their end, at the size the directory says
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
            offset, size, _, method, *_ = self.index[name]
            if self.data[offset : offset + 4] != b"PK\x03\x04":
                return None
            name_len, extra_len = struct.unpack_from("<HH", self.data, offset + 26)
            start = offset + 30 + name_len + extra_len
            raw = self.data[start : start + size]
            if method == 0:
                return raw
            if method == 8:
                inflater = zlib.decompressobj(-15)
                out = inflater.decompress(raw, MAX_UNPACKED_BYTES)
                if inflater.eof and len(out) == self.index[name].unpacked:
                    self.whole.add(name)
                return out
            return None
        except self._ERRORS:
            return None

    def _xml(self, sheet: str) -> bytes | None:
        part = self.parts.get(sheet)
        if part is None:
            return None
        if part not in self._inflated:
            self._inflated[part] = self._read(part)
        return self._inflated[part]

    def stored_copy(self, sheets: Iterable[str]) -> bytes | None:
        """The file's bytes with the XML of ``sheets`` stored rather than deflated, or None.

        The sheets are inflated here once, for the far-cell screen (see :meth:`extent`); the copy
        hands python-calamine that same XML, so it does not inflate them a second time. Every
        other entry keeps its original bytes, and the XML of a sheet is byte for byte the one
        the file holds: only the zip's packing changes. A sheet is left as it was when it does
        not inflate cleanly to the size the zip directory gives (python-calamine then meets the
        same damage it would have met). Nothing is written anywhere: the copy is in memory."""
        if self.index is None:
            return None
        swap: dict[str, bytes] = {}
        for sheet in sheets:
            part = self.parts.get(sheet)
            if part is None or part in swap:
                continue
            entry = self.index.get(part)
            if entry is None or entry.method != 8 or entry.flags & 1:  # flag 1: an encrypted entry
                continue
            xml = self._xml(sheet)
            if xml is not None and part in self.whole:
                swap[part] = xml
        if not swap:
            return None
        try:
            return _repacked(self.data, self.index, swap)
        except (struct.error, ValueError, OverflowError):
            return None

    def extent(self, sheet: str, listed: bool = True) -> tuple[int, int] | None:
        """Upper bounds of the sheet's (rows, columns) from its XML; None when it certainly stays
        within the limits, or has no XML here.

        Read before calamine sees the sheet: calamine builds a dense grid from A1 to the last
        cell, so one cell at XFD1048576 would ask for 17 billion cells and abort the process."""
        xml = self._xml(sheet)
        if xml is not None:
            return sheet_extent(xml)
        if self.index is None or not listed:
            return None
        # A sheet the workbook has, whose XML is not where workbook.xml and its relationships say
        # (an odd path): python-calamine may still find it, so every sheet-like entry is bounded.
        found = [
            bound
            for name in self.index
            if (xml := self._read(name)) is not None and b"sheetData" in xml and (bound := sheet_extent(xml))
        ]
        return (max(r for r, _ in found), max(c for _, c in found)) if found else None

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
