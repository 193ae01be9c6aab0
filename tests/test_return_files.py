"""Files that are not what they claim, and returns written by other programs."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ipcounty.plan import Plan
from ipcounty.returns.reader import read_return
from ipcounty.returns.workbook import MAX_FILE_BYTES
from tests.conftest import ROOT

TODAY = dt.date(2026, 11, 25)
LO = ROOT / "tests" / "data" / "libreoffice"


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _encrypted(source: Path) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with source.open("rb") as fh:
        OOXMLFile(fh).encrypt("secret", out)
    return out.getvalue()


BAD_FILES: list[tuple[str, str, Callable[[bytes], bytes], str]] = [
    ("empty", ".xlsx", lambda good: b"", "file-empty"),
    ("text renamed", ".xlsx", lambda good: "税郭镇 15 件\n".encode(), "file-not-workbook"),
    ("png renamed", ".xlsx", lambda good: b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "file-not-workbook"),
    ("truncated", ".xlsx", lambda good: good[: len(good) // 2], "file-corrupt"),
    ("zip with no workbook", ".xlsx", lambda good: _zip({"hello.txt": b"hi"}), "file-not-workbook"),
    (
        "corrupt sheet xml",
        ".xlsx",
        lambda good: _zip(
            {
                **{n: zipfile.ZipFile(io.BytesIO(good)).read(n) for n in zipfile.ZipFile(io.BytesIO(good)).namelist()},
                "xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row><c r=",
            }
        ),
        "file-corrupt",
    ),
    ("zip bomb", ".xlsx", lambda good: _zip({"xl/workbook.xml": b"0" * (101 * 1024 * 1024)}), "file-too-large"),
    ("unsupported extension", ".docx", lambda good: good, "file-unsupported"),
]


@pytest.mark.parametrize(("suffix", "mutate", "code"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES])
def test_bad_files_are_findings(
    make_return: Callable[..., Path],
    plan: Plan,
    tmp_path: Path,
    suffix: str,
    mutate: Callable[[bytes], bytes],
    code: str,
) -> None:
    good = make_return().read_bytes()
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(mutate(good))
    ret = read_return(path, plan, today=TODAY)
    assert ret.status == "rejected"
    assert [f.code for f in ret.findings] == [code]
    assert ret.findings[0].message("zh") and ret.findings[0].message("en")


def test_encrypted_workbook(make_return: Callable[..., Path], plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    path.write_bytes(_encrypted(make_return()))
    ret = read_return(path, plan, today=TODAY)
    assert [f.code for f in ret.findings] == ["file-encrypted"]
    assert "取消密码" in ret.findings[0].message("zh")


def test_oversized_file(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    ret = read_return(path, plan, today=TODAY)
    assert [f.code for f in ret.findings] == ["file-too-large"]


def test_no_return_sheet(make_return: Callable[..., Path], plan: Plan, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(make_return())
    wb["填报表"].title = "Sheet1"
    path = tmp_path / "renamed.xlsx"
    wb.save(path)
    ret = read_return(path, plan, today=TODAY)
    (f,) = [f for f in ret.findings if f.severity == "error"]
    assert f.code == "sheet-missing" and "Sheet1" in f.message("zh")


def test_formula_without_cached_value(make_return: Callable[..., Path], plan: Plan) -> None:
    # openpyxl writes formulas without computed values, as an unrecalculated workbook would.
    path = make_return(values={"B1": "=10+5", "B3": 5})
    ret = read_return(path, plan, today=TODAY)
    (f,) = [f for f in ret.findings if f.severity == "error"]
    assert (f.code, f.cell) == ("formula-no-value", "E11")


@pytest.mark.skipif(not (LO / "yongan-2025-06-30.xls").is_file(), reason="fixtures missing")
@pytest.mark.parametrize("ext", ["xlsx", "xls", "ods"])
def test_returns_written_by_libreoffice(plan: Plan, ext: str) -> None:
    ret = read_return(LO / f"yongan-2025-06-30.{ext}", plan, today=TODAY)
    assert ret.status == "ok", [(f.code, f.cell) for f in ret.findings]
    assert (ret.unit, ret.year, ret.as_of) == ("永安镇", 2025, dt.date(2025, 6, 30))
    assert {c: v.value for c, v in ret.values.items()} == {
        "B1": 9.0,
        "B2": 1.0,
        "B3": 4.0,
        "B4": 0.0,
        "B5": 1.0,
        "D1": "是",
        "D2": 3.0,
    }
    assert ret.values["B1"].note == "含转让2件"


def test_input_file_is_never_modified(make_return: Callable[..., Path], plan: Plan) -> None:
    path = make_return(values={"B1": "１５个"})
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_return(path, plan, today=TODAY)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
