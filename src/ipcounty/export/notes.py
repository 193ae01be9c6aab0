"""计划一致性: the plan's consistency notes."""

from __future__ import annotations

from pathlib import PurePath

from ipcounty.export.sheet import Book, Context, Sheet
from ipcounty.findings import Finding
from ipcounty.i18n import tr


def add(book: Book, ctx: Context) -> None:
    lang, report = ctx.lang, ctx.report
    s = Sheet(
        book,
        ctx,
        tr("export.sheet.notes", lang),
        ctx.title + tr("export.sheet.notes-title", lang),
        ["#", tr("col.code", lang), tr("col.message", lang), tr("export.col.where", lang)],
    )
    for i, n in enumerate(report.notes, 1):
        s.add([i, n.code, n.message(lang), _where(n)])
    if not report.notes:
        s.add(["", "", tr("export.no-notes", lang), ""])
    s.finish()


def _where(n: Finding) -> str:
    """``targets.yaml:204:5``: the plan file's name and the line, not the folder it sits in here."""
    name = PurePath(n.file).name if n.file else ""
    if n.line is not None:
        return f"{name}:{n.line}:{n.column or 1}"
    return f"{name} {n.location}".strip()
