"""How wide text is on paper and how many lines it takes: the arithmetic of fitting a sheet to A4."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection
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
SHORT = 14.5  # text up to this many width units (dates, statuses, names; bold too) never wraps
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


# Advance widths of printable ASCII (" " to "~") in width units: DejaVu Sans, measured against its "0".
# DejaVu Sans is what LibreOffice prints Calibri with where Calibri (or Carlito) is not installed, and
# the widest of the two; Calibri's letters stand to its "0" in nearly the same proportions, so one
# table serves Excel and LibreOffice. A letter is not a digit: "i" is under half a unit, "m" one and a half.
_ASCII = (
    "0.5 0.63 0.72 1.32 1 1.49 1.23 0.43 0.61 0.61 0.79 1.32 0.5 0.57 0.5 0.53 1 1 1 1 1 1 1 1 1 1 "
    "0.53 0.53 1.32 1.32 1.32 0.83 1.57 1.08 1.08 1.1 1.21 0.99 0.9 1.22 1.18 0.46 0.46 1.03 0.88 1.36 "
    "1.18 1.24 0.95 1.24 1.09 1 0.96 1.15 1.08 1.55 1.08 0.96 1.08 0.61 0.53 0.61 1.32 0.79 0.79 0.96 1 "
    "0.86 1 0.97 0.55 1 1 0.44 0.44 0.91 0.44 1.53 1 0.96 1 1 0.65 0.82 0.62 1 0.93 1.29 0.93 0.93 0.83 "
    "1 0.53 1 1.32"
)
ASCII_UNITS = {chr(32 + i): float(w) for i, w in enumerate(_ASCII.split())}
CJK_UNITS = 2.1  # Excel's 11 pt CJK
BOLD = 1.1  # bold Latin is about a tenth wider (DejaVu Sans Bold's "0" against the regular one)
WORD_CAP = 24.0  # a word longer than this (a path, a URL) may break inside a column rather than widen it


def _char_units(ch: str) -> float:
    w = ASCII_UNITS.get(ch)
    if w is not None:
        return w
    return CJK_UNITS if unicodedata.east_asian_width(ch) in "WF" else 1.0


@functools.lru_cache(maxsize=65536)
def line_units(text: str, bold: bool = False) -> float:
    """The width of one line of ``text`` in Excel width units at the body size, letter by letter
    (CJK ≈ 2.1; bold Latin a tenth wider, bold CJK as wide). Cached: the same names, words and
    figures recur on every sheet."""
    units = sum(map(_char_units, text))
    if bold:
        units += (BOLD - 1.0) * sum(ASCII_UNITS.get(ch, 0.0) for ch in text)
    return units


def widest_line(text: str, bold: bool = False) -> float:
    """The widest line of ``text`` in width units."""
    if "\n" not in text:
        return line_units(text, bold)
    return max(line_units(part, bold) for part in text.split("\n"))


_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
# A word ends after its hyphens: a spreadsheet breaks "Geographical-indication" after the hyphen.
_WORD = re.compile(rf"[^\s{_CJK}-]*-+|[^\s{_CJK}-]+|[{_CJK}]")


def words(text: str) -> list[str]:
    """What a line may not break inside: runs of Latin letters, figures and marks, up to and with
    a hyphen; each CJK character is a word of its own (a line may break between any two)."""
    return _WORD.findall(text)


@functools.lru_cache(maxsize=65536)
def longest_word(text: str, bold: bool = False) -> float:
    """The width of the widest word of ``text`` (bold a tenth wider), at most :data:`WORD_CAP`:
    the narrowest a column may be without splitting a word."""
    return min(max((line_units(w, bold) for w in words(text)), default=0.0), WORD_CAP)


_PIECES = re.compile(rf"\s+|[^\s{_CJK}-]*-+|[^\s{_CJK}-]+|.")  # spaces, a word (to its hyphen), a character


def _wrapped(line: str, room: float, bold: bool) -> int:
    """Lines one line of text takes, wrapped at spaces and between CJK characters as a
    spreadsheet does; a word wider than the room breaks inside it."""
    if line_units(line, bold) <= room:
        return 1
    count, used = 1, 0.0
    for piece in _PIECES.findall(line):
        w = line_units(piece, bold)
        if piece.isspace():
            used += w  # a space at a line's end takes no room on the next
            continue
        if used + w <= room:
            used += w
            continue
        if used > 0:
            count += 1
            used = 0.0
        while w > room:  # a word wider than the column breaks where it must
            count += 1
            w -= room
        used = w
    return count


@functools.lru_cache(maxsize=65536)
def lines_needed(text: str, width: float, bold: bool = False) -> int:
    """How many lines ``text`` takes when wrapped in a column ``width`` units wide. Cached: the
    same names and words are fitted to the same columns on every sheet."""
    room = max(1.0, width - 1.0)
    if "\n" not in text:
        return _wrapped(text, room, bold)
    return sum(_wrapped(part, room, bold) for part in text.split("\n"))


def line_height(size: float = BODY_PT) -> float:
    """Points per line of text (CJK fonts are taller than the Latin default)."""
    return size * 1.45


def fit_widths(
    natural: list[float], least: list[float], budget: float = PRINT_UNITS, wide: Collection[int] = ()
) -> list[float]:
    """Column widths within ``budget``: the widest columns narrow first (their text wraps), none
    below ``least``. When even the least widths exceed the budget, the table prints a little smaller
    anyway: the columns that wrap share what is left of :data:`OVERFLOW` × the budget.

    The columns ``wide`` (indices from 0) hold sentences (a return's problems, an explanation):
    they keep their natural width while the other columns can narrow to make room; once the others
    are at their least, the page prints a little smaller (up to :data:`OVERFLOW` × the budget) before
    the sentences narrow."""
    if sum(natural) <= budget:
        return [max(n, lo) for n, lo in zip(natural, least, strict=True)]
    wide = sorted(j for j in set(wide) if 0 <= j < len(natural))
    if wide:
        return _fit_wide(natural, least, budget, wide)
    if sum(least) >= budget:
        if sum(least) >= budget * OVERFLOW:
            return list(least)
        room = budget * OVERFLOW - 0.5 - sum(least)  # within one page's width
        surplus = [max(0.0, n - lo) for n, lo in zip(natural, least, strict=True)]
        share = min(1.0, room / sum(surplus)) if sum(surplus) > 0 else 0.0
        # each column a share of what it wants more: the long notes, which wrap most, gain most
        return [lo + share * extra for lo, extra in zip(least, surplus, strict=True)]
    lo_cap, hi_cap = 0.0, max(natural)
    for _ in range(40):
        cap = (lo_cap + hi_cap) / 2
        if sum(max(lo, min(n, cap)) for n, lo in zip(natural, least, strict=True)) > budget:
            hi_cap = cap
        else:
            lo_cap = cap
    return [max(lo, min(n, lo_cap)) for n, lo in zip(natural, least, strict=True)]


def _fit_wide(natural: list[float], least: list[float], budget: float, wide: list[int]) -> list[float]:
    rest = [j for j in range(len(natural)) if j not in wide]
    want = sum(max(natural[j], least[j]) for j in wide)
    room = budget - sum(least[j] for j in rest)  # the most the wide columns get, the others at their least
    if room < sum(least[j] for j in wide):
        return fit_widths(natural, least, budget)  # not even that: as any table
    out = list(least)
    if want <= room:  # the sentences at their natural width; the others share the rest
        for j in wide:
            out[j] = max(natural[j], least[j])
        fitted = fit_widths([natural[j] for j in rest], [least[j] for j in rest], budget - want)
        for j, w in zip(rest, fitted, strict=True):
            out[j] = w
        return out
    # Still too narrow for them: the page prints a little smaller (as a table too wide does) so
    # that the sentences get up to OVERFLOW × the budget, the others at their least.
    room = max(room, budget * OVERFLOW - 0.5 - sum(least[j] for j in rest))
    surplus = [max(0.0, natural[j] - least[j]) for j in wide]
    share = min(1.0, (room - sum(least[j] for j in wide)) / sum(surplus))  # want > room: some surplus
    for j, extra in zip(wide, surplus, strict=True):
        out[j] = least[j] + share * extra
    return out


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
