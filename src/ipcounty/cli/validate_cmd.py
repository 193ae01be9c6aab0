"""``ipcounty validate``: check returns the day they arrive."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ipcounty.cli.common import FormatPlain, dumps_json, load_plan_for, out_console, settings, write_stdout


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"


def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(help="填报表文件（.xlsx/.xlsm/.xls/.ods）或文件夹（其中所有文件）", exists=True),
    ],
    fmt: Annotated[ValidateFormat, FormatPlain] = ValidateFormat.text,
) -> None:
    """逐格检查填报表，指出每个问题所在的单元格 / Check returns cell by cell."""
    from ipcounty.render.validation_view import render_validation
    from ipcounty.returns.validate import validate_paths

    s = settings(ctx)
    plan = load_plan_for(ctx)
    result = validate_paths(paths, plan)
    if fmt is ValidateFormat.json:
        write_stdout(dumps_json(result.to_dict(plan, s.lang)))
    else:
        render_validation(result, s.lang, out_console())
    if result.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
