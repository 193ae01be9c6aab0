"""Check one return against the plan: every problem becomes a finding with its cell.

The reader finds the header labels and the table columns by their text, so inserted rows and
reordered columns do not matter. One bad cell never hides the next: every row is read and
every problem is reported.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipcounty.findings import Finding, Severity
from ipcounty.i18n import PlanWords, did_you_mean, phrase
from ipcounty.plan import Indicator, Plan
from ipcounty.render.numbers import fmt_number
from ipcounty.returns import layout as L
from ipcounty.returns.lookups import lookups
from ipcounty.returns.model import Return, Value
from ipcounty.returns.values import (
    Parsed,
    is_blank,
    parse_choice,
    parse_date,
    parse_number,
    parse_text,
    parse_year,
)
from ipcounty.returns.workbook import Book, Cell, open_book

HEADER_SCAN_ROWS = 60
_SHEETS_READ = (L.SHEET, L.META_SHEET, L.DETAIL_SHEET)  # the sheets of a return that are read
LONG_TEXT = 2000


@dataclass
class _Ctx:
    """The return being read and where its findings go."""

    ret: Return
    sheet: str = L.SHEET
    formula_cells: set[str] | None = None
    book: Book | None = None
    words: PlanWords | None = None  # the plan's words, for messages read outside a command

    def add(
        self, finding: str, severity: Severity, cell: str | None = None, key: str | None = None, **params: Any
    ) -> None:
        self.ret.findings.append(
            Finding(
                finding,
                severity,
                self.ret.file,
                sheet=self.sheet,
                cell=cell,
                params=params,
                message_key=key,
                words=self.words,
            )
        )

    def is_uncached_formula(self, cell: str) -> bool:
        if self.book is None:
            return False
        if self.formula_cells is None:
            self.formula_cells = self.book.formula_cells(self.sheet)
        return cell in self.formula_cells


@dataclass
class _Layout:
    labels: dict[str, tuple[int, int]] = field(default_factory=dict)  # label -> (row, col) of label
    header_row: int | None = None
    columns: dict[str, int] = field(default_factory=dict)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    more_labels: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # later cells of a label

    def right_of(self, r: int, c: int) -> int:
        """The column just right of cell (r, c), past the merged range it belongs to."""
        for (r0, c0), (r1, c1) in self.merged:
            if r0 <= r <= r1 and c0 <= c <= c1:
                return c1 + 1
        return c + 1


def read_return(path: Path, plan: Plan, *, name: str | None = None, today: dt.date | None = None) -> Return:
    """Read and check the return at ``path``. ``name`` is how findings refer to the file."""
    ret = Return(file=name or str(path))
    book, problem = open_book(path, sheets=_SHEETS_READ)
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
    ctx = _Ctx(ret, book=book, words=plan.words)
    sheet = L.SHEET
    if sheet not in book.sheet_names:
        close = [s for s in book.sheet_names if L.clean_label(s) == L.clean_label(L.SHEET)]
        if not close:
            ctx.sheet = None  # type: ignore[assignment]  # a file-level finding has no sheet
            ctx.add("sheet-missing", "error", sheet=L.SHEET, sheets="、".join(book.sheet_names) or "—")
            return
        sheet = ctx.sheet = close[0]
    _check_stamp(book, plan, ctx)
    grid, problem = book.read_sheet(sheet)
    if problem is not None:
        ctx.add(problem.code, "error", problem.cell, **problem.params)
        return
    layout = _find_layout(grid, L.clean_label(plan.words.unit_word))
    layout.merged = book.merged.get(sheet, [])
    _read_header(grid, layout, plan, ctx, today)
    _compare_stamp_unit(plan, ctx, layout, grid)
    rows_read = _read_table(grid, layout, plan, ctx)
    if ret.unit != plan.district_name and rows_read:
        from ipcounty.returns.evidence import read_evidence

        # Every row of the table counts here, its 本年完成 read or not: a bad count must not
        # hide the checks of the items behind it (one round trip for the clerk, not two).
        read_evidence(book, plan, ret, plan.unit_indicators(), rows_read)


def _compare_stamp_unit(plan: Plan, ctx: _Ctx, lay: _Layout, grid: list[list[Cell]]) -> None:
    """The unit in the 镇街 cell against the one the template was made for (its stamp).

    They differ when a clerk copied another unit's form: a warning naming both. When the cell
    could not be read, the stamp (or the file name) says whose return it probably is."""
    ret = ctx.ret
    stamped = plan.canonical_unit(ret.stamp.get("unit", "")) if ret.stamp.get("unit") else None
    if ret.unit is not None and stamped is not None and stamped[0] != ret.unit:
        found = _label_value(grid, lay, L.LABEL_UNIT)
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


def _check_stamp(book: Book, plan: Plan, ctx: _Ctx) -> None:
    if L.META_SHEET not in book.sheet_names:
        ctx.add("no-template-stamp", "warning", sheet=L.META_SHEET)
        return
    grid, problem = book.read_sheet(L.META_SHEET)
    if problem is not None:
        ctx.add("no-template-stamp", "warning", sheet=L.META_SHEET)
        return
    stamp = {str(r[0]).strip(): str(r[1]).strip() for r in grid if len(r) >= 2 and isinstance(r[0], str)}
    ctx.ret.stamp = stamp
    if stamp.get("plan_id") and stamp["plan_id"] != plan.info.id:
        ctx.add("plan-mismatch", "error", other=stamp["plan_id"])
    elif stamp.get("plan_fingerprint") and stamp["plan_fingerprint"] != plan.fingerprint:
        ctx.add("plan-version-differs", "warning", theirs=stamp["plan_fingerprint"], ours=plan.fingerprint)


def _at(grid: list[list[Cell]], r: int, c: int) -> Cell:
    if 0 <= r < len(grid) and 0 <= c < len(grid[r]):
        v = grid[r][c]
        return None if v == "" else v
    return None


def _find_layout(grid: list[list[Cell]], unit_word: str = "") -> _Layout:
    """Where the header labels and the table's header row are, found by their text in one pass.

    ``unit_word`` is the plan's word for a unit (cleaned), read as the unit label too."""
    lay = _Layout()
    labels: dict[str, tuple[int, int]] = {}
    for r, row in enumerate(grid):
        found: dict[str, int] = {}
        for c, v in enumerate(row):
            if not v or v.__class__ is not str:
                continue
            label, col = L.label_and_column(v)
            if label is None and unit_word and L.clean_label(v) == unit_word:
                label = L.LABEL_UNIT
            if col and col not in found:
                found[col] = c
            if label and r < HEADER_SCAN_ROWS:
                if label not in labels:
                    labels[label] = (r, c)
                else:
                    lay.more_labels.setdefault(label, []).append((r, c))
        if L.COL_ACTUAL in found and (L.COL_CODE in found or len(found) >= 4):
            lay.header_row = r
            lay.columns = found
            # Labels on the header row itself (单位 is both a label and a column) are columns.
            lay.labels = {k: v for k, v in labels.items() if v[0] < r}
            return lay
    lay.labels = labels
    return lay


def _label_value(grid: list[list[Cell]], lay: _Layout, label: str) -> tuple[Cell, str] | None:
    """The value in the cell right of ``label`` (past a merged label cell) and that cell's name."""
    if label not in lay.labels:
        return None
    r, c = lay.labels[label]
    vc = lay.right_of(r, c)
    return _at(grid, r, vc), L.cell_name(r, vc)


def _choose_unit_label(grid: list[list[Cell]], lay: _Layout, plan: Plan) -> None:
    first = lay.labels.get(L.LABEL_UNIT)
    if first is None:
        return
    cells = [first, *[rc for rc in lay.more_labels.get(L.LABEL_UNIT, []) if rc[0] < (lay.header_row or 10**9)]]
    if len(cells) == 1:
        return

    def value(rc: tuple[int, int]) -> str:
        v = _at(grid, rc[0], lay.right_of(*rc))
        return v.strip() if isinstance(v, str) else ""

    symbols = set(plan.symbols) | {"万元", "元", "亿元"}
    named = [rc for rc in cells if value(rc) and plan.canonical_unit(value(rc)) is not None]
    plausible = [rc for rc in cells if value(rc) and value(rc) not in symbols]
    lay.labels[L.LABEL_UNIT] = (named or plausible or cells)[0]


def _filled_label(
    grid: list[list[Cell]], lay: _Layout, ctx: _Ctx, label: str, missing: str, **params: Any
) -> tuple[Cell, str] | None:
    """The value and cell of a required header label; None after recording why there is none."""
    found = _label_value(grid, lay, label)
    if found is None:
        ctx.add("label-missing", "error", label=label)
        return None
    raw, cell = found
    if is_blank(raw):
        ctx.add(missing, "error", cell, **params)
        return None
    return raw, cell


def _read_header(grid: list[list[Cell]], lay: _Layout, plan: Plan, ctx: _Ctx, today: dt.date) -> None:
    ret = ctx.ret
    example_year = plan.years[min(1, len(plan.years) - 1)]
    # The unit. A form's "单位：个" (the unit of measure, often top right above the header block)
    # reads like the label 单位 (= 镇街): the cell whose value names a unit wins, then any cell
    # whose value is not a unit of measure.
    _choose_unit_label(grid, lay, plan)
    found = _label_value(grid, lay, L.LABEL_UNIT)
    if found is None:
        ctx.add("label-missing", "error", label=plan.words.unit_word)
    else:
        raw, cell = found
        text = parse_text(raw).value if not is_blank(raw) else ""
        assert isinstance(text, str)
        key = L.clean_label(text)
        if not key:
            ctx.add("township-missing", "error", cell, example=plan.unit_names[0])
        else:
            canon = plan.canonical_unit(text) or plan.canonical_unit(key)
            if canon is None:
                ctx.add(
                    "unknown-township",
                    "error",
                    cell,
                    key="unknown-township-return",
                    value=text,
                    hint=did_you_mean(key, plan.all_names()),
                )
            else:
                ret.unit = canon[0]
                if canon[1] or raw != canon[0]:
                    # Quote what was typed (spaces included), else " 税郭镇 " reads "税郭镇按税郭镇处理".
                    shown = raw if isinstance(raw, str) else text
                    ctx.add("township-alias", "warning", cell, value=shown, name=canon[0])
    # The year.
    found = _filled_label(grid, lay, ctx, L.LABEL_YEAR, "year-missing", example=example_year)
    if found is not None:
        raw, cell = found
        p = parse_year(raw)
        if not p.ok:
            ctx.add("bad-year", "error", cell, value=raw, example=example_year)
        elif p.value not in plan.years:
            ctx.add("year-outside-plan", "error", cell, year=p.value, start=plan.years[0], end=plan.years[-1])
        else:
            ret.year = p.value
            if p.normalised:
                ctx.add(
                    "value-normalised",
                    "warning",
                    cell,
                    value=raw,
                    number=p.value,
                    what=[phrase(k) for k in p.normalised],
                )
    # The as-of date.
    example = plan.example_as_of(ret.year or example_year).isoformat()
    found = _filled_label(grid, lay, ctx, L.LABEL_AS_OF, "date-missing", example=example)
    if found is not None:
        raw, cell = found
        p = parse_date(raw)
        if not p.ok:
            ctx.add("bad-date", "error", cell, value=raw, example=example)
        else:
            d: dt.date = p.value
            if ret.year is not None and d.year != ret.year:
                ctx.add("date-outside-year", "error", cell, date=d.isoformat(), year=ret.year)
            elif not plan.info.start <= d <= plan.info.end:
                ctx.add(
                    "date-outside-plan",
                    "error",
                    cell,
                    date=d.isoformat(),
                    start=plan.info.start.isoformat(),
                    end=plan.info.end.isoformat(),
                )
            else:
                ret.as_of = d
                if d > today:
                    ctx.add("date-in-future", "warning", cell, date=d.isoformat(), today=today.isoformat())
            if p.normalised:
                ctx.add(
                    "date-normalised",
                    "warning",
                    cell,
                    value=raw,
                    date=d.isoformat(),
                    what=[phrase(k) for k in p.normalised if not k.startswith("norm-")],
                )
    for label, attr in ((L.LABEL_REPORTER, "reporter"), (L.LABEL_PHONE, "phone")):
        found = _label_value(grid, lay, label)
        if found is not None and not is_blank(found[0]):
            p = parse_text(found[0])
            setattr(ret, attr, p.value)
            if p.normalised:
                ctx.add("text-cleaned", "warning", found[1])


def _expected(plan: Plan, unit: str | None, year: int | None, codes_seen: set[str]) -> list[Indicator]:
    """The indicators this return must carry (None when the unit is unknown and cannot tell)."""
    district_codes = {i.code for i in plan.district_form_indicators()}
    if unit is None:
        # Unknown unit: judge by what the rows carry, so each row is still checked.
        is_district = len(codes_seen & district_codes) > len(codes_seen - district_codes)
        unit = plan.district_name if is_district else None
    if unit == plan.district_name:
        return plan.district_form_indicators()
    y = year or plan.years[0]
    if unit is None:
        return plan.unit_indicators()
    return [i for i in plan.unit_indicators() if plan.target(i.code, unit, y) is not None]


def _read_table(grid: list[list[Cell]], lay: _Layout, plan: Plan, ctx: _Ctx) -> set[str]:
    """Check every row of the table; the codes of the indicators whose row was read."""
    ret = ctx.ret
    read: set[str] = set()
    if lay.header_row is None:
        for col in L.REQUIRED_COLUMNS:
            ctx.add("column-missing", "error", column=col, columns="、".join(L.TABLE_COLUMNS))
        return read
    hr = lay.header_row
    for col in L.REQUIRED_COLUMNS:
        if col not in lay.columns:
            ctx.add("column-missing", "error", L.cell_name(hr, 0), column=col, columns="、".join(L.TABLE_COLUMNS))
    if L.COL_ACTUAL not in lay.columns:
        return read
    cols = lay.columns
    by_code, by_name = lookups(plan)

    rows: list[tuple[int, Indicator]] = []
    first_cell: dict[str, str] = {}
    for r in range(hr + 1, len(grid)):
        code_raw = _at(grid, r, cols[L.COL_CODE]) if L.COL_CODE in cols else None
        name_raw = _at(grid, r, cols[L.COL_NAME]) if L.COL_NAME in cols else None
        actual_raw = _at(grid, r, cols[L.COL_ACTUAL])
        code_cell = L.cell_name(r, cols.get(L.COL_CODE, cols.get(L.COL_NAME, 0)))
        code_text = L.clean_label(code_raw).upper() if isinstance(code_raw, str) else ""
        ind = by_code.get(code_text)
        if ind is None and code_text == "" and not is_blank(name_raw):
            ind = by_name.get(L.clean_label(name_raw))
            if ind is not None and L.COL_CODE in cols:
                ctx.add("indicator-by-name", "warning", code_cell, value=str(name_raw).strip(), code=ind.code)
        if ind is None:
            if is_blank(code_raw) and is_blank(name_raw) and is_blank(actual_raw):
                continue
            if is_blank(actual_raw) and not _looks_like_code(code_raw):
                continue  # a signature line or footnote under the table: it holds no figure
            shown = code_raw if not is_blank(code_raw) else name_raw
            ctx.add("indicator-unknown", "error", code_cell, value=str(shown).strip())
            continue
        if ind.code in first_cell:
            ctx.add("indicator-duplicate", "error", code_cell, code=ind.code, other=first_cell[ind.code])
            continue
        first_cell[ind.code] = code_cell
        rows.append((r, ind))

    expected = _expected(plan, ret.unit, ret.year, set(first_cell))
    expected_codes = {i.code for i in expected}
    for r, ind in rows:
        if ind.code not in expected_codes:
            unit_name = ret.unit or "本单位"
            ctx.add("indicator-not-for-unit", "error", first_cell[ind.code], code=ind.code, unit=unit_name)
            continue
        _read_row(grid, r, ind, cols, plan, ctx)
        read.add(ind.code)
    if ret.unit is None:
        return read  # an unknown unit: which rows it must carry is unknown too (its error says so)
    for ind in expected:
        if ind.code not in first_cell:
            ctx.add("indicator-missing", "error", code=ind.code, name=ind.name)
    return read


def _looks_like_code(raw: Cell) -> bool:
    return isinstance(raw, str) and L.clean_label(raw).isalnum() and len(L.clean_label(raw)) <= 8


def _read_row(grid: list[list[Cell]], r: int, ind: Indicator, cols: dict[str, int], plan: Plan, ctx: _Ctx) -> None:
    ret = ctx.ret
    name_raw = _at(grid, r, cols[L.COL_NAME]) if L.COL_NAME in cols else None
    if isinstance(name_raw, str) and name_raw != ind.name and lookups(plan)[1].get(L.clean_label(name_raw)) is not ind:
        ctx.add(
            "name-mismatch",
            "warning",
            L.cell_name(r, cols[L.COL_NAME]),
            value=name_raw.strip(),
            code=ind.code,
            name=ind.name,
        )
    if L.COL_TARGET in cols and ret.unit and ret.year and ind.kind in ("flow", "stock", "rate"):
        target = plan.target(ind.code, ret.unit, ret.year)
        t_raw = _at(grid, r, cols[L.COL_TARGET])
        if target is not None and t_raw != target and not is_blank(t_raw):
            written = parse_number(t_raw, ind.unit, integer=False, rate=False)
            if written.ok and abs(written.value - target) > 1e-9:
                ctx.add(
                    "target-differs",
                    "warning",
                    L.cell_name(r, cols[L.COL_TARGET]),
                    value=fmt_number(written.value),
                    target=fmt_number(target),
                )

    c = cols[L.COL_ACTUAL]
    cell = L.cell_name(r, c)
    raw = _at(grid, r, c)
    note = ""
    if L.COL_NOTE in cols:
        note_raw = _at(grid, r, cols[L.COL_NOTE])
        if not is_blank(note_raw):
            pn = parse_text(note_raw)
            note = pn.value
            note_cell = L.cell_name(r, cols[L.COL_NOTE])
            if pn.normalised:
                ctx.add("text-cleaned", "warning", note_cell)
            if len(note) > LONG_TEXT:
                ctx.add("value-too-long", "warning", note_cell, length=len(note), limit=LONG_TEXT)

    baseline = _read_baseline(grid, r, ind, cols, plan, ctx)
    if is_blank(raw):
        if ctx.is_uncached_formula(cell):
            ctx.add("formula-no-value", "error", cell)
        elif ind.kind in ("yesno", "qualitative"):
            choices = L.YESNO_CHOICES if ind.kind == "yesno" else L.STATE_CHOICES
            ctx.add("empty-choice", "error", cell, choices="/".join(choices))
        else:
            ctx.add("empty-value", "error", cell)
        return
    p: Parsed
    if ind.kind == "yesno":
        p = parse_choice(raw, L.YESNO_CHOICES)
    elif ind.kind == "qualitative":
        p = parse_choice(raw, L.STATE_CHOICES)
    else:
        p = parse_number(
            raw,
            ind.unit,
            integer=ind.integer,
            rate=ind.rate,
            known_units=plan.symbols,
            same_units=plan.same_as.get(ind.unit, ()),
        )
    if not p.ok:
        assert p.error is not None
        ctx.add(p.error, "error", cell, **p.params)
        return
    visible = [k for k in p.normalised if k != "norm-float-noise"]  # Excel shows 15, not 15.000000000000002
    if visible:
        shown = fmt_number(p.value) if isinstance(p.value, float) else p.value
        ctx.add(
            "value-normalised",
            "warning",
            cell,
            value=raw,
            number=shown,
            what=[phrase(k, unit=ind.unit, **p.params) for k in visible],
        )
    ret.values[ind.code] = Value(ind.code, p.value, cell, note, baseline)


def _read_baseline(
    grid: list[list[Cell]], r: int, ind: Indicator, cols: dict[str, int], plan: Plan, ctx: _Ctx
) -> float | None:
    """The 基期值 of a stock goal on a form that asks for it (blank is allowed: no baseline)."""
    if L.COL_BASELINE not in cols or ind.kind != "stock" or ind.scope != "period":
        return None
    raw = _at(grid, r, cols[L.COL_BASELINE])
    if is_blank(raw):
        return None
    cell = L.cell_name(r, cols[L.COL_BASELINE])
    p = parse_number(raw, ind.unit, integer=ind.integer, rate=ind.rate, known_units=plan.symbols)
    if not p.ok:
        assert p.error is not None
        ctx.add(p.error, "error", cell, **p.params)
        return None
    value: float = p.value
    return value
