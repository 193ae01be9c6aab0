"""The meeting workbook: the report as an .xlsx a district official opens, prints and brings along.

Every figure comes from the same :class:`~ipcounty.progress.Row` objects as the CSV report, so
the two always agree. Text that came from a return is written as text: a note reading
``=HYPERLINK(...)`` stays a string, never a formula. The file is written beside the target under
a temporary name and renamed into place, so an interrupted export leaves the previous file.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipcounty.errors import OutputError
from ipcounty.i18n import status_label, tr
from ipcounty.progress import Report, Row
from ipcounty.render.report_view import VIEW_COLUMNS

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

STATUS_FILL = {
    "met": "C6EFCE",
    "done": "C6EFCE",
    "ahead": "BDD7EE",
    "on_track": "E2EFDA",
    "in_progress": "DDEBF7",
    "behind": "FFC7CE",
    "not_started": "FFC7CE",
    "not_submitted": "D9D9D9",
    "rejected": "F8CBAD",
    "conflict": "FFEB9C",
    "no_target": "F2F2F2",
}
HEAD_FILL = "1F4E78"
ORDER = ("met", "ahead", "on_track", "behind", "not_submitted", "rejected", "conflict")


def display_width(text: str) -> int:
    """Columns a string takes on screen or paper: CJK characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class _Sheet:
    """A worksheet with a title, a header row and rows; widths and print set-up done once."""

    def __init__(self, wb: Workbook, name: str, title: str, headers: Sequence[str], first: bool = False) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        ws.title = name[:31]
        self.ws: Worksheet = ws
        self.headers = list(headers)
        self.widths = [display_width(h) for h in headers]
        ws.cell(1, 1, title).font = Font(bold=True, size=14)
        self.row = 3
        for j, h in enumerate(headers, 1):
            c = ws.cell(self.row, j, h)
            c.font = Font(bold=True, color="FFFFFF")
            c.fill = PatternFill("solid", fgColor=HEAD_FILL)
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.freeze_panes = ws.cell(self.row + 1, 1)

    def add(
        self,
        values: Sequence[Any],
        *,
        status: str | None = None,
        status_col: int | None = None,
        bold: bool = False,
        number_format: dict[int, str] | None = None,
    ) -> int:
        from openpyxl.styles import Font, PatternFill

        self.row += 1
        for j, v in enumerate(values, 1):
            c = put(self.ws, self.row, j, v)
            if bold:
                c.font = Font(bold=True)
            if number_format and j in number_format and isinstance(v, (int, float)):
                c.number_format = number_format[j]
            shown = f"{v:.1%}" if number_format and number_format.get(j) == "0.0%" and isinstance(v, float) else v
            if j <= len(self.widths):
                self.widths[j - 1] = max(self.widths[j - 1], min(display_width(_text(shown)), 60))
        if status and status_col:
            self.ws.cell(self.row, status_col).fill = PatternFill("solid", fgColor=STATUS_FILL.get(status, "FFFFFF"))
        return self.row

    def finish(self) -> None:
        from openpyxl.styles import Alignment
        from openpyxl.utils import get_column_letter

        for j, w in enumerate(self.widths, 1):
            self.ws.column_dimensions[get_column_letter(j)].width = max(6, w + 2)
        for row in self.ws.iter_rows(min_row=4, max_row=self.row):
            for c in row:
                if isinstance(c.value, str) and display_width(c.value) > 60:
                    c.alignment = Alignment(wrap_text=True, vertical="top")
        ps = self.ws.page_setup
        ps.orientation = "landscape"
        ps.paperSize = self.ws.PAPERSIZE_A4
        ps.fitToWidth = 1
        ps.fitToHeight = 0
        if self.ws.sheet_properties.pageSetUpPr is not None:
            self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.print_title_rows = "3:3"


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return str(v)


EXCEL_MAX_TEXT = 32_767


def put(ws: Worksheet, row: int, col: int, value: Any) -> Any:
    """Write ``value`` as data: a string that looks like a formula stays a string; text longer
    than Excel can hold is cut with a note saying how long it was (never silently)."""
    c = ws.cell(row, col)
    if isinstance(value, str) and len(value) > EXCEL_MAX_TEXT:
        tail = f"…（全文 {len(value)} 字，超出 Excel 单元格上限，见原始填报表）"
        value = value[: EXCEL_MAX_TEXT - len(tail)] + tail
    c.value = value
    if isinstance(value, str) and value.startswith("="):
        c.data_type = "s"
    return c


def _num(v: float | str | None) -> float | str | None:
    if isinstance(v, float) and v == int(v):
        return int(v)
    return v


def build_workbook(report: Report, lang: str = "zh") -> Workbook:
    """The meeting workbook for ``report`` (not yet saved), in the words of its plan."""
    from ipcounty.i18n import speaking

    with speaking(report.plan.words):
        return _build_workbook(report, lang)


def _build_workbook(report: Report, lang: str) -> Workbook:
    from openpyxl import Workbook

    wb = Workbook()
    plan = report.plan
    zh = lang == "zh"
    latest = report.latest_as_of()
    when = (f"截至 {latest}" if latest else "尚无报送") if zh else (f"as of {latest}" if latest else "no returns")
    name = plan.info.short_title or plan.info.title
    title = f"{name} {report.year}年度进度（{when}）" if zh else f"{name}: progress in {report.year} ({when})"
    unit_rows = [r for r in report.rows if r.indicator.level == "unit" and r.indicator.section != "goal"]
    _overview(wb, report, title, lang)
    _matrix(wb, report, unit_rows, title, lang)
    for code in dict.fromkeys(r.indicator.code for r in unit_rows):
        _indicator_sheet(
            wb,
            report,
            [r for r in report.rows if r.indicator.code == code or r.indicator.served_by == code],
            code,
            title,
            lang,
        )
    _goals(wb, report, title, lang)
    _double_counts(wb, report, title, lang)
    _submissions(wb, report, title, lang)
    _notes(wb, report, title, lang)
    return wb


def _status_counts(rows: Iterable[Row]) -> dict[str, int]:
    counts = dict.fromkeys(ORDER, 0)
    for r in rows:
        if r.status in counts:
            counts[r.status] += 1
    return counts


def _overview(wb: Workbook, report: Report, title: str, lang: str) -> None:
    from openpyxl.styles import Font

    zh = lang == "zh"
    u = report.units
    s = _Sheet(
        wb,
        "总览" if zh else "Overview",
        title,
        ["项目" if zh else "Item", "数量" if zh else "Count", "说明" if zh else "Detail"],
        first=True,
    )
    sep = "、" if zh else ", "
    s.add(["应报送单位" if zh else "Units expected", u.expected, ""])
    s.add(["已报送" if zh else "Reported", len(u.submitted), sep.join(u.submitted)], status="met", status_col=2)
    s.add(
        ["未报送" if zh else "Not submitted", len(u.missing), sep.join(u.missing)],
        status="not_submitted" if u.missing else None,
        status_col=2,
    )
    s.add(
        ["退回" if zh else "Rejected", len(u.rejected), sep.join(u.rejected)],
        status="rejected" if u.rejected else None,
        status_col=2,
    )
    s.add(
        ["冲突" if zh else "Conflict", len(u.conflict), sep.join(u.conflict)],
        status="conflict" if u.conflict else None,
        status_col=2,
    )
    d = report.district
    dist = "已报送" if d.submitted else "退回" if d.rejected else "冲突" if d.conflict else "未报送"
    s.add(
        [
            f"{report.plan.district_name}填报表" if zh else "District form",
            len(d.submitted),
            dist if zh else ("reported" if d.submitted else "not reported"),
        ]
    )
    n_double = len(report.double_counts)
    s.add(
        [
            "明细重复计算" if zh else "Items counted twice",
            n_double,
            "见“重复计算”工作表" if zh else "see sheet 'Double counted'",
        ],
        status="conflict" if n_double else None,
        status_col=2,
    )
    s.row += 1
    town_rows = [r for r in report.rows if not r.is_district and r.indicator.section == "breakdown"]
    counts = _status_counts(town_rows)
    put(s.ws, s.row + 1, 1, tr("heading.unit_statuses", lang)).font = Font(bold=True)
    s.row += 1
    for status in ORDER:
        s.add([status_label(status, lang), counts[status], tr(f"explain.{status}", lang)], status=status, status_col=1)
    s.row += 1
    put(s.ws, s.row + 1, 1, tr("heading.goals", lang)).font = Font(bold=True)
    s.row += 1
    goal_rows = [r for r in report.rows if r.indicator.section == "goal"]
    for r in goal_rows:
        detail = (
            f"{_text(_num(r.actual)) or '—'} / {_text(_num(r.target)) or '—'}{r.indicator.unit}"
            f" · {tr('col.expected', lang)} {_text(_num(r.expected)) or '—'} · {status_label(r.status, lang)}"
        )
        s.add(
            [f"{r.indicator.code} {r.indicator.label(lang)}", r.completion, detail],
            status=r.status,
            status_col=3,
            number_format={2: "0.0%"},
        )
    s.finish()


def _matrix(wb: Workbook, report: Report, unit_rows: list[Row], title: str, lang: str) -> None:
    from openpyxl.styles import PatternFill

    zh = lang == "zh"
    codes = list(dict.fromkeys(r.indicator.code for r in unit_rows))
    inds = {r.indicator.code: r.indicator for r in unit_rows}
    headers = [tr("col.township", lang)] + [f"{c} {inds[c].label(lang)}" for c in codes]
    s = _Sheet(
        wb, "完成率" if zh else "Completion", title + (" · 完成率（颜色为状态）" if zh else " · completion"), headers
    )
    s.widths = [display_width(headers[0])] + [min(display_width(h), 14) for h in headers[1:]]
    s.ws.row_dimensions[s.row].height = 48  # the indicator names wrap onto three lines
    by = {(r.township, r.indicator.code): r for r in unit_rows}
    for unit in [*report.plan.unit_names, report.plan.district_name]:
        cells: list[Any] = [unit]
        statuses: list[str | None] = []
        for c in codes:
            r = by.get((unit, c))
            if r is None:
                cells.append(None)
                statuses.append(None)
                continue
            cells.append(
                r.completion
                if r.completion is not None
                else status_label(r.status, lang)
                if r.actual is None
                else _num(r.actual)
            )
            statuses.append(r.status)
        row = s.add(
            cells, bold=unit == report.plan.district_name, number_format={j: "0.0%" for j in range(2, len(cells) + 1)}
        )
        for j, status in enumerate(statuses, 2):
            if status:
                s.ws.cell(row, j).fill = PatternFill("solid", fgColor=STATUS_FILL.get(status, "FFFFFF"))
    s.row += 2
    put(s.ws, s.row, 1, "图例：" if zh else "Legend:")
    for j, key in enumerate(ORDER, 2):
        c = put(s.ws, s.row, j, status_label(key, lang))
        c.fill = PatternFill("solid", fgColor=STATUS_FILL[key])
    s.finish()


ROW_HEADERS = (
    *VIEW_COLUMNS,
    "col.cumulative",
    "col.plan_target",
    "col.file",
    "col.note",
)


def _figures(r: Row, lang: str) -> list[Any]:
    """target, actual, gap, completion, expected, status, as-of: the figures every sheet shows."""
    return [
        _num(r.target),
        _num(r.actual),
        _num(r.gap),
        r.completion,
        _num(r.expected),
        status_label(r.status, lang),
        r.as_of.isoformat() if r.as_of else None,
    ]


def _row_values(r: Row, label: str, lang: str) -> list[Any]:
    return [
        label,
        *_figures(r, lang),
        _num(r.cumulative_actual),
        _num(r.plan_target),
        r.source_file or None,
        r.note or None,
    ]


def _indicator_sheet(wb: Workbook, report: Report, rows: list[Row], code: str, title: str, lang: str) -> None:
    from openpyxl.chart import BarChart, Reference

    own = [r for r in rows if r.indicator.code == code]
    ind = own[0].indicator
    s = _Sheet(
        wb,
        f"{code} {ind.label(lang)}"[:31],
        f"{title} · {code} {ind.label(lang)}（{ind.unit}）",
        [tr(h, lang) for h in ROW_HEADERS],
    )
    first = s.row + 1
    for r in own:
        label = tr("district", lang) if r.is_district else r.township
        s.add(_row_values(r, label, lang), status=r.status, status_col=7, bold=r.is_district, number_format={5: "0.0%"})
    last_unit = first + sum(1 for r in own if not r.is_district) - 1
    for r in rows:
        if r.indicator.code != code:
            label = f"{r.indicator.code} {r.indicator.label(lang)}"
            s.add(_row_values(r, label, lang), status=r.status, status_col=7, bold=True, number_format={5: "0.0%"})
    if ind.kind not in ("flow", "stock", "rate"):
        s.finish()
        return
    chart = BarChart()
    chart.type = "col"
    chart.title = f"{code} {ind.label(lang)}：{tr('col.target', lang)} / {tr('col.actual', lang)}"
    chart.y_axis.title = ind.unit
    data = Reference(s.ws, min_col=2, max_col=3, min_row=first - 1, max_row=last_unit)
    cats = Reference(s.ws, min_col=1, min_row=first, max_row=last_unit)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.height = 8
    chart.width = 22
    s.ws.add_chart(chart, f"A{s.row + 3}")
    s.finish()


def _goals(wb: Workbook, report: Report, title: str, lang: str) -> None:
    headers = [
        tr("col.code", lang),
        tr("col.indicator", lang),
        tr("col.unit", lang),
        tr("col.target", lang),
        tr("col.actual", lang),
        tr("col.gap", lang),
        tr("col.completion", lang),
        tr("col.expected", lang),
        tr("col.status", lang),
        tr("col.as_of", lang),
        tr("col.source", lang),
        tr("col.note", lang),
        tr("col.file", lang),
    ]
    s = _Sheet(wb, tr("heading.goals", lang), title + " · " + tr("heading.goals", lang), headers)
    for r in report.rows:
        if r.indicator.section != "goal":
            continue
        ind = r.indicator
        s.add(
            [
                ind.code,
                ind.label(lang),
                ind.unit,
                *_figures(r, lang),
                ind.source,
                r.note or (ind.served_by and f"= Σ {ind.served_by}") or None,
                r.source_file or None,
            ],
            status=r.status,
            status_col=9,
            number_format={7: "0.0%"},
        )
    s.finish()


def _double_counts(wb: Workbook, report: Report, title: str, lang: str) -> None:
    """Every item claimed twice, one row per claim, with the file and 明细 cell to check."""
    zh = lang == "zh"
    headers = [
        tr("col.code", lang),
        "项目" if zh else "Item",
        "编号/名称" if zh else "Key",
        tr("col.township", lang),
        tr("col.year", lang),
        tr("col.file", lang),
        tr("col.cell", lang),
    ]
    s = _Sheet(
        wb,
        "重复计算" if zh else "Double counted",
        title + (" · 明细重复计算核查" if zh else " · items counted twice"),
        headers,
    )
    for d in report.double_counts:
        item = d.indicator.evidence.item if d.indicator.evidence else ""
        for c in d.claims:
            s.add(
                [d.indicator.code, item, d.key, c.township, c.year, c.file, f"明细!{c.cell}"],
                status="conflict",
                status_col=3,
            )
    if not report.double_counts:
        s.add(["", "", "未发现重复计算" if zh else "nothing counted twice", "", "", "", ""])
    s.row += 2
    put(s.ws, s.row, 1, "明细去重：" if zh else "Items, counted once:")
    for code, total in report.evidence.items():
        s.row += 1
        put(s.ws, s.row, 1, code)
        put(
            s.ws,
            s.row,
            2,
            (
                f"申报 {total.claimed} 项，去重后 {total.distinct} 项"
                if zh
                else f"{total.claimed} listed, {total.distinct} distinct"
            ),
        )
    s.finish()


def _submissions(wb: Workbook, report: Report, title: str, lang: str) -> None:
    zh = lang == "zh"
    role_zh = {
        "used": "采用",
        "superseded": "已被更新",
        "duplicate": "重复",
        "conflict": "冲突",
        "rejected": "退回",
        "after_as_of": "晚于统计日",
        "other_year": "其他年度",
        "skipped": "跳过",
    }
    headers = [
        tr("col.file", lang),
        tr("col.township", lang),
        tr("col.year", lang),
        tr("col.as_of", lang),
        "SHA-256",
        tr("col.status", lang),
        "用途" if zh else "Role",
        tr("col.problems", lang),
    ]
    s = _Sheet(wb, "报送情况" if zh else "Submissions", title + (" · 报送文件清单" if zh else " · files read"), headers)
    s.widths[4] = 20
    for sub in report.submissions:
        r = sub.ret
        problems = "\n".join(f"{f.location or '—'} {f.message(lang)}" for f in r.findings) or None
        status = (
            {"ok": "通过", "warning": "有警告", "rejected": "退回", "skipped": "跳过"}[r.status] if zh else r.status
        )
        fill = {"used": "met", "conflict": "conflict", "rejected": "rejected", "skipped": "no_target"}.get(sub.role)
        s.add(
            [
                r.file,
                r.unit,
                r.year,
                r.as_of.isoformat() if r.as_of else None,
                r.sha256 or None,
                status,
                role_zh.get(sub.role, sub.role) if zh else sub.role,
                problems,
            ],
            status=fill,
            status_col=7,
        )
    s.finish()
    s.ws.column_dimensions["E"].width = 20


def _notes(wb: Workbook, report: Report, title: str, lang: str) -> None:
    zh = lang == "zh"
    s = _Sheet(
        wb,
        "计划一致性" if zh else "Plan notes",
        title + (" · 计划一致性提示" if zh else " · plan notes"),
        ["#", tr("col.code", lang), tr("col.message", lang), "位置" if zh else "Where"],
    )
    for i, n in enumerate(report.notes, 1):
        s.add([i, n.code, n.message(lang), n.where()])
    if not report.notes:
        s.add(["", "", "计划一致，没有提示" if zh else "No notes", ""])
    s.finish()


def write_workbook(report: Report, target: Path, *, lang: str = "zh", inputs: Iterable[Path] = ()) -> Path:
    """Write the meeting workbook to ``target`` atomically; refuse to overwrite an input file."""
    target = Path(target)
    zh = lang == "zh"
    if target.suffix.lower() != ".xlsx":
        raise OutputError(f"输出文件必须以 .xlsx 结尾：{target}" if zh else f"the output must end in .xlsx: {target}")
    resolved = target.resolve()
    for p in inputs:
        if p.resolve() == resolved:
            raise OutputError(
                f"拒绝覆盖填报表 {target}：请换一个输出文件名"
                if zh
                else f"refusing to overwrite the return {target}: choose another output name"
            )
    folder = resolved.parent
    if not folder.is_dir():
        raise OutputError(f"输出目录不存在：{folder}" if zh else f"output folder does not exist: {folder}")
    wb = build_workbook(report, lang)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"无法写入目录 {folder}：{exc.strerror}" if zh else f"cannot write to {folder}: {exc.strerror}"
        ) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; the result is an ordinary file
        wb.save(tmp)
        os.replace(tmp, resolved)
    except OSError as exc:
        raise OutputError(
            f"无法写入 {target}：{exc.strerror}" if zh else f"cannot write {target}: {exc.strerror}"
        ) from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return target
