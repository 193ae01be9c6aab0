"""How numbers look wherever ipcounty shows them."""

from __future__ import annotations


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


def with_wording(amount: str, wording: str | None) -> str:
    """The plan's own words around a target: ``达到600件``, ``4个以上``, ``不少于2人``."""
    if not wording:
        return amount
    if wording in ("以上", "以下", "以内"):
        return amount + wording
    return wording + amount
