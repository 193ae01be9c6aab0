"""``ipcounty remind``: 催报 and 退回 messages, one per unit that must act, with its contact."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ipcounty.cli.common import AsOfOption, FormatPlain, ReturnsOption, YearArgument, dumps_json, settings, write_stdout


class RemindFormat(StrEnum):
    text = "text"
    csv = "csv"
    json = "json"


def remind(
    ctx: typer.Context,
    year: YearArgument,
    returns: ReturnsOption = None,
    as_of: AsOfOption = None,
    fmt: Annotated[RemindFormat, FormatPlain] = RemindFormat.text,
) -> None:
    """生成催报、退回消息（每个需处理的单位一条，附填报人和联系电话）/ Reminder and send-back messages."""
    from ipcounty.cli.report_cmd import build_report
    from ipcounty.documents.remind import build_reminders
    from ipcounty.render import remind_view as view

    s = settings(ctx)
    _, report = build_report(ctx, year, returns, as_of)
    reminders = build_reminders(report, s.lang)
    if fmt is RemindFormat.csv:
        write_stdout(view.to_csv(report, reminders))
    elif fmt is RemindFormat.json:
        write_stdout(dumps_json(view.to_dict(report, reminders)))
    else:
        write_stdout(view.to_text(report, reminders, s.lang))


def register(app: typer.Typer) -> None:
    app.command("remind")(remind)
