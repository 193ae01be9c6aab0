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
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipcounty.returns import sheet_size
from ipcounty.returns.limits import (
    EXTENSIONS,
    MAX_CELLS,
    MAX_COLS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    Cell,
    FileProblem,
)
from ipcounty.returns.rawfile import content_kind, phrase_of, read_regular_file, short_detail, sniff
from ipcounty.returns.xlsx_pairs import plain_pairs
from ipcounty.returns.xlsx_screen import exact_extent, sheet_extent
from ipcounty.returns.zipparts import Entry, XlsxParts, zip_entries

__all__ = [
    "EXTENSIONS",
    "MAX_CELLS",
    "MAX_COLS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "Book",
    "Cell",
    "FileProblem",
    "content_kind",
    "exact_extent",
    "open_book",
    "quiet_stderr",
    "read_regular_file",
    "sheet_extent",
]


# The XML around a plain sheet of pairs (see Book.read_pairs), by its bytes: whether python-calamine
# read the sheet it was part of as plain_pairs does.
_PLAIN_SHEETS: dict[bytes, bool] = {}


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
    _parts: XlsxParts | None = None
    _entries: dict[str, Entry] | None = None  # the zip directory, read once by open_book
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
            with _QUIET:
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
            return [], FileProblem("file-corrupt", {"detail": short_detail(exc)})
        except RustPanic as exc:
            huge = self._xlsx().huge_numbers(name) if self._is_xlsx() else []
            return [], FileProblem(
                "sheet-unreadable-cell",
                {"sheet": name, "cells": tuple(huge[:10]) or "?", "detail": short_detail(exc)},
                cell=huge[0] if huge else None,
            )
        return grid, None

    def read_pairs(self, name: str) -> tuple[list[list[Cell]], FileProblem | None]:
        """:meth:`read_sheet` for a small sheet of text pairs (the hidden _ipcounty sheet): read from
        its XML when it is written as ipcounty writes it, else by python-calamine.

        The same grid either way: the cells are text in the one spelling :func:`plain_pairs`
        reads, and the rest of the sheet's XML (what python-calamine might trip over) is read by
        python-calamine once per spelling and its grid compared (one template, one spelling)."""
        if self.kind == "xlsx":
            xml = self._xlsx()._xml(name)
            found = plain_pairs(xml) if xml is not None else None
            if found is not None:
                grid, around = found
                known = _PLAIN_SHEETS.get(around)
                if known:
                    return grid, None
                if known is None:
                    read, problem = self.read_sheet(name)
                    if len(_PLAIN_SHEETS) >= 64:
                        _PLAIN_SHEETS.clear()
                    _PLAIN_SHEETS[around] = problem is None and read == grid
                    return read, problem
        return self.read_sheet(name)

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

    def _xlsx(self) -> XlsxParts:
        if self._parts is None:
            self._parts = XlsxParts(self.data, self._entries)
        return self._parts

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing a reader must never hide the result
            self._wb.close()


def open_book(path: Path, sheets: Collection[str] | None = None) -> tuple[Book | None, FileProblem | None]:
    """Open ``path`` for reading, or say precisely why it cannot be read.

    ``sheets`` names the sheets the caller means python-calamine to build (None: any). In an .xlsx
    their XML is inflated once, here, for both the far-cell screen and python-calamine (see
    :meth:`XlsxParts.stored_copy`); another sheet is inflated and screened when it is read, and
    python-calamine inflates it again if it builds it (as :meth:`Book.read_pairs` rarely does)."""
    ext = path.suffix.lower()
    if ext not in EXTENSIONS:
        return None, FileProblem("file-unsupported", {"ext": ext or phrase_of("ext-none")})
    data, problem = read_regular_file(path, MAX_FILE_BYTES)
    if problem is not None:
        return None, problem
    if not data:
        return None, FileProblem("file-empty")
    entries = zip_entries(data) if data[:2] == b"PK" else None
    problem = sniff(data, ext, entries)
    if problem:
        return None, problem
    kind = content_kind(data, entries)
    extents = _eager_extents(kind, data, entries)
    if extents is None and kind == "xlsb":
        # The binary format is not screened from its bytes here: its sheets are sized by
        # python-calamine in a child process, so a far cell kills the child, not ipcounty.
        extents = sheet_size.probe_in_child(data)
        if extents is None:
            return None, FileProblem("reader-failed", {"detail": phrase_of("reader-process-died")})
    for name, (rows, cols) in (extents or {}).items():
        if rows > MAX_ROWS or cols > MAX_COLS:
            # python-calamine builds every sheet of an .ods or .xls as it opens the file, so a
            # sheet too large is refused before it is opened at all.
            limit = f"{MAX_ROWS}×{MAX_COLS}"
            return None, FileProblem("sheet-too-large", {"sheet": name, "rows": rows, "cols": cols, "limit": limit})

    from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetVisibleEnum

    parts = XlsxParts(data, entries) if entries is not None and kind == "xlsx" else None
    feed = data
    if parts is not None:
        feed = parts.stored_copy(parts.parts if sheets is None else sheets) or data
    try:
        with _QUIET:
            wb = CalamineWorkbook.from_filelike(io.BytesIO(feed))
            meta = wb.sheets_metadata
    except RustPanic as exc:
        return None, FileProblem("file-corrupt", {"detail": short_detail(exc)})
    except PasswordError:
        return None, FileProblem("file-encrypted")
    except (CalamineError, ValueError, OSError, OverflowError, UnicodeError) as exc:
        text = str(exc).lower()
        if "password" in text or "encrypt" in text:
            return None, FileProblem("file-encrypted")
        return None, FileProblem("file-corrupt", {"detail": short_detail(exc)})
    names = [m.name for m in meta]
    visible = SheetVisibleEnum.Visible
    hidden = {m.name for m in meta if m.visible != visible}
    digest = hashlib.sha256(data).hexdigest()
    book = Book(path, data, digest, names, hidden, wb, _parts=parts, _entries=entries, kind=kind)
    book._extents = extents
    return book, None


def _eager_extents(kind: str, data: bytes, entries: dict[str, Entry] | None) -> dict[str, tuple[int, int]] | None:
    """Each sheet's extent for the formats python-calamine reads whole on opening (.ods, .xls)."""
    if kind == "xls":
        return sheet_size.xls_extents(data)
    if kind == "ods":
        content = XlsxParts(data, entries)._read("content.xml")
        return sheet_size.ods_extents(content) if content else {}
    return None


class RustPanic(Exception):
    """python-calamine panicked (a bug in the Rust reader, e.g. calamine issue #722: a date cell
    holding a number too large for a date). Raised in place of pyo3's PanicException, which
    derives from BaseException and so would slip past every ``except Exception``."""


_DEVNULL: int | None = None


class _Quiet:
    """File descriptor 2 pointed at /dev/null while python-calamine runs (Rust prints a panic's
    message and backtrace there, for the user to puzzle over), and a Rust panic turned into
    :class:`RustPanic` (pyo3's PanicException derives from BaseException, so it would slip past
    every ``except Exception``).

    A block inside another makes no system call: a return is read under one redirect (see
    ``read_return``), not one per python-calamine call. (A class, not a generator: entered
    several times a return.)"""

    depth = 0
    saved = -1

    def __enter__(self) -> None:
        global _DEVNULL
        if _Quiet.depth == 0:
            try:
                _Quiet.saved = os.dup(2)
                if _DEVNULL is None:
                    _DEVNULL = os.open(os.devnull, os.O_WRONLY)
                os.dup2(_DEVNULL, 2)
            except OSError:
                _Quiet.saved = -1
        _Quiet.depth += 1

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        _Quiet.depth -= 1
        if _Quiet.depth == 0 and _Quiet.saved >= 0:
            os.dup2(_Quiet.saved, 2)
            os.close(_Quiet.saved)
            _Quiet.saved = -1
        if kind is not None and kind.__name__ == "PanicException":
            raise RustPanic(str(exc) or "panic") from None


_QUIET = _Quiet()


def quiet_stderr() -> _Quiet:
    """The guard of :class:`_Quiet`, for a block that calls python-calamine (nested blocks are free)."""
    return _QUIET
