"""How the office's documents name a reporting unit: the one rule for the district's own return.

The district (全区) reports its own goals on a form of its own, so where a document lists who
reported it names that form (全区填报表), and where a sentence speaks to whoever must act it names
the one who reports it (全区填报表报送单位); every other unit is named as the plan spells it.
"""

from __future__ import annotations

from ipcounty.i18n import tr
from ipcounty.plan import Plan


def unit_label(unit: str, plan: Plan, lang: str) -> str:
    """A unit as a table or a list of returns names it: the district's own return is 全区填报表."""
    return tr("district_form", lang) if unit == plan.district_name else unit


def unit_as_subject(unit: str, plan: Plan, lang: str) -> str:
    """A unit as a sentence speaks of it (``…：你单位…``): the district is whoever reports its form."""
    return tr("district_form_reporter", lang) if unit == plan.district_name else unit
