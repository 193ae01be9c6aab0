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

from ipcounty.documents.bulletin_problems import ProblemSections
from ipcounty.documents.bulletin_progress import ProgressSections
from ipcounty.documents.bulletin_tables import attachments
from ipcounty.documents.model import OfficialDocument, Para, body, h1
from ipcounty.i18n import speaking, tr
from ipcounty.progress.model import Report
from ipcounty.render.numbers import fmt_date
from ipcounty.timeliness import latest_due


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


class _Builder(ProgressSections, ProblemSections):
    """The whole document: title, 主送, the opening paragraph, the four sections, the 附件."""

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
            addressees=self.plan.words.addressees_line(self.lang),
            body=paras,
            attachment_note=note,
            signature=self.t("bulletin.signature"),
            date=fmt_date(signed, self.lang),
            attachments=atts,
            lang=self.lang,
        )

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
