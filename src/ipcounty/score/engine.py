"""考核评分: a unit's score from the plan's rules and its figures, every point explained.

Pure: no files, no printing. The input is one :class:`UnitFigures` per unit (made from the
report by :mod:`ipcounty.score.sheet`, or by hand in tests); the output says, per unit, each
item's points with the reason in words, each penalty, the score and the rank.

Arithmetic is in :class:`~decimal.Decimal`. Each part of an item (the points its band or
proportion earns, the bonus, the deduction) is rounded half up (四舍五入) to the rules'
``decimals`` (2 unless the plan says otherwise) before anything is added, so the printed parts
always add up to the printed score; penalties are exact multiples of the plan's numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from ipcounty.i18n import Phrase, phrase
from ipcounty.plan.runtime import Indicator
from ipcounty.plan.scoring import ItemRule, ScoringRules
from ipcounty.render.numbers import Amount, fmt_by_unit, fmt_percent, fmt_score

Standing = Literal["reported", "not_submitted", "rejected", "conflict"]
PenaltyCode = Literal["not_submitted", "overdue", "rejected", "conflict", "double_counted"]
ZERO = Decimal(0)
ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Figure:
    """One unit's figure for one scored indicator, as the report has it.

    ``actual`` is None when nothing was reported (counted as 0); a yes/no answer is 1 (是) or 0.
    ``expected`` is the 序时进度 amount at the return's date (used by ``basis: schedule``)."""

    target: Decimal | None
    actual: Decimal | None
    expected: Decimal | None = None


@dataclass(frozen=True)
class UnitFigures:
    """What the score of one unit is made from.

    ``standing`` is how its return stands: ``reported`` (a valid return counts),
    ``not_submitted`` (none: scored on nothing done), ``rejected`` or ``conflict`` (no figure can
    be used: not scored). ``rejected_returns`` is set when a return of the year was sent back even
    though an earlier valid one counts; ``double_counted`` lists the items (patent numbers …) it
    claims this year that another claim also lists; ``conflict`` the figures that disagree."""

    unit: str
    standing: Standing
    figures: Mapping[str, Figure] = field(default_factory=dict)
    overdue: bool = False
    rejected_returns: bool = False
    double_counted: tuple[str, ...] = ()
    conflict: tuple[str | Phrase, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemScore:
    """What one item adds to a unit's score: ``points`` = ``earned`` + ``bonus`` − ``deduction``."""

    indicator: Indicator
    earned: Decimal
    bonus: Decimal
    deduction: Decimal
    reasons: tuple[Phrase, ...]

    @property
    def points(self) -> Decimal:
        return self.earned + self.bonus - self.deduction


@dataclass(frozen=True, slots=True)
class Penalty:
    """Points taken off for how the unit reported (``points`` is positive)."""

    code: PenaltyCode
    points: Decimal
    reason: Phrase


@dataclass(frozen=True)
class UnitScore:
    """One line of the 评分表. ``score`` and ``rank`` are None when the unit cannot be scored;
    ``unscored`` then says why."""

    unit: str
    standing: Standing
    start: Decimal
    items: tuple[ItemScore, ...]
    penalties: tuple[Penalty, ...]
    score: Decimal | None
    rank: int | None = None
    unscored: Phrase | None = None

    @property
    def penalty_total(self) -> Decimal:
        return sum((p.points for p in self.penalties), ZERO)

    @property
    def item_total(self) -> Decimal:
        return sum((i.points for i in self.items), ZERO)

    def item(self, code: str) -> ItemScore | None:
        return next((i for i in self.items if i.indicator.code == code), None)


def score_units(
    rules: ScoringRules, indicators: Mapping[str, Indicator], units: Sequence[UnitFigures]
) -> list[UnitScore]:
    """Every unit's score and rank, best first (ties share a rank and keep the input order);
    units that cannot be scored come last, in the input order."""
    scored = [score_unit(rules, indicators, u) for u in units]
    order = sorted(
        range(len(scored)),
        key=lambda i: (scored[i].score is None, -(scored[i].score or ZERO), i),
    )
    out: list[UnitScore] = []
    rank = 0
    previous: Decimal | None = None
    for place, i in enumerate(order, 1):
        s = scored[i]
        if s.score is None:
            out.append(s)
            continue
        if previous is None or s.score != previous:
            rank = place
            previous = s.score
        out.append(_with_rank(s, rank))
    return out


def _with_rank(s: UnitScore, rank: int) -> UnitScore:
    return UnitScore(s.unit, s.standing, s.start, s.items, s.penalties, s.score, rank, s.unscored)


def score_unit(rules: ScoringRules, indicators: Mapping[str, Indicator], u: UnitFigures) -> UnitScore:
    """One unit's items, penalties and score (its rank is set by :func:`score_units`)."""
    penalties = _penalties(rules, u)
    if u.standing in ("rejected", "conflict"):
        why = (
            phrase("score.unscored.conflict", detail=u.conflict)
            if u.standing == "conflict"
            else phrase("score.unscored.rejected")
        )
        return UnitScore(u.unit, u.standing, rules.start, (), penalties, None, None, why)
    items = tuple(
        _score_item(rules, rule, indicators[rule.indicator], u.figures.get(rule.indicator), u.standing)
        for rule in rules.items
        if rule.indicator in indicators
    )
    total = rules.start + sum((i.points for i in items), ZERO) - sum((p.points for p in penalties), ZERO)
    return UnitScore(u.unit, u.standing, rules.start, items, penalties, total)


def _penalties(rules: ScoringRules, u: UnitFigures) -> tuple[Penalty, ...]:
    p = rules.penalties
    out: list[Penalty] = []

    def add(code: PenaltyCode, points: Decimal, key: str, **params: str | tuple[str, ...]) -> None:
        if points > 0:
            out.append(Penalty(code, points, phrase(key, points=fmt_score(points), **params)))

    if u.standing == "not_submitted":
        add("not_submitted", p.not_submitted, "score.penalty.not_submitted")
    if u.overdue:
        add("overdue", p.overdue, "score.penalty.overdue")
    if u.standing == "rejected" or u.rejected_returns:
        add("rejected", p.rejected, "score.penalty.rejected")
    if u.standing == "conflict":
        add("conflict", p.conflict, "score.penalty.conflict")
    if u.double_counted:
        n = len(u.double_counted)
        add(
            "double_counted",
            p.double_counted_per_item * n,
            "score.penalty.double_counted",
            count=str(n),
            keys=tuple(u.double_counted),
            each=fmt_score(p.double_counted_per_item),
        )
    return tuple(out)


# ---- one item ----------------------------------------------------------------------------


class _Item:
    """Works out one item; ``reasons`` collects the words as the points are found."""

    def __init__(self, rules: ScoringRules, rule: ItemRule, ind: Indicator) -> None:
        self.rules = rules
        self.rule = rule
        self.ind = ind
        self.reasons: list[Phrase] = []
        self.step = ONE.scaleb(-rules.decimals)
        self.scheduled = False  # judged against 序时进度 rather than the target

    def round(self, value: Decimal) -> Decimal:
        try:
            return value.quantize(self.step, rounding=ROUND_HALF_UP) + ZERO  # + 0 turns -0 into 0
        except InvalidOperation:  # more digits than a Decimal holds (absurd figures): keep it whole
            return value

    def amount(self, value: Decimal, *, expected: bool = False) -> Amount | str:
        """An amount in the indicator's unit, with the decimals the report shows for it (an
        amount measured against 序时进度 is not whole: one decimal for counts)."""
        text = fmt_by_unit(float(value), self.ind.integer, expected=expected)
        return Amount(text, self.ind.unit) if self.ind.unit else text  # said in the reader's language

    def say(self, key: str, **params: str | Amount) -> None:
        self.reasons.append(phrase(key, **params))


def _score_item(
    rules: ScoringRules, rule: ItemRule, ind: Indicator, fig: Figure | None, standing: Standing
) -> ItemScore:
    it = _Item(rules, rule, ind)
    target = fig.target if fig else None
    if target is None or (target == 0 and ind.direction != "at_most"):
        if rules.no_target == "full" and rule.points is not None:  # 免考核: counted as met
            earned = it.round(rule.points)
            it.say("score.no-target-full", points=fmt_score(earned))
            return ItemScore(ind, earned, ZERO, ZERO, tuple(it.reasons))
        it.say("score.no-target")
        return ItemScore(ind, ZERO, ZERO, ZERO, tuple(it.reasons))
    actual = fig.actual if fig and fig.actual is not None else None
    missing = actual is None
    if actual is None:
        it.say("score.not-submitted-zero" if standing == "not_submitted" else "score.no-figure-zero")
        actual = ZERO
    if ind.direction == "at_most":
        return _ceiling(it, target, actual)
    ref = target
    if rules.basis == "schedule" and fig is not None and fig.expected is not None and ind.kind != "yesno":
        ref = fig.expected
    if missing:
        pass  # "counted as 0" says it all
    elif ind.kind == "yesno":
        it.say("score.yes" if actual >= 1 else "score.no")
    elif ref != target:
        pct = fmt_percent(float(actual / ref)) if ref > 0 else ""
        it.scheduled = True
        it.say("score.done-of-expected", actual=it.amount(actual), expected=it.amount(ref, expected=True), pct=pct)
    else:
        it.say(
            "score.done-of",
            actual=fmt_by_unit(float(actual), ind.integer),
            target=it.amount(target),
            pct=fmt_percent(float(actual / target)),
        )
    completion = actual / ref if ref > 0 else ONE
    if ref <= 0:
        it.say("score.nothing-expected")
    earned = _earned(it, completion)
    deduction = ZERO
    bonus = ZERO
    if rule.per_shortfall is not None and actual < ref:
        deduction = _capped(it, "shortfall", ref - actual, rule.per_shortfall, rule.max_deduction)
    if rule.per_excess is not None and actual > ref:
        bonus = _capped(it, "excess", actual - ref, rule.per_excess, rule.max_bonus)
    return ItemScore(ind, earned, bonus, deduction, tuple(it.reasons))


def _earned(it: _Item, completion: Decimal) -> Decimal:
    """The points of the item's weight: by the first band reached, or in proportion."""
    rule = it.rule
    if rule.points is None:
        return ZERO
    weight = fmt_score(rule.points)
    if it.ind.kind == "yesno" and not rule.bands:  # done or not: all the points or none
        earned = it.round(rule.points) if completion >= 1 else ZERO
        it.say("score.points", points=fmt_score(earned))
        return earned
    if not rule.bands:
        share = min(completion, ONE)
        earned = it.round(rule.points * share)
        it.say("score.proportional", points=fmt_score(earned), weight=weight, pct=fmt_percent(float(share)))
        return earned
    hit = next((i for i, b in enumerate(rule.bands) if completion >= b.floor), None)
    if hit is None:  # below every band
        band_share, key, floor = ZERO, "score.band-below", rule.bands[-1].floor
    else:
        band = rule.bands[hit]
        band_share = band.share
        if band.floor == 0 and hit > 0:  # the catch-all band reads as "below the band above"
            key, floor = "score.band-below", rule.bands[hit - 1].floor
        else:
            key, floor = "score.band-reached", band.floor
    earned = it.round(rule.points * band_share)
    if 0 < band_share < 1:
        key += "-share"
    it.say(key, floor=_percent(floor), points=fmt_score(earned), weight=weight, share=_percent(band_share))
    return earned


def _capped(it: _Item, what: str, amount: Decimal, per: Decimal, cap: Decimal | None) -> Decimal:
    """Points for ``amount`` short (or over) at ``per`` each, limited to ``cap``; explained."""
    full = it.round(amount * per)
    name = f"score.{what}" + ("-yesno" if it.ind.kind == "yesno" else "")
    if cap is not None and full > cap:
        capped = it.round(cap)
        it.say(
            name + "-capped",
            amount=it.amount(amount, expected=it.scheduled),
            full=fmt_score(full),
            cap=fmt_score(cap),
            points=fmt_score(capped),
        )
        return capped
    it.say(name, amount=it.amount(amount, expected=it.scheduled), points=fmt_score(full))
    return full


def _ceiling(it: _Item, target: Decimal, actual: Decimal) -> ItemScore:
    """A ceiling (``direction: at_most``): all the points within the cap, none over it; each unit
    over the cap costs ``per_shortfall``, each unit under it earns ``per_excess``."""
    rule = it.rule
    within = actual <= target
    it.say("score.ceiling-of", actual=it.amount(actual), target=it.amount(target))
    earned = ZERO
    if rule.points is not None:
        earned = it.round(rule.points) if within else ZERO
        it.say("score.ceiling-within" if within else "score.ceiling-exceeded", points=fmt_score(earned))
    deduction = bonus = ZERO
    if rule.per_shortfall is not None and actual > target:
        deduction = _capped(it, "over-cap", actual - target, rule.per_shortfall, rule.max_deduction)
    if rule.per_excess is not None and actual < target:
        bonus = _capped(it, "under-cap", target - actual, rule.per_excess, rule.max_bonus)
    return ItemScore(it.ind, earned, bonus, deduction, tuple(it.reasons))


def _percent(share: Decimal) -> str:
    """A share as a person writes it: 0.9 → 90%, 0.875 → 87.5%."""
    return fmt_score(share * 100) + "%"
