"""The 考核评分 sheet of the meeting workbook: the same points as ``ipcounty score``, only when the plan scores."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.collect import find_returns, read_all
from ipcounty.export import build_workbook
from ipcounty.plan import Plan
from ipcounty.plan.loader import parse_plan
from ipcounty.progress import compute
from tests.conftest import PLAN_PATH, ROOT

EXAMPLES = ROOT / "examples" / "returns"


def test_score_sheet_holds_what_score_prints(tmp_path: Path) -> None:
    out = tmp_path / "会议.xlsx"
    runner = CliRunner()
    base = ["--plan", str(PLAN_PATH)]
    r = runner.invoke(app, [*base, "export", "2025", "--returns", str(EXAMPLES), "-o", str(out)])
    assert r.exit_code == 0, r.output
    printed = runner.invoke(app, [*base, "score", "2025", "--returns", str(EXAMPLES), "--format", "csv"]).stdout
    expected = {row["reporting_unit"]: row for row in csv.DictReader(io.StringIO(printed))}
    ws = load_workbook(out)["考核评分"]
    assert "考核评分" in ws["A1"].value
    header = [c.value for c in ws[3]]
    assert header == ["排名", "镇街", "得分", "B1", "B2", "B3", "B4", "B5", "D1", "D2", "扣分", "得分说明"]
    seen = 0
    for row in ws.iter_rows(min_row=4, values_only=True):
        unit = row[1]
        if unit not in expected:
            continue
        seen += 1
        want = expected[unit]
        assert (str(row[0]) if row[0] is not None else "") == want["rank"]
        if want["score"]:
            assert Decimal(str(row[2])) == Decimal(want["score"])
            for j, code in enumerate(["B1", "B2", "B3", "B4", "B5", "D1", "D2"], 3):
                assert Decimal(str(row[j])) == Decimal(want[f"points_{code}"])
        else:
            assert row[2] == "无法评分"
        assert row[11].replace("\n", "。") + "。" == want["explanation"]
    assert seen == 11


def test_no_score_sheet_without_scoring(plan_text: str) -> None:
    result = parse_plan(plan_text.split("\nscoring:")[0], "p.yaml")
    plan: Plan | None = result.plan
    assert plan is not None and plan.scoring is None
    report = compute(plan, read_all(find_returns(EXAMPLES), plan), 2025)
    assert "考核评分" not in build_workbook(report, "zh").sheetnames
