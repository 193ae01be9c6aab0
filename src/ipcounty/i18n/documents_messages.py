"""Sentences of the office's documents: timeliness, contacts, the bulletin (通报) and the
reminders (催报、退回). The plan's own words ({unit_word}, {district}, {level}) are parameters."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- timeliness -----------------------------------------------------------------------
    "due.period.monthly": ("{year}年{index}月", "{month} {year}"),
    "due.period.quarterly": ("{year}年第{cn}季度", "Q{index} {year}"),
    "due.period.yearly": ("{year}年度", "the year {year}"),
    "due.overdue_days": ("逾期{days}天", "{days} days overdue"),
    "due.overdue_unit": (
        "{unit}（最近一次截至{as_of}，{period}进展应于{due}前报送，逾期{days}天）",
        "{unit} (latest as of {as_of}; {period} was due by {due}, {days} days overdue)",
    ),
    "due.overdue_line": ("逾期未报：{units}。请联系催报。", "Overdue: {units}. Chase them."),
    # ---- contacts -------------------------------------------------------------------------
    "contact.known": ("填报人 {reporter}，联系电话 {phone}", "reporter {reporter}, phone {phone}"),
    "contact.none": (
        "无填报人和联系电话（从未收到该单位的填报表）",
        "no reporter or phone known (no return ever received)",
    ),
    "contact.blank": ("填报表未填写填报人和联系电话", "the returns name no reporter or phone"),
    "contact.line": ("    {unit}：{contact}", "    {unit}: {contact}"),
    "col.reporter": ("填报人", "Reporter"),
    "col.phone": ("联系电话", "Phone"),
    # ---- the bulletin (进展情况通报) ---------------------------------------------------------
    "bulletin.span.year": ("{year}年度", "{year}"),
    "bulletin.span.month1": ("{year}年1月", "January {year}"),
    "bulletin.span.months": ("{year}年1—{month}月", "January–{month_name} {year}"),
    "bulletin.span.date": ("截至{date}", "up to {date}"),
    "bulletin.title": ("关于{span}{name}工作进展情况的通报", "{name}: progress bulletin, {span}"),
    "bulletin.opening": (
        "为及时掌握{name}工作推进情况，根据各{unit_word}报送的填报表，对照年度目标和序时进度，对{span}工作进展情况进行了调度。截至{date}，应报送{expected}个{unit_word}，按时报送{on_time}个；{district}{judged}项指标中，达到序时进度（含已完成）{green}项、占比{share}。现将有关情况通报如下：",
        "To follow the progress of {name}, the returns sent by each {unit_word} were checked against the year's targets and the time elapsed for {span}. As of {date}, {on_time} of the {expected} {unit_word}s reported on time; of the {level}'s {judged} indicators, {green} ({share}) are on schedule or met. The details follow:",
    ),
    "bulletin.h1.overall": ("一、总体进展", "1. Overall progress"),
    "bulletin.h1.units": ("二、各{unit_word}进展", "2. Progress by {unit_word}"),
    "bulletin.h1.problems": ("三、存在问题", "3. Problems"),
    "bulletin.h1.requirements": ("四、下步要求", "4. What is required next"),
    "bulletin.h2.status_counts": ("总体情况。", "In sum. "),
    "bulletin.status_counts": (
        "{district}{judged}项指标中，{counts}；达到序时进度（含已完成）{green}项、占比{share}。",
        "Of the {level}'s {judged} indicators: {counts}; {green} ({share}) are on schedule or met.",
    ),
    "bulletin.count": ("{label}{n}项", "{label}: {n}"),
    "bulletin.h2.breakdowns": ("分解指标完成情况。", "The goals split by {unit_word}. "),
    "bulletin.h2.goals": ("{level}级目标完成情况。", "The {level} goals. "),
    "bulletin.flow": (
        "{name}完成{actual}{unit}，目标{target}{unit}，完成率{completion}，序时进度{time_share}，{verdict}",
        "{name}: {actual} {unit} of {target}, {completion} done at {time_share} of the time, {verdict}",
    ),
    "bulletin.flow.period": (
        "{name}累计完成{actual}{unit}，目标{target}{unit}，完成率{completion}，序时进度{time_share}，{verdict}",
        "{name}: {actual} {unit} so far of {target} for the plan period, {completion} done at {time_share} of the time, {verdict}",
    ),
    "bulletin.level": (
        "{name}（目标{target}{unit}）{meeting}个{unit_word}达到目标（共{counted}个{unit_word}报送）",
        "{name} (target {target} {unit}): met by {meeting} of the {counted} {unit_word}s that reported",
    ),
    "bulletin.yesno": (
        "{name}：{meeting}个{unit_word}已完成（共{counted}个{unit_word}报送）",
        "{name}: done by {meeting} of the {counted} {unit_word}s that reported",
    ),
    "bulletin.missing_units": ("（{n}个{unit_word}未计入）", " ({n} {unit_word}s not counted)"),
    "bulletin.no_figure": ("{name}：{status}", "{name}: {status}"),
    "bulletin.verdict.met": ("已完成目标", "target met"),
    "bulletin.verdict.on_track": ("达到序时进度", "on schedule"),
    "bulletin.verdict.behind": ("滞后序时进度{points}个百分点", "{points} points behind schedule"),
    "bulletin.verdict.other": ("{status}", "{status}"),
    "bulletin.goals_summary": ("{level}级目标{total}项中，{counts}。", "Of the {total} {level} goals: {counts}."),
    "bulletin.goals_met": ("已完成的有：{names}。", "Met: {names}."),
    "bulletin.goals_behind": ("滞后的有：{items}。", "Behind: {items}."),
    "bulletin.goal_behind": (
        "{name}完成{actual}{unit}（目标{target}{unit}），滞后序时进度{points}个百分点",
        "{name} {actual} {unit} (target {target}), {points} points behind",
    ),
    "bulletin.goal_level_behind": (
        "{name}{actual}{unit}（目标{target}{unit}）",
        "{name} {actual} {unit} (target {target})",
    ),
    "bulletin.h2.lights": ("亮灯情况。", "Lights. "),
    "bulletin.light_unit": ("{unit}{lights}", "{unit}: {lights}"),
    "bulletin.light_count": ("{light}{n}项", "{light} {n}"),
    "bulletin.lights_note": (
        "未报送、逾期未报、被退回或数据冲突的{unit_word}亮红灯。",
        "A {unit_word} that has not reported, is overdue, was rejected or is in conflict shows red.",
    ),
    "bulletin.h2.ranking": ("分指标排名。", "Ranking by indicator. "),
    "bulletin.ranking_note": (
        "按完成率与序时进度之差排名，未报送有效填报表的{unit_word}不参加排名。",
        "Ranked by completion minus time elapsed; a {unit_word} without a valid return is not ranked.",
    ),
    "bulletin.rank": (
        "{name}：排名前三位的是{top}；排名后三位的是{bottom}",
        "{name}: top three {top}; bottom three {bottom}",
    ),
    "bulletin.rank_top_only": ("{name}：排名前列的是{top}", "{name}: ahead {top}"),
    "bulletin.ranked_unit": ("{unit}（第{rank}名）", "{unit} (#{rank})"),
    "bulletin.h2.behind": ("部分{unit_word}进度滞后。", "{Unit_word}s behind schedule. "),
    "bulletin.behind_unit": ("{unit}：{items}。", "{unit}: {items}."),
    "bulletin.behind_flow": (
        "{name}完成{actual}{unit}，完成率{completion}，滞后序时进度{points}个百分点（{light}）",
        "{name} {actual} {unit}, {completion} done, {points} points behind ({light})",
    ),
    "bulletin.behind_level": (
        "{name}{actual}{unit}，未达到目标{target}{unit}（{light}）",
        "{name} {actual} {unit}, short of {target} ({light})",
    ),
    "bulletin.behind_yesno": ("{name}尚未完成（{light}）", "{name} not done ({light})"),
    "bulletin.none_reported": (
        "尚未收到有效填报表，无法判断各{unit_word}进度。",
        "No valid return yet: progress cannot be judged.",
    ),
    "bulletin.none_behind_reported": (
        "报送有效填报表的{unit_word}均达到序时进度。",
        "Every {unit_word} with a valid return is on schedule.",
    ),
    "bulletin.none_behind": ("各{unit_word}均达到序时进度。", "Every {unit_word} is on schedule."),
    "bulletin.h2.reporting": ("报送不及时、不规范。", "Returns late or not in order. "),
    "bulletin.not_submitted": ("{units}未报送{year}年填报表{due}", "{units}: no return for {year}{due}"),
    "bulletin.not_submitted_due": (
        "（{period}进展应于{due}前报送，已逾期{days}天）",
        " ({period} was due by {due}, {days} days overdue)",
    ),
    "bulletin.overdue_many": (
        "{unit}最近一次报送均截至{as_of}，{period}进展应于{due}前报送，已逾期{days}天，均属逾期未报",
        "{unit}: latest returns as of {as_of}; {period} was due by {due}, {days} days overdue",
    ),
    "bulletin.overdue": (
        "{unit}最近一次报送截至{as_of}，{period}进展应于{due}前报送，已逾期{days}天，属逾期未报",
        "{unit}: latest return as of {as_of}; {period} was due by {due}, {days} days overdue",
    ),
    "bulletin.rejected": (
        "{unit}报送的填报表有{n}处错误，已退回（{cells}）",
        "{unit}: the return has {n} error(s) and was sent back ({cells})",
    ),
    "bulletin.conflict": (
        "{unit}报送了{n}份截至日期相同（{as_of}）但数字不同的填报表，无法采用（{diff}）",
        "{unit}: {n} returns with the same date ({as_of}) and different figures, neither used ({diff})",
    ),
    "bulletin.all_on_time": ("各{unit_word}均按时报送。", "Every {unit_word} reported on time."),
    "bulletin.h2.doubles": ("明细重复申报。", "Items claimed twice. "),
    "bulletin.doubles": ("{n}项明细被重复申报：{items}。", "{n} item(s) claimed twice: {items}."),
    "bulletin.double": ("{item}{key}（{claims}）", "{item} {key} ({claims})"),
    "bulletin.claim": ("{unit}{year}年", "{unit} {year}"),  # who claimed it, in which year's return
    "bulletin.h2.rectify": ("限时整改。", "Put it right in time. "),
    "bulletin.h2.rectify_closed": ("认真整改。", "Put it right. "),
    "bulletin.rectify": (
        "{units}要认真分析滞后原因，明确整改措施，加快工作进度{deadline}。",
        "{units} must find why they are behind, set out how to catch up and speed up{deadline}.",
    ),
    "bulletin.rectify_closed": (
        "{units}要认真分析滞后原因，明确整改措施，在后续工作中补齐差距。",
        "{units} must find why they are behind, set out how to catch up, and close the gap in the work ahead.",
    ),
    "bulletin.rectify_deadline": ("，于{due}前报送整改情况", ", and report what they did by {due}"),
    "bulletin.h2.report": ("按时报送。", "Report on time. "),
    "bulletin.report_missing": ("{units}要于{due}前补报填报表", "{units} must send their returns by {due}"),
    "bulletin.report_missing_nodate": ("{units}要尽快补报填报表", "{units} must send their returns at once"),
    "bulletin.report_rejected": (
        "{units}要按退回意见修改后重新报送",
        "{units} must correct their returns as told and send them again",
    ),
    "bulletin.report_conflict": (
        "{units}要核实后只报送正确的一份",
        "{units} must check and send only the right return",
    ),
    "bulletin.report_all": (
        "各{unit_word}要于每月{day}日前报送截至上月底的进展，确保数据真实准确。",
        "Each {unit_word} must report by day {day} of every month the progress to the end of the month before, with true figures.",
    ),
    "bulletin.report_all_nodate": (
        "各{unit_word}要按时报送进展，确保数据真实准确。",
        "Each {unit_word} must report on time, with true figures.",
    ),
    "bulletin.h2.verify": ("核实明细。", "Check the items. "),
    "bulletin.verify": (
        "{units}要对重复申报的项目逐项核实，明确归属，只保留一处。",
        "{units} must check each item claimed twice and keep it in one place only.",
    ),
    "bulletin.h2.supervise": ("强化督导。", "Oversight. "),
    "bulletin.supervise": (
        "根据实施方案{source}规定，{text}请各{unit_word}对照目标任务和序时进度，查漏补缺、压实责任，确保按时按质按量完成年度目标任务。",
        "As the plan says in {source}: {text} Each {unit_word} must check its work against the targets and the schedule and finish the year's targets on time, in quality and in quantity.",
    ),
    "bulletin.supervise_plain": (
        "请各{unit_word}对照目标任务和序时进度，查漏补缺、压实责任，确保按时按质按量完成年度目标任务。",
        "Each {unit_word} must check its work against the targets and the schedule and finish the year's targets on time, in quality and in quantity.",
    ),
    "bulletin.attachments": ("附件：", "Attachments: "),
    "bulletin.att.units": ("各{unit_word}分指标进展情况表", "Progress of each {unit_word} by indicator"),
    "bulletin.att.goals": ("{level}级目标进展情况表", "Progress of the {level} goals"),
    "bulletin.att.returns": ("各{unit_word}报送情况表", "Returns of each {unit_word}"),
    "bulletin.att.number": ("{n}．{title}", "{n}. {title}"),
    "bulletin.att.label": ("附件{n}", "Attachment {n}"),
    "bulletin.col.latest": ("最近截至日期", "Latest as of"),
    "bulletin.col.state": ("报送情况", "Returns"),
    "bulletin.col.detail": ("说明", "Detail"),
    "bulletin.state.on_time": ("按时报送", "on time"),
    "bulletin.att.note": (
        "注：序时进度为截至填报表截至日期已过时间占目标期限的比例；进度差为完成数与序时应完成数之差占目标的百分点（正数为超前，负数为滞后）。",
        "Note: the schedule is the share of the target's time elapsed at the return's date; the lag is the difference between the actual and the expected-to-date, in percentage points of the target (positive: ahead, negative: behind).",
    ),
    "bulletin.signature": ("（发文单位）", "(issuing office)"),
    "bulletin.sep": ("；", "; "),
    # two same-dated returns that disagree, in a document's words (not ``B1: 18 ≠ 21``)
    "conflict.differs": ("{name}分别为{a}和{b}", "{name}: {a} and {b}"),
    "conflict.differs_sep": ("；", "; "),
    # cells of a sent-back return, as an office writes them: “填报表”工作表E13、E15单元格
    "bulletin.cells": ("“{sheet}”工作表{cells}单元格", "sheet {sheet}, cells {cells}"),
    "bulletin.sheet": ("“{sheet}”工作表", "sheet {sheet}"),
    # ---- writing documents ----------------------------------------------------------------
    "doc.unknown-suffix": (
        "无法写成 {path}：通报可写成 .docx（公文格式，Word/WPS 打开）、.txt（纯文本）或 .md，例如 -o {stem}.docx",
        "cannot write {path}: the bulletin is written as .docx (for Word/WPS), .txt (plain text) or .md, e.g. -o {stem}.docx",
    ),
    "doc.docx-needs-output": (
        "--format docx 需要用 -o 指定 .docx 输出文件，例如 -o 通报.docx",
        "--format docx needs an output file: -o bulletin.docx",
    ),
    # ---- reminders (催报、退回) --------------------------------------------------------------
    "remind.kind.not_submitted": ("催报", "Reminder"),
    "remind.kind.overdue": ("催报", "Reminder"),
    "remind.kind.rejected": ("退回", "Sent back"),
    "remind.kind.conflict": ("核实", "Please check"),
    "remind.head": ("【{kind}】{unit} · {contact}", "[{kind}] {unit} · {contact}"),
    "remind.contact": ("填报人 {reporter} · 联系电话 {phone}", "reporter {reporter} · phone {phone}"),
    "remind.contact_source": ("（据《{file}》）", " (from {file})"),
    "remind.no_contact": (
        "尚未收到过该单位的填报表，无填报人和联系电话，请通过其他方式联系",
        "no return ever received from this unit: no reporter or phone known, reach it another way",
    ),
    "remind.blank_contact": (
        "填报表未填写填报人和联系电话，请通过其他方式联系",
        "its returns name no reporter or phone: reach it another way",
    ),
    "remind.not_submitted": (
        "{unit}：你单位{year}年知识产权工作进展填报表尚未报送。{when}",
        "{unit}: your {year} IP progress return has not been received. {when}",
    ),
    "remind.overdue": (
        "{unit}：你单位最近一次报送的{year}年填报表截至{as_of}，{period}进展应于{due}前报送，已逾期{days}天。请尽快报送截至{end}的最新进展。",
        "{unit}: your latest {year} return is as of {as_of}; {period} was due by {due} and is {days} days overdue. Please send the progress up to {end} at once.",
    ),
    "remind.rejected": (
        "{unit}：你单位报送的《{file}》（截至{as_of}）有{n}处需要修改，已退回，请修改后重新报送：",
        "{unit}: your return {file} (as of {as_of}) has {n} problem(s) and is sent back; please correct and send it again:",
    ),
    "remind.rejected_undated": (
        "{unit}：你单位报送的《{file}》（未填截至日期）有{n}处需要修改，已退回，请修改后重新报送：",
        "{unit}: your return {file} (its as-of date is empty) has {n} problem(s) and is sent back; please correct and send it again:",
    ),
    "remind.problem": ("{i}. {where}：{message}", "{i}. {where}: {message}"),
    "remind.where": ("“{sheet}”工作表 {cell} 单元格", "sheet “{sheet}”, cell {cell}"),
    "remind.where_indicator": (
        "“{sheet}”工作表 {cell} 单元格（{indicator}）",
        "sheet “{sheet}”, cell {cell} ({indicator})",
    ),
    "remind.where_sheet": ("“{sheet}”工作表", "sheet “{sheet}”"),
    "remind.where_file": ("文件本身", "the file itself"),
    "remind.more": ("……另有{n}处，请用模板核对全表", "… and {n} more: check the whole sheet against the template"),
    "remind.conflict": (
        "{unit}：你单位报送的{files}截至日期同为{as_of}，但数字不一致（{diff}），无法采用。请核实哪一份正确，删除另一份后只报送正确的一份。",
        "{unit}: your returns {files} have the same date ({as_of}) but different figures ({diff}), so neither is used. Please check which is right and send only that one.",
    ),
    "remind.when_overdue": (
        "{period}进展应于{due}前报送，已逾期{days}天，请尽快报送。",
        "{period} was due by {due} and is {days} days overdue: please send it at once.",
    ),
    "remind.when_next": ("请于{due}前报送截至{end}的进展。", "Please send the progress up to {end} by {due}."),
    "remind.when_asap": ("请尽快报送。", "Please send it as soon as possible."),
    "remind.none": ("{year}年没有需要催报或退回的{unit_word}。", "No {unit_word} needs a reminder for {year}."),
    "remind.file": ("《{file}》", "{file}"),
}
