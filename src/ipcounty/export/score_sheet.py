"""考核评分: the 评分表 as ``ipcounty score`` prints it — rank, score, each item's points, penalties
and the words behind every point — when the plan has ``scoring:`` (no sheet otherwise)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ipcounty.export.sheet import Context, Sheet, font, line_height, lines_needed, put
from ipcounty.i18n import tr

if TYPE_CHECKING:
    from openpyxl import Workbook


def add(wb: Workbook, ctx: Context) -> None:
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
    s = Sheet(wb, ctx, tr("score.sheet", lang), f"{ctx.title} · {view.title(sheet, lang)}", headers)
    score_col = 3
    s.centred.add(1)
    for u in sheet.units:
        values = view.row_values(sheet, u, lang)
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
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    ws, n = s.ws, len(s.headers)
    total = sum(ws.column_dimensions[get_column_letter(j)].width or 8 for j in range(1, n + 1))
    row = s.row + 1
    for line in lines:
        row += 1
        cell = put(ws, row, 1, line)
        cell.font = font(s.ctx)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n)
        ws.row_dimensions[row].height = round(lines_needed(line, total) * line_height() + 2, 1)
