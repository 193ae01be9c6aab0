"""A sheet handed to python-calamine with its merged ranges written first reads exactly as the sheet.

python-calamine reads a sheet's cells, then the sheet again from its start for its <mergeCells>;
the copy it is handed writes that element first too (ipcounty.returns.xlsx_merges), so the second
pass stops at once. These tests hold the copy to the original: the same cells, the same merged
ranges, the same error, for the files ipcounty writes, the LibreOffice-saved returns, and sheets
spelled every odd way; and the spellings that could read differently are left as they are.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from ipcounty.returns import layout as L
from ipcounty.returns import xlsx_merges, zipparts
from ipcounty.returns.workbook import open_book
from ipcounty.returns.xlsx_merges import _one_sheet_book, merges_first
from tests.conftest import ROOT

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
CELLS = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>镇街</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>税郭镇</t></is></c></row>'
    '<row r="2"><c r="A2"><v>7</v></c></row>'
)
MERGES = '<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="A2:A3"/></mergeCells>'


@pytest.fixture(autouse=True)
def _small_sheets_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sheets spelled here are small, which the reader leaves as they are (see the last test)."""
    monkeypatch.setattr(xlsx_merges, "_SMALLEST", 0)


def _sheet(tail: str = MERGES, *, head: str = "", before: str = "", cells: str = CELLS) -> bytes:
    return f"{head}<worksheet {MAIN}>{before}<sheetData>{cells}</sheetData>{tail}</worksheet>".encode()


def _read(xml: bytes) -> Any:
    """What python-calamine makes of a workbook holding only this sheet: cells and merged ranges,
    or the error it raises."""
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(_one_sheet_book(xml)))
        sheet = wb.get_sheet_by_name("s")
        return sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges, (sheet.start, sheet.end)
    except Exception as exc:  # noqa: BLE001 - the error itself is what is compared
        return type(exc).__name__, str(exc)


@pytest.mark.parametrize(
    "xml",
    [
        _sheet(),
        _sheet(""),  # no merged ranges: an empty <mergeCells/> goes first
        _sheet(head='<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'),
        _sheet(f'<sheetProtection sheet="1"/>{MERGES}<pageMargins left="0.7"/>'),
        _sheet(before='<dimension ref="A1:C3"/><cols><col min="1" max="1" width="9"/></cols>'),
    ],
)
def test_the_usual_sheet_goes_merged_ranges_first_and_reads_the_same(xml: bytes) -> None:
    copy = merges_first(xml)
    assert copy is not None and copy != xml
    assert _read(copy) == _read(xml)
    assert b"<mergeCells" in copy[: copy.find(b"<worksheet")]


@pytest.mark.parametrize(
    ("case", "xml"),
    [
        ("a comment", _sheet(f"<!-- {MERGES} -->{MERGES}")),
        ("CDATA among the cells", _sheet(cells=CELLS + "<![CDATA[x]]>")),
        ("a processing instruction", _sheet(f"<?x {MERGES}?>")),
        ("merged ranges among the cells", _sheet("", cells=CELLS + MERGES)),
        ("merged ranges before the cells", _sheet("", before=MERGES)),
        ("a prefixed element", _sheet("<x:mergeCells><x:mergeCell ref='A1:B1'/></x:mergeCells>")),
        ("merged ranges spelled otherwise", _sheet("<mergeCells><mergeCell ref='A1:B1'/></mergeCells>")),
        ("a bad range", _sheet('<mergeCells><mergeCell ref="A1:1"/></mergeCells>')),
        ("an unclosed attribute after the cells", _sheet('<pageMargins left="0.7/>')),
        ("an unclosed element after the cells", _sheet("", cells=CELLS).replace(b"</worksheet>", b"<page")),
        ("an empty sheetData", f"<worksheet {MAIN}><sheetData/>{MERGES}</worksheet>".encode()),
        ("sheetData in a cell's text", _sheet(cells=CELLS.replace("税郭镇", "sheetData"))),
        ("a byte-order mark", b"\xef\xbb\xbf" + _sheet()),
    ],
)
def test_a_sheet_that_might_read_otherwise_is_left_as_it_is(case: str, xml: bytes) -> None:
    assert merges_first(xml) is None, case


def test_an_error_after_the_cells_is_still_met() -> None:
    """python-calamine refuses a sheet whose tail does not parse: the copy must not hide that."""
    xml = _sheet('<pageMargins left="0.7/>')
    assert _read(xml)[0] == "XmlError"
    assert merges_first(xml) is None


_TAIL_PARTS = [
    MERGES,
    "",
    '<mergeCells count="1"><mergeCell ref="B2"/></mergeCells>',
    "<mergeCells/>",
    '<sheetProtection sheet="1" objects="0"/>',
    '<dataValidations count="1"><dataValidation sqref="B2" type="list">'
    '<formula1>"是,否"</formula1></dataValidation></dataValidations>',
    "<!-- note -->",
    '<pageMargins left="0.7',
    "<x:mergeCells/>",
    '<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    '<mergeCells><mergeCell ref="1:2"/></mergeCells>',
    "</mergeCells>",
    "<a></b>",
    "text > more",
    "<?pi x?>",
]
_CELL_PARTS = [
    CELLS,
    '<row r="3"><c r="C3" t="inlineStr"><is><t>a"b</t></is></c></row>',
    '<row r="4"><c r="D4" t="inlineStr"><is><t>mergeCells</t></is></c></row>',
    MERGES,
    "<!-- x -->",
    '<row r="5"><c r="A5" foo="</sheetData>"><v>1</v></c></row>',
]


@settings(max_examples=150, deadline=None)
@given(
    tail=st.lists(st.sampled_from(_TAIL_PARTS), max_size=4),
    cells=st.lists(st.sampled_from(_CELL_PARTS), min_size=1, max_size=3),
    before=st.sampled_from(["", '<dimension ref="A1:D5"/>', MERGES, "<!-- x -->"]),
    head=st.sampled_from(["", '<?xml version="1.0" encoding="UTF-8"?>', "<?xml version='1.0'?>", "<?xml ?"]),
)
@example(tail=[MERGES], cells=[CELLS], before="", head="")
@example(tail=['<pageMargins left="0.7'], cells=[CELLS], before="", head="")
def test_a_sheet_reads_the_same_whenever_its_merged_ranges_go_first(
    tail: list[str], cells: list[str], before: str, head: str
) -> None:
    xml = _sheet("".join(tail), head=head, before=before, cells="".join(cells))
    copy = merges_first(xml)
    if copy is not None:
        assert _read(copy) == _read(xml)


def test_each_tail_is_asked_of_python_calamine_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_merges, "_TAILS", {})
    asked: list[bytes] = []
    real = xlsx_merges._merged_ranges

    def counted(sheet: bytes) -> Any:
        asked.append(sheet)
        return real(sheet)

    monkeypatch.setattr(xlsx_merges, "_merged_ranges", counted)
    for n in range(5):
        assert merges_first(_sheet(cells=CELLS.replace("税郭镇", f"镇{n}"))) is not None
    assert len(asked) == 2  # the tail read plainly and with its merged ranges first, once


def _books(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """What the reader reads of each sheet of ``path``, with and without merged ranges first."""

    def read() -> Any:
        book, problem = open_book(path, sheets=(L.SHEET, L.META_SHEET, L.DETAIL_SHEET))
        assert problem is None and book is not None
        out = {}
        for name in book.sheet_names:
            grid, problem = book.read_sheet(name)
            out[name] = (grid, book.merged.get(name), problem)
        book.close()
        return out

    first = read()
    with monkeypatch.context() as m:
        m.setattr(zipparts, "merges_first", lambda xml: None)
        plain = read()
    return first, plain


def test_returns_read_the_same_with_merged_ranges_first(
    make_return: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [
        make_return(),
        *sorted((ROOT / "examples" / "returns").rglob("*.xlsx")),
        *sorted((ROOT / "tests" / "data" / "libreoffice").glob("*.xlsx")),
    ]
    for path in files:
        first, plain = _books(path, monkeypatch)
        assert first == plain, path.name


def test_a_return_made_from_a_template_goes_merged_ranges_first(make_return: Callable[..., Path]) -> None:
    """The template's sheets are spelled the usual way: the reader does get the quicker copy."""
    book, _ = open_book(make_return(), sheets=(L.SHEET, L.DETAIL_SHEET))
    assert book is not None and book._parts is not None
    for name in (L.SHEET, L.DETAIL_SHEET):
        xml = book._parts._xml(name)
        assert xml is not None and merges_first(xml) is not None, name
    book.close()


def test_a_small_sheet_is_left_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its second pass costs python-calamine less than the checks would (the hidden _ipcounty sheet)."""
    monkeypatch.setattr(xlsx_merges, "_SMALLEST", 4096)
    assert merges_first(_sheet()) is None
    big = _sheet(cells=CELLS * 40)
    assert len(big) >= 4096 and merges_first(big) is not None
