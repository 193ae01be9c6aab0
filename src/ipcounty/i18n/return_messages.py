"""Messages about a return: the file, its header block, its table, and normalisation words."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # What became of a return (validate, the workbook's 报送情况).
    "return-status.ok": ("通过", "passed"),
    "return-status.warning": ("有警告", "passed with warnings"),
    "return-status.rejected": ("退回", "rejected"),
    "return-status.skipped": ("跳过", "skipped"),
    # ---- returns: the file ----------------------------------------------------------------
    "file-empty": (
        "文件为空（0 字节）：请重新导出或重新发送",
        "the file is empty (0 bytes): export or send it again",
    ),
    "file-not-workbook": (
        "不是 Excel/WPS 表格文件（{detail}）：请用 ipcounty template 生成的模板填报，另存为 .xlsx",
        "not a spreadsheet ({detail}): fill in the template from ipcounty template and save as .xlsx",
    ),
    "file-corrupt": (
        "文件已损坏或不完整（{detail}）：请让填报单位重新保存并发送",
        "the file is damaged or incomplete ({detail}): ask the sender to save and send it again",
    ),
    "file-encrypted": (
        "文件设置了打开密码：请取消密码（文件→信息→保护工作簿）后重新发送",
        "the file is password-protected: remove the password and send it again",
    ),
    "file-too-large": (
        "文件过大（{detail}，上限 {limit}）：填报表不应超过此大小，请检查是否误发文件",
        "the file is too large ({detail}, limit {limit}): check that this is the right file",
    ),
    "file-unsupported": (
        "不支持的文件类型 {ext}：请另存为 .xlsx 后发送",
        "unsupported file type {ext}: save as .xlsx and send again",
    ),
    "file-missing": ("找不到文件 {path}", "file {path} not found"),
    "sheet-missing": (
        "找不到工作表“{sheet}”（现有：{sheets}）：请使用模板填报，不要改工作表名",
        "no sheet named '{sheet}' (found: {sheets}): use the template and keep its sheet names",
    ),
    "sheet-unreadable-cell": (
        "工作表“{sheet}”中有单元格无法读取（单元格：{cells}），通常是设为日期格式的单元格里填了过大的数："
        "请改成正确的日期或数字，或清除该单元格后重新保存",
        "a cell of sheet '{sheet}' cannot be read (cells: {cells}), usually a date-formatted cell holding "
        "a number far too large for a date: write a proper date or number, or clear the cell, and save again",
    ),
    "sheet-too-large": (
        "工作表“{sheet}”有内容延伸到第 {rows} 行、第 {cols} 列，超过上限 {limit}（行×列）："
        "请删除表格以外误填的内容后重新保存",
        "sheet '{sheet}' has content out to row {rows}, column {cols}, past the limit of {limit} "
        "(rows x columns): delete what was typed outside the table and save again",
    ),
    "label-missing": (
        "找不到“{label}”栏：请在表头区保留“{label}”标签，并在其右侧单元格填写",
        "label '{label}' not found: keep the '{label}' label in the header block and fill the cell to its right",
    ),
    "column-missing": (
        "表格缺少“{column}”列：请保留模板的表头行（{columns}）",
        "the table has no '{column}' column: keep the template's header row ({columns})",
    ),
    "plan-mismatch": (
        "此表由另一份计划（{other}）的模板生成，不属于本计划：请用 ipcounty template 重新生成模板",
        "this return was made from another plan's template ({other}): make a new one with ipcounty template",
    ),
    "plan-version-differs": (
        "此表由旧版计划模板生成（模板指纹 {theirs}，当前 {ours}）：已按当前计划核对，建议下次使用新模板",
        "this return comes from an older version of the plan (stamp {theirs}, now {ours}); checked "
        "against the current plan — use a new template next time",
    ),
    "no-template-stamp": (
        "未找到模板标识（隐藏工作表 {sheet}）：此表可能不是由模板生成，已按表头文字读取",
        "no template stamp (hidden sheet {sheet}): the return may not come from the template; read by its labels",
    ),
    # ---- returns: header block ------------------------------------------------------------
    "township-missing": (
        "“{unit_word}”未填写：请填写单位名称，如 {example}",
        "the unit is empty: write its name, e.g. {example}",
    ),
    "unknown-township-return": (
        "未知的{unit_word}“{value}”{hint}：请改为计划中的名称",
        "unknown unit '{value}'{hint}: use a name from the plan",
    ),
    "township-alias": (
        "{unit_word}“{value}”按“{name}”处理：请以后填写规范名称",
        "unit '{value}' read as '{name}': write the standard name next time",
    ),
    "year-missing": ("“年度”未填写：请填写如 {example}", "the year is empty: write e.g. {example}"),
    "bad-year": (
        "“年度”{value} 不是年份：请填写四位数年份，如 {example}",
        "year '{value}' is not a year: write four digits, e.g. {example}",
    ),
    "year-outside-plan": (
        "年度 {year} 不在计划期 {start}—{end} 内：请核对年度",
        "year {year} is outside the plan period {start}-{end}: check the year",
    ),
    "date-missing": (
        "“截至日期”未填写：请填写数据统计截至的日期，如 {example}",
        "the as-of date is empty: write the date the figures run to, e.g. {example}",
    ),
    "bad-date": (
        "“截至日期”{value} 无法识别：请写成 {example}",
        "as-of date '{value}' cannot be read: write it as {example}",
    ),
    "date-outside-year": (
        "截至日期 {date} 不在 {year} 年内：请核对日期或年度",
        "as-of date {date} is not in {year}: check the date or the year",
    ),
    "date-outside-plan": (
        "截至日期 {date} 不在计划期 {start} 至 {end} 内：请核对日期",
        "as-of date {date} is outside the plan period {start} to {end}: check the date",
    ),
    "date-in-future": (
        "截至日期 {date} 晚于今天 {today}：请核对日期",
        "as-of date {date} is after today ({today}): check the date",
    ),
    # ---- returns: the table ---------------------------------------------------------------
    "indicator-missing": (
        "缺少指标 {code}（{name}）这一行：请按模板补上该行并填写本年完成",
        "the row for {code} ({name}) is missing: add it as in the template and fill 本年完成",
    ),
    "indicator-unknown": (
        "未知指标“{value}”：删除此行，或改为计划中的指标代码",
        "unknown indicator '{value}': delete the row or use an indicator code of the plan",
    ),
    "indicator-not-for-unit": (
        "指标 {code} 不属于{unit}的填报内容：请删除此行",
        "indicator {code} is not reported by {unit}: delete the row",
    ),
    "indicator-duplicate": (
        "指标 {code} 出现两次（另见 {other}）：只保留一行",
        "indicator {code} appears twice (also at {other}): keep one row",
    ),
    "indicator-by-name": (
        "指标代码为空，按名称“{value}”识别为 {code}：请补上指标代码",
        "no indicator code; recognised '{value}' by name as {code}: write the code",
    ),
    "name-mismatch": (
        "指标名称“{value}”与计划中 {code} 的名称“{name}”不同：已按指标代码 {code} 读取",
        "name '{value}' differs from the plan's name for {code} ('{name}'): read by its code",
    ),
    "target-differs": (
        "年度目标写为 {value}，计划为 {target}：以计划为准，请勿修改年度目标",
        "the target reads {value} but the plan says {target}: the plan's target is used",
    ),
    "empty-value": (
        "本年完成未填写：请填写数字，没有完成请填 0",
        "本年完成 is empty: write a number, 0 if nothing was achieved",
    ),
    "empty-choice": ("未填写：请选择 {choices}", "empty: choose one of {choices}"),
    "not-a-number": (
        "“{value}”不是数字：请只填写数字{unit_hint}",
        "'{value}' is not a number: write a number only{unit_hint}",
    ),
    "wrong-unit": (
        "“{value}”的单位 {found} 与指标单位 {unit} 不符：请换算为 {unit} 后只填写数字",
        "'{value}' is in {found}, but the indicator counts in {unit}: convert to {unit} and write the number only",
    ),
    "negative-value": ("{value} 为负数：完成数不能小于 0", "{value} is negative: an amount cannot be below 0"),
    "fractional-count": (
        "{value} 不是整数：{unit}为计数单位，请填写整数",
        "{value} is not a whole number: {unit} are counted whole",
    ),
    "rate-out-of-range": (
        "{value} 不在 0—100 之间：比率请填写百分数，如 92.5 表示 92.5%",
        "{value} is not between 0 and 100: write a percentage, e.g. 92.5 for 92.5%",
    ),
    "rate-as-fraction": (
        "“{value}”看不出是 {percent}% 还是 {value}%（百分比格式的单元格会把 {percent}% 存为 {value}）："
        "请把单元格设为常规格式，直接填写百分数，如 {percent}",
        "'{value}' could mean {percent}% or {value}% (a %-formatted cell stores {percent}% as {value}): "
        "set the cell to General and write the percentage itself, e.g. {percent}",
    ),
    "digits-split": (
        "“{value}”中数字被空格隔开，无法确定是哪个数：请只填写一个数字",
        "'{value}' has digits split by a space, so which number is meant is unclear: write one number",
    ),
    "unit-not-wanted": (
        "“{value}”带有单位 {found}：此项不带单位，请只填写数字",
        "'{value}' carries the unit {found}: this item takes a plain number only",
    ),
    "bad-choice": ("“{value}”无效：请选择 {choices}", "'{value}' is not valid: choose one of {choices}"),
    "formula-no-value": (
        "单元格是公式但没有计算结果：请在 Excel/WPS 中打开、重新计算并保存，或直接填写数字",
        "the cell holds a formula with no computed value: open, recalculate and save it in "
        "Excel/WPS, or type the number",
    ),
    "value-normalised": (
        "“{value}”按 {number} 读取（{what}）",
        "'{value}' read as {number} ({what})",
    ),
    "date-normalised": ("“{value}”按 {date} 读取（{what}）", "'{value}' read as {date} ({what})"),
    "text-cleaned": (
        "已去除文字中的控制字符或零宽字符",
        "control or zero-width characters were removed from the text",
    ),
    "value-too-long": (
        "内容长度 {length} 字，超过 {limit} 字：已完整保留，但建议精简",
        "the text is {length} characters, over {limit}: kept in full, but please shorten it",
    ),
    "reader-failed": (
        "ipcounty 无法读取此文件（{detail}）：请另存为 .xlsx 后重试；如仍不行，请把文件发给维护人员",
        "ipcounty could not read this file ({detail}): save it as .xlsx and retry, or send it to the maintainers",
    ),
    "evidence-sheet-missing": (
        "没有“{sheet}”工作表：请使用新模板，逐项列出本年完成对应的专利、企业等",
        "no '{sheet}' sheet: use the current template and list the items behind each count",
    ),
    "evidence-missing": (
        "{code} 本年完成为 {actual}，但“{sheet}”中没有列出{item}：请逐项填写",
        "{code} reports {actual}, but sheet '{sheet}' lists no {item}: list each one",
    ),
    "evidence-count-mismatch": (
        "{code} 本年完成为 {actual}，但“{sheet}”列出 {count} 项{item}：两者应一致，请核对",
        "{code} reports {actual}, but sheet '{sheet}' lists {count} {item}: they must agree",
    ),
    "bad-patent-number": (
        "专利号“{value}”格式不对：应为 12 位数字、小数点和 1 位校验位，如 ZL201710601862.3",
        "patent number '{value}' is malformed: 12 digits, a dot and a check digit, e.g. ZL201710601862.3",
    ),
    "patent-check-digit": (
        "专利号“{value}”校验位不对（按前 12 位应为 {expected}）：请核对专利号",
        "patent number '{value}' fails its check digit (should be {expected}): check the number",
    ),
    "not-an-invention": (
        "专利号“{value}”不是发明专利（类型位为 {kind}，发明专利为 1 或 8）：本表只计发明专利",
        "'{value}' is not an invention patent (type digit {kind}; inventions are 1 or 8): only inventions count here",
    ),
    "bad-credit-code": (
        "统一社会信用代码“{value}”格式不对：应为 18 位数字和大写字母（不含 I、O、S、V、Z）",
        "credit code '{value}' is malformed: 18 digits and capital letters (no I, O, S, V, Z)",
    ),
    "credit-check-char": (
        "统一社会信用代码“{value}”校验码不对（应为 {expected}）：请核对",
        "credit code '{value}' fails its check character (should be {expected}): check it",
    ),
    "item-date-outside-year": (
        "日期 {date} 不在 {year} 年内：本年明细只列本年的{item}",
        "date {date} is not in {year}: list only this year's {item}",
    ),
    "item-year-differs": (
        "认定年度 {value} 与填报年度 {year} 不同：请只列本年新增的{item}",
        "year {value} differs from the return's year {year}: list only this year's {item}",
    ),
    "item-bad-date": (
        "日期“{value}”无法识别：请写成 {example}",
        "date '{value}' cannot be read: write it as {example}",
    ),
    "item-bad-year": (
        "“{value}”不是年份：请填写四位数年份，如 {example}",
        "'{value}' is not a year: write e.g. {example}",
    ),
    "item-missing-key": ("缺少“{column}”：每行{item}都要填写{column}", "'{column}' is empty: every {item} needs it"),
    "duplicate-item": (
        "{item} {key} 在明细中出现两次（另见 {other}）：请删除重复行",
        "{item} {key} is listed twice (also at {other}): delete the repeated row",
    ),
    "double-counted": (
        "{item} {key} 被重复计入：{claims}。请核实归属，只保留一处",
        "{item} {key} is counted more than once: {claims}. Settle who claims it and keep one",
    ),
    # ---- normalisation words --------------------------------------------------------------
    "norm-fullwidth": ("全角字符", "full-width characters"),
    "norm-spaces": ("多余空格", "extra spaces"),
    "norm-thousands": ("千位分隔符", "thousands separators"),
    "norm-unit": ("去掉单位“{unit}”", "unit '{unit}' removed"),
    "norm-same-unit": ("量词“{found}”按“{unit}”计", "counter '{found}' counted as '{unit}'"),
    "norm-text-number": ("文本格式的数字", "number stored as text"),
    "norm-year-suffix": ("去掉“年”", "'年' removed"),
    "norm-percent": ("去掉“%”", "'%' removed"),
    "norm-float-noise": ("浮点尾差", "floating-point noise"),
    "date-serial": ("Excel 日期序号", "an Excel date serial"),
    "date-text": ("文本日期", "a date written as text"),
    "date-time": ("去掉时间", "time of day dropped"),
    "hint-unit": ("（单位：{unit}）", " (unit: {unit})"),
    "hint-did-you-mean": ("（是否为“{name}”？）", " (did you mean '{name}'?)"),
    "evidence-table-unreadable": (
        "找到了 {code} 的明细表，但读不出其中的条目（列名被改动，或表格放在了另一张表的旁边）："
        "请保留模板的列名 {columns}，并把各表上下排列",
        "the 明细 table of {code} is there but its items cannot be read (a renamed column, or a table "
        "placed beside another): keep the template's columns {columns} and one table below the other",
    ),
    "unit-differs-from-stamp": (
        "填写的{unit_word}为“{unit}”，但此表是为“{stamp}”生成的模板：已按“{unit}”读取；如填错请改正，"
        "如借用了别的{unit_word}的表，请用本{unit_word}的模板",
        "the unit cell says {unit}, but the template was made for {stamp}: read as {unit}; correct it if "
        "wrong, or use your own unit's template",
    ),
    "unit-guessed": ("{unit}？", "{unit}?"),
    "indicator-name-said": ("{zh}", "{en}"),  # an indicator's name in the message's language
}
