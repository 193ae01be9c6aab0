"""Units of measure in English: the words an English reader sees for the plan's 件, 个, 家, 亿元 ….

Each entry is ``"uom.<symbol>": (symbol, "singular|plural")``; the Chinese side is the symbol
itself (a Chinese reader sees the plan's own unit). A count of exactly 1 takes the singular, any
other figure and a heading (``B1 New invention patents (items)``) the plural. A unit not listed
here takes the plan's ``units_of_measure[].unit_en``, else stays as the plan writes it; the one
function that decides is :func:`ipcounty.render.numbers.unit_word`.

The counters 件, 个, 项 and 家 have no English word of their own: English counts the thing itself.
They read ``item`` (件, 个, 项: patents, projects, licences) and ``body`` (家: enterprises, stations,
committees — "bodies" is never wrong, and short enough for the meeting workbook's sheet titles); a
plan whose 家 only ever counts enterprises may say ``unit_en: [enterprise, enterprises]``.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "uom-unit-en": (
        "计量单位 {symbol} 的 unit_en 应写一个英文词（unit_en: sets），或写成 [单数, 复数]（unit_en: [set, sets]）",
        "unit_en of the unit of measure {symbol} must be one English word (unit_en: sets) "
        "or [singular, plural] (unit_en: [set, sets])",
    ),
    "uom.件": ("件", "item|items"),
    "uom.个": ("个", "item|items"),
    "uom.项": ("项", "item|items"),
    "uom.家": ("家", "body|bodies"),
    "uom.所": ("所", "institution|institutions"),
    "uom.座": ("座", "site|sites"),
    "uom.处": ("处", "site|sites"),
    "uom.套": ("套", "set|sets"),
    "uom.台": ("台", "machine|machines"),
    "uom.篇": ("篇", "article|articles"),
    "uom.份": ("份", "copy|copies"),
    "uom.批": ("批", "batch|batches"),
    "uom.次": ("次", "event|events"),
    "uom.场": ("场", "event|events"),
    "uom.场次": ("场次", "event|events"),
    "uom.期": ("期", "session|sessions"),
    "uom.人": ("人", "person|people"),
    "uom.名": ("名", "person|people"),
    "uom.位": ("位", "person|people"),
    "uom.人次": ("人次", "person-time|person-times"),
    "uom.户": ("户", "household|households"),
    "uom.元": ("元", "yuan|yuan"),
    "uom.万元": ("万元", "ten thousand yuan|ten thousand yuan"),
    "uom.亿元": ("亿元", "hundred million yuan|hundred million yuan"),
    "uom.天": ("天", "day|days"),
    "uom.日": ("日", "day|days"),
    "uom.个工作日": ("个工作日", "working day|working days"),
    "uom.工作日": ("工作日", "working day|working days"),
    "uom.小时": ("小时", "hour|hours"),
    "uom.个月": ("个月", "month|months"),
    "uom.月": ("月", "month|months"),
    "uom.年": ("年", "year|years"),
    "uom.%": ("%", "%|%"),
    "uom.‰": ("‰", "‰|‰"),
    "uom.个百分点": ("个百分点", "percentage point|percentage points"),
    "uom.平方米": ("平方米", "square metre|square metres"),
    "uom.亩": ("亩", "mu|mu"),
}
