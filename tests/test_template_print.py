"""A blank return as the township prints it: A4 pages, no text past the paper's edge.

Skipped without ``soffice``. LibreOffice draws a column wider than the page past the paper's edge
(the characters are in the PDF, outside its page), so a character beyond the page box was cut off
on paper; a sheet without a paper size prints on US Letter.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from tests.conftest import PLAN_PATH
from tests.office import to_pdf

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]

A4 = (595.3, 841.9)  # points


def test_a_blank_return_prints_on_a4_with_nothing_past_the_edge(tmp_path: Path) -> None:
    pdfminer = pytest.importorskip("pdfminer.high_level")
    from pdfminer.layout import LTChar

    def chars(item: object) -> Iterator[LTChar]:
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from chars(child)

    r = CliRunner().invoke(app, ["--plan", str(PLAN_PATH), "template", "2025", "-u", "税郭镇", "--out", str(tmp_path)])
    assert r.exit_code == 0, r.output
    (xlsx,) = tmp_path.glob("*.xlsx")
    pages = list(pdfminer.extract_pages(str(to_pdf(xlsx, tmp_path))))
    assert len(pages) >= 3  # 填报表, 明细, 说明
    for number, page in enumerate(pages, 1):
        width, height = page.bbox[2], page.bbox[3]
        assert sorted((round(width, 1), round(height, 1))) == list(A4), (number, width, height)
        past = "".join(c.get_text() for c in chars(page) if c.x1 > width or c.x0 < 0)
        assert not past, (number, past)
