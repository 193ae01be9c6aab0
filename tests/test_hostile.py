"""Broken, odd and hostile workbooks: each gives findings, never a crash, a hang or a changed file.

Every case is built here by code (named for what is wrong) so the corpus documents itself. The
"bounded" guard is a generous alarm against hangs, not a performance budget (those live in
benchmarks/).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import resource
import signal
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.plan import Plan
from ipcounty.returns.model import Return
from ipcounty.returns.reader import read_return
from tests.conftest import PLAN_PATH

TODAY = dt.date(2026, 11, 25)
GUARD_SECONDS = 20


@pytest.fixture
def bounded() -> Iterator[None]:
    """Fail (instead of hanging CI) if one case takes longer than GUARD_SECONDS."""

    def boom(signum: int, frame: Any) -> None:
        raise TimeoutError(f"took longer than {GUARD_SECONDS}s")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def rezip(
    src: Path, dst: Path, edit: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None
) -> Path:
    """Copy the zip ``src`` to ``dst``, passing every entry through ``edit`` (None drops it)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def codes(ret: Return) -> list[str]:
    return [f.code for f in ret.findings]


def test_huge_claimed_dimension_is_cheap(
    make_return: Callable[..., Path], plan: Plan, tmp_path: Path, bounded: None
) -> None:
    """A sheet whose <dimension> claims A1:XFD1048576 but holds a normal return."""

    def edit(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
        return data

    path = rezip(make_return(), tmp_path / "claims.xlsx", edit)
    ret = read_return(path, plan, today=TODAY)
    assert ret.status == "ok", codes(ret)


def test_sheet_with_a_million_rows_is_refused(
    make_return: Callable[..., Path], plan: Plan, tmp_path: Path, bounded: None
) -> None:
    """Cells really present far below the table (row 1,048,576) and far to the right (column XFD)."""

    def edit(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            return data.replace(b"</sheetData>", far + b"</sheetData>")
        return data

    path = rezip(make_return(), tmp_path / "far.xlsx", edit)
    ret = read_return(path, plan, today=TODAY)
    assert codes(ret) == ["sheet-too-large"]


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


@pytest.mark.parametrize(
    ("ref", "past"),
    [
        ("A1", False),
        ("GR5000", False),
        ("GS1", True),
        ("A5001", True),
        ("HA1", True),
        ("ZZ9", True),
        ("AAA1", True),
        ("A9999", True),
        ("A10000", True),
        ("A4999", False),
        ("Z600", False),
        ("XFD1048576", True),
    ],
)
def test_extent_edges(ref: str, past: bool) -> None:
    """The sheet XML screen sees exactly the cells past 5,000 rows or 200 columns (column GR)."""
    from ipcounty.returns.workbook import MAX_COLS, MAX_ROWS, sheet_extent

    extent = sheet_extent(f'<row r="1"><c r="{ref}" s="1"><v>1</v></c></row>'.encode())
    assert (extent is not None and (extent[0] > MAX_ROWS or extent[1] > MAX_COLS)) is past


@settings(max_examples=300, deadline=None)
@given(col=st.integers(1, 16384), row=st.integers(1, 1_048_576))
def test_extent_agrees_with_arithmetic(col: int, row: int) -> None:
    from ipcounty.returns.workbook import MAX_COLS, MAX_ROWS, exact_extent, sheet_extent

    xml = f'<row r="{row}"><c r="{_letters(col)}{row}" t="n"><v>1</v></c></row>'.encode()
    assert exact_extent(xml) == (row, col)
    # The quick screen may only clear what is really within the limits.
    if sheet_extent(xml) is None:
        assert row <= MAX_ROWS and col <= MAX_COLS


@pytest.mark.parametrize("ref", ["GS1", "A5001"])
def test_one_cell_just_past_the_limits_is_refused(
    ref: str, make_return: Callable[..., Path], plan: Plan, tmp_path: Path
) -> None:
    def edit(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            row = re.sub(r"[A-Z]", "", ref)
            far = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
            return data.replace(b"</sheetData>", far + b"</sheetData>")
        return data

    ret = read_return(rezip(make_return(), tmp_path / "edge.xlsx", edit), plan, today=TODAY)
    assert codes(ret) == ["sheet-too-large"]


# Spellings of a far cell that python-calamine 0.9 accepts, and that abort it (a 512 GB allocation)
# unless refused before it reads the sheet: attribute syntax XML allows, and positions implied
# by cells and rows without an r attribute.
_FAR = {
    "lower-case": b'<row r="1048576"><c r="xfd1048576" t="inlineStr"><is><t>x</t></is></c></row>',
    "single-quotes": b"<row r='1048576'><c r='XFD1048576' t='inlineStr'><is><t>x</t></is></c></row>",
    "spaces": b'<row r = "1048576"><c r = "XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
    "cells-without-r": b'<row r="900">' + b'<c t="inlineStr"><is><t>x</t></is></c>' * 20000 + b"</row>",
    "rows-without-r": b"<row><c><v>1</v></c></row>" * 6000,
    "prefixed": b'<x:row r="9"><x:c r="XFD9" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c></x:row>',
    "line-breaks": b'<row\nr="1048576"><c\r\nr\n=\n"XFD1048576"\tt="inlineStr"><is><t>x</t></is></c></row>',
    "far-row-cell-without-r": b'<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>',
    "second-r-spaced": b'<row r="9"><c r="A9" r = "XFD9" t="inlineStr"><is><t>x</t></is></c></row>',
}


@pytest.mark.parametrize("case", sorted(_FAR))
def test_far_cells_however_spelled_are_refused(
    case: str, make_return: Callable[..., Path], plan: Plan, tmp_path: Path, bounded: None
) -> None:
    def edit(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return data.replace(b"</sheetData>", _FAR[case] + b"</sheetData>")
        return data

    ret = read_return(rezip(make_return(), tmp_path / f"{case}.xlsx", edit), plan, today=TODAY)
    assert codes(ret) == ["sheet-too-large"]


def test_cells_without_r_in_a_normal_sheet_are_read(plan: Plan) -> None:
    """Some generators leave out every r attribute: positions follow order, and the sheet is read."""
    from ipcounty.returns.workbook import exact_extent, sheet_extent

    row = b"<row>" + b"<c><v>1</v></c>" * 7 + b"</row>"
    assert sheet_extent(row * 66) == exact_extent(row * 66) == (66, 7)


def test_decompression_bomb(tmp_path: Path, plan: Plan, make_return: Callable[..., Path], bounded: None) -> None:
    """A 300 MB sheet that zips to well under a megabyte (written in chunks, never held whole)."""
    src = make_return()
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(info.filename, zin.read(info.filename))
                continue
            with zout.open(info.filename, "w", force_zip64=True) as fh:
                fh.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                chunk = b" " * (1024 * 1024)
                for _ in range(300):
                    fh.write(chunk)
                fh.write(b"</sheetData></worksheet>")
    assert path.stat().st_size < 2 * 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ret = read_return(path, plan, today=TODAY)
    grew_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert codes(ret) == ["file-too-large"]
    assert grew_mb < 100  # refused from the zip directory, never inflated


def test_xlsm_with_macros_reads_values_and_runs_nothing(
    make_return: Callable[..., Path], plan: Plan, tmp_path: Path
) -> None:
    def edit(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return data.replace(
                b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
            )
        return data

    path = rezip(
        make_return(),
        tmp_path / "macro.xlsm",
        edit,
        extra={"xl/vbaProject.bin": b'\xd0\xcf\x11\xe0 Sub AutoOpen(): Shell "calc" End Sub'},
    )
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    ret = read_return(path, plan, today=TODAY)
    assert ret.status == "ok" and ret.number("B1") == 15
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_1904_date_system(templates: Callable[..., Path], plan: Plan, tmp_path: Path) -> None:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    from tests.conftest import good_values

    wb = load_workbook(templates("税郭镇"))
    wb.epoch = CALENDAR_MAC_1904
    ws = wb["填报表"]
    ws["B6"] = dt.date(2025, 9, 30)
    for r in range(11, 18):
        ws.cell(r, 5).value = good_values(plan, "税郭镇")[ws.cell(r, 1).value]
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    ret = read_return(path, plan, today=TODAY)
    assert set(codes(ret)) == {"evidence-missing"}, codes(ret)  # 明细 left empty: warned, not rejected
    assert ret.as_of == dt.date(2025, 9, 30)


def test_formula_with_a_cached_value_is_read(make_return: Callable[..., Path], plan: Plan, tmp_path: Path) -> None:
    def edit(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return re.sub(
                rb'(<c r="E11"[^>]*?)(?: t="\w+")?>.*?</c>', rb"\1><f>10+5</f><v>15</v></c>", data, count=1, flags=re.S
            )
        return data

    path = rezip(make_return(), tmp_path / "cached.xlsx", edit)
    ret = read_return(path, plan, today=TODAY)
    assert ret.status == "ok", codes(ret)
    assert ret.number("B1") == 15


def test_merged_and_hidden_cells_around_the_table(make_return: Callable[..., Path], plan: Plan, tmp_path: Path) -> None:
    wb = load_workbook(make_return())
    ws = wb["填报表"]
    ws.protection.sheet = False
    ws.insert_cols(1)  # a blank column A pushes everything right
    ws.merge_cells("B4:C4")  # the 镇街 label now spans two cells; its value sits in D4
    ws["D4"] = ws["C4"].value if ws["C4"].value else "税郭镇"
    ws.column_dimensions["H"].hidden = True
    ws.row_dimensions[12].hidden = True
    ws["A9"] = "（内部备注，勿删）"
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    ret = read_return(path, plan, today=TODAY)
    assert ret.unit == "税郭镇" and ret.number("B1") == 15
    assert ret.status in ("ok", "warning"), codes(ret)


def test_control_and_zero_width_characters(make_return: Callable[..., Path], plan: Plan) -> None:
    # openpyxl refuses C0 controls; DEL, zero-width joiners and a BOM are what pasted text carries.
    path = make_return(header={"镇街": "\ufeff税郭\u200b镇\x7f"}, notes={"B1": "备注\u200d含零宽\x7f字符"})
    ret = read_return(path, plan, today=TODAY)
    assert ret.unit == "税郭镇"
    assert set(codes(ret)) == {"township-alias", "text-cleaned"}
    assert ret.values["B1"].note == "备注含零宽字符"


def test_a_40000_character_note_is_kept_whole(make_return: Callable[..., Path], plan: Plan, tmp_path: Path) -> None:
    # openpyxl cuts strings at Excel's 32,767; other programs write longer ones, so edit the XML.
    note = "说明" * 20_000

    def edit(name: str, data: bytes) -> bytes:
        return data.replace(b"LONGNOTE", note.encode()) if name.startswith("xl/") else data

    path = rezip(make_return(notes={"B1": "LONGNOTE"}), tmp_path / "long.xlsx", edit)
    ret = read_return(path, plan, today=TODAY)
    assert codes(ret) == ["value-too-long"]
    assert ret.values["B1"].note == note

    from ipcounty.export import build_workbook
    from ipcounty.progress import compute

    ws = build_workbook(compute(plan, [ret], 2025, today=TODAY))["B1 新增有效发明专利数量"]
    note_col = next(c.column_letter for c in ws[3] if c.value == "备注")
    cell = next(c for c in ws[note_col] if isinstance(c.value, str) and c.value.startswith("说明"))
    assert len(cell.value) <= 32_767 and "40000" in cell.value  # cut where Excel must, and says so


def test_a_stray_docx_is_listed_as_skipped(runner: CliRunner, make_return: Callable[..., Path], tmp_path: Path) -> None:
    import json

    folder = tmp_path / "returns"
    folder.mkdir()
    make_return(name="returns/a.xlsx")
    (folder / "会议纪要.docx").write_bytes(b"PK\x03\x04 not really")
    (folder / "~$a.xlsx").write_bytes(b"lock")
    (folder / ".DS_Store").write_bytes(b"mac")
    r = runner.invoke(app, ["--plan", str(PLAN_PATH), "report", "2025", "--returns", str(folder), "--format", "json"])
    subs = {s["file"]: (s["role"], s["reason"]) for s in json.loads(r.stdout)["submissions"]}
    assert subs == {
        "a.xlsx": ("used", None),
        "会议纪要.docx": ("skipped", "not-a-return"),
        "~$a.xlsx": ("skipped", "lock"),
        ".DS_Store": ("skipped", "hidden"),
    }


def test_inputs_are_untouched_by_every_command(
    runner: CliRunner, make_return: Callable[..., Path], tmp_path: Path
) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    paths = [
        make_return(name="returns/ok.xlsx"),
        make_return(name="returns/bad.xlsx", values={"B1": "x"}),
        make_return("全区", name="returns/d.xlsx", notes={"G01": "=1+1"}),
    ]
    (folder / "notes.txt").write_text("hi", encoding="utf-8")
    paths.append(folder / "notes.txt")
    os.utime(paths[0], ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}
    base = ["--plan", str(PLAN_PATH)]
    runner.invoke(app, [*base, "validate", *map(str, paths[:3])])
    runner.invoke(app, [*base, "report", "2025", "--returns", str(folder)])
    runner.invoke(app, [*base, "report", "2025", "--returns", str(folder), "--format", "json"])
    r = runner.invoke(app, [*base, "export", "2025", "--returns", str(folder), "-o", str(tmp_path / "s.xlsx")])
    assert r.exit_code == 0
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths} == before


# ---- fuzzing ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_return(tmp_path_factory: pytest.TempPathFactory, plan: Plan) -> bytes:
    from ipcounty.returns.fill import fill_return
    from ipcounty.returns.template import write_template
    from tests.conftest import details_for, good_values

    folder = tmp_path_factory.mktemp("fuzz")
    tpl = write_template(plan, "税郭镇", 2025, folder / "t.xlsx")
    values = good_values(plan, "税郭镇")
    details = details_for(plan, "税郭镇", 2025, values)  # a full 明细, so fuzzing reaches its checks
    return fill_return(
        tpl, folder / "seed.xlsx", as_of=dt.date(2025, 9, 30), values=values, details=details
    ).read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzz_bytes(seed_return: bytes, plan: Plan, tmp_path: Path, data: st.DataObject) -> None:
    """Flip, cut and splice bytes of a valid return: the reader answers with findings, never raises."""
    raw = bytearray(seed_return)
    for _ in range(data.draw(st.integers(1, 8), label="edits")):
        op = data.draw(st.sampled_from(["flip", "cut", "insert", "zero"]))
        at = data.draw(st.integers(0, len(raw) - 1))
        if op == "flip":
            raw[at] ^= data.draw(st.integers(1, 255))
        elif op == "cut":
            del raw[at : at + data.draw(st.integers(1, 2048))]
        elif op == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=64))
        else:
            raw[at : at + 64] = bytes(min(64, len(raw) - at))
        if not raw:
            break
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(bytes(raw))
    ret = read_return(path, plan, today=TODAY)
    assert ret.status in ("ok", "warning", "rejected")
    assert "reader-failed" not in codes(ret)  # a bug caught at the boundary is still a bug
    if ret.status == "rejected":
        assert any(f.severity == "error" and f.message("zh") for f in ret.findings)


cell_values = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**9),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    st.booleans(),
    st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
    st.sampled_from(["１５", "15件", "=1/0", "是", "否", "2025年", "2025-13-45", "\u200b", "NaN", "1e309"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.dictionaries(
        st.sampled_from([f"{c}{r}" for c in "ABCDEF" for r in range(3, 20)]), cell_values, min_size=1, max_size=8
    )
)
def test_fuzz_cells(seed_return: bytes, plan: Plan, tmp_path: Path, cells: dict[str, Any]) -> None:
    """Random values in the header block and the table: every outcome is a finding or a value."""
    ret = _read_with_cells(seed_return, "填报表", cells, tmp_path, plan)
    for code, v in ret.values.items():
        assert v.value is not None, code
        if isinstance(v.value, float):
            assert v.value >= 0 and v.value == v.value  # no negatives, no NaN slip through


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.dictionaries(
        st.sampled_from([f"{c}{r}" for c in "ABCDE" for r in range(3, 40)]), cell_values, min_size=1, max_size=10
    )
)
def test_fuzz_detail_cells(seed_return: bytes, plan: Plan, tmp_path: Path, cells: dict[str, Any]) -> None:
    """Random values on sheet 明细, titles and headers included: findings, never an exception."""
    _read_with_cells(seed_return, "明细", cells, tmp_path, plan)


def _read_with_cells(seed: bytes, sheet: str, cells: dict[str, Any], folder: Path, plan: Plan) -> Return:
    """The seed return with ``cells`` overwritten on ``sheet``, read back; checks what every case must."""
    wb = load_workbook(io.BytesIO(seed))
    ws = wb[sheet]
    for ref, value in cells.items():
        try:
            ws[ref] = value
        except (ValueError, TypeError):
            ws[ref] = str(value)
    path = folder / "cells.xlsx"
    wb.save(path)
    ret = read_return(path, plan, today=TODAY)
    assert ret.status in ("ok", "warning", "rejected")
    assert "reader-failed" not in codes(ret)
    assert all(f.message("zh") and f.message("en") for f in ret.findings)
    return ret


def test_date_cell_with_a_huge_number_is_named_not_a_crash(
    make_return: Callable[..., Path], plan: Plan, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """python-calamine 0.9 panics on a date-formatted cell holding -1e15 (out of chrono's range; see
    calamine issue #722); the user gets a finding naming the cell, and no Rust panic text."""
    src = make_return()
    wb = load_workbook(src)
    ws = wb["明细"]
    date_cell = next(c for row in ws.iter_rows() for c in row if c.is_date)
    ws[date_cell.coordinate] = -1e15
    ws[date_cell.coordinate].number_format = "yyyy-mm-dd"
    path = tmp_path / "huge-date.xlsx"
    wb.save(path)
    before = path.read_bytes()
    ret = read_return(path, plan, today=TODAY)
    found = [f for f in ret.findings if f.code == "sheet-unreadable-cell"]
    assert found and date_cell.coordinate in found[0].message("zh")
    assert (found[0].sheet, found[0].cell) == ("明细", date_cell.coordinate)
    assert "清除该单元格" in found[0].message("zh")
    assert "panicked" not in capfd.readouterr().err
    r = CliRunner().invoke(app, ["validate", str(path)])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "tag",
    [
        b'<c r="xfd1">',
        b"<c r='A1'>",
        b'<c r = "XFD1">',
        b'<c t="s">',
        b"<c>",
        b"<c/>",
        b'<x:c r="A1">',
        b'<c r="A1" r="XFD1">',
        b"<c r=\"A1\" r='XFD1'>",
        b'<c r="A1" s="1"\n r = "X1">',
        b'<c r="A1"\tr="XFD1">',
        b'<c r="AA1">',
        b'<c\nr="XFD1">',
        b'<c\nr="A1000">',
    ],
)
def test_unusual_positions_are_worked_out_exactly(tag: bytes) -> None:
    """Anything but the usual <c r="B5"> goes to the exact count, which bounds what calamine reads."""
    from ipcounty.returns.workbook import exact_extent, sheet_extent

    xml = b'<sheetData><row r="1">' + tag + b"</c></row></sheetData>"
    assert sheet_extent(xml) == exact_extent(xml)


@pytest.mark.parametrize(
    "tag",
    # Whitespace around the position is the same cell to python-calamine (B5, A1); a row's own
    # position only places cells without r (none here): cleared too.
    [
        b'<c r="A1" s="1">',
        b'<c r="B5"/>',
        b'<row r="12" spans="1:5">',
        b'<c r = "A1">',
        b'<c\nr="A1">',
        b"<row>",
        b'<row r="1000">',
        b'<row r="1048576">',
    ],
)
def test_usual_positions_are_cleared_quickly(tag: bytes) -> None:
    from ipcounty.returns.workbook import sheet_extent

    assert sheet_extent(b'<sheetData><row r="1">' + tag + b"</row></sheetData>") is None


def test_a_zip_needing_a_newer_unzip_is_corrupt_not_a_traceback(seed_return: bytes) -> None:
    """A damaged directory can say a file needs "zip version 8.4": Python's zipfile raises
    NotImplementedError, which the reader reports as a corrupt file like any other damage."""
    from ipcounty.returns.rawfile import _check_zip

    raw = bytearray(seed_return)
    at = raw.index(b"PK\x01\x02")  # the first central directory record
    raw[at + 6 : at + 8] = (84).to_bytes(2, "little")  # version needed to extract
    problem = _check_zip(bytes(raw), None)
    assert problem is not None and problem.code == "file-corrupt"
