"""How a breakdown's targets may be written, read into years and their parts.

A unit's target is one number (a period goal; a yearly goal of a one-year plan) or a map whose
keys are years (``2024``), quarters (``2024Q1``) or months (``2024-01``). A year's target is the
sum of its parts. Keys and numbers are read after NFKC folding, so full-width ``２０２４``,
``１０`` and ``２０２４Ｑ１`` are read too (the loader warns when it folds a number).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from ipcounty.schedule import Part, month_part, quarter_part, year_part

_QUARTER = re.compile(r"^(\d{4})\s*[Qq季]\s*([1-4])$")
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_YEAR = re.compile(r"^(\d{4})\s*年?$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_NUMBER_UNIT = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(\S+)$")


@dataclass(frozen=True)
class TargetKey:
    """A key of a unit's target map: a year, or one quarter or month of it."""

    year: int
    grain: str  # "year", "quarter" or "month"
    index: int = 0  # the quarter 1-4 or the month 1-12

    @property
    def label(self) -> str:
        """How the key is written canonically: ``2024``, ``2024Q1``, ``2024-01``."""
        if self.grain == "quarter":
            return f"{self.year}Q{self.index}"
        if self.grain == "month":
            return f"{self.year}-{self.index:02d}"
        return str(self.year)

    def part(self, target: float) -> Part:
        """The stretch of days this key covers, with ``target`` due over it."""
        if self.grain == "quarter":
            return quarter_part(self.year, self.index, target)
        if self.grain == "month":
            return month_part(self.year, self.index, target)
        return year_part(self.year, target)


def part_label(part: Part) -> str:
    """``2024Q1`` for a quarter's part, ``2024-01`` for a month's, ``2024`` for a whole year."""
    months = (part.end.year - part.start.year) * 12 + part.end.month - part.start.month + 1
    if months == 1:
        return f"{part.start.year}-{part.start.month:02d}"
    if months == 3 and part.start.month % 3 == 1:
        return f"{part.start.year}Q{part.start.month // 3 + 1}"
    return str(part.start.year)


def fold(text: str) -> str:
    """NFKC (full-width to half-width) without any whitespace: how names and keys are compared."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def parse_key(key: object) -> TargetKey | None:
    """``2024`` / ``2024Q1`` / ``2024-01`` (and full-width or ``2024年``) as a key; None otherwise."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return TargetKey(key, "year") if 1000 <= key <= 9999 else None
    if not isinstance(key, str):
        return None
    text = unicodedata.normalize("NFKC", key).strip()
    if m := _YEAR.match(text):
        return TargetKey(int(m[1]), "year")
    if m := _QUARTER.match(text):
        return TargetKey(int(m[1]), "quarter", int(m[2]))
    if (m := _MONTH.match(text)) and 1 <= int(m[2]) <= 12:
        return TargetKey(int(m[1]), "month", int(m[2]))
    return None


@dataclass(frozen=True)
class NumberText:
    """What a target cell holds when it is not a plain number."""

    value: float | None  # the number read, when one could be
    folded: bool = False  # read after folding (full-width digits, quotes, spaces)
    unit: str | None = None  # a unit written after the number (``10件``)


def read_number(raw: object) -> NumberText:
    """A target as written: a number, a number in text (``"１０"``), or a number with a unit."""
    if isinstance(raw, bool) or raw is None:
        return NumberText(None)
    if isinstance(raw, (int, float)):
        return NumberText(float(raw))
    if not isinstance(raw, str):
        return NumberText(None)
    text = unicodedata.normalize("NFKC", raw).strip().replace(",", "")
    if _NUMBER.match(text):
        return NumberText(float(text), folded=True)
    if m := _NUMBER_UNIT.match(text):
        return NumberText(float(m[1]), unit=m[2])
    return NumberText(None)


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def read_date(text: str) -> dt.date | None:
    """``2023/1/1``, ``2023.1.1``, ``2023年1月1日``, full-width ``２０２３-０１-０１`` as a date."""
    m = _DATE.match(unicodedata.normalize("NFKC", text).strip())
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def in_period(key: TargetKey, start: dt.date, end: dt.date) -> bool:
    """Whether the days of ``key`` lie inside the plan period (a year only has to overlap it)."""
    part = key.part(0)
    if key.grain == "year":
        return part.start <= end and part.end >= start
    return part.start >= start and part.end <= end


def same_amount(a: float, b: float) -> bool:
    """Whether two sums agree (a published 合计 and the sum of its parts), up to float rounding."""
    return abs(a - b) < 1e-9 * max(1.0, abs(a), abs(b))


def as_written(value: object) -> str:
    """A number of the plan as a person writes it in a message: 15, 3.5, 0.25, -2 (no trailing
    .0); anything else as text. The one rule for every plan finding that quotes a number."""
    if isinstance(value, float):
        return str(int(value)) if value == int(value) else f"{value:g}"
    return str(value)
