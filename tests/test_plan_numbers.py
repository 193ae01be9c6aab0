"""Every number of the plan, as encoded in data/targets.yaml, against the published text.

Two independent checks: a table typed into this test from the seed, and (when the seed text is
beside the project, as in CI) the annex tables parsed straight from the seed.
"""

from __future__ import annotations

import re

import pytest

from ipcounty.plan import Plan
from tests.conftest import SEED, TOWNS

BIG = {"税郭镇", "西王庄镇", "孟庄镇", "永安镇", "齐村镇", "光明路街道"}

# code -> (annex title as printed, unit, scope, per-town yearly/period target, 合计 per year, 总数值)
ANNEX = {
    "B1": ("新增有效发明专利数量", "个", "yearly", lambda t: 15 if t in BIG else 10, 140, 420),
    "B2": ("国家知识产权优势、示范企业", "家", "period", lambda t: 2 if t in BIG else 1, 17, 17),
    "B3": ("知识产权专利开放许可", "项", "yearly", lambda t: 5, 55, 165),
    "B4": ("知识产权商标品牌培育指导站", "家", "period", lambda t: 2 if t in BIG else 1, 17, 17),
    "B5": ("知识产权培训次数", "次", "yearly", lambda t: 1, 11, 33),
}

# The 19 numeric goals of 二(二): code -> (unit, target, kind)
GOALS = {
    "G01": ("件", 600, "stock"),
    "G02": ("件", 13000, "stock"),
    "G03": ("件", 7, "stock"),
    "G04": ("件", 20, "stock"),
    "G05": ("个", 4, "flow"),
    "G06": ("家", 10, "flow"),
    "G07": ("家", 2, "stock"),
    "G08": ("亿元", 3, "flow"),
    "G09": ("项", 200, "flow"),
    "G10": ("件", 12, "flow"),
    "G11": ("件", 15, "flow"),
    "G12": ("%", 90, "rate"),
    "G13": ("个", 2, "flow"),
    "G14": ("家", 40, "flow"),
    "G15": ("%", 96, "rate"),
    "G16": ("家", 15, "flow"),
    "G17": ("户", 80, "flow"),
    "G18": ("名", 50, "flow"),
    "G19": ("人次", 600, "flow"),
}


@pytest.mark.parametrize("code", sorted(ANNEX))
def test_annex_breakdown_matches_the_published_table(plan: Plan, code: str) -> None:
    title, unit, scope, per_town, year_total, grand = ANNEX[code]
    ind = plan.indicator(code)
    assert (ind.name, ind.unit, ind.scope) == (title, unit, scope)
    for town in TOWNS:
        if scope == "yearly":
            assert [plan.target(code, town, y) for y in (2024, 2025, 2026)] == [per_town(town)] * 3
            assert plan.plan_target(code, town) == 3 * per_town(town)
        else:
            assert plan.target(code, town, 2025) == per_town(town)
    if scope == "yearly":
        assert [plan.target(code, "全区", y) for y in (2024, 2025, 2026)] == [year_total] * 3
    assert plan.plan_target(code, "全区") == grand


def test_every_numeric_district_goal(plan: Plan) -> None:
    numeric = {g.code: (g.unit, g.target, g.kind) for g in plan.file.goals if g.kind != "qualitative"}
    assert numeric == GOALS
    assert all(g.deadline is None or g.deadline.year == 2026 for g in plan.file.goals)


def test_qualitative_goals_phases_duties_and_units(plan: Plan) -> None:
    quals = [g.name for g in plan.file.goals if g.kind == "qualitative"]
    assert any("全市前列" in q for q in quals)
    assert sum("突破性进展" in q for q in quals) == 2
    assert any("服务机构" in q for q in quals)
    assert [(p.start.isoformat(), p.end.isoformat()) for p in plan.file.phases] == [
        ("2024-01-01", "2024-03-31"),
        ("2024-04-01", "2026-08-31"),
        ("2026-09-01", "2026-12-31"),
    ]
    duties = {d.code: d for d in plan.file.duties}
    assert duties["D1"].kind == "yesno" and "办公室" in duties["D1"].name
    assert duties["D2"].target == 2 and duties["D2"].unit == "人"
    assert plan.unit_names == TOWNS
    assert plan.canonical_unit("各塔埠街道") == ("垎塔埠街道", True)


def test_every_goal_names_its_source_and_responsible_units(plan: Plan) -> None:
    measures = {m.code: m for m in plan.file.measures}
    for g in [*plan.file.goals, *plan.file.breakdowns]:
        assert re.match(r"^(二\(二\)[1-4]|附件[一二三四五])$", g.source), g.code
        assert g.measures and all(measures[m].responsible for m in g.measures), g.code
    assert "区市场监督管理局" in measures["M1"].responsible


def _seed_tables() -> dict[str, list[str]]:
    """The annex of the seed as token lists, one per table title."""
    text = SEED.read_text(encoding="utf-8")
    annex = text[text.rindex("工作任务目标分解表") :]
    tokens = [t.strip() for t in re.split(r"[\t\n]", annex) if t.strip()]
    tables: dict[str, list[str]] = {}
    current = None
    for tok in tokens:
        m = re.match(r"^[一二三四五]、(.+?)（.+）$", tok)
        if m:
            current = m.group(1)
            tables[current] = []
        elif current:
            tables[current].append(tok)
    return tables


@pytest.mark.skipif(not SEED.is_file(), reason="the seed text is not beside the project")
@pytest.mark.parametrize("code", sorted(ANNEX))
def test_annex_parsed_from_the_seed_equals_the_yaml(plan: Plan, code: str) -> None:
    tables = _seed_tables()
    ind = plan.indicator(code)
    tokens = tables[ind.name]
    width = 4 if ind.scope == "yearly" else 2
    for name in [*TOWNS, "各塔埠街道", "全区"]:
        if name not in tokens:
            continue
        i = tokens.index(name)
        numbers = [float(t) for t in tokens[i + 1 : i + 1 + width]]
        canonical = plan.canonical_unit(name)
        assert canonical is not None
        unit = canonical[0]
        if ind.scope == "yearly":
            assert numbers[:3] == [plan.target(code, unit, y) for y in (2024, 2025, 2026)], name
        else:
            assert numbers[0] == plan.target(code, unit, 2024), name
        assert numbers[-1] == plan.plan_target(code, unit), name


@pytest.mark.skipif(not SEED.is_file(), reason="the seed text is not beside the project")
@pytest.mark.parametrize("code", sorted(GOALS))
def test_goal_number_appears_in_its_sentence_of_the_seed(plan: Plan, code: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    unit, target, _ = GOALS[code]
    number = f"{target}{unit}"
    if code == "G08":
        number = "3亿元"
    assert number in text, number
