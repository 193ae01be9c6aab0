"""What every sheet of the meeting workbook shares: the context, the colours, and tables.

A new sheet is a module of this package with one function ``add(book, ctx)`` listed in
:data:`ipcounty.export.workbook.SHEETS`. It writes its table through :class:`Sheet` (title row,
header row, widths, print set-up done by :meth:`Sheet.finish`), or, for a sheet laid out by hand,
writes cells with :meth:`Grid.put <ipcounty.export.grid.Grid.put>` on ``book.sheet(name)`` and
calls :func:`~ipcounty.export.page.print_setup` once at the end.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ipcounty.export.grid import BODY_PT, BOLD, EXCEL_MAX_TEXT, FILL, Book, Grid, Style
from ipcounty.export.measure import (
    MAX_COL,
    MAX_ROW_PT,
    OVERFLOW,
    PRINT_UNITS,
    SHORT,
    TEXT_LEAST,
    display_width,
    fit_widths,
    line_height,
    line_units,
    lines_needed,
    longest_word,
    num,
    shown_text,
    text_of,
    widest_line,
)
from ipcounty.export.page import FOOTER_PT, print_setup
from ipcounty.progress import Report, Row
from ipcounty.status import GREEN, QUALITATIVE, RED, STATUSES

__all__ = [
    "BODY_PT",
    "FOOTER_PT",
    "Book",
    "Context",
    "Grid",
    "Sheet",
    "display_width",
    "fill_colour",
    "line_height",
    "lines_needed",
    "num",
    "print_setup",
    "text_of",
]

# 亮灯 (SPEC v2): the colour of a status cell is its row's light; statuses with no light (no target,
# no baseline, qualitative in progress / not started) are grey.
LIGHT_FILL = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE"}
LIGHT_TEXT = {"green": "006100", "yellow": "9C5700", "red": "9C0006"}
NO_LIGHT_FILL = "EDEDED"
# A status's colour where no row says how far behind (legends, the submissions' roles).
STATUS_FILL = {
    **{code: LIGHT_FILL["green"] for code in GREEN},
    **{code: LIGHT_FILL["red"] for code in RED},
    "behind": LIGHT_FILL["yellow"],
    "used": LIGHT_FILL["green"],
}


def fill_colour(status: str | None, light: str | None = None) -> str | None:
    """The fill of a status cell: the light's colour, else the status's, else grey (None: no fill)."""
    if light:
        return LIGHT_FILL.get(light, NO_LIGHT_FILL)
    if status is None:
        return None
    return STATUS_FILL.get(status, NO_LIGHT_FILL)


HEAD_FILL = "1F4E78"
HEAD_STYLE: dict[str, Any] = {"bold": True, "color": "FFFFFF", "fill": HEAD_FILL}
# The 总览 legend: every status of status.STATUSES, in its order, but 无目标 and a qualitative goal's
# states (counted only where they occur).
ORDER: tuple[str, ...] = tuple(s for s in STATUSES if s != "no_target" and s not in QUALITATIVE)
TITLE_PT = 14
# A named font on every cell: a cell without one prints in LibreOffice's serif. 等线 is what Excel and
# WPS use on a Chinese Windows (and what LibreOffice replaces with the system's CJK sans).
FONT_NAMES = {"zh": "等线", "en": "Calibri"}


@dataclass(frozen=True)
class Context:
    """What every sheet builder gets: the report, the language and the workbook's title line."""

    report: Report
    lang: str
    title: str
    footer: str = ""

    @property
    def zh(self) -> bool:
        return self.lang == "zh"

    @property
    def font_name(self) -> str:
        return FONT_NAMES.get(self.lang, "Calibri")

    @property
    def unit_rows(self) -> list[Row]:
        """Unit × indicator rows of the breakdowns (the 全区 sum rows included), report order."""
        return [r for r in self.report.rows if r.indicator.level == "unit" and r.indicator.section != "goal"]


@functools.lru_cache(maxsize=65536)
def text_room(text: str, bold: bool) -> tuple[float, float]:
    """(natural, least) width units a column needs for ``text`` in one of its cells: its widest
    line (and a margin); the least it may narrow to — all of a short text, else room for
    :data:`TEXT_LEAST`, never less than its longest word. Cached: names, statuses and words recur
    in every row and on every sheet."""
    units = widest_line(text, bold) + 2
    lo = units if units <= SHORT + 2 else min(units, TEXT_LEAST)
    return units, max(lo, longest_word(text, bold) + 1)  # no word split inside a cell


def shown_room(v: Any, fmt: str | None) -> float:
    """Width units a column needs for the figure ``v`` shown in the number format ``fmt``."""
    return line_units(shown_text(v, fmt)) + 2


_NUMBERS = (int, float)


@functools.lru_cache(maxsize=65536)
def number_room(fmt: str | None, is_float: bool, v: float) -> float:
    """:func:`shown_room` of an int or a float other than zero (0.0 and -0.0 are equal, yet show
    apart), cached by its format, type (1 and 1.0 are equal) and value: completions and targets recur."""
    return shown_room(v, fmt)


def _cut(value: str) -> str:
    tail = f"…（全文 {len(value)} 字，超出 Excel 单元格上限，见原始填报表）"
    return value[: EXCEL_MAX_TEXT - len(tail)] + tail


class Sheet:
    """A worksheet with a title, a header row and rows; widths and print set-up done once.

    Column widths are measured as rows are added (each value as it shows, in its number format);
    :meth:`finish` fits them to the page and wraps what is longer than its column."""

    def __init__(self, book: Book, ctx: Context, name: str, title: str, headers: Sequence[str]) -> None:
        self.grid: Grid = book.sheet(name)
        self.ctx = ctx
        self.headers = list(headers)
        self.widths: list[float] = [0.0] * len(headers)  # a floor for a column's width; finish() fits
        self.centred: set[int] = set()  # columns (1-based) whose cells are centred (ranks, lights); set before add
        self.wide: set[int] = set()  # columns (1-based) of sentences: the last to narrow (see fit_widths)
        g = self.grid
        g.put(1, 1, title, bold=True, size=TITLE_PT, wrap=True, vertical="top")
        self.row = 3
        for j, h in enumerate(headers, 1):
            g.put(self.row, j, h, **HEAD_STYLE, horizontal="center", vertical="center", wrap=True)
        g.freeze = self.row + 1
        n = len(headers)
        self._natural = [0.0] * n  # measured from the rows added
        self._least = [0.0] * n
        self._texts: list[tuple[int, int, str]] = []  # (row, column, text) of every text added
        self._added: set[int] = set()
        self._made: dict[tuple[Any, ...], Style] = {}  # the styles of added cells, each made once
        self._filled: dict[tuple[Style, str], Style] = {}  # a style with a fill, by style and colour

    def add(
        self,
        values: Sequence[Any],
        *,
        status: str | None = None,
        status_col: int | None = None,
        bold: bool = False,
        number_format: dict[int, str] | None = None,
        light: str | None = None,
    ) -> int:
        """Write one row; colour cell ``status_col`` by ``light`` (or, without one, by ``status``)."""
        self.row += 1
        row, g, n = self.row, self.grid, len(self.headers)
        cells = g.rows.setdefault(row, {})
        styles, centred, natural, least, texts = g.styles, self.centred, self._natural, self._least, self._texts
        made = self._made
        self._added.add(row)
        for j, v in enumerate(values, 1):
            if v is None:
                continue
            if isinstance(v, str):
                if not v:
                    continue
                if len(v) > EXCEL_MAX_TEXT:
                    v = _cut(v)
                units, lo = text_room(v, bold)
                texts.append((row, j, v))
                fmt = None
            else:
                fmt = number_format.get(j) if number_format and isinstance(v, (int, float)) else None
                kind = v.__class__
                units = lo = number_room(fmt, kind is float, v) if v and kind in _NUMBERS else shown_room(v, fmt)
            cells[j] = v
            look = (bold, j in centred, fmt)
            st = made.get(look)
            if st is None:
                st = made[look] = (bold, BODY_PT, None, None, "center" if look[1] else None, "top", False, fmt)
            styles[(row, j)] = st
            if j <= n:
                k = j - 1
                if units > natural[k]:
                    natural[k] = min(units, MAX_COL)
                if lo > least[k]:
                    least[k] = lo
        g.max_col = max(g.max_col, len(values))
        colour = fill_colour(status, light)
        if colour and status_col:
            self.fill(row, status_col, colour)
        return row

    def fill(self, row: int, col: int, colour: str) -> None:
        """Fill cell (``row``, ``col``) with ``colour``."""
        styles = self.grid.styles
        st = styles.get((row, col))
        if st is None:
            self.grid.style(row, col, fill=colour, vertical="top")
            return
        filled = self._filled.get((st, colour))
        if filled is None:  # each style and colour made once, as Grid.style makes it
            filled = self._filled[(st, colour)] = (*st[:FILL], colour, *st[FILL + 1 :])
        styles[(row, col)] = filled
        if col > self.grid.max_col:
            self.grid.max_col = col

    def colour(self, col: int, status: str | None, light: str | None = None) -> None:
        """Colour cell ``col`` of the last row by its light (or status)."""
        colour = fill_colour(status, light)
        if colour:
            self.fill(self.row, col, colour)

    def _measure_others(self, natural: list[float], least: list[float]) -> list[int]:
        """Widths from the rows written cell by cell (headings, legends): the rows not added."""
        g, n = self.grid, len(self.headers)
        others = sorted(r for r in g.rows if r >= 3 and r not in self._added)
        for row in others:
            if row < 4:
                continue
            for col, v in g.rows[row].items():
                if col > n or (row, col) in g.merged:
                    continue
                shown = shown_text(v, g.get(row, col, "number_format"))
                if not shown:
                    continue
                units = widest_line(shown, bool(g.get(row, col, "bold"))) + 2
                natural[col - 1] = max(natural[col - 1], min(units, MAX_COL))
                lo = units if not isinstance(v, str) or units <= SHORT + 2 else min(units, TEXT_LEAST)
                if isinstance(v, str):
                    lo = max(lo, longest_word(v, bool(g.get(row, col, "bold"))) + 1)
                least[col - 1] = max(least[col - 1], lo)
        return others

    def finish(self, *, budget: float = PRINT_UNITS) -> None:
        """Fit the columns to the page, wrap what is longer than its column, make every row tall
        enough for its text, and set up printing."""
        g, n = self.grid, len(self.headers)
        natural = [max(6.0, f, m) for f, m in zip(self.widths, self._natural, strict=True)]
        least = [max(6.0, f, m) for f, m in zip(self.widths, self._least, strict=True)]
        for j, h in enumerate(self.headers):
            spaced = max((line_units(w) for w in h.split()), default=0)
            word = longest_word(h, bold=True) + 1  # no header word split (headers are bold)
            natural[j] = max(natural[j], min(spaced, 14) + 2, word)
            least[j] = max(least[j], min(spaced, 6.3) + 2, word)  # a header may wrap after three CJK
        others = self._measure_others(natural, least)
        widths = fit_widths(natural, least, budget, wide=[j - 1 for j in self.wide])
        for j, w in enumerate(widths, 1):
            # To a tenth, never below the least a column needs (its header word): a column fitted
            # to exactly that would otherwise round down and wrap the word's last letter.
            g.widths[j] = max(round(w, 1), math.ceil(least[j - 1] * 10 - 1e-9) / 10)
        lines: dict[int, int] = {}
        styles = g.styles
        for row, j, text in self._texts:
            if j > n:
                continue
            st = styles.get((row, j))
            need = lines_needed(text, widths[j - 1], bool(st[BOLD]) if st else False)
            if need > 1 or "\n" in text:
                g.style(row, j, wrap=True)
            if need > lines.get(row, 1):
                lines[row] = need
        for row in others:  # the header row and the rows written cell by cell
            for col in range(1, n + 1):
                v = g.value(row, col)
                bold = bool(g.get(row, col, "bold"))
                wraps = isinstance(v, str) and (row, col) not in g.merged
                need = lines_needed(v, widths[col - 1], bold) if wraps else 1
                if need > lines.get(row, 1):
                    lines[row] = need
                if v is None and (row, col) not in g.styles:
                    continue
                g.style(
                    row,
                    col,
                    horizontal="center" if col in self.centred else g.get(row, col, "horizontal"),
                    vertical=g.get(row, col, "vertical") or "top",
                    wrap=need > 1 or (isinstance(v, str) and "\n" in v) or bool(g.get(row, col, "wrap")),
                )
        for row, count in lines.items():
            if count > 1:
                g.heights[row] = min(MAX_ROW_PT, round(count * line_height() + 2, 1))
        self.title_row(sum(widths))
        pages = max(1, math.ceil(sum(widths) / (budget * OVERFLOW)))
        print_setup(g, self.ctx, pages_wide=pages, repeat_first_col=pages > 1)

    def title_row(self, total: float) -> None:
        """The title across the table's width, on as many lines as it needs."""
        g, n = self.grid, len(self.headers)
        if n > 1:
            g.merge(1, 1, 1, n)
        text = str(g.value(1, 1) or "")
        count = lines_needed(text, total * BODY_PT / TITLE_PT, bold=True)  # the title is bold
        g.heights[1] = round(count * line_height(TITLE_PT) + 4, 1)
