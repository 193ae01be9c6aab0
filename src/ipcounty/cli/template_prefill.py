"""``template --prefill``: find each unit's last valid return and say what its workbook carries."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ipcounty.cli.common import settings

if TYPE_CHECKING:
    from ipcounty.plan import Plan
    from ipcounty.returns.prefill import Carried, NotCarried


def prefill_sources(
    ctx: typer.Context, plan: Plan, year: int, units: list[str], returns: Path | None, out: Path
) -> dict[str, Carried | NotCarried]:
    """What each unit's ``year`` workbook carries, read from the returns folder (resolved as for
    ``report``). Refuses an output folder where a workbook would replace a return."""
    from ipcounty.cli.common import read_folder
    from ipcounty.errors import UsageError
    from ipcounty.i18n import tr
    from ipcounty.returns.layout import template_filename
    from ipcounty.returns.prefill import NotCarried, carry, sources
    from ipcounty.returns.reader import read_return

    lang = settings(ctx).lang
    _, rets, found = read_folder(ctx, returns, missing="prefill-returns-missing")
    read = {f.path.resolve() for f in found}
    for unit in units:
        target = out / template_filename(year, unit)
        if target.resolve() in read:
            raise UsageError(tr("prefill-would-overwrite-return", lang, path=target))
    by_name = {f.name: f.path for f in found}
    chosen = sources(plan, rets, year, units)
    result: dict[str, Carried | NotCarried] = {}
    for unit, ret in chosen.items():
        if isinstance(ret, NotCarried):
            result[unit] = ret
        else:
            # Read again, serially: a parallel read leaves the 明细 items in the worker.
            full = read_return(by_name[ret.file], plan, name=ret.file) if not ret.items else ret
            carried = carry(plan, full, unit, year)
            # Into a new year only levels carry: a unit that reports flows alone gets a blank form.
            result[unit] = carried if carried.values else NotCarried(unit, "no-levels", (ret.file,))
    return result


def carried_for(entry: Carried | NotCarried | None) -> Carried | None:
    from ipcounty.returns.prefill import Carried

    return entry if isinstance(entry, Carried) else None


def prefill_line(entry: Carried | NotCarried | None, path: Path, year: int, lang: str) -> str:
    """The line printed for one workbook: where its figures come from, or why it is blank."""
    from ipcounty.i18n import joined, tr
    from ipcounty.returns.prefill import Carried

    if isinstance(entry, Carried):
        date = entry.source_as_of.isoformat() if entry.source_as_of else "—"
        key = "prefill-line-new-year" if entry.new_year else "prefill-line-carried"
        return tr(key, lang, path=path, file=entry.source, date=date)
    if entry is not None and entry.reason == "no-levels":
        return tr("prefill-line-no-levels", lang, path=path, file=entry.files[0], year=year)
    if entry is not None and entry.reason == "conflict":
        return tr("prefill-line-conflict", lang, path=path, files=joined(entry.files, lang))
    return tr("prefill-line-none", lang, path=path, year=year)
