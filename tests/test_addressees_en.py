"""The English 通报 has an English 主送 line, made by the rule the Chinese one follows (the plan's
``addressees``, else 各 + its unit word), for every example plan; the Chinese line is unchanged."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.i18n.words import PlanWords, derive_words
from tests.conftest import PLAN_PATH, ROOT

PLANS = ROOT / "examples" / "plans"
CASES = [
    (
        PLAN_PATH,
        ROOT / "examples" / "returns",
        "2025",
        "各镇人民政府，各街道办事处，区政府有关部门：",
        "To the town governments, the subdistrict offices and the district government departments concerned:",
    ),
    (PLANS / "baiyun-banner-2024-goals-only" / "targets.yaml", None, "2024", "各单位：", "To all units:"),
    (
        PLANS / "donghu-district-2025-quarterly" / "targets.yaml",
        None,
        "2025",
        "各街道办事处，区直有关部门：",
        "To the subdistrict offices and the district government departments concerned:",
    ),
    (
        PLANS / "hekou-city-2021-2025" / "targets.yaml",
        None,
        "2023",
        "各乡镇人民政府：",
        "To the township and town governments:",
    ),
    (
        PLANS / "qingshan-county-2023" / "targets.yaml",
        None,
        "2023",
        "各乡镇人民政府，各街道办事处，县直各部门，经济开发区管委会：",
        "To the township and town governments, the subdistrict offices, all county government departments "
        "and the Economic Development Zone Management Committee:",
    ),
]


def _run(runner: CliRunner, *args: str) -> str:
    r = runner.invoke(app, list(args), env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.mark.parametrize(("plan", "returns", "year", "zh", "en"), CASES, ids=lambda c: getattr(c, "parent", c))
def test_every_example_plans_bulletin_has_its_addressees_in_both_languages(
    runner: CliRunner, tmp_path: Path, plan: Path, returns: Path | None, year: str, zh: str, en: str
) -> None:
    folder = str(returns or plan.parent / "returns")
    base = ["--plan", str(plan)]
    for lang, line in (("zh", zh), ("en", en)):
        text = _run(runner, "--lang", lang, *base, "bulletin", year, "--returns", folder, "--format", "text")
        assert text.splitlines()[2] == line
        md = _run(runner, "--lang", lang, *base, "bulletin", year, "--returns", folder, "--format", "markdown")
        assert md.splitlines()[2] == line
        doc = tmp_path / f"{lang}.docx"
        _run(runner, "--lang", lang, *base, "bulletin", year, "--returns", folder, "-o", str(doc))
        with zipfile.ZipFile(doc) as z:
            paras = [re.sub(r"<[^>]+>", "", p) for p in z.read("word/document.xml").decode("utf-8").split("</w:p>")]
        assert line in paras
    assert not re.search(r"[\u4e00-\u9fff：]", en)


def test_a_plan_may_say_its_addressees_in_english(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan(
        "  addressees: [各镇人民政府, 各街道办事处, 区政府有关部门]",
        "  addressees: [各镇人民政府, 各街道办事处, 区政府有关部门]\n"
        "  addressees_en: the town governments; the subdistrict offices; the district bureaus",
    )
    folder = str(ROOT / "examples" / "returns")
    text = _run(
        runner, "--lang", "en", "--plan", str(path), "bulletin", "2025", "--returns", folder, "--format", "text"
    )
    assert text.splitlines()[2] == "To the town governments, the subdistrict offices and the district bureaus:"
    zh = _run(runner, "--plan", str(path), "bulletin", "2025", "--returns", folder, "--format", "text")
    assert zh.splitlines()[2] == "各镇人民政府，各街道办事处，区政府有关部门："


def test_an_addressee_the_catalogue_does_not_know_stays_as_written() -> None:
    words = derive_words(
        level="县", unit_word=None, district=None, region="某县", unit_types=["镇"], addressees="各镇人民政府，县人武部"
    )
    assert words.addressees_line("en") == "To the town governments and 县人武部"
    assert words.addressees_line("zh") == "各镇人民政府，县人武部"


def test_the_default_addressee_follows_the_unit_word() -> None:
    assert PlanWords(unit_word="部门", unit_word_en="department").addressees_line("en") == "To all departments"
    assert PlanWords(unit_word="镇街").addressees_line("en") == "To all units"
    assert PlanWords(unit_word="镇街").addressees_line("zh") == "各镇街"
