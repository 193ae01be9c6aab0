"""The plan's 考核评分 rules as the scoring engine uses them: exact decimals, no pydantic.

Numbers from the YAML are read as the text a person wrote (``0.1`` is ``Decimal("0.1")``, never
0.1000000000000000055), so a score adds up to the cent on paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ipcounty.plan.model import Scoring

Basis = Literal["year", "schedule"]
PENALTY_CODES = ("not_submitted", "overdue", "rejected", "conflict", "double_counted_per_item")


def exact(value: float | int | None) -> Decimal | None:
    """The decimal a person wrote: the shortest text that reads back as ``value``."""
    if value is None:
        return None
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(float(value)))


@dataclass(frozen=True, slots=True)
class Band:
    """Completion ≥ ``floor`` earns ``share`` of the item's points (1 = all of them)."""

    floor: Decimal
    share: Decimal


@dataclass(frozen=True, slots=True)
class ItemRule:
    """How one indicator is scored. ``points`` without ``bands`` is scored in proportion to
    completion (capped at all the points)."""

    indicator: str
    points: Decimal | None = None
    bands: tuple[Band, ...] = ()
    per_shortfall: Decimal | None = None
    per_excess: Decimal | None = None
    max_bonus: Decimal | None = None
    max_deduction: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PenaltyRules:
    not_submitted: Decimal = Decimal(0)
    overdue: Decimal = Decimal(0)
    rejected: Decimal = Decimal(0)
    conflict: Decimal = Decimal(0)
    double_counted_per_item: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class ScoringRules:
    """The plan's ``scoring:`` section, checked."""

    start: Decimal = Decimal(0)
    basis: Basis = "year"
    decimals: int = 2
    items: tuple[ItemRule, ...] = ()
    penalties: PenaltyRules = PenaltyRules()
    note: str | None = None
    no_target: Literal["zero", "full"] = "zero"  # an item without a target: 0 points, or all of them

    def item(self, code: str) -> ItemRule | None:
        return next((i for i in self.items if i.indicator == code), None)


def rules_from_model(s: Scoring, canonical: dict[str, str]) -> ScoringRules:
    """The runtime rules of a checked ``scoring:`` section; ``canonical`` maps the indicator codes
    as written (any case) to the plan's."""
    items = tuple(
        ItemRule(
            indicator=canonical.get(i.indicator.strip().upper(), i.indicator),
            points=exact(i.points),
            bands=tuple(Band(exact(b[0]) or Decimal(0), exact(b[1]) or Decimal(0)) for b in i.bands or []),
            per_shortfall=exact(i.per_shortfall),
            per_excess=exact(i.per_excess),
            max_bonus=exact(i.max_bonus),
            max_deduction=exact(i.max_deduction),
        )
        for i in s.items
    )
    p = s.penalties
    penalties = PenaltyRules(
        **{code: exact(getattr(p, code)) or Decimal(0) for code in PENALTY_CODES},
    )
    return ScoringRules(
        start=exact(s.start) or Decimal(0),
        basis=s.basis,
        decimals=s.decimals,
        items=items,
        penalties=penalties,
        note=s.note,
        no_target=s.no_target,
    )
