"""Indicators of a plan by code and by name, built once per plan (the reader asks per row)."""

from __future__ import annotations

from ipcounty.plan import Indicator, Plan
from ipcounty.returns import layout as L

_CACHE: dict[int, tuple[Plan, dict[str, Indicator], dict[str, Indicator], dict[str, Indicator]]] = {}


def lookups(plan: Plan) -> tuple[dict[str, Indicator], dict[str, Indicator]]:
    """Indicators by upper-case code and by cleaned name (Chinese or English)."""
    hit = _entry(plan)
    return hit[1], hit[2]


def plain_codes(plan: Plan) -> dict[str, Indicator]:
    """Indicators by code, for the codes cleaning and upper-casing leave as they are (all a plan
    has, in practice): a cell holding one exactly is its indicator without being cleaned."""
    return _entry(plan)[3]


def _entry(plan: Plan) -> tuple[Plan, dict[str, Indicator], dict[str, Indicator], dict[str, Indicator]]:
    hit = _CACHE.get(id(plan))
    if hit is None or hit[0] is not plan:
        by_code = {i.code.upper(): i for i in plan.indicators}
        by_name = {L.clean_label(i.name_en): i for i in plan.indicators if i.name_en}
        by_name.update({L.clean_label(i.name): i for i in plan.indicators})
        plain = {code: i for code, i in by_code.items() if L.clean_label(code).upper() == code}
        hit = _CACHE[id(plan)] = (plan, by_code, by_name, plain)
    return hit
