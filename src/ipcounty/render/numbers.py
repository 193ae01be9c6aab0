"""How numbers and dates look wherever ipcounty shows them: the one place for it.

Counts as whole numbers (expected-to-date counts with one decimal), money and rates to two
decimals, completion and 序时进度 as percentages with one decimal, lags in percentage points
with a sign, dates in titles as 2025年12月31日. Terminal, CSV-adjacent views, workbook, HTML and
.docx call these, so they agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ipcounty.plan.runtime import Indicator


def fmt_number(value: float | None, places: int = 2) -> str:
    """``15`` for whole numbers, ``3.25`` otherwise (at most ``places`` decimals); "" for None."""
    if value is None:
        return ""
    if value == int(value):
        return str(int(value))
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def fmt_percent(ratio: float | None, places: int = 1) -> str:
    """A completion ratio as a percentage with one decimal: ``0.8667`` -> ``86.7%`` (``87%`` with
    ``places=0``, for month tables)."""
    if ratio is None:
        return ""
    return f"{ratio * 100:.{places}f}%"


def with_wording(amount: str, wording: str | None, lang: str = "zh") -> str:
    """The plan's own words around a target: ``达到600件``, ``4个以上``, ``不少于2人`` (in English
    ``600件``, ``at least 4个``); a wording the catalogue does not know stays as the plan writes it."""
    if not wording:
        return amount
    from ipcounty.i18n import MESSAGES, tr

    if f"wording.{wording}" in MESSAGES:
        return tr(f"wording.{wording}", lang, amount=amount)
    if wording in ("以上", "以下", "以内"):
        return amount + wording
    return wording + amount


def fmt_answer(value: str, lang: str) -> str:
    """An answer a return gives in words (是/否, 已完成/推进中/未启动) in ``lang``; other text as it is."""
    from ipcounty.i18n import MESSAGES, tr

    key = f"answer.{value}"
    return tr(key, lang) if key in MESSAGES else value


def fmt_points(points: float | None) -> str:
    """Percentage points with one decimal and a sign: ``-2.92`` -> ``-2.9``, ``3`` -> ``+3.0``."""
    if points is None:
        return ""
    text = f"{points:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text


# ---- by unit of measure: the one place that decides how many decimals a figure shows ----------
# Counts (件, 个, 家 …; the plan's ``integer: true``) show whole numbers; the expected-to-date of a
# count, which is not rounded, one decimal; money (亿元) and rates (%) two decimals; a completion
# ratio a percentage with one decimal.


def places_for(integer: bool, *, expected: bool = False) -> int:
    """Decimals shown for a figure in a unit of measure that is (or is not) counted in whole units."""
    if integer:
        return 1 if expected else 0
    return 2


def fmt_fixed(value: float | str | None, places: int, *, grouped: bool = False) -> str:
    """``value`` with exactly ``places`` decimals (text values as they are; "" for None);
    ``grouped``: with thousands separators, ``11,620``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    text = f"{value:,.{places}f}" if grouped else f"{value:.{places}f}"
    return text[1:] if text.startswith("-") and float(text.replace(",", "")) == 0 else text


def fmt_by_unit(value: float | str | None, integer: bool, *, expected: bool = False) -> str:
    """A figure as the office writes it: ``468`` 件, ``2.05`` 亿元, ``91.30`` %, expected ``400.0``."""
    if type(value) is not float:
        return fmt_fixed(value, places_for(integer, expected=expected))
    key = (value, integer, expected)  # -0.0 finds 0.0: both show as 0
    text = _shown.get(key)
    if text is None:
        if len(_shown) >= _SHOWN_MAX:
            _shown.clear()
        text = _shown[key] = fmt_fixed(value, places_for(integer, expected=expected))
    return text


# Figures repeat (a report over thousands of units shows the same targets, 0 and 100 again and
# again): each is formatted once. Bounded, for a program that imports ipcounty and runs for long.
_shown: dict[tuple[float, bool, bool], str] = {}
_SHOWN_MAX = 100_000


def excel_format(integer: bool, *, expected: bool = False) -> str:
    """The Excel number format showing the same decimals as :func:`fmt_by_unit`."""
    places = places_for(integer, expected=expected)
    return "0." + "0" * places if places else "0"


PERCENT_FORMAT = "0.0%"  # completion and 序时进度 as shares, as fmt_percent writes them


POINTS_FORMAT = "+0.0;-0.0;0.0"  # percentage points with a sign, as fmt_points writes them


def fmt_figure(value: float | str | None, ind: Indicator, *, expected: bool = False, lang: str | None = None) -> str:
    """:func:`fmt_by_unit` with the unit of measure of ``ind`` (counts, money, rates). In a
    document's prose and tables (``lang`` given) English groups thousands, ``11,620``, and Chinese
    writes the figure as the 公文 does, ``11620``; tables, CSV and workbooks (no ``lang``) never group."""
    return fmt_fixed(value, places_for(ind.integer, expected=expected), grouped=lang == "en")


# ---- the unit of measure in the reader's language: the one place for it ------------------------
# Chinese shows the plan's own symbol (件, 个, 亿元); English a word: the plan's
# ``units_of_measure[].unit_en``, else the catalogue's (i18n/units_messages.py), else the symbol as
# the plan writes it (never an error). Every output that prints a unit calls these.


def unit_word(unit: str | None, lang: str, count: float | str | None = None) -> str:
    """The unit of measure ``unit`` as a reader of ``lang`` writes it: ``件`` in Chinese; in English
    ``item`` after a count of exactly 1, ``items`` after any other figure and in a heading
    (``count`` None); a unit with no English word stays as the plan writes it."""
    if not unit or lang != "en":
        return unit or ""
    from ipcounty.i18n import MESSAGES, words_in_use

    pair = words_in_use().unit_en(unit)
    if pair is None:
        entry = MESSAGES.get(f"uom.{unit}")
        if entry is None:
            return unit
        one, _, many = entry[1].partition("|")
        pair = (one, many or one)
    return pair[0] if _is_one(count) else pair[1]


def item_word(item: str, lang: str, *, one: bool = False) -> str:
    """A 明细 item kind (a plan's ``evidence.item``, e.g. 专利) as a reader of ``lang`` says it: as
    written in Chinese; in English ``patent`` (``one``) or ``patents``; a kind with no English word
    stays as the plan writes it."""
    if lang != "en" or not item:
        return item
    from ipcounty.i18n import MESSAGES

    entry = MESSAGES.get(f"item.{item}")
    if entry is None:
        return item
    single, _, many = entry[1].partition("|")
    return single if one else (many or single)


def _is_one(count: float | str | None) -> bool:
    if count is None or isinstance(count, bool):
        return False
    try:
        return float(count) == 1
    except ValueError:
        return False


def fmt_amount(number: str, unit: str | None, lang: str) -> str:
    """A figure already formatted (``15``, ``2.05``) with its unit: ``15件``, ``92.5%`` in Chinese;
    ``15 items``, ``1 item``, ``92.5%`` in English; the figure alone when there is no unit."""
    if not unit:
        return number
    word = unit_word(unit, lang, number)
    if lang != "en" or word in ("%", "‰"):
        return f"{number}{word}"
    return f"{number} {word}"


@dataclass(frozen=True)
class ItemWord:
    """A 明细 item kind said when a sentence is rendered (a finding's parameter): ``专利`` in Chinese,
    ``patents`` in English, ``patent`` when the sentence names one item (``one``)."""

    word: str
    one: bool = False

    def render(self, lang: str) -> str:
        return item_word(self.word, lang, one=self.one)

    def __str__(self) -> str:
        return self.word


@dataclass(frozen=True)
class Amount:
    """A figure with its unit, said when a sentence is rendered: a message parameter (see
    :func:`ipcounty.i18n.render_param`) for sentences made before the language is known (考核评分)."""

    number: str
    unit: str | None

    def render(self, lang: str) -> str:
        if lang == "zh" and self.unit and self.unit not in ("%", "‰"):
            return f"{self.number} {self.unit}"  # the 评分表 has always spaced it: 完成 20/15 个
        return fmt_amount(self.number, self.unit, lang)

    def __str__(self) -> str:
        return self.render("zh")


@dataclass(frozen=True)
class UnitWord:
    """A unit of measure said when a sentence is rendered (a finding's parameter, made before the
    language is known): ``家`` in Chinese, ``organisations`` in English."""

    symbol: str
    count: str | None = None

    def render(self, lang: str) -> str:
        return unit_word(self.symbol, lang, self.count)

    def __str__(self) -> str:
        return self.symbol


def fmt_unit_paren(unit: str | None, lang: str, *, yesno: bool = False) -> str:
    """The unit of measure after an indicator's name in a heading: ``（个）`` in Chinese,
    `` (items)`` in English; a yes/no indicator (no unit) reads ``（是/否）`` / `` (yes/no)``; no
    unit, nothing."""
    from ipcounty.i18n import parenthesised, tr

    unit = tr("kind.yesno", lang) if not unit and yesno else unit_word(unit, lang)
    if not unit:
        return ""
    return parenthesised(unit, lang)


def fmt_date(day: dt.date | None, lang: str) -> str:
    """A date as a title or a sentence prints it: ``2025年12月31日`` (zh), ``2025-12-31`` (en)."""
    if day is None:
        return ""
    if lang == "en":
        return day.isoformat()
    return f"{day.year}年{day.month}月{day.day}日"


def fmt_score(value: Decimal | None) -> str:
    """考核 points as written on a score sheet: ``15``, ``9.6``, ``-0.2`` (exact, no trailing zeros);
    "" for None."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text
