"""``ipcounty score``: 考核评分 — every unit's points from the plan's ``scoring:`` rules, explained."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ipcounty.cli.common import (
    AsOfOption,
    ReturnsOption,
    dumps_json,
    err_console,
    load_plan_for,
    out_console,
    settings,
    write_stdout,
)


class ScoreFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


def score(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help="年度，如 2025")],
    returns: ReturnsOption = None,
    as_of: AsOfOption = None,
    fmt: Annotated[ScoreFormat, typer.Option("--format", help="输出格式")] = ScoreFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件（CSV 带 BOM，Excel/WPS 可直接打开）", dir_okay=False)
    ] = None,
) -> None:
    """按计划的评分规则给各单位打分并排名，每一分都说明来由 / Score and rank the units, every point explained."""
    from ipcounty.cli.report_cmd import build_report
    from ipcounty.render import score_view as view
    from ipcounty.score.sheet import require_rules, score_report

    s = settings(ctx)
    require_rules(load_plan_for(ctx), s.lang)  # before reading any return: exit 2 with the fix
    _, report = build_report(ctx, year, returns, as_of)
    sheet = score_report(report)
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
    _write_file(ctx, output, text, bom=fmt is ScoreFormat.csv, returns=returns)


def _plain_table(sheet: object, lang: str) -> str:
    """The terminal view as plain text, 100 columns wide, for ``-o FILE`` without ``--format``."""
    import io

    from rich.console import Console

    from ipcounty.render import score_view as view

    buf = io.StringIO()
    view.render_table(sheet, lang, Console(file=buf, width=100, color_system=None, highlight=False, emoji=False))  # type: ignore[arg-type]
    return buf.getvalue()


def _write_file(ctx: typer.Context, output: Path, text: str, *, bom: bool, returns: Path | None) -> None:
    """Write ``text`` to ``output`` atomically (a CSV with a UTF-8 BOM); never over a return."""
    from ipcounty.collect import find_returns, resolve_returns
    from ipcounty.errors import OutputError
    from ipcounty.export.write import write_atomically

    s = settings(ctx)
    zh = s.lang == "zh"
    resolved = Path(os.path.realpath(output))
    inputs = {os.path.realpath(f.path) for f in find_returns(resolve_returns(returns).folder)}
    if str(resolved) in inputs:
        raise OutputError(
            f"拒绝覆盖填报表 {output}：请换一个输出文件名"
            if zh
            else f"refusing to overwrite the return {output}: choose another output name"
        )
    if not resolved.parent.is_dir():
        raise OutputError(
            f"输出目录不存在：{resolved.parent}" if zh else f"output folder does not exist: {resolved.parent}"
        )
    data = text if text.endswith("\n") else text + "\n"
    write_atomically(resolved, (("\ufeff" if bom else "") + data).encode("utf-8"), output, zh)
    err_console().print(f"已写入 {output}" if zh else f"wrote {output}", markup=False)


def register(app: typer.Typer) -> None:
    app.command("score")(score)
