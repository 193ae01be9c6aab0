"""Read every return under the returns folder for a command that needs them all (trend, prefill)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ipcounty.cli.common import err_console, is_terminal, load_plan_for, settings

if TYPE_CHECKING:
    from ipcounty.collect import Found
    from ipcounty.plan import Plan
    from ipcounty.returns.model import Return


def read_folder(
    ctx: typer.Context, returns: Path | None, missing: str = "returns-folder-missing"
) -> tuple[Plan, list[Return], list[Found]]:
    """The plan, every return under the folder (``--returns`` > env > ./returns > bundled, the
    last said on stderr) and what was found there; progress on stderr for large folders.
    ``missing``: the message for a folder that is not there (what to do differs by command)."""
    from ipcounty.collect import find_returns, read_all, resolve_returns
    from ipcounty.errors import UsageError
    from ipcounty.i18n import tr

    lang = settings(ctx).lang
    plan = load_plan_for(ctx)
    source = resolve_returns(returns)
    if not source.folder.is_dir():
        raise UsageError(tr(missing, lang, folder=source.folder))
    err = err_console()
    if source.origin == "bundled":
        err.print(tr("prefill-returns-bundled", lang), style="yellow")
    found = find_returns(source.folder)
    if is_terminal() and len(found) > 50:
        from rich.progress import Progress

        with Progress(console=err, transient=True) as bar:
            task = bar.add_task(tr("history-reading", lang), total=len(found))
            rets = read_all(found, plan, on_progress=lambda i, n: bar.update(task, completed=i))
    else:
        rets = read_all(found, plan)
    return plan, rets, found
