"""完成率: one row per unit, one column per indicator, each cell coloured by its 亮灯."""

from __future__ import annotations

from typing import Any

from ipcounty.export.sheet import (
    LIGHT_FILL,
    NO_LIGHT_FILL,
    Book,
    Context,
    Sheet,
    display_width,
    fill_colour,
    num,
)
from ipcounty.i18n import status_label, tr
from ipcounty.render.numbers import PERCENT_FORMAT, fmt_points


def add(book: Book, ctx: Context) -> None:
    lang, report = ctx.lang, ctx.report
    unit_rows = ctx.unit_rows
    codes = list(dict.fromkeys(r.indicator.code for r in unit_rows))
    inds = {r.indicator.code: r.indicator for r in unit_rows}
    headers = [tr("col.township", lang)] + [f"{c} {inds[c].label(lang)}" for c in codes]
    s = Sheet(
        book,
        ctx,
        tr("export.sheet.matrix", lang),
        ctx.title + " · " + tr("export.matrix-title", lang),
        headers,
    )
    s.widths = [float(display_width(headers[0]))] + [float(min(display_width(h), 14)) for h in headers[1:]]
    by = {(r.reporting_unit, r.indicator.code): r for r in unit_rows}
    for unit in [*report.plan.unit_names, report.plan.district_name]:
        cells: list[Any] = [unit]
        colours: list[str | None] = []
        for c in codes:
            r = by.get((unit, c))
            if r is None:
                cells.append(None)
                colours.append(None)
                continue
            cells.append(
                r.completion
                if r.completion is not None
                else status_label(r.status, lang)
                if r.actual is None
                else num(r.actual)
            )
            colours.append(fill_colour(r.status, r.light))
        row = s.add(
            cells,
            bold=unit == report.plan.district_name,
            number_format={j: PERCENT_FORMAT for j in range(2, len(cells) + 1)},
        )
        for j, colour in enumerate(colours, 2):
            if colour:
                s.fill(row, j, colour)
    # The legend: one line per colour, the words across the table (merged, so they set no width).
    s.row += 1
    points = fmt_points(report.plan.yellow_points).lstrip("+")
    legend = [
        (LIGHT_FILL["green"], tr("light.green", lang), tr("export.legend-green", lang)),
        (LIGHT_FILL["yellow"], tr("light.yellow", lang), tr("export.legend-yellow", lang, points=points)),
        (LIGHT_FILL["red"], tr("light.red", lang), tr("export.legend-red", lang, points=points)),
        (NO_LIGHT_FILL, tr("export.no-light", lang), tr("export.legend-none", lang)),
    ]
    for colour, name, words in legend:
        s.row += 1
        s.grid.put(s.row, 1, name, fill=colour)
        s.grid.put(s.row, 2, words)
        if len(headers) > 2:
            s.grid.merge(s.row, 2, s.row, len(headers))
    s.finish()
