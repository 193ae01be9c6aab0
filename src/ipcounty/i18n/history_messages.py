"""Messages of the history area: pre-filled returns (``template --prefill``) and ``trend``."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- template --prefill: in the workbook (always Chinese: the return is) ----------------
    "prefill-cell": (
        "沿用 {date} 报送的数（{file}）。有变化请直接改写，没有变化保持不动。",
        "Carried over from the return dated {date} ({file}). Overwrite it if it changed, else leave it.",
    ),
    "prefill-cell-new-year": (
        "沿用 {source_year} 年 {date} 报送的数（{file}），是延续到 {year} 年的存量或职责。有变化请直接改写。",
        "Carried over from the {source_year} return dated {date} ({file}): a level that holds into {year}. "
        "Overwrite it if it changed.",
    ),
    "prefill-date-comment": (
        "本表已预填上次报送的数（{date}，{file}）。请核对、更新有变化的数，并填写本次的截至日期。",
        "Pre-filled from the last return ({date}, {file}). Check, update what changed and fill in this return's date.",
    ),
    "prefill-guide-title": ("三、本表已预填", "3. This return is pre-filled"),
    "prefill-guide-source": (
        "1. 本表已按{unit}上次报送的填报表预填：{file}（截至 {date}）。带批注（红色小三角）的单元格是沿用的数。",
        "1. This return is pre-filled from {unit}'s last return: {file} (as of {date}). "
        "Cells with a comment (a small red triangle) hold carried-over figures.",
    ),
    "prefill-guide-same-year": (
        "2. 已沿用本年完成、备注和明细各行：只改有变化的数，新增的明细接在已有各行下面，条数与本年完成保持一致。",
        "2. 本年完成, 备注 and the 明细 rows are carried over: change only what changed, add new items below the "
        "carried ones, and keep the number of rows equal to 本年完成.",
    ),
    "prefill-guide-new-year": (
        "2. 这是 {year} 年的第一张表：只沿用了 {source_year} 年末的存量、职责和进展类指标；"
        "新增类指标和比率从 {year} 年 1 月 1 日起重新计算，请填写，明细也请重新填写。",
        "2. This is the first return of {year}: only the levels (stocks, duties, progress states) of "
        "{source_year} are carried over; amounts and rates count again from 1 January {year}: fill them "
        "in, and list the year's items on 明细.",
    ),
    "prefill-guide-date": (
        "3. 截至日期已清空：请填写本次报送的截至日期，否则校验不能通过。",
        "3. 截至日期 is left blank: fill in this return's date, or the return will not pass the check.",
    ),
    # ---- template --prefill: on screen -------------------------------------------------------
    "prefill-line-carried": ("{path}  预填自 {file}（截至 {date}）", "{path}  pre-filled from {file} (as of {date})"),
    "prefill-line-new-year": (
        "{path}  沿用 {file}（截至 {date}）的存量和职责",
        "{path}  levels carried from {file} (as of {date})",
    ),
    "prefill-line-none": (
        "{path}  空白：截至 {year} 年没有可沿用的有效填报表",
        "{path}  blank: no valid return up to {year} to carry over",
    ),
    "prefill-line-no-levels": (
        "{path}  空白：{file} 只有逐年重新计算的数，没有延续到 {year} 年的存量或职责",
        "{path}  blank: {file} holds only amounts counted afresh each year, no level that carries into {year}",
    ),
    "prefill-line-conflict": (
        "{path}  空白：{files} 截至日期相同而数字不同（冲突），无法确定沿用哪一份",
        "{path}  blank: {files} have the same date and different figures (conflict); cannot tell which to carry",
    ),
    "prefill-returns-without-prefill": (
        "--returns 只与 --prefill 一起使用：要预填上次报送的数，请加 --prefill",
        "--returns goes with --prefill: add --prefill to carry the last returns' figures over",
    ),
    "prefill-would-overwrite-return": (
        "不能写入 {path}：这是一份已报送的填报表。请用 --out 指定另一个目录",
        "will not write {path}: it is a return that was sent in. Choose another folder with --out",
    ),
    "prefill-returns-bundled": (
        "未指定填报表目录（--returns、IPCOUNTY_RETURNS 或 ./returns），使用内置示例填报表。",
        "No returns folder given (--returns, IPCOUNTY_RETURNS or ./returns): using the bundled examples.",
    ),
    "prefill-returns-missing": (
        "找不到填报表目录 {folder}：请检查路径，或去掉 --prefill 生成空白填报表",
        "returns folder {folder} not found: check the path, or leave out --prefill for blank returns",
    ),
    # ---- trend ------------------------------------------------------------------------------------
    "trend-title": (
        "{code} {name} · {year}年 · 各月最后一次报送的完成率",
        "{code} {name} · {year} · completion at each month's latest return",
    ),
    "trend-legend": (
        "空白：当月没有有效报送。{district}：截至各月末的报告数（各单位当时最新的有效报送）。序时进度：月末（本月为截至日）应达到的进度。",
        "Blank: no valid return that month. District: the report as of each month's end (every unit's latest "
        "valid return by then). Time elapsed (序时进度): the share of the schedule due at the month's end (the "
        "cut-off in the running month).",
    ),
    "trend-legend-carried": (
        "括号内：当月没有报送，沿用此前最近一次报送的数（--carry-forward）。",
        "In brackets: nothing that month; the latest earlier return carried forward (--carry-forward).",
    ),
    "trend-no-observations": (
        "{years} 年没有有效的填报表，没有可显示的趋势。请检查 --returns 目录，或用 ipcounty validate 查看退回的原因。",
        "No valid returns for {years}: no trend to show. Check the --returns folder, or see why returns were "
        "rejected with ipcounty validate.",
    ),
    "trend-year-missing": (
        "请给出年度（如 ipcounty trend 2025），或用 --all-years 看计划期内各年度",
        "give a year (ipcounty trend 2025), or --all-years for every year of the plan",
    ),
    "trend-sheet": ("趋势", "Trend"),
    "trend-sheet-title": ("逐月趋势", "month by month"),
    "trend-chart-title": (
        "{code} {name}：{district}完成率与序时进度（%）",
        "{code} {name}: completion vs. time elapsed (%)",
    ),
    "trend-sheet-goals": ("{district}填报表各目标逐月完成率", "The district form's goals by month"),
    "history-reading": ("读取填报表", "reading returns"),
    "trend.yesno.是": ("是", "yes"),
    "trend.yesno.否": ("否", "no"),
    "trend.month.1": ("1月", "Jan"),
    "trend.month.2": ("2月", "Feb"),
    "trend.month.3": ("3月", "Mar"),
    "trend.month.4": ("4月", "Apr"),
    "trend.month.5": ("5月", "May"),
    "trend.month.6": ("6月", "Jun"),
    "trend.month.7": ("7月", "Jul"),
    "trend.month.8": ("8月", "Aug"),
    "trend.month.9": ("9月", "Sep"),
    "trend.month.10": ("10月", "Oct"),
    "trend.month.11": ("11月", "Nov"),
    "trend.month.12": ("12月", "Dec"),
}
