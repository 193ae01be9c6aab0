"""`ipcounty report` on the bundled examples, through the real app; the CSV/JSON contract."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.collect import find_returns, read_all
from ipcounty.plan import Plan
from ipcounty.progress import compute
from ipcounty.render.report_data import to_dict
from ipcounty.status import STATUSES
from tests.conftest import PLAN_PATH, ROOT

EXAMPLES = ROOT / "examples" / "returns"
BASE = ["--plan", str(PLAN_PATH)]
# SPEC v2 "The report": exactly these columns, in this order (a change here is a contract change).
COLUMNS = [
    "year",
    "reporting_unit",
    "indicator_code",
    "indicator_name",
    "unit",
    "as_of",
    "target",
    "actual",
    "gap",
    "completion",
    "time_share",
    "expected",
    "lag_points",
    "status",
    "light",
    "rank",
    "cumulative_target",
    "cumulative_actual",
    "plan_target",
    "baseline",
    "source_file",
]


def invoke(runner: CliRunner, *args: str, width: int = 100) -> object:
    return runner.invoke(app, [*BASE, *args], env={"COLUMNS": str(width)}, terminal_width=width)


def test_report_2025_tells_the_whole_story(runner: CliRunner) -> None:
    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES)], env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.output
    out = r.output
    # 光明路街道's latest return is dated 30 November: December was due by 5 January 2026.
    assert "已报送 7/11，逾期未报：光明路街道，未报送：矿区街道，退回：文化路街道，冲突：孟庄镇" in out
    assert "2025年12月进展应于2026年1月5日前报送" in out  # dates as the period beside them
    assert "矿区街道：填报人 张三，联系电话 0632-0000000" in out
    assert "B1 新增有效发明专利数量（个）" in out
    assert "滞后序时进度" in out and "已完成" in out and "冲突" in out and "退回" in out and "未报送" in out
    assert "对应区级目标 G09 专利开放许可" in out and "分解表合计 165项" in out
    assert "请核实哪份正确" in out and "B1: 18 ≠ 21" in out
    assert "已跳过：2025/关于报送2025年度知识产权工作情况的通知.txt（不是表格文件）" in out
    # The command to see every finding works pasted where the report ran: same --plan, the path
    # from there (not from inside the returns folder).
    rejected = EXAMPLES / "2025" / "2025_文化路街道_填报表.xlsx"
    assert f'ipcounty --plan "{PLAN_PATH}" validate "{rejected}"' in out
    assert "Traceback" not in out


@pytest.mark.parametrize("width", [80, 100])
def test_no_line_is_cut_at_terminal_widths(runner: CliRunner, width: int) -> None:
    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES)], env={"COLUMNS": str(width)})
    assert r.exit_code == 0
    assert "…" not in r.output  # nothing truncated to an ellipsis
    table_lines = [ln for ln in r.output.splitlines() if "─" in ln]
    from rich.cells import cell_len

    assert all(cell_len(ln) <= width for ln in table_lines)


def test_strict_exits_1_when_someone_is_missing(runner: CliRunner) -> None:
    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES), "--strict", "--format", "csv"])
    assert r.exit_code == 1
    r = runner.invoke(app, [*BASE, "report", "2024", "--returns", str(EXAMPLES), "--strict", "--format", "csv"])
    assert r.exit_code == 0  # everyone reported in 2024


def test_csv_contract(runner: CliRunner) -> None:
    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES), "--format", "csv"])
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0].keys()) == COLUMNS
    by = {(x["reporting_unit"], x["indicator_code"]): x for x in rows}
    assert by[("矿区街道", "B1")]["status"] == "not_submitted"
    assert by[("文化路街道", "B1")]["status"] == "rejected"
    assert by[("孟庄镇", "B1")]["status"] == "conflict"
    assert ";" in by[("孟庄镇", "B1")]["source_file"]
    assert by[("全区", "G09")]["target"] == "200"
    assert by[("全区", "B3")]["plan_target"] == "165"
    assert by[("税郭镇", "B1")]["source_file"] == "2025/2025_税郭镇_填报表.xlsx"
    assert {x["status"] for x in rows} <= set(STATUSES)
    assert {x["light"] for x in rows} <= {"green", "yellow", "red", ""}


def test_status_codes_stay_english_in_every_language(runner: CliRunner) -> None:
    zh = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES), "--format", "csv"]).stdout
    en = runner.invoke(
        app, [*BASE, "--lang", "en", "report", "2025", "--returns", str(EXAMPLES), "--format", "csv"]
    ).stdout
    status = [r["status"] for r in csv.DictReader(io.StringIO(zh))]
    assert status == [r["status"] for r in csv.DictReader(io.StringIO(en))]
    names_en = {r["indicator_name"] for r in csv.DictReader(io.StringIO(en))}
    assert "Patent open licences" in names_en


def test_json_equals_the_core_result(runner: CliRunner, plan: Plan) -> None:
    import datetime as dt

    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES), "--format", "json"])
    data = json.loads(r.stdout)
    from ipcounty.plan import read_plan

    rep = compute(
        plan, read_all(find_returns(EXAMPLES), plan), 2025, today=dt.date.today(), notes=read_plan(PLAN_PATH).notes
    )
    core = json.loads(json.dumps(to_dict(rep, rep.rows, "zh"), ensure_ascii=False, default=str))
    assert data == core
    assert data["schema"] == "ipcounty.report" and data["version"] == 2
    assert data["columns"] == COLUMNS and all(list(row) == COLUMNS for row in data["rows"])
    subs = {s["file"]: s for s in data["submissions"]}
    assert len(subs) == len(find_returns(EXAMPLES))  # every file under the folder is listed
    assert subs["2025/关于报送2025年度知识产权工作情况的通知.txt"]["role"] == "skipped"
    assert subs["2025/2025_税郭镇_填报表_上半年.xlsx"]["role"] == "superseded"
    assert len(subs["2025/2025_税郭镇_填报表.xlsx"]["sha256"]) == 64


def test_filters(runner: CliRunner) -> None:
    r = runner.invoke(
        app,
        [
            *BASE,
            "report",
            "2025",
            "--returns",
            str(EXAMPLES),
            "--format",
            "csv",
            "--township",
            "各塔埠街道",
            "--indicator",
            "b3",
        ],
    )
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [(x["reporting_unit"], x["indicator_code"]) for x in rows] == [("垎塔埠街道", "B3")]


def test_unknown_filter_is_a_usage_error(runner: CliRunner) -> None:
    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES), "--township", "税国镇"])
    assert r.exit_code == 2 and "税郭镇" in r.output
    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES), "--indicator", "X9"])
    assert r.exit_code == 2
    r = runner.invoke(app, [*BASE, "report", "2031", "--returns", str(EXAMPLES)])
    assert r.exit_code == 2 and "2024—2026" in r.output
    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES), "--as-of", "soon"])
    assert r.exit_code == 2


def test_as_of_cuts_off_later_returns(runner: CliRunner) -> None:
    r = runner.invoke(
        app,
        [
            *BASE,
            "report",
            "2025",
            "--returns",
            str(EXAMPLES),
            "--format",
            "csv",
            "--as-of",
            "2025-07-31",
            "--township",
            "税郭镇",
            "--indicator",
            "B1",
        ],
    )
    (row,) = list(csv.DictReader(io.StringIO(r.stdout)))
    assert row["as_of"] == "2025-06-30" and row["source_file"] == "2025/2025_税郭镇_填报表_上半年.xlsx"
    # 15 × 181/365, unrounded (4 places in CSV): 7 done is behind by 2.9 points, a yellow light.
    assert (row["expected"], row["time_share"], row["lag_points"]) == ("7.4384", "0.4959", "-2.9224")
    assert (row["status"], row["light"], row["completion"]) == ("behind", "yellow", "0.4667")


def test_markdown(runner: CliRunner) -> None:
    # (as known on 10 October, when the September returns were on time)
    args = ["report", "2026", "--returns", str(EXAMPLES), "--format", "markdown", "--as-of", "2026-10-10"]
    r = runner.invoke(app, [*BASE, *args])
    assert r.exit_code == 0
    assert r.stdout.startswith("# ")
    assert "| 镇街 | 目标 | 完成 |" in r.stdout
    assert "已报送 7/11" in r.stdout


def test_bundled_examples_are_used_and_said(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no ./returns, no ./data here
    r = runner.invoke(app, ["report", "2025", "--format", "csv"], env={"COLUMNS": "60"})
    assert r.exit_code == 0
    # one line, not broken by rich at the stderr console's width
    assert "未指定填报表目录（--returns、IPCOUNTY_RETURNS 或 ./returns），使用内置示例填报表。" in r.stderr
    assert r.stdout.startswith("year,reporting_unit,")


def test_returns_folder_from_environment(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(app, [*BASE, "report", "2025", "--format", "csv"], env={"IPCOUNTY_RETURNS": str(tmp_path)})
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {x["status"] for x in rows if x["reporting_unit"] != "全区"} == {"not_submitted"}


def test_missing_returns_folder(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(tmp_path / "nope")])
    assert r.exit_code == 2


def test_reading_in_several_processes_gives_the_same_report(plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from ipcounty.render.report_data import to_csv

    found = find_returns(EXAMPLES)
    monkeypatch.setenv("IPCOUNTY_JOBS", "1")
    serial = compute(plan, read_all(found, plan), 2025, today=dt.date(2026, 11, 25))
    monkeypatch.setenv("IPCOUNTY_JOBS", "2")
    parallel = compute(plan, read_all(found, plan), 2025, today=dt.date(2026, 11, 25))
    assert to_csv(parallel.rows, "zh") == to_csv(serial.rows, "zh")
    assert serial.double_counts  # the examples claim some items twice: the comparison below has content
    assert [d.to_dict("zh") for d in parallel.double_counts] == [d.to_dict("zh") for d in serial.double_counts]
    assert parallel.evidence == serial.evidence and serial.evidence
    assert [(s.ret.file, s.role, s.ret.sha256) for s in parallel.submissions] == [
        (s.ret.file, s.role, s.ret.sha256) for s in serial.submissions
    ]


def test_the_columns_are_the_ones_spec_v2_lists() -> None:
    """The CSV/JSON contract is SPEC v2's list, word for word (and this file's COLUMNS)."""
    import re

    from ipcounty.progress import CSV_COLUMNS, REPORT_JSON_VERSION

    assert list(CSV_COLUMNS) == COLUMNS and REPORT_JSON_VERSION == 2
    spec = ROOT.parent / "shared" / "SPEC.md"
    if not spec.exists():
        pytest.skip("the shared SPEC is not beside the repository")
    text = spec.read_text(encoding="utf-8")
    m = re.search(r"with exactly these columns: `([^`]+)`", text.replace("\n", " "))
    assert m is not None
    assert [c.strip() for c in m.group(1).split(",")] == COLUMNS
