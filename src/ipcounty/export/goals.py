"""The district goals sheet ({level}级目标): every district goal with its figures, source and note."""

from __future__ import annotations

from ipcounty.export.indicator import figures, formats, note_text
from ipcounty.export.sheet import Book, Context, Sheet
from ipcounty.i18n import tr
from ipcounty.render.numbers import unit_word

COLUMNS = (
    "col.code",
    "col.indicator",
    "col.unit",
    "col.target",
    "col.actual",
    "col.gap",
    "col.completion",
    "col.time_share",
    "col.expected",
    "col.lag_points",
    "col.status",
    "col.light",
    "col.as_of",
    "col.source",
    "col.note",
)
FIGURES = COLUMNS[3:13]


def add(book: Book, ctx: Context) -> None:
    lang = ctx.lang
    s = Sheet(
        book,
        ctx,
        tr("heading.goals", lang),
        ctx.title + " · " + tr("heading.goals", lang),
        [tr(k, lang) for k in COLUMNS],
    )
    for r in ctx.report.rows:
        if r.indicator.section != "goal":
            continue
        ind = r.indicator
        cells = figures(r, lang)
        s.add(
            [
                ind.code,
                ind.label(lang),
                unit_word(ind.unit, lang),
                *(cells[k] for k in FIGURES),
                ind.source,
                note_text(r, ctx.report, lang),
            ],
            number_format=formats(COLUMNS, ind),
        )
        s.colour(COLUMNS.index("col.status") + 1, r.status, r.light)
        s.colour(COLUMNS.index("col.light") + 1, r.status, r.light)
    s.finish()
