"""The 明细 sheet: the items behind each count, checked one by one.

Each indicator whose plan entry has ``evidence`` gets a table on sheet 明细, found by its header
row (all of its column names, in any order). Every row is checked: patent numbers and
统一社会信用代码 against their check digits, dates against the year, the key column present and
not repeated; and the number of rows against 本年完成.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from operator import itemgetter
from typing import Any, NamedTuple

from ipcounty.findings import Finding, Severity
from ipcounty.plan import Indicator, Plan
from ipcounty.render.numbers import ItemWord, fmt_number
from ipcounty.returns import layout as L
from ipcounty.returns.evidence_headers import Table, find_tables
from ipcounty.returns.identifiers import parse_credit_code, parse_patent, usual_credit_code, usual_patent
from ipcounty.returns.lookups import lookups as _lookups
from ipcounty.returns.model import Item, Return
from ipcounty.returns.values import is_blank, parse_date, parse_number, parse_text, parse_year
from ipcounty.returns.workbook import Book, Cell


def read_evidence(
    book: Book, plan: Plan, ret: Return, indicators: list[Indicator], rows: set[str] | None = None
) -> None:
    """Read sheet 明细 of ``book`` into ``ret.items`` and add its findings to ``ret``.

    ``rows`` are the indicators whose row the table has (default: those with a value). Their
    items are checked even when 本年完成 could not be read; only the count comparison needs it."""
    present = rows if rows is not None else set(ret.values)
    wanted = [i for i in indicators if i.evidence is not None and i.code in present]
    if not wanted:
        return
    counts = {i.code: ret.number(i.code) or 0 for i in wanted}

    def add(finding: str, severity: Severity, in_sheet: str | None, cell: str | None, **params: Any) -> None:
        ret.findings.append(Finding(finding, severity, ret.file, sheet=in_sheet, cell=cell, params=params))

    sheet = L.find_sheet(book.sheet_names, L.DETAIL_SHEET)
    if sheet is None:
        if any(counts.values()):
            add("evidence-sheet-missing", "warning", None, None, sheet=L.DETAIL_SHEET)
        return
    grid, problem = book.read_sheet(sheet)
    if problem is not None:
        add(problem.code, "error", sheet, problem.cell, **problem.params)
        return
    # Every table of the sheet bounds the one above it, even one whose count was left empty.
    all_tables = find_tables(grid, [i for i in indicators if i.evidence is not None])
    wanted_codes = {i.code for i in wanted}
    found = set()
    for i, t in enumerate(all_tables):
        if t.indicator.code not in wanted_codes:
            continue
        found.add(t.indicator.code)
        end = all_tables[i + 1].header_row - 1 if i + 1 < len(all_tables) else len(grid)

        def add_here(finding: str, severity: Severity, cell: str | None = None, **params: Any) -> None:
            add(finding, severity, sheet, cell, **params)

        _read_table(grid, t, end, ret, plan, add_here)
    for ind in wanted:
        spec = ind.evidence
        assert spec is not None
        if ind.code not in found:
            title = _title_cell(grid, ind)
            if title is not None:
                # The table is there but cannot be read (a renamed column, a table set beside
                # another): its items would be lost, so say so instead of "明细 is empty".
                names = tuple(c.name for c in spec.columns)
                add("evidence-table-unreadable", "error", sheet, title, code=ind.code, columns=names)
                continue
        items = ret.items.get(ind.code, [])
        actual = counts[ind.code]
        if ind.code not in ret.values:
            continue  # 本年完成 has its own finding: nothing to compare the items with
        value_cell = ret.values[ind.code].cell
        if ind.code not in found or not items:
            if actual:
                add(
                    "evidence-missing",
                    "warning",
                    L.SHEET,
                    value_cell,
                    code=ind.code,
                    actual=fmt_number(actual),
                    item=ItemWord(spec.item),
                    sheet=L.DETAIL_SHEET,
                )
        elif len(items) != actual:
            add(
                "evidence-count-mismatch",
                "error",
                L.SHEET,
                value_cell,
                code=ind.code,
                actual=fmt_number(actual),
                count=len(items),
                item=ItemWord(spec.item),
                sheet=L.DETAIL_SHEET,
            )


def _title_cell(grid: list[list[Cell]], ind: Indicator) -> str | None:
    """The cell holding the title of ``ind``'s 明细 table (``B1 新增有效发明专利明细``), anywhere on
    the sheet, or None."""
    spec = ind.evidence
    assert spec is not None
    title = L.clean_label(spec.title)
    prefix = f"{ind.code} "
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v.__class__ is str and v and (v.lstrip().startswith(prefix) or L.clean_label(v) == title):
                return L.cell_name(r, c)
    return None


class _Columns(NamedTuple):
    """What the item loop needs of one table's columns, worked out once per layout."""

    columns: list[tuple[str, int, str, bool]]  # (name, grid column, check, is key)
    # The same, with what the loop tests on every cell: a text column, a patent column (and
    # whether it must be an invention), a date column, a year column, a count column, a credit
    # code column.
    fast: list[tuple[str, int, str, bool, bool, bool, bool, bool, bool, bool, bool]]
    first_letters: str  # of the table's first column
    last_col: int
    width: int
    pick: Callable[[list[Cell]], tuple[Cell, ...]]  # the table's cells of a row
    key_name: str


_COLUMNS: dict[tuple[Any, ...], tuple[Indicator, _Columns]] = {}


def _table_columns(t: Table) -> _Columns:
    """Cached by the indicator's identity and the columns' places (every return of a template
    has the same); the cache holds the indicator, so its id cannot be reused while an entry lives."""
    key = (id(t.indicator), *t.columns.values())
    hit = _COLUMNS.get(key)
    if hit is not None and hit[0] is t.indicator:
        return hit[1]
    spec = t.indicator.evidence
    assert spec is not None
    columns = [(col.name, t.columns[col.name], col.check, col.key) for col in spec.columns]
    fast = [
        (
            name,
            c,
            check,
            is_key,
            check == "text",
            check in _PATENT_CHECKS,
            check == "invention_patent",
            check == "date",
            check == "year",
            check == "count",
            check == "credit_code",
        )
        for name, c, check, is_key in columns
    ]
    places = [c for _, c, _, _ in columns]
    only = places[0]
    pick = itemgetter(*places) if len(places) > 1 else (lambda row: (row[only],))
    made = _Columns(
        columns,
        fast,
        L.column_letters(min(places)),
        max(places),
        len(columns),
        pick,
        spec.key.name if spec.key else "",
    )
    if len(_COLUMNS) >= 256:
        _COLUMNS.clear()
    _COLUMNS[key] = (t.indicator, made)
    return made


_new_item = tuple.__new__  # Item(...) runs the named tuple's __new__ in Python; this makes the same in C


def _read_table(grid: list[list[Cell]], t: Table, end: int, ret: Return, plan: Plan, add: Callable[..., None]) -> None:
    spec = t.indicator.evidence
    assert spec is not None
    year = ret.year
    words: list[ItemWord] = []  # the item kind said (two frozen dataclasses), made at the first finding

    def said() -> list[ItemWord]:
        if not words:
            words.extend((ItemWord(spec.item), ItemWord(spec.item, one=True)))
        return words

    items: list[Item] = []
    seen: dict[str, str] = {}
    codes = _lookups(plan)[0]
    columns, fast, first_letters, last_col, width, pick, key_name = _table_columns(t)
    code = t.indicator.code
    clean = L.clean_label
    shared = L.shared
    for r in range(t.header_row + 1, min(end, len(grid))):
        row = grid[r]
        if not row:
            continue
        lead = row[0]
        if lead.__class__ is str and " " in lead and lead.strip().split(" ", 1)[0] in codes:
            break  # the title of the next table
        n = len(row)
        if n > last_col and pick(row).count("") == width:
            continue  # a blank template row (only its 序号, if any), seen in C
        values: dict[str, Any] = {}
        key: str | None = None
        ok = True
        for name, c, check, is_key, is_text, is_patent, invention, is_date, is_year, is_count, is_credit in fast:
            raw: Any = row[c] if c < n else ""
            cls = raw.__class__
            # The common cells take the short paths (what _check_cell would make of them, without
            # its calls): printable text, a valid patent number or credit code written the usual
            # way, a date cell of the year, the year as a number, a whole count.
            if cls is str and raw.isprintable():
                text = raw.strip()
                if text and is_text:
                    values[name] = text
                    if is_key:
                        key = clean(text)
                    continue
                if is_patent and (number := usual_patent(raw, invention)):
                    values[name] = number
                    if is_key:
                        key = number
                    continue
                if is_credit and usual_credit_code(raw):
                    values[name] = raw
                    if is_key:
                        key = raw
                    continue
                blank = not text
            elif cls is dt.date and is_date and (year is None or raw.year == year):
                values[name] = raw
                if is_key:
                    key = str(raw)
                continue
            elif cls is float and is_count and raw >= 0 and raw.is_integer():
                values[name] = raw  # parse_number keeps the float (-0.0 too)
                if is_key:
                    key = str(raw)
                continue
            elif cls is float and is_year and raw == year:
                values[name] = year  # parse_year makes the int
                if is_key:
                    key = str(year)
                continue
            else:
                blank = raw is None or is_blank(raw)
            if blank:
                if is_key:
                    if not _has_value(row, columns):
                        break  # nothing but spaces on this row: a blank row, not an item
                    add("item-missing-key", "error", L.cell_name(r, c), column=name, item=said()[1])
                    ok = False
                continue
            value, good = _check_cell(check, raw, year, said, r, c, add)
            ok = ok and good
            values[name] = value
            if is_key and good:
                key = str(value) if check != "text" else clean(value)
        else:  # every cell looked at, and the row was not found blank
            if not values:
                continue  # nothing but spaces on this row
            first = shared(f"{first_letters}{r + 1}")  # L.cell_name(r, first_col), shared (see layout.shared)
            if key is not None:
                if key in seen:
                    add(
                        "duplicate-item",
                        "error",
                        first,
                        item=said()[1],
                        key=values.get(key_name, key),
                        other=seen[key],
                    )
                else:
                    seen[key] = first
            items.append(_new_item(Item, (code, key, first, values, ok)))
    ret.items[code] = items


_PATENT_CHECKS = frozenset({"patent", "invention_patent"})


def _has_value(row: list[Cell], columns: list[tuple[str, int, str, bool]]) -> bool:
    """Whether any of the table's cells on ``row`` holds more than spaces or invisible characters."""
    n = len(row)
    return any(c < n and not is_blank(row[c]) for _, c, _, _ in columns)


def _check_cell(
    check: str,
    raw: Cell,
    year: int | None,
    said: Callable[[], list[ItemWord]],
    r: int,
    c: int,
    add: Callable[..., None],
) -> tuple[Any, bool]:
    """The canonical value of one non-blank cell and whether it is good; a finding when it is not.
    (The usual cells take a shorter path in ``_read_table``.) ``said()`` gives the item kind
    for the finding."""
    if check == "text":
        return parse_text(raw).value, True
    if check in ("patent", "invention_patent"):
        text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
        p = parse_patent(text, invention=check == "invention_patent")
        if p.problem:
            add(p.problem, "error", L.cell_name(r, c), value=text.strip(), expected=p.detail, kind=p.detail)
            return text, False
        return p.value, True
    cell = L.cell_name(r, c)  # (a finding's cell: the common cells never get here)
    if check == "credit_code":
        cc = parse_credit_code(str(raw))
        if cc.problem:
            add(cc.problem, "error", cell, value=str(raw).strip(), expected=cc.detail)
            return str(raw), False
        return cc.value, True
    if check == "date":
        d = parse_date(raw)
        if not d.ok:
            add("item-bad-date", "error", cell, value=raw, example=f"{year or 2025}-06-30")
            return raw, False
        if year is not None and d.value.year != year:
            add("item-date-outside-year", "error", cell, date=d.value.isoformat(), year=year, item=said()[0])
            return d.value, False
        return d.value, True
    if check == "year":
        y = parse_year(raw)
        if not y.ok:
            add("item-bad-year", "error", cell, value=raw, example=year or 2025)
            return raw, False
        if year is not None and y.value != year:
            add("item-year-differs", "error", cell, value=y.value, year=year, item=said()[0])
            return y.value, False
        return y.value, True
    if check == "count":
        num = parse_number(raw, "", integer=True, rate=False)
        if not num.ok:
            assert num.error is not None
            add(num.error, "error", cell, **num.params)
            return raw, False
        return num.value, True
    return parse_text(raw).value, True
