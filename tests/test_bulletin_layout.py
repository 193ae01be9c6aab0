"""How the 通报 falls on its pages (the third user review): the signature never alone on a page, a
table's rows as tall whether filled or empty, a table neither starting with its header alone at a
page's foot nor ending with its last row alone on a page, and a unit's name on one line in English."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.documents.gongwen_docx import docx_bytes
from ipcounty.documents.gongwen_table import figure_mm
from ipcounty.documents.model import Attachment, OfficialDocument, Table, body
from tests.conftest import PLAN_PATH, ROOT
from tests.office import pdf_text, to_pdf
from tests.test_gongwen_docx import SENTENCE, W, open_docx, replace_table, sample

EXAMPLES = ROOT / "examples" / "returns"
TWIPS_PER_MM = 1440 / 25.4


def _keeps(tr: Any) -> bool:
    """Every paragraph of the row is kept with the next (the row stays with the next row)."""
    pprs = [p.find(f"{W}pPr") for p in tr.iter(f"{W}p")]
    return all(ppr is not None and ppr.find(f"{W}keepNext") is not None for ppr in pprs)


def _rows(prefix: str, n: int) -> tuple[tuple[str, ...], ...]:
    """Rows of a unit, a figure and every other one an empty cell (as 未报送 rows have)."""
    return tuple((f"{prefix}{i:02}", str(i), "" if i % 2 else "未报送") for i in range(n))


def test_an_empty_cell_is_set_in_the_table_size() -> None:
    # An empty cell's paragraph mark took the document's 三号 (16 pt): its row stood taller.
    d = open_docx(docx_bytes(replace_table(Table(("单位", "目标", "完成"), _rows("单位", 6), frozenset({1})))))
    t = d.tables[0]
    empty = 0
    for tr in (row._tr for row in t.rows):
        for tc in tr.findall(f"{W}tc"):
            mark = tc.find(f"{W}p/{W}pPr/{W}rPr")
            assert mark is not None
            assert mark.find(f"{W}sz").get(f"{W}val") == "21"  # 五号, as the cell's text
            assert mark.find(f"{W}rFonts").get(f"{W}eastAsia") in ("仿宋_GB2312", "黑体")
            empty += not "".join(tc.itertext())
    assert empty == 3


def test_a_table_keeps_its_header_with_two_rows_and_ends_on_three() -> None:
    d = open_docx(docx_bytes(replace_table(Table(("单位", "目标", "完成"), _rows("单位", 40), frozenset({1})))))
    trs = [row._tr for row in d.tables[0].rows]
    kept = [i for i, tr in enumerate(trs) if _keeps(tr)]
    # the header with rows 1 and 2; rows 38, 39 and 40 on one page
    assert kept == [0, 1, 38, 39], kept
    small = open_docx(
        docx_bytes(replace_table(Table(("单位", "目标"), (("甲", "1"), ("乙", "2"), ("丙", "3")), frozenset({1}))))
    )
    trs = [row._tr for row in small.tables[0].rows]
    assert [_keeps(tr) for tr in trs] == [True, True, True, False]  # a short table is kept whole


def test_the_signature_is_kept_with_the_end_of_the_body() -> None:
    doc = sample()
    d = open_docx(docx_bytes(replace(doc, body=[*doc.body, body(SENTENCE * 3)])))
    paras = list(d.paragraphs)
    sig = next(i for i, p in enumerate(paras) if p.text == "（发文单位）")
    date = sig + 1
    assert paras[date].text == "2025年10月15日"
    last_body = max(i for i, p in enumerate(paras[:sig]) if p.text.startswith(SENTENCE[:10]))
    for p in paras[last_body:date]:
        assert p.paragraph_format.keep_with_next, p.text
    assert paras[last_body].paragraph_format.widow_control  # at least two of its lines go along
    assert not paras[date].paragraph_format.keep_with_next
    assert not any(p.paragraph_format.keep_with_next for p in paras[2:last_body] if p.text.startswith(SENTENCE[:10]))


def test_a_units_name_sets_on_one_line_in_english(tmp_path: Path) -> None:
    out = tmp_path / "bulletin_en.docx"
    r = CliRunner().invoke(
        app,
        ["--lang", "en", "--plan", str(PLAN_PATH), "bulletin", "2025", "--returns", str(EXAMPLES), "-o", str(out)],
    )
    assert r.exit_code == 0, r.output
    d = open_docx(out.read_bytes())
    checked = 0
    for t in d.tables:
        names = [row.cells[0].text for row in t.rows[1:]]
        if not any(n.endswith("街道") for n in names):
            continue
        first = t._tbl.find(f"{W}tblGrid/{W}gridCol")
        width_mm = int(first.get(f"{W}w")) / TWIPS_PER_MM
        longest = max(figure_mm(n) for n in names)
        assert width_mm >= longest - 0.05, (t.rows[0].cells[0].text, width_mm, longest)
        checked += 1
    assert checked >= 8  # every indicator's table and the returns' table


def _document() -> OfficialDocument:
    """A body whose signature block falls just over a page, and tables sized so that, left to
    themselves, one ends with its last row alone on a page and one starts at a page's foot with
    its header and one row (found by laying it out with LibreOffice without the keeps)."""
    t = Table(("单位", "目标", "完成"), (), frozenset({1}))
    return replace(
        sample(),
        body=[body(SENTENCE) for _ in range(7)],
        attachment_note="附件：1．分指标进展情况表\n2．报送情况表",
        attachments=[
            Attachment("附件1", "分指标进展情况表", (("B1 新增发明专利（件）", replace(t, rows=_rows("甲", 33))),)),
            Attachment(
                "附件2",
                "报送情况表",
                (
                    ("B1 新增发明专利（件）", replace(t, rows=_rows("乙", 28))),
                    ("B2 专利（件）", replace(t, rows=_rows("丙", 10))),
                ),
            ),
        ],
    )


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs soffice")
def test_printed_no_signature_alone_and_no_table_row_alone(tmp_path: Path) -> None:
    src = tmp_path / "tongbao.docx"
    src.write_bytes(docx_bytes(_document()))
    pages = [re.sub(r"\s", "", p) for p in pdf_text(to_pdf(src, tmp_path), layout=False).split("\f") if p.strip()]
    (signed,) = [p for p in pages if "（发文单位）" in p]
    assert "截至2025年9月30日" in signed  # the end of the body on the signature's page
    for prefix, n in (("甲", 33), ("乙", 28), ("丙", 10)):
        counts = [c for c in (len(re.findall(rf"{prefix}\d\d", p)) for p in pages) if c]
        assert sum(counts) == n
        assert min(counts) >= 2, (prefix, counts)  # never one row of a table alone on a page
