"""The meeting workbook: the report as an .xlsx a district official opens, prints and brings along.

Every figure comes from the same :class:`~ipcounty.progress.Row` objects as the CSV report, so
the two always agree. Text that came from a return is written as text: a note reading
``=HYPERLINK(...)`` stays a string, never a formula. The file is written beside the target under
a temporary name and renamed into place, so an interrupted export leaves the previous file.

One module per sheet (``overview``, ``matrix``, ``indicator``, ``goals``, ``double_counts``,
``submissions``, ``notes``); what they share lives in ``sheet``; the order in ``workbook.SHEETS``.
"""

from __future__ import annotations

from ipcounty.export.sheet import Context, Sheet, display_width, print_setup, put
from ipcounty.export.workbook import build_workbook
from ipcounty.export.write import write_workbook

__all__ = ["Context", "Sheet", "build_workbook", "display_width", "print_setup", "put", "write_workbook"]
