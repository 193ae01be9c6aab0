"""Check one return against the plan: every problem becomes a finding with its cell.

The reader finds the header labels and the table columns by their text, so inserted rows and
reordered columns do not matter. One bad cell never hides the next: every row is read and
every problem is reported.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ipcounty.findings import Finding
from ipcounty.plan import Plan
from ipcounty.returns import layout as L
from ipcounty.returns.form_header import Ctx, Layout, find_layout, label_value, read_header
from ipcounty.returns.form_rows import read_table
from ipcounty.returns.model import Return
from ipcounty.returns.workbook import Book, Cell, open_book, quiet_stderr

# The sheets of a return python-calamine builds. The third sheet read, the stamp (L.META_SHEET), is
# normally read from its own XML (see Book.read_pairs): stored in python-calamine's copy of the file it
# would only cost the copy its making.
_SHEETS_BUILT = (L.SHEET, L.DETAIL_SHEET)


def read_return(path: Path, plan: Plan, *, name: str | None = None, today: dt.date | None = None) -> Return:
    """Read and check the return at ``path``. ``name`` is how findings refer to the file."""
    with quiet_stderr():  # one redirect for every python-calamine call the return needs
        return _read_return(path, plan, name, today)


def _read_return(path: Path, plan: Plan, name: str | None, today: dt.date | None) -> Return:
    ret = Return(file=name or str(path))
    book, problem = open_book(path, sheets=_SHEETS_BUILT)
    if problem is not None or book is None:
        assert problem is not None
        sheet = problem.params.get("sheet") if problem.code == "sheet-too-large" else None
        ret.findings.append(Finding(problem.code, "error", ret.file, sheet=sheet, params=problem.params))
        _guess_unit(plan, ret)
        return ret
    if L.SHEET not in book.sheet_names and book.is_ipcounty_export():
        book.close()
        return Return(file=ret.file, skip_reason="output")
    try:
        ret.sha256 = book.sha256
        _check_format(book, ret)
        _read_book(book, plan, ret, today or dt.date.today())
        _guess_unit(plan, ret)
    except Exception as exc:
        if os.environ.get("IPCOUNTY_DEBUG"):
            raise
        ret.findings.append(
            Finding("reader-failed", "error", ret.file, params={"detail": f"{type(exc).__name__}: {exc}"[:200]})
        )
    finally:
        book.close()
    return ret


_KIND_OF_EXT = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods", ".xlsb": "xlsb"}
_EXT_OF_KIND = {"xlsx": ".xlsx", "xls": ".xls", "ods": ".ods", "xlsb": ".xlsb"}


def _check_format(book: Book, ret: Return) -> None:
    """Warn when the name says one format and the bytes another (read by what the bytes are)."""
    ext = book.path.suffix.lower()
    if book.kind and _KIND_OF_EXT.get(ext) not in (book.kind, None):
        params = {"ext": ext, "kind": _EXT_OF_KIND[book.kind]}
        ret.findings.append(Finding("file-format-differs", "warning", ret.file, params=params))


def _read_book(book: Book, plan: Plan, ret: Return, today: dt.date) -> None:
    ctx = Ctx(ret, book=book, words=plan.words)
    sheet = L.SHEET
    if sheet not in book.sheet_names:
        close = [s for s in book.sheet_names if L.clean_label(s) == L.clean_label(L.SHEET)]
        if not close:
            ctx.sheet = None  # type: ignore[assignment]  # a file-level finding has no sheet
            ctx.add("sheet-missing", "error", sheet=L.SHEET, sheets=tuple(book.sheet_names) or "—")
            return
        sheet = ctx.sheet = close[0]
    _check_stamp(book, plan, ctx)
    grid, problem = book.read_sheet(sheet)
    if problem is not None:
        ctx.add(problem.code, "error", problem.cell, **problem.params)
        return
    layout = find_layout(grid, L.clean_label(plan.words.unit_word))
    layout.merged = book.merged.get(sheet, [])
    read_header(grid, layout, plan, ctx, today)
    _compare_stamp_unit(plan, ctx, layout, grid)
    rows_read = read_table(grid, layout, plan, ctx)
    if ret.unit != plan.district_name and rows_read:
        from ipcounty.returns.evidence import read_evidence

        # Every row of the table counts here, its 本年完成 read or not: a bad count must not
        # hide the checks of the items behind it (one round trip for the clerk, not two).
        read_evidence(book, plan, ret, plan.unit_indicators(), rows_read)


def _compare_stamp_unit(plan: Plan, ctx: Ctx, lay: Layout, grid: list[list[Cell]]) -> None:
    """The unit in the 镇街 cell against the one the template was made for (its stamp).

    They differ when a clerk copied another unit's form: a warning naming both. When the cell
    could not be read, the stamp (or the file name) says whose return it probably is."""
    ret = ctx.ret
    stamped = plan.canonical_unit(ret.stamp.get("unit", "")) if ret.stamp.get("unit") else None
    if ret.unit is not None and stamped is not None and stamped[0] != ret.unit:
        found = label_value(grid, lay, L.LABEL_UNIT)
        ctx.add("unit-differs-from-stamp", "warning", found[1] if found else None, unit=ret.unit, stamp=stamped[0])


def _guess_unit(plan: Plan, ret: Return) -> None:
    """For a return whose 镇街 could not be read: the unit its stamp or its file name names."""
    if ret.unit is not None:
        return
    stamped = plan.canonical_unit(ret.stamp["unit"]) if ret.stamp.get("unit") else None
    if stamped is not None:
        ret.unit_hint = stamped[0]
        return
    for part in Path(ret.file).stem.replace("-", "_").split("_"):
        canon = plan.canonical_unit(part) if part else None
        if canon is not None:
            ret.unit_hint = canon[0]
            return


def _check_stamp(book: Book, plan: Plan, ctx: Ctx) -> None:
    if L.META_SHEET not in book.sheet_names:
        ctx.add("no-template-stamp", "warning", sheet=L.META_SHEET)
        return
    grid, problem = book.read_pairs(L.META_SHEET)
    if problem is not None:
        ctx.add("no-template-stamp", "warning", sheet=L.META_SHEET)
        return
    shared = L.shared
    stamp = {
        shared(str(r[0]).strip()): shared(str(r[1]).strip()) for r in grid if len(r) >= 2 and isinstance(r[0], str)
    }
    ctx.ret.stamp = stamp
    if stamp.get("plan_id") and stamp["plan_id"] != plan.info.id:
        ctx.add("plan-mismatch", "error", other=stamp["plan_id"])
    elif stamp.get("plan_fingerprint") and stamp["plan_fingerprint"] != plan.fingerprint:
        ctx.add("plan-version-differs", "warning", theirs=stamp["plan_fingerprint"], ours=plan.fingerprint)
