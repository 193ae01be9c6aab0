"""An :class:`OfficialDocument` as a .docx in the 公文 layout of GB/T 9704-2012.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm text block);
22 lines × 28 characters (a line grid, and 3号 characters narrowed to 28 a line);
title 2号 方正小标宋简体; body 3号 仿宋_GB2312; 一、 headings 黑体, （一） headings
楷体_GB2312; page numbers "— 1 —" in 4号 宋体, odd pages on the right and even pages
on the left, one character in.

python-docx sets only the Latin font slots (``w:ascii``/``w:hAnsi``): Chinese text is drawn with
``w:eastAsia``, which it never writes, and its default template falls back to a Japanese theme
font. So every run gets all four slots written here, the document defaults name the fonts
instead of the theme, and the East Asian language is zh-CN. python-docx has no fields either:
the PAGE field is written as ``w:fldChar``/``w:instrText`` runs. python-docx is imported inside
the functions, so no other command pays for it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from ipcounty.documents.model import Attachment, OfficialDocument, Para, Style, Table

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
LATIN_FONT = "Times New Roman"  # digits and Latin letters in the body, as 公文 templates set them

SIZE_2 = 22.0  # 2号
SIZE_3 = 16.0  # 3号
SIZE_4 = 14.0  # 4号
SIZE_TABLE = 10.5  # 五号, so a table of eight columns fits the 156 mm text block

PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES, CHARS = 22, 28
_TWIPS_PER_MM = 1440 / 25.4
# Line pitch: the 225 mm text block over 22 lines (579 twips = 28.95 pt).
LINE_PITCH_TWIPS = int((PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]) * _TWIPS_PER_MM / LINES)
# 28 characters a line: the 156 mm line (442.2 pt) holds 27 characters of 16 pt, so every 3号
# character is narrowed by 0.3 pt (28 × 15.7 = 439.6 pt). A character grid (w:docGrid
# linesAndChars with a negative w:charSpace, what Word writes for "每行28字") would do the same in
# Word and WPS, but LibreOffice breaks the lines of such a grid after 14 characters; narrowing the
# characters gives 28 a line in all three, the line grid gives 22 lines a page.
CHAR_PITCH_PT = (PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]) / 25.4 * 72 / CHARS
CONDENSE_TWENTIETHS = -6  # w:spacing is counted in twentieths of a point

# What a machine without the 公文 fonts should use instead (Word and WPS read w:altName): the
# GB2312 faces that Windows 10 and later ship as 仿宋 and 楷体, and 宋体 for 方正小标宋简体.
ALT_FONTS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", KAI_FONT: "楷体", HEI_FONT: "黑体", PAGE_FONT: "宋体"}

_FONTS: dict[Style, tuple[str, str]] = {  # style -> (East Asian font, Latin font)
    "body": (BODY_FONT, LATIN_FONT),
    "kai": (KAI_FONT, KAI_FONT),
    "hei": (HEI_FONT, HEI_FONT),
}


def docx_bytes(doc: OfficialDocument) -> bytes:
    """The document as the bytes of a .docx file."""
    from docx import Document as new_document

    d = new_document()
    _setup(d)
    _title(d, doc.title)
    _paragraph(d, Para((), "plain"))  # one empty line between the title and 主送
    if doc.addressees:
        _paragraph(d, Para(((_span(doc.addressees + "："),)), "plain"))
    for para in doc.body:
        _paragraph(d, para)
    if doc.attachment_note:
        _paragraph(d, Para((), "plain"))
        for i, line in enumerate(doc.attachment_note.splitlines()):
            p = _paragraph(d, Para((_span(line),), "plain"))
            # 附件说明: 左空二字; second and later lines align under the first name
            p.paragraph_format.first_line_indent = _pt(2 * SIZE_3) if i == 0 else None
            p.paragraph_format.left_indent = None if i == 0 else _pt(5 * SIZE_3)
    if doc.signature or doc.date:
        _paragraph(d, Para((), "plain"))
        for text, chars in zip((doc.signature, doc.date), _signature_indents(doc.signature, doc.date), strict=True):
            if text:
                p = _paragraph(d, Para((_span(text),), "right"))
                p.paragraph_format.right_indent = _pt(chars * CHAR_PITCH_PT)
    for att in doc.attachments:
        _attachment(d, att)
    _properties(d, doc)
    _font_table(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _width(text: str) -> float:
    """A text's width in characters of the body: digits and Latin letters count as half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def _signature_indents(signature: str, date: str) -> tuple[float, float]:
    """Right indents (in characters) of 署名 and 成文日期 without a seal (GB/T 9704 7.3.5.2): the
    date's first character two to the right of the signature's; the longer of the two two
    characters in from the right."""
    sig, day = _width(signature), _width(date)
    if day >= sig:
        return 2 + day + 2 - sig, 2.0
    return 2.0, max(2.0, 2 + sig - 2 - day)


def _properties(d: Document, doc: OfficialDocument) -> None:
    """Title and dates of this document, not of python-docx's template (dated 2013, with a
    thumbnail of another page that file browsers would show as this one's preview)."""
    import datetime as dt

    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    props = d.core_properties
    props.title = doc.title
    props.author = props.last_modified_by = "ipcounty"
    props.comments = props.subject = props.keywords = props.category = ""
    props.revision = 1
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    package_rels = d.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]


def _font_table(d: Document) -> None:
    """Declare the Chinese fonts in word/fontTable.xml, each with its GB2312 character set and
    the installed face to use in its place."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    part = next(r.target_part for r in d.part.rels.values() if r.reltype == RT.FONT_TABLE)
    root = parse_xml(part.blob)
    known = {f.get(qn("w:name")) for f in root.iter(qn("w:font"))}
    for name, alt in ALT_FONTS.items():
        if name in known:
            continue
        font = _el("w:font", w_name=name)
        if alt != name:
            font.append(_el("w:altName", w_val=alt))
        font.append(_el("w:charset", w_val="86"))  # GB2312
        font.append(_el("w:family", w_val="modern" if name == BODY_FONT else "auto"))
        font.append(_el("w:pitch", w_val="variable"))
        root.append(font)
    part._blob = serialize_part_xml(root)


def _span(text: str) -> Any:
    from ipcounty.documents.model import Span

    return Span(text)


def _pt(value: float) -> Any:
    from docx.shared import Pt

    return Pt(value)


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k.replace("_", ":", 1)), v)
    return el


# Word refuses a file whose property elements are out of the schema's order ("unreadable
# content"); python-docx keeps the order for what it writes, these lists for what is added here.
_PPR_AFTER_SNAP = ("spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
                   "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
                   "cnfStyle", "rPr", "sectPr", "pPrChange")  # fmt: skip
_PPR_AFTER_OUTLINE = ("divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
_TBLPR_AFTER_CELLMAR = ("tblLook", "tblCaption", "tblDescription", "tblPrChange")


def _insert(parent: Any, el: Any, successors: tuple[str, ...]) -> None:
    """Put ``el`` before the first child named in ``successors`` (at the end when none is)."""
    from docx.oxml.ns import qn

    names = {qn(f"w:{s}") for s in successors}
    for i, child in enumerate(parent):
        if child.tag in names:
            parent.insert(i, el)
            return
    parent.append(el)


def _set_fonts(rpr: Any, east_asian: str, latin: str, size: float | None, condense: bool = False) -> None:
    """All four font slots of a run (or the defaults), no theme fonts, and the size; ``condense``
    narrows a 3号 character by 0.3 pt so that 28 fit a line."""
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _el("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")
    if condense:
        spacing = rpr.find(qn("w:spacing"))
        if spacing is None:
            spacing = _el("w:spacing")
            rpr.append(spacing)
        spacing.set(qn("w:val"), str(CONDENSE_TWENTIETHS))
    if size is not None:
        half = str(round(size * 2))
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = _el(tag)
                rpr.append(el)
            el.set(qn("w:val"), half)


def _setup(d: Document) -> None:
    """Page, margins, grid, default fonts and language, page-number footers."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    styles = d.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, BODY_FONT, LATIN_FONT, SIZE_3)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = _el("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(_el("w:spacing", w_before="0", w_after="0", w_line=str(LINE_PITCH_TWIPS), w_lineRule="exact"))
    normal = d.styles["Normal"]
    _set_fonts(normal.element.get_or_add_rPr(), BODY_FONT, LATIN_FONT, SIZE_3)
    settings = d.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    d.settings.odd_and_even_pages_header_footer = True

    section = d.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(15)
    section.footer_distance = Mm(22)  # the page number's line sits about 7 mm under the text block
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    sect.append(_el("w:docGrid", w_type="lines", w_linePitch=str(LINE_PITCH_TWIPS)))
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _page_number(p: Paragraph, *, odd: bool) -> None:
    """ "— N —" with N the PAGE field, 4号 宋体, one character in from the outer edge: on the
    right of odd pages, on the left of even ones."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    fmt = p.paragraph_format
    if odd:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.right_indent = _pt(SIZE_4)
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.left_indent = _pt(SIZE_4)
    fmt.line_spacing = None
    _run(p, "— ", PAGE_FONT, PAGE_FONT, SIZE_4)
    for part in ("begin", "instr", "separate", "1", "end"):
        r = _run(p, "", PAGE_FONT, PAGE_FONT, SIZE_4)
        if part == "instr":
            instr = _el("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = " PAGE "
            r._r.append(instr)
        elif part == "1":
            r.text = "1"  # what a reader shows before it updates the field
        else:
            r._r.append(_el("w:fldChar", w_fldCharType=part))
    _run(p, " —", PAGE_FONT, PAGE_FONT, SIZE_4)


def _run(p: Paragraph, text: str, east_asian: str, latin: str, size: float) -> Any:
    r = p.add_run(text)
    rpr = r._r.get_or_add_rPr()
    _set_fonts(rpr, east_asian, latin, size, condense=size == SIZE_3)
    if size != SIZE_3:
        _off_grid(p)
    return r


def _off_grid(p: Paragraph) -> None:
    """Text not in 3号 (the title, tables, page numbers) keeps its own line height: the grid is
    made for the body size."""
    from docx.oxml.ns import qn

    ppr = p._p.get_or_add_pPr()
    if ppr.find(qn("w:snapToGrid")) is None:
        _insert(ppr, _el("w:snapToGrid", w_val="0"), _PPR_AFTER_SNAP)


def _title(d: Document, title: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, title, TITLE_FONT, TITLE_FONT, SIZE_2)


def _paragraph(d: Document, para: Para) -> Paragraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = d.add_paragraph()
    fmt = p.paragraph_format
    if para.kind in ("body", "h1", "h2"):
        fmt.first_line_indent = _pt(2 * SIZE_3)  # 每段首行缩进二字
    if para.kind == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if para.kind == "h1":
        fmt.keep_with_next = True  # 一、 never alone at the foot of a page
    if para.kind in ("h1", "h2"):
        # An outline level, so the headings show in Word's and WPS's navigation pane.
        level = _el("w:outlineLvl", w_val="0" if para.kind == "h1" else "1")
        _insert(p._p.get_or_add_pPr(), level, _PPR_AFTER_OUTLINE)
    for span in para.spans:
        east, latin = _FONTS[span.style]
        _run(p, span.text, east, latin, SIZE_3)
    return p


def _attachment(d: Document, att: Attachment) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    p = d.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    p = d.add_paragraph()
    _run(p, att.label, HEI_FONT, HEI_FONT, SIZE_3)  # 附件 label: 黑体, top left
    _paragraph(d, Para((), "plain"))
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, att.title, TITLE_FONT, TITLE_FONT, SIZE_2)
    for caption, table in att.tables:
        if caption:
            p = d.add_paragraph()
            p.paragraph_format.keep_with_next = True  # a table's caption stays with its table
            _run(p, caption, HEI_FONT, HEI_FONT, SIZE_3)
        _table(d, table)
    for note in att.notes:
        p = d.add_paragraph()
        _run(p, note, BODY_FONT, LATIN_FONT, SIZE_TABLE + 1.5)


def _table(d: Document, table: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    n = len(table.header)
    t = d.add_table(rows=1 + len(table.rows), cols=n)
    t.style = d.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    width_mm = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
    weights = table.widths or tuple(1.0 for _ in range(n))
    total = sum(weights)
    widths = [Mm(width_mm * w / total) for w in weights]
    # Fixed widths in the grid and on every cell: Word, WPS and LibreOffice each read one of them.
    t.autofit = False
    for column, width in zip(t.columns, widths, strict=True):
        column.width = width
    margins = _el("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_el(f"w:{side}", w_w="57", w_type="dxa"))  # 1 mm: more of a narrow cell for text
    _insert(t._tbl.tblPr, margins, _TBLPR_AFTER_CELLMAR)
    _repeat_header(t.rows[0])
    for r, values in enumerate((table.header, *table.rows)):
        row = t.rows[r]
        if r > 0:  # a row is never split over two pages (a wrapped name half on each)
            row._tr.get_or_add_trPr().append(_el("w:cantSplit"))
        caption = r > 0 and all(not v for v in values[1:])
        if caption:
            merged = row.cells[0].merge(row.cells[-1])
            cells = [merged]
        else:
            cells = list(row.cells)
        for c, cell in enumerate(cells):
            cell.width = widths[c] if not caption else Mm(width_mm)
            p = cell.paragraphs[0]
            fmt = p.paragraph_format
            fmt.line_spacing = 1.0
            fmt.first_line_indent = None
            if r == 0 or caption:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 else WD_ALIGN_PARAGRAPH.LEFT
                _run(p, values[c], HEI_FONT, HEI_FONT, SIZE_TABLE)
            else:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if c in table.numeric else WD_ALIGN_PARAGRAPH.CENTER
                _run(p, values[c], BODY_FONT, LATIN_FONT, SIZE_TABLE)


def _repeat_header(row: Any) -> None:
    """The header row repeats at the top of every page the table runs over."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(_el("w:tblHeader", w_val="true"))
