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
from typing import Any


@functools.cache
def sheet_class() -> type[Any]:
    """The worksheet class (made once: importing XlsxWriter only when a workbook is written)."""
    from xlsxwriter.utility import xl_col_to_name
    from xlsxwriter.worksheet import Worksheet

    names: dict[int, str] = {}

    class FastCellsWorksheet(Worksheet):  # type: ignore[misc]
        def _write_cell(self, row: int, col: int, cell: Any) -> None:
            kind = cell.__class__.__name__
            if kind not in ("Number", "String", "Blank") or (kind == "String" and self.constant_memory):
                super()._write_cell(row, col, cell)
                return
            fmt = cell.format
            if fmt is None:  # as XlsxWriter: the row's format, else the column's, else none
                info = self.row_info.get(row)
                if info is not None and info.row_format:
                    fmt = info.row_format
                elif col in self.col_info:
                    fmt = self.col_info[col].column_format
            name = names.get(col)
            if name is None:
                name = names[col] = xl_col_to_name(col)
            style = f' s="{fmt._get_xf_index()}"' if fmt is not None else ""
            if kind == "Number":
                self.fh.write(f'<c r="{name}{row + 1}"{style}><v>{cell.number:.16G}</v></c>')
            elif kind == "String":
                self.fh.write(f'<c r="{name}{row + 1}"{style} t="s"><v>{cell.string}</v></c>')
            else:
                self.fh.write(f'<c r="{name}{row + 1}"{style}/>')

    return FastCellsWorksheet


def fast_points(chart: Any) -> Any:
    """``chart`` writing the cached points of its series (a ``<c:pt>`` per unit and series: ten
    thousand over a large district) in one formatted string each, to the same bytes."""
    import types

    def write_pt(self: Any, idx: int, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, str):
            value = self._escape_control_characters(self._escape_data(value))
        self.fh.write(f'<c:pt idx="{idx}"><c:v>{value}</c:v></c:pt>')

    chart._write_pt = types.MethodType(write_pt, chart)
    return chart
