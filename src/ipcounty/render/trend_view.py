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

    from ipcounty.plan import Plan

UNIT_COLUMN = 12  # display width of the unit column (垎塔埠街道 is 10)
MONTH_COLUMN = 6  # "(100%)" and a space


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
    """Per indicator: a title, then the unit × month table (split into parts that fit the width),
    the 全区 row and the month's 序时进度 as the last row."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    width = max(console.width, 40)
    per_part = max(3, (width - UNIT_COLUMN - 1) // MONTH_COLUMN)
    for t in tables:
        if not t.units and not t.district:
            continue
        ind = t.indicator
        console.print()
        head = tr("trend-title", lang, code=ind.code, name=ind.label(lang), year=t.year)
        console.print(head, style="bold cyan", markup=False, soft_wrap=True)
        for start in range(0, len(t.months), per_part):
            part = range(start, min(start + per_part, len(t.months)))
            table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True)
            table.add_column(tr("col.township", lang), no_wrap=True)
            for i in part:
                table.add_column(month_label(t.months[i], lang), justify="right", no_wrap=True)
            for unit, cells in t.units:
                label = unit if unit != plan.district_name or lang == "zh" else tr("district", lang)
                row: list[Any] = [label]
                for i in part:
                    c = cells[i]
                    style = "dim" if c is not None and c.carried else LIGHT_STYLE.get(c.light or "", "") if c else ""
                    row.append(Text(cell_text(c, ind.kind, lang), style=style))
                table.add_row(*row)
            if t.district:
                label = plan.district_name if lang == "zh" else tr("district", lang)
                table.add_row(
                    label, *(cell_text(t.district[i], ind.kind, lang) for i in part), style="bold", end_section=False
                )
            if any(s is not None for s in t.time_share):
                table.add_row(
                    tr("col.expected", lang),
                    *(fmt_percent(t.time_share[i], places=0) for i in part),
                    style="italic",
                )
            console.print(table)
    if not legend:
        return
    console.print()
    for key in ("trend-legend", *(("trend-legend-carried",) if carried else ())):
        console.print(tr(key, lang, district=plan.district_name), style="dim", markup=False, soft_wrap=True)
