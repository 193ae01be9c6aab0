"""考核评分 engine: rules × figures → points, with the words that explain them; penalties; ranks."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipcounty.i18n import MESSAGES, render_param
from ipcounty.plan import Plan
from ipcounty.plan.loader import parse_plan
from ipcounty.plan.scoring import Band, ItemRule, PenaltyRules, ScoringRules, exact
from ipcounty.score.engine import Figure, UnitFigures, UnitScore, score_unit, score_units

PLAN = """\
schema_version: 1
plan: {id: s, title: 评分测试方案, region: 测试县, period: {start: 2025-01-01, end: 2025-12-31}}
units_of_measure: [{symbol: 件}, {symbol: 万元, integer: false}, {symbol: 天}]
units: [{name: 东城镇}, {name: 西城镇}, {name: 南城镇}, {name: 北城镇}]
breakdowns:
  - {code: P1, source: 附表, name: 专利, kind: flow, unit: 件, scope: yearly, targets: {东城镇: {2025: 15}}}
  - {code: M1, source: 附表, name: 融资, kind: flow, unit: 万元, scope: yearly, targets: {东城镇: {2025: 10}}}
  - {code: T1, source: 附表, name: 结案天数, kind: stock, unit: 天, direction: at_most, scope: yearly,
     targets: {东城镇: {2025: 30}}}
duties:
  - {code: D1, source: 五, kind: yesno, name: 办公室}
"""
BANDS = [[1.0, 1.0], [0.9, 0.6], [0, 0]]
D = Decimal


@pytest.fixture(scope="module")
def small() -> Plan:
    plan = parse_plan(PLAN, "s.yaml").plan
    assert plan is not None
    return plan


def rule(code: str = "P1", bands: list[list[float]] | None = None, **numbers: float) -> ItemRule:
    return ItemRule(
        indicator=code,
        bands=tuple(Band(exact(a) or D(0), exact(b) or D(0)) for a, b in bands or []),
        **{k: exact(v) for k, v in numbers.items()},
    )


def rules(
    *items: ItemRule,
    start: float = 0,
    basis: str = "year",
    decimals: int = 2,
    no_target: str = "zero",
    **penalties: float,
) -> ScoringRules:
    return ScoringRules(
        start=exact(start) or D(0),
        basis=basis,  # type: ignore[arg-type]
        decimals=decimals,
        items=items,
        penalties=PenaltyRules(**{k: exact(v) or D(0) for k, v in penalties.items()}),
        no_target=no_target,  # type: ignore[arg-type]
    )


def zh(score: UnitScore) -> str:
    return "；".join(render_param(p, "zh") for i in score.items for p in i.reasons)


# (case, the item's rule, target, actual, expected-to-date, basis, decimals, points, the words)
CASES: list[tuple[str, ItemRule, float | None, float | None, float | None, str, int, str, str]] = [
    (
        "band: target met",
        rule(points=15, bands=BANDS),
        15,
        15,
        None,
        "year",
        2,
        "15",
        "完成 15/15 件（100.0%）；达到 100%，得 15 分",
    ),
    ("band: 90%", rule(points=15, bands=BANDS), 15, 14, None, "year", 2, "9", "达到 90%，得 9 分（15 分的 60%）"),
    (
        "band: below 90%",
        rule(points=15, bands=BANDS),
        15,
        13,
        None,
        "year",
        2,
        "0",
        "完成 13/15 件（86.7%）；低于 90%，得 0 分",
    ),
    (
        "band: exactly 90% counts",
        rule("M1", points=10, bands=BANDS),
        10,
        9,
        None,
        "year",
        2,
        "6",
        "完成 9.00/10.00 万元（90.0%）；达到 90%",
    ),
    (
        "band: under every band",
        rule(points=15, bands=[[1.0, 1.0], [0.5, 0.5]]),
        15,
        7,
        None,
        "year",
        2,
        "0",
        "低于 50%，得 0 分",
    ),
    ("proportional", rule(points=15), 15, 13, None, "year", 2, "13", "按完成比例得 13 分（15 分 × 86.7%）"),
    ("proportional, rounded half up", rule(points=10), 15, 13, None, "year", 2, "8.67", "得 8.67 分"),
    ("proportional, one decimal", rule(points=10), 15, 13, None, "year", 1, "8.7", "得 8.7 分"),
    (
        "proportional, capped at the points",
        rule(points=10),
        15,
        30,
        None,
        "year",
        2,
        "10",
        "得 10 分（10 分 × 100.0%）",
    ),
    (
        "shortfall alone",
        rule(per_shortfall=0.1),
        15,
        13,
        None,
        "year",
        2,
        "-0.2",
        "完成 13/15 件（86.7%）；差 2 件，扣 0.2 分",
    ),
    (
        "shortfall capped",
        rule(per_shortfall=0.5, max_deduction=3),
        15,
        5,
        None,
        "year",
        2,
        "-3",
        "差 10 件，应扣 5 分，本项最多扣 3 分，扣 3 分",
    ),
    ("excess alone", rule(per_excess=0.1), 15, 18, None, "year", 2, "0.3", "超 3 件，加 0.3 分"),
    (
        "excess capped",
        rule(per_excess=0.5, max_bonus=1),
        15,
        20,
        None,
        "year",
        2,
        "1",
        "超 5 件，应加 2.5 分，本项最多加 1 分，加 1 分",
    ),
    (
        "together: the brief's example",
        rule(points=15, bands=BANDS, per_shortfall=0.1, per_excess=0.1, max_bonus=3),
        15,
        13,
        None,
        "year",
        2,
        "-0.2",
        "完成 13/15 件（86.7%）；低于 90%，得 0 分；差 2 件，扣 0.2 分",
    ),
    (
        "together: over the target",
        rule(points=15, bands=BANDS, per_shortfall=0.1, per_excess=0.1, max_bonus=3),
        15,
        18,
        None,
        "year",
        2,
        "15.3",
        "达到 100%，得 15 分；超 3 件，加 0.3 分",
    ),
    (
        "together: bonus capped",
        rule(points=15, bands=BANDS, per_excess=0.1, max_bonus=3),
        15,
        60,
        None,
        "year",
        2,
        "18",
        "超 45 件，应加 4.5 分，本项最多加 3 分，加 3 分",
    ),
    (
        "schedule mid-year: 7 of 7.4 expected",
        rule(points=15, bands=BANDS, per_shortfall=0.1),
        15,
        7,
        15 * 181 / 365,
        "schedule",
        2,
        "8.96",
        "完成 7 件，序时应完成 7.4 件（为序时应完成的 94.1%）；达到 90%，得 9 分（15 分的 60%）；差 0.4 件，扣 0.04 分",
    ),
    (
        "year basis ignores the schedule",
        rule(points=15, bands=BANDS),
        15,
        7,
        15 * 181 / 365,
        "year",
        2,
        "0",
        "完成 7/15 件",
    ),
    (
        "schedule: ahead of it",
        rule(points=15, bands=BANDS, per_excess=1),
        15,
        9,
        7.5,
        "schedule",
        2,
        "16.5",
        "超 1.5 件，加 1.5 分",
    ),
    (
        "ceiling within",
        rule("T1", points=10, per_shortfall=1),
        30,
        28,
        None,
        "year",
        2,
        "10",
        "实际 28 天，上限 30 天；未超上限，得 10 分",
    ),
    (
        "ceiling over",
        rule("T1", points=10, per_shortfall=1),
        30,
        33,
        None,
        "year",
        2,
        "-3",
        "超出上限，得 0 分；超出上限 3 天，扣 3 分",
    ),
    ("ceiling under earns a bonus", rule("T1", per_excess=0.5), 30, 26, None, "year", 2, "2", "低于上限 4 天，加 2 分"),
    ("yes", rule("D1", points=5, per_shortfall=1), 1, 1, None, "year", 2, "5", "填报“是”；得 5 分"),
    ("no", rule("D1", points=5, per_shortfall=1), 1, 0, None, "year", 2, "-1", "填报“否”；得 0 分；未完成，扣 1 分"),
    ("no target", rule(points=15, bands=BANDS), None, 3, None, "year", 2, "0", "无目标，本项不计分"),
]


@pytest.mark.parametrize(
    ("item", "target", "actual", "expected", "basis", "decimals", "points", "words"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_rule_and_figure_give_points_and_words(
    small: Plan,
    item: ItemRule,
    target: float | None,
    actual: float | None,
    expected: float | None,
    basis: str,
    decimals: int,
    points: str,
    words: str,
) -> None:
    figure = Figure(exact(target), exact(actual), exact(expected))
    r = rules(item, start=0, basis=basis, decimals=decimals)
    s = score_unit(r, _indicators(small), UnitFigures("东城镇", "reported", {item.indicator: figure}))
    (got,) = s.items
    assert got.points == D(points)
    assert s.score == D(points)
    assert words in zh(s)


def _indicators(plan: Plan) -> dict[str, Any]:
    return {i.code: i for i in plan.indicators}


def test_no_target_full_counts_the_item_as_met(small: Plan) -> None:
    """``no_target: full`` (免考核按满分): a unit without a target for an item gets its points, so
    units with fewer targets are not ranked below the others for it."""
    unit = UnitFigures("西城镇", "reported", {"P1": Figure(None, D(3))})
    full = score_unit(
        rules(rule(points=15, bands=BANDS, per_shortfall=0.1), no_target="full"), _indicators(small), unit
    )
    assert full.score == 15 and zh(full) == "无目标，按满分计，得 15 分"
    zero = score_unit(rules(rule(points=15)), _indicators(small), unit)
    assert zero.score == 0 and zh(zero) == "无目标，本项不计分"


def test_not_submitted_counts_nothing_done_and_takes_the_penalty(small: Plan) -> None:
    r = rules(rule(points=15, bands=BANDS, per_shortfall=0.1), start=100, not_submitted=2)
    s = score_unit(r, _indicators(small), UnitFigures("东城镇", "not_submitted", {"P1": Figure(D(15), None)}))
    assert zh(s) == "未报送，完成按 0 计；低于 90%，得 0 分；差 15 件，扣 1.5 分"
    assert [(p.code, p.points) for p in s.penalties] == [("not_submitted", 2)]
    assert render_param(s.penalties[0].reason, "zh") == "未报送，扣 2 分"
    assert s.score == D("96.5")


# (case, how the unit stands, penalty code, points off, the words, scored)
PENALTIES: list[tuple[str, dict[str, Any], str, str, str, bool]] = [
    ("not submitted", {"standing": "not_submitted"}, "not_submitted", "2", "未报送，扣 2 分", True),
    ("overdue", {"standing": "reported", "overdue": True}, "overdue", "1", "逾期未报，扣 1 分", True),
    ("rejected, no valid return", {"standing": "rejected"}, "rejected", "1", "有填报表被退回，扣 1 分", False),
    (
        "rejected, an earlier one counts",
        {"standing": "reported", "rejected_returns": True},
        "rejected",
        "1",
        "被退回",
        True,
    ),
    (
        "conflict",
        {"standing": "conflict", "conflict": ("P1: 18 ≠ 21",)},
        "conflict",
        "1.5",
        "填报表数字冲突，扣 1.5 分",
        False,
    ),
    (
        "double counted",
        {"standing": "reported", "double_counted": ("ZL1", "ZL2", "ZL3")},
        "double_counted",
        "0.9",
        "重复计算 3 项（ZL1、ZL2、ZL3），每项扣 0.3 分，扣 0.9 分",
        True,
    ),
]


@pytest.mark.parametrize(
    ("how", "code", "off", "words", "scored"), [p[1:] for p in PENALTIES], ids=[p[0] for p in PENALTIES]
)
def test_each_penalty(small: Plan, how: dict[str, Any], code: str, off: str, words: str, scored: bool) -> None:
    r = rules(
        rule(points=10),
        start=100,
        not_submitted=2,
        overdue=1,
        rejected=1,
        conflict=1.5,
        double_counted_per_item=0.3,
    )
    figures = {"P1": Figure(D(15), D(15))} if how["standing"] == "reported" else {}
    s = score_unit(r, _indicators(small), UnitFigures("东城镇", figures=figures, **how))
    assert [(p.code, p.points) for p in s.penalties] == [(code, D(off))]
    assert words in render_param(s.penalties[0].reason, "zh")
    if scored:
        assert s.score == 100 + s.item_total - D(off)
        assert s.unscored is None
    else:
        assert s.score is None and s.items == ()
        assert "无法评分" in render_param(s.unscored, "zh")


def test_conflict_says_which_figures_differ(small: Plan) -> None:
    s = score_unit(
        rules(rule(points=10)), _indicators(small), UnitFigures("东城镇", "conflict", conflict=("P1: 18 ≠ 21",))
    )
    assert render_param(s.unscored, "zh") == (
        "无法评分：两份截至日期相同的填报表数字不一致（P1: 18 ≠ 21），不知用哪一份；请核实后重报"
    )
    assert "P1: 18 ≠ 21" in render_param(s.unscored, "en")


def test_no_penalty_when_the_rule_gives_none(small: Plan) -> None:
    s = score_unit(rules(rule(points=10)), _indicators(small), UnitFigures("东城镇", "not_submitted"))
    assert s.penalties == () and s.score == 0


def test_ties_share_a_rank_and_unscored_units_come_last(small: Plan) -> None:
    r = rules(rule(points=15))
    units = [
        UnitFigures("东城镇", "reported", {"P1": Figure(D(15), D(12))}),
        UnitFigures("西城镇", "conflict"),
        UnitFigures("南城镇", "reported", {"P1": Figure(D(15), D(15))}),
        UnitFigures("北城镇", "reported", {"P1": Figure(D(15), D(12))}),
        UnitFigures("中城镇", "reported", {"P1": Figure(D(15), D(3))}),
    ]
    out = score_units(r, _indicators(small), units)
    assert [(s.unit, s.score, s.rank) for s in out] == [
        ("南城镇", D(15), 1),
        ("东城镇", D(12), 2),
        ("北城镇", D(12), 2),
        ("中城镇", D(3), 4),
        ("西城镇", None, None),
    ]


def test_explanations_read_in_english(small: Plan) -> None:
    r = rules(rule(points=15, bands=BANDS, per_shortfall=0.1))
    s = score_unit(r, _indicators(small), UnitFigures("东城镇", "reported", {"P1": Figure(D(15), D(13))}))
    assert [render_param(p, "en") for p in s.items[0].reasons] == [
        "13 of 15 items done (86.7%)",
        "below 90%: 0 points",
        "2 items short: −0.2",
    ]


# ---- properties --------------------------------------------------------------------------------

_SAID = re.compile(r"(得|扣|加) (-?\d+(?:\.\d+)?) 分")


def _said(text: str) -> Decimal:
    """The points a sentence says it gives: the last 得/扣/加 N 分 in it, signed."""
    hits = _SAID.findall(text)
    if not hits:
        return D(0)
    verb, number = hits[-1]
    return -D(number) if verb == "扣" else D(number)


_money = st.decimals(min_value=0, max_value=40, places=1, allow_nan=False, allow_infinity=False)
_maybe = st.one_of(st.none(), st.decimals(min_value=0, max_value=5, places=2, allow_nan=False, allow_infinity=False))


@st.composite
def _cases(draw: st.DrawFn) -> tuple[ScoringRules, list[UnitFigures]]:
    items = []
    for code in draw(st.lists(st.sampled_from(["P1", "M1", "T1", "D1"]), min_size=1, max_size=4, unique=True)):
        points = draw(_maybe)
        floors = sorted(draw(st.sets(st.sampled_from([D("1.0"), D("0.9"), D("0.6"), D("0")]))), reverse=True)
        shares = sorted((draw(st.sampled_from([D("1"), D("0.6"), D("0.5"), D("0")])) for _ in floors), reverse=True)
        bands = tuple(Band(f, s) for f, s in zip(floors, shares, strict=True)) if code != "T1" and points else ()
        per_shortfall, per_excess = draw(_maybe), draw(_maybe)
        items.append(
            ItemRule(
                code,
                points,
                bands,
                per_shortfall,
                per_excess,
                draw(_maybe) if per_excess is not None else None,
                draw(_maybe) if per_shortfall is not None else None,
            )
        )
    r = ScoringRules(
        start=draw(st.sampled_from([D(0), D(100)])),
        basis=draw(st.sampled_from(["year", "schedule"])),
        decimals=draw(st.integers(0, 3)),
        items=tuple(items),
        penalties=PenaltyRules(*(draw(_maybe) or D(0) for _ in range(5))),
        no_target=draw(st.sampled_from(["zero", "full"])),
    )
    units = []
    for n in range(draw(st.integers(1, 6))):
        standing = draw(st.sampled_from(["reported", "reported", "not_submitted", "rejected", "conflict"]))
        figures = {}
        for item in items:
            target = D(1) if item.indicator == "D1" else draw(st.one_of(_money, st.none()))
            actual = draw(st.sampled_from([D(0), D(1)])) if item.indicator == "D1" else draw(_money)
            share = draw(st.sampled_from([D("0.5"), D("0.75"), D(1)]))
            expected = None if target is None else target * share
            figures[item.indicator] = Figure(target, None if standing == "not_submitted" else actual, expected)
        units.append(
            UnitFigures(
                f"单位{n}",
                standing,
                figures,
                overdue=draw(st.booleans()),
                rejected_returns=draw(st.booleans()),
                double_counted=tuple(draw(st.lists(st.sampled_from(["ZL1", "ZL2"]), max_size=2, unique=True))),
                conflict=("P1: 1 ≠ 2",) if standing == "conflict" else (),
            )
        )
    return r, units


@settings(max_examples=100, deadline=None)
@given(_cases())
def test_score_is_start_plus_the_explained_items_minus_penalties(
    small: Plan, case: tuple[ScoringRules, list[UnitFigures]]
) -> None:
    r, units = case
    out = score_units(r, _indicators(small), units)
    assert sorted(s.unit for s in out) == sorted(u.unit for u in units)
    for s in out:
        said_penalties = sum((_said(render_param(p.reason, "zh")) for p in s.penalties), D(0))
        assert -said_penalties == s.penalty_total
        if s.score is None:
            assert s.rank is None and s.unscored is not None
            continue
        for item in s.items:
            assert all(p.key in MESSAGES for p in item.reasons)
            assert item.points == sum((_said(render_param(p, "zh")) for p in item.reasons), D(0))
        assert s.score == r.start + sum((i.points for i in s.items), D(0)) - s.penalty_total
    scored = [s for s in out if s.score is not None]
    # Ranks: 1 + how many scored better; listed best first; unscored last.
    for s in scored:
        assert s.rank == 1 + sum(1 for t in scored if t.score is not None and s.score is not None and t.score > s.score)
    assert [s.score for s in scored] == sorted((s.score for s in scored if s.score is not None), reverse=True)
    assert all(s.score is None for s in out[len(scored) :])
