"""How wide text is on paper and how many lines it takes: the arithmetic of fitting a sheet to A4."""

from __future__ import annotations

import functools
import math
import unicodedata
from typing import Any

from ipcounty.export.grid import BODY_PT

# Paper: A4 landscape, 10 mm side margins. LibreOffice prints an Excel width unit at about 7 pt (Excel
# at about 5.3), so PRINT_UNITS fill the page at 86 %: the 11 pt body, footer and chart text at 9.5 pt.
# Wider tables would be shrunk below 8 pt by fit-to-width, so long text wraps and the widest columns
# narrow down to the budget; a table that still needs more than OVERFLOW × the budget prints over
# several pages' width, its first column repeated, rather than in small print.
PRINT_UNITS = 130
OVERFLOW = 1.1  # at most 10 % over the budget: 78 % scale, 8.6 pt
TEXT_LEAST = 12.0  # a text column keeps room for six CJK characters a line
MAX_COL = 60  # no column wider than this: longer text wraps
MAX_ROW_PT = 409  # the tallest row Excel allows
SHORT = 14  # text up to this many display columns (dates, statuses, names) never wraps
DEFAULT_WIDTH = 8.43  # a column nobody sized, in Excel width units


def display_width(text: str) -> int:
    """Columns a string takes on screen or paper: CJK characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_of(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return str(v)


def num(v: float | str | None) -> float | str | None:
    if isinstance(v, float) and v == int(v):
        return int(v)
    return v


@functools.lru_cache(maxsize=65536)
def line_units(text: str) -> float:
    """The width of one line of ``text`` in Excel width units at the body size (CJK ≈ 2.1).
    Cached: the same names, words and figures recur on every sheet."""
    return sum(2.1 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)  # Excel's 11 pt CJK


def widest_line(text: str) -> float:
    """The widest line of ``text`` in width units."""
    if "\n" not in text:
        return line_units(text)
    return max(map(line_units, text.split("\n")))


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` takes when wrapped in a column ``width`` units wide."""
    room = max(1.0, width - 1.0)
    if "\n" not in text:
        return max(1, math.ceil(line_units(text) / room))
    return sum(max(1, math.ceil(line_units(part) / room)) for part in text.split("\n"))


def line_height(size: float = BODY_PT) -> float:
    """Points per line of text (CJK fonts are taller than the Latin default)."""
    return size * 1.45


def fit_widths(natural: list[float], least: list[float], budget: float = PRINT_UNITS) -> list[float]:
    """Column widths within ``budget``: the widest columns narrow first (their text wraps), none
    below ``least``. When even the least widths exceed the budget they are returned as they are."""
    if sum(natural) <= budget:
        return [max(n, lo) for n, lo in zip(natural, least, strict=True)]
    if sum(least) >= budget:
        return list(least)
    lo_cap, hi_cap = 0.0, max(natural)
    for _ in range(40):
        cap = (lo_cap + hi_cap) / 2
        if sum(max(lo, min(n, cap)) for n, lo in zip(natural, least, strict=True)) > budget:
            hi_cap = cap
        else:
            lo_cap = cap
    return [max(lo, min(n, lo_cap)) for n, lo in zip(natural, least, strict=True)]


@functools.lru_cache(maxsize=256)
def _places(fmt: str) -> tuple[int, bool, bool]:
    fmt = fmt.split(";")[0]
    places = len(fmt.split(".")[1].rstrip("%")) if "." in fmt else 0
    return places, fmt.startswith("+"), fmt.endswith("%")


def shown_text(v: Any, number_format: str | None) -> str:
    """A value as it shows: numbers in their number format's decimals, dates as ISO."""
    if v is None:
        return ""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if not number_format or number_format == "General":
        return text_of(v)
    places, signed, percent = _places(number_format)
    sign = "+" if signed and v > 0 else ""
    if percent:
        return f"{sign}{v * 100:.{places}f}%"
    return f"{sign}{v:.{places}f}"
