"""Sheet 明细 of a blank return: one table per indicator listing the items behind its count."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ipcounty.returns import layout as L
from ipcounty.returns.template_print import fit_a4, keep_tables_whole
from ipcounty.returns.template_rows import HEAD_FILL, INPUT_FILL, TemplateRow

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ipcounty.plan import Plan
    from ipcounty.returns.prefill import Carried


def write_details(
    ws: Worksheet, plan: Plan, rows: list[TemplateRow], year: int, prefill: Carried | None = None
) -> None:
    """Sheet 明细: one table per indicator listing the items behind its count."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    input_fill = PatternFill("solid", fgColor=INPUT_FILL)
    head_fill = PatternFill("solid", fgColor=HEAD_FILL)
    ws["A1"] = f"{year}年度明细：逐项列出“{L.SHEET}”中本年完成对应的项目，条数应与本年完成一致；不够可插入行"
    ws["A1"].font = Font(bold=True, size=12)
    checks = {
        "date": DataValidation(
            type="date",
            operator="between",
            formula1=f"DATE({year},1,1)",
            formula2=f"DATE({year},12,31)",
            allow_blank=True,
            showErrorMessage=True,
            error=f"请填写 {year} 年内的日期",
        ),
        "year": DataValidation(
            type="whole",
            operator="between",
            formula1=str(year),
            formula2=str(year),
            allow_blank=True,
            showErrorMessage=True,
            error=f"请填写 {year}",
        ),
        "count": DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            error="请填写不小于 0 的整数",
        ),
    }
    for dv in checks.values():
        ws.add_data_validation(dv)
    r = 3
    widths = [6]
    tables: list[tuple[int, int]] = []  # each table's caption row and last row
    for row in rows:
        spec = row.indicator.evidence
        assert spec is not None
        ws.cell(r, 1, f"{row.indicator.code} {spec.title}").font = Font(bold=True)
        r += 1
        for j, name in enumerate(["序号", *(c.name for c in spec.columns)], 1):
            c = ws.cell(r, j, name)
            c.font = Font(bold=True)
            c.fill = head_fill
            c.border = border
            c.alignment = Alignment(horizontal="center")
        n_rows = max(spec.rows, prefill.detail_rows(row.indicator.code) if prefill else 0)
        for k in range(1, n_rows + 1):
            ws.cell(r + k, 1, k).border = border
            for j, col in enumerate(spec.columns, 2):
                c = ws.cell(r + k, j)  # type: ignore[assignment]  # a plain cell: nothing is merged here
                c.fill = input_fill
                c.border = border
                c.protection = Protection(locked=False)
                if col.check == "date":
                    c.number_format = "yyyy-mm-dd"
                elif col.check in ("patent", "invention_patent", "credit_code"):
                    c.number_format = "@"  # text: Excel must not turn a patent number into 2.0171E+11
                if col.check in checks:
                    checks[col.check].add(c.coordinate)
        for j, col in enumerate(spec.columns, 2):
            want = 24 if col.check in ("patent", "invention_patent", "credit_code") else 18
            while len(widths) < j:
                widths.append(12)
            widths[j - 1] = max(widths[j - 1], want, len(col.name) * 2 + 4)
        tables.append((r - 1 if tables else 1, r + n_rows))  # the sheet's title goes with the first table
        r += n_rows + 2
    from openpyxl.utils import get_column_letter

    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.protection.sheet = True
    ws.protection.insertRows = False  # False means "allowed" in openpyxl's protection flags
    ws.protection.deleteRows = False
    fit_a4(ws, landscape=True)
    keep_tables_whole(ws, tables)
