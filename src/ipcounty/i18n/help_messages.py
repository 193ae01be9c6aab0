"""The words of ``ipcounty -h``: what Typer would print in English, and each option's help.

``OPTION_HELP`` pairs every option's help as the command modules write it (Chinese) with its
English; ``--lang en -h`` shows the English. A test checks that every option has its pair."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "help.usage": ("用法", "Usage"),
    "help.colon": ("：", ": "),
    "help.heading-colon": ("：", ":"),
    "help.options": ("选项", "Options"),
    "help.arguments": ("参数", "Arguments"),
    "help.commands": ("命令", "Commands"),
    "help.options-metavar": ("[选项]", "[OPTIONS]"),
    "help.command-metavar": ("命令 [参数]...", "COMMAND [ARGS]..."),
    "help.help-option": ("显示本帮助并退出", "Show this message and exit."),
    "help.required": ("必填", "required"),
    "help.default": ("默认：{value}", "default: {value}"),
    "help.env-var": ("环境变量：{name}", "env var: {name}"),
    "help.extra": ("（{items}）", "  [{items}]"),
    "help.extra-sep": ("；", "; "),
    "help.metavar.file": ("文件", "file"),
    "help.metavar.directory": ("目录", "directory"),
    "help.metavar.path": ("路径", "path"),
    "help.metavar.str": ("文本", "text"),
    "help.metavar.date": ("日期", "date"),
    "help.metavar.integer": ("整数", "integer"),
    "help.metavar.year": ("年度", "year"),
    "help.metavar.paths": ("文件或文件夹", "paths"),
}

OPTION_HELP: dict[str, tuple[str, str]] = {
    "plan": (
        "计划文件 targets.yaml（默认：$IPCOUNTY_PLAN、./data/targets.yaml、内置）",
        "the plan file targets.yaml (default: $IPCOUNTY_PLAN, ./data/targets.yaml, the bundled plan)",
    ),
    "lang": ("界面语言 zh|en（默认 zh，或 $IPCOUNTY_LANG）", "language zh|en (default zh, or $IPCOUNTY_LANG)"),
    "debug": ("出错时显示完整的 Python 调用栈", "show the full Python traceback on an error"),
    "version": ("显示版本号", "show the version"),
    "check": (
        "列出计划的一致性提示（分解合计与上级目标不符等）",
        "list the plan's consistency notes (a breakdown that does not add up to its goal, …)",
    ),
    "format": ("输出格式", "output format"),
    "format-by-suffix": (
        "输出格式（默认 table；有 -o 时按扩展名，如 .csv、.json、.md）",
        "output format (default table; with -o, the file's extension: .csv, .json, .md, …)",
    ),
    "year": ("年度，如 2025", "the year, e.g. 2025"),
    "year-all": ("年度，如 2025（用 --all-years 时可省略）", "the year, e.g. 2025 (may be left out with --all-years)"),
    "template-unit": ("只生成这些单位（可重复）", "only these units (repeatable)"),
    "template-district": ("只生成本级汇总填报表（不含各单位）", "only the district's own form (no unit forms)"),
    "template-out": ("输出目录", "output folder"),
    "template-prefill": (
        "预填各单位上次报送的数（最多报一次）",
        "pre-fill each unit's last reported figures (report once at most)",
    ),
    "returns": (
        "填报表目录（默认：$IPCOUNTY_RETURNS、./returns、内置示例）",
        "the returns folder (default: $IPCOUNTY_RETURNS, ./returns, the bundled examples)",
    ),
    "force": ("覆盖已存在的同名文件（默认不覆盖）", "overwrite files of the same name (default: never)"),
    "paths": (
        "填报表文件（.xlsx/.xlsm/.xls/.ods）或文件夹（其中所有文件）",
        "return files (.xlsx/.xlsm/.xls/.ods) or folders (every file in them)",
    ),
    "as-of": (
        "按某日已知情况统计（晚于该日的填报表不计）",
        "report what was known on this date (later returns are left out)",
    ),
    "unit": ("只看这些单位（可重复）", "only these units (repeatable)"),
    "indicator": ("只看这些指标代码（可重复）", "only these indicator codes (repeatable)"),
    "strict": (
        "有未报送、逾期未报、退回或冲突时以 1 退出",
        "exit 1 when a unit is missing, overdue, sent back or in conflict",
    ),
    "score-unit": (
        "只列这些单位（可重复；名次仍按全部单位排）",
        "only these units (repeatable; ranks stay those among all units)",
    ),
    "output": (
        "写入文件（CSV 带 BOM，Excel/WPS 可直接打开）",
        "write to a file (CSV with a BOM, ready for Excel/WPS)",
    ),
    "export-output": ("输出的 .xlsx 文件", "the .xlsx file to write"),
    "carry-forward": (
        "当月没有报送时沿用此前最近一次报送的数",
        "carry the latest earlier figure into a month without a return",
    ),
    "all-years": ("计划期内各年度（验收用）", "every year of the plan (for the final review)"),
    "bulletin-output": (
        "写入文件（.docx 为公文格式）",
        "write to a file (.docx in the official-document layout, GB/T 9704)",
    ),
    "bulletin-format": (
        "docx|text|markdown（默认：按 -o 的扩展名；无 -o 时为 text）",
        "docx|text|markdown (default: by the extension of -o; text without -o)",
    ),
}
