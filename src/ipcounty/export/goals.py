"""The district goals sheet ({level}级目标): every district goal with its figures, source and note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ipcounty.export.indicator import figures, formats, note_text
from ipcounty.export.sheet import Context, Sheet
from ipcounty.i18n import tr

if TYPE_CHECKING:
    from openpyxl import Workbook


def add(wb: Workbook, ctx: Context) -> None:
    lang = ctx.lang
    headers = [
        tr("col.code", lang),
        tr("col.indicator", lang),
        tr("col.unit", lang),
        tr("col.target", lang),
        tr("col.actual", lang),
        tr("col.gap", lang),
        tr("col.completion", lang),
        tr("col.expected", lang),
        tr("col.status", lang),
        tr("col.as_of", lang),
        tr("col.source", lang),
        tr("col.note", lang),
    ]
    s = Sheet(
        wb,
        ctx,
        tr("heading.goals", lang),
        ctx.title + " · " + tr("heading.goals", lang),
        headers,
    )
    for r in ctx.report.rows:
        if r.indicator.section != "goal":
            continue
        ind = r.indicator
        s.add(
            [
                ind.code,
                ind.label(lang),
                ind.unit,
                *figures(r, lang),
                ind.source,
                note_text(r, ctx.report, lang),
            ],
            status=r.status,
            status_col=9,
            number_format=formats(ind, first=4),
        )
    s.finish()
