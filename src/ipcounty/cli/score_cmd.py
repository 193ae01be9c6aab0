"""``ipcounty score``: 考核评分 — every unit's points from the plan's ``scoring:`` rules, explained."""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ipcounty.cli.common import (
    AsOfOption,
    FormatBySuffix,
    OutputOption,
    ReturnsOption,
    YearArgument,
    dumps_json,
    load_plan_for,
    out_console,
    output_format,
    settings,
    units_named,
    write_stdout,
)

if TYPE_CHECKING:
    from ipcounty.score.sheet import ScoreSheet


class ScoreFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


def score(
    ctx: typer.Context,
    year: YearArgument,
    returns: ReturnsOption = None,
    as_of: AsOfOption = None,
    township: Annotated[
        list[str] | None,
        typer.Option("--unit", "--township", "-u", "-t", help="只列这些单位（可重复；名次仍按全部单位排）"),
    ] = None,
    fmt: Annotated[ScoreFormat | None, FormatBySuffix] = None,
    output: OutputOption = None,
) -> None:
    """按计划的评分规则给各单位打分并排名，每一分都说明来由 / Score and rank the units, every point explained."""
    from ipcounty.cli.report_cmd import ReportFormat, build_report, write_output
    from ipcounty.render import score_view as view
    from ipcounty.score.sheet import require_rules, score_report

    s = settings(ctx)
    fmt = output_format(fmt, output, ScoreFormat, s.lang)
    plan = load_plan_for(ctx)
    require_rules(plan, s.lang)  # before reading any return: exit 2 with the fix
    wanted = units_named(plan, township, s.lang) if township else None
    if wanted is not None and plan.district_name in wanted:
        from ipcounty.errors import UsageError
        from ipcounty.i18n import tr

        raise UsageError(tr("score-district-not-scored", s.lang))
    _, report = build_report(ctx, year, returns, as_of)
    sheet = score_report(report)
    if wanted is not None:  # the ranks stay those among every unit
        sheet = dataclasses.replace(sheet, units=tuple(u for u in sheet.units if u.unit in wanted))
    if fmt is ScoreFormat.csv:
        text = view.to_csv(sheet, s.lang)
    elif fmt is ScoreFormat.json:
        text = dumps_json(view.to_dict(sheet, s.lang))
    elif fmt is ScoreFormat.markdown:
        text = view.to_markdown(sheet, s.lang)
    elif output is None:
        view.render_table(sheet, s.lang, out_console())
        return
    else:
        text = _plain_table(sheet, s.lang)
    if output is None:
        write_stdout(text)
        return
    # The one -o rule (atomic, never over a return, a BOM before CSV) is the report's.
    write_output(ctx, output, text, ReportFormat(fmt.value), returns)


def _plain_table(sheet: ScoreSheet, lang: str) -> str:
    """The terminal view as plain text, 100 columns wide, for ``-o FILE`` without ``--format``."""
    import io

    from rich.console import Console

    from ipcounty.render import score_view as view

    buf = io.StringIO()
    view.render_table(sheet, lang, Console(file=buf, width=100, color_system=None, highlight=False, emoji=False))
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def register(app: typer.Typer) -> None:
    app.command("score")(score)
