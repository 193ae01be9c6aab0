"""The lines of a blank return: which indicators a unit reports, each target as the form
shows it, the 填报要求 of each line, and the colours of the form's cells. No openpyxl here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ipcounty.render.numbers import fmt_date, fmt_number
from ipcounty.returns import layout as L

if TYPE_CHECKING:
    from ipcounty.plan import Indicator, Plan

INPUT_FILL = "FFF2CC"
HEAD_FILL = "D9E1F2"


@dataclass(frozen=True)
class TemplateRow:
    """One indicator line of a return as the template lays it out."""

    indicator: Indicator
    target: float | None
    target_text: str
    guide: str


def rows_for(plan: Plan, unit: str, year: int) -> list[TemplateRow]:
    """The indicator lines ``unit`` reports for ``year`` (the district form for the district)."""
    if unit == plan.district_name:
        indicators = plan.district_form_indicators()
    else:
        indicators = [i for i in plan.unit_indicators() if plan.target(i.code, unit, year) is not None]
    out = []
    for ind in indicators:
        target = plan.target(ind.code, unit, year)
        out.append(TemplateRow(ind, target, _target_text(ind, target), _guide(plan, ind, year)))
    return out


def needs_baseline(ind: Indicator) -> bool:
    """A stock goal with a schedule over the plan period and no baseline in the plan: the form
    asks for its 基期值 (the level at the plan's start)."""
    return ind.kind == "stock" and ind.scope == "period" and ind.direction == "at_least" and ind.baseline is None


def _target_text(ind: Indicator, target: float | None) -> str:
    if ind.kind == "yesno":
        return L.YES
    if ind.kind == "qualitative" or target is None:
        return "—"
    return fmt_number(target)


def _guide(plan: Plan, ind: Indicator, year: int) -> str:
    first, last = plan.years[0], plan.years[-1]
    whole = "填写整数" if ind.integer else "可填小数"
    if ind.kind == "yesno":
        return f"选择“{L.YES}”或“{L.NO}”"
    if ind.kind == "qualitative":
        return "选择 " + "/".join(L.STATE_CHOICES) + "，并在备注中简述进展"
    if ind.kind == "rate":
        return "填写截至日期的百分数，如 92.5 表示 92.5%"
    if ind.kind == "stock":
        tail = f"（目标为{last}年底应达到的数值）" if ind.scope == "period" else ""
        if needs_baseline(ind):
            tail += f"；基期值填{first}年初的数值，用于计算序时进度"
        return f"填写截至日期的总数，{whole}{tail}"
    begin = fmt_date(plan.as_of_window(year)[0], "zh")
    if ind.scope == "period":
        span = f"{first}—{last}年" if first != last else f"{first}年"
        return f"目标为{span}合计；填写{begin}至截至日期新增数，{whole}"
    return f"填写{begin}至截至日期新增数，{whole}"
