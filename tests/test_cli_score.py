"""`ipcounty score` through the real app: every format, the CSV/JSON contract, what a user is told."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.collect import find_returns, read_all
from ipcounty.plan import Plan
from ipcounty.progress import compute
from ipcounty.render.score_view import to_dict
from ipcounty.score.sheet import score_report
from tests.conftest import OTHER_PLAN_PATH, PLAN_PATH, ROOT, details_for, good_values
from tests.test_score_rules import MISTAKES, PLAN_HEAD

EXAMPLES = ROOT / "examples" / "returns"
BASE = ["--plan", str(PLAN_PATH)]
# SPEC v2 "考核评分": exactly these columns for the bundled plan (a change here is a contract change).
COLUMNS = [
    "year",
    "reporting_unit",
    "score",
    "rank",
    "points_B1",
    "points_B2",
    "points_B3",
    "points_B4",
    "points_B5",
    "points_D1",
    "points_D2",
    "penalties",
    "explanation",
]
DETAIL_KEYS = ["standing", "items", "penalty_items", "unscored"]


def flat(text: str) -> str:
    """Text without any whitespace, so that a sentence wrapped at 80 columns still matches."""
    return re.sub(r"\s+", "", text)


def invoke(runner: CliRunner, *args: str, plan: Path = PLAN_PATH, width: int = 100) -> Any:
    return runner.invoke(app, ["--plan", str(plan), *args], env={"COLUMNS": str(width)}, terminal_width=width)


@pytest.mark.parametrize("width", [80, 100])
def test_table_ranks_and_explains_every_unit(runner: CliRunner, width: int) -> None:
    r = invoke(runner, "score", "2025", "--returns", str(EXAMPLES), width=width)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "2025年度各镇街考核评分" in out
    assert "示例评分规则" in out  # the shipped rules say they are an example
    assert "按序时进度评分，截至2025年12月31日" in out
    assert "每项得分四舍五入保留 2 位小数后相加" in out
    assert "得分说明" in out
    # the conflict and the rejected return: listed, not scored, and why
    assert "孟庄镇" in out and flat("无法评分：两份截至日期相同的填报表数字不一致（B1 分别填 18 和 21）") in flat(out)
    assert "文化路街道" in out and "填报表有错误已退回" in out
    # the unit that sent nothing is scored on nothing done, with the penalty
    assert "未报送，扣 5 分" in out
    assert "…" not in out  # no figure is ever cut


def test_english_table(runner: CliRunner) -> None:
    r = runner.invoke(app, [*BASE, "--lang", "en", "score", "2025", "--returns", str(EXAMPLES)], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    assert "Unit scores 2025" in r.stdout and "How each score was reached" in r.stdout
    assert "Cannot be scored: two returns with the same date disagree" in " ".join(r.stdout.split())


def test_csv_columns_are_the_contract(runner: CliRunner) -> None:
    r = invoke(runner, "score", "2025", "--returns", str(EXAMPLES), "--format", "csv")
    assert r.exit_code == 0, r.output
    assert not r.stdout.startswith("\ufeff")  # stdout has no BOM
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == COLUMNS
    body = [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]
    assert len(body) == 11
    by_unit = {b["reporting_unit"]: b for b in body}
    conflict = by_unit["孟庄镇"]
    assert conflict["score"] == "" and conflict["rank"] == "" and conflict["points_B1"] == ""
    assert "无法评分" in conflict["explanation"]
    scored = [b for b in body if b["score"]]
    # exact decimals: no 99.80000000001
    assert all(len(b["score"].partition(".")[2]) <= 2 for b in scored)
    ranks = [int(b["rank"]) for b in scored]
    assert ranks == sorted(ranks)


def test_json_equals_the_core_and_pins_its_keys(runner: CliRunner, plan: Plan) -> None:
    r = invoke(runner, "score", "2025", "--returns", str(EXAMPLES), "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["schema"] == "ipcounty.score" and data["version"] == 1
    assert data["columns"] == COLUMNS
    for row in data["rows"]:
        assert list(row) == COLUMNS + DETAIL_KEYS
    report = compute(plan, read_all(find_returns(EXAMPLES), plan), 2025)
    core = json.loads(json.dumps(to_dict(score_report(report), "zh"), ensure_ascii=False, default=str))
    assert data == core
    # every scored row adds up: start + items − penalties
    for row in data["rows"]:
        if row["score"] is not None:
            items = sum(i["points"] for i in row["items"])
            assert round(data["rules"]["start"] + items - row["penalties"], 6) == row["score"]


def test_markdown(runner: CliRunner) -> None:
    r = invoke(runner, "score", "2025", "--returns", str(EXAMPLES), "--format", "markdown")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("# 2025年度各镇街考核评分")
    assert "| 排名 | 镇街 | 得分 | B1 | B2 | B3 | B4 | B5 | D1 | D2 | 扣分 |" in r.stdout
    assert "## 得分说明" in r.stdout and "### 孟庄镇 无法评分" in r.stdout


def test_output_file_csv_has_a_bom_and_table_is_plain_text(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "评分表.csv"
    r = invoke(runner, "score", "2025", "--returns", str(EXAMPLES), "--format", "csv", "-o", str(target))
    assert r.exit_code == 0, r.output
    data = target.read_bytes()
    assert data.startswith("\ufeff".encode()) and b"year,reporting_unit,score" in data
    assert r.stdout == ""
    text = tmp_path / "评分表.txt"
    r = invoke(runner, "score", "2025", "--returns", str(EXAMPLES), "-o", str(text))
    assert r.exit_code == 0, r.output
    assert "得分说明" in text.read_text(encoding="utf-8") and "\x1b[" not in text.read_text(encoding="utf-8")


def test_output_never_overwrites_a_return(runner: CliRunner, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "returns"
    shutil.copytree(EXAMPLES, folder)
    victim = next(folder.rglob("*.xlsx"))
    before = victim.read_bytes()
    r = invoke(runner, "score", "2025", "--returns", str(folder), "--format", "csv", "-o", str(victim))
    assert r.exit_code == 2
    assert "拒绝覆盖填报表" in r.output
    assert victim.read_bytes() == before


def test_a_plan_without_scoring_exits_2_with_the_fix(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(OTHER_PLAN_PATH.read_text(encoding="utf-8").split("\nscoring:")[0], encoding="utf-8")
    r = invoke(runner, "score", "2025", "--returns", str(tmp_path), plan=plan)
    assert r.exit_code == 2
    assert "没有 scoring（考核评分规则）部分" in r.output and "在计划文件末尾加上 scoring:" in r.output
    assert "Traceback" not in r.output


@pytest.mark.parametrize(("section", "code", "says"), [m[1:4] for m in MISTAKES], ids=[m[0] for m in MISTAKES])
def test_each_scoring_mistake_stops_score_with_line_and_fix(
    runner: CliRunner, tmp_path: Path, section: str, code: str, says: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN_HEAD + "scoring:\n" + section + "\n", encoding="utf-8")
    r = invoke(runner, "score", "2025", "--returns", str(tmp_path), plan=plan)
    assert r.exit_code == 1, r.output
    assert says in r.output
    assert f"{plan}:" in r.output  # file:line:column
    assert "Traceback" not in r.output


def test_other_plan_deducts_from_100_in_its_own_words(runner: CliRunner, tmp_path: Path) -> None:
    r = invoke(runner, "score", "2025", "--returns", str(tmp_path), plan=OTHER_PLAN_PATH, width=80)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "2025年度各单位考核评分" in out and "按年度目标评分" in out
    assert "F1 质押融资额（只扣分）" in out
    assert flat("差 1500.00 万元，应扣 15 分，本项最多扣 10 分，扣 10 分") in flat(out)
    assert "得分 100 − 10 + 0 − 10 = 80" in out
    assert "镇街" not in out and "全区" not in out


# ---- the year-end question: why did 孟庄镇 lose 0.6 points? --------------------------------------

RULES = """
scoring:
  start: 100
  basis: {basis}
  items:
    - {{indicator: B1, points: 15, bands: [[1.0, 1.0], [0.8, 0.6], [0, 0]], per_shortfall: 0.2}}
  penalties: {{not_submitted: 2, overdue: 1, rejected: 1, conflict: 1, double_counted_per_item: 0.5}}
"""


def _with_b1(plan: Plan, unit: str, b1: int) -> dict[str, Any]:
    """A valid return's figures with B1 changed, and its 明细 listing that many patents."""
    values = {**good_values(plan, unit), "B1": b1}
    return {"values": values, "details": details_for(plan, unit, 2025, values)}


def _plan_with(tmp_path: Path, plan_text: str, basis: str = "year") -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text.split("\nscoring:")[0] + RULES.format(basis=basis), encoding="utf-8")
    return path


def test_the_output_alone_says_why_a_unit_lost_points(
    runner: CliRunner, tmp_path: Path, plan: Plan, plan_text: str, make_return: Callable[..., Path]
) -> None:
    path = _plan_with(tmp_path, plan_text)
    make_return("孟庄镇", as_of=dt.date(2025, 12, 31), **_with_b1(plan, "孟庄镇", 12))
    make_return("税郭镇", as_of=dt.date(2025, 12, 31))
    r = invoke(runner, "score", "2025", "--returns", str(tmp_path), "--format", "csv", plan=path)
    assert r.exit_code == 0, r.output
    rows = {row["reporting_unit"]: row for row in csv.DictReader(io.StringIO(r.stdout))}
    meng = rows["孟庄镇"]
    assert meng["points_B1"] == "8.4"  # 80% of 15 = 9, less 0.6
    assert "完成 12/15 个（80.0%），达到 80%，得 9 分（15 分的 60%）；差 3 个，扣 0.6 分" in meng["explanation"]
    assert meng["score"] == "108.4" and meng["rank"] == "2"
    assert rows["税郭镇"]["score"] == "115" and rows["税郭镇"]["rank"] == "1"
    assert rows["矿区街道"]["penalties"] == "2" and "未报送，扣 2 分" in rows["矿区街道"]["explanation"]


def test_basis_schedule_mid_year(
    runner: CliRunner, tmp_path: Path, plan: Plan, plan_text: str, make_return: Callable[..., Path]
) -> None:
    """On 30 June 7 of 15 is short of the year but ahead of nothing: 15 × 181/365 = 7.4 expected."""
    path = _plan_with(tmp_path, plan_text, basis="schedule")
    make_return("孟庄镇", as_of=dt.date(2025, 6, 30), **_with_b1(plan, "孟庄镇", 7))
    r = invoke(
        runner, "score", "2025", "--returns", str(tmp_path), "--as-of", "2025-06-30", "--format", "json", plan=path
    )
    assert r.exit_code == 0, r.output
    row = next(x for x in json.loads(r.stdout)["rows"] if x["reporting_unit"] == "孟庄镇")
    (item,) = row["items"]
    assert item["reasons"] == [
        "完成 7 个，序时应完成 7.4 个（为序时应完成的 94.1%）",
        "达到 80%，得 9 分（15 分的 60%）",
        "差 0.4 个，扣 0.09 分",
    ]
    assert item["points"] == 8.91
    path = _plan_with(tmp_path, plan_text, basis="year")
    r = invoke(
        runner, "score", "2025", "--returns", str(tmp_path), "--as-of", "2025-06-30", "--format", "json", plan=path
    )
    row = next(x for x in json.loads(r.stdout)["rows"] if x["reporting_unit"] == "孟庄镇")
    assert row["items"][0]["points"] == -1.6  # 7 of 15: below 80%, 8 short


def test_a_return_sent_back_costs_its_penalty_even_when_an_earlier_one_counts(
    runner: CliRunner, tmp_path: Path, plan_text: str, make_return: Callable[..., Path]
) -> None:
    path = _plan_with(tmp_path, plan_text)
    make_return("孟庄镇", as_of=dt.date(2025, 12, 31))
    make_return("孟庄镇", as_of=dt.date(2025, 12, 31), values={"B1": "很多"})  # sent back
    r = invoke(runner, "score", "2025", "--returns", str(tmp_path), "--format", "json", plan=path)
    row = next(x for x in json.loads(r.stdout)["rows"] if x["reporting_unit"] == "孟庄镇")
    assert row["standing"] == "reported" and row["score"] is not None
    assert [p["code"] for p in row["penalty_items"]] == ["rejected"]


def test_overdue_comes_from_the_report_rows(
    runner: CliRunner, tmp_path: Path, plan_text: str, make_return: Callable[..., Path]
) -> None:
    """The plan's calendar (monthly, due on the 5th): on 31 December a return dated 30 September
    misses November's, so the unit is 逾期未报 in the report and loses the overdue points."""
    path = _plan_with(tmp_path, plan_text)
    make_return("孟庄镇", as_of=dt.date(2025, 9, 30))
    make_return("税郭镇", as_of=dt.date(2025, 11, 30))
    r = invoke(
        runner, "score", "2025", "--returns", str(tmp_path), "--as-of", "2025-12-31", "--format", "json", plan=path
    )
    rows = {x["reporting_unit"]: x for x in json.loads(r.stdout)["rows"]}
    assert [(p["code"], p["reason"]) for p in rows["孟庄镇"]["penalty_items"]] == [("overdue", "逾期未报，扣 1 分")]
    assert rows["税郭镇"]["penalty_items"] == []


def test_plan_shows_the_rules_as_read(runner: CliRunner) -> None:
    r = invoke(runner, "plan")
    assert r.exit_code == 0, r.output
    out = flat(r.stdout)
    assert flat("考核评分规则（按序时进度评分，基础分 0）") in out
    assert (
        flat("30 分，按完成率分档：≥100% 得 100%、≥90% 得 80%、≥60% 得 50%，其余 0 分，每超 1 个加 0.5 分，最多加 3 分")
        in out
    )
    assert flat("扣分：未报送 5 分、逾期未报 1 分、退回 1 分、冲突 1 分、重复计算每项 0.5 分") in out
    other = invoke(runner, "--lang", "en", "plan", plan=OTHER_PLAN_PATH)
    assert "−0.01 per ten thousand yuan short, at most −10" in other.stdout


def test_unit_filter_lists_only_those_units_in_every_format_with_the_ranks_among_all(runner: CliRunner) -> None:
    def rows(*extra: str) -> list[dict[str, str]]:
        r = invoke(runner, "score", "2025", "--returns", str(EXAMPLES), "--format", "csv", *extra)
        assert r.exit_code == 0, r.output
        return list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))

    every = {row["reporting_unit"]: row for row in rows()}
    ranked = [u for u, row in every.items() if row["rank"] not in ("", "1")]
    picked = ranked[:2]
    # names folded as report's --unit: spaces, full-width brackets; -t is a synonym
    some = rows("-u", f" {picked[0]} ", "--township", picked[1])
    assert [row["reporting_unit"] for row in some] == [u for u in every if u in picked]
    assert some == [every[u] for u in every if u in picked]  # the same ranks and points as unfiltered
    data = json.loads(
        invoke(runner, "score", "2025", "--returns", str(EXAMPLES), "--format", "json", "-t", picked[0]).stdout
    )
    assert [(row["reporting_unit"], str(row["rank"])) for row in data["rows"]] == [
        (picked[0], every[picked[0]]["rank"])
    ]
    for fmt in ("table", "markdown"):
        out = invoke(runner, "score", "2025", "--returns", str(EXAMPLES), "--format", fmt, "-u", picked[0]).stdout
        assert picked[0] in out
        assert not [u for u in every if u != picked[0] and u in out], fmt


def test_unit_filter_refuses_an_unknown_unit_and_the_district(runner: CliRunner) -> None:
    r = invoke(runner, "score", "2025", "--returns", str(EXAMPLES), "-u", "某镇")
    assert r.exit_code == 2 and "未知的镇街 某镇" in r.output
    r = invoke(runner, "score", "2025", "--returns", str(EXAMPLES), "-u", "全区")
    assert r.exit_code == 2 and "全区不参与考核评分" in r.output and "Traceback" not in r.output
