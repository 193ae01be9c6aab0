"""The meeting workbook's sheets, in order, and the title line and footer they share."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ipcounty.export import (
    double_counts,
    goals,
    indicator,
    matrix,
    notes,
    overview,
    score_sheet,
    submissions,
    trend,
)
from ipcounty.export.sheet import Book, Context
from ipcounty.i18n import tr
from ipcounty.progress import Report
from ipcounty.render.numbers import fmt_date

if TYPE_CHECKING:
    from openpyxl import Workbook

EXPORT_MARK = "ipcounty meeting workbook"  # docProps subject of every exported workbook

# Each entry writes one sheet (or, for ``indicator``, one per breakdown indicator) in this order.
# To add a sheet: a new module with ``add(wb, ctx)``, listed here on its own line.
SHEETS: tuple[Callable[[Book, Context], None], ...] = (
    overview.add,
    matrix.add,
    indicator.add,
    goals.add,
    score_sheet.add,  # 考核评分, when the plan scores
    trend.add,
    double_counts.add,
    submissions.add,
    notes.add,
)


def title_line(report: Report, lang: str) -> str:
    """The line at the top of every sheet: plan, year and the latest 截至 date."""
    plan = report.plan
    latest = report.latest_as_of()
    day = fmt_date(latest, lang)  # 2025年12月31日, as a document dates it
    when = tr("export.title-as-of", lang, day=day) if latest else tr("export.title-none", lang)
    return tr("export.title", lang, name=plan.info.name, year=report.year, when=when)


def footer_line(report: Report, lang: str) -> str:
    """The footer of every printed page: plan, year and the latest 截至 date."""
    name = report.plan.info.name
    latest = report.latest_as_of()
    if latest is None:
        return tr("export.footer-none", lang, plan=name, year=report.year)
    return tr("export.footer", lang, plan=name, year=report.year, as_of=fmt_date(latest, lang))


def workbook_bytes(report: Report, lang: str = "zh") -> bytes:
    """The meeting workbook for ``report`` as the bytes of an .xlsx file, in the words of its plan."""
    from ipcounty.bulk import paused_gc
    from ipcounty.i18n import speaking

    # Tens of thousands of cells, styles and strings, none in a reference cycle: the collector
    # would only walk the report's objects again and again while they are made.
    with speaking(report.plan.words), paused_gc():
        ctx = Context(report, lang, title_line(report, lang), footer_line(report, lang))
        book = Book(ctx.font_name)
        for add in SHEETS:
            add(book, ctx)
        # The mark lets a report over this folder skip the workbook (see the returns' reader).
        return book.close(subject=EXPORT_MARK)


def build_workbook(report: Report, lang: str = "zh") -> Workbook:
    """The meeting workbook for ``report`` as openpyxl reads it back (for analysts and tests):
    what Excel or WPS would open, cell for cell."""
    import io

    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(workbook_bytes(report, lang)))
