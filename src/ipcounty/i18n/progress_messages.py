"""Sentences of the 序时进度 rules: plan checks about them and the report's words for them."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "report.conflict-line": (
        "冲突：{unit}同一截至日期（{date}）有 {n} 份数字不同的填报表：{files}{diff}。请核实哪份正确，删除或改正另一份。",
        "Conflict: {unit} sent {n} returns dated {date} with different figures: {files}{diff}. "
        "Find out which is right; remove the other.",
    ),
    "published-total-not-summable": (
        "{code}（{name}）是比率或各单位应保持的水平，不能相加，分解表不应有合计：请删除 published 中的合计",
        "{code} ({name}) is a rate or a level each unit must hold: it cannot be added up, so the "
        "breakdown has no totals; remove them from published",
    ),
    # ---- the report ---------------------------------------------------------------------------
    "report.units_missing": ("  {district}未含：{units}", "  {District} leaves out: {units}"),
    "report.missing_unit": ("{unit}（{status}）", "{unit} ({status})"),
    "report.missing_unit_earlier": ("{unit}（{status}，只计入{years}年）", "{unit} ({status}; only {years} counted)"),
    "report.units_meeting": (
        "  {district}：{meeting}/{total} 达标（比率、水平不相加）",
        "  {District}: {meeting}/{total} meet it (rates and levels are not added up)",
    ),
    "report.dates": ("  截至：{dates}", "  as of: {dates}"),
    "report.dates_others": ("（{others}）", " ({others})"),
    "report.evidence": (
        "明细：申报 {claimed} 项，去重后 {distinct} 项",
        "items listed: {claimed}, counted once: {distinct}",
    ),
    "report.double_counted": ("（其中 {n} 项重复计算）", " ({n} of them counted twice)"),
    "report.goal_note": ("{code} 备注：{note}", "{code} Note: {note}"),
    "report.behind_by": ("滞后序时进度 {points} 个百分点", "behind schedule by {points} points"),
    "report.lag_legend": (
        "序时进度 = 已过时间占全年（或计划期）的比例；进度差 = （完成 − 序时应完成）÷ 目标，单位：百分点，负数为滞后",
        "time elapsed = share of the year (or plan period) gone by; lag = (actual − expected to date) "
        "÷ target, in percentage points, negative when behind",
    ),
    "report.list_done": (
        "  完成 {actual}/{target}{unit}，完成率 {completion}",
        "  {actual}/{target}{unit}, {completion} done",
    ),
    "report.list_target": ("  目标 {target}{unit}", "  target {target}{unit}"),
    "report.list_schedule": ("  序时进度 {time_share}，进度差 {lag}", "  time elapsed {time_share}, lag {lag}"),
    "report.list_rank": ("第{rank}名", "rank {rank}"),
    # the report's 需要处理 (to do) and its head
    "report.todo": ("需要处理", "To do"),
    "report.not-submitted-line": ("未报送：{units}。请联系催报。", "Not submitted: {units}. Chase them."),
    "report.rejected-line": (
        "退回：{file}（{unit}，{n} 处错误）",
        "Rejected: {file} ({unit}, {n} error(s))",
    ),
    "report.double-line": ("重复计算：{message}", "Double counted: {message}"),
    "report.warned-line": ("有警告（已按规范读取）：{files}", "Read with warnings: {files}"),
    "report.skipped-line": ("已跳过：{parts}", "Skipped: {parts}"),
    "report.reported-n": ("已报送 {n}/{expected}", "Reported {n}/{expected}"),
    "report.reported": ("已报送", "reported"),
    "double-counted.claim": ("{unit}{year}年（{file} 明细!{cell}）", "{unit} {year} ({file} 明细!{cell})"),
}
