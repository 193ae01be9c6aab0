"""``ipcounty export``: the meeting workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ipcounty.cli.common import AsOfOption, ReturnsOption, YearArgument, err_console, return_files, settings


def export(
    ctx: typer.Context,
    year: YearArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的 .xlsx 文件", dir_okay=False)],
    returns: ReturnsOption = None,
    as_of: AsOfOption = None,
) -> None:
    """生成会议用汇总工作簿（总览、完成率、分指标图表、报送清单）/ Write the meeting workbook."""
    from ipcounty.cli.report_cmd import build_report
    from ipcounty.export import write_workbook
    from ipcounty.i18n import tr

    s = settings(ctx)
    _, report = build_report(ctx, year, returns, as_of)
    path = write_workbook(report, output, lang=s.lang, inputs=return_files(returns))
    err_console().print(tr("output-wrote", s.lang, path=path), markup=False)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
