"""Every example plan under examples/plans/ through the whole pipeline, and nothing any output shows
says another county's words (镇街, 全区, 区级) unless the plan itself uses them."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.plan import Plan, load_plan
from ipcounty.returns.fill import fill_return
from ipcounty.returns.template import rows_for
from tests.conftest import ROOT

PLANS = sorted(p for p in (ROOT / "examples" / "plans").iterdir() if (p / "targets.yaml").is_file())
SHIZHONG = ("镇街", "全区", "区级")
# (plan folder, year to run, --as-of for the report of the shipped returns)
RUNS = {
    "qingshan-county-2023": (2023, None),
    "hekou-city-2021-2025": (2023, None),
    "donghu-district-2025-quarterly": (2025, "2025-07-05"),
    "baiyun-banner-2024-goals-only": (2024, None),
}


def foreign_words(plan: Plan) -> re.Pattern[str]:
    """The 市中区 words this plan does not use itself."""
    w = plan.words
    own = f"{w.unit_word} {w.district} {w.level}级 全{w.level}"
    return re.compile("|".join(word for word in SHIZHONG if word not in own))


def workbook_text(path: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    cells = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    return "\n".join([*wb.sheetnames, *cells])


def docx_text(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join([*(p.text for p in d.paragraphs), *cells])


def good_figures(plan: Plan, unit: str, year: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for row in rows_for(plan, unit, year):
        ind = row.indicator
        out[ind.code] = {"yesno": "是", "qualitative": "推进中"}.get(ind.kind, row.target or 0)
    return out


def test_there_are_at_least_three_example_plans_each_with_returns() -> None:
    assert len(PLANS) >= 3
    for folder in PLANS:
        assert list((folder / "returns").rglob("*.xlsx")), folder


@pytest.mark.parametrize("folder", PLANS, ids=[p.name for p in PLANS])
def test_the_whole_pipeline_runs_on_the_example_plan(folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    plan_path = folder / "targets.yaml"
    plan = load_plan(plan_path)
    year, as_of = RUNS[folder.name]
    base = ["--plan", str(plan_path)]
    outputs: list[str] = []

    def run(*args: str, code: int = 0) -> str:
        r = runner.invoke(app, [*base, *args])
        assert r.exit_code == code, (args, r.output)
        outputs.append(r.output)
        return r.output

    for lang in ("zh", "en"):
        run("--lang", lang, "plan")
        run("--lang", lang, "plan", "--check")
    data = json.loads(run("plan", "--format", "json"))
    assert data["schema"] == "ipcounty.plan"

    # template → fill → validate
    blanks = tmp_path / "blank"
    run("template", str(year), "--out", str(blanks))
    made = sorted(blanks.glob("*.xlsx"))
    assert [p.name.split("_")[1] for p in made] == sorted(plan.reporting_names())
    filled = tmp_path / "returns"
    for blank in made:
        unit = blank.name.split("_")[1]
        fill_return(
            blank,
            filled / blank.name,
            as_of=plan.example_as_of(year),
            values=good_figures(plan, unit, year),
        )
        outputs.append(workbook_text(blank))
    run("validate", *(str(p) for p in sorted(filled.glob("*.xlsx"))))

    # report in every format, on the filled returns and on the shipped ones; score; trend; export
    shipped = folder / "returns"
    cut = ["--as-of", as_of] if as_of else []
    for returns in (filled, shipped):
        for fmt in ("table", "csv", "json", "markdown"):
            run("report", str(year), "--returns", str(returns), *cut, "--format", fmt)
        run("--lang", "en", "report", str(year), "--returns", str(returns), *cut)
        run("trend", str(year), "--returns", str(returns), *cut)
        run("remind", str(year), "--returns", str(returns), *cut)
        run("bulletin", str(year), "--returns", str(returns), *cut, "--format", "text")
        page = tmp_path / f"{returns.name}.html"
        run("report", str(year), "--returns", str(returns), *cut, "--format", "html", "-o", str(page))
        outputs.append(page.read_text(encoding="utf-8"))
        doc = tmp_path / f"{returns.name}.docx"
        run("bulletin", str(year), "--returns", str(returns), *cut, "-o", str(doc))
        outputs.append(docx_text(doc))
        if plan.scoring is not None:
            run("score", str(year), "--returns", str(returns), *cut)
        book = tmp_path / f"{returns.name}.xlsx"
        run("export", str(year), "--returns", str(returns), *cut, "-o", str(book))
        outputs.append(workbook_text(book))
    report = json.loads(run("report", str(year), "--returns", str(filled), "--format", "json"))
    assert report["rows"], "the report has rows"

    foreign = foreign_words(plan)
    text = "\n".join(outputs)
    assert not foreign.search(text), sorted(set(foreign.findall(text)))
    assert plan.words.district in text


def test_the_quarterly_plan_is_judged_against_its_quarters() -> None:
    folder = ROOT / "examples" / "plans" / "donghu-district-2025-quarterly"
    args = ["report", "2025", "--returns", str(folder / "returns"), "--as-of", "2025-07-05", "--format", "json"]
    r = CliRunner().invoke(app, ["--plan", str(folder / "targets.yaml"), *args])
    assert r.exit_code == 0, r.output
    rows = {(x["reporting_unit"], x["indicator_code"]): x for x in json.loads(r.output)["rows"]}
    # 湖滨街道 at 30 June: Q1 20 + Q2 30 of 120 are due, 41.7%, not half the year.
    assert rows[("湖滨街道", "F1")]["time_share"] == pytest.approx(50 / 120, abs=1e-4)
    # 新城街道's latest return is of 31 March: its Q1 target 10 of 80.
    assert rows[("新城街道", "F1")]["time_share"] == pytest.approx(10 / 80, abs=1e-4)


def test_the_shipped_returns_are_what_the_maker_makes(tmp_path: Path) -> None:
    """The example returns are read as made: every one passes (one warns about its brackets)."""
    runner = CliRunner()
    for folder in PLANS:
        files = sorted(str(p) for p in (folder / "returns").rglob("*.xlsx"))
        r = runner.invoke(app, ["--plan", str(folder / "targets.yaml"), "validate", *files])
        assert r.exit_code == 0, r.output
        assert "0 退回" in r.output


def test_an_as_of_date_outside_a_one_quarter_plan_is_rejected(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "plans" / "donghu-district-2025-quarterly" / "targets.yaml").read_text("utf-8")
    text = text.replace("end: 2025-12-31", "end: 2025-06-30").replace(", 2025Q3: 30, 2025Q4: 40", "")
    text = text.replace(", 2025Q3: 25, 2025Q4: 35", "").replace(", 2025Q3: 20, 2025Q4: 30", "")
    text = text.replace(", 2025Q3: 75, 2025Q4: 105, 2025: 300}", ", 2025: 120}").replace(
        "grand_total: 300", "grand_total: 120"
    )
    text = text.replace("target: 300}", "target: 120}")
    text = (
        text.replace(
            """      湖滨街道: {2025-01: 1, 2025-02: 0, 2025-03: 1, 2025-04: 1, 2025-05: 1, 2025-06: 2,
                2025-07: 0, 2025-08: 0, 2025-09: 1, 2025-10: 1, 2025-11: 1, 2025-12: 1}""",
            "      湖滨街道: {2025-01: 1, 2025-02: 0, 2025-03: 1, 2025-04: 1, 2025-05: 1, 2025-06: 2}",
        )
        .replace("东门街道: {2025: 8}", "东门街道: {2025Q1: 2, 2025Q2: 2}")
        .replace("新城街道: {2025: 6}", "新城街道: {2025Q2: 3}")
    )
    path = tmp_path / "h1.yaml"
    path.write_text(text, encoding="utf-8")
    plan = load_plan(path)
    assert plan.example_as_of(2025) == dt.date(2025, 6, 30)
    from ipcounty.returns.reader import read_return
    from ipcounty.returns.template import write_template

    blank = write_template(plan, "湖滨街道", 2025, tmp_path / "blank.xlsx")
    late = fill_return(
        blank, tmp_path / "late.xlsx", as_of=dt.date(2025, 9, 30), values=good_figures(plan, "湖滨街道", 2025)
    )
    ret = read_return(late, plan, today=dt.date(2026, 1, 1))
    assert [f.code for f in ret.findings if f.severity == "error"] == ["date-outside-plan"]
    assert "不在计划期 2025-01-01 至 2025-06-30 内" in ret.findings[0].message("zh")


@pytest.mark.parametrize("spelt", ["经济开发区(高新区)管委会", "经济开发区（高新 区）管委会", "开发区管委会"])
def test_unit_option_matches_other_brackets_and_spaces_and_shows_the_plans_spelling(spelt: str) -> None:
    folder = ROOT / "examples" / "plans" / "qingshan-county-2023"
    args = ["report", "2023", "--returns", str(folder / "returns"), "--unit", spelt, "--format", "csv"]
    r = CliRunner().invoke(app, ["--plan", str(folder / "targets.yaml"), *args])
    assert r.exit_code == 0, r.output
    units = {line.split(",")[1] for line in r.output.splitlines()[1:]}
    assert units == {"经济开发区（高新区）管委会"}


@pytest.mark.parametrize(
    ("folder", "year", "absent"),
    [
        ("hekou-city-2021-2025", "2023", "全市填报表"),  # no goals of its own: no form to chase
        ("baiyun-banner-2024-goals-only", "2024", "已报送 0/0"),  # no units: none to count
    ],
)
def test_a_plan_without_district_goals_or_without_units_chases_nobody_it_need_not(
    folder: str, year: str, absent: str
) -> None:
    path = ROOT / "examples" / "plans" / folder
    r = CliRunner().invoke(
        app, ["--plan", str(path / "targets.yaml"), "report", year, "--returns", str(path / "returns"), "--strict"]
    )
    assert r.exit_code == 0, r.output
    assert absent not in r.output and "未报送" not in r.output


def test_a_return_of_an_unknown_unit_is_not_told_it_lacks_rows(tmp_path: Path) -> None:
    from ipcounty.returns.reader import read_return
    from ipcounty.returns.template import write_template

    plan = load_plan(ROOT / "examples" / "plans" / "qingshan-county-2023" / "targets.yaml")
    blank = write_template(plan, "城关街道", 2023, tmp_path / "blank.xlsx")
    path = fill_return(
        blank,
        tmp_path / "forest.xlsx",
        as_of=dt.date(2023, 9, 30),
        values=good_figures(plan, "城关街道", 2023),
        header={"镇街": "林业局"},
    )
    ret = read_return(path, plan, today=dt.date(2024, 1, 1))
    assert [f.code for f in ret.findings if f.severity == "error"] == ["unknown-township"]
    assert "未知的单位“林业局”" in ret.findings[0].message("zh")


@pytest.mark.parametrize("how", [["-u", "全市"], ["--unit", " 全市 "], ["--district"]])
def test_a_plan_without_city_goals_has_no_district_form_to_write(how: list[str], tmp_path: Path) -> None:
    """河口市 has no 市级目标: asking for 全市's form is refused (exit 2), not an empty form written."""
    plan_path = ROOT / "examples" / "plans" / "hekou-city-2021-2025" / "targets.yaml"
    out = tmp_path / "out"
    for lang, words in (("zh", "本计划没有市级目标，因此没有全市填报表"), ("en", "there is no city form")):
        args = ["--lang", lang, "--plan", str(plan_path), "template", "2023", *how, "-o", str(out)]
        r = CliRunner().invoke(app, args)
        assert r.exit_code == 2, r.output
        assert words in r.output and "Traceback" not in r.output
    assert not out.exists() or not list(out.iterdir())
