"""Progress against the plan for one year: which return counts, and every gap to target.

For each unit and year the latest valid 截至日期 wins; two valid returns with the same date
and different figures are a conflict (both shown, neither used); a unit whose only returns
have errors is ``rejected``; a unit with none is ``not_submitted``. From the chosen returns
come, per unit × indicator: target, actual, gap, completion, expected-to-date (序时进度),
status, cumulative figures since the plan began and the whole-plan target; then a district
row per indicator and the district's own goals.
"""

from ipcounty.progress.double_count import double_counting
from ipcounty.progress.model import (
    CSV_COLUMNS,
    REPORT_JSON_SCHEMA,
    REPORT_JSON_VERSION,
    Claim,
    Completeness,
    DoubleCount,
    EvidenceTotal,
    Report,
    Role,
    Row,
    Submission,
    plain_number,
)
from ipcounty.progress.picking import Pick, choose
from ipcounty.progress.rows import YearCalc, assess_figure
from ipcounty.progress.year_report import compute

# The names this module had before it became a package (history.py still uses them).
_Calc = YearCalc
_Pick = Pick
_num = plain_number

__all__ = [
    "CSV_COLUMNS",
    "REPORT_JSON_SCHEMA",
    "REPORT_JSON_VERSION",
    "Claim",
    "Completeness",
    "DoubleCount",
    "EvidenceTotal",
    "Pick",
    "Report",
    "Role",
    "Row",
    "Submission",
    "YearCalc",
    "assess_figure",
    "choose",
    "compute",
    "double_counting",
    "plain_number",
]
