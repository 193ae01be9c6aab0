"""``ipcounty trend`` in each output format: month tables on the terminal, tidy CSV and JSON."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ipcounty.history import (
    OBSERVATION_COLUMNS,
    TREND_JSON_SCHEMA,
    TREND_JSON_VERSION,
    Cell,
    MonthTable,
    Observation,
)
from ipcounty.i18n import status_label, tr
from ipcounty.render.numbers import fmt_percent

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import Console
    from rich.text import Text

    from ipcounty.plan import Plan


def to_csv(obs: Iterable[Observation]) -> str:
    """One row per observation, exactly :data:`OBSERVATION_COLUMNS`."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(OBSERVATION_COLUMNS)
    in_order = itemgetter(*OBSERVATION_COLUMNS)
    w.writerows(in_order(o.csv_values()) for o in obs)
    return buf.getvalue()


def to_dict(plan: Plan, years: Sequence[int], as_of: dt.date | None, obs: Sequence[Observation]) -> dict[str, Any]:
    """The observations as JSON data: versioned; ``rows`` carry exactly the CSV columns."""
    return {
        "schema": TREND_JSON_SCHEMA,
        "version": TREND_JSON_VERSION,
        "plan": {"id": plan.info.id, "title": plan.info.title, "fingerprint": plan.fingerprint},
        "years": list(years),
        "as_of": as_of.isoformat() if as_of else None,
        "columns": list(OBSERVATION_COLUMNS),
        "rows": [o.csv_values() for o in obs],
    }


def month_label(month: int, lang: str) -> str:
    return tr(f"trend.month.{month}", lang)


def cell_text(cell: Cell | None, kind: str, lang: str) -> str:
    """A unit × month cell: the completion (``47%``), 是/否, a progress state, or 冲突; in
    brackets when carried from an earlier month."""
    if cell is None:
        return ""
    if cell.status == "conflict":
        text = status_label("conflict", lang)
    elif kind == "qualitative":
        text = status_label(cell.status, lang)
    elif kind == "yesno" and isinstance(cell.actual, str):
        text = cell.actual if lang == "zh" else tr(f"trend.yesno.{cell.actual}", lang)
    elif cell.completion is not None:
        text = fmt_percent(cell.completion, places=0)
    else:
        text = "—"
    return f"({text})" if cell.carried else text


LIGHT_STYLE = {"green": "green", "yellow": "yellow", "red": "bold red"}


def render_tables(
    tables: Sequence[MonthTable], plan: Plan, lang: str, console: Console, *, carried: bool, legend: bool = True
) -> None:
    """Per indicator: a title, then the unit × month table (in as few even parts as the width
    needs), the district row and the month's 序时进度 as the last row."""
    from rich.text import Text

    from ipcounty.export.measure import display_width

    district = plan.district_name if lang == "zh" else tr("district", lang)
    for t in tables:
        if not t.units and not t.district:
            continue
        ind = t.indicator
        lines: list[tuple[str, list[Text], str]] = []  # label, cells, row style
        for unit, cells in t.units:
            label = district if unit == plan.district_name else unit
            lines.append((label, [_styled(c, ind.kind, lang) for c in cells], ""))
        if t.district:
            lines.append((district, [Text(district_text(c, ind.kind, lang)) for c in t.district], "bold"))
        if any(s is not None for s in t.time_share):
            lines.append((tr("col.time_share", lang), [Text(fmt_percent(s, places=0)) for s in t.time_share], "italic"))
        heads = [month_label(m, lang) for m in t.months]
        first = max(display_width(x) for x in [tr("col.township", lang), *(label for label, _, _ in lines)])
        cols = [
            max(display_width(h), *(display_width(c[i].plain) for _, c, _ in lines)) + 1 for i, h in enumerate(heads)
        ]
        room = max(console.width - first, 10)
        parts = 1
        while parts < len(cols) and max(_chunk_widths(cols, parts)) > room:
            parts += 1
        per = -(-len(cols) // parts) if cols else 1
        console.print()
        head = tr("trend-title", lang, code=ind.code, name=ind.label(lang), year=t.year)
        console.print(head, style="bold cyan", markup=False)
        for start in range(0, max(len(cols), 1), per):
            part = range(start, min(start + per, len(cols)))
            console.print(_table(tr("col.township", lang), first, heads, cols, part, lines), no_wrap=True, crop=False)
    if not legend:
        return
    console.print()
    for key in ("trend-legend", *(("trend-legend-carried",) if carried else ())):
        console.print(tr(key, lang, district=district), style="dim", markup=False)


def _table(
    corner: str, first: int, heads: list[str], cols: list[int], part: range, lines: list[tuple[str, list[Text], str]]
) -> Text:
    """One part of a month table as text: the header (bold), a rule, a line per row; the first
    column left-aligned, the months right-aligned, one space between columns. Laid out here rather
    than by rich's Table, which measured and wrapped every cell again (most of ``trend``'s time
    over hundreds of units); the widths are the ones worked out above, the lines the same."""
    from rich.text import Text

    from ipcounty.export.measure import display_width

    def pad(text: str, width: int, right: bool) -> str:
        room = " " * max(0, width - display_width(text))
        return room + text if right else text + room

    out = Text()
    out.append(pad(corner, first, False) + "".join(" " + pad(heads[i], cols[i] - 1, True) for i in part), "bold")
    out.append("\n" + "─" * (first + sum(cols[i] for i in part)))
    for label, texts, style in lines:
        row = Text(pad(label, first, False), style=style)
        for i in part:
            cell = texts[i]
            row.append(" " * max(0, cols[i] - display_width(cell.plain)))
            row.append_text(cell)
        out.append("\n")
        out.append_text(row)
    return out


def _chunk_widths(cols: list[int], parts: int) -> list[int]:
    per = -(-len(cols) // parts)
    return [sum(cols[i : i + per]) for i in range(0, len(cols), per)]


def _styled(cell: Cell | None, kind: str, lang: str) -> Text:
    from rich.text import Text

    if cell is None:
        return Text("")
    style = "dim" if cell.carried else LIGHT_STYLE.get(cell.light or "", "")
    return Text(cell_text(cell, kind, lang), style=style)


def district_text(cell: Cell | None, kind: str, lang: str) -> str:
    """The district's cell: its completion; for a rate or a level every unit must hold (never
    summed), how many units meet it (``9/10``)."""
    if cell is not None and cell.units_counted:
        return f"{cell.units_meeting}/{cell.units_counted}"
    return cell_text(cell, kind, lang)
