"""Regenerate ``kuangqu-2025-clerk.xlsx``: a blank 2025 form of 矿区街道 filled in LibreOffice as a
township clerk fills it, typing into the cells (the input line's parser: numbers, dates, text).

Run with the system Python that has LibreOffice's ``uno`` bridge (not the project's venv):

    ipcounty template 2025 --unit 矿区街道 --out /tmp/kq
    /usr/bin/python3 tests/data/libreoffice/fill_like_a_clerk.py /tmp/kq/2025_矿区街道_填报表.xlsx

What the clerk types: 截至日期 2025-12-31, a mobile number as a number, ``15件`` for a 个
indicator (15 patents listed on 明细), full-width ``１`` and ``２``, ``1次``; then unprotects the
sheets (no password) to insert a blank row in the table between B3 and B4, delete the last blank
B1 row of 明细 and insert a row inside the B2 table; saves as .xlsx.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]  # LibreOffice's bridge, in the system Python only
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "src"))
from ipcounty.returns.identifiers import credit_check_char, patent_check_digit  # noqa: E402

OUT = HERE / "kuangqu-2025-clerk.xlsx"


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def fill(doc: object) -> None:
    f = doc.Sheets.getByName("填报表")  # type: ignore[attr-defined]
    m = doc.Sheets.getByName("明细")  # type: ignore[attr-defined]

    def typ(sheet: object, addr: str, text: str) -> None:
        sheet.getCellRangeByName(addr).setFormula(text)  # type: ignore[attr-defined]

    for addr, text in [("B6", "2025-12-31"), ("B7", "李四"), ("B8", "13806320000"), ("E11", "15件"),
                       ("F11", "含1件PCT"), ("E12", "１"), ("E13", "２"), ("E14", "0"), ("E15", "1次"),
                       ("E16", "是"), ("E17", "2")]:  # fmt: skip
        typ(f, addr, text)
    for i in range(15):
        digits = "20251" + f"{1234560 + i:07d}"
        typ(m, f"B{5 + i}", f"ZL{digits}.{patent_check_digit(digits)}")
        typ(m, f"C{5 + i}", f"一种装置{i + 1}")
        typ(m, f"D{5 + i}", "枣庄某科技有限公司")
        typ(m, f"E{5 + i}", f"2025-0{1 + i % 9}-15")
    first17 = "91370402MA3C00001"
    typ(m, "B33", "枣庄某科技有限公司")
    typ(m, "C33", first17 + credit_check_char(first17))
    typ(m, "D33", "2025")
    for i in range(2):
        digits = "20243" + f"{7654320 + i:07d}"
        typ(m, f"B{41 + i}", f"{digits}.{patent_check_digit(digits)}")
        typ(m, f"C{41 + i}", "2025/6/1")
        typ(m, f"D{41 + i}", "某大学")
    typ(m, "B62", "2025-05-20")
    typ(m, "C62", "专利导航培训")
    typ(m, "D62", "60")
    f.unprotect("")  # type: ignore[attr-defined]
    m.unprotect("")  # type: ignore[attr-defined]
    f.Rows.insertByIndex(13, 1)  # type: ignore[attr-defined]  # a blank row between B3 and B4
    m.Rows.removeByIndex(28, 1)  # type: ignore[attr-defined]  # the last blank B1 row (序号 25)
    m.Rows.insertByIndex(34, 1)  # type: ignore[attr-defined]  # a row inside the B2 table


def main() -> None:
    source = Path(sys.argv[1]).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        pipe = f"ipcounty{os.getpid()}"
        proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
                                 f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
                                 f"--accept=pipe,name={pipe};urp;"])  # fmt: skip
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - soffice is still starting
                time.sleep(0.5)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        try:
            doc = desktop.loadComponentFromURL(source.as_uri(), "_blank", 0, (prop("Hidden", True),))
            fill(doc)
            doc.storeToURL(OUT.as_uri(), (prop("FilterName", "Calc MS Excel 2007 XML"),))
            doc.close(True)
            print("wrote", OUT)
        finally:
            with contextlib.suppress(Exception):  # the bridge closes as soffice exits
                desktop.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
