"""Units of measure in English output: 件, 个, 家, 万元 … are said in English words (the plan's
``unit_en``, else the catalogue's), by one function, in every output; Chinese output keeps the
plan's own symbols; a unit with no English word stays as the plan writes it, never an error."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.i18n import speaking
from ipcounty.i18n.words import PlanWords
from ipcounty.render.numbers import fmt_amount, fmt_unit_paren, unit_word
from tests.conftest import PLAN_PATH, ROOT

EXAMPLES = str(ROOT / "examples" / "returns")
PLANS = ROOT / "examples" / "plans"
# A unit symbol right after a figure or in brackets, as English output printed them before:
# ``20 of 15 个``, ``10 / 10家``, ``(件)``. Names of units (税郭镇) and return files are not units.
SYMBOLS = "人次|万元|亿元|件|个|家|项|次|人|名|户|天"
UNIT_AFTER_FIGURE = re.compile(rf"\d\s?({SYMBOLS})(?![\u4e00-\u9fff])")
UNIT_IN_BRACKETS = re.compile(rf"[(（]({SYMBOLS})[)）]")


def out(runner: CliRunner, *args: str, cols: int = 100) -> str:
    r = runner.invoke(app, list(args), env={"COLUMNS": str(cols)})
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.mark.parametrize(
    ("unit", "count", "word"),
    [
        ("件", "15", "items"),
        ("件", "1", "item"),
        ("件", None, "items"),  # a heading: (items)
        ("个", "0", "items"),
        ("家", "1", "body"),
        ("家", "17", "bodies"),
        ("次", "8", "events"),
        ("人", "1", "person"),
        ("人", "2", "people"),
        ("人次", "600", "person-times"),
        ("万元", "1", "ten thousand yuan"),
        ("亿元", "2.05", "hundred million yuan"),
        ("天", "30", "days"),
        ("%", "92.5", "%"),
        ("株", "3", "株"),  # not in the catalogue, no unit_en: as the plan writes it
        ("", "3", ""),
    ],
)
def test_a_unit_reads_in_english_by_its_count(unit: str, count: str | None, word: str) -> None:
    assert unit_word(unit, "en", count) == word
    assert unit_word(unit, "zh", count) == unit  # Chinese keeps the plan's own symbol


def test_a_figure_with_its_unit() -> None:
    assert fmt_amount("15", "件", "zh") == "15件"
    assert fmt_amount("15", "件", "en") == "15 items"
    assert fmt_amount("1", "件", "en") == "1 item"
    assert fmt_amount("92.5", "%", "en") == "92.5%"
    assert fmt_unit_paren("个", "zh") == "（个）"
    assert fmt_unit_paren("个", "en") == " (items)"
    assert fmt_unit_paren("", "en", yesno=True) == " (yes/no)"


def test_the_plans_own_english_word_comes_before_the_catalogue() -> None:
    words = PlanWords(units_en=(("家", "enterprise", "enterprises"), ("台", "machine", "machines")))
    with speaking(words):
        assert unit_word("家", "en", "2") == "enterprises"
        assert unit_word("台", "en", "1") == "machine"
        assert unit_word("件", "en", "2") == "items"
        assert unit_word("台", "zh", "1") == "台"


@pytest.mark.parametrize(
    "args",
    [
        ["report", "2025"],
        ["report", "2025", "--format", "markdown"],
        ["report", "2025", "--format", "csv"],
        ["score", "2025"],
        ["score", "2025", "--format", "markdown"],
        ["bulletin", "2025", "--format", "text"],
        ["bulletin", "2025", "--format", "markdown"],
        ["trend", "2025"],
        ["remind", "2025"],
    ],
)
def test_english_output_carries_no_chinese_unit(runner: CliRunner, args: list[str]) -> None:
    for cols in (80, 100):
        text = out(runner, "--lang", "en", "--plan", str(PLAN_PATH), *args, "--returns", EXAMPLES, cols=cols)
        assert not UNIT_AFTER_FIGURE.search(text), UNIT_AFTER_FIGURE.search(text)
        assert not UNIT_IN_BRACKETS.search(text), UNIT_IN_BRACKETS.search(text)


def test_english_plan_and_its_check_say_units_in_english(runner: CliRunner) -> None:
    plan = out(runner, "--lang", "en", "--plan", str(PLAN_PATH), "plan")
    assert "at least 4 items" in plan and "600 items" in plan and "600 person-times" in plan
    assert "10 bodies (B2)" in plan and "at least 2 people" in plan
    assert "B1 New invention patents in force (items) · 附件一" in plan
    assert not UNIT_AFTER_FIGURE.search(plan) and not UNIT_IN_BRACKETS.search(plan)
    notes = out(runner, "--lang", "en", "--plan", str(PLAN_PATH), "plan", "--check")
    assert "allocates 17 bodies, but the district goal it serves, G06" in notes
    assert "B5 (IP training sessions, events) serves G19" in notes
    zh = out(runner, "--plan", str(PLAN_PATH), "plan")
    assert "达到600件" in zh and "4个以上" in zh and "10家（B2）" in zh


def test_chinese_output_keeps_the_plans_units(runner: CliRunner) -> None:
    report = out(runner, "--plan", str(PLAN_PATH), "report", "2025", "--returns", EXAMPLES)
    assert "新增有效发明专利数量（个）" in report and "累计完成 10 / 10家" in report
    score = out(runner, "--plan", str(PLAN_PATH), "score", "2025", "--returns", EXAMPLES)
    assert "完成 20/15 个（133.3%）" in score


def test_english_report_and_score_read_in_words(runner: CliRunner) -> None:
    report = out(runner, "--lang", "en", "--plan", str(PLAN_PATH), "report", "2025", "--returns", EXAMPLES)
    assert "B2 National IP advantage and demonstration enterprises (bodies)" in report
    assert "cumulative 10 / 10 bodies, 100.0% done" in report
    score = out(runner, "--lang", "en", "--plan", str(PLAN_PATH), "score", "2025", "--returns", EXAMPLES)
    assert "20 of 15 items done (133.3%)" in score and "5 items over: +2.5" in score
    assert "1 of 2 people done (50.0%)" in score
    csv = out(
        runner, "--lang", "en", "--plan", str(PLAN_PATH), "report", "2025", "--returns", EXAMPLES, "--format", "csv"
    )
    assert ",B1,New invention patents in force,items," in csv
    zh_csv = out(runner, "--plan", str(PLAN_PATH), "report", "2025", "--returns", EXAMPLES, "--format", "csv")
    assert ",B1,新增有效发明专利数量,个," in zh_csv


def test_a_plan_names_its_units_in_english(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan(
        "  - {symbol: 家, integer: true, same_as: [件, 个, 项]}",
        "  - {symbol: 家, integer: true, same_as: [件, 个, 项], unit_en: [enterprise, enterprises]}\n"
        "  - {symbol: 株, integer: true}",
    )
    text = path.read_text(encoding="utf-8").replace(
        "  - {symbol: 户, integer: true}", "  - {symbol: 户, integer: true, unit_en: visits}"
    )
    text = text.replace("unit: 名, target: 50", "unit: 株, target: 50")
    path.write_text(text, encoding="utf-8")
    plan = out(runner, "--lang", "en", "--plan", str(path), "plan")
    assert "10 enterprises (B2)" in plan  # the plan's word before the catalogue's (bodies)
    assert "at least 80 visits" in plan  # one word for every count
    assert "at least 50 株" in plan  # no English word anywhere: the plan's own, no error
    report = out(runner, "--lang", "en", "--plan", str(path), "report", "2025", "--returns", EXAMPLES)
    assert "(enterprises) · 附件二" in report and "cumulative 10 / 10 enterprises" in report


def test_english_words_do_not_change_the_plans_fingerprint(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan("  - {symbol: 户, integer: true}", "  - {symbol: 户, integer: true, unit_en: [visit, visits]}")
    from ipcounty.plan import load_plan

    assert load_plan(path).fingerprint == load_plan(PLAN_PATH).fingerprint
    text = out(runner, "--plan", str(path), "validate", EXAMPLES + "/2025/2025_税郭镇_填报表.xlsx")
    assert "旧版计划" not in text and "另一份计划" not in text


@pytest.mark.parametrize("bad", ["[a, b, c]", '""', "[[x]]", "[]"])
def test_a_bad_unit_en_is_said_with_its_line(runner: CliRunner, write_plan: Callable[..., Path], bad: str) -> None:
    path = write_plan("  - {symbol: 户, integer: true}", f"  - {{symbol: 户, integer: true, unit_en: {bad}}}")
    for lang, words in (
        ("zh", "计量单位 户 的 unit_en 应写一个英文词"),
        ("en", "unit_en of the unit of measure 户 must be"),
    ):
        r = runner.invoke(app, ["--lang", lang, "--plan", str(path), "plan", "--check"])
        assert r.exit_code == 1, r.output
        assert "plan.yaml:41:" in r.output and words in r.output, r.output
        assert "Traceback" not in r.output


def test_every_example_plan_speaks_english_units(runner: CliRunner) -> None:
    for folder in sorted(PLANS.iterdir()):
        plan = folder / "targets.yaml"
        year = re.search(r"period: \{start: (\d{4})", plan.read_text(encoding="utf-8"))
        assert year
        for args in (["report", year.group(1)], ["bulletin", year.group(1), "--format", "text"], ["plan"]):
            extra = ["--returns", str(folder / "returns")] if args[0] != "plan" else []
            text = out(runner, "--lang", "en", "--plan", str(plan), *args, *extra)
            assert not UNIT_AFTER_FIGURE.search(text), (folder.name, args, UNIT_AFTER_FIGURE.search(text))
            assert not UNIT_IN_BRACKETS.search(text), (folder.name, args, UNIT_IN_BRACKETS.search(text))


def _xml_text(path: Path, member_suffix: str) -> str:
    with zipfile.ZipFile(path) as z:
        return " ".join(
            re.sub(r"<[^>]+>", " ", z.read(n).decode("utf-8")) for n in z.namelist() if n.endswith(member_suffix)
        )


def test_english_workbook_and_docx_carry_no_chinese_unit(runner: CliRunner, tmp_path: Path) -> None:
    book, doc = tmp_path / "m.xlsx", tmp_path / "b.docx"
    base = ["--lang", "en", "--plan", str(PLAN_PATH)]
    out(runner, *base, "export", "2025", "--returns", EXAMPLES, "-o", str(book))
    out(runner, *base, "bulletin", "2025", "--returns", EXAMPLES, "-o", str(doc))
    cells = _xml_text(book, ".xml")
    # What a township wrote stays as written: its note (含高校转化2件) and the cells a finding
    # quotes (``'１２个' read as 12 …, unit '个' removed``); so does the plan's own ``why``.
    cells = re.sub(r"'[^']*'|\S*口径不同", "", cells.replace("含高校转化2件", ""))
    assert not UNIT_AFTER_FIGURE.search(cells), UNIT_AFTER_FIGURE.search(cells)
    assert not UNIT_IN_BRACKETS.search(cells), UNIT_IN_BRACKETS.search(cells)
    assert "B2 National IP advantage and demonstration enterprises (bodies)" in cells
    assert " bodies " in cells  # the 区级目标 sheet's unit column
    words = _xml_text(doc, "document.xml")
    assert not UNIT_AFTER_FIGURE.search(words) and not UNIT_IN_BRACKETS.search(words)
    assert "New invention patents in force: 104 items of 140" in words


def test_a_long_english_sheet_title_gets_the_lines_it_needs(runner: CliRunner, tmp_path: Path) -> None:
    """The bold title ``… · B2 National IP advantage and demonstration enterprises (bodies)`` wraps in
    print: its row is two lines tall, so ``(bodies)`` is not cut off (the chart below still fits)."""
    from openpyxl import load_workbook

    book = tmp_path / "m.xlsx"
    out(runner, "--lang", "en", "--plan", str(PLAN_PATH), "export", "2025", "--returns", EXAMPLES, "-o", str(book))
    ws = next(ws for ws in load_workbook(book).worksheets if ws.title.startswith("B2 "))
    assert str(ws["A1"].value).endswith("demonstration enterprises (bodies)")
    assert (ws.row_dimensions[1].height or 0) >= 40
