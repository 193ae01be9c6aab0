"""The meeting workbook: same figures as the report, charts, safe text, atomic writes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.collect import find_returns, read_all
from ipcounty.export import build_workbook, write_workbook
from ipcounty.plan import Plan
from ipcounty.progress import compute
from ipcounty.render.report_data import to_csv
from tests.conftest import PLAN_PATH, ROOT

EXAMPLES = ROOT / "examples" / "returns"
BASE = ["--plan", str(PLAN_PATH)]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    out = tmp_path_factory.mktemp("export") / "summary.xlsx"
    runner = CliRunner()
    r = runner.invoke(app, [*BASE, "export", "2025", "--returns", str(EXAMPLES), "-o", str(out)])
    assert r.exit_code == 0, r.output
    csv_out = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES), "--format", "csv"]).stdout
    return out, list(csv.DictReader(io.StringIO(csv_out)))


def _same(cell: Any, text: str) -> bool:
    """A workbook cell and a CSV field hold the same figure."""
    if cell is None or text == "":
        return cell is None and text == ""
    if isinstance(cell, (int, float)):
        return abs(float(cell) - float(text)) < 1e-4  # the CSV keeps 4 decimal places
    return str(cell) == text


def test_sheets(exported: tuple[Path, list[dict[str, str]]]) -> None:
    wb = load_workbook(exported[0])
    assert wb.sheetnames[:2] == ["总览", "完成率"]
    assert [n[:2] for n in wb.sheetnames[2:7]] == ["B1", "B2", "B3", "B4", "B5"]
    assert [n[:2] for n in wb.sheetnames[7:9]] == ["D1", "D2"]
    assert wb.sheetnames[9:] == ["区级目标", "考核评分", "趋势", "重复计算", "报送情况", "计划一致性"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A4"
        setup = ws.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9  # A4
        # Fitted to one page's width (1 is the file format's default, which XlsxWriter leaves
        # unsaid), as many pages long as it needs.
        assert ws.sheet_properties.pageSetUpPr.fitToPage and (setup.fitToWidth or 1) == 1 and setup.fitToHeight == 0
        assert "2025年度进度（截至2025年12月31日）" in ws["A1"].value  # a date as a document writes it


# The workbook's columns (by their header) and the CSV field each must equal.
FIELDS = {
    "目标": "target",
    "完成": "actual",
    "差距": "gap",
    "完成率": "completion",
    "序时进度": "time_share",
    "序时应完成": "expected",
    "进度差": "lag_points",
    "排名": "rank",
    "计划总目标": "plan_target",
    "累计完成": "cumulative_actual",
}
LIGHTS = {"绿灯": "green", "黄灯": "yellow", "红灯": "red", None: ""}


def _close(cell: Any, text: str) -> bool:
    if isinstance(cell, float) and text:
        return abs(cell - float(text)) < 1e-3
    return _same(cell, text)


def test_every_figure_equals_the_report(exported: tuple[Path, list[dict[str, str]]]) -> None:
    path, rows = exported
    wb = load_workbook(path)
    by = {(r["reporting_unit"], r["indicator_code"]): r for r in rows}
    units = {r["reporting_unit"] for r in rows}
    checked = set()
    for ws in [*wb.worksheets[2:9], wb["区级目标"]]:
        head = [c.value for c in ws[3]]
        goals = ws.title == "区级目标"
        for line in ws.iter_rows(min_row=4, values_only=True):
            if not line[0]:
                continue
            if goals:
                key = ("全区", line[0])
            else:
                key = (line[0], ws.title.split()[0]) if line[0] in units else ("全区", str(line[0]).split()[0])
            expected = by[key]
            cells = dict(zip(head, line, strict=False))
            counted = key[0] == "全区" and isinstance(cells.get("完成"), str) and "/" in cells["完成"]
            if counted:  # a level each unit holds: 全区 counts the units meeting it (7/11), no 全区 target
                assert cells["目标"] is None and expected["actual"] == "", key
            # A yes/no duty asks 是: the CSV stores its target as 1, the workbook says 是 (as the terminal).
            asks_yes = key[0] != "全区" and key[1] == "D1"
            for header, field in FIELDS.items():
                if header in cells and not (counted and field in ("target", "actual")):
                    want = expected[field]
                    if asks_yes and field in ("target", "expected", "plan_target") and want:
                        assert want == "1" and cells[header] == "是", (key, field, cells[header])
                        continue
                    assert _close(cells[header], want), (key, field, cells[header], want)
            assert LIGHTS[cells["亮灯"]] == expected["light"], key
            if expected["reporting_unit"] != "全区":
                assert (cells["截至"] or "") == expected["as_of"], key
            checked.add(key)
    assert checked == set(by)  # every row of the report is somewhere in the workbook


def test_matrix_and_overview(exported: tuple[Path, list[dict[str, str]]]) -> None:
    wb = load_workbook(exported[0])
    m = wb["完成率"]
    assert m["A4"].value == "税郭镇" and m["A15"].value == "全区"
    assert m["B4"].number_format == "0.0%" and m["B4"].fill.fgColor.rgb.endswith("C6EFCE")
    assert m["B6"].value == "冲突"
    o = wb["总览"]
    values: dict[str, Any] = {}
    for r in o.iter_rows(min_row=4, values_only=True):
        if r[0]:
            values.setdefault(r[0], r[1])
    assert values["已报送"] == 7 and values["未报送"] == 1 and values["退回"] == 1 and values["冲突"] == 1
    assert values["逾期未报"] == 1  # 光明路街道: its latest return is dated 30 November


def test_charts_reference_target_and_actual(exported: tuple[Path, list[dict[str, str]]]) -> None:
    wb = load_workbook(exported[0])
    for ws in wb.worksheets[2:7]:
        assert len(ws._charts) == 1, ws.title
        chart = ws._charts[0]
        refs = [s.val.numRef.f for s in chart.series]
        title = ws.title.replace("'", "''")
        assert refs == [f"'{title}'!$B$4:$B$14", f"'{title}'!$C$4:$C$14"]
        cat = chart.series[0].cat
        assert (cat.numRef or cat.strRef).f == f"'{title}'!$A$4:$A$14"


def test_a_second_reader_sees_the_same_workbook(exported: tuple[Path, list[dict[str, str]]]) -> None:
    """python-calamine (the reader ipcounty reads returns with, a Rust one) and openpyxl read the
    same sheets and the same value in every cell: the file is plain, well-formed .xlsx."""
    from python_calamine import CalamineWorkbook

    path = exported[0]
    wb = load_workbook(path)
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == wb.sheetnames
    for name in wb.sheetnames:
        mine = [list(r) for r in wb[name].iter_rows(values_only=True)]
        theirs = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        width = max(len(mine[0]), max(map(len, theirs)))
        for i in range(max(len(mine), len(theirs))):
            a = (mine[i] if i < len(mine) else []) + [None] * width
            b = (theirs[i] if i < len(theirs) else []) + [""] * width
            for j in range(width):
                x, y = a[j], b[j]
                if x is None:
                    assert y == "", (name, i + 1, j + 1, y)
                elif isinstance(x, (int, float)):
                    assert isinstance(y, (int, float)) and abs(x - y) < 1e-9, (name, i + 1, j + 1, x, y)
                else:
                    assert y == x, (name, i + 1, j + 1, x, y)
    assert wb["完成率"]["A4"].value == "税郭镇"  # the cells read are the workbook's, not empty sheets


def test_submissions_list_the_years_files_only(exported: tuple[Path, list[dict[str, str]]]) -> None:
    wb = load_workbook(exported[0])
    ws = wb["报送情况"]
    files = [r[0] for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    returns_2025 = [f.name for f in find_returns(EXAMPLES) if f.name.startswith("2025/") and f.name.endswith(".xlsx")]
    assert sorted(files) == sorted(returns_2025)  # no 2026 returns, no notice .txt at a 2025 meeting
    rejected = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "2025/2025_文化路街道_填报表.xlsx")
    assert rejected[5] == "退回"
    problems = rejected[7].split("\n")
    assert len(problems) >= 2 and problems[0].startswith("填报表!E13")  # one problem a line
    assert ws.cell(3, 9).value == "填报人" and ws.cell(3, 10).value == "联系电话"
    assert rejected[8:10] == ("张三", "0632-0000000")  # who to call about it
    assert all(len(r[4].replace("\n", "")) == 64 for r in ws.iter_rows(min_row=4, values_only=True) if r[0] and r[4])


def test_file_names_only_on_the_submissions_sheet(exported: tuple[Path, list[dict[str, str]]]) -> None:
    wb = load_workbook(exported[0])
    for ws in wb.worksheets:
        if ws.title == "报送情况":
            continue
        text = [str(v) for row in ws.iter_rows(min_row=3, values_only=True) for v in row if v is not None]
        assert not [t for t in text if ".xlsx" in t or "SHA" in t], ws.title


def test_text_from_returns_never_becomes_a_formula(
    make_return: Callable[..., Path], plan: Plan, tmp_path: Path
) -> None:
    nasty = ['=HYPERLINK("http://example.invalid","点我")', "+1+1", "-2+3", "@SUM(A1)", "=1+1"]
    folder = tmp_path / "returns"
    folder.mkdir()
    make_return(
        "全区",
        name="returns/d.xlsx",
        notes={"G01": nasty[0], "G02": nasty[1], "G03": nasty[2], "G04": nasty[3], "Q1": nasty[4]},
    )
    rets = read_all(find_returns(folder), plan)
    rep = compute(plan, rets, 2025, today=dt.date(2026, 11, 25))
    out = write_workbook(rep, tmp_path / "out.xlsx", inputs=[f.path for f in find_returns(folder)])
    ws = load_workbook(out)["区级目标"]
    note = [c.value for c in ws[3]].index("备注")
    notes = {r[0].value: r[note] for r in ws.iter_rows(min_row=4)}
    for code, text in zip(["G01", "G02", "G03", "G04", "Q1"], nasty, strict=True):
        assert notes[code].value == text
        assert notes[code].data_type == "s", code


def test_atomic_write_keeps_the_previous_file(plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk that fills up half way: the clean message, the previous file intact, no temporary."""
    import ipcounty.export.write as export

    rep = compute(plan, [], 2025, today=dt.date(2026, 11, 25))
    target = tmp_path / "summary.xlsx"
    write_workbook(rep, target)
    before = target.read_bytes()
    calls = iter(range(100))

    def disk_fills(fd: int, data: memoryview) -> int:
        if next(calls):
            raise OSError(28, "No space left on device")
        return os.write(fd, data[:100])

    monkeypatch.setattr(export, "_write_chunk", disk_fills)
    from ipcounty.errors import OutputError

    with pytest.raises(OutputError, match="磁盘空间不足，请清理磁盘，或换一个有空间的位置；原有文件未改动"):
        write_workbook(rep, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["summary.xlsx"]  # no temp file left behind


def test_refuses_to_overwrite_an_input_return(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "returns"
    shutil.copytree(EXAMPLES / "2025", folder)
    victim = folder / "2025_税郭镇_填报表.xlsx"
    before = victim.read_bytes()
    r = runner.invoke(app, [*BASE, "export", "2025", "--returns", str(folder), "-o", str(victim)])
    assert r.exit_code == 2 and "拒绝覆盖" in r.output
    assert victim.read_bytes() == before


def test_unwritable_target(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(app, [*BASE, "export", "2025", "--returns", str(EXAMPLES), "-o", str(tmp_path / "no" / "x.xlsx")])
    assert r.exit_code == 2 and "输出目录不存在" in r.output
    r = runner.invoke(app, [*BASE, "export", "2025", "--returns", str(EXAMPLES), "-o", str(tmp_path / "x.csv")])
    assert r.exit_code == 2 and ".xlsx" in r.output


def test_english_headings(plan: Plan) -> None:
    rep = compute(plan, [], 2025, today=dt.date(2026, 11, 25))
    wb = build_workbook(rep, "en")
    assert wb.sheetnames[:2] == ["Overview", "Completion"]
    assert wb["Submissions"]["A3"].value == "File"
    # tabs are cut to Excel's 31 characters at a word, never inside one ("… patents in for")
    tabs = wb.sheetnames[2:9]
    assert tabs[0] == "B1 New invention patents in"
    for tab, code in zip(tabs, ["B1", "B2", "B3", "B4", "B5", "D1", "D2"], strict=True):
        ind = plan.indicator(code)
        assert len(tab) <= 31 and f"{code} {ind.name_en}".startswith(tab), tab
        assert f"{code} {ind.name_en}"[len(tab) : len(tab) + 1] in ("", " "), tab


def test_english_submissions_say_status_and_role_in_words(plan: Plan) -> None:
    """An English meeting workbook reads "rejected", "superseded" where the
    Chinese one reads 退回, 已被更新 — not the codes the CSV and JSON keep (ok, after_as_of)."""
    from typing import get_args

    from ipcounty.i18n import tr
    from ipcounty.progress.model import Role

    rep = compute(plan, read_all(find_returns(EXAMPLES), plan), 2025, today=dt.date(2026, 11, 25))
    ws = build_workbook(rep, "en")["Submissions"]
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    by_file = {r[0]: r for r in rows}
    rejected = by_file["2025/2025_文化路街道_填报表.xlsx"]
    assert (rejected[5], rejected[6]) == ("rejected", "rejected")
    assert {r[5] for r in rows} <= {tr(f"return-status.{s}", "en") for s in ("ok", "warning", "rejected", "skipped")}
    assert "passed" in {r[5] for r in rows}  # not "ok"
    assert "superseded" in {r[6] for r in rows}
    for role in get_args(Role):  # every role has words in both languages
        assert tr(f"export.role.{role}", "en") and tr(f"export.role.{role}", "zh") != role


def test_csv_and_workbook_from_the_same_rows(plan: Plan) -> None:
    rep = compute(plan, read_all(find_returns(EXAMPLES), plan), 2026, today=dt.date(2026, 11, 25))
    assert to_csv(rep.rows, "zh").count("\n") == len(rep.rows) + 1
    wb = build_workbook(rep, "zh")
    assert "2026年度进度（截至2026年9月30日）" in wb["总览"]["A1"].value


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trend_charts_have_no_axis_titles_and_say_percent_in_their_title(plan: Plan, lang: str) -> None:
    """A rotated axis title reads like an arrow: the unit (%) is in the chart's title, and every
    chart text is 11 pt (nothing under 8 pt once the sheet is fitted to the page)."""
    from ipcounty.i18n import tr

    report = compute(plan, read_all(find_returns(EXAMPLES), plan), 2025)
    ws = build_workbook(report, lang)[tr("trend-sheet", lang)]
    assert len(ws._charts) >= 5  # B1-B5
    for chart in ws._charts:
        assert chart.x_axis.title is None and chart.y_axis.title is None
        title = "".join(r.t for p in chart.title.tx.rich.p for r in p.r)
        assert title.endswith("（%）" if lang == "zh" else "(%)"), title
        assert "：" not in title if lang == "en" else "：" in title  # the colon of the language
        for props in (chart.x_axis.txPr, chart.y_axis.txPr, chart.legend.txPr):
            assert props.p[0].pPr.defRPr.sz == 1100
    d1 = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("D1 ")]
    assert d1 == [f"D1 {plan.indicator('D1').label(lang)}{'（是/否）' if lang == 'zh' else ' (yes/no)'}"]
    cells = {c.value for row in ws.iter_rows(min_row=4) for c in row[1:] if isinstance(c.value, str)}
    assert ({"yes", "no"} <= cells and not {"是", "否"} & cells) if lang == "en" else {"是", "否"} <= cells


def test_english_overview_lines_begin_with_a_capital(plan: Plan) -> None:
    rep = compute(plan, read_all(find_returns(EXAMPLES), plan), 2025, today=dt.date(2026, 11, 25))
    ws = build_workbook(rep, "en")["Overview"]
    items = [ws.cell(row, 1).value for row in range(3, ws.max_row + 1)]
    lines = items[: items.index("Items counted twice") + 1]
    assert "Overdue" in lines and "District form" in lines
    assert all(isinstance(v, str) and v[:1].isupper() for v in lines), lines
