"""How every sheet of a blank return prints: on A4, one page wide, as many pages down as it needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


def fit_a4(ws: Worksheet, *, landscape: bool) -> None:
    """Print ``ws`` on A4 (landscape or portrait), scaled to one page wide."""
    from openpyxl.worksheet.properties import PageSetupProperties

    if landscape:
        ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
