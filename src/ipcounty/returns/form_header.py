"""The head of sheet 填报表: where its labels and its table's header row are, and what the labels hold
(the unit, the year, the as-of date, the reporter and phone).

The labels and the table columns are found by their text, so inserted rows and reordered columns
do not matter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ipcounty.findings import Finding, Severity
from ipcounty.i18n import PlanWords, did_you_mean, phrase
from ipcounty.plan import Plan
from ipcounty.returns import layout as L
from ipcounty.returns.model import Return
from ipcounty.returns.values import is_blank, parse_date, parse_text, parse_year
from ipcounty.returns.workbook import Book, Cell

HEADER_SCAN_ROWS = 60


@dataclass
class Ctx:
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
class Layout:
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


def cell_at(grid: list[list[Cell]], r: int, c: int) -> Cell:
    if 0 <= r < len(grid) and 0 <= c < len(grid[r]):
        v = grid[r][c]
        return None if v == "" else v
    return None


def find_layout(grid: list[list[Cell]], unit_word: str = "") -> Layout:
    """Where the header labels and the table's header row are, found by their text in one pass.

    ``unit_word`` is the plan's word for a unit (cleaned), read as the unit label too."""
    lay = Layout()
    labels: dict[str, tuple[int, int]] = {}
    known = _LABEL_INFO.get
    for r, row in enumerate(grid):
        found: dict[str, int] = {}
        for c, v in enumerate(row):
            if not v or v.__class__ is not str:
                continue
            label, col, key = known(v) or _label_info(v)
            if label is None and unit_word and key == unit_word:
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


_LABEL_INFO: dict[str, tuple[str | None, str | None, str]] = {}


def _label_info(text: str) -> tuple[str | None, str | None, str]:
    """The label and the column ``text`` names (see ``layout.label_and_column``) and ``text``
    cleaned, remembered: the same few dozen texts head every return's 填报表."""
    if len(_LABEL_INFO) >= 4096:
        _LABEL_INFO.clear()
    info = _LABEL_INFO[text] = (*L.label_and_column(text), L.clean_label(text))
    return info


def label_value(grid: list[list[Cell]], lay: Layout, label: str) -> tuple[Cell, str] | None:
    """The value in the cell right of ``label`` (past a merged label cell) and that cell's name."""
    if label not in lay.labels:
        return None
    r, c = lay.labels[label]
    vc = lay.right_of(r, c)
    return cell_at(grid, r, vc), L.cell_name(r, vc)


def _choose_unit_label(grid: list[list[Cell]], lay: Layout, plan: Plan) -> None:
    first = lay.labels.get(L.LABEL_UNIT)
    if first is None:
        return
    cells = [first, *[rc for rc in lay.more_labels.get(L.LABEL_UNIT, []) if rc[0] < (lay.header_row or 10**9)]]
    if len(cells) == 1:
        return

    def value(rc: tuple[int, int]) -> str:
        v = cell_at(grid, rc[0], lay.right_of(*rc))
        return v.strip() if isinstance(v, str) else ""

    symbols = set(plan.symbols) | {"万元", "元", "亿元"}
    named = [rc for rc in cells if value(rc) and plan.canonical_unit(value(rc)) is not None]
    plausible = [rc for rc in cells if value(rc) and value(rc) not in symbols]
    lay.labels[L.LABEL_UNIT] = (named or plausible or cells)[0]


def _filled_label(
    grid: list[list[Cell]], lay: Layout, ctx: Ctx, label: str, missing: str, **params: Any
) -> tuple[Cell, str] | None:
    """The value and cell of a required header label; None after recording why there is none."""
    found = label_value(grid, lay, label)
    if found is None:
        ctx.add("label-missing", "error", label=label)
        return None
    raw, cell = found
    if is_blank(raw):
        ctx.add(missing, "error", cell, **params)
        return None
    return raw, cell


def read_header(grid: list[list[Cell]], lay: Layout, plan: Plan, ctx: Ctx, today: dt.date) -> None:
    ret = ctx.ret
    years = plan.years
    example_year = years[min(1, len(years) - 1)]
    # The unit. A form's "单位：个" (the unit of measure, often top right above the header block)
    # reads like the label 单位 (= 镇街): the cell whose value names a unit wins, then any cell
    # whose value is not a unit of measure.
    _choose_unit_label(grid, lay, plan)
    found = label_value(grid, lay, L.LABEL_UNIT)
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
    # The as-of date (the example a finding shows is worked out only for one).
    found = label_value(grid, lay, L.LABEL_AS_OF)
    if found is None:
        ctx.add("label-missing", "error", label=L.LABEL_AS_OF)
    elif is_blank(found[0]):
        ctx.add("date-missing", "error", found[1], example=plan.example_as_of(ret.year or example_year).isoformat())
    else:
        raw, cell = found
        p = parse_date(raw)
        if not p.ok:
            ctx.add(
                "bad-date", "error", cell, value=raw, example=plan.example_as_of(ret.year or example_year).isoformat()
            )
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
        found = label_value(grid, lay, label)
        if found is not None and not is_blank(found[0]):
            p = parse_text(found[0])
            setattr(ret, attr, p.value)
            if p.normalised:
                ctx.add("text-cleaned", "warning", found[1])
