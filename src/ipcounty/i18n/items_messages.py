"""明细 item kinds in English: what a plan's ``evidence.item`` (专利, 企业 …) reads as in an English
finding ("sheet '明细' lists no patents"). A kind not listed here stays as the plan writes it."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "item.专利": ("专利", "patent|patents"),
    "item.企业": ("企业", "enterprise|enterprises"),
    "item.培训": ("培训", "training session|training sessions"),
    "item.指导站": ("指导站", "guidance station|guidance stations"),
    "item.商标": ("商标", "trademark|trademarks"),
    "item.项目": ("项目", "project|projects"),
    "item.机构": ("机构", "institution|institutions"),
    "item.活动": ("活动", "event|events"),
}
