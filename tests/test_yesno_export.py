"""A yes/no duty (D1 知识产权办公室) asks 是: the meeting workbook writes its target, 序时应完成 and
计划总目标 as the terminal does (是 / yes), never the 1 it is stored as; 考核评分 and 趋势 say the answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ipcounty.cli import app
from tests.conftest import PLAN_PATH, ROOT

EXAMPLES = str(ROOT / "examples" / "returns")
WORDS = {
    "zh": {"yes": "是", "no": "否", "sheet": "D1 成立知识产权办公室", "score": "考核评分", "trend": "趋势"},
    "en": {"yes": "yes", "no": "no", "sheet": "D1 IP office set up", "score": "Scores", "trend": "Trend"},
}


@pytest.fixture(scope="module", params=["zh", "en"])
def book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    lang = request.param
    path = tmp_path_factory.mktemp(f"yesno-{lang}") / "m.xlsx"
    args = ["--lang", lang, "--plan", str(PLAN_PATH), "export", "2025", "--returns", EXAMPLES, "-o", str(path)]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    return lang, path


def _table(ws) -> tuple[list[str], dict[str, tuple]]:  # type: ignore[no-untyped-def]
    rows = list(ws.iter_rows(values_only=True))
    head = next(i for i, row in enumerate(rows) if row[1] in ("目标", "Target"))
    return list(rows[head]), {str(row[0]): row for row in rows[head + 1 :] if row[0]}


def test_the_yes_no_sheet_says_yes_where_the_terminal_does(book: tuple[str, Path], runner: CliRunner) -> None:
    lang, path = book
    w = WORDS[lang]
    wb = load_workbook(path)
    ws = wb[w["sheet"]]
    head, rows = _table(ws)
    col = {name: i for i, name in enumerate(head)}
    target, expected, plan_target, actual = (
        col[k]
        for k in (
            (("目标", "序时应完成", "计划总目标", "完成"))
            if lang == "zh"
            else ("Target", "Expected", "Plan target", "Actual")
        )
    )
    for unit in ("税郭镇", "孟庄镇", "矿区街道", "垎塔埠街道"):
        assert rows[unit][target] == w["yes"], rows[unit]
        assert rows[unit][expected] == w["yes"] and rows[unit][plan_target] == w["yes"], rows[unit]
    assert rows["垎塔埠街道"][actual] == w["no"]
    district = rows["全区" if lang == "zh" else "District"]
    assert district[target] is None and district[actual] == "7/11"
    assert not any(row[i] == 1 for row in rows.values() for i in (target, expected, plan_target))
    # the terminal says the same
    terminal = runner.invoke(
        app, ["--lang", lang, "--plan", str(PLAN_PATH), "report", "2025", "--returns", EXAMPLES], env={"COLUMNS": "100"}
    )
    d1 = terminal.stdout.split("\nD1 ")[1].split("\nD2 ")[0]
    line = next(x for x in d1.splitlines() if x.startswith("税郭镇"))
    assert line.split()[1:3] == [w["yes"], w["yes"]]


def test_score_and_trend_sheets_say_the_answer(book: tuple[str, Path]) -> None:
    lang, path = book
    w = WORDS[lang]
    wb = load_workbook(path)
    score = list(wb[w["score"]].iter_rows(values_only=True))
    head = next(row for row in score if row[0] in ("排名", "Rank"))
    d1 = head.index("D1")
    first = next(row for row in score if row[1] == "齐村镇")
    assert first[d1] == 5  # points, not the answer
    said = "D1 成立知识产权办公室：填报“是”，得 5 分" if lang == "zh" else "D1 IP office set up: answered yes, 5 points"
    assert said in first[-1]
    trend = list(wb[w["trend"]].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(trend) if str(row[0]).startswith("D1 "))
    answers = {v for row in trend[start + 2 : start + 14] for v in row[1:] if v is not None}
    assert {w["yes"], w["no"]} <= answers and 1 not in answers  # besides a unit's conflict


def test_the_html_page_says_yes_for_the_expected_answer(runner: CliRunner, tmp_path: Path) -> None:
    for lang, yes in (("zh", "是"), ("en", "yes")):
        page = tmp_path / f"{lang}.html"
        args = ["--lang", lang, "--plan", str(PLAN_PATH), "report", "2025", "--returns", EXAMPLES, "-o", str(page)]
        assert runner.invoke(app, args).exit_code == 0
        d1 = page.read_text(encoding="utf-8").split('<section id="D1">')[1].split("</section>")[0]
        row = d1.split('<td class="name">税郭镇</td>')[1].split("</tr>")[0]
        cells = [c.split(">", 1)[1] for c in row.split("</td>") if ">" in c]
        assert cells[:2] == [yes, yes] and cells[5] == yes and cells[-1] == yes, cells  # target, 序时应完成, 计划总目标
        assert cells[9] == "1" and "1.0" not in cells  # the 1 left is its rank
