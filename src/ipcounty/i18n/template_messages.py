"""The return workbook's 说明 sheet: written from the plan (its words, indicators, units, dates).

The plan's words come in as ``{unit_word}``, ``{level}``, ``{district}`` (see i18n.words).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "guide.subtitle": ("{year}年度目标任务完成情况填报说明（{unit}）", "How to fill in the {year} return ({unit})"),
    "guide.what": ("一、填什么", "1. What to fill in"),
    "guide.yellow": (
        "1. 在“{sheet}”工作表中只填黄色单元格：截至日期、填报人、联系电话，以及每项指标的“本年完成”和“备注”。",
        "1. On sheet '{sheet}' fill in the yellow cells only: the as-of date, reporter, phone, and each "
        "indicator's 本年完成 and 备注.",
    ),
    "guide.actual": (
        "2. 本年完成：填写{start}至截至日期的累计完成数。",
        "2. 本年完成: the amount achieved from {start} to the as-of date.",
    ),
    "guide.actual_stock": (
        "2. 本年完成：填写{start}至截至日期的累计完成数；{examples}填截至日期的数值。",
        "2. 本年完成: the amount achieved from {start} to the as-of date; for {examples}, the value on the as-of date.",
    ),
    "guide.zero": (
        "3. 没有完成的指标请填 0，不要留空；只填数字，不要使用公式。",
        "3. Write 0 where nothing was achieved, never leave a cell blank; numbers only, no formulas.",
    ),
    "guide.zero_units": (
        "3. 没有完成的指标请填 0，不要留空；只填数字，不要带{units}等单位，不要使用公式。",
        "3. Write 0 where nothing was achieved, never leave a cell blank; numbers only, without {units}, no formulas.",
    ),
    "guide.details": (
        "   在“{sheet}”工作表中逐项列出本年完成对应的{items}，条数与本年完成一致；同一{item}不要重复计入，"
        "收表后会核对校验位并查找跨{unit_word}、跨年度的重复。",
        "   On sheet '{sheet}' list the items behind each count ({items}), as many rows as the count; "
        "never list one item twice: returns are checked across {unit_word}s and years.",
    ),
    "guide.date": (
        "4. 截至日期写成 {example} 这样的日期格式，须在 {first} 至 {last} 之间。",
        "4. Write the as-of date like {example}, between {first} and {last}.",
    ),
    "guide.targets": (
        "5. “年度目标”按实施方案填好，请勿修改；如有异议请在备注中说明。",
        "5. 年度目标 comes from the plan: do not change it; explain any objection in 备注.",
    ),
    "guide.choices": (
        "6. {names}请用下拉列表选择。",
        "6. Choose {names} from the drop-down list.",
    ),
    "guide.how": ("二、怎么报", "2. How to send it"),
    "guide.filename": (
        "1. 文件名保持“{filename}”，每次报送请更新截至日期。",
        "1. Keep the file name '{filename}'; update the as-of date each time you send it.",
    ),
    "guide.correct": (
        "2. 同一截至日期如需更正，请重新报送整张表并在备注说明，不要只发修改的数字。",
        "2. To correct a return with the same as-of date, send the whole workbook again and say so in 备注.",
    ),
    "guide.sheets": (
        "3. 请勿删除或重命名工作表，不要给文件设置密码。",
        "3. Do not delete or rename sheets, and do not set a password.",
    ),
    "guide.checked": (
        "4. 收到后将逐格核对，有问题会告知具体单元格。",
        "4. Each return is checked cell by cell when it arrives; any problem is reported with its cell.",
    ),
}
