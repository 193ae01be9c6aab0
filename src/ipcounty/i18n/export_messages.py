"""Words of the meeting workbook (``ipcounty export``) and the HTML report page."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "export.page": ("第 {page} 页，共 {pages} 页", "page {page} of {pages}"),
    "export.footer": ("{plan} · {year}年度 · 截至{as_of}", "{plan} · {year} · as of {as_of}"),
    "export.footer-none": ("{plan} · {year}年度 · 尚无报送", "{plan} · {year} · no returns yet"),
    "export.status-counts": ("{unit_word}×指标 状态统计", "{unit_word} × indicator statuses"),
    "export.status-total": (
        "合计（{units} 个{unit_word} × {indicators} 项指标）",
        "total ({units} × {indicators} indicators)",
    ),
    "export.served-note": ("{all_units}“{name}”之和", "sum of {all_units}' “{name}”"),
    "export.expected-line": ("序时进度", "expected to date"),
    "export.chart-title": (
        "{code} {name}（{unit}）：目标、完成与序时进度",
        "{code} {name} ({unit}): target, actual, expected to date",
    ),
    "export.chart-title-nounit": (
        "{code} {name}：目标、完成与序时进度",
        "{code} {name}: target, actual, expected to date",
    ),
    "export.matrix-title": ("完成率（颜色为亮灯）", "completion (colour: light)"),
    "export.no-light": ("不亮灯", "no light"),
    "export.legend-green": (
        "已完成、达到序时进度、未超上限",
        "met, on schedule, within the cap",
    ),
    "export.legend-yellow": (
        "滞后序时进度不到 {points} 个百分点",
        "behind schedule by less than {points} points",
    ),
    "export.legend-red": (
        "滞后序时进度 {points} 个百分点及以上，超出上限，未报送、逾期未报、退回或冲突",
        "behind by {points} points or more, over the cap, not submitted, overdue, rejected or in conflict",
    ),
    "export.legend-none": (
        "无目标、缺基期值、推进中、未启动：不按序时进度评判",
        "no target, no baseline, in progress, not started: not judged against the schedule",
    ),
    "export.light-counts": ("亮灯统计（{unit_word}×指标）", "Lights ({unit_word} × indicator)"),
    # ---- the HTML report page ----------------------------------------------------------------
    "html.footer": (
        "{plan} · 由 ipcounty 生成 · 序时参考日{date}",
        "{plan} · made by ipcounty · expected-to-date at {date}",
    ),
    "html.reported": ("已报送", "reported"),
    "html.completeness": ("报送情况", "Returns"),
    "html.lights": ("亮灯（{unit_word}×指标）：", "Lights ({unit_word} × indicator): "),
    "html.chart": ("各{unit_word}完成率与序时进度", "completion and time elapsed per {unit_word}"),
    "html.todo": ("需要处理", "To do"),
    "html.nothing": ("没有需要处理的事项", "nothing to chase"),
    # sheet names, titles and headers of the workbook
    "export.sheet.overview": ("总览", "Overview"),
    "export.sheet.matrix": ("完成率", "Completion"),
    "export.sheet.submissions": ("报送情况", "Submissions"),
    "export.sheet.submissions-title": (" · 报送文件清单", " · files read"),
    "export.sheet.notes": ("计划一致性", "Plan notes"),
    "export.sheet.notes-title": (" · 计划一致性提示", " · plan notes"),
    "export.sheet.double": ("重复计算", "Double counted"),
    "export.sheet.double-title": (" · 明细重复计算核查", " · items counted twice"),
    "export.col.item": ("项目", "Item"),
    "export.col.count": ("数量", "Count"),
    "export.col.detail": ("说明", "Detail"),
    "export.col.key": ("编号/名称", "Key"),
    "export.col.role": ("用途", "Role"),
    # what became of each file read (报送情况's 用途 column; the codes stay English in CSV/JSON)
    "export.role.used": ("采用", "used"),
    "export.role.superseded": ("已被更新", "superseded"),
    "export.role.duplicate": ("重复", "duplicate"),
    "export.role.conflict": ("冲突", "conflict"),
    "export.role.rejected": ("退回", "rejected"),
    "export.role.after_as_of": ("晚于统计日", "after as-of date"),
    "export.role.other_year": ("其他年度", "another year"),
    "export.role.skipped": ("跳过", "skipped"),
    "export.col.where": ("位置", "Where"),
    # the lines of the 总览
    "export.units-expected": ("应报送单位", "Units expected"),
    "export.reported": ("已报送", "Reported"),
    "export.not-reported": ("未报送", "not reported"),
    "export.double-counted": ("明细重复计算", "Items counted twice"),
    "export.double-see": ("见“重复计算”工作表", "see sheet 'Double counted'"),
    # 计划一致性 and 重复计算
    "export.no-notes": ("计划一致，没有提示", "No notes"),
    "export.no-double": ("未发现重复计算", "nothing counted twice"),
    "export.counted-once": ("明细去重：", "Items, counted once:"),
    "export.claimed-distinct": ("申报 {claimed} 项，去重后 {distinct} 项", "{claimed} listed, {distinct} distinct"),
    # the line at the top of every sheet
    "export.title-as-of": ("截至{day}", "as of {day}"),
    "export.title-none": ("尚无报送", "no returns"),
    "export.title": ("{name} {year}年度进度（{when}）", "{name}: progress in {year} ({when})"),
    "export.not-xlsx": ("输出文件必须以 .xlsx 结尾：{target}", "the output must end in .xlsx: {target}"),
}
