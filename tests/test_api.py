"""``ipcounty.api``: the report and the history as DataFrames with the CSV contracts' columns."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty import api
from ipcounty.cli import app
from ipcounty.history import OBSERVATION_COLUMNS
from ipcounty.progress import CSV_COLUMNS

pd = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "returns"
PLAN = ROOT / "data" / "targets.yaml"

REPORT_DTYPES = {
    "year": "int64",
    "reporting_unit": "category",
    "indicator_code": "category",
    "indicator_name": "string",
    "unit": "category",
    "as_of": "datetime64[ns]",
    "target": "float64",
    "actual": "float64",
    "gap": "float64",
    "completion": "float64",
    "time_share": "float64",
    "expected": "float64",
    "lag_points": "float64",
    "status": "category",
    "light": "category",
    "rank": "Int64",
    "cumulative_target": "float64",
    "cumulative_actual": "float64",
    "plan_target": "float64",
    "baseline": "float64",
    "source_file": "string",
}
HISTORY_DTYPES = {c: REPORT_DTYPES[c] for c in OBSERVATION_COLUMNS}


@pytest.fixture(scope="module")
def data() -> api.Data:
    return api.load(plan=PLAN, returns=EXAMPLES)


def test_report_columns_and_dtypes(data: api.Data) -> None:
    df = data.report(2025)
    assert list(df.columns) == list(CSV_COLUMNS)
    assert {c: str(t) for c, t in df.dtypes.items()} == REPORT_DTYPES
    assert list(df["status"].cat.categories[:3]) == ["met", "on_track", "behind"]
    assert list(df["light"].cat.categories) == ["green", "yellow", "red"]
    assert df["reporting_unit"].cat.categories[0] == "税郭镇"


def test_report_equals_the_csv(data: api.Data, runner: CliRunner) -> None:
    result = runner.invoke(app, ["--plan", str(PLAN), "report", "2025", "--returns", str(EXAMPLES), "--format", "csv"])
    assert result.exit_code == 0, result.output
    from_csv = api.typed(pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False), data.plan)
    pd.testing.assert_frame_equal(data.report(2025), from_csv)
    # The figures an analyst computes with, spot-checked against the CSV's text.
    df = data.report(2025).set_index(["reporting_unit", "indicator_code"])
    row = df.loc[("税郭镇", "B1")]
    assert row["actual"] == 15.0 and row["as_of"] == pd.Timestamp("2025-12-31")
    assert df.loc[("税郭镇", "D1"), "actual"] in (0.0, 1.0)  # 是/否 as the report judges it
    assert pd.isna(df.loc[("矿区街道", "B1"), "as_of"])  # not submitted: no date


def test_report_as_of(data: api.Data) -> None:
    later = data.report(2025)
    earlier = data.report(2025, as_of="2025-06-30")
    assert earlier["as_of"].max() <= pd.Timestamp("2025-06-30")
    assert len(earlier) == len(later)


def test_history_columns_dtypes_and_the_trend_csv(data: api.Data, runner: CliRunner) -> None:
    df = data.history(2025)
    assert list(df.columns) == list(OBSERVATION_COLUMNS)
    assert {c: str(t) for c, t in df.dtypes.items()} == HISTORY_DTYPES
    result = runner.invoke(app, ["--plan", str(PLAN), "trend", "2025", "--returns", str(EXAMPLES), "--format", "csv"])
    assert result.exit_code == 0, result.output
    from_csv = api.typed(pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False), data.plan)
    pd.testing.assert_frame_equal(df, from_csv)
    # Every year of the plan by default; 税郭镇's two 2025 returns are both observations.
    everything = data.history()
    assert set(everything["as_of"].dt.year) == {2024, 2025, 2026}
    b1 = everything[(everything["reporting_unit"] == "税郭镇") & (everything["indicator_code"] == "B1")]
    assert len(b1[b1["as_of"].dt.year == 2025]) == 2


def test_score_equals_the_csv(data: api.Data, runner: CliRunner) -> None:
    df = data.score(2025)
    codes = ["B1", "B2", "B3", "B4", "B5", "D1", "D2"]
    assert list(df.columns) == [
        "year",
        "reporting_unit",
        "score",
        "rank",
        *(f"points_{c}" for c in codes),
        "penalties",
        "explanation",
    ]
    assert {c: str(t) for c, t in df.dtypes.items()} == {
        "year": "int64",
        "reporting_unit": "category",
        "score": "float64",
        "rank": "Int64",
        **{f"points_{c}": "float64" for c in codes},
        "penalties": "float64",
        "explanation": "string",
    }
    result = runner.invoke(app, ["--plan", str(PLAN), "score", "2025", "--returns", str(EXAMPLES), "--format", "csv"])
    assert result.exit_code == 0, result.output
    from_csv = api.typed(pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False), data.plan)
    pd.testing.assert_frame_equal(df, from_csv)
    scored = df["score"].dropna()
    assert df["rank"].iloc[0] == 1 and list(scored) == sorted(scored, reverse=True)  # best first


def test_a_year_outside_the_plan(data: api.Data) -> None:
    with pytest.raises(ValueError, match="outside the plan"):
        data.report(2031)


def test_load_resolves_like_the_command_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("IPCOUNTY_RETURNS", raising=False)
    monkeypatch.delenv("IPCOUNTY_PLAN", raising=False)
    loaded = api.load()  # the bundled plan and examples
    assert loaded.report(2025)["reporting_unit"].nunique() == 12
    with pytest.raises(FileNotFoundError):
        api.load(returns=tmp_path / "nowhere")
