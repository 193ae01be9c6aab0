"""The reminders as text (to paste into a chat), CSV (one row each) and versioned JSON."""

from __future__ import annotations

import csv
import io
from typing import Any

from ipcounty.documents.remind import CSV_COLUMNS, REMIND_JSON_SCHEMA, REMIND_JSON_VERSION, Reminder
from ipcounty.i18n import tr
from ipcounty.progress.model import Report

RULE = "—" * 20


def to_text(report: Report, reminders: list[Reminder], lang: str) -> str:
    """Each message under a line for the office (who, how to reach them), separated by a rule."""
    if not reminders:
        return tr("remind.none", lang, year=report.year, words=report.plan.words) + "\n"
    blocks = [f"{r.head}\n{r.text}" for r in reminders]
    return f"\n{RULE}\n".join(blocks) + "\n"


def to_csv(report: Report, reminders: list[Reminder]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in reminders:
        c = r.contact
        w.writerow(
            [
                report.year,
                r.unit,
                r.action,
                r.period_end.isoformat() if r.period_end else "",
                r.deadline.isoformat() if r.deadline else "",
                r.days_overdue,
                c.reporter if c else "",
                c.phone if c else "",
                "; ".join(r.files),
                r.text,
            ]
        )
    return buf.getvalue()


def to_dict(report: Report, reminders: list[Reminder]) -> dict[str, Any]:
    return {
        "schema": REMIND_JSON_SCHEMA,
        "version": REMIND_JSON_VERSION,
        "year": report.year,
        "as_of": report.as_of.isoformat() if report.as_of else None,
        "reference_date": report.due_reference.isoformat() if report.due_reference else None,
        "columns": list(CSV_COLUMNS),
        "reminders": [r.to_dict() for r in reminders],
    }
