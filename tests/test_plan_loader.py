"""The plan loader: every rejection names the line, and the notes name the plan's contradictions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ipcounty.plan import Plan, read_plan
from ipcounty.plan.loader import parse_plan
from tests.conftest import line_of

# (what is wrong, text to replace, replacement, finding code, words the message must say,
#  the text on the offending line after the edit)
REJECTIONS = [
    (
        "duplicate key",
        "  - {name: 孟庄镇, type: 镇}\n",
        "  - {name: 孟庄镇, type: 镇, type: 乡}\n",
        "yaml-duplicate-key",
        "键 type 重复",
        "{name: 孟庄镇, type: 镇, type: 乡}",
    ),
    (
        "unknown township",
        "      矿区街道:   {2024: 10, 2025: 10, 2026: 10}",
        "      矿去街道:   {2024: 10, 2025: 10, 2026: 10}",
        "unknown-township",
        "是否为“矿区街道”",
        "矿去街道:   {2024: 10",
    ),
    (
        "year outside the period",
        "      税郭镇:     {2024: 15, 2025: 15, 2026: 15}",
        "      税郭镇:     {2024: 15, 2025: 15, 2027: 15}",
        "year-outside-period",
        "年份 2027 不在计划期 2024—2026 内",
        "2027: 15",
    ),
    (
        "negative target",
        "target: 600,",
        "target: -600,",
        "schema-min",
        "target 不能小于 0（现为 -600）",
        "target: -600",
    ),
    (
        "unknown kind",
        "code: G02, source: 二(二)1, area: 创造, kind: stock",
        "code: G02, source: 二(二)1, area: 创造, kind: level",
        "schema-choice",
        "kind 不能写“level”：可选 flow, stock, rate, qualitative, yesno",
        "kind: level",
    ),
    (
        "unknown unit",
        "kind: stock, unit: 件, target: 7,",
        "kind: stock, unit: 枚, target: 7,",
        "unknown-unit-of-measure",
        "计量单位 枚 未在 units_of_measure 中定义",
        "unit: 枚",
    ),
    (
        "published year total wrong",
        "column_totals: {2024: 140, 2025: 140, 2026: 140}",
        "column_totals: {2024: 140, 2025: 141, 2026: 140}",
        "column-total-mismatch",
        "B1 2025年合计为 141，但各单位之和为 140",
        "2025: 141",
    ),
    (
        "published unit total wrong",
        "row_totals: {税郭镇: 45,",
        "row_totals: {税郭镇: 46,",
        "row-total-mismatch",
        "税郭镇 总数值为 46，但各年之和为 45",
        "税郭镇: 46",
    ),
    (
        "published grand total wrong",
        "      grand_total: 165",
        "      grand_total: 166",
        "grand-total-mismatch",
        "总计为 166，但各单位之和为 165",
        "grand_total: 166",
    ),
    (
        "unsafe tag",
        "  short_title: 市中区知识产权强县建设试点",
        "  short_title: !!python/object/apply:os.system [echo hi]",
        "yaml-unsafe-tag",
        "不允许的 YAML 标签 !!python/object/apply:os.system",
        "short_title: !!python",
    ),
    (
        "misspelled key",
        "  - {code: G07, source:",
        "  - {cod: G07, source:",
        "schema-misspelt-key",
        "键 cod 拼写有误：应为 code",
        "{cod: G07",
    ),
    ("fractional count", "target: 13000,", "target: 13000.5,", "fractional-target", "必须是整数", "target: 13000.5"),
]


@pytest.mark.parametrize(
    ("old", "new", "code", "says", "on_line"),
    [r[1:] for r in REJECTIONS],
    ids=[r[0] for r in REJECTIONS],
)
def test_loader_rejects_with_message_and_line(
    write_plan: Callable[..., Path], old: str, new: str, code: str, says: str, on_line: str
) -> None:
    path = write_plan(old, new)
    result = read_plan(path)
    assert result.plan is None
    hits = [f for f in result.errors if f.code == code]
    assert hits, [(f.code, f.message("zh")) for f in result.errors]
    f = hits[0]
    assert says in f.message("zh")
    assert f.line == line_of(path.read_text(encoding="utf-8"), on_line)
    assert f.where().startswith(f"{path}:{f.line}:")


def test_every_problem_is_reported_at_once(write_plan: Callable[..., Path], plan_text: str) -> None:
    text = (
        plan_text.replace("target: 600,", "target: -600,", 1)
        .replace("      grand_total: 165", "      grand_total: 166")
        .replace("  - {name: 孟庄镇, type: 镇}\n", "  - {name: 孟庄镇, type: 镇, type: 乡}\n")
    )
    path = write_plan(text=text)
    # Node-level problems (the duplicate key) are found first; fix it and the rest all show.
    assert [f.code for f in read_plan(path).errors] == ["yaml-duplicate-key"]
    path = write_plan(text=text.replace("type: 镇, type: 乡", "type: 镇"))
    assert sorted(f.code for f in read_plan(path).errors) == ["schema-min"]
    path = write_plan(
        text=text.replace("type: 镇, type: 乡", "type: 镇")
        .replace("-600", "600")
        .replace("2025: 15, 2026: 15}", "2025: 15, 2027: 15}")
    )
    codes = sorted(f.code for f in read_plan(path).errors)
    assert codes.count("year-outside-period") == 6
    assert "grand-total-mismatch" in codes


def test_yaml_syntax_error_points_at_the_line() -> None:
    result = parse_plan("schema_version: 1\nplan: {id: x\nunits: []\n", "bad.yaml")
    assert result.plan is None
    (f,) = result.errors
    assert f.code == "yaml-unclosed" and f.line == 2


def test_alias_bomb_is_bounded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    result = parse_plan("\n".join(lines) + "\n", "bomb.yaml")
    assert result.plan is None
    assert result.errors[0].code == "yaml-too-large"


def test_the_three_numeric_contradictions_are_notes(plan: Plan) -> None:
    result = read_plan(Path(plan.path))
    assert result.plan is not None and not result.errors
    differs = {
        n.params["code"]: (n.params["allocated"], n.params["target"])
        for n in result.notes
        if n.code == "breakdown-differs"
    }
    assert differs == {"B2": ("17", "10"), "B3": ("165", "200"), "B4": ("17", "15")}
    assert {n.params["code"] for n in result.notes if n.code == "breakdown-not-comparable"} == {"B1", "B5"}
    (alias,) = [n for n in result.notes if n.code == "alias-used"]
    assert alias.params["alias"] == "各塔埠街道" and alias.params["name"] == "垎塔埠街道"
    assert (
        "B3（知识产权专利开放许可）分解合计 165项"
        in [n.message("zh") for n in result.notes if n.code == "breakdown-differs"][1]
    )


def test_a_second_different_plan_loads(other_plan: Plan) -> None:
    assert other_plan.years == [2023, 2024, 2025, 2026, 2027]
    assert other_plan.district_name == "全县"
    assert other_plan.unit_names == ["东城镇", "白云乡", "县科技局", "高新区管委会"]
    assert other_plan.target("F1", "白云乡", 2025) == 500.5
    assert other_plan.target("F1", "高新区管委会", 2023) == 2000  # given under its alias
    assert other_plan.plan_target("F2", "高新区管委会") == 70
    assert other_plan.target("F2", "东城镇", 2024) is None  # a goal given to a single unit
    assert other_plan.indicator("K3").direction == "at_most"
    assert not other_plan.indicator("F1").integer


def test_elapsed_share(plan: Plan) -> None:
    import datetime as dt

    assert plan.elapsed_share(dt.date(2025, 12, 31), 2025) == 1.0
    assert plan.elapsed_share(dt.date(2025, 1, 1), 2025) == 1 / 365
    assert plan.elapsed_share(dt.date(2024, 12, 31), None) == 366 / 1096
    assert plan.elapsed_share(dt.date(2023, 5, 1), None) == 0.0
