"""What township clerks do to a return (issue 17, items 1–7): each habit is a named case.

Findings are asserted by code, cell and the words a clerk reads. The LibreOffice cases use the
files under tests/data/libreoffice/ (made by make_clerk_edits.py there, through LibreOffice).
"""

from __future__ import annotations

import datetime as dt
import math
import string
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.findings import Finding
from ipcounty.i18n import LABELS, MESSAGES, phrase
from ipcounty.plan import Plan
from ipcounty.returns.model import Return
from ipcounty.returns.reader import read_return
from tests.conftest import ROOT, details_for, good_values

TODAY = dt.date(2026, 11, 25)
LO = ROOT / "tests" / "data" / "libreoffice"


def found(ret: Return, code: str) -> list[Finding]:
    return [f for f in ret.findings if f.code == code]


def rework(path: Path, edit: Callable[[Any], None]) -> Path:
    """``path`` opened in openpyxl, edited as a clerk would, saved over itself."""
    wb = load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


# ---- (1) LibreOffice's empty far rows and cells ----------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "insert-rows-and-column.xlsx",
        "insert-rows-and-column.xls",
        "insert-rows-and-column.ods",
        "far-empty-cell.xlsx",  # an empty <row r="1048576"> after formatting the last cell
        "far-empty-cell.ods",  # a formatted, empty cell at AMJ1048576
    ],
)
def test_returns_edited_and_saved_by_libreoffice_are_read(name: str, plan: Plan) -> None:
    ret = read_return(LO / name, plan, today=TODAY)
    assert ret.status == "ok", [(f.code, f.location) for f in ret.findings]
    assert ret.unit == "永安镇" and ret.values["B1"].value == 16


@pytest.mark.parametrize("ext", ["xlsx", "ods"])
def test_a_detail_row_deleted_in_libreoffice_is_a_count_mismatch_not_a_huge_sheet(ext: str, plan: Plan) -> None:
    """Deleting one 明细 row and saving made LibreOffice write an empty <row r="1048576">, which
    was refused as "声明了 1048576 行"; now the return is read and the missing item is named."""
    ret = read_return(LO / f"delete-detail-row.{ext}", plan, today=TODAY)
    assert [(f.code, f.cell) for f in ret.findings] == [("evidence-count-mismatch", "E11")]
    assert "B1 本年完成为 16，但“明细”列出 15 项专利" in ret.findings[0].message("zh")


@pytest.mark.parametrize(("ext", "rows", "cols"), [("ods", 200_000, 256), ("xls", 65_536, 256)])
def test_a_far_value_in_ods_or_xls_is_refused_before_it_is_built(
    ext: str, rows: int, cols: int, plan: Plan, tmp_path: Path
) -> None:
    """(16) A stray "x" at GR200000 (and IV65536): refused from the file's own XML / BIFF records
    before python-calamine opens the file (it builds every sheet of an .ods or .xls on opening:
    5 s and 2.5 GB before)."""
    import time

    path = tmp_path / f"2025_永安镇_填报表.{ext}"
    path.write_bytes((LO / f"far-value.{ext}").read_bytes())
    started = time.monotonic()
    ret = read_return(path, plan, today=TODAY)
    assert time.monotonic() - started < 1
    [f] = found(ret, "sheet-too-large")
    assert (f.sheet, f.params["rows"], f.params["cols"]) == ("填报表", rows, cols)
    assert ret.unit_label("zh") == "永安镇？"  # from the file name: the file was not opened


# ---- (2) a bad 本年完成 does not hide its 明细 ----------------------------------------------


@pytest.mark.parametrize("bad", ["十五", None, "15人"])
def test_a_bad_count_still_has_its_items_checked(
    bad: Any, make_return: Callable[..., Path], plan: Plan, tmp_path: Path
) -> None:
    details = details_for(plan, "税郭镇", 2025, good_values(plan, "税郭镇"))
    details["B1"][0] = {**details["B1"][0], "专利号": "ZL202410125970.1"}  # wrong check digit
    ret = read_return(make_return(values={"B1": bad}, details=details), plan, today=TODAY)
    codes = {f.code: f for f in ret.findings}
    assert codes.keys() & {"not-a-number", "empty-value", "wrong-unit"}
    assert codes["patent-check-digit"].cell == "B5"
    assert "evidence-count-mismatch" not in codes  # nothing to compare the items with


# ---- (3) template never overwrites ---------------------------------------------------------


def test_template_refuses_to_overwrite_a_filled_return(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "returns" / "2025"
    args = ["template", "2025", "--township", "税郭镇", "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    filled = out / "2025_税郭镇_填报表.xlsx"
    filled.write_bytes(b"the clerk's filled return")
    r = runner.invoke(app, args)
    assert r.exit_code == 2
    assert "已存在 1 个同名文件，未覆盖" in r.output and "--force" in r.output
    assert filled.read_bytes() == b"the clerk's filled return"
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    assert filled.read_bytes()[:2] == b"PK"


# ---- (5) the unit against the stamp ------------------------------------------------------


def test_a_unit_cell_that_differs_from_the_stamp_warns_naming_both(
    make_return: Callable[..., Path], plan: Plan
) -> None:
    ret = read_return(make_return(header={"镇街": "永安镇"}), plan, today=TODAY)
    [f] = found(ret, "unit-differs-from-stamp")
    assert f.cell == "B4" and f.severity == "warning"
    assert f.message("zh").startswith("填写的镇街为“永安镇”，但此表是为“税郭镇”生成的模板")
    assert ret.unit == "永安镇"


def test_a_rejected_return_shows_the_unit_its_stamp_names(
    runner: CliRunner, make_return: Callable[..., Path], plan: Plan
) -> None:
    path = make_return(header={"镇街": "税国镇"})
    ret = read_return(path, plan, today=TODAY)
    assert ret.unit is None and ret.unit_hint == "税郭镇"
    r = runner.invoke(app, ["validate", str(path)])
    assert "税郭镇？ · 2025年 · 截至 2025-09-30  退回" in r.output


def test_a_return_that_cannot_be_opened_shows_the_unit_its_file_name_names(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "2025_龙山路街道_填报表.xlsx"
    path.write_bytes(b"PK\x03\x04 truncated")
    assert read_return(path, plan, today=TODAY).unit_label("zh") == "龙山路街道？"


# ---- (6) form habits: 单位：, a renamed sheet, a renamed column, tables side by side ------------


def test_a_unit_of_measure_cell_above_the_header_block_is_not_the_unit(
    make_return: Callable[..., Path], plan: Plan
) -> None:
    """ "单位：" top right (the form's unit of measure) read like the label 单位 (= 镇街) and gave
    "未知的镇街“个”"."""
    ret = read_return(make_return(cells={"E3": "单位：", "F3": "个"}), plan, today=TODAY)
    assert ret.status == "ok", [(f.code, f.location, f.message("zh")) for f in ret.findings]
    assert ret.unit == "税郭镇"


def test_a_detail_sheet_renamed_with_a_trailing_space_is_found(make_return: Callable[..., Path], plan: Plan) -> None:
    def rename(wb: Any) -> None:
        wb["明细"].title = "明细 "

    ret = read_return(rework(make_return(), rename), plan, today=TODAY)
    assert ret.status == "ok"
    assert len(ret.items["B1"]) == 15


def test_a_renamed_detail_column_is_an_error_not_lost_items(make_return: Callable[..., Path], plan: Plan) -> None:
    def rename(wb: Any) -> None:
        ws = wb["明细"]
        for row in ws.iter_rows():
            for c in row:
                if c.value == "专利号":
                    c.value = "专利号码"
                    return

    ret = read_return(rework(make_return(), rename), plan, today=TODAY)
    [f] = found(ret, "evidence-table-unreadable")
    assert (f.sheet, f.cell, f.params["code"]) == ("明细", "A3", "B1")
    assert "请保留模板的列名 专利号、专利名称、专利权人、授权日期" in f.message("zh")


def test_a_detail_table_set_beside_another_is_an_error_not_lost_items(
    make_return: Callable[..., Path], plan: Plan
) -> None:
    def move_b3_beside_b1(wb: Any) -> None:
        ws = wb["明细"]
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("B3 "):
                    top = c.row
        block = [[ws.cell(r, col).value for col in range(1, 5)] for r in range(top, top + 3)]
        for r in range(top, top + 3):
            for col in range(1, 5):
                ws.cell(r, col).value = None
        for i, values in enumerate(block):
            for j, v in enumerate(values):
                ws.cell(3 + i, 7 + j).value = v

    ret = read_return(rework(make_return(), move_b3_beside_b1), plan, today=TODAY)
    [f] = found(ret, "evidence-table-unreadable")
    assert (f.cell, f.params["code"]) == ("G3", "B3")


# ---- (7) no placeholder ever reaches a user ------------------------------------------------

KINDS: list[Any] = [
    "文本",
    "",
    0,
    15,
    15.5,
    -3.0,
    math.nan,
    math.inf,
    True,
    dt.date(2025, 9, 30),
    dt.datetime(2025, 9, 30, 8, 0),
    None,
    phrase("hint-unit", unit="个"),
    phrase("file-not-regular", kind=phrase("kind-pipe")),
    ["B1", phrase("norm-unit", unit="个")],
    (),
]


def _fields(template: str) -> list[str]:
    return [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]


@pytest.mark.parametrize("key", sorted({**MESSAGES, **LABELS}))
def test_every_message_renders_without_a_placeholder_whatever_its_values(key: str) -> None:
    """Every template in the catalogue, with each kind of value in every field (and with none at
    all, as a caller that forgets one would), in both languages: no brace is left but those the
    sentence writes itself (``{{年份: 目标}}`` shows the YAML form to write)."""
    zh, en = {**MESSAGES, **LABELS}[key]
    names = set(_fields(zh)) | set(_fields(en))
    for lang, template in (("zh", zh), ("en", en)):
        for value in [*KINDS, "missing"]:
            params = {} if value == "missing" else dict.fromkeys(names, value)
            text = Finding(key, "error", "f.xlsx", params=params).message(lang)
            literal = template.count("{{"), template.count("}}")
            assert (text.count("{"), text.count("}")) == literal, (key, lang, value, text)
            assert "Phrase(" not in text and "None" not in text, (key, lang, value, text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, "“TRUE”不是数字：请只填写数字（单位：个）"),
        (dt.datetime(2025, 3, 1), "“2025-03-01 00:00:00”不是数字：请只填写数字（单位：个）"),
        (math.nan, "“NaN”不是数字：请只填写数字（单位：个）"),
        (math.inf, "“#NUM!”不是数字：请只填写数字（单位：个）"),
        ("2+1", "“2+1”不是数字：请只填写数字（单位：个）"),
        ("3。", "“3。”不是数字：请只填写数字（单位：个）"),
        ("9" * 400, f"“{'9' * 400}”不是数字：请只填写数字（单位：个）"),  # beyond a float, not a traceback
    ],
)
def test_number_cells_say_what_they_hold(value: Any, expected: str) -> None:
    from ipcounty.returns.values import parse_number

    p = parse_number(value, "个", integer=True, rate=False, known_units=["个", "件"])
    assert Finding(p.error or "", "error", "f", params=p.params).message("zh") == expected


def test_a_rate_of_one_is_not_said_to_be_read_as_100_percent() -> None:
    from ipcounty.returns.values import parse_number

    p = parse_number(1.0, "%", integer=False, rate=True)
    text = Finding(p.error or "", "error", "f", params=p.params).message("zh")
    assert text.startswith("“1”看不出是 100% 还是 1%") and "按 100% 读取" not in text


def test_a_unit_on_an_item_that_takes_none() -> None:
    from ipcounty.returns.values import parse_number

    p = parse_number("120 人", "", integer=True, rate=False, known_units=["人"])
    assert Finding(p.error or "", "error", "f", params=p.params).message("zh") == (
        "“120 人”带有单位 人：此项不带单位，请只填写数字"
    )


def test_fuzzed_cells_never_leave_braces(make_return: Callable[..., Path], plan: Plan, tmp_path: Path) -> None:
    """The kinds of value a cell can hold, in every figure cell at once: messages are whole."""
    wb = load_workbook(make_return())
    ws = wb["填报表"]
    for i, value in enumerate([True, dt.date(2025, 1, 1), "2+1", "3。", "1 0", "十五", "15件", "120 人"]):
        ws.cell(11 + i, 5).value = value
    buf = BytesIO()
    wb.save(buf)
    path = tmp_path / "kinds.xlsx"
    path.write_bytes(buf.getvalue())
    ret = read_return(path, plan, today=TODAY)
    for f in ret.findings:
        for lang in ("zh", "en"):
            assert "{" not in f.message(lang) and "}" not in f.message(lang)


def test_an_infinite_amount_is_no_number() -> None:
    """A cell holding infinity (1e999 in the file) in a figure that may have decimals is #NUM!,
    never a target or a figure of infinity (whose message could not be written)."""
    from ipcounty.returns.values import parse_number

    for rate in (False, True):
        assert parse_number(math.inf, "亿元", integer=False, rate=rate).error == "not-a-number"
    assert parse_number(1e308, "亿元", integer=False, rate=False).value == 1e308


def test_indicator_codes_typed_loosely_read_as_the_codes(
    make_return: Callable[..., Path], plan: Plan, tmp_path: Path
) -> None:
    """A code in lower case, full width, spaced or with a colon is the plan's code (the reader
    takes a code written exactly as the plan does without cleaning it: the others still are)."""
    usual = read_return(make_return(), plan, today=TODAY)
    wb = load_workbook(make_return())
    ws = wb["填报表"]
    spellings = iter(["b1", "Ｂ２", " B3 ", "B4：", "b 5", "*D1"])
    changed = {}
    for row in ws.iter_rows(min_row=10, max_col=1):
        cell = row[0]
        if isinstance(cell.value, str) and cell.value in usual.values:
            spelled = next(spellings, None)
            if spelled is None:
                break
            changed[cell.value] = spelled
            cell.value = spelled
    buf = BytesIO()
    wb.save(buf)
    path = tmp_path / "codes.xlsx"
    path.write_bytes(buf.getvalue())
    loose = read_return(path, plan, today=TODAY)
    assert len(changed) >= 4
    assert {k: v.value for k, v in loose.values.items()} == {k: v.value for k, v in usual.values.items()}
    assert not [f.code for f in loose.findings if f.severity == "error"]
