"""``ipcounty export``: the meeting workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ipcounty.cli.common import AsOfOption, ReturnsOption, YearArgument, err_console, settings


def export(
    ctx: typer.Context,
    year: YearArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的 .xlsx 文件", dir_okay=False)],
    returns: ReturnsOption = None,
    as_of: AsOfOption = None,
) -> None:
    """生成会议用汇总工作簿（总览、完成率、分指标图表、报送清单）/ Write the meeting workbook."""
    from ipcounty.cli.report_cmd import build_report
    from ipcounty.collect import find_returns, resolve_returns
    from ipcounty.export import write_workbook

    s = settings(ctx)
    _, report = build_report(ctx, year, returns, as_of)
    inputs = [f.path for f in find_returns(resolve_returns(returns).folder)]
    path = write_workbook(report, output, lang=s.lang, inputs=inputs)
    err_console().print(f"已写入 {path}" if s.lang == "zh" else f"wrote {path}", markup=False)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
