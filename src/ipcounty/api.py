"""ipcounty for analysts: the report, the score and the history as pandas DataFrames, in one line.

    >>> from ipcounty import api
    >>> data = api.load(returns="returns")     # plan and returns found as on the command line
    >>> data.report(2025)                       # one row per unit × indicator: the report's CSV
    >>> data.score(2025)                        # 考核评分, one row per unit: the score's CSV
    >>> data.history()                          # every valid return as observations: trend's CSV

Each DataFrame has exactly the columns of the matching CSV contract (SPEC v2), with dtypes an
analyst can compute with: ``as_of`` as ``datetime64[ns]``; figures and points as ``float64`` (a yes/no
``actual`` as 1.0 for 是 and 0.0 for 否, as the report judges it; a progress state as NaN — its
``status`` says done / in_progress / not_started); ``year`` as ``int64`` and ``rank`` as the
nullable ``Int64``; codes (``reporting_unit``, ``indicator_code``, ``unit``, ``status``,
``light``) as categoricals in the plan's order; names and files as ``string``.

pandas is imported here only: ``ipcounty --help``, ``validate`` and ``report`` never load it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipcounty.plan import Plan
from ipcounty.returns.model import Return

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Data", "load"]

DATE_COLUMNS = frozenset({"as_of"})
FLOAT_COLUMNS = frozenset(
    {
        "target",
        "actual",
        "gap",
        "completion",
        "time_share",
        "expected",
        "lag_points",
        "cumulative_target",
        "cumulative_actual",
        "plan_target",
        "baseline",
    }
)
SCORE_FLOAT_COLUMNS = frozenset({"score", "penalties"})  # and every points_<CODE>
INT_COLUMNS = frozenset({"year"})
NULLABLE_INT_COLUMNS = frozenset({"rank"})
CATEGORY_COLUMNS = frozenset({"reporting_unit", "indicator_code", "unit", "status", "light"})


def load(plan: str | Path | None = None, returns: str | Path | None = None) -> Data:
    """The plan (``plan`` > ``$IPCOUNTY_PLAN`` > ``./data/targets.yaml`` > the bundled plan) and every
    return under the folder (``returns`` > ``$IPCOUNTY_RETURNS`` > ``./returns`` > the bundled
    examples), read once; ask the result for DataFrames."""
    from ipcounty.collect import find_returns, read_all, resolve_returns
    from ipcounty.plan import load_plan, resolve_plan_path

    the_plan = load_plan(resolve_plan_path(Path(plan) if plan is not None else None))
    source = resolve_returns(Path(returns) if returns is not None else None)
    if not source.folder.is_dir():
        raise FileNotFoundError(f"returns folder {source.folder} not found")
    return Data(the_plan, read_all(find_returns(source.folder), the_plan), source.folder)


@dataclass
class Data:
    """A plan and the returns read under a folder."""

    plan: Plan
    returns: list[Return] = field(repr=False)
    folder: Path | None = None

    def report(self, year: int, as_of: dt.date | str | None = None, *, lang: str = "zh") -> pd.DataFrame:
        """The report of ``year`` (as known on ``as_of``): ``report --format csv`` as a DataFrame."""
        from ipcounty.progress.model import CSV_COLUMNS
        from ipcounty.progress.year_report import compute

        self._check_year(year)
        rep = compute(self.plan, self.returns, year, as_of=_date(as_of))
        return frame([r.csv_values(lang) for r in rep.rows], CSV_COLUMNS, self.plan)

    def score(self, year: int, as_of: dt.date | str | None = None, *, lang: str = "zh") -> pd.DataFrame:
        """考核评分 of ``year``: ``score --format csv`` as a DataFrame (one row per unit, best
        first; ``score`` and ``rank`` empty, the explanation saying why, for a unit that cannot be
        scored). Raises ValueError when the plan has no ``scoring:`` section."""
        from ipcounty.progress.year_report import compute
        from ipcounty.render.score_view import csv_columns, row_values
        from ipcounty.score.sheet import score_report

        self._check_year(year)
        if self.plan.scoring is None:
            raise ValueError(f"the plan {self.plan.path} has no scoring: section")
        sheet = score_report(compute(self.plan, self.returns, year, as_of=_date(as_of)))
        return frame([row_values(sheet, u, lang) for u in sheet.units], csv_columns(sheet), self.plan)

    def history(self, year: int | None = None, as_of: dt.date | str | None = None) -> pd.DataFrame:
        """Every valid return of ``year`` (every year of the plan when None) as observations:
        ``trend --format csv`` as a DataFrame."""
        from ipcounty.history import OBSERVATION_COLUMNS, observations

        years = self.plan.years if year is None else [year]
        if year is not None:
            self._check_year(year)
        obs = observations(self.plan, self.returns, years, as_of=_date(as_of))
        return frame([o.csv_values() for o in obs], OBSERVATION_COLUMNS, self.plan)

    def _check_year(self, year: int) -> None:
        if year not in self.plan.years:
            first, last = self.plan.years[0], self.plan.years[-1]
            raise ValueError(f"year {year} is outside the plan period {first}-{last}")


def _date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def frame(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], plan: Plan) -> pd.DataFrame:
    """Rows of a CSV contract (dicts, or a frame read from the CSV) with the API's dtypes."""
    import pandas as pd

    df = pd.DataFrame(list(rows), columns=list(columns))
    return typed(df, plan)


def typed(df: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """``df`` (the columns of a CSV contract, values as in the CSV) with the API's dtypes."""
    import pandas as pd

    from ipcounty.returns.layout import NO, YES
    from ipcounty.status import STATUSES

    out = df.copy()
    order: dict[str, list[str]] = {
        "reporting_unit": [*plan.unit_names, plan.district_name],
        "indicator_code": [i.code for i in plan.indicators],
        "unit": list(dict.fromkeys(str(i.unit) for i in plan.indicators if i.unit)),
        "status": list(STATUSES),
        "light": ["green", "yellow", "red"],
    }
    for col in out.columns:
        values = out[col]
        if col in DATE_COLUMNS:
            out[col] = pd.to_datetime(values.astype("object").where(values.notna(), None)).astype("datetime64[ns]")
        elif col == "actual":
            as_number = values.astype("object").map(lambda v: 1.0 if v == YES else 0.0 if v == NO else v)
            out[col] = pd.to_numeric(as_number, errors="coerce").astype("float64")
        elif col in FLOAT_COLUMNS or col in SCORE_FLOAT_COLUMNS or col.startswith("points_"):
            out[col] = pd.to_numeric(values, errors="coerce").astype("float64")
        elif col in INT_COLUMNS:
            out[col] = values.astype("int64")
        elif col in NULLABLE_INT_COLUMNS:
            out[col] = pd.to_numeric(values, errors="coerce").astype("Int64")
        elif col in CATEGORY_COLUMNS:
            text = values.astype("object").where(values.notna() & (values.astype("object") != ""), None)
            known = order[col]
            extra = sorted({v for v in text if v is not None and v not in known})
            out[col] = pd.Categorical(text, categories=[*known, *extra])
        else:
            text = values.astype("object").where(values.notna() & (values.astype("object") != ""), None)
            out[col] = text.astype("string")
    return out
