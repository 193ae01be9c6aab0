"""Check digits of the identifiers behind the counts: Chinese patent numbers and
统一社会信用代码 (unified social credit codes, GB 32100-2015).

Each ``parse_*`` returns the identifier in one canonical spelling (so the same patent written
``ZL 2017 1 0601862.3`` and ``201710601862.3`` is recognised as one), or the reason it is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from operator import mul
from typing import NamedTuple

_PATENT_WEIGHTS_12 = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_PATENT_WEIGHTS_8 = (2, 3, 4, 5, 6, 7, 8, 9)
INVENTION_TYPES = frozenset("18")  # 1 invention, 8 invention entering China through the PCT

_PLAIN_PATENT = re.compile(r"(?:ZL|CN)?(\d{12}|\d{8})\.([0-9X])")
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_SET = frozenset(_CREDIT_CHARS)
_CREDIT_VALUE = {ord(c): i for i, c in enumerate(_CREDIT_CHARS)}  # str.translate: a character to its value
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


class Checked(NamedTuple):
    """An identifier as read: its canonical spelling, or the finding code and what was expected.

    A named tuple rather than a dataclass: one is made for every identifier of every 明细."""

    value: str | None  # canonical spelling when valid
    problem: str | None = None  # finding code when not
    detail: str = ""


def patent_check_digit(digits: str) -> str:
    """The check character of a 12- or 8-digit Chinese application number: sum mod 11, 10 is X."""
    weights = _PATENT_WEIGHTS_12 if len(digits) == 12 else _PATENT_WEIGHTS_8
    if len(digits) != len(weights):
        raise ValueError(f"a patent number has 12 or 8 digits before the check digit: {digits!r}")
    if digits.isascii() and digits.isdigit():  # the usual case: the digits' bytes, less 48 each
        total = sum(map(mul, digits.encode(), weights)) - 48 * sum(weights)
    else:
        total = sum(map(mul, map(int, digits), weights))
    r = total % 11
    return "X" if r == 10 else str(r)


_WEIGHTED_ZEROS_12 = 48 * sum(_PATENT_WEIGHTS_12)  # what the digits' bytes add beyond their values
_WEIGHTED_ZEROS_8 = 48 * sum(_PATENT_WEIGHTS_8)


def usual_patent(text: str, invention: bool = False) -> str | None:
    """The canonical spelling of a patent number written the usual way (``ZL201710601862.3``) and
    valid; None for anything else, which :func:`parse_patent` then reads and explains. (The 明细
    of a return holds dozens: this path makes no tuple and calls no other function.)"""
    m = _PLAIN_PATENT.fullmatch(text)
    if m is None:
        return None
    digits, check = m.groups()
    if not digits.isascii():
        return None  # other scripts' digits (\\d matches them): parse_patent reads them
    if len(digits) == 12:
        total = sum(map(mul, digits.encode(), _PATENT_WEIGHTS_12)) - _WEIGHTED_ZEROS_12
        kind = digits[4]
    else:
        total = sum(map(mul, digits.encode(), _PATENT_WEIGHTS_8)) - _WEIGHTED_ZEROS_8
        kind = digits[2]
    r = total % 11
    if check != ("X" if r == 10 else str(r)) or (invention and kind not in INVENTION_TYPES):
        return None
    return f"{digits}.{check}"


def parse_patent(text: str, *, invention: bool = False) -> Checked:
    """A patent (application) number such as ``ZL201710601862.3``; ``invention`` requires type 1 or 8."""
    m = _PLAIN_PATENT.fullmatch(text)  # the usual spelling, without the normalising below
    if m is None:
        t = unicodedata.normalize("NFKC", text).upper()
        t = re.sub(r"[\s\u200b]", "", t)
        t = re.sub(r"^(ZL|CN)", "", t)
        m = re.fullmatch(r"(\d{12}|\d{8})\.?([0-9X])", t)
    if not m:
        return Checked(None, "bad-patent-number")
    digits, check = m.groups()
    expected = patent_check_digit(digits)
    if check != expected:
        return Checked(None, "patent-check-digit", expected)
    kind = digits[4] if len(digits) == 12 else digits[2]
    if invention and kind not in INVENTION_TYPES:
        return Checked(None, "not-an-invention", kind)
    return Checked(f"{digits}.{check}")


def credit_check_char(first17: str) -> str:
    """The 18th character of a 统一社会信用代码 from its first 17 (GB 32100-2015)."""
    if len(first17) != 17:
        raise ValueError(f"a credit code has 17 characters before its check character: {first17!r}")
    if not _CREDIT_SET.issuperset(first17):
        raise ValueError(f"not a credit code's characters: {first17!r}")
    total = sum(map(mul, first17.translate(_CREDIT_VALUE).encode(), _CREDIT_WEIGHTS))  # the values' bytes, in C
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def usual_credit_code(text: str) -> bool:
    """Whether ``text`` is a valid 统一社会信用代码 written the usual way (18 characters of the code,
    nothing to normalise), when :func:`parse_credit_code` would give ``text`` itself; False for
    anything else, which it then reads and explains. (A 明细 holds a few: no tuple, no calls.)"""
    if len(text) != 18 or not _CREDIT_SET.issuperset(text):
        return False
    total = sum(map(mul, text[:17].translate(_CREDIT_VALUE).encode(), _CREDIT_WEIGHTS))
    return text[17] == _CREDIT_CHARS[(31 - total % 31) % 31]


def parse_credit_code(text: str) -> Checked:
    """A 统一社会信用代码: 18 characters from 0-9 and A-Y without I, O, S, V, Z; the last a check character."""
    if len(text) == 18 and _CREDIT_SET.issuperset(text):
        t = text  # already canonical: NFKC, upper case, nothing to remove
    else:
        t = re.sub(r"[\s\u200b-]", "", unicodedata.normalize("NFKC", text).upper())
    if len(t) != 18 or any(c not in _CREDIT_CHARS for c in t):
        return Checked(None, "bad-credit-code")
    expected = credit_check_char(t[:17])
    if t[17] != expected:
        return Checked(None, "credit-check-char", expected)
    return Checked(t)
