"""重复计算: every item claimed twice, one row per claim, with the unit, year and 明细 cell to check
(the file itself is on 报送情况, the one sheet that names files)."""

from __future__ import annotations

from ipcounty.export.sheet import Book, Context, Sheet
from ipcounty.i18n import tr


def add(book: Book, ctx: Context) -> None:
    lang, report = ctx.lang, ctx.report
    headers = [
        tr("col.code", lang),
        tr("export.col.item", lang),
        tr("export.col.key", lang),
        tr("col.township", lang),
        tr("col.year", lang),
        tr("col.cell", lang),
    ]
    s = Sheet(
        book,
        ctx,
        tr("export.sheet.double", lang),
        ctx.title + tr("export.sheet.double-title", lang),
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
        s.add(["", "", tr("export.no-double", lang), "", "", ""])
    s.row += 2
    s.grid.put(s.row, 1, tr("export.counted-once", lang))
    for code, total in report.evidence.items():
        s.row += 1
        s.grid.put(s.row, 1, code)
        s.grid.put(
            s.row,
            2,
            tr("export.claimed-distinct", lang, claimed=total.claimed, distinct=total.distinct),
        )
    s.finish()
