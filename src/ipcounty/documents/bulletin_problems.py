"""The bulletin's 三、存在问题 (who is behind, who has not reported, items claimed twice) and
四、下步要求 (整改, 报送, 核实, 督导 in the plan's own words)."""

from __future__ import annotations

import datetime as dt

from ipcounty.documents.bulletin_writer import BulletinWriter, cells_in_words, lagging, points
from ipcounty.documents.model import Para
from ipcounty.i18n import tr
from ipcounty.progress.model import Row
from ipcounty.render.due_view import period_label
from ipcounty.render.numbers import fmt_date, fmt_figure, fmt_percent, item_word, unit_word
from ipcounty.schedule import holds_level
from ipcounty.timeliness import next_due


class ProblemSections(BulletinWriter):
    """三、存在问题 and 四、下步要求."""

    # ---- 三、存在问题 -------------------------------------------------------------------------
    def behind_item(self, r: Row) -> str:
        ind = r.indicator
        light = tr(f"light.{r.light}", self.lang) if r.light else ""
        name = ind.label(self.lang)
        if ind.kind == "yesno":
            return self.t("bulletin.behind_yesno", name=name, light=light)
        actual = fmt_figure(r.actual if isinstance(r.actual, float) else None, ind, lang=self.lang)
        if holds_level(ind.kind, ind.scope):
            return self.t(
                "bulletin.behind_level",
                name=name,
                actual=actual,
                unit=unit_word(ind.unit, self.lang, actual),
                target=fmt_figure(r.target, ind, lang=self.lang),
                light=light,
            )
        return self.t(
            "bulletin.behind_flow",
            name=name,
            actual=actual,
            unit=unit_word(ind.unit, self.lang, actual),
            completion=fmt_percent(r.completion),
            points=points(r.lag_points),
            light=light,
        )

    def problems(self) -> list[Para]:
        behind: list[str] = []
        for unit in self.plan.unit_names:
            items = [self.behind_item(r) for r in self.rows_of(unit) if lagging(r)]
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
                    item=item_word(d.indicator.evidence.item, self.lang, one=True) if d.indicator.evidence else "",
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
        # Units late in the same way are one sentence (七个镇街最近一次报送均截至…), not seven copies.
        groups: dict[tuple[str, str, str, int], list[str]] = {}
        for unit in u.overdue + d.overdue:
            t = rep.timeliness[unit]
            assert t.period is not None
            key = (
                fmt_date(latest.get(unit), lang) or "—",
                period_label(t.period, lang),
                fmt_date(t.period.due, lang),
                t.days,
            )
            groups.setdefault(key, []).append(unit)
        for (as_of, period, due_date, days), units in groups.items():
            message = "bulletin.overdue" if len(units) == 1 else "bulletin.overdue_many"
            out.append(self.t(message, unit=self.names(units), as_of=as_of, period=period, due=due_date, days=days))
        subs = [s for s in rep.submissions if s.ret.year == rep.year]
        for unit in u.rejected + d.rejected:
            rejected = [s.ret for s in subs if s.role == "rejected" and s.unit == unit]
            errors = [f for r in rejected for f in r.findings if f.severity == "error"]
            cells = cells_in_words([(f.sheet, f.cell) for f in errors if f.sheet or f.cell][:5], lang)
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
            if self.lang == "zh":  # 五(四) as the plan's YAML abbreviates it; a 公文 writes 五（四）
                source = source.replace("(", "（").replace(")", "）")
            last = self.t("bulletin.supervise", source=source, text=text)
        else:
            last = self.t("bulletin.supervise_plain")
        out.append(self.lead("supervise", last))
        return out
