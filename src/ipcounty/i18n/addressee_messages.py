"""主送 in English: the usual addressees of a 区县 document, each as the plan writes it in Chinese
(with the plan's ``{level}`` and ``{unit_word}``) and as an English bulletin says it.

:meth:`ipcounty.i18n.words.PlanWords.addressees_line` matches each of the plan's addressees (given
in ``plan.addressees``, else ``各`` + the unit word) against the Chinese side; one it does not know
stays as the plan writes it, and ``plan.addressees_en`` says the whole line in the plan's own words.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "addressee.towns": ("各镇人民政府", "the town governments"),
    "addressee.towns-short": ("各镇政府", "the town governments"),
    "addressee.townships": ("各乡人民政府", "the township governments"),
    "addressee.townships-short": ("各乡政府", "the township governments"),
    "addressee.townships-towns": ("各乡镇人民政府", "the township and town governments"),
    "addressee.townships-towns-short": ("各乡镇政府", "the township and town governments"),
    "addressee.townships-towns-brackets": ("各乡（镇）人民政府", "the township and town governments"),
    "addressee.subdistricts": ("各街道办事处", "the subdistrict offices"),
    "addressee.subdistricts-short": ("各街道", "the subdistrict offices"),
    "addressee.departments-concerned": ("{level}政府有关部门", "the {level} government departments concerned"),
    "addressee.departments-concerned-direct": ("{level}直有关部门", "the {level} government departments concerned"),
    "addressee.departments-concerned-each": ("{level}直各有关部门", "the {level} government departments concerned"),
    "addressee.departments-concerned-plain": ("{level}有关部门", "the {level} departments concerned"),
    "addressee.departments-all": ("{level}直各部门", "all {level} government departments"),
    "addressee.departments-all-government": ("{level}政府各部门", "all {level} government departments"),
    "addressee.departments-each": ("各部门", "all departments"),
    "addressee.direct-bodies": ("{level}直各单位", "all {level} government bodies"),
    "addressee.zone-committee": ("经济开发区管委会", "the Economic Development Zone Management Committee"),
    "addressee.hightech-committee": ("高新区管委会", "the High-tech Zone Management Committee"),
    "addressee.zones-committees": ("各园区管委会", "the park management committees"),
    "addressee.units": ("各单位", "all units"),
    "addressee.unit-word": ("各{unit_word}", "all {unit_word}s"),  # the default: 各 + the unit word
    "addressee.line": ("{names}", "To {names}"),
}
