"""Words of the meeting workbook (``ipcounty export``) and the HTML report page."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "export.page": ("第 {page} 页，共 {pages} 页", "page {page} of {pages}"),
    "export.footer": ("{plan} · {year}年度 · 截至 {as_of}", "{plan} · {year} · as of {as_of}"),
    "export.footer-none": ("{plan} · {year}年度 · 尚无报送", "{plan} · {year} · no returns yet"),
    "export.status-counts": ("{unit_word}×指标 状态统计", "{unit_word} × indicator statuses"),
    "export.status-total": (
        "合计（{units} 个{unit_word} × {indicators} 项指标）",
        "total ({units} × {indicators} indicators)",
    ),
    "export.served-note": ("{all_units}“{name}”之和", "sum of {all_units}' “{name}”"),
    "export.expected-line": ("序时进度", "expected to date"),
    "export.chart-title": (
        "{code} {name}（{unit}）：目标、完成与序时进度",
        "{code} {name} ({unit}): target, actual, expected to date",
    ),
    "export.chart-title-nounit": (
        "{code} {name}：目标、完成与序时进度",
        "{code} {name}: target, actual, expected to date",
    ),
}
