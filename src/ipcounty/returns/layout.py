"""The return workbook's words: sheet names, labels, column headers and choices.

The template writes them and the reader looks for them, so both sides share this one list.
Readers find everything by its text, never by a fixed position.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SHEET = "填报表"
GUIDE_SHEET = "说明"
DETAIL_SHEET = "明细"
META_SHEET = "_ipcounty"
TEMPLATE_VERSION = "1"

# Header block labels, and the other spellings users put in their place.
LABEL_UNIT = "镇街"
LABEL_YEAR = "年度"
LABEL_AS_OF = "截至日期"
LABEL_REPORTER = "填报人"
LABEL_PHONE = "联系电话"
HEADER_LABELS = (LABEL_UNIT, LABEL_YEAR, LABEL_AS_OF, LABEL_REPORTER, LABEL_PHONE)
LABEL_ALIASES: dict[str, tuple[str, ...]] = {
    LABEL_UNIT: ("镇街", "镇(街)", "镇/街", "镇街道", "单位", "填报单位", "镇街名称"),
    LABEL_YEAR: ("年度", "年份", "填报年度"),
    LABEL_AS_OF: ("截至日期", "截止日期", "统计截至日期", "截至时间", "截止时间"),
    LABEL_REPORTER: ("填报人",),
    LABEL_PHONE: ("联系电话", "电话", "联系方式"),
}

# Table columns.
COL_CODE = "指标代码"
COL_NAME = "指标名称"
COL_UNIT = "单位"
COL_TARGET = "年度目标"
COL_ACTUAL = "本年完成"
COL_NOTE = "备注"
COL_GUIDE = "填报要求"
# Optional, on forms with a stock goal whose level at the plan's start the plan does not give.
COL_BASELINE = "基期值"
TABLE_COLUMNS = (COL_CODE, COL_NAME, COL_UNIT, COL_TARGET, COL_ACTUAL, COL_NOTE)
REQUIRED_COLUMNS = (COL_CODE, COL_ACTUAL)
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    COL_CODE: ("指标代码", "代码", "指标编号", "编号"),
    COL_NAME: ("指标名称", "指标", "名称"),
    COL_UNIT: ("单位", "计量单位"),
    COL_TARGET: ("年度目标", "目标", "目标值"),
    COL_ACTUAL: ("本年完成", "完成", "完成值", "本年完成值", "完成情况"),
    COL_NOTE: ("备注", "说明"),
    COL_BASELINE: ("基期值", "基期", "基期数", "基数"),
}

YES, NO = "是", "否"
YESNO_CHOICES = (YES, NO)
STATE_CHOICES = ("已完成", "推进中", "未启动")

# Characters that are invisible or control characters: removed from text, with a warning.
_INVISIBLE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028-\u202e\u2060\ufeff]")


_PUNCT = re.compile(r"[\s:：*＊]")


@lru_cache(maxsize=8192)  # the same few dozen labels recur in every return
def _clean(text: str) -> str:
    if text.isprintable() and unicodedata.is_normalized("NFKC", text) and not _PUNCT.search(text):
        return text  # most text (names, titles) has nothing to clean: three checks in C
    return _PUNCT.sub("", unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)))


def clean_label(text: object) -> str:
    """A label as compared: NFKC (full-width to half-width), no spaces, colons or asterisks."""
    return _clean(text) if isinstance(text, str) and len(text) < 200 else ""


_LABEL_INDEX = {_clean(a): key for key, aliases in LABEL_ALIASES.items() for a in aliases}
_COLUMN_INDEX = {_clean(a): key for key, aliases in COLUMN_ALIASES.items() for a in aliases}


def label_and_column(text: str) -> tuple[str | None, str | None]:
    """:func:`label_key` and :func:`column_key` of ``text`` at once (one cleaning)."""
    key = clean_label(text)
    return _LABEL_INDEX.get(key), _COLUMN_INDEX.get(key)


def label_key(text: object) -> str | None:
    """Which header label ``text`` is (e.g. ``截止日期`` -> ``截至日期``), or None."""
    return _LABEL_INDEX.get(clean_label(text)) if isinstance(text, str) else None


def column_key(text: object) -> str | None:
    """Which table column ``text`` heads (e.g. ``代码`` -> ``指标代码``), or None."""
    return _COLUMN_INDEX.get(clean_label(text)) if isinstance(text, str) else None


def strip_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


def find_sheet(names: list[str], wanted: str) -> str | None:
    """The sheet called ``wanted``, also when a clerk's rename left a space or a full-width
    character in its name (``明细 ``, ``填报表（1）`` is not)."""
    if wanted in names:
        return wanted
    key = clean_label(wanted)
    return next((n for n in names if clean_label(n) == key), None)


@lru_cache(maxsize=16384)  # the same few hundred cells are named in every return
def _letters(col: int) -> str:
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


_COLUMN_LETTERS = tuple(_letters(c) for c in range(702))  # A … ZZ, named once


_SHARED: dict[str, str] = {}


def shared(text: str) -> str:
    """``text`` as one object for every return a process reads (a cell's name, the words of a
    stamp): a batch of returns sent between processes then pickles it once, not once a return."""
    if len(_SHARED) >= 65536:
        _SHARED.clear()
    return _SHARED.setdefault(text, text)


def column_letters(col: int) -> str:
    """Excel letters of a 0-based column: 4 -> ``E``."""
    return _COLUMN_LETTERS[col] if 0 <= col < 702 else _letters(col)


def cell_name(row: int, col: int) -> str:
    """Excel A1 name of a 0-based (row, col): (8, 4) -> ``E9``."""
    if 0 <= col < 702:
        return f"{_COLUMN_LETTERS[col]}{row + 1}"
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def template_filename(year: int, unit: str) -> str:
    """``2025_税郭镇_填报表.xlsx``."""
    return f"{year}_{unit}_{SHEET}.xlsx"
