"""The punctuation that joins a list in a sentence: 、 and ； in Chinese, ", " and "; " in English.

Used through :func:`ipcounty.i18n.joined` and :func:`ipcounty.i18n.clauses`, never spelled inline.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "sep.list": ("、", ", "),  # names in a list: 税郭镇、孟庄镇
    "sep.clauses": ("；", "; "),  # clauses of a sentence: 税郭镇 逾期 3 天；孟庄镇 …
    "sep.parts": ("，", " · "),  # parts of one line of the report's head
    "sep.colon": ("：", ": "),  # a label and what follows it
    "sep.paren": ("（{text}）", " ({text})"),  # an aside after a word: 孟庄镇（2 处错误）
    "sep.after-paren": ("· ", " · "),  # after a heading's unit: B1 名称（个）· 来源 / B1 name (items) · source
    "sep.and-more": ("，", ", "),  # before a last clause added to a list: 税郭镇、孟庄镇，各镇街
    "sep.cells": ("｜", " | "),  # the cells of a table written as plain text
}
