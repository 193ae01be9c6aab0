"""The bulletin's 一、总体进展 (the 全区 figures, the goals) and 二、各单位进展 (lights, ranking)."""

from __future__ import annotations

from ipcounty.documents.bulletin_writer import GREEN_FIRST, UNRANKED, BulletinWriter, points
from ipcounty.documents.model import Para
from ipcounty.i18n import status_label, tr
from ipcounty.progress.model import Row
from ipcounty.render.numbers import fmt_figure, fmt_percent, unit_word
from ipcounty.schedule import holds_level


class ProgressSections(BulletinWriter):
    """一、总体进展 and 二、各单位进展."""

    # ---- 一、总体进展 -------------------------------------------------------------------------
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
                target=fmt_figure(r.target, ind, lang=self.lang),
                unit=unit_word(ind.unit, self.lang, fmt_figure(r.target, ind, lang=self.lang)),
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
                actual=fmt_figure(r.actual, ind, lang=self.lang),
                unit=unit_word(ind.unit, self.lang, fmt_figure(r.actual, ind, lang=self.lang)),
                target=fmt_figure(r.target, ind, lang=self.lang),
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
        actual = fmt_figure(r.actual if isinstance(r.actual, float) else None, ind, lang=self.lang)
        params = {
            "name": f"{ind.code} {ind.label(self.lang)}",
            "actual": actual,
            "unit": unit_word(ind.unit, self.lang, actual),
            "target": fmt_figure(r.target, ind, lang=self.lang),
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
        rest = [r for r in rows if (r.rank or 0) > 3 and r.status != "met"]  # not in top
        if not rest:
            return self.t("bulletin.rank_top_only", name=ind.label(self.lang), top=named(top))
        cut = rest[-3].rank if len(rest) >= 3 else rest[0].rank
        bottom = [r for r in rest if (r.rank or 0) >= (cut or 0)]
        return self.t("bulletin.rank", name=ind.label(self.lang), top=named(top), bottom=named(bottom))
