"""报送情况: every file read, its unit, date, hash, status, role and problems."""

from __future__ import annotations

from ipcounty.export.sheet import Book, Context, Sheet
from ipcounty.i18n import tr


def add(book: Book, ctx: Context) -> None:
    lang = ctx.lang
    headers = [
        tr("col.file", lang),
        tr("col.township", lang),
        tr("col.year", lang),
        tr("col.as_of", lang),
        "SHA-256",
        tr("col.status", lang),
        tr("export.col.role", lang),
        tr("col.problems", lang),
        tr("col.reporter", lang),
        tr("col.phone", lang),
    ]
    s = Sheet(
        book,
        ctx,
        tr("export.sheet.submissions", lang),
        ctx.title + tr("export.sheet.submissions-title", lang),
        headers,
    )
    s.wide.add(8)  # the problems are sentences: the hash, dates and names narrow first
    year = ctx.report.year
    for sub in ctx.report.submissions:
        r = sub.ret
        # The report's year only: other years' returns and files that are not returns stay off the
        # meeting's list (the terminal report and `validate` still name them).
        if sub.role == "skipped" or (r.year is not None and r.year != year):
            continue
        problems = "\n".join(f"{f.location or '—'} {f.message(lang)}" for f in r.findings) or None
        status = tr(f"return-status.{r.status}", lang)
        fill = {"used": "met", "conflict": "conflict", "rejected": "rejected", "skipped": "no_target"}.get(sub.role)
        s.add(
            [
                r.file,
                r.unit,
                r.year,
                r.as_of.isoformat() if r.as_of else None,
                _hash(r.sha256),
                status,
                tr(f"export.role.{sub.role}", lang),
                problems,
                r.reporter or None,
                r.phone or None,
            ],
            status=fill,
            status_col=7,
        )
    s.finish()


def _hash(sha: str | None) -> str | None:
    """The SHA-256 on four lines of 16, so that it wraps where it should in any spreadsheet and
    takes a narrow column (the problems beside it need the room)."""
    return "\n".join(sha[i : i + 16] for i in range(0, len(sha), 16)) if sha else None
