"""Timeliness and contacts as a person reads them: periods, deadlines, days overdue, who to call."""

from __future__ import annotations

import calendar
import datetime as dt

from ipcounty.contacts import Contact
from ipcounty.i18n import tr
from ipcounty.progress.model import Report
from ipcounty.render.numbers import fmt_date
from ipcounty.timeliness import DuePeriod, Timeliness

_CN = "一二三四"


def period_label(p: DuePeriod, lang: str) -> str:
    """``2025年9月``, ``2025年第三季度``, ``2025年度`` (or the English)."""
    return tr(
        f"due.period.{p.frequency}",
        lang,
        year=p.year,
        index=p.index,
        cn=_CN[p.index - 1] if p.index <= 4 else p.index,
        month=calendar.month_name[p.index] if p.frequency == "monthly" else "",
    )


def overdue_text(unit: str, t: Timeliness, latest: dt.date | None, lang: str) -> str:
    """``光明路街道（最近一次截至2025年11月30日，2025年12月进展应于2026年1月5日前报送，逾期330天）``
    (dates as the period beside them is written; ISO in English)."""
    assert t.period is not None
    return tr(
        "due.overdue_unit",
        lang,
        unit=unit,
        as_of=fmt_date(latest, lang) or "—",
        period=period_label(t.period, lang),
        due=fmt_date(t.period.due, lang),
        days=t.days,
    )


def overdue_texts(report: Report, units: list[str], lang: str) -> list[str]:
    """Each of ``units`` (overdue ones) with its latest 截至日期, the period due, the deadline and
    the days late, as :func:`overdue_text` writes it."""
    latest = {r.reporting_unit: r.as_of for r in report.rows if r.as_of and r.status == "overdue"}
    return [overdue_text(n, report.timeliness[n], latest.get(n), lang) for n in units]


def contact_text(contact: Contact | None, lang: str, *, ever_sent: bool = False) -> str:
    """``填报人 张三，联系电话 0632-0000000``; else that the unit never sent a return
    (``ever_sent`` False) or that its returns name nobody."""
    if contact is None:
        return tr("contact.blank" if ever_sent else "contact.none", lang)
    return tr("contact.known", lang, reporter=contact.reporter or "—", phone=contact.phone or "—")
