"""Write the blank return workbooks the townships (and the district) fill in.

One workbook per unit and year. Sheet ``填报表`` holds the header block and the indicator
table; input cells are yellow, unlocked and carry Excel data validation; everything else is
protected without a password. Sheet ``说明`` says how to fill in and send the return. A hidden
sheet stamps the plan's identity so a return made from another plan, or an outdated one, is
spotted when it comes back.

This module writes 填报表 and puts the workbook together; the lines come from
:mod:`~ipcounty.returns.template_rows`, sheet 明细 from :mod:`~ipcounty.returns.template_details`,
sheet 说明 from :mod:`~ipcounty.returns.template_guide`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipcounty.render.numbers import fmt_date
from ipcounty.returns import layout as L
from ipcounty.returns.template_details import write_details
from ipcounty.returns.template_guide import write_guide
from ipcounty.returns.template_print import fit_a4
from ipcounty.returns.template_rows import HEAD_FILL, INPUT_FILL, TemplateRow, needs_baseline, rows_for

if TYPE_CHECKING:
    from ipcounty.plan import Plan
    from ipcounty.returns.prefill import Carried

__all__ = ["TemplateRow", "needs_baseline", "rows_for", "stamp", "write_template"]


def write_template(
    plan: Plan, unit: str, year: int, path: Path, *, today: dt.date | None = None, prefill: Carried | None = None
) -> Path:
    """Write the blank return of ``unit`` for ``year`` to ``path``; return the path.

    ``today`` is the date stamped as generated (fixed by the example maker for stable bytes).
    ``prefill`` carries an earlier return's figures into it (see :mod:`ipcounty.returns.prefill`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = rows_for(plan, unit, year)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = L.SHEET
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    input_fill = PatternFill("solid", fgColor=INPUT_FILL)
    head_fill = PatternFill("solid", fgColor=HEAD_FILL)
    unlocked = Protection(locked=False)
    wrap = Alignment(wrap_text=True, vertical="center")

    title = f"{plan.info.region}{year}年度知识产权目标任务完成情况填报表"
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:G1")
    start = fmt_date(plan.as_of_window(year)[0], "zh")
    ws["A2"] = (
        f"只填黄色单元格。本年完成填写{start}至截至日期的数（存量、比率填截至日期的数值），"
        "没有完成请填 0，不要留空；只填数字，不带单位。"
    )
    ws["A2"].alignment = wrap
    ws.merge_cells("A2:G2")
    ws.row_dimensions[2].height = 32

    header_values: list[tuple[str, Any]] = [
        (plan.words.unit_word, unit),
        (L.LABEL_YEAR, year),
        (L.LABEL_AS_OF, None),
        (L.LABEL_REPORTER, None),
        (L.LABEL_PHONE, None),
    ]
    as_of_cell = "B6"
    for i, (label, value) in enumerate(header_values):
        r = 4 + i
        ws.cell(r, 1, label).font = Font(bold=True)
        ws.cell(r, 1).border = border
        c = ws.cell(r, 2, value)
        c.border = border
        if value is None:
            c.fill = input_fill
            c.protection = unlocked
        if label == L.LABEL_AS_OF:
            c.number_format = "yyyy-mm-dd"
            as_of_cell = c.coordinate
        if label == L.LABEL_PHONE:
            c.number_format = "@"
    ws.cell(6, 3, f"例：{plan.example_as_of(year).isoformat()}").font = Font(color="808080")

    head_row = 10
    with_baseline = any(needs_baseline(r.indicator) for r in rows)
    headers = [*L.TABLE_COLUMNS, *([L.COL_BASELINE] if with_baseline else []), L.COL_GUIDE]
    for j, h in enumerate(headers, 1):
        c = ws.cell(head_row, j, h)
        c.font = Font(bold=True)
        c.fill = head_fill
        c.border = border
        c.alignment = Alignment(horizontal="center", vertical="center")

    validations: dict[str, DataValidation] = {}

    def validation(key: str, **kwargs: Any) -> DataValidation:
        if key not in validations:
            dv = DataValidation(allow_blank=True, showErrorMessage=True, errorTitle="输入有误", **kwargs)
            validations[key] = dv
            ws.add_data_validation(dv)
        return validations[key]

    first, last = plan.as_of_window(year)
    date_dv = validation(
        "date",
        type="date",
        operator="between",
        formula1=f"DATE({first.year},{first.month},{first.day})",
        formula2=f"DATE({last.year},{last.month},{last.day})",
        error=f"请填写 {first} 至 {last} 之间的日期，如 {plan.example_as_of(year)}",
    )
    date_dv.add(as_of_cell)

    for k, row in enumerate(rows):
        r = head_row + 1 + k
        ind = row.indicator
        values = [
            ind.code,
            ind.label("zh"),
            ind.unit,
            row.target if row.target is not None and ind.kind in ("flow", "stock", "rate") else row.target_text,
            None,
            None,
            *([None] if with_baseline else []),
            row.guide,
        ]
        for j, v in enumerate(values, 1):
            c = ws.cell(r, j, v)
            c.border = border
            c.alignment = wrap
        ws.row_dimensions[r].height = 30  # the 填报要求 text takes two lines
        actual = ws.cell(r, 5)
        note = ws.cell(r, 6)
        for c in (actual, note):
            c.fill = input_fill
            c.protection = unlocked
        if with_baseline and needs_baseline(ind):
            base = ws.cell(r, 7)
            base.fill = input_fill
            base.protection = unlocked
            whole_number = "whole" if ind.integer else "decimal"
            validation(
                f"baseline-{whole_number}",
                type=whole_number,
                operator="greaterThanOrEqual",
                formula1="0",
                error="基期值请填写不小于 0 的数字，不带单位；不知道可留空",
            ).add(base.coordinate)
        if ind.kind == "yesno":
            dv = validation("yesno", type="list", formula1='"是,否"', error="请选择“是”或“否”")
        elif ind.kind == "qualitative":
            dv = validation(
                "state",
                type="list",
                formula1='"' + ",".join(L.STATE_CHOICES) + '"',
                error="请选择 " + "/".join(L.STATE_CHOICES),
            )
        elif ind.rate:
            dv = validation(
                "rate",
                type="decimal",
                operator="between",
                formula1="0",
                formula2="100",
                error="请填写 0—100 之间的百分数，如 92.5",
            )
        elif ind.integer:
            dv = validation(
                "count",
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                error="请填写不小于 0 的整数，不带单位",
            )
        else:
            dv = validation(
                "amount",
                type="decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                error="请填写不小于 0 的数字，不带单位",
            )
        dv.add(actual.coordinate)

    widths = (12, 44, 8, 10, 12, 30, *((10,) if with_baseline else ()), 46)
    for col, width in zip("ABCDEFGH", widths, strict=False):
        ws.column_dimensions[col].width = width
    ws.protection.sheet = True  # no password: protection guards against slips, not people
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.freeze_panes = f"A{head_row + 1}"
    fit_a4(ws, landscape=True, heading_row=head_row)

    evidence_rows = [r for r in rows if r.indicator.evidence is not None]
    if evidence_rows:
        write_details(wb.create_sheet(L.DETAIL_SHEET), plan, evidence_rows, year, prefill)
    write_guide(wb.create_sheet(L.GUIDE_SHEET), plan, unit, year, rows)
    meta = wb.create_sheet(L.META_SHEET)
    for i, (key, text) in enumerate(stamp(plan, unit, year, today).items(), 1):
        meta.cell(i, 1, key)
        meta.cell(i, 2, text)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    wb.active = 0
    if prefill is not None:
        from ipcounty.returns.prefill import apply

        apply(wb, prefill)

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    wb.save(tmp)
    tmp.replace(path)
    return path


def stamp(plan: Plan, unit: str, year: int, today: dt.date | None = None) -> dict[str, str]:
    """What the hidden sheet records about the template it came from."""
    return {
        "plan_id": plan.info.id,
        "plan_fingerprint": plan.fingerprint,
        "template_version": L.TEMPLATE_VERSION,
        "unit": unit,
        "year": str(year),
        "generated": (today or dt.date.today()).isoformat(),
    }
