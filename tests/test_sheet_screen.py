"""The far-cell screen of an .xlsx return, and the one inflate it shares with python-calamine.

python-calamine builds a dense grid up to a sheet's last cell, so a cell at XFD1048576 would abort
the process: each sheet's XML is screened first (tests/test_hostile.py pins the spellings). The XML
inflated for the screen is what python-calamine reads too: it is handed a copy of the file with
those sheets stored, the same XML (a sheet's merged ranges also written first), so no sheet is
inflated twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from ipcounty.plan import Plan
from ipcounty.returns import layout as L
from ipcounty.returns.reader import _SHEETS_BUILT, read_return
from ipcounty.returns.workbook import MAX_COLS, MAX_ROWS, exact_extent, open_book, sheet_extent
from tests.conftest import ROOT

TODAY = dt.date(2026, 11, 25)
READ = (L.SHEET, L.DETAIL_SHEET, L.META_SHEET)


def _calamine_grids(data: bytes) -> dict[str, list[list[object]]]:
    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in wb.sheet_names}


def test_sheets_are_read_as_the_file_holds_them(make_return: Callable[..., Path]) -> None:
    """python-calamine reads the same cells and merges from the stored copy as from the file."""
    files = [make_return(), *sorted((ROOT / "examples" / "returns").rglob("*.xlsx"))]
    for path in files:
        direct = _calamine_grids(path.read_bytes())
        book, problem = open_book(path, sheets=READ)
        assert problem is None and book is not None
        for name in [n for n in READ if n in book.sheet_names]:
            grid, problem = book.read_sheet(name)
            assert problem is None
            assert grid == direct[name], (path.name, name)
        merged = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(L.SHEET).merged_cell_ranges
        assert book.merged[L.SHEET] == list(merged or [])
        book.close()


def test_each_sheet_read_is_inflated_once(make_return: Callable[..., Path]) -> None:
    """The copy python-calamine gets holds the screened sheets and the styles stored (nothing left to
    inflate), the other entries as they were, and passes zip's own CRC check; the file itself is untouched."""
    from ipcounty.returns.xlsx_merges import merges_first

    path = make_return()
    before = path.read_bytes()
    book, _ = open_book(path, sheets=READ)
    assert book is not None and book._parts is not None
    copy = book._parts.stored_copy(READ)
    assert copy is not None
    with zipfile.ZipFile(io.BytesIO(copy)) as z, zipfile.ZipFile(path) as orig:
        assert z.testzip() is None
        assert [i.filename for i in z.infolist()] == [i.filename for i in orig.infolist()]
        # (python-calamine reads the styles, the workbook and the relationships when it opens a file)
        sheets = {book._parts.parts[name] for name in READ} | {
            "xl/styles.xml",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "_rels/.rels",
        }
        for info in z.infolist():
            assert info.compress_type == (zipfile.ZIP_STORED if info.filename in sheets else zipfile.ZIP_DEFLATED)
            # The same XML, but for a sheet's merged ranges also written first (tests/test_xlsx_merges.py).
            held = orig.read(info.filename)
            assert z.read(info.filename) in (held, merges_first(held))
    assert book.sha256 == hashlib.sha256(before).hexdigest()
    assert path.read_bytes() == before
    book.close()


def test_parts_every_return_holds_are_inflated_once(
    make_return: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The styles and the workbook, byte for byte the same in every return of a template, are
    inflated once: the copy made with them remembered is the copy made from scratch."""
    from ipcounty.returns import zipparts

    path = make_return()
    monkeypatch.setattr(zipparts, "_INFLATED", {})
    copies = []
    for _ in range(2):
        book, _ = open_book(path, sheets=READ)
        assert book is not None and book._parts is not None
        copies.append(book._parts.stored_copy(READ))
        book.close()
    assert {name for name, _, _ in zipparts._INFLATED} == {
        "xl/styles.xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "_rels/.rels",
    }
    assert copies[0] is not None and copies[0] == copies[1]


def _rewritten(src: Path, dst: Path, compression: int, *, stream: bool = False) -> Path:
    """``src`` zipped again: deflated or stored, written to a file or to a stream (which makes zip
    write each entry's sizes after its data, in a data descriptor)."""
    with zipfile.ZipFile(src) as zin:
        entries = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    buf = io.BytesIO()

    class _Stream(io.RawIOBase):  # not seekable
        def writable(self) -> bool:
            return True

        def write(self, b: bytes) -> int:  # type: ignore[override]
            return buf.write(b)

    target = _Stream() if stream else buf
    with zipfile.ZipFile(target, "w", compression) as zout:  # type: ignore[arg-type]
        for name, data in entries:
            zout.writestr(name, data)
    dst.write_bytes(buf.getvalue())
    return dst


def test_zips_of_every_packing_read_alike(plan: Plan, make_return: Callable[..., Path], tmp_path: Path) -> None:
    src = make_return()
    want = read_return(src, plan, today=TODAY)
    assert want.status == "ok"
    for label, compression, stream in (
        ("stored", zipfile.ZIP_STORED, False),
        ("descriptors", zipfile.ZIP_DEFLATED, True),
        ("deflated", zipfile.ZIP_DEFLATED, False),
    ):
        path = _rewritten(src, tmp_path / f"{label}.xlsx", compression, stream=stream)
        got = read_return(path, plan, today=TODAY)
        assert got.status == "ok", (label, [f.code for f in got.findings])
        assert got.values == want.values
        assert [f.code for f in got.findings] == [f.code for f in want.findings]


def test_a_far_cell_in_a_sheet_at_an_odd_path_is_refused(
    plan: Plan, make_return: Callable[..., Path], tmp_path: Path
) -> None:
    """When workbook.xml points at a sheet by a path ipcounty does not resolve but python-calamine
    does, every sheet-like entry is screened: a far cell there is refused, never read."""
    src = make_return()
    path = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/_rels/workbook.xml.rels":
                # python-calamine finds the part whatever the case of XL; ipcounty's own lookup does not.
                data = data.replace(b'Target="/xl/worksheets/sheet1.xml"', b'Target="/XL/worksheets/sheet1.xml"')
            if info.filename == "xl/worksheets/sheet1.xml":
                far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
                data = data.replace(b"</sheetData>", far + b"</sheetData>")
            zout.writestr(info.filename, data)
    assert [f.code for f in read_return(path, plan, today=TODAY).findings] == ["sheet-too-large"]


# Pieces of sheet XML: every way of spelling a cell or row tag that the screen distinguishes.
_WS = st.sampled_from([" ", "  ", "\t", "\n", "\r\n"])
_QUOTE = st.sampled_from(['"', "'"])
_COL = st.sampled_from(["A", "B", "Z", "AA", "GR", "GS", "XFD", "a", "xfd", "", "Ａ"])
_ROW = st.sampled_from(["1", "9", "999", "1000", "5000", "5001", "1048576", "0001", "", "١"])


@st.composite
def _tag(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(["c", "row", "x:c", "x:row", "cc", "col"]))
    attrs = []
    for _ in range(draw(st.integers(0, 3))):
        key = draw(st.sampled_from(["r", "s", "t", "R", "x:r", "ar"]))
        eq = draw(st.sampled_from(["=", " =", "= ", "\t=\n"]))
        q = draw(_QUOTE)
        value = draw(_COL) + draw(_ROW) if key != "t" else "n"
        attrs.append(f"{draw(_WS)}{key}{eq}{q}{value}{q}")
    close = draw(st.sampled_from([">", "/>", " >"]))
    body = "<v>1</v></" + name + ">" if close != "/>" else ""
    return f"<{name}{''.join(attrs)}{close}{body}"


@settings(max_examples=400, deadline=None)
@given(tags=st.lists(_tag(), min_size=1, max_size=6), usual_rows=st.integers(0, 3))
def test_the_quick_screen_clears_only_sheets_within_the_limits(tags: list[str], usual_rows: int) -> None:
    """Whatever the spelling, a sheet the quick screen clears is within the limits when worked out
    exactly; and a sheet of usual tags only is cleared."""
    usual = "".join(f'<row r="{i}"><c r="B{i}" s="1" t="n"><v>{i}</v></c></row>' for i in range(1, usual_rows + 1))
    xml = f'<worksheet><sheetData>{usual}<row r="900">{"".join(tags)}</row></sheetData></worksheet>'.encode()
    if sheet_extent(xml) is None:
        rows, cols = exact_extent(xml)
        assert rows <= MAX_ROWS and cols <= MAX_COLS, xml
    assert sheet_extent(f"<sheetData>{usual}</sheetData>".encode()) is None


def _usual_by_counts(data: bytes) -> bool:
    """The quick screen as it was first written (four counts over the translated copy): the
    searches that replaced it must clear exactly the same sheets."""
    import re

    from ipcounty.returns import xlsx_screen as screen

    t = data.translate(screen._AS_CLASSES, screen._DELETED)
    cells = t.count(b'<cr="A0')
    return (
        t.count(b"<c") == cells
        and t.count(b"r=") == cells + t.count(b"<rowr=")
        and b'<cr="A0000' not in t
        and re.search(rb":(?:c|row)", t) is None
    )


@settings(max_examples=400, deadline=None)
@given(tags=st.lists(_tag(), min_size=1, max_size=6), usual_rows=st.integers(0, 3))
def test_the_quick_screen_searches_clear_what_its_counts_cleared(tags: list[str], usual_rows: int) -> None:
    from ipcounty.returns.xlsx_screen import _usual

    usual = "".join(f'<row r="{i}"><c r="B{i}" s="1" t="n"><v>{i}</v></c></row>' for i in range(1, usual_rows + 1))
    data = f'<sheetData>{usual}<row r="900">{"".join(tags)}</row>'.encode()
    assert _usual(data) == _usual_by_counts(data), data


def test_a_row_position_moves_no_cell_that_has_its_own(
    plan: Plan, make_return: Callable[..., Path], tmp_path: Path
) -> None:
    """python-calamine places a cell with an r by that r alone: rows written with far positions
    (or none) around usual cells read exactly as the file without them, and the quick screen,
    which does not look at rows' positions, clears them."""
    import re

    src = make_return()
    path = tmp_path / "far-rows.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data, far = re.subn(rb'<row r="\d+"', b'<row r="1048576"', data, count=3)
                data, bare = re.subn(rb'<row r="\d+"', b"<row", data, count=3)
                assert far == bare == 3 and sheet_extent(data) is None
            zout.writestr(info.filename, data)
    want, got = read_return(src, plan, today=TODAY), read_return(path, plan, today=TODAY)
    assert got.status == want.status == "ok"
    assert got.values == want.values and got.items == want.items
    for name in READ:
        assert _calamine_grids(path.read_bytes())[name] == _calamine_grids(src.read_bytes())[name]


def test_files_that_name_their_sheets_otherwise_are_read_by_their_own_names(
    plan: Plan, make_return: Callable[..., Path], tmp_path: Path
) -> None:
    """What workbook.xml says is remembered between files by its packed bytes: a file whose
    workbook.xml differs (sheets renamed) is read by its own, before and after files that match."""
    src = make_return()
    renamed = tmp_path / "renamed.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(renamed, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = data.replace("明细".encode(), "明细表".encode())
            zout.writestr(info.filename, data)
    first = read_return(src, plan, today=TODAY)
    other = read_return(renamed, plan, today=TODAY)
    again = read_return(src, plan, today=TODAY)
    assert first.status == again.status == "ok" and first.items and again.items == first.items
    assert "evidence-sheet-missing" in [f.code for f in other.findings] and not other.items
    book, _ = open_book(renamed, sheets=READ)
    assert book is not None and "明细表" in book.sheet_names and book._xlsx().parts["明细表"]
    book.close()


def test_the_faster_inflate_gives_zlibs_bytes_and_the_reader_works_without_it(
    plan: Plan, make_return: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-isal inflates every entry of the returns to the bytes zlib gives; without it (the
    import failing), zlib reads every return alike."""
    import zlib

    from ipcounty.returns import zipparts

    files = [make_return(), *sorted((ROOT / "examples" / "returns").rglob("*.xlsx"))]
    files += sorted((ROOT / "tests" / "data").rglob("*.xlsx"))
    for path in files:
        data = path.read_bytes()
        entries = zipparts.zip_entries(data)
        assert entries is not None
        for e in entries.values():
            if e.method == 8:
                start = e.offset + 30 + int.from_bytes(data[e.offset + 26 : e.offset + 28], "little")
                start += int.from_bytes(data[e.offset + 28 : e.offset + 30], "little")
                raw = data[start : start + e.packed]
                assert zipparts._inflate.decompressobj(-15).decompress(raw) == zlib.decompress(raw, -15)
    want = [read_return(p, plan, today=TODAY) for p in files]
    monkeypatch.setattr(zipparts, "_inflate", zlib)
    assert [read_return(p, plan, today=TODAY) for p in files] == want


_STAMP_TEXT = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(
            ["&amp;", "&lt;", "&#21333;", "&#x4F4D;", "&#13;", "&#0;", "&", "&nbsp;", "&#xD800;", " ", "\n"]
        ),
    ),
    max_size=12,
).map("".join)


@st.composite
def _stamp_xml(draw: st.DrawFn) -> bytes:
    """Sheet data of text pairs: mostly as ipcounty writes _ipcounty, sometimes spelled otherwise."""
    rows = []
    for n in range(1, draw(st.integers(1, 7)) + 1):
        a, b = draw(_STAMP_TEXT), draw(_STAMP_TEXT)
        spelling = draw(st.sampled_from(["plain"] * 24 + ["shared-number", "spaced", "preserve", "row-off", "third"]))
        cell_b = f'<c r="B{n}" t="inlineStr"><is><t>{b}</t></is></c>'
        if spelling == "shared-number":
            cell_b = f'<c r="B{n}" t="n"><v>{n}</v></c>'
        elif spelling == "spaced":
            cell_b = f'<c r="B{n}"  t="inlineStr"><is><t>{b}</t></is></c>'
        elif spelling == "preserve":
            cell_b = f'<c r="B{n}" t="inlineStr"><is><t xml:space="preserve">{b}</t></is></c>'
        elif spelling == "third":
            cell_b += f'<c r="C{n}" t="inlineStr"><is><t>x</t></is></c>'
        row = n + 1 if spelling == "row-off" else n
        rows.append(f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>{a}</t></is></c>{cell_b}</row>')
    return "".join(rows).encode()


def _pair_rows(*pairs: tuple[str, str]) -> bytes:
    cell = '<c r="{c}{n}" t="inlineStr"><is><t>{t}</t></is></c>'
    return "".join(
        f'<row r="{n}">{cell.format(c="A", n=n, t=a)}{cell.format(c="B", n=n, t=b)}</row>'
        for n, (a, b) in enumerate(pairs, 1)
    ).encode()


@settings(max_examples=60, deadline=None)
@given(data=_stamp_xml())
# Whitespace around a text: python-calamine drops it (one space reads as an empty cell).
@example(data=_pair_rows(("a", " ")))
@example(data=_pair_rows((" a", "b "), ("c", "&#32;d")))
@example(data=_pair_rows(("a", "x  y")))
def test_the_hidden_stamp_reads_as_python_calamine_reads_it(data: bytes) -> None:
    """However its cells are spelled, the _ipcounty sheet read from its XML is the grid python-calamine
    makes of it (or python-calamine reads it): text with references, stray &s, characters that are
    not printable, other cell types, rows out of place, a third column."""
    src = ROOT / "examples" / "returns" / "2025" / "2025_永安镇_填报表.xlsx"
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            xml = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet4.xml":
                start, end = xml.index(b"<sheetData>") + len(b"<sheetData>"), xml.index(b"</sheetData>")
                xml = xml[:start] + data + xml[end:]
            zout.writestr(info.filename, xml)
    try:
        want = CalamineWorkbook.from_filelike(io.BytesIO(buf.getvalue())).get_sheet_by_name(L.META_SHEET)
        expected: object = want.to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 - python-calamine refuses the XML: so must the reader
        expected = "refused"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stamp.xlsx"
        path.write_bytes(buf.getvalue())
        # The second time, the spelling around the cells is known; the reader leaves the stamp out
        # of python-calamine's copy (it is read from its XML): python-calamine then inflates it.
        for sheets in (READ, READ, _SHEETS_BUILT, _SHEETS_BUILT):
            book, problem = open_book(path, sheets=sheets)
            assert problem is None and book is not None
            grid, problem = book.read_pairs(L.META_SHEET)
            assert (grid if problem is None else "refused") == expected, data
            book.close()


def test_stamps_saved_by_libreoffice_read_alike(make_return: Callable[..., Path]) -> None:
    """Shared strings (a return saved again by Excel or LibreOffice) are read by python-calamine."""
    for path in [make_return(), *sorted((ROOT / "tests" / "data" / "libreoffice").glob("*.xlsx"))]:
        direct = _calamine_grids(path.read_bytes())[L.META_SHEET]
        for sheets in (READ, _SHEETS_BUILT):
            book, _ = open_book(path, sheets=sheets)
            assert book is not None
            assert book.read_pairs(L.META_SHEET) == (direct, None)
            assert book.read_pairs(L.META_SHEET) == (direct, None)
            book.close()


def test_a_stamp_text_with_whitespace_around_is_left_to_python_calamine() -> None:
    """python-calamine reads ' ' as an empty cell and ' a' as 'a': the XML reader does not guess."""
    from ipcounty.returns.xlsx_pairs import plain_pairs

    def sheet(*pairs: tuple[str, str]) -> bytes:
        return b"<worksheet><sheetData>" + _pair_rows(*pairs) + b"</sheetData></worksheet>"

    assert plain_pairs(sheet(("a", "b"), ("c", "d &amp; e")))[0] == [["a", "b"], ["c", "d & e"]]  # type: ignore[index]
    for pair in [("a", " "), (" a", "b"), ("a", "b "), ("a", "&#32;")]:
        assert plain_pairs(sheet(("x", "y"), pair)) is None, pair
