"""What a second new user met on 2026-12-02 (a clerk's LibreOffice return fed to every command;
the 通报 printed; the English outputs read), each pinned where a user would see it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.documents.gongwen_table import figure_mm, fit_widths
from ipcounty.documents.model import Table
from tests.conftest import PLAN_PATH, ROOT
from tests.office import pdf_text, to_pdf
from tests.test_gongwen_docx import open_docx

EXAMPLES = ROOT / "examples" / "returns"
CLERK = ROOT / "tests" / "data" / "libreoffice" / "kuangqu-2025-clerk.xlsx"
BASE = ["--plan", str(PLAN_PATH)]
AS_OF = "2026-01-10"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def returns_with_the_clerks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled examples, plus 矿区街道's return as a clerk filled it in LibreOffice."""
    folder = tmp_path_factory.mktemp("returns") / "returns"
    shutil.copytree(EXAMPLES, folder)
    shutil.copy(CLERK, folder / "2025" / "2025_矿区街道_填报表.xlsx")
    return folder


def invoke(*args: str, lang: str = "zh") -> Any:
    r = CliRunner().invoke(app, [*BASE, "--lang", lang, *args], env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.output
    return r


def test_the_clerks_libreoffice_return_is_read_with_warnings_only() -> None:
    r = CliRunner().invoke(app, [*BASE, "validate", str(CLERK)], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "矿区街道 · 2025年 · 截至 2025-12-31  有警告" in out
    assert "填报表!E11  “15件”按 15 读取（量词“件”按“个”计" in out
    assert "填报表!E12  “１”按 1 读取（全角字符" in out
    assert "填报表!E16  “1次”按 1 读取" in out  # B5, one row lower: the clerk inserted a row above it
    assert "错误" not in out


@pytest.fixture(scope="module")
def bulletin_docx(returns_with_the_clerks: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bulletin") / "通报.docx"
    invoke("bulletin", "2025", "--returns", str(returns_with_the_clerks), "--as-of", AS_OF, "-o", str(out))
    return out


def test_each_attachment_starts_a_page_by_itself(bulletin_docx: Path) -> None:
    """附件 starts a new page through its label's pageBreakBefore, never through a paragraph that
    holds a page break (which, when the text before it fills its page, is pushed onto a page of
    its own and prints a blank page)."""
    d = open_docx(bulletin_docx.read_bytes())
    assert not d.element.body.findall(f".//{W}br[@{W}type='page']")
    labels = [p for p in d.paragraphs if p.text.startswith("附件") and p.text[2:].strip().isdigit()]
    assert [p.text for p in labels] == ["附件1", "附件2", "附件3"]
    assert all(p.paragraph_format.page_break_before for p in labels)


def test_a_figure_column_is_wide_enough_for_its_longest_figure() -> None:
    table = Table(("指标", "目标", "完成"), (("G02 商标有效注册量", "13000", "11620"),), frozenset({1, 2}))
    widths = fit_widths([120.0, 11.1, 11.1], table)
    assert widths[1] >= figure_mm("13000") > 11.1 and widths[2] >= figure_mm("11620")
    assert sum(widths) == pytest.approx(142.2)  # the room comes from the text column
    assert fit_widths([120.0, 30.0, 30.0], table) == [120.0, 30.0, 30.0]  # wide enough: as it was
    english = Table(("Indicator", "Target", "Rank"), (("Geographical-indication marks", "7", "1"),), frozenset({1, 2}))
    widths = fit_widths([60.0, 10.0, 8.0], english)
    assert widths[1] >= figure_mm("Target", 0.62) and widths[2] >= figure_mm("Rank", 0.62)  # no "Targ" over "et"
    assert sum(widths) == pytest.approx(78.0)


def _pdf_text(docx: Path, tmp_path: Path) -> str:
    src = tmp_path / "b.docx"
    shutil.copy(docx, src)
    return pdf_text(to_pdf(src, tmp_path))


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs soffice")
def test_the_printed_english_bulletin_breaks_no_heading_inside_a_word(
    returns_with_the_clerks: Path, tmp_path: Path
) -> None:
    out = tmp_path / "bulletin.docx"
    invoke("bulletin", "2025", "--returns", str(returns_with_the_clerks), "--as-of", AS_OF, "-o", str(out), lang="en")
    text = _pdf_text(out, tmp_path)
    heads = [line.split() for line in text.splitlines() if "Elapsed" in line]
    assert len(heads) >= 8  # every 附件 table's header row, on every page it runs over
    assert all("Target" in h for h in heads), [h for h in heads if "Target" not in h][:3]
    assert not any(line.strip() in ("et", "k", "Targ", "Ran") for line in text.splitlines())


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs soffice")
def test_the_printed_bulletin_has_no_blank_page_and_no_figure_broken(bulletin_docx: Path, tmp_path: Path) -> None:
    text = _pdf_text(bulletin_docx, tmp_path)
    pages = text.split("\f")[:-1]
    blank = [i + 1 for i, page in enumerate(pages) if not page.replace("—", "").strip(" \n0123456789")]
    assert not blank, f"blank pages {blank} of {len(pages)}"
    goals = next(page for page in pages if page.strip().replace(" ", "").startswith("附件2"))
    row = next(line for line in goals.splitlines() if "G02" in line)
    assert "13000" in row.split() and "11620" in row.split(), row  # on one line each, not 1300 / 0


def test_the_english_text_bulletin_writes_english_figures_and_no_chinese_indents() -> None:
    en = invoke("bulletin", "2025", "--returns", str(EXAMPLES), "--as-of", AS_OF, lang="en").stdout
    assert "\u3000" not in en and "｜" not in en
    assert "G02 Registered trademarks in force 11,620 items (target 13,000)" in en
    assert "\nTo follow the progress of " in en and "of the district's 30 indicators" in en
    assert "\nG02 Registered trademarks in force | 13,000 | 11,620 | 89.4% | " in en
    assert (
        "\nAttachments: 1. Progress of each unit by indicator\n             2. Progress of the district goals\n" in en
    )
    zh = invoke("bulletin", "2025", "--returns", str(EXAMPLES), "--as-of", AS_OF).stdout
    assert "G02 商标有效注册量完成11620件（目标13000件）" in zh  # the 公文 writes figures ungrouped
    assert "\n　　为及时掌握" in zh and "\nG02 商标有效注册量｜13000｜11620｜89.4%｜" in zh


def test_the_english_docx_bulletin_groups_thousands_too(tmp_path: Path) -> None:
    out = tmp_path / "bulletin.docx"
    invoke("bulletin", "2025", "--returns", str(EXAMPLES), "--as-of", AS_OF, "-o", str(out), lang="en")
    d = open_docx(out.read_bytes())
    text = "\n".join(p.text for p in d.paragraphs)
    assert "11,620 items (target 13,000)" in text
    cells = {c.text for t in d.tables for row in t.rows for c in row.cells}
    assert {"13,000", "11,620"} <= cells


def test_an_english_hint_names_the_unit_of_measure_in_english() -> None:
    bad = str(EXAMPLES / "2025" / "2025_文化路街道_填报表.xlsx")
    r = CliRunner().invoke(app, [*BASE, "--lang", "en", "validate", bad], env={"COLUMNS": "200"})
    assert "填报表!E15  '一次' is not a number: write a number only (unit: events)" in r.stdout
    r = CliRunner().invoke(app, [*BASE, "validate", bad], env={"COLUMNS": "200"})
    assert "填报表!E15  “一次”不是数字：请只填写数字（单位：次）" in r.stdout


@pytest.mark.parametrize("fmt", ["table", "html"])
def test_a_district_goals_note_is_introduced_in_the_readers_language(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"r.{'txt' if fmt == 'table' else 'html'}"
    for lang, said in (("en", "G08 Note: 含专利、商标质押"), ("zh", "G08 备注：含专利、商标质押")):
        invoke("report", "2025", "--returns", str(EXAMPLES), "--format", fmt, "-o", str(out), lang=lang)
        text = out.read_text(encoding="utf-8")
        assert said in text and ("Note：" not in text), lang


def test_a_score_by_the_schedule_says_the_amount_expected_in_the_reports_words() -> None:
    assert "\n  basis: schedule" in PLAN_PATH.read_text(encoding="utf-8")  # the shipped example's rule
    args = [*BASE, "score", "2025", "--returns", str(EXAMPLES), "--as-of", "2025-07-31"]
    zh = CliRunner().invoke(app, args, env={"COLUMNS": "200"}).stdout
    assert "按序时进度评分" in zh and "税郭镇" in zh
    assert "序时应完成" in zh and "完成序时进度的" not in zh and not re.search(r"序时进度 [\d.]+ [个家件项次人]", zh)
    en = CliRunner().invoke(app, ["--lang", "en", *args], env={"COLUMNS": "200"}).stdout
    assert "judged against the amount expected to date, as of" in en and "序时进度" not in en


def test_strict_says_in_its_help_that_an_overdue_unit_fails_it() -> None:
    for lang, said in (
        ("zh", "有未报送、逾期未报、退回或冲突时以 1 退出"),
        ("en", "exit 1 when a unit is missing, overdue, sent back or in conflict"),
    ):
        r = CliRunner().invoke(app, ["--lang", lang, "report", "-h"], env={"COLUMNS": "100"})
        assert said in " ".join(r.stdout.split()), r.stdout


def test_every_attachment_cell_is_centred_vertically(bulletin_docx: Path) -> None:
    """A figure beside a name wrapped over two lines sits in the middle of its row, as in the
    office's own forms, not at the top (LibreOffice and Word put it at the top without w:vAlign)."""
    d = open_docx(bulletin_docx.read_bytes())
    cells = [tc for t in d.tables for tc in t._tbl.iter(f"{W}tc")]
    assert len(cells) > 300
    assert all(tc.find(f"{W}tcPr/{W}vAlign").get(f"{W}val") == "center" for tc in cells)


def test_the_plan_sets_its_targets_to_the_right() -> None:
    out = invoke("plan").stdout
    lines = out.split("B1 新增有效发明专利数量")[1].splitlines()
    assert any(re.fullmatch(r"税郭镇\s+15\s+15\s+15\s+45", ln) for ln in lines), lines[:5]
    from rich.cells import cell_len

    last = {ln.split()[0]: cell_len(ln.rstrip()) for ln in lines[3:15] if ln.strip()}
    assert last["税郭镇"] == last["全区"]  # 45 and 420 end in the same column


def test_the_guide_a_township_reads_says_what_the_office_would_write(tmp_path: Path) -> None:
    """说明 asks not to set a password (not to "insert" one) and names no program the township
    does not use."""
    import openpyxl

    invoke("template", "2025", "--unit", "矿区街道", "--out", str(tmp_path))
    ws = openpyxl.load_workbook(tmp_path / "2025_矿区街道_填报表.xlsx")["说明"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "3. 请勿删除或重命名工作表，不要给文件设置密码。" in text
    assert "4. 收到后将逐格核对，有问题会告知具体单元格。" in text
    assert "插入密码" not in text and "ipcounty" not in text


@pytest.mark.parametrize(
    ("unit", "values", "code", "zh", "en"),
    [
        (
            "税郭镇",
            {"B3": 2.5},
            "fractional-count",
            "2.5 不是整数：项为计数单位",
            "2.5 is not a whole number: items are",
        ),
        (
            "税郭镇",
            {"B4": 0.5},
            "fractional-count",
            "0.5 不是整数：家为计数单位",
            "0.5 is not a whole number: bodies are",
        ),
        (
            "全区",
            {"G08": "5000万元"},
            "wrong-unit",
            "“5000万元”的单位 万元 与指标单位 亿元 不符：请换算为 亿元",
            "'5000万元' is in ten thousand yuan, but the indicator counts in hundred million yuan: convert to "
            "hundred million yuan",
        ),
        ("税郭镇", {"B5": "一次"}, "not-a-number", "请只填写数字（单位：次）", "write a number only (unit: events)"),
    ],
)
def test_a_finding_says_the_unit_of_measure_in_the_readers_language(
    make_return: Any, plan: Any, unit: str, values: dict[str, Any], code: str, zh: str, en: str
) -> None:
    """What a township typed stays quoted as typed; the unit the finding explains is in words."""
    from ipcounty.returns.reader import read_return

    ret = read_return(make_return(unit, values=values), plan)
    (f,) = [f for f in ret.findings if f.code == code]
    assert zh in f.message("zh") and en in f.message("en"), (f.message("zh"), f.message("en"))


def test_an_english_list_entry_writes_a_rate_as_a_percentage() -> None:
    r = CliRunner().invoke(
        app, [*BASE, "--lang", "en", "report", "2025", "--returns", str(EXAMPLES)], env={"COLUMNS": "80"}
    )
    assert "\n  91.30/90.00%, 101.4% done\n" in r.stdout  # not 91.30/90.00 %
    assert "\n  468/600 items, 78.0% done\n" in r.stdout


def test_the_markdown_report_sets_figures_to_the_right() -> None:
    md = invoke("report", "2025", "--returns", str(EXAMPLES), "--format", "markdown").stdout
    head = "| 镇街 | 目标 | 完成 | 完成率 | 序时进度 | 进度差 | 状态 | 亮灯 | 排名 | 截至 |"
    assert f"\n{head}\n|---|---:|---:|---:|---:|---:|---|---|---:|---|\n" in md
    goals = md.split("## 区级目标")[1]
    assert "\n|---|---:|---:|---:|---:|---:|---|---|---|\n" in goals  # no 排名 for the district's own goals


def report_of(*args: str) -> Any:
    return CliRunner().invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES), *args], env={"COLUMNS": "100"})


def test_report_for_one_unit_says_only_what_concerns_it() -> None:
    """SPEC: --unit filters every section. 税郭镇's report names no other unit to chase, and
    --strict fails only on the units asked about."""
    r = report_of("--unit", "税郭镇", "--as-of", AS_OF)
    assert r.exit_code == 0, r.output
    assert "\n已报送 1/1\n" in r.stdout
    for other in ("光明路街道", "文化路街道", "孟庄镇", "矿区街道", "永安镇", "全区填报表"):
        assert other not in r.stdout, other
    assert "重复计算：企业 91370402DF2D70000W 被重复计入：税郭镇2024年" in r.stdout  # its own item, claimed twice
    assert report_of("--unit", "税郭镇", "--as-of", AS_OF, "--strict").exit_code == 0
    r = report_of("-u", "文化路街道", "--as-of", AS_OF, "--strict")
    assert r.exit_code == 1 and "退回：2025/2025_文化路街道_填报表.xlsx" in r.stdout and "孟庄镇" not in r.stdout
    data = json.loads(report_of("-u", "孟庄镇", "--as-of", AS_OF, "--format", "json").stdout)
    assert data["completeness"]["expected"] == 1 and data["completeness"]["conflict"] == ["孟庄镇"]
    assert {s["township"] for s in data["submissions"]} == {"孟庄镇"}


def test_report_for_the_district_says_why_each_unit_is_left_out() -> None:
    r = report_of("--unit", "全区", "--as-of", AS_OF)
    assert r.exit_code == 0, r.output
    assert "全区未含：孟庄镇（冲突）、文化路街道（退回）" in r.stdout and "（）" not in r.stdout
    assert "已报送 7/11" in r.stdout  # the 全区 rows stand on every unit: the whole report


def test_the_english_district_goals_sheet_prints_one_page_wide(tmp_path: Path) -> None:
    """A hyphenated word (Geographical-indication) wraps after its hyphen, as a spreadsheet wraps
    it: taken whole, it made the sheet print over two pages' width (Code and Note alone on the
    second, six pages for 23 goals)."""
    import openpyxl

    from ipcounty.export.measure import words

    assert words("Geographical-indication marks") == ["Geographical-", "indication", "marks"]
    out = tmp_path / "x.xlsx"
    invoke("export", "2025", "--returns", str(EXAMPLES), "--as-of", AS_OF, "-o", str(out), lang="en")
    ws = openpyxl.load_workbook(out)["District goals"]
    assert ws.page_setup.fitToWidth in (None, 1) and ws.print_title_cols is None
