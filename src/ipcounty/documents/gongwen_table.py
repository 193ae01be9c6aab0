"""A table of a 附件 in the 公文 layout: fixed widths over the text block, 五号 text, 黑体 header
that repeats on every page, numbers to the right.

python-docx styles the header row and one row of each kind (a row of figures, a group caption);
every other row is a copy of its kind's styled row (``copy.deepcopy`` of the ``w:tr``) with the
text of its runs set: the same XML as styling each cell through python-docx, whose table API walks
the table for every cell it reaches (a 附件 of 333 units took seconds).
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from ipcounty.documents.docx_xml import TBLPR_AFTER_CELLMAR, element, insert, run, set_fonts
from ipcounty.documents.gongwen_layout import BODY_FONT, HEI_FONT, LATIN_FONT, MARGINS_MM, PAGE_MM, SIZE_TABLE
from ipcounty.documents.model import Table

if TYPE_CHECKING:
    from docx.document import Document

_CELL_MARGIN_MM = 1.0  # left and right, 57 twips


def write_table(d: Document, table: Table) -> None:
    """``table`` at the end of ``d``."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Mm

    n = len(table.header)
    body = [(values, all(not v for v in values[1:])) for values in table.rows]
    kinds = list(dict.fromkeys(caption for _, caption in body))  # the kinds of row, first seen first
    t = d.add_table(rows=1 + len(kinds), cols=n)
    t.style = d.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    width_mm = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
    weights = table.widths or tuple(1.0 for _ in range(n))
    total = sum(weights)
    widths = [Mm(mm) for mm in fit_widths([width_mm * w / total for w in weights], table)]
    # Fixed widths in the grid and on every cell: Word, WPS and LibreOffice each read one of them.
    t.autofit = False
    for column, width in zip(t.columns, widths, strict=True):
        column.width = width
    margins = element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(element(f"w:{side}", w_w="57", w_type="dxa"))  # _CELL_MARGIN_MM: more of a narrow cell for text
    insert(t._tbl.tblPr, margins, TBLPR_AFTER_CELLMAR)
    rows = list(t.rows)
    _repeat_header(rows[0])
    _style_row(rows[0], table.header, 0, False, table, widths, Mm(width_mm))
    templates: dict[bool, Any] = {}
    for row, caption in zip(rows[1:], kinds, strict=True):
        first = next(values for values, c in body if c is caption)
        _style_row(row, first, 1, caption, table, widths, Mm(width_mm))
        templates[caption] = row._tr
        t._tbl.remove(row._tr)
    tbl = t._tbl
    w_tc, w_p, w_r, w_t = qn("w:tc"), qn("w:p"), qn("w:r"), qn("w:t")
    for tr in templates.values():
        for tc in tr.iterchildren(w_tc):
            tc.find(w_p).find(w_r).text = ""  # the run's w:rPr alone
    preserve = qn("xml:space")
    for values, caption in body:
        tr = copy.deepcopy(templates[caption])
        for tc, value in zip(tr.iterchildren(w_tc), values, strict=False):
            if not value:
                continue
            r = tc.find(w_p).find(w_r)
            if "\t" in value or "\n" in value or "\r" in value:
                r.text = value  # python-docx's CT_R: w:tab and w:br, as add_run(value) writes
                continue
            t_el = r.makeelement(w_t)  # the w:t that add_run(value) writes
            r.append(t_el)
            t_el.text = value
            if value.strip() != value:
                t_el.set(preserve, "preserve")
        tbl.append(tr)
    _keep_together(tbl)


def figure_mm(text: str, ems_per_char: float = 0.55) -> float:
    """How wide ``text`` sets in a 五号 cell, in mm, with the cell's margins: a CJK character one
    em, any other character ``ems_per_char`` em (Times' digits are 0.5 em; a little over, for the
    faces that stand in where Times is missing)."""
    ems = sum(1.0 if ord(ch) > 0x2E7F else ems_per_char for ch in text)
    return ems * SIZE_TABLE * 25.4 / 72 + 2 * _CELL_MARGIN_MM + 0.5


_BREAKS = re.compile(r"[\s\u2e80-\U0002ffff]+|(?<=-)")


def _words(text: str) -> list[str]:
    """What a line may not break inside: a figure, a Latin word (``Target``); Chinese breaks
    between any two characters, a hyphenated word after its hyphen."""
    return [w for w in _BREAKS.split(text) if w]


def fit_widths(widths_mm: list[float], table: Table) -> list[float]:
    """The columns' widths, widened where a figure, a name or a word would not fit on one line
    (``13000`` set as ``1300`` over ``0``, a heading ``Target`` as ``Targ`` over ``et``, a unit
    ``光明路街道`` as ``光明路街`` over ``道``), the room taken from the other columns in proportion
    to what they have over their own longest word."""
    n = len(widths_mm)
    need = [0.0] * n
    for c in range(n):
        head = table.header[c] if c < len(table.header) else ""
        words = [figure_mm(w, 0.62) for w in _words(head)]  # 黑体: capitals a little wider
        cells = (row[c] for row in table.rows if c < len(row) and row[c])
        if c in table.numeric or c in table.names:
            words += [figure_mm(v) for v in cells]
        else:
            words += [figure_mm(w) for v in cells for w in _words(v)]
        need[c] = max(words, default=0.0)
    short = [max(0.0, need[c] - w) for c, w in enumerate(widths_mm)]
    spare = [max(0.0, w - need[c]) for c, w in enumerate(widths_mm)]
    grow = min(sum(short), sum(spare))  # all the room the others can give, when they cannot give all
    if grow <= 0:
        return widths_mm
    gain, give = grow / sum(short), grow / sum(spare)
    return [w + short[c] * gain - spare[c] * give for c, w in enumerate(widths_mm)]


def _style_row(
    row: Any, values: tuple[str, ...], r: int, caption: bool, table: Table, widths: list[Any], full: Any
) -> None:
    """Row ``r`` of ``table`` (0: the header) in the 公文 layout, one run a cell with ``values``."""
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if r > 0:  # a row is never split over two pages (a wrapped name half on each)
        row._tr.get_or_add_trPr().append(element("w:cantSplit"))
    cells = [row.cells[0].merge(row.cells[-1])] if caption else list(row.cells)
    for c, cell in enumerate(cells):
        cell.width = widths[c] if not caption else full
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER  # a figure beside a wrapped name sits mid-row
        p = cell.paragraphs[0]
        fmt = p.paragraph_format
        fmt.line_spacing = 1.0
        fmt.first_line_indent = None
        if r == 0 or caption:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 else WD_ALIGN_PARAGRAPH.LEFT
            run(p, values[c], HEI_FONT, HEI_FONT, SIZE_TABLE)
            _mark_size(p, HEI_FONT)
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if c in table.numeric else WD_ALIGN_PARAGRAPH.CENTER
            run(p, values[c], BODY_FONT, LATIN_FONT, SIZE_TABLE)
            _mark_size(p, BODY_FONT)


KEEP_FIRST = 2  # data rows kept on the page of the header (a table never starts with its header alone)
KEEP_LAST = 3  # rows that end a table together (its 全区 row never alone under a repeated header)


def _keep_together(tbl: Any) -> None:
    """The header with the first :data:`KEEP_FIRST` rows, and the last :data:`KEEP_LAST` rows
    together: every paragraph of a row kept with the next row (Word's, WPS's and LibreOffice's way
    of keeping table rows together). A table of a few rows is kept whole; a keep longer than a
    page is dropped by every writer, so a long table still runs on."""
    from docx.oxml.ns import qn

    trs = list(tbl.iterchildren(qn("w:tr")))
    n = len(trs)
    keep = set(range(min(n - 1, KEEP_FIRST))) | set(range(max(0, n - KEEP_LAST), n - 1))
    for i in sorted(keep):
        for ppr in trs[i].iter(qn("w:pPr")):
            if ppr.find(qn("w:keepNext")) is None:
                at = 1 if len(ppr) and ppr[0].tag == qn("w:pStyle") else 0
                ppr.insert(at, element("w:keepNext"))


def _mark_size(p: Any, east_asian: str) -> None:
    """The paragraph mark in the cell's font and size: an empty cell's line is then as tall as a
    filled one's (without it, the mark takes the document's 3号 and its row grows)."""
    from docx.oxml.ns import qn

    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = element("w:rPr")
        insert(ppr, rpr, ("sectPr", "pPrChange"))
    set_fonts(rpr, east_asian, east_asian if east_asian == HEI_FONT else LATIN_FONT, SIZE_TABLE)


def _repeat_header(row: Any) -> None:
    """The header row repeats at the top of every page the table runs over."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(element("w:tblHeader", w_val="true"))
