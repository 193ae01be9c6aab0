"""催报 and 退回: one short message per unit that must act, ready to paste into a chat.

A unit must act when it has not submitted, is overdue, was rejected or is in conflict (the
report's completeness lists, the district form included). Each message names the period, the
deadline (from the plan's reporting calendar) and, for the office, the unit's 填报人 and 联系电话
from its latest return; a rejected return's message lists the cells to fix in the words of
``ipcounty validate``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from ipcounty.contacts import Contact, report_contacts
from ipcounty.documents.names import unit_as_subject, unit_label
from ipcounty.findings import Finding
from ipcounty.i18n import speaking, tr
from ipcounty.progress.model import Report, Submission
from ipcounty.render.due_view import period_label
from ipcounty.render.numbers import fmt_date
from ipcounty.returns.layout import SHEET
from ipcounty.returns.model import Return
from ipcounty.timeliness import next_due

Action = Literal["not_submitted", "overdue", "rejected", "conflict"]
REMIND_JSON_SCHEMA = "ipcounty.reminders"
REMIND_JSON_VERSION = 1
CSV_COLUMNS = (
    "year",
    "reporting_unit",
    "action",
    "period_end",
    "deadline",
    "days_overdue",
    "reporter",
    "phone",
    "files",
    "message",
)
MAX_PROBLEMS = 8  # a chat message lists this many cells; the rest are counted


@dataclass
class Problem:
    """One cell to fix in a rejected return."""

    file: str
    sheet: str | None
    cell: str | None
    indicator_code: str | None
    message: str


@dataclass
class Reminder:
    unit: str
    action: Action
    head: str  # for the office: who, and how to reach them
    text: str  # the message itself
    period_end: dt.date | None = None
    deadline: dt.date | None = None
    days_overdue: int = 0
    contact: Contact | None = None
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        c = self.contact
        return {
            "reporting_unit": self.unit,
            "action": self.action,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "days_overdue": self.days_overdue,
            "reporter": c.reporter if c else None,
            "phone": c.phone if c else None,
            "contact_file": c.file if c else None,
            "files": self.files,
            "problems": [p.__dict__ for p in self.problems],
            "head": self.head,
            "message": self.text,
        }


def build_reminders(report: Report, lang: str = "zh") -> list[Reminder]:
    """Every unit that must act, in the plan's order (the district form last)."""
    with speaking(report.plan.words):
        return _Reminders(report, lang).build()


class _Reminders:
    def __init__(self, report: Report, lang: str) -> None:
        self.report = report
        self.lang = lang
        self.contacts = report_contacts(report)
        self.sent = {s.unit for s in report.submissions if s.unit}
        # Each unit's submissions of the year, in the report's order, gathered once (not once per
        # unit: thousands of units to remind over a large folder).
        self.of_year: dict[str | None, list[Submission]] = {}
        for s in report.submissions:
            if s.ret.year == report.year:
                self.of_year.setdefault(s.unit, []).append(s)

    def t(self, message: str, /, **params: Any) -> str:
        return tr(message, self.lang, **params)

    def build(self) -> list[Reminder]:
        rep = self.report
        actions: dict[str, Action] = {}
        for c in (rep.units, rep.district):
            for unit in c.missing:
                actions[unit] = "not_submitted"
            for unit in c.overdue:
                actions[unit] = "overdue"
            for unit in c.rejected:
                actions[unit] = "rejected"
            for unit in c.conflict:
                actions[unit] = "conflict"
        order = [*rep.plan.unit_names, rep.plan.district_name]
        return [self.one(unit, actions[unit]) for unit in order if unit in actions]

    def date(self, day: dt.date | None) -> str:
        return fmt_date(day, self.lang) or "—"

    def contact_text(self, unit: str) -> str:
        c = self.contacts.get(unit)
        if c is None:
            return self.t("remind.blank_contact" if unit in self.sent else "remind.no_contact")
        return self.t("remind.contact", reporter=c.reporter or "—", phone=c.phone or "—") + self.t(
            "remind.contact_source",
            file=c.file.rsplit("/", 1)[-1],  # the file's name, as in the message
        )

    def when(self, unit: str) -> tuple[str, dt.date | None, dt.date | None, int]:
        """The sentence on the deadline, the period's end, the deadline and the days overdue."""
        rep = self.report
        t = rep.timeliness.get(unit)
        rule = rep.plan.reporting
        if t is not None and t.overdue and t.period is not None:
            p = t.period
            text = self.t("remind.when_overdue", period=period_label(p, self.lang), due=self.date(p.due), days=t.days)
            return text, p.end, p.due, t.days
        upcoming = next_due(rule, rep.year, rep.due_reference) if rule and rep.due_reference else None
        if upcoming is not None:
            text = self.t("remind.when_next", due=self.date(upcoming.due), end=self.date(upcoming.end))
            return text, upcoming.end, upcoming.due, 0
        return self.t("remind.when_asap"), None, None, 0

    def one(self, unit: str, action: Action) -> Reminder:
        rep = self.report
        kind = self.t(f"remind.kind.{action}")
        head = self.t("remind.head", kind=kind, unit=self.name(unit), contact=self.contact_text(unit))
        when, end, due, days = self.when(unit)
        r = Reminder(unit, action, head, "", end, due, days, self.contacts.get(unit))
        subs = list(self.of_year.get(unit, ()))
        if action == "not_submitted":
            r.text = self.t("remind.not_submitted", unit=self.addressee(unit), year=rep.year, when=when)
        elif action == "overdue":
            used = next((s.ret for s in subs if s.role == "used"), None)
            t = rep.timeliness[unit]
            assert t.period is not None
            r.files = [used.file] if used else []
            r.text = self.t(
                "remind.overdue",
                unit=self.addressee(unit),
                year=rep.year,
                as_of=self.date(used.as_of if used else None),
                period=period_label(t.period, self.lang),
                due=self.date(t.period.due),
                days=t.days,
                end=self.date(t.period.end),
            )
        elif action == "rejected":
            rejected = [s.ret for s in subs if s.role == "rejected"]
            latest = max(rejected, key=lambda x: x.as_of or dt.date.min)
            r.files = [x.file for x in rejected]
            r.problems = self.problems(latest)
            lines = [
                self.t(
                    "remind.rejected" if latest.as_of else "remind.rejected_undated",
                    unit=self.addressee(unit),
                    file=latest.file.rsplit("/", 1)[-1],
                    as_of=self.date(latest.as_of),
                    n=len(r.problems),
                )
            ]
            shown = r.problems[:MAX_PROBLEMS]
            lines += [
                self.t("remind.problem", i=i, where=self.where(latest, p), message=p.message)
                for i, p in enumerate(shown, 1)
            ]
            if len(r.problems) > MAX_PROBLEMS:
                lines.append(self.t("remind.more", n=len(r.problems) - MAX_PROBLEMS))
            lines.append(when)
            r.text = "\n".join(lines)
        else:
            from ipcounty.render.report_view import conflict_differences as differences

            conflicting = [s.ret for s in subs if s.role == "conflict"]
            r.files = [x.file for x in conflicting]
            names = self.t("sep.list").join(self.t("remind.file", file=f.rsplit("/", 1)[-1]) for f in r.files)
            r.text = self.t(
                "remind.conflict",
                unit=self.addressee(unit),
                files=names,
                as_of=self.date(conflicting[0].as_of if conflicting else None),
                diff=differences(r.files, rep, self.lang) or "—",
            )
        return r

    def name(self, unit: str) -> str:
        return unit_label(unit, self.report.plan, self.lang)

    def addressee(self, unit: str) -> str:
        """Whom a message speaks to (``…：你单位…``): a unit, or whoever reports the district form."""
        return unit_as_subject(unit, self.report.plan, self.lang)

    def problems(self, ret: Return) -> list[Problem]:
        out = []
        for f in ret.findings:
            if f.severity != "error":
                continue
            code = _indicator_at(ret, self.report, f)
            out.append(Problem(ret.file, f.sheet, f.cell, code, f.message(self.lang)))
        return out

    def where(self, ret: Return, p: Problem) -> str:
        if not p.cell:
            return self.t("remind.where_sheet", sheet=p.sheet) if p.sheet else self.t("remind.where_file")
        if p.indicator_code:
            ind = self.report.plan.indicator(p.indicator_code)
            return self.t("remind.where_indicator", sheet=p.sheet or "", cell=p.cell, indicator=ind.label(self.lang))
        return self.t("remind.where", sheet=p.sheet or "", cell=p.cell)


_CELL = re.compile(r"[A-Z]+(\d+)")


def _row(cell: str | None) -> int | None:
    m = _CELL.fullmatch(cell or "")
    return int(m.group(1)) if m else None


def _indicator_at(ret: Return, report: Report, f: Finding) -> str | None:
    """The indicator on the row of a 填报表 cell: read from the return's own values, or, for a cell
    that could not be read, from the rows around it when no row was inserted between them."""
    row = _row(f.cell)
    if row is None or not ret.values:
        return None
    known = {r: v.code for v in ret.values.values() if (r := _row(v.cell)) is not None}
    if f.sheet is not None and f.sheet != SHEET:  # 明细 rows are items, not indicators
        return None
    if row in known:
        return known[row]
    plan = report.plan
    form = plan.district_form_indicators() if ret.unit == plan.district_name else plan.unit_indicators()
    order = [i.code for i in form]
    index = {c: i for i, c in enumerate(order)}
    above = max((r for r in known if r < row), default=None)
    below = min((r for r in known if r > row), default=None)
    if above is None or below is None or known[above] not in index or known[below] not in index:
        return None
    if index[known[below]] - index[known[above]] != below - above:
        return None  # rows were inserted or removed between them: do not guess
    return order[index[known[above]] + row - above]
