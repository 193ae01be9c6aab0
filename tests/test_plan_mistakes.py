"""A county clerk's likely slips in a plan YAML: each one message, in Chinese, at its own line and
column, saying what to write — never pydantic's or the YAML parser's English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ipcounty.plan import read_plan
from ipcounty.plan.loader import parse_plan
from tests.conftest import OTHER_PLAN_PATH, line_of

BASE = OTHER_PLAN_PATH.read_text(encoding="utf-8")
ENGLISH = re.compile(
    r"Input should|Field required|Extra inputs|validation error|found character|mapping values|expected"
)

# (what the clerk did, text of tests/data/other_plan.yaml, what they wrote, finding code, words the
#  message says, the line it is on (a piece of its text), column; severity error unless a warning)
MISTAKES = [
    ("tab indent", "  id: test-county", "\tid: test-county", "yaml-tab", "把 Tab 换成空格", "\tid:", 1),
    ("full-width colon", "  title: 测试县", "  title：测试县", "yaml-fullwidth-colon", "改为半角冒号", "title：", 8),
    (
        "full-width colon after a unit",
        "      高新区管委会: {2023",
        "      高新区管委会：{2023",
        "yaml-fullwidth-colon",
        "“高新区管委会”后面是全角冒号",
        "高新区管委会：",
        13,
    ),
    (
        "missing colon",
        "  region: 测试县",
        "  region 测试县",
        "yaml-missing-colon",
        "“region 测试县”缺少冒号",
        "region 测试县",
        3,
    ),
    (
        "no space after colon",
        "  region: 测试县",
        "  region:测试县",
        "yaml-colon-space",
        "冒号后缺少空格",
        "region:测试县",
        9,
    ),
    ("indented too far", "  region: 测试县", "   region: 测试县", "yaml-indent", "缩进不对", "   region:", 4),
    ("indented too little", "  region: 测试县", " region: 测试县", "yaml-indent", "缩进不对", " region:", 2),
    (
        "unclosed quote",
        "  title: 测试县知识产权工作方案（2023—2027年）",
        '  title: "测试县知识产权工作方案（2023—2027年）',
        "yaml-unclosed",
        "引号没有闭合",
        'title: "',
        10,
    ),
    (
        "missing comma in braces",
        "{2023: 10, 2024: 12",
        "{2023: 10 2024: 12",
        "yaml-flow-comma",
        "缺少逗号",
        "{2023: 10 2024",
        29,
    ),
    (
        "misspelt key",
        "    scope: period",
        "    scpoe: period",
        "schema-misspelt-key",
        "键 scpoe 拼写有误：应为 scope",
        "scpoe",
        5,
    ),
    (
        "unknown key",
        "wording: 以内",
        "wording: 以内, dirction: at_most",
        "schema-unknown-key",
        "不认识的键 dirction（是否为“direction”？）",
        "dirction",
        94,
    ),
    (
        "kind in Chinese",
        "kind: rate",
        "kind: 比率",
        "schema-choice",
        "（“比率”应写作 rate）：可选 flow",
        "kind: 比率",
        27,
    ),
    (
        "direction in Chinese",
        "direction: at_most",
        "direction: 以内",
        "schema-choice",
        "应写作 at_most",
        "direction: 以内",
        61,
    ),
    ("wrong schema version", "schema_version: 1", "schema_version: 2", "schema-choice", "可选 1", "schema_version", 1),
    ("missing required key", "  region: 测试县\n", "", "schema-missing", "缺少必填项 region", "plan:", 1),
    (
        "text where a list goes",
        "aliases: [高新区]",
        "aliases: 高新区",
        "schema-list",
        "aliases 应为列表",
        "aliases: 高新区",
        30,
    ),
    (
        "是/否 for true/false",
        "{symbol: 万元, integer: false}",
        "{symbol: 万元, integer: 否}",
        "schema-bool",
        "true 或 false",
        "integer: 否",
        18,
    ),
    (
        "a unit after the number",
        "{2023: 10, 2024: 12, 2025: 14",
        "{2023: 10件, 2024: 12, 2025: 14",
        "target-with-unit",
        "目标“10件”带了单位：只写数字 10，计量单位写在 unit（如 unit: 件）",
        "10件",
        16,
    ),
    (
        "one number for a yearly breakdown",
        "高新区管委会: {2023: 10, 2024: 12, 2025: 14, 2026: 16, 2027: 18}",
        "高新区管委会: 70",
        "scope-yearly-needs-years",
        "F2 为分年度目标（scope: yearly），高新区管委会只写了一个数字",
        "高新区管委会: 70",
        7,
    ),
    (
        "a quarter written in Chinese",
        "{2023: 10, 2024: 12",
        "{2023年Q1: 10, 2024: 12",
        "target-bad-key",
        "“2023年Q1”不是年份、季度或月份：写成 2023、2023Q1 或 2023-01",
        "2023年Q1",
        16,
    ),
    (
        "negative target",
        "target: 5000,",
        "target: -5000,",
        "schema-min",
        "target 不能小于 0（现为 -5000）",
        "-5000",
        49,
    ),
    (
        "a fraction of a count",
        "{2023: 10, 2024: 12, 2025: 14",
        "{2023: 10.5, 2024: 12, 2025: 14",
        "fractional-target",
        "F2 的计量单位 件 是计数单位，目标 10.5 必须是整数",
        "10.5",
        16,
    ),
    (
        "a date with slashes",
        "start: 2023-01-01",
        "start: 2023/1/1",
        "date-normalised-plan",
        "按 2023-01-01 读取",
        "2023/1/1",
        19,
    ),
    ("full-width digits", "target: 95,", "target: ９５,", "target-normalised", "按数字 95 读取", "９５", 58),
]


@pytest.mark.parametrize(
    ("old", "new", "code", "says", "on_line", "column"), [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES]
)
def test_each_mistake_is_explained_in_chinese_at_its_place(
    old: str, new: str, code: str, says: str, on_line: str, column: int
) -> None:
    assert old in BASE
    text = BASE.replace(old, new, 1)
    result = parse_plan(text, "plan.yaml")
    shown = [f for f in result.findings if f.severity != "note"]
    assert [f.code for f in shown] == [code], [(f.code, f.message("zh")) for f in shown]
    (f,) = shown
    assert says in f.message("zh")
    assert (f.line, f.column) == (line_of(text, on_line), column)
    assert f.where() == f"plan.yaml:{f.line}:{column}"
    assert not ENGLISH.search(f.message("zh")), f.message("zh")
    assert f.message("en") and not re.search("[请。，]", f.message("en"))
    warning = "normalised" in code
    assert (result.plan is not None) == warning and f.severity == ("warning" if warning else "error")


def test_a_name_spelt_with_other_brackets_or_spaces_is_the_same_unit() -> None:
    text = BASE.replace("targets: {东城镇: 1500", "targets: {东城 镇: 1500").replace(
        "  - {name: 高新区管委会, type: 园区, aliases: [高新区]}", "  - {name: 经济开发区（高新区）管委会, type: 园区}"
    )
    text = text.replace("高新区: 2000}", "经济开发区(高新区)管委会: 2000}").replace(
        "      高新区管委会: {2023", "      经济开发区（高新 区）管委会: {2023"
    )
    result = parse_plan(text, "plan.yaml")
    assert result.plan is not None, [f.message("zh") for f in result.errors]
    assert [f.code for f in result.findings if f.severity != "note"] == []
    plan = result.plan
    assert plan.target("F1", "东城镇", 2024) == 1500
    assert plan.target("F1", "经济开发区（高新区）管委会", 2024) == 2000
    assert plan.canonical_unit("经济开发区(高新区)管委会") == ("经济开发区（高新区）管委会", False)
    assert plan.canonical_unit(" 经济开发区（高新 区）管委会") == ("经济开发区（高新区）管委会", False)


def test_an_unknown_unit_is_one_error_not_a_cascade_of_false_totals() -> None:
    text = BASE.replace("      高新区管委会: {2023", "      高新园区: {2023")
    result = parse_plan(text, "plan.yaml")
    assert [f.code for f in result.errors] == ["unknown-township"]
    assert "是否为“高新区管委会”" in result.errors[0].message("zh")


def test_one_misunderstanding_is_one_finding_naming_how_many_units() -> None:
    units = [f"单位{i}" for i in range(19)]
    text = BASE.replace(
        "  - {name: 东城镇, type: 镇}",
        "\n".join(["  - {name: 东城镇, type: 镇}", *(f"  - {{name: {u}}}" for u in units)]),
    )
    rows = "\n".join(f"      {u}: 5" for u in units)
    text = text.replace(
        "      高新区管委会: {2023: 10, 2024: 12, 2025: 14, 2026: 16, 2027: 18}\n"
        "    published: {column_totals: {2023: 10, 2024: 12, 2025: 14, 2026: 16, 2027: 18}, grand_total: 70}",
        rows,
    )
    result = parse_plan(text, "plan.yaml")
    assert [f.code for f in result.errors] == ["scope-yearly-needs-years"]
    assert "单位0、单位1、单位2 等 19 个单位只写了一个数字" in result.errors[0].message("zh")


def test_a_one_year_plan_may_give_a_yearly_target_as_one_number() -> None:
    text = (
        BASE.replace("end: 2027-12-31", "end: 2023-12-31")
        .replace("{2023: 10, 2024: 12, 2025: 14, 2026: 16, 2027: 18}\n", "10\n")
        .replace(
            "column_totals: {2023: 10, 2024: 12, 2025: 14, 2026: 16, 2027: 18}, grand_total: 70", "grand_total: 10"
        )
    )
    result = parse_plan(text, "plan.yaml")
    assert result.plan is not None, [f.message("zh") for f in result.errors]
    assert result.plan.target("F2", "高新区管委会", 2023) == 10


@pytest.mark.parametrize(("encoding", "says"), [("gbk", "GBK"), ("utf-16", "UTF-16")])
def test_a_plan_not_saved_as_utf8_is_told_to_be(tmp_path: Path, encoding: str, says: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(BASE.encode(encoding))
    (f,) = read_plan(path).errors
    assert f.code == "plan-encoding"
    assert f"计划文件是 {says} 编码" in f.message("zh") and "另存为 UTF-8" in f.message("zh")
