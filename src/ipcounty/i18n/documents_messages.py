"""Sentences of the office's documents: timeliness, contacts, the bulletin (通报) and the
reminders (催报、退回). The plan's own words ({unit_word}, {district}, {level}) are parameters."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- timeliness -----------------------------------------------------------------------
    "due.period.monthly": ("{year}年{index}月", "{month} {year}"),
    "due.period.quarterly": ("{year}年第{cn}季度", "Q{index} {year}"),
    "due.period.yearly": ("{year}年度", "the year {year}"),
    "due.overdue_days": ("逾期 {days} 天", "{days} days overdue"),
    "due.overdue_unit": (
        "{unit}（最近一次截至 {as_of}，{period}进展应于 {due} 前报送，逾期 {days} 天）",
        "{unit} (latest as of {as_of}; {period} was due by {due}, {days} days overdue)",
    ),
    "due.overdue_line": ("逾期未报：{units}。请联系催报。", "Overdue: {units}. Chase them."),
    # ---- contacts -------------------------------------------------------------------------
    "contact.known": ("填报人 {reporter}，联系电话 {phone}", "reporter {reporter}, phone {phone}"),
    "contact.none": (
        "无填报人和联系电话（从未收到该单位的填报表）",
        "no reporter or phone known (no return ever received)",
    ),
    "contact.blank": ("填报表未填写填报人和联系电话", "the returns name no reporter or phone"),
    "contact.line": ("    {unit}：{contact}", "    {unit}: {contact}"),
    "col.reporter": ("填报人", "Reporter"),
    "col.phone": ("联系电话", "Phone"),
}
