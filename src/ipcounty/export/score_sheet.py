"""考核评分: the 评分表 as ``ipcounty score`` prints it — rank, score, each item's points, penalties
and the words behind every point — when the plan has ``scoring:`` (no sheet otherwise)."""

from __future__ import annotations

from ipcounty.export.sheet import Book, Context, Sheet, line_height, lines_needed
from ipcounty.i18n import tr


def add(book: Book, ctx: Context) -> None:
    from ipcounty.render import score_view as view
    from ipcounty.score.sheet import score_report

    lang, report = ctx.lang, ctx.report
    if report.plan.scoring is None:
        return
    sheet = score_report(report)
    headers = [
        tr("score.col.rank", lang),
        tr("col.township", lang),
        tr("score.col.score", lang),
        *(i.code for i in sheet.indicators),
        tr("score.col.penalties", lang),
        tr("score.col.explanation", lang),
    ]
    s = Sheet(book, ctx, tr("score.sheet", lang), f"{ctx.title} · {view.title(sheet, lang)}", headers)
    score_col = 3
    s.centred.add(1)
    for u in sheet.units:
        values = view.row_numbers(sheet, u)  # the explanation is worded below, line by line
        cells = [
            u.rank,
            u.unit,
            values["score"] if u.score is not None else tr("score.not-scored", lang),
            *(values[f"points_{i.code}"] for i in sheet.indicators),
            values["penalties"] if u.penalties else None,
            "\n".join(view.explanation_lines(u, lang)),
        ]
        s.add(cells, status=u.standing if u.score is None else None, status_col=score_col)
    s.widths[len(headers) - 1] = 60.0  # the explanation reads as sentences, not a narrow column
    s.finish()
    _notes_below(s, view.header_lines(sheet, lang))


def _notes_below(s: Sheet, lines: list[str]) -> None:
    """The basis, the rules' note, the items and the rounding under the table, each across the
    table's width (so they neither widen the first column nor run off the page)."""
    g, n = s.grid, len(s.headers)
    total = sum(g.widths.get(j) or 8 for j in range(1, n + 1))
    row = s.row + 1
    for line in lines:
        row += 1
        g.put(row, 1, line, wrap=True, vertical="top")
        g.merge(row, 1, row, n)
        g.heights[row] = round(lines_needed(line, total) * line_height() + 2, 1)
