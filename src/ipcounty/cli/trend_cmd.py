"""``ipcounty trend``: month by month, every valid return as an observation."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ipcounty.cli.common import (
    AsOfOption,
    FormatBySuffix,
    IndicatorsOption,
    OutputOption,
    ReturnsOption,
    UnitsOption,
    check_year,
    codes_named,
    dumps_json,
    err_console,
    out_console,
    output_format,
    settings,
    units_named,
    write_stdout,
)

if TYPE_CHECKING:
    from ipcounty.plan import Plan


class TrendFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def trend(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Argument(help="年度，如 2025（用 --all-years 时可省略）", show_default=False)
    ] = None,
    returns: ReturnsOption = None,
    as_of: AsOfOption = None,
    unit: UnitsOption = None,
    indicator: IndicatorsOption = None,
    fmt: Annotated[TrendFormat | None, FormatBySuffix] = None,
    carry_forward: Annotated[
        bool, typer.Option("--carry-forward", help="当月没有报送时沿用此前最近一次报送的数")
    ] = False,
    all_years: Annotated[bool, typer.Option("--all-years", help="计划期内各年度（验收用）")] = False,
    output: OutputOption = None,
) -> None:
    """逐月趋势：每份有效填报表都是一次观测 / Month by month: every valid return as an observation."""
    from ipcounty.cli.common import read_folder
    from ipcounty.cli.report_cmd import parse_cli_date
    from ipcounty.errors import UsageError
    from ipcounty.history import month_tables, observations
    from ipcounty.i18n import joined, tr
    from ipcounty.render import trend_view as view

    s = settings(ctx)
    fmt = output_format(fmt, output, TrendFormat, s.lang)
    plan, rets, _ = read_folder(ctx, returns)
    if year is None and not all_years:
        raise UsageError(tr("trend-year-missing", s.lang))
    if year is not None:
        check_year(plan, year, s.lang)
    years: list[int] = plan.years if all_years or year is None else [year]
    cutoff = parse_cli_date(as_of, s.lang) if as_of else None
    units = _units(plan, unit, s.lang)
    codes = _codes(plan, indicator, s.lang)
    obs = [
        o
        for o in observations(plan, rets, years, as_of=cutoff)
        if (units is None or o.reporting_unit in units) and (codes is None or o.indicator.code in codes)
    ]
    if fmt is TrendFormat.csv:
        _emit(ctx, view.to_csv(obs), output, returns, csv=True)
        return
    if fmt is TrendFormat.json:
        _emit(ctx, dumps_json(view.to_dict(plan, years, cutoff, obs)), output, returns)
        return
    if not obs:
        err_console().print(tr("trend-no-observations", s.lang, years=joined(years, s.lang)), style="yellow")
        return
    buf = None
    if output is None:
        console = out_console()
    else:
        import io

        from rich.console import Console

        buf = io.StringIO()
        console = Console(file=buf, width=100, color_system=None, highlight=False, emoji=False)
    for y in years:
        tables = month_tables(plan, rets, y, obs, as_of=cutoff, carry_forward=carry_forward)
        for t in tables:
            if units is not None:
                t.units = [(u, cells) for u, cells in t.units if u in units]
                if plan.district_name not in units:
                    t.district = []
        shown = [t for t in tables if codes is None or t.indicator.code in codes]
        view.render_tables(shown, plan, s.lang, console, carried=carry_forward, legend=y == years[-1])
    if buf is not None:
        text = "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"
        _emit(ctx, text, output, returns)


def _emit(ctx: typer.Context, text: str, output: Path | None, returns: Path | None, *, csv: bool = False) -> None:
    """To stdout, or with ``-o FILE`` by the report's one rule (atomic, never over a return, a BOM
    before CSV)."""
    if output is None:
        write_stdout(text)
        return
    from ipcounty.cli.report_cmd import ReportFormat, write_output

    write_output(ctx, output, text, ReportFormat.csv if csv else ReportFormat.markdown, returns)


def _units(plan: Plan, names: list[str] | None, lang: str) -> set[str] | None:
    return units_named(plan, names, lang) if names else None


def _codes(plan: Plan, codes: list[str] | None, lang: str) -> set[str] | None:
    from ipcounty.history import trend_indicators

    return codes_named((i.code for i in trend_indicators(plan)), codes, lang) if codes else None


def register(app: typer.Typer) -> None:
    app.command("trend")(trend)
