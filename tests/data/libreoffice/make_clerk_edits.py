"""Regenerate the clerk-edited returns in this folder with LibreOffice, as a township clerk would.

Run with the system Python that has LibreOffice's ``uno`` bridge (not the project's venv):

    /usr/bin/python3 tests/data/libreoffice/make_clerk_edits.py

It starts ``soffice`` headless with a private profile, opens the bundled example return of
永安镇 2025 (``examples/returns/2025/2025_永安镇_填报表.xlsx``), makes each edit below through the
spreadsheet API (the same calls the menu items make), and saves in the format named. Nothing is
written to the example itself. Each output is listed in README.md with what it shows.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]  # LibreOffice's bridge, in the system Python only
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SOURCE = ROOT / "examples" / "returns" / "2025" / "2025_永安镇_填报表.xlsx"
FILTERS = {".xlsx": "Calc MS Excel 2007 XML", ".xls": "MS Excel 97", ".ods": "calc8"}


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def start_office(profile: Path) -> tuple[subprocess.Popen[bytes], object]:
    pipe = f"ipcounty{os.getpid()}"
    proc = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            f"--accept=pipe,name={pipe};urp;",
        ]
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            return proc, desktop
        except Exception:  # noqa: BLE001 - soffice is still starting
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("soffice did not start")


def open_copy(desktop: object, work: Path) -> object:
    copy = work / "source.xlsx"
    shutil.copyfile(SOURCE, copy)
    return desktop.loadComponentFromURL(copy.as_uri(), "_blank", 0, (prop("Hidden", True),))  # type: ignore[attr-defined]


def save(doc: object, out: Path) -> None:
    doc.storeToURL(out.as_uri(), (prop("FilterName", FILTERS[out.suffix]),))  # type: ignore[attr-defined]
    doc.close(True)  # type: ignore[attr-defined]
    print("wrote", out.relative_to(ROOT))


def sheet(doc: object, name: str) -> object:
    return doc.Sheets.getByName(name)  # type: ignore[attr-defined]


def delete_detail_row(doc: object) -> None:
    """明细: delete the first B1 item row (Delete Rows), leaving 本年完成 one more than the items."""
    s = sheet(doc, "明细")
    s.unprotect("")  # the template protects its sheets without a password
    cursor = s.createCursor()
    cursor.gotoEndOfUsedArea(False)
    for r in range(cursor.RangeAddress.EndRow + 1):
        if s.getCellByPosition(0, r).getString().strip() == "1":
            s.Rows.removeByIndex(r, 1)
            return
    raise SystemExit("no item row numbered 1 in 明细")


def insert_rows_and_column(doc: object) -> None:
    """填报表: insert two rows above the table and a column before 本年完成; delete the 备注 column
    of nothing (the clerk's usual tidying); the figures stay where they were typed."""
    s = sheet(doc, "填报表")
    s.unprotect("")
    s.Rows.insertByIndex(2, 2)
    s.getCellByPosition(0, 2).setString("（本表由镇经管站填报）")
    s.Columns.insertByIndex(4, 1)


def far_empty_cell(doc: object) -> None:
    """填报表: give the very last cell of the sheet (AMJ1048576) a background colour, as a clerk
    who selects a whole column and colours it does: an empty, formatted far cell."""
    s = sheet(doc, "填报表")
    s.unprotect("")
    cell = s.getCellByPosition(1023, 1048575)
    cell.CellBackColor = 0xFFFF00


def far_value(doc: object) -> None:
    """填报表: a stray "x" typed far below and to the right (GR5001 is past both limits; in .xls
    the last cell the format has, IV65536): a real cell that must be refused before it is read."""
    s = sheet(doc, "填报表")
    s.unprotect("")
    s.getCellByPosition(199, 199_999).setString("x")  # GR200000
    s.getCellByPosition(255, 65_535).setString("x")  # IV65536, inside the .xls grid


EDITS = [
    ("delete-detail-row.xlsx", delete_detail_row),
    ("delete-detail-row.ods", delete_detail_row),
    ("insert-rows-and-column.xlsx", insert_rows_and_column),
    ("insert-rows-and-column.xls", insert_rows_and_column),
    ("insert-rows-and-column.ods", insert_rows_and_column),
    ("far-empty-cell.ods", far_empty_cell),
    ("far-empty-cell.xlsx", far_empty_cell),
    ("far-value.ods", far_value),
    ("far-value.xls", far_value),
]


def main() -> None:
    only = set(sys.argv[1:])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        proc, desktop = start_office(work / "profile")
        try:
            for name, edit in EDITS:
                if only and name not in only:
                    continue
                doc = open_copy(desktop, work)
                edit(doc)
                save(doc, HERE / name)
        finally:
            with contextlib.suppress(Exception):  # the bridge closes as soffice exits
                desktop.terminate()  # type: ignore[attr-defined]
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
