"""Sheet 说明 of a blank return, written from the plan: its words, the unit's own indicators,
units and dates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipcounty.render.numbers import fmt_date
from ipcounty.returns import layout as L
from ipcounty.returns.template_print import fit_a4
from ipcounty.returns.template_rows import TemplateRow

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ipcounty.plan import Plan


def write_guide(ws: Worksheet, plan: Plan, unit: str, year: int, rows: list[TemplateRow]) -> None:
    """Sheet 说明, written from the plan: its words, the unit's own indicators, units and dates."""
    from openpyxl.styles import Alignment, Font

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
    start = fmt_date(first, "zh")
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
    fit_a4(ws, landscape=False)  # one page wide on A4
