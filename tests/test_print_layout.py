"""How the meeting workbook's 报送情况 sheet prints when the clerks made many mistakes (the third
user review): the problems are the wide column, the hash a narrow one, each file's problems a few
lines, not a page. The printed case (LibreOffice) prints that sheet alone, so it stays fast."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ipcounty.export import submissions, workbook
from ipcounty.export.measure import OVERFLOW, PRINT_UNITS, fit_widths, line_height, lines_needed
from ipcounty.findings import Finding
from ipcounty.plan import Plan
from ipcounty.progress import Report, compute
from ipcounty.returns.model import Return, Value
from ipcounty.returns.template import rows_for
from tests.conftest import TOWNS, column_widths
from tests.office import pdf_text, to_pdf

YEAR = 2026
TODAY = dt.date(2026, 11, 25)
PROBLEMS = 8  # the column of 报送情况 that lists each file's problems
HASH = 5


def _messy(plan: Plan, unit: str) -> Return:
    """A return a clerk filled with text dates and no 明细: six warnings, as the review's returns had."""
    vals: dict[str, object] = {}
    for row in rows_for(plan, unit, YEAR):
        ind = row.indicator
        vals[ind.code] = "是" if ind.kind == "yesno" else "推进中" if ind.kind == "qualitative" else 1.0
    file = f"{YEAR}/{YEAR}_{unit}_填报表.xlsx"
    r = Return(
        file=file,
        sha256=hashlib.sha256(unit.encode()).hexdigest(),
        unit=unit,
        year=YEAR,
        as_of=dt.date(YEAR, 10, 31),
        values={c: Value(c, v, "E1") for c, v in vals.items()},
        reporter="李娜",
        phone="0632-3312345",
    )
    r.findings.append(
        Finding(
            "date-normalised", "warning", file, "填报表", "B6",
            params={"value": "2026-10-31", "date": "2026-10-31", "what": "文本日期"},
        )
    )  # fmt: skip
    items = [("B1", "专利"), ("B2", "企业"), ("B3", "专利"), ("B4", "指导站"), ("B5", "培训")]
    for n, (code, item) in enumerate(items):
        r.findings.append(
            Finding(
                "evidence-missing", "warning", file, "填报表", f"E{11 + n}",
                params={"code": code, "actual": 1, "sheet": "明细", "item": item},
            )
        )  # fmt: skip
    return r


@pytest.fixture(scope="module")
def report(plan: Plan) -> Report:
    return compute(plan, [_messy(plan, unit) for unit in TOWNS[:10]], YEAR, today=TODAY)


def _sheet(report: Report, lang: str, folder: Path) -> Path:
    """The workbook with its 报送情况 sheet only, written to ``folder``."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workbook, "SHEETS", (submissions.add,))
        data = workbook.workbook_bytes(report, lang)
    out = folder / f"submissions-{lang}.xlsx"
    out.write_bytes(data)
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_problems_are_the_wide_column_and_the_hash_a_narrow_one(report: Report, lang: str, tmp_path: Path) -> None:
    ws = load_workbook(_sheet(report, lang, tmp_path)).worksheets[0]
    widths = column_widths(ws)
    assert max(widths, key=lambda c: widths[c]) == PROBLEMS, widths
    assert widths[PROBLEMS] >= 2 * widths[HASH], widths
    assert sum(widths.values()) <= PRINT_UNITS * OVERFLOW  # still one page wide
    sha = ws.cell(4, HASH).value
    assert [len(part) for part in sha.split("\n")] == [16, 16, 16, 16]
    assert lines_needed(sha, widths[HASH]) == 4  # no line of it wraps
    for row in range(4, ws.max_row + 1):
        problems = str(ws.cell(row, PROBLEMS).value).split("\n")
        assert len(problems) == 6
        # each problem on at most two lines in Chinese (three in English), so a file takes a few lines
        longest = max(lines_needed(p, widths[PROBLEMS]) for p in problems)
        assert longest <= (2 if lang == "zh" else 3), (row, longest, widths[PROBLEMS])
        # the row is as tall as its wrapped text, not more
        need = sum(lines_needed(p, widths[PROBLEMS]) for p in problems)
        assert ws.row_dimensions[row].height == pytest.approx(need * line_height() + 2, abs=0.1)


def test_a_wide_column_keeps_its_width_while_the_others_narrow() -> None:
    natural, least = [40.0, 35.0, 55.0, 12.0], [12.0, 17.0, 12.0, 12.0]
    plain = fit_widths(natural, least, 100)
    assert plain[2] < 30  # as any table: the widest narrow alike
    wide = fit_widths(natural, least, 100, wide=[2])
    assert wide[2] == 55 and sum(wide) == pytest.approx(100, abs=0.1)
    assert wide[0] >= least[0] and wide[1] >= least[1]
    # the others at their least and the sentences still short of their width: the page prints a
    # little smaller, within OVERFLOW × the budget
    tight = fit_widths([40.0, 35.0, 90.0, 12.0], least, 100, wide=[2])
    assert tight[:2] + tight[3:] == [12.0, 17.0, 12.0]
    assert 100 < sum(tight) <= 100 * OVERFLOW
    assert fit_widths([10.0, 20.0], [6.0, 6.0], 100, wide=[1]) == [10.0, 20.0]  # room enough: as it was


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs soffice")
def test_ten_files_with_six_problems_each_print_on_a_few_pages(report: Report, tmp_path: Path) -> None:
    # before: one file a page (the problems in a column eight characters wide)
    pages = [p for p in pdf_text(to_pdf(_sheet(report, "zh", tmp_path), tmp_path)).split("\f") if p.strip()]
    assert len(pages) <= 5, len(pages)
    flat = re.sub(r"\s", "", "".join(pages))
    assert all(unit in flat for unit in TOWNS[:10])
    assert flat.count("没有列出") == 50  # every problem printed
