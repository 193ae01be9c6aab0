"""``template --prefill``: a pre-filled workbook carries the last valid return, and validates once dated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.plan import Plan
from ipcounty.returns.fill import fill_return
from ipcounty.returns.model import Return
from ipcounty.returns.reader import read_return
from tests.conftest import details_for, good_values

TODAY = dt.date(2026, 12, 1)


def _figures(ret: Return) -> dict[str, Any]:
    return {c: v.value for c, v in ret.values.items()}


def _items(ret: Return) -> dict[str, list[dict[str, Any]]]:
    return {c: [dict(i.values) for i in items] for c, items in ret.items.items() if items}


def _dated(path: Path, day: dt.date, out: Path) -> Path:
    """The pre-filled workbook with only its 截至日期 written, as a township would send it back."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["填报表"]
    cell = next(ws.cell(c.row, c.column + 1) for row in ws.iter_rows() for c in row if c.value == "截至日期")
    cell.value = day
    wb.save(out)
    return out


def _prefill(runner: CliRunner, year: int, returns: Path, out: Path, *args: str) -> str:
    result = runner.invoke(
        app, ["template", str(year), "--prefill", "--returns", str(returns), "--out", str(out), *args]
    )
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "returns"
    path.mkdir()
    return path


def test_round_trip_carries_the_latest_valid_return(
    runner: CliRunner, plan: Plan, make_return: Callable[..., Path], folder: Path, tmp_path: Path
) -> None:
    unit = "税郭镇"
    june = {**good_values(plan, unit), "B1": 6, "B3": 2, "D2": 1}
    make_return(
        unit,
        as_of=dt.date(2025, 6, 30),
        values=june,
        details=details_for(plan, unit, 2025, june),
        name="returns/六月.xlsx",
    )
    sept = {**good_values(plan, unit), "B1": 11, "B3": 4, "B5": 1, "D2": 3}
    source = make_return(
        unit,
        as_of=dt.date(2025, 9, 30),
        values=sept,
        details=details_for(plan, unit, 2025, sept),
        notes={"B1": "=含 2 件转让", "D2": "新增 1 人"},
        reporter="王五",
        phone="0632-1234567",
        name="returns/九月.xlsx",
    )
    # A later return with an error is not the one carried over.
    make_return(unit, as_of=dt.date(2025, 11, 30), values={"B1": "十五"}, name="returns/十一月.xlsx")

    out = tmp_path / "模板"
    screen = _prefill(runner, 2025, folder, out, "--township", unit)
    assert "预填自 九月.xlsx（截至 2025-09-30）" in screen
    made = out / "2025_税郭镇_填报表.xlsx"

    undated = read_return(made, plan, today=TODAY)
    assert [f.code for f in undated.findings if f.severity == "error"] == ["date-missing"]

    back = read_return(_dated(made, dt.date(2025, 10, 31), tmp_path / "十月.xlsx"), plan, today=TODAY)
    assert back.status == "ok", [(f.code, f.cell) for f in back.findings]
    was = read_return(source, plan, today=TODAY)
    assert _figures(back) == _figures(was)
    assert {c: v.note for c, v in back.values.items()} == {c: v.note for c, v in was.values.items()}
    assert back.values["B1"].note == "=含 2 件转让"  # a note stays text
    assert _items(back) == _items(was) and len(back.items["B1"]) == 11
    assert (back.reporter, back.phone) == ("王五", "0632-1234567")
    assert back.as_of == dt.date(2025, 10, 31)


def test_carried_cells_say_where_they_come_from(
    runner: CliRunner, plan: Plan, make_return: Callable[..., Path], folder: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    make_return("税郭镇", as_of=dt.date(2025, 9, 30), name="returns/2025_税郭镇.xlsx")
    _prefill(runner, 2025, folder, tmp_path / "out", "-t", "税郭镇")
    wb = load_workbook(tmp_path / "out" / "2025_税郭镇_填报表.xlsx")
    ws = wb["填报表"]
    actual = {ws.cell(r, 1).value: ws.cell(r, 5) for r in range(11, 18)}
    assert all(c.comment is not None and "2025-09-30" in c.comment.text for c in actual.values())
    assert ws["B6"].value is None and "截至日期" in ws["B6"].comment.text
    guide = "\n".join(str(c.value) for c in wb["说明"]["A"] if c.value)
    assert "本表已预填" in guide and "2025_税郭镇.xlsx（截至 2025-09-30）" in guide
    assert wb["明细"]["B5"].comment is not None  # the first carried item
    stamp = {r[0].value: r[1].value for r in wb["_ipcounty"].iter_rows()}
    assert stamp["prefilled_from"] == "2025_税郭镇.xlsx"
    # Room was made for the carried items and a few more; the cells stay open to input.
    assert not wb["明细"]["B5"].protection.locked


def test_more_items_than_the_blank_template_holds(
    runner: CliRunner, plan: Plan, make_return: Callable[..., Path], folder: Path, tmp_path: Path
) -> None:
    values = {**good_values(plan, "税郭镇"), "B3": 12}  # the blank 明细 table of B3 has 5 rows
    make_return(values=values, details=details_for(plan, "税郭镇", 2025, values), name="returns/a.xlsx")
    _prefill(runner, 2025, folder, tmp_path / "out", "-t", "税郭镇")
    made = tmp_path / "out" / "2025_税郭镇_填报表.xlsx"
    back = read_return(_dated(made, dt.date(2025, 12, 31), tmp_path / "b.xlsx"), plan, today=TODAY)
    assert back.status == "ok", [(f.code, f.cell) for f in back.findings]
    assert len(back.items["B3"]) == 12 and len(back.items["B1"]) == 15


def test_a_new_year_carries_levels_only(
    runner: CliRunner, plan: Plan, make_return: Callable[..., Path], folder: Path, tmp_path: Path
) -> None:
    values = {**good_values(plan, "税郭镇"), "D1": "是", "D2": 3}
    make_return(as_of=dt.date(2025, 12, 31), values=values, notes={"D2": "3 人"}, name="returns/2025.xlsx")
    make_return("全区", as_of=dt.date(2025, 12, 31), name="returns/2025全区.xlsx")
    screen = _prefill(runner, 2026, folder, tmp_path / "out", "-t", "税郭镇", "--district")
    assert "沿用 2025.xlsx（截至 2025-12-31）的存量和职责" in screen
    made = tmp_path / "out" / "2026_税郭镇_填报表.xlsx"
    ret = read_return(_dated(made, dt.date(2026, 3, 31), tmp_path / "q1.xlsx"), plan, today=TODAY)
    figures = _figures(ret)
    assert figures == {"D1": "是", "D2": 3.0}  # stocks and duties; every flow blank
    assert ret.values["D2"].note == "3 人"
    assert not ret.items.get("B1")
    blank = {f.cell for f in ret.findings if f.code == "empty-value"}
    assert blank == {"E11", "E12", "E13", "E14", "E15"}  # the flows, to fill in for 2026
    # Filled in, it validates like any other return.
    flows = {"B1": 2, "B2": 0, "B3": 1, "B4": 0, "B5": 1}
    filled = fill_return(
        made,
        tmp_path / "q1-filled.xlsx",
        as_of=dt.date(2026, 3, 31),
        values=flows,
        details=details_for(plan, "税郭镇", 2026, flows),
    )
    done = read_return(filled, plan, today=TODAY)
    assert done.status == "ok", [(f.code, f.cell) for f in done.findings]

    district = read_return(
        _dated(tmp_path / "out" / "2026_全区_填报表.xlsx", dt.date(2026, 3, 31), tmp_path / "d.xlsx"), plan, today=TODAY
    )
    kinds = {plan.indicator(c).kind for c in _figures(district)}
    assert kinds == {"stock", "qualitative"}  # rates and flows of 2025 do not carry into 2026


def test_blank_where_there_is_nothing_to_carry(
    runner: CliRunner, plan: Plan, make_return: Callable[..., Path], folder: Path, tmp_path: Path
) -> None:
    make_return("孟庄镇", values={"D2": 3}, name="returns/a.xlsx")
    make_return("孟庄镇", values={"D2": 4}, name="returns/b.xlsx")  # same date, other figures
    make_return("永安镇", values={"B1": "十五"}, name="returns/c.xlsx")  # rejected only
    screen = _prefill(runner, 2025, folder, tmp_path / "out", "-t", "孟庄镇", "-t", "永安镇")
    assert "空白：a.xlsx、b.xlsx 截至日期相同而数字不同（冲突）" in screen
    assert "2025_永安镇_填报表.xlsx  空白：截至 2025 年没有可沿用的有效填报表" in screen
    ret = read_return(tmp_path / "out" / "2025_孟庄镇_填报表.xlsx", plan, today=TODAY)
    assert not ret.values


def test_later_years_are_not_carried_back(
    runner: CliRunner, make_return: Callable[..., Path], folder: Path, tmp_path: Path
) -> None:
    make_return(year=2026, as_of=dt.date(2026, 3, 31), name="returns/2026.xlsx")
    screen = _prefill(runner, 2025, folder, tmp_path / "out", "-t", "税郭镇")
    assert "空白" in screen


def test_never_writes_over_a_return(runner: CliRunner, make_return: Callable[..., Path], folder: Path) -> None:
    path = make_return(as_of=dt.date(2025, 9, 30), name="returns/2025_税郭镇_填报表.xlsx")
    before = path.read_bytes()
    result = runner.invoke(
        app, ["template", "2025", "--prefill", "--returns", str(folder), "--out", str(folder), "--force"]
    )
    assert result.exit_code == 2
    assert "已报送的填报表" in result.output
    assert path.read_bytes() == before


def test_returns_without_prefill_is_a_usage_error(runner: CliRunner, folder: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--lang", "en", "template", "2025", "--returns", str(folder), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--returns goes with --prefill" in result.output


def test_prefill_from_the_bundled_examples_says_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("IPCOUNTY_RETURNS", raising=False)
    result = runner.invoke(app, ["template", "2025", "--prefill", "-t", "税郭镇", "-t", "文化路街道"])
    assert result.exit_code == 0, result.output
    assert "使用内置示例填报表" in result.output
    # 文化路街道's only 2025 return was rejected: its 2024 levels carry over.
    assert "2025_文化路街道_填报表.xlsx  沿用 2024/2024_文化路街道_填报表.xlsx（截至 2024-12-31）的存量和职责" in (
        result.output
    )


def test_a_new_year_with_nothing_that_carries_is_blank(runner: CliRunner, other_plan: Plan, tmp_path: Path) -> None:
    """A unit whose form holds only flows gets a blank workbook for the next year, and is told why."""
    from ipcounty.returns.layout import template_filename
    from ipcounty.returns.template import write_template
    from tests.conftest import OTHER_PLAN_PATH

    unit = other_plan.unit_names[0]
    blank = write_template(other_plan, unit, 2025, tmp_path / template_filename(2025, unit))
    values = good_values(other_plan, unit, 2025)
    assert {other_plan.indicator(c).kind for c in values} == {"flow"}
    fill_return(blank, tmp_path / "returns" / "a.xlsx", as_of=dt.date(2025, 9, 30), values=values)
    result = runner.invoke(
        app,
        [
            "--plan",
            str(OTHER_PLAN_PATH),
            "template",
            "2026",
            "--prefill",
            "--returns",
            str(tmp_path / "returns"),
            "--out",
            str(tmp_path / "out"),
            "-u",
            unit,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "空白：a.xlsx 只有逐年重新计算的数" in result.output
    ret = read_return(tmp_path / "out" / template_filename(2026, unit), other_plan, today=TODAY)
    assert not ret.values and "prefilled_from" not in ret.stamp
