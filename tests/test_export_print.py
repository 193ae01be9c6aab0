"""The meeting workbook as it prints: LibreOffice turns it into a PDF once, the tests read the PDF.

Skipped without ``soffice``. What is checked is what a reader of the printed pages would notice:
text too small to read, a unit's name cut off, pages without a number or a footer, a machine's
path, empty brackets, figures with more decimals than their unit allows.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ipcounty.cli import app
from tests.conftest import PLAN_PATH, ROOT, TOWNS
from tests.office import to_pdf

EXAMPLES = ROOT / "examples" / "returns"

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]


@dataclass
class Printed:
    xlsx: Path
    pages: list[str]  # the text of each page
    sizes: list[list[tuple[float, str]]]  # each page's characters: (size in pt, the character)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return print_export(tmp_path_factory.mktemp("print"), [])


@pytest.fixture(scope="module")
def printed_en_trend(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """The English workbook's 趋势 sheet alone (the other sheets are not built: it stays fast)."""
    from ipcounty.export import trend, workbook

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workbook, "SHEETS", (trend.add,))
        return print_export(tmp_path_factory.mktemp("print-en"), ["--lang", "en"])


def print_export(folder: Path, options: list[str]) -> Printed:
    pdfminer = pytest.importorskip("pdfminer.high_level")
    from pdfminer.layout import LTChar, LTTextContainer

    xlsx = folder / "meeting.xlsx"
    r = CliRunner().invoke(
        app, [*options, "--plan", str(PLAN_PATH), "export", "2025", "--returns", str(EXAMPLES), "-o", str(xlsx)]
    )
    assert r.exit_code == 0, r.output
    pdf = to_pdf(xlsx, folder)
    assert pdf.is_file()

    def chars(item: object) -> list[LTChar]:
        if isinstance(item, LTChar):
            return [item]
        found: list[LTChar] = []
        if hasattr(item, "__iter__"):
            for child in item:
                found.extend(chars(child))
        return found

    pages, sizes = [], []
    for page in pdfminer.extract_pages(str(pdf)):
        cs = chars(page)
        pages.append("\n".join(box.get_text() for box in page if isinstance(box, LTTextContainer)))
        sizes.append([(c.size, c.get_text()) for c in cs if c.get_text().strip()])
    return Printed(xlsx, pages, sizes)


def test_no_text_under_8_pt_on_any_page(printed: Printed) -> None:
    assert len(printed.pages) >= 12  # overview, matrix, seven indicators, goals, checks, files, notes
    for n, chars in enumerate(printed.sizes, 1):
        small = "".join(ch for size, ch in chars if size < 8)
        assert not small, f"page {n}: text under 8 pt: {small[:60]}"


def test_every_unit_on_the_overview_is_printed_whole(printed: Printed) -> None:
    ws = load_workbook(printed.xlsx)["总览"]
    listed = "".join(str(r[2] or "") for r in ws.iter_rows(min_row=4, max_row=12, values_only=True))
    assert all(town in listed for town in TOWNS)  # reported, overdue, missing, rejected, in conflict
    overview = re.sub(r"\s", "", printed.pages[0])
    for town in TOWNS:
        assert town in overview, town  # not cut at the edge of its cell


def test_every_page_has_its_number_and_the_footer(printed: Printed) -> None:
    total = len(printed.pages)
    for n, text in enumerate(printed.pages, 1):
        flat = re.sub(r"\s", "", text)
        assert f"第{n}页，共{total}页" in flat, n
        assert "市中区知识产权强县建设试点·2025年度·截至2025年12月31日" in flat, n


def test_the_printed_pages_read_clean(printed: Printed) -> None:
    text = "".join(printed.pages)
    flat = re.sub(r"\s", "", text)
    assert "（）" not in flat  # no empty unit brackets (D1 has no unit of measure)
    assert str(ROOT) not in text and "/tmp/" not in text  # no path of the machine it ran on
    assert "targets.yaml:" in flat  # the plan notes say where, by the file's name
    assert not re.search(r"\d\.\d{3,}", text)  # no figure with more decimals than its unit shows
    assert "市中区知识产权强县建设试点" in text and "税郭镇" in text


def test_submissions_print_the_years_files_only(printed: Printed) -> None:
    flat = re.sub(r"\s", "", "".join(printed.pages))
    assert "2025_文化路街道_填报表.xlsx" in flat
    assert "2026_" not in flat and "2024_" not in flat


def test_the_english_trend_sheet_prints_nothing_under_8_pt_and_no_empty_unit(printed_en_trend: Printed) -> None:
    assert len(printed_en_trend.pages) >= 6  # B1-B5 with their charts, D1, D2, the district's goals
    for n, chars in enumerate(printed_en_trend.sizes, 1):
        small = "".join(ch for size, ch in chars if size < 8)
        assert not small, f"page {n}: text under 8 pt: {small[:60]}"
    flat = re.sub(r"\s", "", "".join(printed_en_trend.pages))
    assert "D1IPofficesetup(yes/no)" in flat and "(—)" not in flat and "（—）" not in flat
    assert "completionvs.timeelapsed(%)" in flat  # the chart's title says the unit
    assert "Done" not in flat and "enoD" not in flat  # no axis title (rotated, it reads backwards)
