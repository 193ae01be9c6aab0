"""重复计算: every item claimed twice, one row per claim, with the unit, year and 明细 cell to check
(the file itself is on 报送情况, the one sheet that names files)."""

from __future__ import annotations

from ipcounty.export.sheet import Book, Context, Sheet
from ipcounty.i18n import tr


def add(book: Book, ctx: Context) -> None:
    zh, lang, report = ctx.zh, ctx.lang, ctx.report
    headers = [
        tr("col.code", lang),
        "项目" if zh else "Item",
        "编号/名称" if zh else "Key",
        tr("col.township", lang),
        tr("col.year", lang),
        tr("col.cell", lang),
    ]
    s = Sheet(
        book,
        ctx,
        "重复计算" if zh else "Double counted",
        ctx.title + (" · 明细重复计算核查" if zh else " · items counted twice"),
        headers,
    )
    for d in report.double_counts:
        item = d.indicator.evidence.item if d.indicator.evidence else ""
        for c in d.claims:
            s.add(
                [d.indicator.code, item, d.key, c.township, c.year, f"明细!{c.cell}"],
                status="conflict",
                status_col=3,
            )
    if not report.double_counts:
        s.add(["", "", "未发现重复计算" if zh else "nothing counted twice", "", "", ""])
    s.row += 2
    s.grid.put(s.row, 1, "明细去重：" if zh else "Items, counted once:")
    for code, total in report.evidence.items():
        s.row += 1
        s.grid.put(s.row, 1, code)
        s.grid.put(
            s.row,
            2,
            (
                f"申报 {total.claimed} 项，去重后 {total.distinct} 项"
                if zh
                else f"{total.claimed} listed, {total.distinct} distinct"
            ),
        )
    s.finish()
