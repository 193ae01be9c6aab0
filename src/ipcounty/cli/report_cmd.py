"""``ipcounty report``: progress against the plan for one year."""

from __future__ import annotations

import datetime as dt
import io
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
    YearArgument,
    check_year,
    codes_named,
    dumps_json,
    out_console,
    output_format,
    read_returns,
    save,
    settings,
    speak_plan,
    units_named,
    write_stdout,
)

if TYPE_CHECKING:
    from ipcounty.plan import Plan
    from ipcounty.progress.model import Report, Row


class ReportFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"
    html = "html"


def parse_cli_date(text: str, lang: str) -> dt.date:
    from ipcounty.errors import UsageError
    from ipcounty.returns.values import parse_date

    p = parse_date(text)
    if not p.ok:
        raise UsageError(
            f"无法识别日期 {text}：请写成 2025-09-30"
            if lang == "zh"
            else f"cannot read date {text}: write it as 2025-09-30"
        )
    value: dt.date = p.value
    return value


def build_report(ctx: typer.Context, year: int, returns: Path | None, as_of: str | None) -> tuple[Plan, Report]:
    """Load the plan, read every return under the returns folder, compute the year's report.

    Shared by ``report`` and ``export``; diagnostics (which folder, progress) go to stderr."""
    from ipcounty.plan.loader import read_plan, require_plan, resolve_plan_path
    from ipcounty.progress.year_report import compute

    s = settings(ctx)
    path = resolve_plan_path(s.plan_path)
    loaded = read_plan(path)
    plan = speak_plan(require_plan(loaded, path, s.lang))
    check_year(plan, year, s.lang)
    cutoff = parse_cli_date(as_of, s.lang) if as_of else None
    rets, _, folder = read_returns(ctx, plan, returns)
    rep = compute(plan, rets, year, as_of=cutoff, notes=loaded.notes)
    rep.returns_folder = str(folder)
    plan_arg = f'--plan "{s.plan_path}" ' if s.plan_path is not None else ""
    rep.validate_command = f"ipcounty {plan_arg}validate"
    return plan, rep


def select_rows(
    plan: Plan, rows: list[Row], townships: list[str] | None, indicators: list[str] | None, lang: str
) -> list[Row]:
    """Rows for the ``--township`` and ``--indicator`` filters (names, aliases and codes checked)."""
    out = rows
    if townships:
        wanted = units_named(plan, townships, lang)
        out = [r for r in out if r.reporting_unit in wanted]
    if indicators:
        wanted_codes = codes_named((i.code for i in plan.indicators), indicators, lang)
        out = [r for r in out if r.indicator.code in wanted_codes]
    return out


def report(
    ctx: typer.Context,
    year: YearArgument,
    returns: ReturnsOption = None,
    as_of: AsOfOption = None,
    township: UnitsOption = None,
    indicator: IndicatorsOption = None,
    fmt: Annotated[ReportFormat | None, FormatBySuffix] = None,
    output: OutputOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="有未报送、逾期未报、退回或冲突时以 1 退出")] = False,
) -> None:
    """按单位和指标显示年度目标的完成情况与序时进度 / Gap-to-target report for a year."""
    from ipcounty.render import report_view as view

    s = settings(ctx)
    fmt = output_format(fmt, output, ReportFormat, s.lang)
    plan, rep = build_report(ctx, year, returns, as_of)
    rows = select_rows(plan, rep.rows, township, indicator, s.lang)
    if township:  # every section, not only the tables, about the units asked for (SPEC: --unit filters every section)
        from ipcounty.progress.focus import focused

        rep = focused(rep, units_named(plan, township, s.lang))
    if fmt is ReportFormat.table:
        if output is not None:
            from rich.console import Console

            buf = io.StringIO()
            view.render_table(rep, rows, s.lang, Console(file=buf, width=100, color_system=None, highlight=False))
            write_output(ctx, output, buf.getvalue(), fmt, returns)
        else:
            view.render_table(rep, rows, s.lang, out_console())
    else:
        text = render_text(rep, rows, fmt, s.lang)
        if output is not None:
            write_output(ctx, output, text, fmt, returns)
        else:
            write_stdout(text)
    if strict and rep.problems:
        raise typer.Exit(1)


def render_text(rep: Report, rows: list[Row], fmt: ReportFormat, lang: str) -> str:
    """The report as text in ``fmt`` (every format but the terminal table)."""
    from ipcounty.render import report_view as view

    if fmt is ReportFormat.csv:
        from ipcounty.render.report_data import to_csv

        return to_csv(rows, lang)
    if fmt is ReportFormat.json:
        from ipcounty.render.report_data import to_dict

        return dumps_json(to_dict(rep, rows, lang))
    if fmt is ReportFormat.html:
        from ipcounty.render.report_html import to_html

        return to_html(rep, rows, lang)
    return view.to_markdown(rep, rows, lang)


def write_output(ctx: typer.Context, target: Path, text: str, fmt: ReportFormat, returns: Path | None) -> None:
    """``-o FILE``: written atomically, never over a return; a CSV starts with a UTF-8 BOM."""
    data = text.encode("utf-8")
    if fmt is ReportFormat.csv:
        data = b"\xef\xbb\xbf" + data
    save(ctx, target, data, returns)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
