"""What every part of the 进展情况通报 shares: the report it speaks of, its words and its shapes.

:class:`BulletinWriter` holds the report, the language and the separators; the sections are
written by its subclasses (:mod:`~ipcounty.documents.bulletin_progress` for 一、二,
:mod:`~ipcounty.documents.bulletin_problems` for 三、四) and put together in
:mod:`~ipcounty.documents.bulletin`.
"""

from __future__ import annotations

from typing import Any

from ipcounty.documents.model import Para, Span, body
from ipcounty.documents.names import unit_as_subject
from ipcounty.i18n import status_label, tr
from ipcounty.progress.model import Report, Row
from ipcounty.render.numbers import fmt_percent, fmt_points
from ipcounty.status import STATUSES

GREEN_FIRST = ("green", "yellow", "red")
UNRANKED = frozenset({"not_submitted", "rejected", "conflict"})
_CN_NUMBERS = "一二三四五六七八九十"


def points(lag: float | None) -> str:
    """Points behind schedule as a positive figure with one decimal: ``-2.92`` → ``2.9``."""
    return fmt_points(abs(lag or 0.0)).lstrip("+")  # points as render.numbers writes them, unsigned


def lagging(r: Row) -> bool:
    """A row behind 序时进度 on its figures: ``behind``, or ``overdue`` (late, its figures kept) with
    a negative 进度差 — else 三、存在问题 would say every unit is on schedule while the annex table
    shows 税郭镇 at −8.1 points. A ceiling's overdue row is not judged here (its lag runs the other way)."""
    if r.status == "behind":
        return True
    return (
        r.status == "overdue"
        and r.indicator.direction != "at_most"
        and r.lag_points is not None
        and r.lag_points < -1e-9
    )


def cells_in_words(places: list[tuple[str | None, str | None]], lang: str) -> str:
    """(sheet, cell) pairs — (填报表, E13), (填报表, E15), (填报表, None) for a problem of the
    sheet as a whole (a missing row) — as an office writes them: ``“填报表”工作表E13、E15单元格``,
    ``“填报表”工作表``."""
    by_sheet: dict[str, list[str]] = {}
    for sheet, cell in places:
        cells = by_sheet.setdefault(sheet or "", [])
        if cell and cell not in cells:
            cells.append(cell)
    sep = tr("sep.list", lang)
    return sep.join(
        (
            tr("bulletin.cells", lang, sheet=sheet, cells=sep.join(cells))
            if cells
            else tr("bulletin.sheet", lang, sheet=sheet)
        )
        if sheet
        else sep.join(cells)
        for sheet, cells in by_sheet.items()
        if sheet or cells
    )


class BulletinWriter:
    """The report, the language and the phrasing every section of the bulletin uses."""

    def __init__(self, report: Report, lang: str) -> None:
        self.report = report
        self.lang = lang
        self.plan = report.plan
        self.sep = tr("bulletin.sep", lang)
        self.list_sep = tr("sep.list", lang)
        self.unit_rows = [r for r in report.rows if not r.is_district]
        self.district_rows = [r for r in report.rows if r.is_district]
        # Each unit's rows, in the report's order: sections ask for them unit by unit, thousands
        # of units over a large folder (a scan of every row per unit made the bulletin quadratic).
        self._by_unit: dict[str, list[Row]] = {}
        for r in self.unit_rows:
            self._by_unit.setdefault(r.reporting_unit, []).append(r)

    def t(self, message: str, /, **params: Any) -> str:
        return tr(message, self.lang, **params)

    def names(self, units: list[str]) -> str:
        return self.list_sep.join(self.label(u) for u in units)

    def label(self, unit: str) -> str:
        """A unit's name in a sentence; the district's own return is reported by 全区填报表报送单位."""
        return unit_as_subject(unit, self.plan, self.lang)

    def judged(self) -> tuple[int, int]:
        """The district's indicators (its rows), and how many are green (on schedule or met)."""
        return len(self.district_rows), sum(1 for r in self.district_rows if r.light == "green")

    def share(self, part: int, whole: int) -> str:
        return fmt_percent(part / whole) if whole else fmt_percent(None) or "—"

    def status_counts(self, rows: list[Row]) -> str:
        # Counted as the office groups them, in either language: met and done both read 已完成 (and
        # the sentence after the counts lists both as met), so English counts them together too.
        counts: dict[str, tuple[str, int]] = {}  # the Chinese label -> (the label said, how many)
        for s in STATUSES:
            n = sum(1 for r in rows if r.status == s)
            if n:
                group = status_label(s, "zh")
                label, before = counts.get(group, (status_label(s, self.lang), 0))
                counts[group] = (label, before + n)
        return self.list_sep.join(self.t("bulletin.count", label=label, n=n) for label, n in counts.values())

    def end(self, text: str) -> str:
        """A sentence closed with 。 (or a full stop)."""
        return text + ("。" if self.lang == "zh" else ".")

    def joined(self, sentences: list[str]) -> str:
        return ("" if self.lang == "zh" else " ").join(sentences)

    def rows_of(self, unit: str) -> list[Row]:
        """``unit``'s rows, in the report's order."""
        return list(self._by_unit.get(unit, ()))

    def lead(self, key: str, text: str) -> Para:
        """A paragraph with a run-in （一） heading in 楷体; numbered by :meth:`numbered`."""
        return body(Span(self.t(f"bulletin.h2.{key}"), "kai"), text)

    def numbered(self, paras: list[Para]) -> list[Para]:
        """（一）（二）… (or (1) (2) …) before each run-in heading of one section, in order."""
        out = []
        for i, p in enumerate(paras):
            head, *rest = p.spans
            number = f"（{_CN_NUMBERS[i]}）" if self.lang == "zh" else f"({i + 1}) "
            out.append(Para((Span(number + head.text, head.style), *rest), p.kind))
        return out

    def _order(self, unit: str) -> int:
        names = self.plan.unit_names
        return names.index(unit) if unit in names else len(names)
