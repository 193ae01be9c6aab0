"""What the new-user review left in others' files: the kind of a file that is not a workbook said
in the user's language, the printed template's captions kept with their tables, score reasons in
the catalogue and wrapped by display width, and the English export in English."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from tests.conftest import PLAN_PATH
from tests.office import pdf_text, to_pdf

BASE = ["--plan", str(PLAN_PATH)]
HAN = re.compile(r"[\u4e00-\u9fff]")


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "zh", "en"),
    [
        ("税郭镇 15 件\n".encode(), "文本文件", "a text file"),
        (b"%PDF-1.4\n", "PDF 文件", "a PDF file"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "PNG 图片", "a PNG picture"),
        (b"<!DOCTYPE html><html></html>", "网页（HTML）文件", "a web page (HTML)"),
        (_zip({"hello.txt": b"hi"}), "压缩包中没有工作簿", "a zip with no workbook"),
    ],
)
def test_what_a_file_that_is_not_a_workbook_holds_is_said_in_the_users_language(
    runner: CliRunner, tmp_path: Path, data: bytes, zh: str, en: str
) -> None:
    path = tmp_path / "return.xlsx"
    path.write_bytes(data)
    zh_out = runner.invoke(app, [*BASE, "validate", str(path)], env={"COLUMNS": "200"}).stdout
    en_out = runner.invoke(app, [*BASE, "--lang", "en", "validate", str(path)], env={"COLUMNS": "200"}).stdout
    assert f"（{zh}）" in zh_out and en not in zh_out
    line = next(line for line in en_out.splitlines() if "file-not-workbook" in line)
    assert f"not a spreadsheet ({en})" in line
    assert not HAN.search(line), line


def _tables(ws: object) -> list[tuple[int, int]]:
    """Each 明细 table's caption row and last row, read back from the sheet."""
    captions = [c.row for c in ws["A"] if isinstance(c.value, str) and re.match(r"[A-Z]\d+ ", c.value)]  # type: ignore[index]
    out = []
    for row in captions:
        last = row + 1
        while ws.cell(last + 1, 1).value is not None and not isinstance(ws.cell(last + 1, 1).value, str):  # type: ignore[attr-defined]
            last += 1
        out.append((row, last))
    return out


def _pages(breaks: list[int], end: int) -> list[tuple[int, int]]:
    tops = [1, *(b + 1 for b in breaks)]
    return list(zip(tops, [*(b for b in breaks), end], strict=True))


@pytest.mark.parametrize("prefill", [False, True])
def test_no_printed_page_of_a_template_ends_with_a_table_caption(
    runner: CliRunner, tmp_path: Path, prefill: bool
) -> None:
    from openpyxl import load_workbook

    from ipcounty.returns.template_print import ROWS_PER_PAGE

    args = [*BASE, "template", "2025", "-o", str(tmp_path), *(["--prefill"] if prefill else [])]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    for path in sorted(tmp_path.glob("*.xlsx")):
        wb = load_workbook(path)
        sheet = wb["填报表"]
        assert sheet.print_title_rows and sheet[sheet.print_title_rows.split(":")[0]][0].value == "指标代码"
        if "明细" not in wb.sheetnames:
            continue
        ws = wb["明细"]
        tables = _tables(ws)
        assert [ws.cell(row, 1).value.split()[0] for row, _ in tables] == ["B1", "B2", "B3", "B4", "B5"]
        breaks = [b.id for b in ws.row_breaks.brk]
        assert breaks, path.name  # five tables do not fit one page
        pages = _pages(breaks, tables[-1][1])
        for top, bottom in pages:  # the rows printed on a page, from its top to its last table's last row
            used = max(last for first, last in tables if top <= last <= bottom) - top + 1
            assert used <= ROWS_PER_PAGE, (path.name, top, bottom)
        for first, last in tables:  # a caption and its table on one page
            assert any(top <= first and last <= bottom for top, bottom in pages), (path.name, first, last, breaks)
        assert tables[0][0] in range(1, pages[0][1])  # the sheet's title is not a page on its own


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs soffice")
def test_the_printed_template_keeps_each_caption_with_its_table(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(app, [*BASE, "template", "2025", "-u", "税郭镇", "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    (xlsx,) = tmp_path.glob("*.xlsx")
    text = pdf_text(to_pdf(xlsx, tmp_path))
    pages = [[ln.strip() for ln in p.splitlines() if ln.strip()] for p in text.split("\f") if p.strip()]
    captions = [(i, ln) for i, page in enumerate(pages) for ln in page if re.fullmatch(r"B\d \S+明细", ln)]
    assert [c.split()[0] for _, c in captions] == ["B1", "B2", "B3", "B4", "B5"]
    for i, page in enumerate(pages):
        assert not re.fullmatch(r"B\d \S+明细", page[-1]), (i, page[-1])
        if page[0].startswith("序号"):  # a table's column names at the top of a page: its caption was left behind
            raise AssertionError((i, page[:3]))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("cols", [80, 100])
def test_score_lines_fit_the_terminal_and_never_break_inside_brackets(runner: CliRunner, lang: str, cols: int) -> None:
    from ipcounty.render.wrap import cell_width

    r = runner.invoke(app, [*BASE, "--lang", lang, "score", "2025"], env={"COLUMNS": str(cols)})
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    for line in lines:
        assert cell_width(line) <= cols, line
        assert line.count("（") + line.count("(") == line.count("）") + line.count(")"), line
    assert not [ln for ln in lines if re.match(r"\s*(分|points?)\b", ln)]  # no unit cut from its figure


def test_the_reason_two_returns_cannot_be_scored_is_a_sentence_in_each_language(runner: CliRunner) -> None:
    zh = runner.invoke(app, [*BASE, "score", "2025"], env={"COLUMNS": "80"}).stdout
    en = runner.invoke(app, [*BASE, "--lang", "en", "score", "2025"], env={"COLUMNS": "80"}).stdout
    assert "≠" not in zh and "≠" not in en
    assert "（B1 分别填 18 和 21）" in zh
    assert "(B1 is 18 in one and 21 in the other)" in en
    reason = next(line for line in en.splitlines() if "Cannot be scored: two returns" in line)
    assert not HAN.search(reason), reason


def test_the_english_export_answers_in_english_and_counts_units_without_a_district_target(
    runner: CliRunner, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    for lang in ("en", "zh"):
        path = tmp_path / f"{lang}.xlsx"
        r = runner.invoke(app, [*BASE, "--lang", lang, "export", "2025", "-o", str(path)])
        assert r.exit_code == 0, r.output
        wb = load_workbook(path)
        words = {c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
        if lang == "en":
            assert not words & {"是", "否", "推进中", "已完成", "未启动"}
            assert not [w for w in words if "推进中" in w or " / —" in w]
            assert {"yes", "in progress"} <= words
        d2 = next(ws for ws in wb if ws.title.startswith("D2"))
        district = list(d2.iter_rows(values_only=True))[-1]
        assert district[:3] == ("District" if lang == "en" else "全区", None, "7/11"), district


@pytest.mark.parametrize("text", [" a b", "  得 2 分", " ，a", "a ", " "])
def test_a_line_that_starts_or_ends_with_a_space_wraps(text: str) -> None:
    from ipcounty.render.wrap import wrap

    lines = wrap(text * 10, 12)
    assert "".join(lines).replace(" ", "") == (text * 10).replace(" ", "")


def test_wrapping_never_fails_and_keeps_every_character() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from ipcounty.render.wrap import cell_width, wrap

    alphabet = st.sampled_from(list(" a1.,，。（）()得分Ｂ×/-"))

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet, max_size=60), st.integers(1, 40))
    def check(text: str, width: int) -> None:
        lines = wrap(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(cell_width(line) <= max(width, 8) for line in lines)

    check()


def test_a_finding_lists_names_the_way_each_language_writes_a_list(tmp_path: Path) -> None:
    """The sheets a return has, named by the finding that misses 填报表: 、 in Chinese, ", " in
    English (a list in a finding is joined when it is said, not when it is found)."""
    from openpyxl import Workbook

    from ipcounty.plan import load_plan
    from ipcounty.returns.reader import read_return

    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.create_sheet("明细")
    path = tmp_path / "2025_税郭镇_填报表.xlsx"
    wb.save(path)
    ret = read_return(path, load_plan(PLAN_PATH))
    (missing,) = [f for f in ret.findings if f.code == "sheet-missing"]
    assert "Sheet1、明细" in missing.message("zh")
    assert "Sheet1, 明细" in missing.message("en") and "、" not in missing.message("en")


def test_the_plan_in_english_lists_responsible_offices_with_commas(runner: CliRunner) -> None:
    en = runner.invoke(app, ["--plan", str(PLAN_PATH), "--lang", "en", "plan"], env={"COLUMNS": "200"})
    zh = runner.invoke(app, ["--plan", str(PLAN_PATH), "plan"], env={"COLUMNS": "200"})
    assert en.exit_code == 0 and zh.exit_code == 0, en.output
    assert "区科学技术局, 区工业和信息化局, 区市场监督管理局" in en.stdout
    assert "区科学技术局、区工业和信息化局、区市场监督管理局" in zh.stdout
