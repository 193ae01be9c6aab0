"""The printed workbook in English as in Chinese: no header word split, the indicator sheets one line
a row and one page with their chart (the English B1–B4 charts once printed on a page of their own)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.export.grid import BODY_PT
from ipcounty.export.measure import DEFAULT_WIDTH, WORD_CAP, line_height, line_units, lines_needed, words
from tests.conftest import PLAN_PATH, ROOT, column_widths
from tests.office import pdf_text, to_pdf

EXAMPLES = ROOT / "examples" / "returns"
BASE = ["--plan", str(PLAN_PATH)]
SINGLE_PT = line_height(BODY_PT) + 2  # the most a one-line row may be set to
INDICATOR = re.compile(r"B[1-4] ")


@pytest.fixture(scope="module", params=["en", "zh"])
def book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"print-{request.param}") / f"{request.param}.xlsx"
    r = CliRunner().invoke(
        app, [*BASE, "--lang", request.param, "export", "2025", "--returns", str(EXAMPLES), "-o", str(out)]
    )
    assert r.exit_code == 0, r.output
    return out


def test_every_header_word_fits_its_column(book: Path) -> None:
    wb = load_workbook(book)
    checked = 0
    for ws in wb.worksheets:
        widths = column_widths(ws)
        for cell in ws[3]:
            if not isinstance(cell.value, str) or not cell.font.b:
                continue
            width = widths.get(cell.column, DEFAULT_WIDTH)
            for word in words(cell.value):
                units = line_units(word, bold=True)
                if units <= WORD_CAP:
                    assert units <= width - 1, (ws.title, cell.value, word, units, width)
                    checked += 1
    assert checked > 50


def test_the_indicator_sheets_keep_one_line_a_row(book: Path) -> None:
    wb = load_workbook(book)
    sheets = [ws for ws in wb.worksheets if INDICATOR.match(ws.title)]
    assert len(sheets) == 4
    for ws in sheets:
        widths = column_widths(ws)
        for row in range(4, ws.max_row + 1):
            label = ws.cell(row, 1).value
            if not label or re.match(r"[A-Z]\d+ ", str(label)):  # the district goals' rows carry a long note
                continue
            height = ws.row_dimensions[row].height
            assert height is None or height <= SINGLE_PT, (ws.title, row, label, height)
            for col, width in widths.items():
                v = ws.cell(row, col).value
                if isinstance(v, str):
                    assert lines_needed(v, width, bool(ws.cell(row, col).font.b)) == 1, (ws.title, row, v, width)


def test_behind_schedule_fits_the_status_column() -> None:
    assert lines_needed("behind schedule", 15.0) == 1
    assert lines_needed("behind schedule", 15.0, bold=True) == 2  # bold Latin is wider
    assert lines_needed("Cumulative", 9.0, bold=True) == 2
    assert lines_needed("落后序时进度", 14.6) == 1


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs soffice")
def test_each_printed_indicator_sheet_is_one_page(book: Path, tmp_path: Path) -> None:
    text = pdf_text(to_pdf(book, tmp_path, timeout=300))
    footers = [re.findall(r"(B[1-4]) \S", page.strip().splitlines()[-1]) for page in text.split("\f") if page.strip()]
    counts = {code: sum(1 for f in footers if f and f[-1] == code) for code in ("B1", "B2", "B3", "B4")}
    assert counts == dict.fromkeys(counts, 1), counts
