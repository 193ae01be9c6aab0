"""XlsxWriter's worksheet, writing its plain cells' XML faster, to the same bytes.

XlsxWriter writes every cell's ``<c>`` element through a general tag writer that escapes each
attribute (a regular expression and, for the style's number, a raised and caught ``TypeError``).
The meeting workbook has tens of thousands of cells, all numbers, shared strings and styled
blanks, whose attributes (a cell reference, a style's number) never need escaping: this subclass
writes those elements in one formatted string each and leaves every other kind of cell to
XlsxWriter. ``tests/test_export_speed.py`` checks the file is the same byte for byte as the one
XlsxWriter writes itself.
"""

from __future__ import annotations

import functools
import math
from typing import Any


@functools.cache
def sheet_class() -> type[Any]:
    """The worksheet class (made once: importing XlsxWriter only when a workbook is written)."""
    from xlsxwriter.utility import xl_col_to_name
    from xlsxwriter.worksheet import CellBlankTuple, CellNumberTuple, CellStringTuple, Worksheet

    names: dict[int, str] = {}

    class FastCellsWorksheet(Worksheet):  # type: ignore[misc]
        def put_row(self, row: int, cells: list[tuple[int, Any, Any]]) -> None:
            """:func:`put_row`, each plain cell stored as XlsxWriter stores it, the row's bounds
            checked once (XlsxWriter checks each cell's)."""
            cols = [c for c, _, _ in cells]
            if self.constant_memory or self._check_dimensions(row, min(cols)) or self._check_dimensions(row, max(cols)):
                put_row(self, row, cells)
                return
            table = self.table[row]
            index = self.str_table._get_shared_string_index
            longest = self.xls_strmax // 2  # a longer string may need cutting: XlsxWriter does it
            for col, v, fmt in cells:
                kind = v.__class__
                if kind is str and len(v) <= longest:
                    table[col] = CellStringTuple(index(v), fmt)
                elif (kind is float and math.isfinite(v)) or kind is int:
                    table[col] = CellNumberTuple(v, fmt)
                elif v is None:
                    if fmt is not None:
                        table[col] = CellBlankTuple(fmt)
                else:
                    put_row(self, row, [(col, v, fmt)])

        def _calculate_spans(self) -> None:
            # XlsxWriter's, each row's columns read from its cells rather than tried one by one
            # across the sheet's width (no comments here: a sheet with some is left to it).
            if self.comments:
                super()._calculate_spans()
                return
            spans: dict[int, str] = {}
            lo: int | None = None
            hi = 0
            table, last = self.table, self.dim_rowmax
            for row_num in range(self.dim_rowmin, last + 1):
                cells = table.get(row_num)
                if cells:
                    first, end = min(cells), max(cells)
                    if lo is None:
                        lo, hi = first, end
                    else:
                        lo, hi = min(lo, first), max(hi, end)
                if ((row_num + 1) % 16 == 0 or row_num == last) and lo is not None:
                    spans[int(row_num / 16)] = f"{lo + 1}:{hi + 1}"
                    lo = None
            self.row_spans = spans

        def _write_rows(self) -> None:
            # XlsxWriter's, each row's cells taken in column order rather than tried one by one
            # across the sheet's width, and written in one piece.
            self._calculate_spans()
            table, info, comments, spans = self.table, self.row_info, self.comments, self.row_spans
            fh, cell_xml = self.fh, self._cell_xml
            number = CellNumberTuple
            styles: dict[Any, str] = {}  # each format's s="…", by the format
            for row_num in range(self.dim_rowmin, self.dim_rowmax + 1):
                cells = table[row_num]
                if row_num in info or row_num in comments or cells:
                    span = spans.get(int(row_num / 16))
                    if cells:
                        self._write_row(row_num, span, info.get(row_num))
                        ref = str(row_num + 1)
                        parts: list[str] = []
                        for col_num in sorted(cells):
                            cell = cells[col_num]
                            kind, fmt = cell.__class__, cell[-1]
                            name = names.get(col_num)
                            if fmt is not None and name is not None and kind is number:  # the most, at once
                                style = styles.get(fmt)
                                if style is None:
                                    style = styles[fmt] = f' s="{fmt._get_xf_index()}"'
                                parts.append(f'<c r="{name}{ref}"{style}><v>{cell[0]:.16G}</v></c>')
                                continue
                            xml = cell_xml(row_num, col_num, cell, ref)
                            if xml is None:  # a kind of cell left to XlsxWriter
                                fh.write("".join(parts))
                                parts.clear()
                                super()._write_cell(row_num, col_num, cell)
                            else:
                                parts.append(xml)
                        parts.append("</row>")
                        fh.write("".join(parts))
                    else:
                        self._write_empty_row(row_num, span, info.get(row_num))

        def _write_cell(self, row: int, col: int, cell: Any) -> None:
            xml = self._cell_xml(row, col, cell, str(row + 1))
            if xml is None:
                super()._write_cell(row, col, cell)
            else:
                self.fh.write(xml)

        def _cell_xml(self, row: int, col: int, cell: Any, ref: str) -> str | None:
            """The ``<c>`` element of a number, a shared string or a blank (None: another kind)."""
            kind = cell.__class__
            if kind is not CellNumberTuple and kind is not CellStringTuple and kind is not CellBlankTuple:
                return None
            if kind is CellStringTuple and self.constant_memory:
                return None
            fmt = cell.format
            if fmt is None:  # as XlsxWriter: the row's format, else the column's, else none
                row_info = self.row_info.get(row)
                if row_info is not None and row_info.row_format:
                    fmt = row_info.row_format
                elif col in self.col_info:
                    fmt = self.col_info[col].column_format
            name = names.get(col)
            if name is None:
                name = names[col] = xl_col_to_name(col)
            style = f' s="{fmt._get_xf_index()}"' if fmt is not None else ""
            if kind is CellNumberTuple:
                return f'<c r="{name}{ref}"{style}><v>{cell.number:.16G}</v></c>'
            if kind is CellStringTuple:
                return f'<c r="{name}{ref}"{style} t="s"><v>{cell.string}</v></c>'
            return f'<c r="{name}{ref}"{style}/>'

    return FastCellsWorksheet


_ESCAPED: dict[str, str] = {}  # a chart point's text as its XML says it


def fast_points(chart: Any) -> Any:
    """``chart`` writing the cached points of its series (a ``<c:pt>`` per unit and series: ten
    thousand over a large district) in one formatted string each, to the same bytes."""
    import types

    def write_pt(self: Any, idx: int, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, str):  # names and figures (as text) recur in every series and chart
            text = _ESCAPED.get(value)
            if text is None:
                if len(_ESCAPED) >= 65_536:
                    _ESCAPED.clear()
                text = _ESCAPED[value] = self._escape_control_characters(self._escape_data(value))
            value = text
        self.fh.write(f'<c:pt idx="{idx}"><c:v>{value}</c:v></c:pt>')

    chart._write_pt = types.MethodType(write_pt, chart)
    return chart


def put_row(ws: Any, row: int, cells: list[tuple[int, Any, Any]]) -> None:
    """Write ``cells`` — (column, value, format): a string, a number, a bool, or None for a blank
    that shows its format — on row ``row`` of ``ws``, cell by cell with XlsxWriter's own methods
    (by row and column numbers: without the decorator that reads "A1")."""
    for col, v, fmt in cells:
        if isinstance(v, str):
            ws._write_string(row, col, v, fmt)
        elif v is None:
            ws._write_blank(row, col, None, fmt)
        elif isinstance(v, bool):
            ws._write_boolean(row, col, v, fmt)
        else:
            ws._write_number(row, col, v, fmt)
