"""``ipcounty.api``: the 评分表 as a DataFrame equals what ``ipcounty score --format csv`` prints."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from ipcounty import api
from ipcounty.cli import app
from tests.conftest import OTHER_PLAN_PATH, PLAN_PATH, ROOT

EXAMPLES = ROOT / "examples" / "returns"


def test_score_frame_equals_the_cli_csv(runner: CliRunner) -> None:
    df = api.load(plan=PLAN_PATH, returns=EXAMPLES).score(2025)
    printed = runner.invoke(app, ["--plan", str(PLAN_PATH), "score", "2025", "-r", str(EXAMPLES), "--format", "csv"])
    cli = pd.read_csv(io.StringIO(printed.stdout))
    assert list(df.columns) == list(cli.columns)
    assert df["score"].dtype == "float64" and df["points_B1"].dtype == "float64"
    assert str(df["rank"].dtype) == "Int64"
    pd.testing.assert_series_equal(df["score"], cli["score"].astype("float64"), check_names=False)
    assert df["explanation"].tolist() == cli["explanation"].tolist()
    assert df["score"].isna().sum() == 2  # the unit in conflict and the one rejected


def test_score_without_rules_says_so(tmp_path: Path) -> None:
    folder = tmp_path
    plan = folder / "plan.yaml"
    plan.write_text(OTHER_PLAN_PATH.read_text(encoding="utf-8").split("\nscoring:")[0], encoding="utf-8")
    with pytest.raises(ValueError, match="no scoring"):
        api.load(plan=plan, returns=folder).score(2025)
