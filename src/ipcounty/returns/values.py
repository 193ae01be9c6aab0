"""Reading the messy-but-unambiguous things people type into cells.

Each parser returns a :class:`Parsed`: the value, or an error code; plus the list of
normalisations it applied (full-width digits, a trailing unit, ...) so the caller can warn.
Nothing here guesses: what could mean two things is an error that says how to write it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from ipcounty.i18n import phrase
from ipcounty.render.numbers import UnitWord
from ipcounty.returns.layout import strip_invisible

_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d+)?|\.\d+)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# A number then a word: the word must start with a letter or an ideograph (件, 万元, km), so that
# "2+1" or "3。" are not read as the number 2 in unit "+1" or 3 in unit "。".
_NUMBER_THEN_TEXT = re.compile(r"^([+-]?[\d,]*\.?\d+)\s*([^\W\d_]\S*)$")
_SPACED_DIGITS = re.compile(r"\d[\s\u00a0\u3000]+\d")
EXCEL_EPOCH = dt.date(1899, 12, 30)
_LARGEST = sys.float_info.max  # the plain path takes finite numbers only: infinity is "#NUM!"


_NO_PARAMS: Mapping[str, Any] = MappingProxyType({})


class Parsed(NamedTuple):
    """A named tuple rather than a frozen dataclass: a return makes a dozen, and a frozen
    dataclass sets each field through ``object.__setattr__`` (and made a dict for ``params``)."""

    value: Any = None
    error: str | None = None
    params: Mapping[str, Any] = _NO_PARAMS  # read only (the default is shared)
    normalised: tuple[str, ...] = ()  # i18n keys of what was done, e.g. ("norm-fullwidth",)

    @property
    def ok(self) -> bool:
        return self.error is None


_new = tuple.__new__  # Parsed(value=v) runs the named tuple's __new__ in Python; _good(v) makes the same in C


def _good(value: Any) -> Parsed:
    return _new(Parsed, (value, None, _NO_PARAMS, ()))


def is_blank(raw: Any) -> bool:
    if raw is None or raw == "":
        return True
    if not isinstance(raw, str):
        return False
    text = raw.strip()
    if text.isprintable():  # the common case: no control or zero-width characters to look for
        return not text
    return not _SPACES.sub("", strip_invisible(raw))


def _clean_text(raw: str) -> tuple[str, list[str]]:
    done: list[str] = []
    text = strip_invisible(raw)
    nfkc = unicodedata.normalize("NFKC", text)
    if nfkc != text:
        done.append("norm-fullwidth")
    stripped = nfkc.strip(" \t\r\n\u00a0\u3000")
    if stripped != nfkc:
        done.append("norm-spaces")
    return stripped, done


def parse_number(
    raw: Any,
    unit: str,
    *,
    integer: bool,
    rate: bool,
    known_units: Iterable[str] = (),
    same_units: Iterable[str] = (),
) -> Parsed:
    """A non-negative amount in ``unit``; counts whole, rates 0–100. A trailing counter from
    ``same_units`` (件 for an indicator in 个, per the plan's ``same_as``) is accepted with a
    warning; digits split by a space (``1 0``) are refused, never joined."""
    plain = type(raw) is float and 0 <= raw <= (100 if rate else _LARGEST) and (not integer or raw.is_integer())
    if plain and not (rate and 0 < raw <= 1):
        return _new(Parsed, (raw, None, _NO_PARAMS, ()))  # the common case: a plain number in range
    done: list[str] = []
    said: dict[str, Any] = {}  # what a normalisation needs to be explained (the counter found)
    hint = phrase("hint-unit", unit=UnitWord(unit)) if unit else ""  # (单位：次) / (unit: events)
    if isinstance(raw, (bool, dt.date, dt.time, dt.timedelta)):
        return Parsed(error="not-a-number", params={"value": _show(raw), "unit_hint": hint})
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            return Parsed(error="not-a-number", params={"value": _show(raw), "unit_hint": hint})
        value = float(raw)
        if rate and 0 < value <= 1:
            return Parsed(error="rate-as-fraction", params={"value": _show(raw), "percent": _show(value * 100)})
    else:
        text, done = _clean_text(str(raw))
        original = text
        if not text:
            return Parsed(error="empty-value")
        if _SPACED_DIGITS.search(text):
            return Parsed(error="digits-split", params={"value": original})
        inner = _SPACES.sub("", text)
        if inner != text:
            done.append("norm-spaces")
            text = inner
        if text.endswith("%") and rate:
            text = text[:-1]
            done.append("norm-percent")
        elif unit and text.endswith(unit) and _PLAIN.match(text[: -len(unit)].replace(",", "") or "x"):
            text = text[: -len(unit)]
            done.append("norm-unit")
        else:
            m = _NUMBER_THEN_TEXT.match(text)
            if m and not _PLAIN.match(text):
                suffix = m.group(2)
                if suffix in set(same_units) and _PLAIN.match(m.group(1).replace(",", "")):
                    text = m.group(1)
                    done.append("norm-same-unit")
                    said["found"] = suffix
                elif suffix in set(known_units) or len(suffix) <= 3:
                    if not unit:
                        return Parsed(error="unit-not-wanted", params={"value": original, "found": suffix})
                    return Parsed(
                        error="wrong-unit",
                        params={"value": original, "found": UnitWord(suffix), "unit": UnitWord(unit)},
                    )
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
            done.append("norm-thousands")
        if not _PLAIN.match(text):
            return Parsed(error="not-a-number", params={"value": original, "unit_hint": hint})
        value = float(text)
        if not math.isfinite(value):  # hundreds of digits: beyond a float, as Excel shows #NUM!
            return Parsed(error="not-a-number", params={"value": original, "unit_hint": hint})
        done.append("norm-text-number")
    # Excel's binary floats: 15.000000000000002 is 15.
    rounded = round(value)
    if abs(value - rounded) < 1e-9 and value != rounded:
        value = float(rounded)
        done.append("norm-float-noise")
    if value < 0:
        return Parsed(error="negative-value", params={"value": _show(value)})
    if integer and value != int(value):
        return Parsed(error="fractional-count", params={"value": _show(value), "unit": UnitWord(unit)})
    if rate and value > 100:
        return Parsed(error="rate-out-of-range", params={"value": _show(value)})
    return Parsed(value=value, params=said, normalised=tuple(dict.fromkeys(done)))


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(raw: Any) -> Parsed:
    """A calendar date from a date cell, an Excel serial, or text like ``2025年9月30日``."""
    if isinstance(raw, dt.datetime):
        if raw.time() != dt.time(0):
            return Parsed(value=raw.date(), normalised=("date-time",))
        return _good(raw.date())
    if isinstance(raw, dt.date):
        return _good(raw)
    if isinstance(raw, bool):
        return Parsed(error="bad-date", params={"value": _show(raw)})
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw) or not (1 <= raw < 2958466) or raw != int(raw):
            return Parsed(error="bad-date", params={"value": _show(raw)})
        return Parsed(value=EXCEL_EPOCH + dt.timedelta(days=int(raw)), normalised=("date-serial",))
    if not isinstance(raw, str):
        return Parsed(error="bad-date", params={"value": _show(raw)})
    text, done = _clean_text(raw)
    text = _SPACES.sub("", text)
    if not text:
        return Parsed(error="date-missing")
    if re.fullmatch(r"\d{5}", text):  # an Excel serial pasted as text
        return parse_date(float(text))
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                value = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return Parsed(error="bad-date", params={"value": raw})
            return Parsed(value=value, normalised=("date-text", *done))
    return Parsed(error="bad-date", params={"value": raw})


def parse_year(raw: Any) -> Parsed:
    """A four-digit year from a number, ``2025`` as text, or ``2025年``."""
    if isinstance(raw, bool):
        return Parsed(error="bad-year", params={"value": _show(raw)})
    if isinstance(raw, (int, float)):
        if math.isfinite(raw) and raw == int(raw) and 1900 <= raw <= 2200:
            return _good(int(raw))
        return Parsed(error="bad-year", params={"value": _show(raw)})
    if not isinstance(raw, str):
        return Parsed(error="bad-year", params={"value": _show(raw)})
    text, done = _clean_text(raw)
    text = _SPACES.sub("", text)
    if text.endswith("年度"):
        text = text[:-2]
        done.append("norm-year-suffix")
    elif text.endswith("年"):
        text = text[:-1]
        done.append("norm-year-suffix")
    if re.fullmatch(r"\d{4}", text):
        return Parsed(value=int(text), normalised=(*done, "norm-text-number"))
    return Parsed(error="bad-year", params={"value": raw})


def parse_choice(raw: Any, choices: tuple[str, ...]) -> Parsed:
    """One of ``choices``, after NFKC and trimming."""
    if isinstance(raw, str):
        text, done = _clean_text(raw)
        text = _SPACES.sub("", text)
        if not text:
            return Parsed(error="empty-choice", params={"choices": "/".join(choices)})
        if text in choices:
            return Parsed(value=text, normalised=tuple(done))
    elif raw is None:
        return Parsed(error="empty-choice", params={"choices": "/".join(choices)})
    return Parsed(error="bad-choice", params={"value": _show(raw), "choices": "/".join(choices)})


def parse_text(raw: Any) -> Parsed:
    """Free text (names, phone numbers, notes): invisible characters removed, never cut."""
    if raw is None:
        return Parsed(value="")
    if isinstance(raw, float) and math.isfinite(raw) and raw == int(raw):
        return Parsed(value=str(int(raw)))
    text = str(raw)
    if text.isprintable():
        return _good(text.strip())
    cleaned = strip_invisible(text).strip()
    return Parsed(value=cleaned, normalised=("text-cleaned",) if strip_invisible(text) != text else ())


def _show(value: Any) -> str:
    """A cell's value as the clerk sees it in Excel or WPS."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "#NUM!"  # what Excel shows for a number beyond its range
        if math.isfinite(value) and value == int(value):
            return str(int(value))
        return f"{value:g}"
    return str(value)
