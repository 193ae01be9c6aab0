"""The 公文 .docx writer, read back with python-docx: GB/T 9704 page, fonts on every run, PAGE field."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ipcounty.documents.gongwen_docx import docx_bytes
from ipcounty.documents.model import Attachment, OfficialDocument, Span, Table, body, h1, h2
from tests.office import to_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SENTENCE = "截至2025年9月30日，发明专利新增完成年度目标的46.7%，滞后序时进度2.9个百分点。"


def sample() -> OfficialDocument:
    return OfficialDocument(
        title="关于2025年1—9月知识产权工作进展情况的通报",
        addressees="各镇人民政府，各街道办事处",
        body=[
            body(SENTENCE),
            h1("一、总体进展"),
            body(Span("（一）目标完成情况。", "kai"), SENTENCE * 4),
            h2("（二）序时进度"),
            body(SENTENCE * 12),
            h1("二、下步要求"),
        ],
        attachment_note="附件：1．分指标进展情况表",
        signature="（发文单位）",
        date="2025年10月15日",
        attachments=[
            Attachment(
                "附件1",
                "分指标进展情况表",
                (("B1 新增发明专利（件）", Table(("单位", "目标"), (("税郭镇", "15"), ("小计", "")), frozenset({1}))),),
            )
        ],
    )


def open_docx(data: bytes) -> Any:
    from docx import Document

    return Document(io.BytesIO(data))


def east_asian(run: Any) -> str | None:
    fonts = run._r.find(f"{W}rPr/{W}rFonts")
    return None if fonts is None else fonts.get(f"{W}eastAsia")


def test_page_is_a4_with_the_gbt_9704_margins() -> None:
    from docx.shared import Mm

    d = open_docx(docx_bytes(sample()))
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
    assert abs(s.page_width - s.left_margin - s.right_margin - Mm(156)) < Mm(0.1)  # stored in twips
    grid = s._sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}type") == "lines" and grid.get(f"{W}linePitch") == "579"  # 225 mm / 22 lines


def test_every_run_names_its_east_asian_font_and_size() -> None:
    d = open_docx(docx_bytes(sample()))
    paragraphs = list(d.paragraphs) + [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    runs = [r for p in paragraphs for r in p.runs if r.text]
    assert runs
    for r in runs:
        assert east_asian(r), r.text
        assert r.font.size is not None, r.text
    title = d.paragraphs[0].runs[0]
    assert (east_asian(title), title.font.size.pt) == ("方正小标宋简体", 22)
    by_text = {r.text: r for r in runs}
    assert (east_asian(by_text["一、总体进展"]), by_text["一、总体进展"].font.size.pt) == ("黑体", 16)
    assert east_asian(by_text["（一）目标完成情况。"]) == "楷体_GB2312"
    assert east_asian(by_text["（二）序时进度"]) == "楷体_GB2312"
    body_runs = [r for r in runs if r.text.startswith("截至")]
    assert body_runs and all(east_asian(r) == "仿宋_GB2312" and r.font.size.pt == 16 for r in body_runs)
    # the defaults name the fonts too (no theme font that falls back to a Japanese face)
    defaults = d.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    fonts = defaults.find(f"{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "仿宋_GB2312" and fonts.get(f"{W}eastAsiaTheme") is None
    assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"


def test_footers_carry_the_page_field_between_dashes() -> None:
    d = open_docx(docx_bytes(sample()))
    s = d.sections[0]
    for footer, align in ((s.footer, "right"), (s.even_page_footer, "left")):
        p = footer.paragraphs[0]
        xml = p._p.xml
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        instr = p._p.findall(f".//{W}instrText")
        assert [i.text.strip() for i in instr] == ["PAGE"]
        assert p.text == "— 1 —"
        assert p.alignment is not None and p.alignment.name.lower() == align
        assert {east_asian(r) for r in p.runs} == {"宋体"}
        assert {r.font.size.pt for r in p.runs} == {14}
    assert d.settings.odd_and_even_pages_header_footer


def test_headings_in_order_and_the_attachment_table() -> None:
    d = open_docx(docx_bytes(sample()))
    heads = [p.text for p in d.paragraphs if p.runs and east_asian(p.runs[0]) in ("黑体", "楷体_GB2312")]
    assert heads[:4] == ["一、总体进展", "（一）目标完成情况。" + SENTENCE * 4, "（二）序时进度", "二、下步要求"]
    t = d.tables[0]
    assert [c.text for c in t.rows[0].cells] == ["单位", "目标"]
    assert [c.text for c in t.rows[1].cells] == ["税郭镇", "15"]
    assert t.rows[2].cells[0].text == "小计"  # a caption row spans the table


def _soffice_pdf(data: bytes, tmp_path: Path) -> Path:
    src = tmp_path / "doc.docx"
    src.write_bytes(data)
    return to_pdf(src, tmp_path)


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs soffice")
def test_libreoffice_lays_it_out_22_lines_of_28_characters(tmp_path: Path) -> None:
    pdf = _soffice_pdf(docx_bytes(sample()), tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert "— 1 —" in pages[0].replace("—1—", "— 1 —") and ("— 2 —" in pages[1] or "—2—" in pages[1])
    # A full body line of Chinese text holds 28 characters (digits count as half).
    body_lines = [ln.strip() for ln in pages[1].splitlines() if ln.strip() and "—" not in ln]
    widths = [sum(1 if ord(ch) > 0x2E7F else 0.5 for ch in ln.replace(" ", "")) for ln in body_lines]
    assert 26.5 <= max(widths) <= 28.5, body_lines
    assert len(body_lines) <= 22


# The schema's order of the property elements this writer touches (ECMA-376 Part 1, 17.3.1.26,
# 17.3.2.28, 17.4.60, 17.6.17): Word reports "unreadable content" for a file out of this order.
ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
    "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
    "vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
    "sectPr": "footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType cols formProt "
    "vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings",
}


def test_property_elements_keep_the_schema_order() -> None:
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx_bytes(sample()))) as z:
        parts = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
        trees = {n: etree.fromstring(z.read(n)) for n in parts}
    checked = 0
    for name, tree in trees.items():
        for parent, sequence in ORDER.items():
            rank = {tag: i for i, tag in enumerate(sequence.split())}
            for el in tree.iter(f"{W}{parent}"):
                seen = [etree.QName(c).localname for c in el if etree.QName(c).namespace == W[1:-1]]
                ranks = [rank[s] for s in seen if s in rank]
                assert ranks == sorted(ranks), (name, parent, seen)
                checked += 1
    assert checked > 50
    with zipfile.ZipFile(io.BytesIO(docx_bytes(sample()))) as z:
        assert not [n for n in z.namelist() if "thumbnail" in n]  # not the template's preview
    assert open_docx(docx_bytes(sample())).core_properties.title == sample().title


def test_the_font_table_names_a_stand_in_for_each_gb2312_font() -> None:
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx_bytes(sample()))) as z:
        root = etree.fromstring(z.read("word/fontTable.xml"))
    fonts = {f.get(f"{W}name"): f for f in root.iter(f"{W}font")}
    for name, alt in (("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体")):
        assert fonts[name].find(f"{W}altName").get(f"{W}val") == alt
        assert fonts[name].find(f"{W}charset").get(f"{W}val") == "86"
    assert "黑体" in fonts and "宋体" in fonts


def test_signature_and_date_without_a_seal() -> None:
    from ipcounty.documents.gongwen_docx import _signature_indents

    # GB/T 9704 7.3.5.2: the date two characters in from the right, its first character two to the
    # right of the signature's first; a signature longer than the date is the one two in.
    assert _signature_indents("（发文单位）", "2026年10月10日") == (5.0, 2.0)
    assert _signature_indents("枣庄市市中区知识产权局办公室", "2026年1月5日") == (2.0, 8.0)


def test_every_row_of_a_long_table_is_styled_like_the_first_of_its_kind() -> None:
    """Rows are copies of one styled row per kind (figures, group caption): each keeps its own text
    (empty cells, spaces, a tab), its fonts, its alignment, and is never split over two pages."""
    rows: list[tuple[str, ...]] = []
    for g in range(3):
        rows.append((f"第{g + 1}组", "", ""))  # a group caption
        rows += [(f"单位{g}{i:02}", str(i), "" if i % 3 else f" {i}%\t") for i in range(40)]
    d = open_docx(docx_bytes(replace_table(Table(("单位", "目标", "完成率"), tuple(rows), frozenset({1, 2})))))
    t = d.tables[0]
    assert [c.text for c in t.rows[0].cells] == ["单位", "目标", "完成率"]
    assert len(t.rows) == 1 + len(rows)
    for row, values in zip(t.rows[1:], rows, strict=True):
        tr = row._tr
        assert tr.find(f"{W}trPr/{W}cantSplit") is not None and tr.find(f"{W}trPr/{W}tblHeader") is None
        tcs = tr.findall(f"{W}tc")
        caption = not any(values[1:])
        assert [tc.find(f"{W}p/{W}r").text for tc in tcs] == ([values[0]] if caption else list(values))  # CT_R.text
        for tc in tcs:
            r = tc.find(f"{W}p/{W}r")
            fonts = r.find(f"{W}rPr/{W}rFonts")
            assert fonts.get(f"{W}eastAsia") == ("黑体" if caption else "仿宋_GB2312")
            assert r.find(f"{W}rPr/{W}sz").get(f"{W}val") == "21"  # 五号
        if not caption:
            jc = [tc.find(f"{W}p/{W}pPr/{W}jc").get(f"{W}val") for tc in tcs]
            assert jc == ["center", "right", "right"]
    assert t.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert " 0%" in t.rows[2].cells[2].text and t.rows[2].cells[2]._tc.find(f".//{W}tab") is not None


def replace_table(table: Table) -> OfficialDocument:
    from dataclasses import replace

    doc = sample()
    return replace(doc, attachments=[Attachment("附件1", "分指标进展情况表", (("", table),))])
