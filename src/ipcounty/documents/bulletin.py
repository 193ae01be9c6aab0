"""The 进展情况通报: a draft the office edits and issues, built from the report alone.

Structure (SPEC "The office's documents"): title with the plan's short title and the period;
主送; an opening paragraph with the period and the overall figures; 一、总体进展; 二、各单位进展
(the lights and the ranking); 三、存在问题 (every unit behind, with its figures and points; every
unit not submitted, overdue, rejected or in conflict; every item claimed twice); 四、下步要求
(整改, from the plan's own words); 附件 tables. Every figure is a field of a report row, shown
with :mod:`ipcounty.render.numbers`; every sentence comes from the catalogue.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ipcounty.documents.bulletin_tables import attachments
from ipcounty.documents.model import OfficialDocument, Para, Span, body, h1
from ipcounty.i18n import speaking, status_label, tr
from ipcounty.progress.model import Report, Row
from ipcounty.render.due_view import period_label
from ipcounty.render.numbers import fmt_date, fmt_figure, fmt_percent
from ipcounty.schedule import holds_level
from ipcounty.status import STATUSES
from ipcounty.timeliness import latest_due, next_due

GREEN_FIRST = ("green", "yellow", "red")
UNRANKED = frozenset({"not_submitted", "rejected", "conflict"})
_CN_NUMBERS = "一二三四五六七八九十"


def points(lag: float | None) -> str:
    """Points behind schedule as a positive figure with one decimal: ``-2.92`` → ``2.9``."""
    return f"{abs(lag or 0.0):.1f}"


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


def cover_date(report: Report) -> dt.date:
    """The last day the bulletin reports on: the end of the latest period due under the plan's
    calendar, else the latest 截至日期 of the returns used, else the report's reference date."""
    rule = report.plan.reporting
    if rule is not None and report.due_reference is not None:
        period = latest_due(rule, report.year, report.due_reference)
        if period is not None:
            return period.end
    return report.latest_as_of() or report.reference_date


def span_text(report: Report, lang: str) -> str:
    """``2025年1—9月``, ``2025年度``, or ``截至2025年10月15日`` when the day is not a month's end."""
    day, year = cover_date(report), report.year
    if day >= dt.date(year, 12, 31):
        return tr("bulletin.span.year", lang, year=year)
    if (day + dt.timedelta(days=1)).day != 1 or day.year != year:
        return tr("bulletin.span.date", lang, date=fmt_date(day, lang))
    if day.month == 1:
        return tr("bulletin.span.month1", lang, year=year)
    return tr("bulletin.span.months", lang, year=year, month=day.month, month_name=day.strftime("%B"))


def build_bulletin(report: Report, lang: str = "zh", *, today: dt.date | None = None) -> OfficialDocument:
    """The bulletin of ``report`` in ``lang``; dated ``today`` (default: the --as-of date or today)."""
    with speaking(report.plan.words):
        return _Builder(report, lang).build(today or report.as_of or dt.date.today())


def cells_in_words(locations: list[str], lang: str) -> str:
    """``填报表!E13``, ``填报表!E15`` as an office writes them: ``“填报表”工作表E13、E15单元格``."""
    by_sheet: dict[str, list[str]] = {}
    for loc in locations:
        sheet, _, cell = loc.rpartition("!")
        by_sheet.setdefault(sheet, []).append(cell)
    sep = tr("bulletin.list_sep", lang)
    return sep.join(
        tr("bulletin.cells", lang, sheet=sheet, cells=sep.join(cells)) if sheet else sep.join(cells)
        for sheet, cells in by_sheet.items()
    )


class _Builder:
    def __init__(self, report: Report, lang: str) -> None:
        self.report = report
        self.lang = lang
        self.plan = report.plan
        self.sep = tr("bulletin.sep", lang)
        self.list_sep = tr("bulletin.list_sep", lang)
        self.unit_rows = [r for r in report.rows if not r.is_district]
        self.district_rows = [r for r in report.rows if r.is_district]

    def t(self, message: str, /, **params: Any) -> str:
        return tr(message, self.lang, **params)

    def names(self, units: list[str]) -> str:
        return self.list_sep.join(self.label(u) for u in units)

    def label(self, unit: str) -> str:
        """A unit's name in a sentence; the district's own return is reported by 全区填报表报送单位."""
        return tr("district_form_reporter", self.lang) if unit == self.plan.district_name else unit

    # ---- the document -----------------------------------------------------------------------
    def build(self, signed: dt.date) -> OfficialDocument:
        info = self.plan.info
        # zh names the work (…青山县知识产权工作进展情况的通报); en names the plan
        name = info.subject if self.lang == "zh" else info.name
        span = span_text(self.report, self.lang)
        paras: list[Para] = [self.opening(name, span)]
        paras += [h1(self.t("bulletin.h1.overall")), *self.numbered(self.overall())]
        paras += [h1(self.t("bulletin.h1.units")), *self.numbered(self.units())]
        paras += [h1(self.t("bulletin.h1.problems")), *self.numbered(self.problems())]
        paras += [h1(self.t("bulletin.h1.requirements")), *self.numbered(self.requirements())]
        atts = attachments(self.report, self.lang)
        note = "\n".join(
            (self.t("bulletin.attachments") if i == 0 else "") + self.t("bulletin.att.number", n=i + 1, title=a.title)
            for i, a in enumerate(atts)
        )
        return OfficialDocument(
            title=self.t("bulletin.title", span=span, name=name),
            addressees=self.plan.words.addressees_text,
            body=paras,
            attachment_note=note,
            signature=self.t("bulletin.signature"),
            date=fmt_date(signed, self.lang),
            attachments=atts,
            lang=self.lang,
        )

    def judged(self) -> tuple[int, int]:
        """The district's indicators (its rows), and how many are green (on schedule or met)."""
        return len(self.district_rows), sum(1 for r in self.district_rows if r.light == "green")

    def share(self, part: int, whole: int) -> str:
        return fmt_percent(part / whole) if whole else fmt_percent(None) or "—"

    def opening(self, name: str, span: str) -> Para:
        u = self.report.units
        judged, green = self.judged()
        return body(
            self.t(
                "bulletin.opening",
                name=name,
                span=span,
                date=fmt_date(cover_date(self.report), self.lang),
                expected=u.expected,
                on_time=len(u.submitted),
                judged=judged,
                green=green,
                share=self.share(green, judged),
            )
        )

    # ---- 一、总体进展 -------------------------------------------------------------------------
    def status_counts(self, rows: list[Row]) -> str:
        counts: dict[str, int] = {}  # by label: met and done both read 已完成
        for s in STATUSES:
            n = sum(1 for r in rows if r.status == s)
            if n:
                label = status_label(s, self.lang)
                counts[label] = counts.get(label, 0) + n
        return self.list_sep.join(self.t("bulletin.count", label=label, n=n) for label, n in counts.items())

    def end(self, text: str) -> str:
        """A sentence closed with 。 (or a full stop)."""
        return text + ("。" if self.lang == "zh" else ".")

    def joined(self, sentences: list[str]) -> str:
        return ("" if self.lang == "zh" else " ").join(sentences)

    def overall(self) -> list[Para]:
        judged, green = self.judged()
        first = self.t(
            "bulletin.status_counts",
            judged=judged,
            counts=self.status_counts(self.district_rows),
            green=green,
            share=self.share(green, judged),
        )
        totals = [r for r in self.district_rows if r.indicator.level == "unit"]
        lines = [self.total_line(r) for r in totals]
        goals = [r for r in self.district_rows if r.indicator.section == "goal"]
        out = [
            self.lead("status_counts", first),
            self.lead("breakdowns", self.end(self.sep.join(lines))),
        ]
        if goals:
            out.append(self.lead("goals", self.goals_text(goals)))
        return out

    def verdict(self, r: Row) -> str:
        if r.status in ("met", "within", "done"):
            return self.t("bulletin.verdict.met")
        if r.status == "on_track":
            return self.t("bulletin.verdict.on_track")
        if r.status == "behind" and r.lag_points is not None:
            return self.t("bulletin.verdict.behind", points=points(r.lag_points))
        return self.t("bulletin.verdict.other", status=status_label(r.status, self.lang))

    def total_line(self, r: Row) -> str:
        """One 全区 row of a breakdown or duty, in the office's words."""
        ind = r.indicator
        name = ind.label(self.lang)
        missing = self.t("bulletin.missing_units", n=len(r.missing_units)) if r.missing_units else ""
        if r.units_counted is not None and r.actual is None:
            key = "bulletin.yesno" if ind.kind == "yesno" else "bulletin.level"
            return self.t(
                key,
                name=name,
                target=fmt_figure(r.target, ind),
                unit=ind.unit,
                meeting=r.units_meeting,
                counted=r.units_counted,
            )
        if not isinstance(r.actual, float):
            return self.t("bulletin.no_figure", name=name, status=status_label(r.status, self.lang))
        key = "bulletin.flow.period" if ind.scope == "period" and ind.kind == "flow" else "bulletin.flow"
        return (
            self.t(
                key,
                name=name,
                actual=fmt_figure(r.actual, ind),
                unit=ind.unit,
                target=fmt_figure(r.target, ind),
                completion=fmt_percent(r.completion),
                time_share=fmt_percent(r.time_share),
                verdict=self.verdict(r),
            )
            + missing
        )

    def goals_text(self, goals: list[Row]) -> str:
        out = [self.t("bulletin.goals_summary", total=len(goals), counts=self.status_counts(goals))]
        met = [f"{r.indicator.code} {r.indicator.label(self.lang)}" for r in goals if r.status in ("met", "done")]
        if met:
            out.append(self.t("bulletin.goals_met", names=self.names(met)))
        behind = [self.goal_behind(r) for r in goals if r.status in ("behind", "exceeded")]
        if behind:
            out.append(self.t("bulletin.goals_behind", items=self.sep.join(behind)))
        return self.joined(out)

    def goal_behind(self, r: Row) -> str:
        ind = r.indicator
        params = {
            "name": f"{ind.code} {ind.label(self.lang)}",
            "actual": fmt_figure(r.actual if isinstance(r.actual, float) else None, ind),
            "unit": ind.unit,
            "target": fmt_figure(r.target, ind),
        }
        if r.lag_points is None or holds_level(ind.kind, ind.scope):
            return self.t("bulletin.goal_level_behind", **params)
        return self.t("bulletin.goal_behind", points=points(r.lag_points), **params)

    # ---- 二、各单位进展 ------------------------------------------------------------------------
    def unit_lights(self, unit: str) -> str:
        """``绿灯5项、红灯2项``: how many of the unit's indicators show each light."""
        lights = [r.light for r in self.rows_of(unit)]
        return self.list_sep.join(
            self.t("bulletin.light_count", light=tr(f"light.{light}", self.lang), n=lights.count(light))
            for light in GREEN_FIRST
            if light in lights
        )

    def units(self) -> list[Para]:
        parts = [self.t("bulletin.light_unit", unit=u, lights=self.unit_lights(u)) for u in self.plan.unit_names]
        text = self.joined([self.end(self.sep.join(parts)), self.t("bulletin.lights_note")])
        out = [self.lead("lights", text)]
        ranking = [self.rank_line(code) for code in self.ranked_codes()]
        ranking = [x for x in ranking if x]
        if ranking:
            text = self.joined([self.t("bulletin.ranking_note"), self.end(self.sep.join(ranking))])
            out.append(self.lead("ranking", text))
        return out

    def ranked_codes(self) -> list[str]:
        return [i.code for i in self.plan.unit_indicators() if not holds_level(i.kind, i.scope) and i.kind == "flow"]

    def rank_line(self, code: str) -> str:
        rows = [r for r in self.unit_rows if r.indicator.code == code and r.rank is not None]
        rows = [r for r in rows if r.status not in UNRANKED]
        if len(rows) < 2:
            return ""
        order = {u: i for i, u in enumerate(self.plan.unit_names)}
        rows.sort(key=lambda r: (r.rank or 0, order.get(r.reporting_unit, 0)))
        ind = rows[0].indicator

        def named(rs: list[Row]) -> str:
            return self.names([self.t("bulletin.ranked_unit", unit=r.reporting_unit, rank=r.rank) for r in rs])

        # Ties share a place: the top three are ranks 1–3, the bottom three every unit ranked at
        # or below the third-last one.
        # A unit that has met its target is never named among the last three (a 通报 does not
        # criticise a unit for an item it has completed).
        top = [r for r in rows if (r.rank or 0) <= 3]
        rest = [r for r in rows if r not in top and r.status != "met"]
        if not rest:
            return self.t("bulletin.rank_top_only", name=ind.label(self.lang), top=named(top))
        cut = rest[-3].rank if len(rest) >= 3 else rest[0].rank
        bottom = [r for r in rest if (r.rank or 0) >= (cut or 0)]
        return self.t("bulletin.rank", name=ind.label(self.lang), top=named(top), bottom=named(bottom))

    # ---- 三、存在问题 -------------------------------------------------------------------------
    def behind_item(self, r: Row) -> str:
        ind = r.indicator
        light = tr(f"light.{r.light}", self.lang) if r.light else ""
        name = ind.label(self.lang)
        if ind.kind == "yesno":
            return self.t("bulletin.behind_yesno", name=name, light=light)
        actual = fmt_figure(r.actual if isinstance(r.actual, float) else None, ind)
        if holds_level(ind.kind, ind.scope):
            return self.t(
                "bulletin.behind_level",
                name=name,
                actual=actual,
                unit=ind.unit,
                target=fmt_figure(r.target, ind),
                light=light,
            )
        return self.t(
            "bulletin.behind_flow",
            name=name,
            actual=actual,
            unit=ind.unit,
            completion=fmt_percent(r.completion),
            points=points(r.lag_points),
            light=light,
        )

    def problems(self) -> list[Para]:
        behind: list[str] = []
        for unit in self.plan.unit_names:
            items = [self.behind_item(r) for r in self.unit_rows if r.reporting_unit == unit and lagging(r)]
            if items:
                behind.append(self.t("bulletin.behind_unit", unit=unit, items=self.sep.join(items)))
        u = self.report.units
        reported = u.submitted + u.overdue
        if not reported:
            nobody = "bulletin.none_reported"
        elif len(reported) < u.expected:
            nobody = "bulletin.none_behind_reported"
        else:
            nobody = "bulletin.none_behind"
        text = self.joined(behind) or self.t(nobody)
        out = [self.lead("behind", text)]
        reporting = self.reporting_problems()
        text = self.end(self.sep.join(reporting)) if reporting else self.t("bulletin.all_on_time")
        out.append(self.lead("reporting", text))
        if self.report.double_counts:
            items = [
                self.t(
                    "bulletin.double",
                    item=d.indicator.evidence.item if d.indicator.evidence else "",
                    key=d.key,
                    claims=self.names([self.t("bulletin.claim", unit=c.township, year=c.year) for c in d.claims]),
                )
                for d in self.report.double_counts
            ]
            text = self.t("bulletin.doubles", n=len(items), items=self.sep.join(items))
            out.append(self.lead("doubles", text))
        return out

    def reporting_problems(self) -> list[str]:
        from ipcounty.render.report_view import conflict_differences as differences

        rep, lang = self.report, self.lang
        u, d = rep.units, rep.district
        out: list[str] = []
        missing = u.missing + d.missing
        if missing:
            due = ""
            t = rep.timeliness.get(missing[0])
            if t is not None and t.period is not None:
                due = self.t(
                    "bulletin.not_submitted_due",
                    period=period_label(t.period, lang),
                    due=fmt_date(t.period.due, lang),
                    days=t.days,
                )
            out.append(self.t("bulletin.not_submitted", units=self.names(missing), year=rep.year, due=due))
        latest = {r.reporting_unit: r.as_of for r in rep.rows if r.status == "overdue" and r.as_of}
        for unit in u.overdue + d.overdue:
            t = rep.timeliness[unit]
            assert t.period is not None
            out.append(
                self.t(
                    "bulletin.overdue",
                    unit=self.label(unit),
                    as_of=fmt_date(latest.get(unit), lang) or "—",
                    period=period_label(t.period, lang),
                    due=fmt_date(t.period.due, lang),
                    days=t.days,
                )
            )
        subs = [s for s in rep.submissions if s.ret.year == rep.year]
        for unit in u.rejected + d.rejected:
            rejected = [s.ret for s in subs if s.role == "rejected" and s.ret.unit == unit]
            errors = [f for r in rejected for f in r.findings if f.severity == "error"]
            cells = cells_in_words([f.location for f in errors if f.location][:5], lang)
            out.append(self.t("bulletin.rejected", unit=self.label(unit), n=len(errors), cells=cells or "—"))
        for unit in u.conflict + d.conflict:
            files = [s.ret.file for s in subs if s.role == "conflict" and s.ret.unit == unit]
            dates = sorted({s.ret.as_of for s in subs if s.role == "conflict" and s.ret.unit == unit and s.ret.as_of})
            out.append(
                self.t(
                    "bulletin.conflict",
                    unit=self.label(unit),
                    n=len(files),
                    as_of=fmt_date(dates[-1], lang) if dates else "—",
                    diff=differences(files, rep, lang) or "—",
                )
            )
        return out

    # ---- 四、下步要求 -------------------------------------------------------------------------
    def requirements(self) -> list[Para]:
        rep, lang = self.report, self.lang
        rule = self.plan.reporting
        upcoming = next_due(rule, rep.year, rep.due_reference) if rule and rep.due_reference else None
        due = fmt_date(upcoming.due, lang) if upcoming else ""
        out: list[Para] = []
        behind = [u for u in self.plan.unit_names if any(lagging(r) for r in self.rows_of(u))]
        if behind:
            deadline = self.t("bulletin.rectify_deadline", due=due) if due else ""
            # A year that is over has no next deadline and nothing left to speed up in it.
            closed = not due and (rep.due_reference or rep.reference_date) > dt.date(rep.year, 12, 31)
            key = "rectify_closed" if closed else "rectify"
            text = self.t(f"bulletin.{key}", units=self.names(behind), deadline=deadline)
            out.append(self.lead(key, text))
        u, d = rep.units, rep.district
        asks: list[str] = []
        late = u.missing + u.overdue + d.missing + d.overdue
        if late:
            key = "bulletin.report_missing" if due else "bulletin.report_missing_nodate"
            asks.append(self.t(key, units=self.names(late), due=due))
        if u.rejected + d.rejected:
            asks.append(self.t("bulletin.report_rejected", units=self.names(u.rejected + d.rejected)))
        if u.conflict + d.conflict:
            asks.append(self.t("bulletin.report_conflict", units=self.names(u.conflict + d.conflict)))
        every = (
            self.t("bulletin.report_all", day=rule.due_day)
            if rule and rule.frequency == "monthly"
            else self.t("bulletin.report_all_nodate")
        )
        text = self.joined([self.end(self.sep.join(asks)), every]) if asks else every
        out.append(self.lead("report", text))
        if rep.double_counts:
            units = sorted({c.township for x in rep.double_counts for c in x.claims}, key=self._order)
            out.append(self.lead("verify", self.t("bulletin.verify", units=self.names(units))))
        if self.plan.supervision:
            source, text = self.plan.supervision
            last = self.t("bulletin.supervise", source=source, text=text)
        else:
            last = self.t("bulletin.supervise_plain")
        out.append(self.lead("supervise", last))
        return out

    def rows_of(self, unit: str) -> list[Row]:
        return [r for r in self.unit_rows if r.reporting_unit == unit]

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
