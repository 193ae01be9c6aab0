"""A table of a 附件 in the 公文 layout: fixed widths over the text block, 五号 text, 黑体 header
that repeats on every page, numbers to the right."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipcounty.documents.docx_xml import TBLPR_AFTER_CELLMAR, element, insert, run
from ipcounty.documents.gongwen_layout import BODY_FONT, HEI_FONT, LATIN_FONT, MARGINS_MM, PAGE_MM, SIZE_TABLE
from ipcounty.documents.model import Table

if TYPE_CHECKING:
    from docx.document import Document


def write_table(d: Document, table: Table) -> None:
    """``table`` at the end of ``d``."""
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
    margins = element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(element(f"w:{side}", w_w="57", w_type="dxa"))  # 1 mm: more of a narrow cell for text
    insert(t._tbl.tblPr, margins, TBLPR_AFTER_CELLMAR)
    _repeat_header(t.rows[0])
    for r, values in enumerate((table.header, *table.rows)):
        row = t.rows[r]
        if r > 0:  # a row is never split over two pages (a wrapped name half on each)
            row._tr.get_or_add_trPr().append(element("w:cantSplit"))
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
                run(p, values[c], HEI_FONT, HEI_FONT, SIZE_TABLE)
            else:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if c in table.numeric else WD_ALIGN_PARAGRAPH.CENTER
                run(p, values[c], BODY_FONT, LATIN_FONT, SIZE_TABLE)


def _repeat_header(row: Any) -> None:
    """The header row repeats at the top of every page the table runs over."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(element("w:tblHeader", w_val="true"))
