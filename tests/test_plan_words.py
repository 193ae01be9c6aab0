"""The plan's words (区/县, 镇街/单位, 全区/全县, 主送) are parameters of every sentence, never literals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.i18n import LABELS, MESSAGES, PlanWords, speaking, tr
from ipcounty.i18n.words import derive_words
from ipcounty.plan import Plan
from tests.conftest import OTHER_PLAN_PATH, ROOT

SHIZHONG_WORDS = re.compile("镇街|全区|区级|区里|区知识产权")
COUNTY = PlanWords(level="县", unit_word="单位", district="全县")


def test_the_real_plan_speaks_its_own_words(plan: Plan) -> None:
    assert (plan.words.level, plan.words.unit_word, plan.words.district) == ("区", "镇街", "全区")
    assert plan.words.addressees_text == "各镇人民政府，各街道办事处，区政府有关部门"


def test_unset_words_are_derived_from_region_units_and_level(other_plan: Plan) -> None:
    # 测试县 → 县; a 乡, a department and a park side by side → 单位; the whole as the YAML names it.
    assert (other_plan.words.level, other_plan.words.unit_word, other_plan.words.district) == ("县", "单位", "全县")
    w = derive_words(level=None, unit_word=None, district=None, region="某市某区", unit_types=["镇", "街道"])
    assert (w.level, w.unit_word, w.district, w.addressees_text) == ("区", "镇街", "全区", "各镇街")
    w = derive_words(level="市", unit_word="部门", district=None, region="x", unit_types=[], addressees="甲，乙")
    assert (w.district, w.addressees) == ("全市", ("甲", "乙"))


@pytest.mark.parametrize(
    ("key", "lang", "expected"),
    [
        ("col.township", "zh", "单位"),
        ("col.township", "en", "Unit"),
        ("col.goal", "zh", "县级目标"),
        ("col.goal", "en", "County goal"),
        ("district", "zh", "全县"),
        ("district", "en", "County"),
        ("all_units", "zh", "各单位"),
        ("heading.goals_form", "zh", "县级目标（全县填报表）"),
        ("heading.unit_statuses", "zh", "单位×指标 状态统计"),
    ],
)
def test_tr_fills_the_words_given(key: str, lang: str, expected: str) -> None:
    assert tr(key, lang, words=COUNTY) == expected


def test_words_in_use_explicit_words_and_parameters_in_that_order() -> None:
    assert tr("col.township", "zh") == "镇街"  # nothing loaded: the default words
    with speaking(COUNTY):
        assert tr("col.township", "zh") == "单位"
        assert tr("col.township", "zh", words=PlanWords(unit_word="部门")) == "部门"
        assert tr("col.township", "zh", unit_word="园区") == "园区"
    assert tr("col.township", "zh") == "镇街"  # restored after the block


def test_no_sentence_of_the_catalogue_spells_shizhong_words() -> None:
    literal = {k: zh for k, (zh, _en) in {**MESSAGES, **LABELS}.items() if SHIZHONG_WORDS.search(zh)}
    assert literal == {}


def test_no_string_in_the_code_spells_shizhong_words() -> None:
    """Outside the words' defaults and the reader's synonyms of the unit label, no string in the
    code says 镇街 or 全区 (docstrings aside): a new output takes them from the plan."""
    import ast

    allowed = {"i18n/words.py", "returns/layout.py"}
    found = []
    for path in sorted((ROOT / "src" / "ipcounty").rglob("*.py")):
        rel = path.relative_to(ROOT / "src" / "ipcounty").as_posix()
        if rel in allowed:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and id(node) not in docstrings and SHIZHONG_WORDS.search(node.value):
                found.append(f"{rel}:{node.lineno}: {node.value}")
    assert found == []


def test_a_county_plan_end_to_end_says_only_its_own_words(tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--plan", str(OTHER_PLAN_PATH)]
    out = tmp_path / "t"
    seen: list[str] = []
    for lang in ("zh", "en"):
        args = [*base, "--lang", lang]
        r = runner.invoke(app, [*args, "plan"])
        assert r.exit_code == 0, r.output
        seen.append(r.output)
        r = runner.invoke(app, [*args, "template", "2024", "--force", "--out", str(out)])
        assert r.exit_code == 0, r.output
        for fmt in ("table", "markdown", "csv", "json"):
            r = runner.invoke(app, [*args, "report", "2024", "--returns", str(out), "--format", fmt])
            assert r.exit_code == 0, r.output
            seen.append(r.output)
        r = runner.invoke(app, [*args, "report", "2024", "--returns", str(out), "-t", "林业"])
        assert r.exit_code == 2
        seen.append(r.output)
    text = "\n".join(seen)
    assert "单位" in text and "全县" in text and "县级目标" in text and "County goals" in text
    assert "未知的单位 林业" in text
    assert not SHIZHONG_WORDS.search(text), SHIZHONG_WORDS.findall(text)


def test_a_county_template_labels_its_unit_and_writes_its_guide_from_the_plan(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    r = CliRunner().invoke(app, ["--plan", str(OTHER_PLAN_PATH), "template", "2024", "--out", str(tmp_path)])
    assert r.exit_code == 0, r.output
    wb = load_workbook(tmp_path / "2024_高新区管委会_填报表.xlsx")
    assert wb["填报表"]["A4"].value == "单位"
    guide = "\n".join(str(c.value) for c in wb["说明"]["A"] if c.value)
    assert not SHIZHONG_WORDS.search(guide)
    assert "专职人员" not in guide and "明细" not in guide and "是/否" not in guide
    assert "2024-09-30" in guide and "“件”" in guide


def test_a_county_return_is_read_by_its_unit_label(tmp_path: Path, other_plan: Plan) -> None:
    import datetime as dt

    from ipcounty.returns.fill import fill_return
    from ipcounty.returns.reader import read_return
    from ipcounty.returns.template import write_template

    blank = write_template(other_plan, "县科技局", 2024, tmp_path / "blank.xlsx")
    path = fill_return(blank, tmp_path / "filled.xlsx", as_of=dt.date(2024, 6, 30), values={"F1": 300})
    ret = read_return(path, other_plan, today=dt.date(2025, 1, 1))
    assert ret.unit == "县科技局"
    assert ret.status == "ok", [f.message("zh") for f in ret.findings]
