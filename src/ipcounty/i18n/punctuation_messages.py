"""The punctuation that joins a list in a sentence: 、 and ； in Chinese, ", " and "; " in English.

Used through :func:`ipcounty.i18n.joined` and :func:`ipcounty.i18n.clauses`, never spelled inline.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "sep.list": ("、", ", "),  # names in a list: 税郭镇、孟庄镇
    "sep.clauses": ("；", "; "),  # clauses of a sentence: 税郭镇 逾期 3 天；孟庄镇 …
    "sep.parts": ("，", " · "),  # parts of one line of the report's head
}
