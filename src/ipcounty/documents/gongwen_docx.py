"""An :class:`OfficialDocument` as a .docx in the 公文 layout of GB/T 9704-2012.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm text block);
22 lines × 28 characters (a line grid, and 3号 characters narrowed to 28 a line);
title 2号 方正小标宋简体; body 3号 仿宋_GB2312; 一、 headings 黑体, （一） headings
楷体_GB2312; page numbers "— 1 —" in 4号 宋体, odd pages on the right and even pages
on the left, one character in.

python-docx sets only the Latin font slots (``w:ascii``/``w:hAnsi``): Chinese text is drawn with
``w:eastAsia``, which it never writes, and its default template falls back to a Japanese theme
font. So every run gets all four slots written (:mod:`~ipcounty.documents.docx_xml`), the
document defaults name the fonts instead of the theme, and the East Asian language is zh-CN.
python-docx has no fields either: the PAGE field is written as ``w:fldChar``/``w:instrText``
runs. python-docx is imported inside the functions, so no other command pays for it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from ipcounty.documents.docx_xml import PPR_AFTER_OUTLINE, element, font_table, insert, pt, run, set_fonts
from ipcounty.documents.gongwen_layout import (
    BODY_FONT,
    CHAR_PITCH_PT,
    FONTS,
    HEI_FONT,
    LATIN_FONT,
    LINE_PITCH_TWIPS,
    MARGINS_MM,
    PAGE_FONT,
    PAGE_MM,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    SIZE_TABLE,
    TITLE_FONT,
)
from ipcounty.documents.gongwen_table import write_table
from ipcounty.documents.model import Attachment, OfficialDocument, Para

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph


def docx_bytes(doc: OfficialDocument) -> bytes:
    """The document as the bytes of a .docx file."""
    from docx import Document as new_document

    d = new_document()
    _setup(d)
    _title(d, doc.title)
    _paragraph(d, Para((), "plain"))  # one empty line between the title and 主送
    if doc.addressees:
        _paragraph(d, Para(((_span(doc.addressees + ("：" if doc.lang == "zh" else ":")),)), "plain"))
    last = None
    for para in doc.body:
        last = _paragraph(d, para)
    # From the body's last lines to the signature, one block (GB/T 9704 7.3.5: the signature is
    # never alone on a page): each paragraph kept with the next, the last body paragraph moving at
    # least two of its lines over with it.
    tail: list[Paragraph] = []
    if doc.attachment_note:
        tail.append(_paragraph(d, Para((), "plain")))
        for i, line in enumerate(doc.attachment_note.splitlines()):
            p = _paragraph(d, Para((_span(line),), "plain"))
            # 附件说明: 左空二字; second and later lines align under the first name
            p.paragraph_format.first_line_indent = pt(2 * SIZE_3) if i == 0 else None
            p.paragraph_format.left_indent = None if i == 0 else pt(5 * SIZE_3)
            tail.append(p)
    if doc.signature or doc.date:
        tail.append(_paragraph(d, Para((), "plain")))
        for text, chars in zip((doc.signature, doc.date), _signature_indents(doc.signature, doc.date), strict=True):
            if text:
                p = _paragraph(d, Para((_span(text),), "right"))
                p.paragraph_format.right_indent = pt(chars * CHAR_PITCH_PT)
                tail.append(p)
    if tail and last is not None:
        last.paragraph_format.widow_control = True
        for p in (last, *tail[:-1]):
            p.paragraph_format.keep_with_next = True
    for att in doc.attachments:
        _attachment(d, att)
    _properties(d, doc)
    font_table(d)
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


def _span(text: str) -> Any:
    from ipcounty.documents.model import Span

    return Span(text)


def _setup(d: Document) -> None:
    """Page, margins, grid, default fonts and language, page-number footers."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    styles = d.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, BODY_FONT, LATIN_FONT, SIZE_3)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = element("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(element("w:spacing", w_before="0", w_after="0", w_line=str(LINE_PITCH_TWIPS), w_lineRule="exact"))
    normal = d.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), BODY_FONT, LATIN_FONT, SIZE_3)
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
    sect.append(element("w:docGrid", w_type="lines", w_linePitch=str(LINE_PITCH_TWIPS)))
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _page_number(p: Paragraph, *, odd: bool) -> None:
    """ "— N —" with N the PAGE field, 4号 宋体, one character in from the outer edge: on the
    right of odd pages, on the left of even ones."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    fmt = p.paragraph_format
    if odd:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.right_indent = pt(SIZE_4)
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.left_indent = pt(SIZE_4)
    fmt.line_spacing = None
    run(p, "— ", PAGE_FONT, PAGE_FONT, SIZE_4)
    for part in ("begin", "instr", "separate", "1", "end"):
        r = run(p, "", PAGE_FONT, PAGE_FONT, SIZE_4)
        if part == "instr":
            instr = element("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = " PAGE "
            r._r.append(instr)
        elif part == "1":
            r.text = "1"  # what a reader shows before it updates the field
        else:
            r._r.append(element("w:fldChar", w_fldCharType=part))
    run(p, " —", PAGE_FONT, PAGE_FONT, SIZE_4)


def _title(d: Document, title: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(p, title, TITLE_FONT, TITLE_FONT, SIZE_2)


def _paragraph(d: Document, para: Para) -> Paragraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = d.add_paragraph()
    fmt = p.paragraph_format
    if para.kind in ("body", "h1", "h2"):
        fmt.first_line_indent = pt(2 * SIZE_3)  # 每段首行缩进二字
    if para.kind == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if para.kind == "h1":
        fmt.keep_with_next = True  # 一、 never alone at the foot of a page
    if para.kind in ("h1", "h2"):
        # An outline level, so the headings show in Word's and WPS's navigation pane.
        level = element("w:outlineLvl", w_val="0" if para.kind == "h1" else "1")
        insert(p._p.get_or_add_pPr(), level, PPR_AFTER_OUTLINE)
    for span in para.spans:
        east, latin = FONTS[span.style]
        run(p, span.text, east, latin, SIZE_3)
    return p


def _attachment(d: Document, att: Attachment) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = d.add_paragraph()
    # The label starts a page by its own pageBreakBefore: a paragraph holding a page break would
    # itself spill onto a new page when the text before it fills its page, leaving that page blank.
    p.paragraph_format.page_break_before = True
    run(p, att.label, HEI_FONT, HEI_FONT, SIZE_3)  # 附件 label: 黑体, top left
    _paragraph(d, Para((), "plain"))
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(p, att.title, TITLE_FONT, TITLE_FONT, SIZE_2)
    for caption, table in att.tables:
        if caption:
            p = d.add_paragraph()
            p.paragraph_format.keep_with_next = True  # a table's caption stays with its table
            run(p, caption, HEI_FONT, HEI_FONT, SIZE_3)
        write_table(d, table)
    for note in att.notes:
        p = d.add_paragraph()
        run(p, note, BODY_FONT, LATIN_FONT, SIZE_TABLE + 1.5)
