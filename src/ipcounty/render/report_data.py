"""The progress report as data for programs: CSV (the published columns) and versioned JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ipcounty.progress.model import CSV_COLUMNS, REPORT_JSON_SCHEMA, REPORT_JSON_VERSION, Report, Row

if TYPE_CHECKING:
    from ipcounty.plan import Plan


def json_head(
    schema: str, version: int, plan: Plan, year: int, as_of: dt.date | None, reference_date: dt.date
) -> dict[str, Any]:
    """How the report's and the 评分表's JSON begin: the schema and its version, the plan (id,
    title, fingerprint), the year, the 截至 date asked for and the reference date used."""
    return {
        "schema": schema,
        "version": version,
        "plan": {"id": plan.info.id, "title": plan.info.title, "fingerprint": plan.fingerprint},
        "year": year,
        "as_of": as_of.isoformat() if as_of else None,
        "reference_date": reference_date.isoformat(),
    }


def to_csv(rows: Iterable[Row], lang: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    # csv.writer writes None as an empty field, as DictWriter would after a dict per row.
    w.writerows(r.csv_row(lang) for r in rows)
    return buf.getvalue()


def to_dict(report: Report, rows: list[Row], lang: str) -> dict[str, Any]:
    """The report as JSON data: versioned; ``rows`` carry exactly the CSV columns."""
    plan = report.plan
    u, d = report.units, report.district
    return {
        **json_head(REPORT_JSON_SCHEMA, REPORT_JSON_VERSION, plan, report.year, report.as_of, report.reference_date),
        "completeness": {
            "expected": u.expected,
            "submitted": u.submitted,
            "missing": u.missing,
            "rejected": u.rejected,
            "conflict": u.conflict,
            "overdue": u.overdue,
            "district": {
                "submitted": d.submitted,
                "missing": d.missing,
                "rejected": d.rejected,
                "conflict": d.conflict,
                "overdue": d.overdue,
            },
        },
        "timeliness": _timeliness_dict(report),
        "columns": list(CSV_COLUMNS),
        "rows": [r.csv_values(lang) for r in rows],
        "submissions": [s.to_dict(lang) for s in report.submissions],
        "evidence": {c: {"claimed": t.claimed, "distinct": t.distinct} for c, t in report.evidence.items()},
        "double_counted": [d.to_dict(lang) for d in report.double_counts],
        "plan_notes": [n.to_dict(lang) for n in report.notes],
    }


def _timeliness_dict(report: Report) -> dict[str, Any] | None:
    """The reporting calendar's verdict per unit (None when the plan sets no calendar)."""
    rule = report.plan.reporting
    if rule is None or report.due_reference is None:
        return None
    return {
        "frequency": rule.frequency,
        "due_day": rule.due_day,
        "reference_date": report.due_reference.isoformat(),
        "units": {
            unit: {
                "period_end": t.period.end.isoformat() if t.period else None,
                "due": t.period.due.isoformat() if t.period else None,
                "overdue": t.overdue,
                "days_overdue": t.days,
            }
            for unit, t in report.timeliness.items()
        },
    }
