"""How every workbook ipcounty writes prints: on A4, one page wide, as many pages down as it needs.

One rule for both writers: the return template (openpyxl, ``returns/template_print.py``) and the
meeting workbook (XlsxWriter, ``export/page.py``) take their paper and fit from here.
"""

from __future__ import annotations

A4 = 9  # SpreadsheetML's paper code for A4 (openpyxl's PAPERSIZE_A4; XlsxWriter's set_paper)
PAGES_WIDE = 1  # scaled to one page across
PAGES_TALL = 0  # as many pages down as the sheet needs
