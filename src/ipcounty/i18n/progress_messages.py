"""Sentences of the 序时进度 rules: plan checks about them and the report's words for them."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "published-total-not-summable": (
        "{code}（{name}）是比率或各单位应保持的水平，不能相加，分解表不应有合计：请删除 published 中的合计",
        "{code} ({name}) is a rate or a level each unit must hold: it cannot be added up, so the "
        "breakdown has no totals; remove them from published",
    ),
    "report.units_missing": ("未含：{units}", "not included: {units}"),
    "report.units_meeting": ("{meeting}/{total} 达标", "{meeting}/{total} meet it"),
    "report.double_counted": ("其中 {n} 项重复计算", "{n} of them counted twice"),
    "report.evidence": (
        "明细：申报 {claimed} 项，去重后 {distinct} 项",
        "items listed: {claimed}, counted once: {distinct}",
    ),
    "report.served_goal": ("对应{level}级目标", "{level} goal"),
    "report.lag_legend": (
        "序时进度为已过时间（或分季、分月目标）的比例；进度差 = 完成率 − 序时进度，单位：百分点",
        "time elapsed is the share of the schedule gone by; lag = completion − time elapsed, in percentage points",
    ),
}
