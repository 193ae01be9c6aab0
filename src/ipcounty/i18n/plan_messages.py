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
    "yaml-syntax": (
        "格式有误，无法读取：请检查这一行及上一行的缩进（只用空格）、冒号（半角“: ”）和引号",
        "YAML syntax error ({detail}): check the indentation, colons and quotes of this line and the one above",
    ),
    "yaml-key-not-text": (
        "键只能是文字或数字，不能是列表或映射：请检查这一行的冒号和括号",
        "a key must be text or a number, not a list or a mapping: check this line's colons and brackets",
    ),
    "yaml-unreadable-value": (
        "“{value}”无法读取：日期写成 2024-01-01，数字只写数字，其他文字请加引号",
        "'{value}' cannot be read: write dates as 2024-01-01, numbers as digits, and quote other text",
    ),
    "yaml-tab": (
        "这一行用了制表符（Tab）缩进：YAML 只能用空格缩进，请把 Tab 换成空格",
        "this line is indented with a tab: YAML indents with spaces only; replace the tab with spaces",
    ),
    "yaml-fullwidth-colon": (
        "“{key}”后面是全角冒号“：”：请改为半角冒号加空格“: ”",
        "'{key}' is followed by a full-width colon '：': write a half-width colon and a space ': '",
    ),
    "yaml-missing-colon": (
        "“{text}”缺少冒号：键和值之间写半角冒号加空格，如 id: 值",
        "'{text}' lacks a colon: write key: value (a colon and a space)",
    ),
    "yaml-colon-space": (
        "“{text}”冒号后缺少空格：写成“键: 值”（冒号后加一个空格）",
        "'{text}' needs a space after the colon: key: value",
    ),
    "yaml-indent": (
        "“{text}”缩进不对：同一层的键要用相同个数的空格对齐，下一层比上一层多缩进两个空格",
        "'{text}' is indented wrongly: keys of one level line up with the same number of spaces, "
        "a nested level two more",
    ),
    "yaml-unclosed": (
        "从这里开始的括号 {{ [ 或引号没有闭合：请补上 }} ] 或引号",
        "a bracket {{ [ or quote opened here is never closed: add the }} ] or quote",
    ),
    "yaml-flow-comma": (
        "花括号或方括号里的各项之间缺少逗号：写成 {{2024: 15, 2025: 15}}",
        "items inside braces or brackets need commas between them: {{2024: 15, 2025: 15}}",
    ),
    "plan-encoding": (
        "计划文件是 {encoding} 编码，无法读取：请用记事本或 WPS 打开，另存为 UTF-8 编码后重试",
        "the plan file is encoded as {encoding}: open it and save it as UTF-8, then try again",
    ),
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
    # ---- schema errors, one per pydantic error type (ipcounty.plan.schema_errors) ---------
    "schema-missing": (
        "缺少必填项 {key}：请在 {parent} 下写上 {key}: …",
        "{key} is required: add {key}: … under {parent}",
    ),
    "schema-unknown-key": (
        "不认识的键 {key}{hint}：请改正拼写或删除这一项（此处可用：{known}）",
        "unknown key {key}{hint}: correct or remove it (allowed here: {known})",
    ),
    "schema-misspelt-key": (
        "键 {key} 拼写有误：应为 {name}",
        "key {key} is misspelt: write {name}",
    ),
    "schema-choice": (
        "{key} 不能写“{value}”{hint}：可选 {choices}",
        "{key} cannot be '{value}'{hint}: choose one of {choices}",
    ),
    "schema-number": (
        "{key} 应为数字，而不是“{value}”：只写数字，如 15 或 2.5",
        "{key} must be a number, not '{value}': write e.g. 15 or 2.5",
    ),
    "schema-integer": (
        "{key} 应为整数，而不是“{value}”",
        "{key} must be a whole number, not '{value}'",
    ),
    "schema-text": (
        "{key} 应为文字，而不是“{value}”：需要时加引号",
        "{key} must be text, not '{value}': quote it if needed",
    ),
    "schema-bool": (
        "{key} 应为 true 或 false，而不是“{value}”",
        "{key} must be true or false, not '{value}'",
    ),
    "schema-date": (
        "{key}“{value}”不是日期：写成 2024-01-01 这样的格式",
        "{key} '{value}' is not a date: write it as 2024-01-01",
    ),
    "schema-list": (
        "{key} 应为列表：每项一行并以“- ”开头，或写成 [甲, 乙]",
        "{key} must be a list: one item per line starting with '- ', or [a, b]",
    ),
    "schema-map": (
        "{key} 应为“键: 值”的映射，而不是“{value}”：请按 README 的示例分行写出各项",
        "{key} must be a mapping of key: value, not '{value}': write its items as in the README",
    ),
    "schema-blank": (
        "{key} 是空的：请在其下缩进写出各项，或删除这一行",
        "{key} is empty: write its items indented under it, or remove the line",
    ),
    "schema-empty": ("{key} 不能为空", "{key} cannot be empty"),
    "schema-too-long": ("{key} 太长（最多 {limit} 个字）", "{key} is too long (at most {limit} characters)"),
    "schema-min": ("{key} 不能小于 {limit}（现为 {value}）", "{key} cannot be below {limit} (it is {value})"),
    "schema-max": ("{key} 不能大于 {limit}（现为 {value}）", "{key} cannot be above {limit} (it is {value})"),
    "schema-pattern": (
        "{key}“{value}”格式不对：编号以字母开头，只用字母、数字和 _ . -，如 G01",
        "{key} '{value}' is malformed: a code starts with a letter and uses letters, digits, _ . - (e.g. G01)",
    ),
    "schema-other": (
        "{key} 的值“{value}”不符合要求（{type}）：请对照 README 中计划文件的说明修改",
        "{key} '{value}' is not accepted ({type}): see the plan file section of the README",
    ),
    "hint-choice-label": ("（“{value}”应写作 {code}）", " ('{value}' is written {code})"),
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
        "{code} 为分年度目标（scope: yearly），{who}只写了一个数字：每个单位应写成 {{{example}}}"
        "（也可按季度 2024Q1、按月 2024-01 分），或把 scope 改为 period（期间合计）",
        "{code} is yearly (scope: yearly) but {who_en} give(s) one number: give each unit a map "
        "{{{example}}} (or by quarter 2024Q1 / month 2024-01), or make the scope period",
    ),
    "scope-period-needs-number": (
        "{code} 为期间总目标（scope: period），{who}写成了分年度：每个单位只写一个数字，或把 scope 改为 yearly",
        "{code} covers the period (scope: period) but {who_en} give(s) years: give each unit one "
        "number, or make the scope yearly",
    ),
    "target-not-a-number": (
        "目标“{value}”不是数字：只写数字，如 15",
        "target '{value}' is not a number: write the number only, e.g. 15",
    ),
    "target-with-unit": (
        "目标“{value}”带了单位：只写数字 {number}，计量单位写在 unit（如 unit: {unit}）",
        "target '{value}' carries a unit: write the number {number} only; the unit of measure goes in unit",
    ),
    "target-normalised": (
        "目标“{value}”按数字 {number} 读取：请用半角数字，不加引号",
        "target '{value}' read as the number {number}: write plain half-width digits",
    ),
    "date-normalised-plan": (
        "日期“{value}”按 {date} 读取：请写成 {date} 这样的格式",
        "date '{value}' read as {date}: write it as {date}",
    ),
    "target-bad-key": (
        "“{key}”不是年份、季度或月份：写成 {example}、{example}Q1 或 {example}-01",
        "'{key}' is not a year, quarter or month: write {example}, {example}Q1 or {example}-01",
    ),
    "target-mixed-keys": (
        "{year}年既有全年目标又有季度或月份目标（{key}）：同一年只用一种写法",
        "{year} mixes a whole-year target with quarters or months ({key}): use one way per year",
    ),
    "target-duplicate-key": (
        "{key} 写了两次：只保留一个",
        "{key} is given twice: keep one",
    ),
    "part-outside-period": (
        "{key} 不在计划期 {start} 至 {end} 内",
        "{key} is outside the plan period {start} to {end}",
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
        "{code} ({name_en}) allocates {allocated} {unit}, but the {level} goal it serves, "
        "{goal} ({goal_name_en}), is {target} {unit} ({diff})",
    ),
    "breakdown-not-comparable": (
        "{code}（{name}，{unit}）服务于 {goal}（{goal_name}，{goal_unit}），不直接比较：{why}",
        "{code} ({name_en}, {unit}) serves {goal} ({goal_name_en}, {goal_unit}) but measures something "
        "else, so they are not compared: {why}",
    ),
    # ---- options naming a unit (--unit, --township) -----------------------------------
    "no-district-form": (
        "本计划没有{level}级目标，因此没有{district}填报表",
        "this plan has no {level} goals, so there is no {level} form",
    ),
    "unknown-unit-option": (
        "未知的{unit_word} {name}{hint}",
        "unknown {unit_word} {name}{hint}",
    ),
    "year-option-outside-plan": (
        "年度 {year} 不在计划期 {first}—{last} 内",
        "year {year} is outside the plan period {first}-{last}",
    ),
    "unknown-indicator-option": (
        "未知的指标代码 {code}（可用：{known}）",
        "unknown indicator code {code} (known: {known})",
    ),
    "alias-used": (
        "{code} 使用了单位别名 {alias}，按 {name} 计算",
        "{code} uses the alias {alias}; counted as {name}",
    ),
}
