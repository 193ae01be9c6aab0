"""Messages about the plan file and its consistency notes."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- plan file ------------------------------------------------------------------------
    "plan-not-found": (
        "找不到计划文件 {path}：请用 --plan 指定 targets.yaml 的路径",
        "plan file {path} not found: give the path to targets.yaml with --plan",
    ),
    "plan-unreadable": (
        "无法读取计划文件 {path}：{detail}",
        "cannot read plan file {path}: {detail}",
    ),
    "plan-invalid": (
        "计划文件 {path} 有 {count} 处错误，请按提示逐条修改后重试",
        "plan file {path} has {count} error(s); fix each one as described and try again",
    ),
    "yaml-syntax": ("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
    "yaml-duplicate-key": (
        "键 {key} 重复（首次出现在第 {first} 行）：删除或合并其中一个",
        "duplicate key {key} (first at line {first}): remove or merge one of them",
    ),
    "yaml-unsafe-tag": (
        "不允许的 YAML 标签 {tag}：计划文件只能包含普通的文字、数字、日期、列表和映射",
        "YAML tag {tag} is not allowed: a plan holds only plain text, numbers, dates, lists and maps",
    ),
    "yaml-too-large": (
        "计划文件过大或别名（&/*）展开过多（上限 {limit}）",
        "plan file is too large or expands too many aliases (limit {limit})",
    ),
    "schema": ("{detail}", "{detail}"),
    "duplicate-code": (
        "编号 {code} 重复：每个目标、分解表、职责和措施的编号必须唯一",
        "code {code} is used twice: every goal, breakdown, duty and measure needs its own code",
    ),
    "duplicate-unit": (
        "单位名称或别名 {name} 重复：每个名称只能指向一个单位",
        "unit name or alias {name} is used twice: each name must mean one unit",
    ),
    "unknown-unit-of-measure": (
        "计量单位 {unit} 未在 units_of_measure 中定义：请添加或改为 {known}",
        "unit of measure {unit} is not declared in units_of_measure: add it or use one of {known}",
    ),
    "missing-unit-of-measure": (
        "{code} 是数值指标，需要写明 unit（计量单位）",
        "{code} is numeric and needs a unit",
    ),
    "rate-unit-needed": (
        "{code} 是比率指标，计量单位必须是百分比单位（如 %）",
        "{code} is a rate and needs a percentage unit (such as %)",
    ),
    "rate-above-100": (
        "{code} 的目标 {value} 超过 100%",
        "target {value} of {code} is above 100%",
    ),
    "missing-target": ("{code} 缺少 target（目标值）", "{code} has no target"),
    "unexpected-target": (
        "{code} 是{kind}指标，不应有 target 或 unit",
        "{code} is {kind} and takes no target or unit",
    ),
    "fractional-target": (
        "{code} 的计量单位 {unit} 是计数单位，目标 {value} 必须是整数",
        "{code} counts in {unit}; target {value} must be a whole number",
    ),
    "negative-target": ("目标值 {value} 为负数：目标不能小于 0", "target {value} is negative"),
    "unknown-measure": (
        "{code} 引用了不存在的措施 {measure}",
        "{code} refers to measure {measure}, which does not exist",
    ),
    "unknown-goal": (
        "{code} 服务的{level}级目标 {goal} 不存在",
        "{code} serves {level} goal {goal}, which does not exist",
    ),
    "unknown-township": (
        "未知的单位 {name}{hint}：请改为计划中的单位名称",
        "unknown unit {name}{hint}: use a unit name from the plan",
    ),
    "year-outside-period": (
        "年份 {year} 不在计划期 {start}—{end} 内",
        "year {year} is outside the plan period {start}-{end}",
    ),
    "scope-yearly-needs-years": (
        "{code} 为分年度目标（scope: yearly），每个单位应写成 {{年份: 目标}}",
        "{code} is yearly (scope: yearly): give each unit a map {{year: target}}",
    ),
    "scope-period-needs-number": (
        "{code} 为期间总目标（scope: period），每个单位应写一个数字",
        "{code} covers the period (scope: period): give each unit one number",
    ),
    "period-reversed": (
        "开始日期 {start} 晚于结束日期 {end}",
        "start {start} is after end {end}",
    ),
    "phase-outside-period": (
        "阶段 {name} 超出计划期",
        "phase {name} falls outside the plan period",
    ),
    "column-total-mismatch": (
        "{code} {year}年合计为 {published}，但各单位之和为 {computed}：请核对分解表",
        "{code}: published total for {year} is {published} but the units add up to {computed}",
    ),
    "row-total-mismatch": (
        "{code} {unit} 总数值为 {published}，但各年之和为 {computed}：请核对分解表",
        "{code}: published total for {unit} is {published} but its years add up to {computed}",
    ),
    "grand-total-mismatch": (
        "{code} 总计为 {published}，但各单位之和为 {computed}：请核对分解表",
        "{code}: published grand total is {published} but the units add up to {computed}",
    ),
    # ---- plan consistency notes -----------------------------------------------------------
    "breakdown-differs": (
        "{code}（{name}）分解合计 {allocated}{unit}，与其服务的{level}级目标 {goal}（{goal_name}）{target}{unit} 不一致（{diff}）",
        "{code} ({name}) allocates {allocated} {unit}, but the {level} goal it serves, "
        "{goal} ({goal_name}), is {target} {unit} ({diff})",
    ),
    "breakdown-not-comparable": (
        "{code}（{name}，{unit}）服务于 {goal}（{goal_name}，{goal_unit}），不直接比较：{why}",
        "{code} ({name}, {unit}) serves {goal} ({goal_name}, {goal_unit}) but measures something "
        "else, so they are not compared: {why}",
    ),
    # ---- options naming a unit (--unit, --township) -----------------------------------
    "unknown-unit-option": (
        "未知的{unit_word} {name}{hint}",
        "unknown {unit_word} {name}{hint}",
    ),
    "alias-used": (
        "{code} 使用了单位别名 {alias}，按 {name} 计算",
        "{code} uses the alias {alias}; counted as {name}",
    ),
}
