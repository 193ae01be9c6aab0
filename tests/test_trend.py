"""``ipcounty trend``: every valid return an observation; month tables equal a table worked by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.plan import Plan
from tests.conftest import details_for, good_values

D = dt.date
B1_TARGET = 15  # each of the three townships, 2025 (附件一)
DISTRICT_B1 = 140  # the annex's 2025 total


@pytest.fixture
def monthly(plan: Plan, make_return: Callable[..., Path], tmp_path: Path) -> Path:
    """Monthly returns of three townships in 2025, B1 varying (every other figure meets its target):

    税郭镇   01-31: 2 · 02-28: 3 · 03-10: 4, resubmitted 03-25: 5 · April nothing · 05-31: 8
    西王庄镇 01-31: 1 · 02-28: rejected (words for a number) · 03-31: 2
    孟庄镇   03-31: 1 · 04-30: two returns, 2 and 3 (a conflict)
    """

    def send(unit: str, day: dt.date, b1: Any, name: str) -> None:
        values = {**good_values(plan, unit), "B1": b1}
        figures = {**values, "B1": b1 if isinstance(b1, int) else 0}
        make_return(
            unit, as_of=day, values=values, details=details_for(plan, unit, 2025, figures), name=f"returns/{name}.xlsx"
        )

    send("税郭镇", D(2025, 1, 31), 2, "税郭镇/01")
    send("税郭镇", D(2025, 2, 28), 3, "税郭镇/02")
    send("税郭镇", D(2025, 3, 10), 4, "税郭镇/03")
    send("税郭镇", D(2025, 3, 25), 5, "税郭镇/03更正")
    send("税郭镇", D(2025, 5, 31), 8, "税郭镇/05")
    send("西王庄镇", D(2025, 1, 31), 1, "西王庄镇/01")
    send("西王庄镇", D(2025, 2, 28), "十五", "西王庄镇/02")
    send("西王庄镇", D(2025, 3, 31), 2, "西王庄镇/03")
    send("孟庄镇", D(2025, 3, 31), 1, "孟庄镇/03")
    send("孟庄镇", D(2025, 4, 30), 2, "孟庄镇/04a")
    send("孟庄镇", D(2025, 4, 30), 3, "孟庄镇/04b")
    return tmp_path / "returns"


def _share(day: dt.date) -> float:
    return ((day - D(2025, 1, 1)).days + 1) / 365


# (unit, as_of, B1, status, light, source file) worked out by hand: expected = 15 × days/365.
HAND_B1 = [
    ("税郭镇", D(2025, 1, 31), 2, "on_track", "green", "税郭镇/01.xlsx"),  # expected 1.27
    ("税郭镇", D(2025, 2, 28), 3, "on_track", "green", "税郭镇/02.xlsx"),  # 2.42
    ("税郭镇", D(2025, 3, 10), 4, "on_track", "green", "税郭镇/03.xlsx"),  # 2.84
    ("税郭镇", D(2025, 3, 25), 5, "on_track", "green", "税郭镇/03更正.xlsx"),  # 3.45
    ("税郭镇", D(2025, 5, 31), 8, "on_track", "green", "税郭镇/05.xlsx"),  # 6.21
    ("西王庄镇", D(2025, 1, 31), 1, "behind", "yellow", "西王庄镇/01.xlsx"),  # −1.8 points
    ("西王庄镇", D(2025, 3, 31), 2, "behind", "red", "西王庄镇/03.xlsx"),  # 3.70: −11.3 points
    ("孟庄镇", D(2025, 3, 31), 1, "behind", "red", "孟庄镇/03.xlsx"),  # −18.0 points
    ("孟庄镇", D(2025, 4, 30), 2, "conflict", "red", "孟庄镇/04a.xlsx"),
    ("孟庄镇", D(2025, 4, 30), 3, "conflict", "red", "孟庄镇/04b.xlsx"),
]


def _trend(runner: CliRunner, folder: Path, *args: str) -> str:
    result = runner.invoke(app, ["trend", "2025", "--returns", str(folder), "--as-of", "2025-05-31", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_csv_equals_the_hand_computed_observations(runner: CliRunner, monthly: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_trend(runner, monthly, "--format", "csv", "--indicator", "B1"))))
    assert list(rows[0]) == [
        "reporting_unit",
        "indicator_code",
        "as_of",
        "actual",
        "completion",
        "time_share",
        "expected",
        "lag_points",
        "status",
        "light",
        "source_file",
    ]
    got = [
        (r["reporting_unit"], D.fromisoformat(r["as_of"]), int(r["actual"]), r["status"], r["light"], r["source_file"])
        for r in rows
    ]
    assert got == HAND_B1
    for r, (_, day, b1, *_rest) in zip(rows, HAND_B1, strict=True):
        assert r["indicator_code"] == "B1"
        assert float(r["completion"]) == pytest.approx(b1 / B1_TARGET, abs=1e-4)
        assert float(r["time_share"]) == pytest.approx(_share(day), abs=1e-4)
        assert float(r["expected"]) == pytest.approx(B1_TARGET * _share(day), abs=1e-4)
        lag = (b1 - B1_TARGET * _share(day)) / B1_TARGET * 100
        assert float(r["lag_points"]) == pytest.approx(lag, abs=1e-3)


def test_month_table_equals_the_hand_computed_table(plan: Plan, monthly: Path) -> None:
    from ipcounty.collect import find_returns, read_all
    from ipcounty.history import month_tables, observations
    from ipcounty.render.trend_view import cell_text

    rets = read_all(find_returns(monthly), plan)
    cutoff = D(2025, 5, 31)
    obs = observations(plan, rets, [2025], as_of=cutoff)
    (b1,) = [t for t in month_tables(plan, rets, 2025, obs, as_of=cutoff) if t.indicator.code == "B1"]
    assert b1.months == [1, 2, 3, 4, 5]
    table = {
        unit: [None if c is None else (c.status if c.status == "conflict" else c.completion) for c in cells]
        for unit, cells in b1.units
        if any(cells)
    }
    assert table == {
        "税郭镇": [2 / 15, 3 / 15, 5 / 15, None, 8 / 15],  # March: the resubmission of 03-25
        "西王庄镇": [1 / 15, None, 2 / 15, None, None],  # February was rejected
        "孟庄镇": [None, None, 1 / 15, "conflict", None],
    }
    # The district as the report has it at each month's end: every unit's latest valid return.
    assert [c.completion if c else None for c in b1.district] == pytest.approx(
        [3 / 140, 4 / 140, 8 / 140, 7 / 140, 10 / 140]
    )
    ends = [D(2025, 1, 31), D(2025, 2, 28), D(2025, 3, 31), D(2025, 4, 30), D(2025, 5, 31)]
    assert b1.time_share == pytest.approx([_share(d) for d in ends])
    texts = [cell_text(c, "flow", "zh") for c in dict(b1.units)["孟庄镇"]]
    assert texts == ["", "", "7%", "冲突", ""]

    carried = month_tables(plan, rets, 2025, obs, as_of=cutoff, carry_forward=True)
    (b1c,) = [t for t in carried if t.indicator.code == "B1"]
    assert [cell_text(c, "flow", "zh") for c in dict(b1c.units)["西王庄镇"]] == ["7%", "(7%)", "13%", "(13%)", "(13%)"]
    assert [cell_text(c, "flow", "zh") for c in dict(b1c.units)["税郭镇"]] == ["13%", "20%", "33%", "(33%)", "53%"]


@pytest.mark.parametrize("folder", ["monthly", "examples"])
def test_the_district_row_of_every_month_is_the_report_as_of_its_end(plan: Plan, monthly: Path, folder: str) -> None:
    """Made in one pass over the year, every 全区 cell is what ``report --as-of <month end>``, made
    that day, says: completion, actual, status, light and, for a level, how many units meet it."""
    from ipcounty.collect import find_returns, read_all
    from ipcounty.history import month_ends, month_tables, observations
    from ipcounty.progress import compute
    from tests.conftest import ROOT

    path = monthly if folder == "monthly" else ROOT / "examples" / "returns"
    rets = read_all(find_returns(path), plan)
    seen = 0
    for year in (2024, 2025):
        obs = observations(plan, rets, [year])
        tables = month_tables(plan, rets, year, obs, today=D(year + 1, 1, 15))
        ends = month_ends(year, D(year, 12, 31))
        reports = [compute(plan, rets, year, as_of=end, today=end) for end in ends]
        for t in (t for t in tables if t.indicator.level == "unit"):
            assert len(t.district) == len(ends) == 12
            for cell, rep in zip(t.district, reports, strict=True):
                (row,) = [r for r in rep.rows if r.is_district and r.indicator.code == t.indicator.code]
                if row.status == "not_submitted":
                    assert cell is None
                    continue
                assert cell is not None
                seen += 1
                assert (cell.completion, cell.actual, cell.status, cell.light) == (
                    row.completion,
                    row.actual,
                    row.status,
                    row.light,
                )
                assert (cell.units_meeting, cell.units_counted, cell.as_of) == (
                    row.units_meeting,
                    row.units_counted,
                    rep.reference_date,
                )
    assert seen >= 12


def test_table_on_screen(runner: CliRunner, monthly: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = _trend(runner, monthly, "--indicator", "B1")
    lines = out.splitlines()
    assert "B1 新增有效发明专利数量 · 2025年 · 各月最后一次报送的完成率" in out
    row = next(line for line in lines if line.startswith("税郭镇"))
    assert row.split() == ["税郭镇", "13%", "20%", "33%", "53%"]
    share = next(line for line in lines if line.startswith("序时进度"))
    assert share.split() == ["序时进度", "8%", "16%", "25%", "33%", "41%"]
    district = next(line for line in lines if line.startswith("全区"))
    assert district.split() == ["全区", "2%", "3%", "6%", "5%", "7%"]
    from ipcounty.export.sheet import display_width

    assert all(display_width(line) <= 80 for line in lines)  # CJK characters take two columns
    assert "空白：当月没有有效报送" in out
    en = runner.invoke(
        app,
        [
            "--lang",
            "en",
            "trend",
            "2025",
            "--returns",
            str(monthly),
            "--as-of",
            "2025-05-31",
            "-i",
            "B1",
            "--carry-forward",
        ],
    )
    assert en.exit_code == 0, en.output
    assert "Jan" in en.stdout and "(33%)" in en.stdout and "In brackets" in en.stdout


def test_every_observation_says_what_the_report_says_on_its_date(runner: CliRunner, plan: Plan, monthly: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_trend(runner, monthly, "--format", "csv"))))
    assert len({r["indicator_code"] for r in rows}) == 7  # every indicator of a township's return
    for day in sorted({r["as_of"] for r in rows}):
        result = runner.invoke(app, ["report", "2025", "--returns", str(monthly), "--as-of", day, "--format", "csv"])
        assert result.exit_code == 0, result.output
        report = {(r["reporting_unit"], r["indicator_code"]): r for r in csv.DictReader(io.StringIO(result.stdout))}
        for o in (r for r in rows if r["as_of"] == day):
            said = report[(o["reporting_unit"], o["indicator_code"])]
            assert (o["status"], o["light"]) == (said["status"], said["light"]), (day, o)
            if o["status"] != "conflict":
                for col in ("actual", "completion", "time_share", "expected", "lag_points"):
                    assert o[col] == said[col], (day, col, o)
                assert o["source_file"] == said["source_file"]


def test_json_rows_are_the_csv_rows(runner: CliRunner, monthly: Path) -> None:
    data = json.loads(_trend(runner, monthly, "--format", "json"))
    assert data["schema"] == "ipcounty.trend" and data["version"] == 1
    assert data["columns"][0] == "reporting_unit" and data["years"] == [2025]
    rows = list(csv.DictReader(io.StringIO(_trend(runner, monthly, "--format", "csv"))))
    assert len(data["rows"]) == len(rows)
    assert [(r["reporting_unit"], r["indicator_code"], r["as_of"]) for r in data["rows"]] == [
        (r["reporting_unit"], r["indicator_code"], r["as_of"]) for r in rows
    ]


def test_filters_and_usage_errors(runner: CliRunner, monthly: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_trend(runner, monthly, "--format", "csv", "--unit", "孟庄镇"))))
    assert {r["reporting_unit"] for r in rows} == {"孟庄镇"}
    bad = runner.invoke(app, ["trend", "2025", "--returns", str(monthly), "--unit", "孟装镇"])
    assert bad.exit_code == 2 and "孟庄镇" in bad.output
    bad = runner.invoke(app, ["trend", "2025", "--returns", str(monthly), "-i", "B9"])
    assert bad.exit_code == 2 and "B1" in bad.output
    assert runner.invoke(app, ["trend", "--returns", str(monthly)]).exit_code == 2
    assert runner.invoke(app, ["trend", "2031", "--returns", str(monthly)]).exit_code == 2


def test_all_years_on_the_bundled_examples(runner: CliRunner) -> None:
    result = runner.invoke(app, ["trend", "--all-years", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["as_of"][:4] for r in rows} == {"2024", "2025", "2026"}
    # 税郭镇 sent 2024-06-30 and 2024-12-31: both are observations (the report sees only the second).
    days = {r["as_of"] for r in rows if r["reporting_unit"] == "税郭镇" and r["indicator_code"] == "B1"}
    assert {"2024-06-30", "2024-12-31"} <= days
    table = runner.invoke(app, ["trend", "--all-years", "-i", "B1"])
    assert table.exit_code == 0
    assert all(f"B1 新增有效发明专利数量 · {y}年" in table.stdout for y in (2024, 2025, 2026))


def test_nothing_to_show_says_so(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["trend", "2025", "--returns", str(tmp_path)])
    assert result.exit_code == 0
    assert "2025 年没有有效的填报表" in result.output


def test_output_file(runner: CliRunner, monthly: Path, tmp_path: Path) -> None:
    target = tmp_path / "趋势.csv"
    result = runner.invoke(
        app, ["trend", "2025", "--returns", str(monthly), "--as-of", "2025-05-31", "--format", "csv", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfreporting_unit,indicator_code,as_of")
    table = tmp_path / "趋势.txt"
    result = runner.invoke(app, ["trend", "2025", "--returns", str(monthly), "--as-of", "2025-05-31", "-o", str(table)])
    assert result.exit_code == 0, result.output
    assert "B1 新增有效发明专利数量 · 2025年" in table.read_text(encoding="utf-8")
    over = runner.invoke(app, ["trend", "2025", "--returns", str(monthly), "-o", str(monthly / "税郭镇" / "01.xlsx")])
    assert over.exit_code != 0 and (monthly / "税郭镇" / "01.xlsx").read_bytes().startswith(b"PK")


def test_trend_imports_no_pandas(tmp_path: Path) -> None:
    """pandas is for ``ipcounty.api``; the trend command reads and tabulates without it (nor openpyxl)."""
    import os
    import subprocess
    import sys

    from tests.test_speed_guards import _IMPORTS

    env = {**os.environ, "IPCOUNTY_CACHE_DIR": str(tmp_path / "cache")}
    args = ["trend", "2025", "--format", "csv"]
    run = subprocess.run([sys.executable, "-c", _IMPORTS, *args], capture_output=True, text=True, env=env)
    heavy = run.stdout.rsplit("HEAVY ", 1)[1].strip()
    assert "pandas" not in heavy and "openpyxl" not in heavy, heavy


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_full_year_fits_the_terminal(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, width: int, lang: str
) -> None:
    from ipcounty.export.sheet import display_width

    monkeypatch.setenv("COLUMNS", str(width))
    result = runner.invoke(app, ["--lang", lang, "trend", "2025", "--carry-forward"])  # the bundled examples
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(display_width(line) for line in lines) <= width
    # Twelve months, in one part: each unit's row holds its December figure.
    assert any(line.startswith("税郭镇") and line.rstrip().endswith("100%") for line in lines)


@pytest.mark.parametrize("folder", ["monthly", "examples"])
def test_month_tables_are_the_same_made_with_the_rows_of_the_report(
    plan: Plan, monthly: Path, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export makes each unit row once (the report's, each return's at its date, then the
    months'): its month tables are the ones made from nothing, whatever the cut-off, from fewer rows;
    and every 全区 cell is still what the report made at the month's end says."""
    from ipcounty.collect import find_returns, read_all
    from ipcounty.history import month_tables, observations, report_memo
    from ipcounty.progress import YearCalc, compute
    from tests.conftest import ROOT

    path = monthly if folder == "monthly" else ROOT / "examples" / "returns"
    rets = read_all(find_returns(path), plan)
    made = [0]
    unit_row = YearCalc.unit_row

    def counted(self: YearCalc, ind: Any, unit: str) -> Any:
        made[0] += 1
        return unit_row(self, ind, unit)

    monkeypatch.setattr(YearCalc, "unit_row", counted)
    compared, rows_alone, rows_shared = 0, 0, 0
    for year in (2024, 2025):
        for as_of in (None, D(year, 3, 31), D(year, 6, 30)):
            today = D(year + 1, 1, 15)
            report = compute(plan, rets, year, as_of=as_of, today=today)
            returns = [s.ret for s in report.submissions]
            made[0] = 0
            obs = observations(plan, returns, [year], as_of=as_of)
            plain = month_tables(plan, returns, year, obs, as_of=as_of, today=today)
            rows_alone += made[0]
            made[0] = 0
            memo = report_memo(report)
            obs = observations(plan, returns, [year], as_of=as_of, memo=memo)
            shared = month_tables(plan, returns, year, obs, as_of=as_of, today=today, memo=memo)
            assert shared == plain
            rows_shared += made[0]
            for t in (t for t in shared if t.indicator.level == "unit"):
                for cell, end in zip(t.district, t.month_ends, strict=True):
                    if cell is None or end.day < 28:
                        continue
                    rep = compute(plan, rets, year, as_of=end, today=end)
                    (row,) = [r for r in rep.rows if r.is_district and r.indicator.code == t.indicator.code]
                    assert (cell.completion, cell.actual, cell.status) == (row.completion, row.actual, row.status)
                    compared += 1
    assert compared > 20
    assert rows_shared < rows_alone * 0.8  # the rows of the report and of each return reused


def test_a_unit_row_is_reused_only_for_the_same_returns_and_standing(plan: Plan, monthly: Path) -> None:
    """Two returns of one unit, or one return judged overdue and not, never share a row."""
    from ipcounty.collect import find_returns, read_all
    from ipcounty.history import observations

    rets = read_all(find_returns(monthly), plan)
    memo: dict[tuple[Any, ...], Any] = {}
    observations(plan, rets, [2025], memo=memo)
    by_unit: dict[tuple[str, str], list[Any]] = {}
    for (year, code, unit, depends), row in memo.items():
        assert year == 2025 and row.indicator.code == code and row.reporting_unit == unit
        by_unit.setdefault((unit, code), []).append((depends, row))
    rows = by_unit[("税郭镇", "B1")]
    assert len(rows) == 5  # one per valid return: 01-31, 02-28, 03-10, 03-25, 05-31
    assert len({d for d, _ in rows}) == 5
    assert sorted(r.actual for _, r in rows) == [2.0, 3.0, 4.0, 5.0, 8.0]
