"""``ipcounty plan``: show the plan, or (``--check``) where it disagrees with itself."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ipcounty.cli.common import FormatPlain, dumps_json, out_console, settings, speak_plan, write_stdout


class PlanFormat(StrEnum):
    table = "table"
    json = "json"


def plan(
    ctx: typer.Context,
    check: Annotated[bool, typer.Option("--check", help="列出计划的一致性提示（分解合计与上级目标不符等）")] = False,
    fmt: Annotated[PlanFormat, FormatPlain] = PlanFormat.table,
) -> None:
    """显示计划：目标、分解表、阶段、责任单位 / Show the plan."""
    from ipcounty.plan.loader import read_plan, require_plan, resolve_plan_path
    from ipcounty.render.plan_view import plan_to_dict, render_notes, render_plan

    s = settings(ctx)
    path = resolve_plan_path(s.plan_path)
    result = read_plan(path)
    plan = speak_plan(require_plan(result, path, s.lang))
    notes = result.notes
    if fmt is PlanFormat.json:
        data = plan_to_dict(plan, notes, s.lang)
        write_stdout(dumps_json(data))
        return
    if check:
        render_notes(notes, s.lang, out_console())
        return
    render_plan(plan, notes, s.lang, out_console())


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
