"""Finding the 明细 tables: each table's header row, by the names of its columns.

A header row holds every column name of one indicator's table, in any order, spelled as
``layout.clean_label`` reads labels; when two tables share names (专利号), the one matching the
most columns wins. Most cells of a 明细 sheet are patent numbers, names and dates: they are passed
over by their last character, without being cleaned (``may_clean_to``).
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field

from ipcounty.plan import Indicator
from ipcounty.returns import layout as L
from ipcounty.returns.workbook import Cell


@dataclass
class Table:
    """One 明细 table found: its indicator, its header row and where each column is."""

    indicator: Indicator
    header_row: int
    columns: dict[str, int] = field(default_factory=dict)  # column name -> grid column


# The ASCII characters label cleaning removes: controls, whitespace, ':' and '*' (see layout).
_ASCII_CLEANED = "".join(chr(i) for i in range(128) if L.clean_label(f"a{chr(i)}b") != f"a{chr(i)}b")
_CLEANED_ENDS = frozenset(_ASCII_CLEANED)


def may_clean_to(text: str, ends: Set[str]) -> bool:
    """False when ``text`` cannot clean (see ``layout.clean_label``) to a name ending in one of
    ``ends``: its last character is ASCII or a CJK ideograph (U+4E00-9FFF), which cleaning keeps
    as it is, and not in ``ends``. Cheaper than cleaning: a cell ending in "1" or "司" (patent
    numbers, company names) is passed over."""
    last = text.rstrip(_ASCII_CLEANED)[-1:]
    return last in ends or not (last.isascii() or "\u4e00" <= last <= "\u9fff")


@dataclass(frozen=True)
class _Headers:
    """What finding the 明细 header rows needs, worked out once per set of indicators."""

    wanted: frozenset[str]  # every column name, cleaned
    ends: frozenset[str]  # their last characters
    longest: int  # no cell longer than this can be a column name
    columns: tuple[tuple[Indicator, tuple[tuple[str, str], ...]], ...]  # (name, cleaned) per indicator
    needs: tuple[frozenset[str], ...]  # each indicator's cleaned names, as a set (same order)
    # Last characters seen -> whether a cell ending in one may clean to a column name: what
    # may_clean_to says of the character alone, learnt as cells come (a few dozen characters).
    may_end: dict[str, bool] = field(default_factory=dict, compare=False)


def _learn_end(h: _Headers, last: str) -> bool:
    """Whether a cell ending in ``last`` may clean to one of ``h``'s names (``may_clean_to``
    of the character; one removed by cleaning, a space or ':', says yes: the cell is cleaned)."""
    if len(h.may_end) >= 4096:
        h.may_end.clear()
    maybe = h.may_end[last] = last in _CLEANED_ENDS or may_clean_to(last, h.ends)
    return maybe


_HEADERS: dict[tuple[int, ...], tuple[tuple[Indicator, ...], _Headers]] = {}


def _headers(indicators: list[Indicator]) -> _Headers:
    """Cached by the indicators' identity (hashing them field by field costs more than the rest);
    the cache holds the indicators, so their ids cannot be reused while an entry lives."""
    key = tuple(map(id, indicators))
    hit = _HEADERS.get(key)
    if hit is not None:
        return hit[1]
    if len(_HEADERS) >= 16:
        _HEADERS.clear()
    headers = _make_headers(indicators)
    _HEADERS[key] = (tuple(indicators), headers)
    return headers


def _make_headers(indicators: list[Indicator]) -> _Headers:
    columns = tuple(
        (ind, tuple((c.name, L.clean_label(c.name)) for c in ind.evidence.columns))
        for ind in indicators
        if ind.evidence is not None
    )
    wanted = frozenset(clean for _, cols in columns for _, clean in cols)
    return _Headers(
        wanted,
        frozenset(n[-1] for n in wanted if n),
        max((len(n) for n in wanted), default=0) + 4,
        columns,
        tuple(frozenset(clean for _, clean in cols) for _, cols in columns),
    )


def find_tables(grid: list[list[Cell]], indicators: list[Indicator]) -> list[Table]:
    """Header rows of the 明细 tables, top to bottom. A header holds every column name of one table;
    when two tables share names (专利号), the one matching the most columns wins."""
    tables: list[Table] = []
    found: set[str] = set()  # the indicators whose table is found
    h = _headers(indicators)
    wanted, longest, may_end = h.wanted, h.longest, h.may_end.get
    clean = L.clean_label
    for r, row in enumerate(grid):
        if row.count("") >= len(row) - 1:
            continue  # a header names at least two columns: blank rows and titles are passed in C
        names: dict[str, int] | None = None  # made at the row's first column name (most rows have none)
        for c, v in enumerate(row):
            # Only short strings can be column names; patent numbers and names are not cleaned
            # (may_clean_to by the last character, remembered: one look-up, no call).
            if v.__class__ is str and 0 < len(v) <= longest:
                maybe = may_end(v[-1])
                if maybe or (maybe is None and _learn_end(h, v[-1])):
                    key = clean(v)
                    if key in wanted:
                        if names is None:
                            names = {key: c}
                        elif key not in names:
                            names[key] = c
        if names is None or len(names) < 2:
            continue
        best: tuple[Indicator, dict[str, int]] | None = None
        for (ind, cols), need in zip(h.columns, h.needs, strict=True):
            if need.issubset(names) and (best is None or len(cols) > len(best[1])) and ind.code not in found:
                best = ind, {name: names[key] for name, key in cols}
        if best is not None:
            tables.append(Table(best[0], r, best[1]))
            found.add(best[0].code)
    return tables
