"""What python-docx does not write for a Chinese document: all four font slots of a run, the
schema's order of added elements, the font table with GB2312 faces and their stand-ins.

python-docx sets only the Latin font slots (``w:ascii``/``w:hAnsi``): Chinese text is drawn with
``w:eastAsia``, which it never writes, and its default template falls back to a Japanese theme
font. python-docx is imported inside the functions, so no other command pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipcounty.documents.gongwen_layout import ALT_FONTS, BODY_FONT, CONDENSE_TWENTIETHS, SIZE_3

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph


def pt(value: float) -> Any:
    """A length in points, for python-docx."""
    from docx.shared import Pt

    return Pt(value)


def element(tag: str, **attrs: str) -> Any:
    """An OOXML element ``tag`` with ``w_val="…"``-style attributes (``w_`` → ``w:``)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k.replace("_", ":", 1)), v)
    return el


# Word refuses a file whose property elements are out of the schema's order ("unreadable
# content"); python-docx keeps the order for what it writes, these lists for what is added here.
PPR_AFTER_SNAP = ("spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
                   "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
                   "cnfStyle", "rPr", "sectPr", "pPrChange")  # fmt: skip
PPR_AFTER_OUTLINE = ("divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
TBLPR_AFTER_CELLMAR = ("tblLook", "tblCaption", "tblDescription", "tblPrChange")


def insert(parent: Any, el: Any, successors: tuple[str, ...]) -> None:
    """Put ``el`` before the first child named in ``successors`` (at the end when none is)."""
    from docx.oxml.ns import qn

    names = {qn(f"w:{s}") for s in successors}
    for i, child in enumerate(parent):
        if child.tag in names:
            parent.insert(i, el)
            return
    parent.append(el)


def set_fonts(rpr: Any, east_asian: str, latin: str, size: float | None, condense: bool = False) -> None:
    """All four font slots of a run (or the defaults), no theme fonts, and the size; ``condense``
    narrows a 3号 character by 0.3 pt so that 28 fit a line."""
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = element("w:rFonts")
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
            spacing = element("w:spacing")
            rpr.append(spacing)
        spacing.set(qn("w:val"), str(CONDENSE_TWENTIETHS))
    if size is not None:
        half = str(round(size * 2))
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = element(tag)
                rpr.append(el)
            el.set(qn("w:val"), half)


def run(p: Paragraph, text: str, east_asian: str, latin: str, size: float) -> Any:
    """A run of ``text`` in ``p`` with its fonts and size; off the line grid unless 3号."""
    r = p.add_run(text)
    rpr = r._r.get_or_add_rPr()
    set_fonts(rpr, east_asian, latin, size, condense=size == SIZE_3)
    if size != SIZE_3:
        off_grid(p)
    return r


def off_grid(p: Paragraph) -> None:
    """Text not in 3号 (the title, tables, page numbers) keeps its own line height: the grid is
    made for the body size."""
    from docx.oxml.ns import qn

    ppr = p._p.get_or_add_pPr()
    if ppr.find(qn("w:snapToGrid")) is None:
        insert(ppr, element("w:snapToGrid", w_val="0"), PPR_AFTER_SNAP)


def font_table(d: Document) -> None:
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
        font = element("w:font", w_name=name)
        if alt != name:
            font.append(element("w:altName", w_val=alt))
        font.append(element("w:charset", w_val="86"))  # GB2312
        font.append(element("w:family", w_val="modern" if name == BODY_FONT else "auto"))
        font.append(element("w:pitch", w_val="variable"))
        root.append(font)
    part._blob = serialize_part_xml(root)
