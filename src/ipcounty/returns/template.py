"""Write the blank return workbooks the townships (and the district) fill in.

One workbook per unit and year. Sheet ``填报表`` holds the header block and the indicator
table; input cells are yellow, unlocked and carry Excel data validation; everything else is
protected without a password. Sheet ``说明`` says how to fill in and send the return. A hidden
sheet stamps the plan's identity so a return made from another plan, or an outdated one, is
spotted when it comes back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipcounty.render.numbers import fmt_number
from ipcounty.returns import layout as L

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ipcounty.plan import Indicator, Plan
    from ipcounty.returns.prefill import Carried

INPUT_FILL = "FFF2CC"
HEAD_FILL = "D9E1F2"


@dataclass(frozen=True)
class TemplateRow:
    """One indicator line of a return as the template lays it out."""

    indicator: Indicator
    target: float | None
    target_text: str
    guide: str


def rows_for(plan: Plan, unit: str, year: int) -> list[TemplateRow]:
    """The indicator lines ``unit`` reports for ``year`` (the district form for the district)."""
    if unit == plan.district_name:
        indicators = plan.district_form_indicators()
    else:
        indicators = [i for i in plan.unit_indicators() if plan.target(i.code, unit, year) is not None]
    out = []
    for ind in indicators:
        target = plan.target(ind.code, unit, year)
        out.append(TemplateRow(ind, target, _target_text(ind, target), _guide(plan, ind, year)))
    return out


def needs_baseline(ind: Indicator) -> bool:
    """A stock goal with a schedule over the plan period and no baseline in the plan: the form
    asks for its 基期值 (the level at the plan's start)."""
    return ind.kind == "stock" and ind.scope == "period" and ind.direction == "at_least" and ind.baseline is None


def _target_text(ind: Indicator, target: float | None) -> str:
    if ind.kind == "yesno":
        return L.YES
    if ind.kind == "qualitative" or target is None:
        return "—"
    return fmt_number(target)


def _guide(plan: Plan, ind: Indicator, year: int) -> str:
    first, last = plan.years[0], plan.years[-1]
    whole = "填写整数" if ind.integer else "可填小数"
    if ind.kind == "yesno":
        return f"选择“{L.YES}”或“{L.NO}”"
    if ind.kind == "qualitative":
        return "选择 " + "/".join(L.STATE_CHOICES) + "，并在备注中简述进展"
    if ind.kind == "rate":
        return "填写截至日期的百分数，如 92.5 表示 92.5%"
    if ind.kind == "stock":
        tail = f"（目标为{last}年底应达到的数值）" if ind.scope == "period" else ""
        if needs_baseline(ind):
            tail += f"；基期值填{first}年初的数值，用于计算序时进度"
        return f"填写截至日期的总数，{whole}{tail}"
    begin = _day(plan.as_of_window(year)[0])
    if ind.scope == "period":
        span = f"{first}—{last}年" if first != last else f"{first}年"
        return f"目标为{span}合计；填写{begin}至截至日期新增数，{whole}"
    return f"填写{begin}至截至日期新增数，{whole}"


def _day(d: dt.date) -> str:
    """``2025年1月1日``."""
    return f"{d.year}年{d.month}月{d.day}日"


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
    ws["A2"] = (
        f"只填黄色单元格。本年完成填写{_day(plan.as_of_window(year)[0])}至截至日期的数（存量、比率填截至日期的数值），"
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
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True

    evidence_rows = [r for r in rows if r.indicator.evidence is not None]
    if evidence_rows:
        _write_details(wb.create_sheet(L.DETAIL_SHEET), plan, evidence_rows, year, prefill)
    _write_guide(wb.create_sheet(L.GUIDE_SHEET), plan, unit, year, rows)
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


def _write_details(
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
        r += n_rows + 2
    from openpyxl.utils import get_column_letter

    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.protection.sheet = True
    ws.protection.insertRows = False  # False means "allowed" in openpyxl's protection flags
    ws.protection.deleteRows = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True


def _write_guide(ws: Worksheet, plan: Plan, unit: str, year: int, rows: list[TemplateRow]) -> None:
    """Sheet 说明, written from the plan: its words, the unit's own indicators, units and dates."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.properties import PageSetupProperties

    from ipcounty.i18n import tr

    def t(key: str, **params: Any) -> str:
        return tr(key, "zh", words=plan.words, **params)

    inds = [r.indicator for r in rows]
    first, last = plan.as_of_window(year)
    held = [i.name for i in inds if i.kind in ("stock", "rate")][:2]
    symbols = list(dict.fromkeys(i.unit for i in inds if i.unit and not i.rate))[:3]
    evidence = [i.evidence for i in inds if i.evidence is not None]
    choices = [i.name for i in inds if i.kind in ("yesno", "qualitative")][:3]
    lines = [plan.info.title, t("guide.subtitle", year=year, unit=unit), "", t("guide.what")]
    lines.append(t("guide.yellow", sheet=L.SHEET))
    start = _day(first)
    if held:
        lines.append(t("guide.actual_stock", start=start, examples="、".join(held)))
    else:
        lines.append(t("guide.actual", start=start))
    if symbols:
        lines.append(t("guide.zero_units", units="".join(f"“{u}”" for u in symbols)))
    else:
        lines.append(t("guide.zero"))
    if evidence:
        keys = [c.name for spec in evidence for c in spec.columns if c.key] or [evidence[0].item]
        items = list(dict.fromkeys(keys))
        lines.append(t("guide.details", sheet=L.DETAIL_SHEET, items="、".join(items), item=evidence[0].item))
    lines.append(t("guide.date", example=plan.example_as_of(year).isoformat(), first=first, last=last))
    lines.append(t("guide.targets"))
    if choices:
        lines.append(t("guide.choices", names="、".join(choices)))
    lines += ["", t("guide.how"), t("guide.filename", filename=L.template_filename(year, unit))]
    lines += [t("guide.correct"), t("guide.sheets"), t("guide.checked")]
    heads = (t("guide.what"), t("guide.how"))
    width = 56  # characters of the default font; a CJK character takes two (fits A4 portrait in every client)
    for i, text in enumerate(lines, 1):
        c = ws.cell(i, 1, text)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        if i <= 2 or text in heads:
            c.font = Font(bold=True)
        # Excel and WPS do not grow a wrapped row on opening: give it the lines it needs.
        shown = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
        ws.row_dimensions[i].height = 15 * max(1, -(-shown // (width - 4)))
    ws.column_dimensions["A"].width = width
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)  # one page wide on A4
