"""Messages of the command line itself: usage errors and system errors at the error boundary."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "usage.path-missing": ("{param}：找不到 {path}，请检查路径", "{param}: {path} does not exist; check the path"),
    "usage.path-is-file": (
        "{param}：{path} 是文件，这里需要文件夹",
        "{param}: {path} is a file; a folder is needed here",
    ),
    "usage.path-is-folder": (
        "{param}：{path} 是文件夹，这里需要文件",
        "{param}: {path} is a folder; a file is needed here",
    ),
    "usage.path-unreadable": (
        "{param}：无法读取 {path}（权限不足）",
        "{param}: {path} cannot be read (permission denied)",
    ),
    "usage.path-unwritable": (
        "{param}：无法写入 {path}（权限不足）",
        "{param}: {path} cannot be written (permission denied)",
    ),
    "usage.not-a-choice": (
        "{param}：“{value}”无效，可选：{choices}",
        "{param}: '{value}' is not valid; choose {choices}",
    ),
    "usage.bad-value": ("{param}：“{value}”不是{what}", "{param}: '{value}' is not {what}"),
    "usage.type-integer": ("整数", "a whole number"),
    "usage.type-number": ("数字", "a number"),
    "usage.type-boolean": ("是/否（true/false）", "true or false"),
    "usage.arg-files": ("文件", "FILES"),
    "usage.arg-paths": ("文件或文件夹", "PATHS"),
    "usage.arg-year": ("年度", "YEAR"),
    "usage.missing": ("缺少 {param}", "{param} is missing"),
    "usage.no-such-option": ("没有选项 {name}{hint}", "no option {name}{hint}"),
    "usage.global-after-command": (
        "{name} 要写在命令之前：{fixed}",
        "{name} goes before the command: {fixed}",
    ),
    "usage.no-such-command": ("没有命令 {name}{hint}", "no command {name}{hint}"),
    "usage.did-you-mean": ("（是否为 {name}？）", " (did you mean {name}?)"),
    "usage.extra-arguments": ("多余的参数：{args}", "unexpected extra argument(s): {args}"),
    "usage.needs-value": ("选项 {name} 后面需要一个值", "option {name} needs a value"),
    "usage.missing-command": (
        "缺少命令：plan、template、validate、report 等",
        "a command is missing: plan, template, validate, report, …",
    ),
    "usage.bad-parameter": ("{param}：{detail}", "{param}: {detail}"),
    "usage.other": ("参数错误：{detail}", "usage error: {detail}"),
    "returns-folder-missing": (
        "找不到填报表目录 {folder}：请检查路径，或新建该目录并把收到的填报表放进去（可分子目录）",
        "returns folder {folder} not found: check the path, or make it and put the returns received in it (sub-folders are fine)",
    ),
    "output.unknown-suffix": (
        "无法写成 {path}：这里可写 {known} 文件，或用 --format 指定格式{hint}",
        "cannot write {path}: write a {known} file here, or name the format with --format{hint}",
    ),
    "output.use-export": (
        "；会议用的 Excel 工作簿请用 ipcounty export 年度 -o 文件.xlsx",
        "; for the meeting workbook in Excel use ipcounty export YEAR -o FILE.xlsx",
    ),
    "usage.help-line": ("用法见 {prog} -h", "see {prog} -h"),
    "usage.aborted": ("已取消", "aborted"),
    "system.error": (
        "无法访问 {path}：{reason}",
        "cannot access {path}: {reason}",
    ),
    "system.error-no-path": ("系统错误：{reason}", "system error: {reason}"),
    # ipcounty plan: its sections and its consistency notes
    "planview.phases": ("实施步骤", "Phases"),
    "planview.measures": ("推进措施与责任单位", "Measures and responsible units"),
    "planview.notes-hint": (
        "\n计划一致性提示 {n} 条，运行 ipcounty plan --check 查看。",
        "\n{n} consistency note(s): run ipcounty plan --check to see them.",
    ),
    "planview.no-notes": ("计划一致，没有提示。", "The plan is consistent: no notes."),
    "planview.notes-head": ("计划一致性提示（{n} 条）：", "{n} consistency note(s):"),
    # ipcounty validate: what a return's header said
    "validate.year": ("{year}年", "{year}"),
    "validate.as-of": ("截至 {date}", "as of {date}"),
    # ipcounty template
    "template.wrote": ("已生成 {n} 个填报表，位于 {out}", "wrote {n} return workbook(s) to {out}"),
}
