"""总览: who reported, the unit × indicator status counts, the district goals at a glance."""

from __future__ import annotations

from collections.abc import Iterable

from ipcounty.export.sheet import ORDER, Book, Context, Sheet
from ipcounty.i18n import clauses, joined, status_label, tr
from ipcounty.progress import Row
from ipcounty.render.due_view import overdue_texts
from ipcounty.render.numbers import PERCENT_FORMAT, fmt_amount, fmt_answer, fmt_by_unit


def _status_counts(rows: Iterable[Row]) -> dict[str, int]:
    """Every status of the legend (zero or not), then any other status that occurs."""
    counts = dict.fromkeys(ORDER, 0)
    for r in rows:
        counts[r.status] = counts.get(r.status, 0) + 1
    return counts


def _capital(label: str, lang: str) -> str:
    """A line of the 总览 begins with a capital in English (``Not submitted``, ``District form``)."""
    return label[:1].upper() + label[1:] if lang == "en" else label


def _item(status: str, lang: str) -> str:
    """A status as a line of the 总览, as the lines around it."""
    return _capital(status_label(status, lang), lang)


def explain(status: str, lang: str) -> str:
    """What a status means, where the catalogue says so."""
    key = f"explain.{status}"
    text = tr(key, lang)
    return "" if text == key else text


def add(book: Book, ctx: Context) -> None:
    zh, lang, report = ctx.zh, ctx.lang, ctx.report
    u = report.units
    s = Sheet(
        book,
        ctx,
        tr("export.sheet.overview", lang),
        ctx.title,
        [tr("export.col.item", lang), tr("export.col.count", lang), tr("export.col.detail", lang)],
    )
    s.add([tr("export.units-expected", lang), u.expected, ""])
    s.add([tr("export.reported", lang), len(u.submitted), joined(u.submitted, lang)], status="met", status_col=2)
    if report.plan.reporting is not None:
        s.add(
            [
                _item("overdue", lang),
                len(u.overdue),
                clauses(overdue_texts(report, u.overdue, lang), lang),
            ],
            status="overdue" if u.overdue else None,
            status_col=2,
        )
    s.add(
        [_item("not_submitted", lang), len(u.missing), joined(u.missing, lang)],
        status="not_submitted" if u.missing else None,
        status_col=2,
    )
    s.add(
        [_item("rejected", lang), len(u.rejected), joined(u.rejected, lang)],
        status="rejected" if u.rejected else None,
        status_col=2,
    )
    s.add(
        [_item("conflict", lang), len(u.conflict), joined(u.conflict, lang)],
        status="conflict" if u.conflict else None,
        status_col=2,
    )
    d = report.district
    dist = (
        tr("html.reported", lang)
        if d.submitted
        else status_label("rejected" if d.rejected else "conflict" if d.conflict else "not_submitted", lang)
    )
    dist = status_label("overdue", lang) if d.overdue else dist
    if d.expected:  # only a plan with district goals has a district form
        s.add(
            [
                _capital(tr("district_form", lang), lang),
                len(d.submitted),
                dist if zh else tr("html.reported" if d.submitted else "export.not-reported", lang),
            ]
        )
    n_double = len(report.double_counts)
    s.add(
        [
            tr("export.double-counted", lang),
            n_double,
            tr("export.double-see", lang),
        ],
        status="conflict" if n_double else None,
        status_col=2,
    )
    s.row += 1
    # One count per cell of the 完成率 matrix, so that the counts add up to its cells.
    cells = [r for r in ctx.unit_rows if not r.is_district]
    counts = _status_counts(cells)
    heading = tr("export.status-counts", lang, unit_word=tr("col.township", lang))
    s.grid.put(s.row + 1, 1, heading, bold=True)
    s.row += 1
    for status, n in counts.items():
        s.add([status_label(status, lang), n, explain(status, lang)])
    n_units = len({r.reporting_unit for r in cells})
    n_inds = len({r.indicator.code for r in cells})
    total = tr("export.status-total", lang, units=n_units, unit_word=tr("col.township", lang), indicators=n_inds)
    s.add([total, len(cells), ""], bold=True)
    s.row += 1
    heading = tr("export.light-counts", lang, unit_word=tr("col.township", lang))
    s.grid.put(s.row + 1, 1, heading, bold=True)
    s.row += 1
    for light in ("green", "yellow", "red", None):
        n = sum(1 for r in cells if r.light == light)
        name = tr(f"light.{light}", lang) if light else tr("export.no-light", lang)
        s.add([name, n, ""], status="none", status_col=1, light=light)
    s.add([total, len(cells), ""], bold=True)
    s.row += 1
    s.grid.put(s.row + 1, 1, tr("heading.goals", lang), bold=True)
    s.row += 1
    goal_rows = [r for r in report.rows if r.indicator.section == "goal"]
    for r in goal_rows:
        ind = r.indicator
        status = status_label(r.status, lang)
        if isinstance(r.actual, str) or (r.actual is None and r.target is None):  # a qualitative goal: its answer
            answer = fmt_answer(r.actual, lang) if isinstance(r.actual, str) else ""
            detail = " · ".join(dict.fromkeys(w for w in (answer, status) if w))
        else:
            actual = fmt_by_unit(r.actual, ind.integer) or "—"
            target = fmt_by_unit(r.target, ind.integer) or "—"
            expected = fmt_by_unit(r.expected, ind.integer, expected=True) or "—"
            target = fmt_amount(target, ind.unit, lang) if target != "—" else target
            detail = f"{actual} / {target} · {tr('col.expected', lang)} {expected} · {status}"
        s.add(
            [f"{r.indicator.code} {r.indicator.label(lang)}", r.completion, detail],
            status=r.status,
            status_col=3,
            light=r.light,
            number_format={2: PERCENT_FORMAT},
        )
    s.finish()
