"""Reading returns: what a township types, and what ipcounty makes of it, cell by cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipcounty.plan import Plan
from ipcounty.returns.reader import read_return
from ipcounty.returns.template import rows_for
from tests.conftest import TOWNS, good_values

TODAY = dt.date(2026, 11, 25)
# Township form rows: B1 E11, B2 E12, B3 E13, B4 E14, B5 E15, D1 E16, D2 E17.
# District form rows: Q1 E11, G01 E12, G02 E13, ..., G08 E18, ..., G12 E23.

# (case, unit, fill overrides, finding code, severity, cell, words in the zh message)
CASES: list[tuple[str, str, dict[str, Any], str, str, str | None, str]] = [
    # accepted with a warning
    ("full-width digits", "税郭镇", {"values": {"B1": "１５"}}, "value-normalised", "warning", "E11", "按 15 读取"),
    (
        "own unit after the number",
        "税郭镇",
        {"values": {"B1": "15个"}},
        "value-normalised",
        "warning",
        "E11",
        "去掉单位“个”",
    ),
    ("spaces around", "税郭镇", {"values": {"B3": " 5 "}}, "value-normalised", "warning", "E13", "多余空格"),
    (
        "number stored as text",
        "税郭镇",
        {"values": {"B3": "5"}},
        "value-normalised",
        "warning",
        "E13",
        "文本格式的数字",
    ),
    (
        "thousands separators",
        "全区",
        {"values": {"G02": "12,500"}},
        "value-normalised",
        "warning",
        "E13",
        "按 12500 读取",
    ),
    (
        "percent sign on a rate",
        "全区",
        {"values": {"G12": "92.5%"}},
        "value-normalised",
        "warning",
        "E23",
        "按 92.5 读取",
    ),
    ("year with 年", "税郭镇", {"header": {"年度": "2025年"}}, "value-normalised", "warning", "B5", "去掉“年”"),
    ("date as Excel serial", "税郭镇", {"as_of": "45930"}, "date-normalised", "warning", "B6", "2025-09-30"),
    ("date with slashes", "税郭镇", {"as_of": "2025/9/30"}, "date-normalised", "warning", "B6", "2025-09-30"),
    ("date in Chinese", "税郭镇", {"as_of": "2025年9月30日"}, "date-normalised", "warning", "B6", "2025-09-30"),
    ("date with dots", "税郭镇", {"as_of": "2025.9.30"}, "date-normalised", "warning", "B6", "2025-09-30"),
    (
        "township alias",
        "垎塔埠街道",
        {"header": {"镇街": "各塔埠街道"}},
        "township-alias",
        "warning",
        "B4",
        "按“垎塔埠街道”处理",
    ),
    (
        "township with spaces",
        "税郭镇",
        {"header": {"镇街": " 税郭镇 "}},
        "township-alias",
        "warning",
        "B4",
        "“ 税郭镇 ”按“税郭镇”处理",  # what was typed, not "税郭镇 read as 税郭镇"
    ),
    (
        "township with a space inside",
        "税郭镇",
        {"header": {"镇街": "税郭 镇"}},
        "township-alias",
        "warning",
        "B4",
        "“税郭 镇”按“税郭镇”处理",
    ),
    ("target edited", "税郭镇", {"cells": {"D11": 20}}, "target-differs", "warning", "D11", "计划为 15"),
    ("name edited", "税郭镇", {"cells": {"B11": "发明专利"}}, "name-mismatch", "warning", "B11", "已按指标代码 B1"),
    ("code cleared, name kept", "税郭镇", {"cells": {"A11": None}}, "indicator-by-name", "warning", "A11", "识别为 B1"),
    (
        "date in the future",
        "税郭镇",
        {"year": 2026, "as_of": dt.date(2026, 12, 30)},
        "date-in-future",
        "warning",
        "B6",
        "晚于今天",
    ),
    # rejected, with the fix
    ("unknown township", "税郭镇", {"header": {"镇街": "税国镇"}}, "unknown-township", "error", "B4", "是否为“税郭镇”"),
    ("empty township", "税郭镇", {"header": {"镇街": None}}, "township-missing", "error", "B4", "如 税郭镇"),
    ("year outside the plan", "税郭镇", {"header": {"年度": 2027}}, "year-outside-plan", "error", "B5", "2024—2026"),
    ("year not a year", "税郭镇", {"header": {"年度": "今年"}}, "bad-year", "error", "B5", "四位数年份"),
    (
        "date outside the year",
        "税郭镇",
        {"as_of": dt.date(2024, 9, 30)},
        "date-outside-year",
        "error",
        "B6",
        "不在 2025 年内",
    ),
    ("date missing", "税郭镇", {"as_of": None}, "date-missing", "error", "B6", "请填写数据统计截至的日期"),
    ("date unreadable", "税郭镇", {"as_of": "九月底"}, "bad-date", "error", "B6", "请写成 2025-09-30"),
    ("impossible date", "税郭镇", {"as_of": "2025-02-30"}, "bad-date", "error", "B6", "2025-02-30"),
    ("empty actual", "税郭镇", {"values": {"B1": None}}, "empty-value", "error", "E11", "没有完成请填 0"),
    ("negative count", "税郭镇", {"values": {"B3": -3}}, "negative-value", "error", "E13", "不能小于 0"),
    ("fractional count", "税郭镇", {"values": {"B3": 2.5}}, "fractional-count", "error", "E13", "请填写整数"),
    ("rate above 100", "全区", {"values": {"G12": 120}}, "rate-out-of-range", "error", "E23", "0—100"),
    ("rate as a fraction", "全区", {"values": {"G12": 0.92}}, "rate-as-fraction", "error", "E23", "92%"),
    ("words for a number", "税郭镇", {"values": {"B1": "很多"}}, "not-a-number", "error", "E11", "请只填写数字"),
    ("dash for nothing", "税郭镇", {"values": {"B1": "-"}}, "not-a-number", "error", "E11", "请只填写数字"),
    ("another unit", "税郭镇", {"values": {"B1": "15人"}}, "wrong-unit", "error", "E11", "换算为 个"),
    (
        "a counter that means the same (same_as)",
        "税郭镇",
        {"values": {"B1": "15件"}},
        "value-normalised",
        "warning",
        "E11",
        "量词“件”按“个”计",
    ),
    ("digits split by a space", "税郭镇", {"values": {"B1": "1 5"}}, "digits-split", "error", "E11", "数字被空格隔开"),
    (
        "a sum typed in",
        "税郭镇",
        {"values": {"B1": "2+1"}},
        "not-a-number",
        "error",
        "E11",
        "“2+1”不是数字：请只填写数字（单位：个）",
    ),
    (
        "a full stop after the number",
        "税郭镇",
        {"values": {"B1": "3。"}},
        "not-a-number",
        "error",
        "E11",
        "“3。”不是数字",
    ),
    (
        "TRUE in a number cell",
        "税郭镇",
        {"values": {"B1": True}},
        "not-a-number",
        "error",
        "E11",
        "“TRUE”不是数字：请只填写数字（单位：个）",
    ),
    (
        "a date in a number cell",
        "税郭镇",
        {"values": {"B1": dt.date(2025, 3, 1)}},
        "not-a-number",
        "error",
        "E11",
        "不是数字：请只填写数字（单位：个）",
    ),
    ("money in the wrong unit", "全区", {"values": {"G08": "5000万元"}}, "wrong-unit", "error", "E18", "亿元"),
    ("yes/no not a choice", "税郭镇", {"values": {"D1": "有"}}, "bad-choice", "error", "E16", "是/否"),
    ("yes/no empty", "税郭镇", {"values": {"D1": None}}, "empty-choice", "error", "E16", "是/否"),
    ("state not a choice", "全区", {"values": {"Q1": "完成了"}}, "bad-choice", "error", "E11", "已完成/推进中/未启动"),
    ("unknown indicator", "税郭镇", {"cells": {"A11": "B9"}}, "indicator-unknown", "error", "A11", "未知指标“B9”"),
    (
        "indicator row emptied",
        "税郭镇",
        {"cells": {"A11": None, "B11": None, "E11": None}},
        "indicator-missing",
        "error",
        None,
        "缺少指标 B1",
    ),
    ("indicator twice", "税郭镇", {"cells": {"A12": "B1"}}, "indicator-duplicate", "error", "A12", "另见 A11"),
    (
        "district goal on a township form",
        "税郭镇",
        {"cells": {"A12": "G01"}},
        "indicator-not-for-unit",
        "error",
        "A12",
        "G01 不属于税郭镇",
    ),
    ("label removed", "税郭镇", {"cells": {"A5": None}}, "label-missing", "error", None, "找不到“年度”栏"),
]


@pytest.mark.parametrize(
    ("unit", "overrides", "code", "severity", "cell", "says"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_finding_table(
    make_return: Callable[..., Path],
    plan: Plan,
    unit: str,
    overrides: dict[str, Any],
    code: str,
    severity: str,
    cell: str | None,
    says: str,
) -> None:
    path = make_return(unit, **overrides)
    ret = read_return(path, plan, today=TODAY)
    hits = [f for f in ret.findings if f.code == code]
    assert hits, [(f.code, f.cell, f.message("zh")) for f in ret.findings]
    f = hits[0]
    assert (f.severity, f.cell, f.sheet) == (severity, cell, "填报表")
    assert says in f.message("zh"), f.message("zh")
    assert f.message("en") != f.message("zh")
    # A warning never rejects; an error always does.
    assert ret.status == ("rejected" if severity == "error" else "warning")


def test_warnings_keep_the_number(make_return: Callable[..., Path], plan: Plan) -> None:
    path = make_return("全区", values={"G02": "１２，５００件", "G12": "92.5%"})
    ret = read_return(path, plan, today=TODAY)
    assert ret.status == "warning"
    assert ret.number("G02") == 12500 and ret.number("G12") == 92.5


def test_every_bad_cell_is_reported_not_just_the_first(make_return: Callable[..., Path], plan: Plan) -> None:
    path = make_return(values={"B1": None, "B2": -1, "B3": "x", "B4": 1.5, "D1": "maybe"}, as_of="soon")
    ret = read_return(path, plan, today=TODAY)
    got = {(f.code, f.cell) for f in ret.findings}
    assert {
        ("empty-value", "E11"),
        ("negative-value", "E12"),
        ("not-a-number", "E13"),
        ("fractional-count", "E14"),
        ("bad-choice", "E16"),
        ("bad-date", "B6"),
    } <= got


def test_rows_and_columns_found_by_text(make_return: Callable[..., Path], plan: Plan, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = make_return()
    wb = load_workbook(path)
    ws = wb["填报表"]
    ws.protection.sheet = False
    ws.insert_rows(3, amount=2)  # two rows above the header block
    ws.move_range("E12:E19", cols=3)  # 本年完成 header and values moved to column H
    moved = tmp_path / "moved.xlsx"
    wb.save(moved)
    ret = read_return(moved, plan, today=TODAY)
    assert ret.status == "ok", [(f.code, f.cell) for f in ret.findings]
    assert ret.number("B1") == 15 and ret.values["B1"].cell == "H13"
    assert ret.as_of == dt.date(2025, 9, 30)


def test_a_return_from_another_plan_is_rejected(make_return: Callable[..., Path], plan: Plan, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = make_return()
    wb = load_workbook(path)
    wb["_ipcounty"]["B1"] = "some-other-plan"
    other = tmp_path / "other.xlsx"
    wb.save(other)
    ret = read_return(other, plan, today=TODAY)
    assert [f.code for f in ret.findings if f.severity == "error"] == ["plan-mismatch"]

    wb["_ipcounty"]["B1"] = plan.info.id
    wb["_ipcounty"]["B2"] = "0123456789abcdef"
    older = tmp_path / "older.xlsx"
    wb.save(older)
    ret = read_return(older, plan, today=TODAY)
    assert ret.status == "warning"
    assert [f.code for f in ret.findings] == ["plan-version-differs"]


def test_template_has_validation_protection_and_a_hidden_stamp(templates: Callable[..., Path], plan: Plan) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(templates("税郭镇"))
    ws = wb["填报表"]
    assert wb.sheetnames == ["填报表", "明细", "说明", "_ipcounty"]
    assert wb["_ipcounty"].sheet_state == "hidden"
    assert ws.protection.sheet and not ws.protection.password
    assert ws["B4"].value == "税郭镇" and ws["B5"].value == 2025
    assert not ws["E11"].protection.locked and ws["D11"].protection.locked
    rules = {(dv.type, str(dv.sqref)) for dv in ws.data_validations.dataValidation}
    assert ("whole", "E11 E12 E13 E14 E15 E17") in rules or any(t == "whole" and "E11" in s for t, s in rules)
    assert any(t == "list" and "E16" in s for t, s in rules)
    assert any(t == "date" and "B6" in s for t, s in rules)
    codes = [ws.cell(r, 1).value for r in range(11, 18)]
    assert codes == ["B1", "B2", "B3", "B4", "B5", "D1", "D2"]
    assert ws["D12"].value == 2  # period goal: the 2024-2026 total
    assert "2024—2026年合计" in ws["G12"].value


def test_district_template_carries_the_district_only_goals(templates: Callable[..., Path], plan: Plan) -> None:
    from openpyxl import load_workbook

    ws = load_workbook(templates("全区"))["填报表"]
    codes = [ws.cell(r, 1).value for r in range(11, 40) if ws.cell(r, 1).value]
    assert codes == [i.code for i in plan.district_form_indicators()]
    assert "G09" not in codes  # computed from the townships' 开放许可
    assert "Q1" in codes and "G12" in codes


UNITS = [*TOWNS, "全区"]


@st.composite
def filled_values(draw: st.DrawFn, plan: Plan, unit: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for row in rows_for(plan, unit, 2025):
        ind = row.indicator
        if ind.kind == "yesno":
            out[ind.code] = draw(st.sampled_from(["是", "否"]))
        elif ind.kind == "qualitative":
            out[ind.code] = draw(st.sampled_from(["已完成", "推进中", "未启动"]))
        elif ind.rate:
            out[ind.code] = draw(st.sampled_from([0, 50, 90, 96.5, 100]))
        elif ind.evidence is not None:
            out[ind.code] = draw(st.integers(0, 30))  # each one listed on 明细
        elif ind.integer:
            out[ind.code] = draw(st.integers(0, 100_000))
        else:
            out[ind.code] = draw(st.floats(0, 1000, allow_nan=False).map(lambda x: round(x, 2)))
    return out


@settings(max_examples=24, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), unit=st.sampled_from(UNITS), day=st.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
def test_round_trip_template_fill_read(
    data: st.DataObject,
    unit: str,
    day: dt.date,
    plan: Plan,
    templates: Callable[..., Path],
    tmp_path: Path,
) -> None:
    from ipcounty.returns.fill import fill_return
    from tests.conftest import details_for

    values = data.draw(filled_values(plan, unit))
    path = fill_return(
        templates(unit),
        tmp_path / f"{unit}.xlsx",
        as_of=day,
        values=values,
        details=details_for(plan, unit, 2025, values),
    )
    ret = read_return(path, plan, today=TODAY)
    assert ret.status == "ok", [(f.code, f.cell, f.message("en")) for f in ret.findings]
    assert (ret.unit, ret.year, ret.as_of) == (unit, 2025, day)
    assert {c: v.value for c, v in ret.values.items()} == {
        c: (float(v) if isinstance(v, (int, float)) else v) for c, v in values.items()
    }


def test_good_values_validate(make_return: Callable[..., Path], plan: Plan) -> None:
    for unit in UNITS:
        ret = read_return(make_return(unit), plan, today=TODAY)
        assert ret.status == "ok", (unit, [(f.code, f.cell) for f in ret.findings])
        assert set(ret.values) == set(good_values(plan, unit))


def test_returns_cross_processes_whole(plan: Plan) -> None:
    """What a worker process sends the parent (pickled) is the return it read, field for field:
    values, items, item references, findings with their plan words, the stamp."""
    import pickle

    from tests.conftest import ROOT

    files = sorted((ROOT / "examples" / "returns").rglob("*.xlsx"))
    rets = [read_return(p, plan, name=p.name, today=dt.date(2026, 11, 25)) for p in files]
    assert any(r.items for r in rets) and any(r.findings for r in rets) and any(r.stamp for r in rets)
    for ret in rets:
        back = pickle.loads(pickle.dumps(ret, pickle.HIGHEST_PROTOCOL))
        assert back == ret and back.__dict__ == ret.__dict__
        assert [f.words for f in back.findings] == [f.words for f in ret.findings]
        assert all(type(v).__name__ == "Value" for v in back.values.values())
        slim = pickle.loads(pickle.dumps(ret.without_items()))
        assert slim.items == {} and slim.item_refs() == ret.item_refs() and slim.values == ret.values
        assert slim.to_dict("zh")["findings"] == ret.to_dict("zh")["findings"]


def test_a_missing_row_is_named_in_the_language_asked(make_return: Callable[..., Path], plan: Plan) -> None:
    """An English reader is told which row is missing by its English name, a Chinese one by the plan's."""
    path = make_return("税郭镇", cells={"A11": None, "B11": None, "E11": None})
    ret = read_return(path, plan, today=TODAY)
    [f] = [f for f in ret.findings if f.code == "indicator-missing"]
    b1 = next(i for i in plan.indicators if i.code == "B1")
    assert b1.name_en and f"({b1.name_en})" in f.message("en"), f.message("en")
    assert f"（{b1.name}）" in f.message("zh"), f.message("zh")
    assert b1.name not in f.message("en")
