"""Pre-filled returns (``template --prefill``): a township only updates what changed (最多报一次).

Each unit's workbook carries its latest valid return's 本年完成, 备注 and 明细 rows for the
year — the return the report would use, chosen by the report's own rule. For a year the unit
has not reported yet, the latest valid return of an earlier year gives the levels that carry
over (stocks, duties and qualitative states); amounts added during a year (flows) and rates
start blank, and so does 明细 (it lists a year's new items). 截至日期 is left blank: the
township dates the return when it sends it. Every carried cell has a comment saying where the
figure came from, and 说明 says so in a paragraph of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ipcounty.i18n import tr
from ipcounty.plan import Indicator, Plan
from ipcounty.returns import layout as L
from ipcounty.returns.model import Return

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# What carries into a year the unit has not reported yet: levels, not amounts of the year.
CARRIED_TO_NEW_YEAR = frozenset({"stock", "yesno", "qualitative"})
SPARE_DETAIL_ROWS = 5  # blank 明细 rows left under the carried ones for new items
COMMENT_AUTHOR = "ipcounty"


@dataclass(frozen=True)
class Carried:
    """What one unit's pre-filled workbook carries over, and from which return."""

    unit: str
    year: int  # the year of the workbook
    source: str  # the return it comes from, named as under the returns folder
    source_year: int
    source_as_of: dt.date | None
    values: dict[str, tuple[float | str | None, str]]  # code -> (本年完成, 备注)
    details: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # code -> 明细 rows
    reporter: str = ""
    phone: str = ""
    # code -> 基期值 of a stock goal on the district form: the level the plan period started from,
    # carried into every later form (same year or not), so it is given once.
    baselines: dict[str, float] = field(default_factory=dict)

    @property
    def new_year(self) -> bool:
        return self.source_year != self.year

    def detail_rows(self, code: str) -> int:
        """How many 明细 rows the table of ``code`` needs: the carried ones and some spare."""
        n = len(self.details.get(code, ()))
        return n + SPARE_DETAIL_ROWS if n else 0


@dataclass(frozen=True)
class NotCarried:
    """Why a unit's workbook stays blank: no valid return up to the year, or a conflict."""

    unit: str
    reason: str  # none | conflict | no-levels (an earlier year's return with nothing that carries over)
    files: tuple[str, ...] = ()


def sources(plan: Plan, returns: Sequence[Return], year: int, units: Iterable[str]) -> dict[str, Return | NotCarried]:
    """For each unit, the return its ``year`` workbook is pre-filled from (or why there is none).

    The report's own choice decides: the return used for ``year``; else, when the unit has no
    usable return for ``year`` (none valid, not a conflict), the one used for the latest earlier
    year. Returns of later years are never looked at."""
    from ipcounty.progress.picking import choose

    picks, _ = choose([r for r in returns if r.year is not None and r.year <= year], None)
    out: dict[str, Return | NotCarried] = {}
    for unit in units:
        pick = picks.get((unit, year))
        if pick is not None and pick.conflict:
            out[unit] = NotCarried(unit, "conflict", tuple(r.file for r in pick.conflict))
            continue
        if pick is not None and pick.used is not None:
            out[unit] = pick.used
            continue
        earlier = [y for (u, y), p in picks.items() if u == unit and y < year and p.used is not None]
        if earlier:
            used = picks[(unit, max(earlier))].used
            assert used is not None
            out[unit] = used
        else:
            out[unit] = NotCarried(unit, "none")
    return out


def carry(plan: Plan, ret: Return, unit: str, year: int) -> Carried:
    """What the ``year`` workbook of ``unit`` carries from the valid return ``ret``.

    ``ret`` must have been read with its 明细 items (a serial read keeps them)."""
    from ipcounty.returns.template_rows import rows_for

    assert ret.year is not None
    same_year = ret.year == year
    values: dict[str, tuple[float | str | None, str]] = {}
    details: dict[str, list[dict[str, Any]]] = {}
    baselines: dict[str, float] = {}
    for row in rows_for(plan, unit, year):
        ind = row.indicator
        v = ret.values.get(ind.code)
        if v is not None and v.baseline is not None:
            baselines[ind.code] = v.baseline
        if v is None or not (same_year or carries_to_new_year(ind)):
            continue
        values[ind.code] = (v.value, v.note)
        items = ret.items.get(ind.code) if same_year else None
        if items and ind.evidence is not None:
            details[ind.code] = [dict(i.values) for i in items]
    return Carried(unit, year, ret.file, ret.year, ret.as_of, values, details, ret.reporter, ret.phone, baselines)


def carries_to_new_year(ind: Indicator) -> bool:
    """Whether a figure of ``ind`` is a level that still holds at the start of the next year."""
    return ind.kind in CARRIED_TO_NEW_YEAR


# ---- writing the workbook -------------------------------------------------------------------


def _words(c: Carried) -> dict[str, Any]:
    return {
        "file": c.source,
        "date": c.source_as_of.isoformat() if c.source_as_of else "—",
        "year": c.year,
        "source_year": c.source_year,
        "unit": c.unit,
    }


def cell_comment(c: Carried) -> str:
    """The comment on a carried 本年完成 or 明细 cell."""
    return tr("prefill-cell-new-year" if c.new_year else "prefill-cell", "zh", **_words(c))


def guide_lines(c: Carried) -> list[str]:
    """The paragraph 说明 gains: what was carried, from which return, what to do."""
    w = _words(c)
    lines = [tr("prefill-guide-title", "zh"), tr("prefill-guide-source", "zh", **w)]
    lines.append(tr("prefill-guide-new-year" if c.new_year else "prefill-guide-same-year", "zh", **w))
    lines.append(tr("prefill-guide-date", "zh", **w))
    return lines


def apply(wb: Workbook, c: Carried) -> None:
    """Write the carried figures into a freshly made template ``wb`` (before it is saved)."""
    from openpyxl.comments import Comment

    ws = wb[L.SHEET]
    labels, head, columns = _layout(ws)
    note = cell_comment(c)
    if head is None or L.COL_CODE not in columns or L.COL_ACTUAL not in columns:
        raise ValueError("not a return template")  # write_template made it: a bug if this happens
    as_of = labels.get(L.LABEL_AS_OF)
    if as_of is not None:
        as_of.value = None
        as_of.comment = _comment(Comment, tr("prefill-date-comment", "zh", **_words(c)))
    for label, value in ((L.LABEL_REPORTER, c.reporter), (L.LABEL_PHONE, c.phone)):
        if value and label in labels:
            labels[label].value = value
            labels[label].data_type = "s"
    code_col, actual_col = columns[L.COL_CODE], columns[L.COL_ACTUAL]
    note_col = columns.get(L.COL_NOTE)
    base_col = columns.get(L.COL_BASELINE)
    for r in range(head + 1, ws.max_row + 1):
        code = ws.cell(r, code_col).value
        if isinstance(code, str) and base_col is not None and code in c.baselines:
            base = ws.cell(r, base_col)
            base.value = _plain(c.baselines[code])
            base.comment = _comment(Comment, note)
        if not isinstance(code, str) or code not in c.values:
            continue
        figure, note_text = c.values[code]
        cell = ws.cell(r, actual_col)
        cell.value = _plain(figure)
        if isinstance(figure, str):
            cell.data_type = "s"
        cell.comment = _comment(Comment, note)
        if note_col is not None and note_text:
            n = ws.cell(r, note_col)
            n.value = note_text
            n.data_type = "s"  # a note stays text even when it starts with "="
    if c.details and L.DETAIL_SHEET in wb.sheetnames:
        _write_details(wb[L.DETAIL_SHEET], c.details, _comment(Comment, note))
    if L.GUIDE_SHEET in wb.sheetnames:
        _append_guide(wb[L.GUIDE_SHEET], guide_lines(c))
    if L.META_SHEET in wb.sheetnames:
        meta = wb[L.META_SHEET]
        row = meta.max_row + 1
        for key, text in (("prefilled_from", c.source), ("prefilled_as_of", _words(c)["date"])):
            meta.cell(row, 1, key)
            meta.cell(row, 2, text).data_type = "s"
            row += 1


def _comment(factory: Any, text: str) -> Any:
    comment = factory(text, COMMENT_AUTHOR)
    comment.width = 260
    comment.height = 90
    return comment


def _plain(value: float | str | None) -> float | int | str | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _layout(ws: Worksheet) -> tuple[dict[str, Any], int | None, dict[str, int]]:
    """The header cells (label -> the cell right of it), the table's header row and its columns."""
    labels: dict[str, Any] = {}
    head: int | None = None
    columns: dict[str, int] = {}
    for row in ws.iter_rows():
        for c in row:
            col = L.column_key(c.value)
            if col == L.COL_CODE and head is None:
                head = c.row
            if head is not None and c.row == head and col and col not in columns:
                columns[col] = c.column or 1
            key = L.label_key(c.value)
            if key and key not in labels and head is None:
                labels[key] = ws.cell(c.row or 1, (c.column or 1) + 1)
        if head is not None:
            break
    return labels, head, columns


def _write_details(ws: Worksheet, details: Mapping[str, Sequence[Mapping[str, Any]]], comment: Any) -> None:
    """The carried rows under each 明细 table's header (found by the ``CODE title`` row above it).

    The template made room for them (:meth:`Carried.detail_rows`), so no row is inserted."""
    from copy import copy

    for code, rows in details.items():
        title = next((c.row for c in ws["A"] if isinstance(c.value, str) and c.value.startswith(f"{code} ")), None)
        if title is None or not rows:
            continue
        head = title + 1
        columns = {ws.cell(head, j).value: j for j in range(1, ws.max_column + 1) if ws.cell(head, j).value}
        for k, item in enumerate(rows):
            r = head + 1 + k
            for name, value in item.items():
                if name in columns:
                    cell = ws.cell(r, columns[name])
                    cell.value = _plain(value)
                    if isinstance(value, str):
                        cell.data_type = "s"
        ws.cell(head + 1, 2).comment = copy(comment)  # column A is the 序号


def _append_guide(ws: Worksheet, lines: list[str]) -> None:
    """Add the pre-fill paragraph under 说明's text, in the style of its section headings."""
    from copy import copy

    from openpyxl.styles import Font

    last = ws.max_row
    body = ws.cell(last, 1)
    for i, text in enumerate(lines):
        c = ws.cell(last + 2 + i, 1, text)
        f = body.font
        c.font = Font(name=f.name, size=f.size, bold=i == 0)  # the first line is the paragraph's heading
        c.alignment = copy(body.alignment)  # type: ignore[assignment]
