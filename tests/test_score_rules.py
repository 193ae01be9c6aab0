"""The plan's ``scoring:`` section: read as exact decimals, every mistake located with its fix."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ipcounty.plan import Plan
from ipcounty.plan.loader import parse_plan
from ipcounty.plan.scoring import Band
from tests.conftest import line_of

PLAN_HEAD = """\
schema_version: 1
plan: {id: s, title: 评分测试方案, region: 测试县, period: {start: 2025-01-01, end: 2025-12-31}}
units_of_measure: [{symbol: 件}, {symbol: 天, integer: false}]
units: [{name: 东城镇}, {name: 西城镇}]
goals:
  - {code: G1, source: 一, kind: flow, unit: 件, target: 30, name: 专利}
breakdowns:
  - {code: P1, source: 附表, name: 专利, kind: flow, unit: 件, scope: yearly,
     targets: {东城镇: {2025: 15}, 西城镇: {2025: 15}}}
  - {code: T1, source: 附表, name: 结案天数, kind: stock, unit: 天, direction: at_most, scope: yearly,
     targets: {东城镇: {2025: 30}, 西城镇: {2025: 30}}}
duties:
  - {code: D1, source: 五, kind: yesno, name: 办公室}
"""

# (what is wrong, the scoring section, finding code, words the Chinese message must say,
#  the text at the finding's line and column: the key, or the list entry, that is wrong)
MISTAKES = [
    (
        "unknown indicator",
        "  items: [{indicator: P2, points: 10}]",
        "scoring-unknown-indicator",
        "是否为“P1”",
        "indicator: P2",
    ),
    (
        "district goal",
        "  items: [{indicator: G1, points: 10}]",
        "scoring-district-indicator",
        "不能按单位评分",
        "indicator: G1",
    ),
    (
        "scored twice",
        "  items:\n    - {indicator: P1, points: 10}\n    - {indicator: p1, per_excess: 1}",
        "scoring-duplicate-item",
        "第 1 项已写过",
        "indicator: p1",
    ),
    ("no rule", "  items: [{indicator: P1}]", "scoring-item-empty", "写 points", "{indicator: P1}"),
    (
        "negative points",
        "  items: [{indicator: P1, points: -10}]",
        "scoring-negative",
        "points 为负数 -10",
        "points: -10",
    ),
    (
        "negative penalty",
        "  items: [{indicator: P1, points: 10}]\n  penalties: {not_submitted: -2}",
        "scoring-negative",
        "penalties.not_submitted 为负数 -2",
        "not_submitted: -2",
    ),
    (
        "bands not descending",
        "  items: [{indicator: P1, points: 10, bands: [[0.9, 0.6], [1.0, 1.0]]}]",
        "scoring-bands-not-descending",
        "从高到低",
        "1.0, 1.0]",
    ),
    (
        "band written as a percentage",
        "  items: [{indicator: P1, points: 10, bands: [[100, 1.0], [90, 0.6]]}]",
        "scoring-band-above-one",
        "90% 写 0.9",
        "100, 1.0]",
    ),
    (
        "share above one",
        "  items: [{indicator: P1, points: 10, bands: [[1.0, 1.5]]}]",
        "scoring-share-above-one",
        "得分比例 1.5 大于 1",
        "1.5]",
    ),
    (
        "lower band earns more",
        "  items: [{indicator: P1, points: 10, bands: [[1.0, 0.5], [0.9, 0.6]]}]",
        "scoring-bands-share-rises",
        "得分比例应越低或相同",
        "0.6]",
    ),
    (
        "band of one number",
        "  items: [{indicator: P1, points: 10, bands: [[1.0, 1.0], [0.9]]}]",
        "scoring-band-shape",
        "第 2 档应写成 [完成率, 得分比例]",
        "[0.9]",
    ),
    (
        "bands without points",
        "  items: [{indicator: P1, per_shortfall: 0.1, bands: [[1.0, 1.0]]}]",
        "scoring-bands-need-points",
        "请写明 points",
        "bands: [[1.0",
    ),
    (
        "cap without rate",
        "  items: [{indicator: P1, points: 10, max_bonus: 3}]",
        "scoring-cap-without-rate",
        "补上 per_excess",
        "max_bonus: 3",
    ),
    (
        "bands on a ceiling",
        "  items: [{indicator: T1, points: 10, bands: [[1.0, 1.0]]}]",
        "scoring-bands-ceiling",
        "上限指标",
        "bands: [[1.0",
    ),
    ("nothing at all", "  start: 100", "scoring-empty", "既没有评分项也没有扣分", "scoring:"),
    ("a slip of zeros", "  items: [{indicator: P1, points: 1e9}]", "scoring-too-large", "超过 10000", "points: 1e9"),
    (
        "decimals out of range",
        "  decimals: 9\n  items: [{indicator: P1, points: 10}]",
        "scoring-decimals",
        "0 到 4",
        "decimals: 9",
    ),
]


@pytest.mark.parametrize(("section", "code", "says", "at"), [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES])
def test_each_scoring_mistake_names_line_column_and_fix(section: str, code: str, says: str, at: str) -> None:
    text = PLAN_HEAD + "scoring:\n" + section + "\n"
    result = parse_plan(text, "p.yaml")
    assert result.plan is None
    hits = [f for f in result.errors if f.code == code]
    assert hits, [(f.code, f.message("zh")) for f in result.errors]
    f = hits[0]
    assert says in f.message("zh")
    assert f.message("en") != f.message("zh")
    # The finding points at the offending value (or its key): the first line from ``scoring:`` on
    # that holds it, at the column where it starts.
    lines = text.splitlines()
    start = line_of(text, "scoring:")
    expected_line = next(i for i in range(start, len(lines) + 1) if at in lines[i - 1])
    assert f.line == expected_line
    assert lines[f.line - 1][(f.column or 1) - 1 :].lstrip("[{- ").startswith(at.lstrip("[{- ")), (f.line, f.column)
    assert f.where().startswith(f"p.yaml:{f.line}:{f.column}")


def test_every_scoring_mistake_is_reported_at_once() -> None:
    section = (
        "  items:\n"
        "    - {indicator: P9, points: 10}\n"
        "    - {indicator: P1, points: -1, bands: [[90, 1], [0.95, 0.5]]}\n"
        "  penalties: {overdue: -1}\n"
    )
    result = parse_plan(PLAN_HEAD + "scoring:\n" + section, "p.yaml")
    codes = [f.code for f in result.errors]
    assert codes == [
        "scoring-unknown-indicator",
        "scoring-negative",
        "scoring-band-above-one",
        "scoring-negative",
    ]


def test_rules_are_exact_decimals_and_codes_any_case() -> None:
    section = (
        "  start: 100\n  basis: schedule\n  decimals: 1\n  no_target: full\n"
        "  items: [{indicator: p1, points: 15, bands: [[1.0, 1.0], [0.9, 0.6]], per_shortfall: 0.1}]\n"
        "  penalties: {not_submitted: 2, double_counted_per_item: 0.3}\n"
    )
    result = parse_plan(PLAN_HEAD + "scoring:\n" + section, "p.yaml")
    assert result.plan is not None, [f.message("zh") for f in result.errors]
    rules = result.plan.scoring
    assert rules is not None
    assert rules.start == 100 and rules.basis == "schedule" and rules.decimals == 1
    assert rules.no_target == "full"
    (item,) = rules.items
    assert item.indicator == "P1"
    assert item.per_shortfall == Decimal("0.1")  # not 0.1000000000000000055511151231257827
    assert item.bands == (Band(Decimal("1.0"), Decimal("1.0")), Band(Decimal("0.9"), Decimal("0.6")))
    assert rules.penalties.double_counted_per_item == Decimal("0.3")
    assert rules.penalties.overdue == 0


def test_a_plan_without_scoring_has_no_rules() -> None:
    result = parse_plan(PLAN_HEAD, "p.yaml")
    assert result.plan is not None and result.plan.scoring is None


def test_scoring_does_not_change_the_return_form(plan: Plan, plan_text: str) -> None:
    """Rules added (or changed) after the templates went out leave every return current."""
    without = parse_plan(plan_text.split("\nscoring:")[0], "a.yaml").plan
    assert without is not None and without.scoring is None
    assert plan.scoring is not None and without.fingerprint == plan.fingerprint


def test_shipped_plans_score_as_documented(plan: Plan, other_plan: Plan) -> None:
    rules = plan.scoring
    assert rules is not None and rules.note and "示例" in rules.note
    assert [i.indicator for i in rules.items] == ["B1", "B2", "B3", "B4", "B5", "D1", "D2"]
    assert sum((i.points or Decimal(0) for i in rules.items), Decimal(0)) == 100
    other = other_plan.scoring
    assert other is not None and other.start == 100
    assert all(i.points is None and i.per_excess is None for i in other.items)  # deduction-only
