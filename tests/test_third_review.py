"""What a third new user's review found (2026-12-02), each pinned where the office reads it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.collect import find_returns, read_all
from ipcounty.documents.bulletin_writer import cells_in_words
from ipcounty.plan import Plan
from ipcounty.progress import compute
from tests.conftest import PLAN_PATH

BASE = ["--plan", str(PLAN_PATH)]
AS_OF = ["--as-of", "2025-09-30"]


def _folder(tmp_path: Path, make_return: Callable[..., Path], **kw: Any) -> Path:
    folder = tmp_path / "returns"
    folder.mkdir()
    make_return(name="returns/2025_税郭镇_填报表.xlsx", **kw)
    return folder


def test_a_return_with_a_misspelt_unit_counts_as_that_units_rejected_return(
    runner: CliRunner, make_return: Callable[..., Path], plan: Plan, tmp_path: Path
) -> None:
    """税国镇 for 税郭镇: the unit has reported (退回, told to fix B4), not 未报送 and chased as if
    nothing had come; its 填报人 is known; the score takes the rejected penalty, not the missing one."""
    folder = _folder(tmp_path, make_return, header={"镇街": "税国镇"})
    rep = compute(plan, read_all(find_returns(folder), plan), 2025, today=dt.date(2025, 10, 10))
    assert "税郭镇" in rep.units.rejected and "税郭镇" not in rep.units.missing

    report = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(folder), *AS_OF])
    assert report.exit_code == 0, report.output
    assert "退回：税郭镇" in report.output
    assert "税郭镇：无填报人和联系电话" not in report.output

    remind = runner.invoke(app, [*BASE, "remind", "2025", "--returns", str(folder), *AS_OF])
    text = remind.output
    assert "【退回】税郭镇" in text and "【催报】税郭镇" not in text
    assert "B4 单元格" in text and "税国镇" in text
    assert "尚未收到过该单位的填报表" not in text.split("【退回】税郭镇")[1].split("————")[0]

    score = runner.invoke(app, [*BASE, "score", "2025", "--returns", str(folder), *AS_OF])
    block = score.output.split("—  税郭镇 无法评分", 1)[1].split("—  ", 1)[0]
    assert "有填报表被退回" in block and "未报送" not in block


def test_a_problem_of_a_whole_sheet_is_said_as_the_sheet_not_an_empty_cell(
    runner: CliRunner, make_return: Callable[..., Path], tmp_path: Path
) -> None:
    """A deleted row has no cell: 【退回】 says “填报表”工作表：缺少指标 B3…, not “… 单元格：”, and the
    通报 says （“填报表”工作表）, not （填报表）."""
    folder = _folder(tmp_path, make_return)
    path = folder / "2025_税郭镇_填报表.xlsx"
    wb = load_workbook(path)
    ws = wb["填报表"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "B3")
    ws.delete_rows(row)
    wb.save(path)
    for lang, sheet, bad in (("zh", "“填报表”工作表：", "单元格："), ("en", "sheet “填报表”: ", "cell: ")):
        remind = runner.invoke(app, [*BASE, "--lang", lang, "remind", "2025", "--returns", str(folder), *AS_OF])
        line = next(x for x in remind.output.splitlines() if "B3" in x)
        assert sheet in line and bad not in line, line
    bulletin = runner.invoke(app, [*BASE, "bulletin", "2025", "--returns", str(folder), *AS_OF, "--format", "text"])
    assert "已退回（“填报表”工作表）" in bulletin.output


def test_cells_in_words_names_a_sheet_alone_and_each_cell_once() -> None:
    places = [("填报表", "E13"), ("填报表", "E15"), ("填报表", "E13"), ("明细", None)]
    assert cells_in_words(places, "zh") == "“填报表”工作表E13、E15单元格、“明细”工作表"
    assert cells_in_words([("填报表", None)], "en") == "sheet 填报表"


def test_the_english_bulletin_counts_met_and_done_together_as_it_lists_them(plan: Plan) -> None:
    """ "Of the 23 district goals: met: 6, …, done: 1" followed by "Met:" naming 7 disagreed with
    itself: both languages count 已完成 (met and done) once, as the list after the counts names them."""
    from types import SimpleNamespace

    from ipcounty.documents.bulletin_writer import BulletinWriter

    rep = compute(plan, [], 2025, today=dt.date(2025, 10, 10))
    rows: Any = [SimpleNamespace(status=s) for s in ("met", "met", "done", "behind")]
    assert BulletinWriter(rep, "zh").status_counts(rows) == "已完成3项、滞后序时进度1项"
    assert BulletinWriter(rep, "en").status_counts(rows) == "met: 3, behind schedule: 1"


def test_a_stock_goals_baseline_is_given_once(
    runner: CliRunner, make_return: Callable[..., Path], plan: Plan, tmp_path: Path
) -> None:
    """The district form's 基期值 is carried into the pre-filled form, and a later return that leaves
    it blank does not take the baseline (and the light) away: the earlier valid return still gives it."""
    folder = tmp_path / "returns"
    folder.mkdir()
    stocks = [i.code for i in plan.district_form_indicators() if i.kind == "stock" and i.baseline is None]
    assert stocks
    baselines = {code: 10 + k for k, code in enumerate(stocks)}
    make_return("全区", as_of=dt.date(2025, 6, 30), baselines=baselines, name="returns/2025_全区_6月.xlsx")

    out = tmp_path / "out"
    made = runner.invoke(
        app, [*BASE, "template", "2025", "--prefill", "--returns", str(folder), "--out", str(out), "--district"]
    )
    assert made.exit_code == 0, made.output
    wb = load_workbook(out / "2025_全区_填报表.xlsx")
    ws = wb["填报表"]
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "指标代码")
    cols = {ws.cell(head, j).value: j for j in range(1, ws.max_column + 1)}
    carried = {
        ws.cell(r, 1).value: ws.cell(r, cols["基期值"]).value
        for r in range(head + 1, ws.max_row + 1)
        if ws.cell(r, 1).value in baselines
    }
    assert carried == baselines

    # A later return that leaves 基期值 blank: the June one still gives the baseline.
    make_return("全区", as_of=dt.date(2025, 9, 30), name="returns/2025_全区_9月.xlsx")
    rep = compute(plan, read_all(find_returns(folder), plan), 2025, today=dt.date(2025, 10, 10))
    rows = {r.indicator.code: r for r in rep.rows if r.is_district and r.indicator.code in baselines}
    assert {code: r.baseline for code, r in rows.items()} == {c: float(v) for c, v in baselines.items()}
    assert all(r.status != "no_baseline" for r in rows.values())


def test_the_plan_as_json_reads_back_without_notes(runner: CliRunner, tmp_path: Path) -> None:
    """`plan --format json`'s plan, saved as a plan file, reads back with the same fingerprint and
    no notes: its dates are 2024-02-29 in quotes (JSON has no other way), nothing to rewrite."""
    import json

    from ipcounty.plan import read_plan

    shown = runner.invoke(app, [*BASE, "plan", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data["plan"], ensure_ascii=False), encoding="utf-8")
    again = read_plan(path)
    assert again.plan is not None
    assert [f.code for f in again.findings if f.code == "date-normalised-plan"] == []
    assert again.plan.fingerprint == read_plan(PLAN_PATH).plan.fingerprint  # type: ignore[union-attr]


def test_the_plans_heading_line_breaks_between_its_parts() -> None:
    """At 100 columns the plan's line of region · dates · issuer · 指纹 broke between 指纹 and the
    fingerprint, leaving a space at the end of the line: it now breaks only at a " · "."""
    import os
    import subprocess
    import sys

    from ipcounty.plan import read_plan

    fingerprint = read_plan(PLAN_PATH).plan.fingerprint  # type: ignore[union-attr]
    for lang, word in (("zh", "指纹"), ("en", "fingerprint")):
        for columns in ("60", "80", "100", "200"):
            env = {**os.environ, "COLUMNS": columns}
            args = [sys.executable, "-m", "ipcounty", *BASE, "--lang", lang, "plan"]
            lines = subprocess.run(args, capture_output=True, text=True, env=env).stdout.splitlines()
            out = lines[: lines.index("")]  # the heading: title and the plan's line, before the tables
            assert any(f"{word} {fingerprint}" in line for line in out), (lang, columns, out)
            assert not [line for line in out if line.endswith(" ")], (lang, columns)
