"""The rules of a ``scoring:`` section beyond its types, each mistake located with its fix.

Called by the plan loader's checker; findings go through its ``add`` so they carry the line,
the column and the key path like every other problem of the plan.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ipcounty.i18n import did_you_mean
from ipcounty.plan.targets import as_written

if TYPE_CHECKING:
    from ipcounty.plan.model import PlanFile, ScoringItem

PathKey = tuple[str | int, ...]
Add = Callable[..., None]  # add(code, path, **params), the loader checker's own
MAX_DECIMALS = 4
MAX_POINTS = 10_000  # no 考核 sheet gives an item more; a larger number is a slip (an extra 0, a 1e9)
_ITEM_NUMBERS = ("points", "per_shortfall", "per_excess", "max_bonus", "max_deduction")
_CAPS = (("max_bonus", "per_excess"), ("max_deduction", "per_shortfall"))


def canonical_codes(model: PlanFile) -> dict[str, str]:
    """Indicator codes a unit reports (breakdowns and duties), keyed by their upper-case form."""
    return {x.code.upper(): x.code for x in [*model.breakdowns, *model.duties]}


def check_scoring(model: PlanFile, add: Add) -> None:
    """Report every problem of ``model.scoring`` through ``add``; nothing when there is none."""
    s = model.scoring
    if s is None:
        return
    base: PathKey = ("scoring",)
    if s.start < 0:
        add("scoring-negative", (*base, "start"), field="start", value=as_written(s.start))
    elif s.start > MAX_POINTS:
        add("scoring-too-large", (*base, "start"), field="start", value=as_written(s.start), limit=MAX_POINTS)
    if not 0 <= s.decimals <= MAX_DECIMALS:
        add("scoring-decimals", (*base, "decimals"), value=s.decimals, limit=MAX_DECIMALS)
    unit_codes = canonical_codes(model)
    district_codes = {g.code.upper(): g.code for g in model.goals}
    ceilings = {x.code for x in [*model.breakdowns, *model.duties] if x.direction == "at_most"}
    seen: dict[str, int] = {}
    for i, item in enumerate(s.items):
        path: PathKey = (*base, "items", i)
        code = unit_codes.get(item.indicator.strip().upper())
        if code is None:
            known = tuple(unit_codes.values())
            if item.indicator.strip().upper() in district_codes:
                add("scoring-district-indicator", (*path, "indicator"), code=item.indicator, known=known)
            else:
                hint = did_you_mean(item.indicator, list(unit_codes.values()))
                add("scoring-unknown-indicator", (*path, "indicator"), code=item.indicator, hint=hint, known=known)
            code = item.indicator
        elif code in seen:
            add("scoring-duplicate-item", (*path, "indicator"), code=code, first=seen[code] + 1)
        else:
            seen[code] = i
        _check_item(item, code, path, code in ceilings, add)
    for key, value in s.penalties.model_dump().items():
        if value < 0:
            add("scoring-negative", (*base, "penalties", key), field=f"penalties.{key}", value=as_written(value))
        elif value > MAX_POINTS:
            add(
                "scoring-too-large",
                (*base, "penalties", key),
                field=f"penalties.{key}",
                value=as_written(value),
                limit=MAX_POINTS,
            )
    if not s.items and not any(v for v in s.penalties.model_dump().values()):
        add("scoring-empty", base)


def _check_item(item: ScoringItem, code: str, path: PathKey, ceiling: bool, add: Add) -> None:
    for key in _ITEM_NUMBERS:
        value = getattr(item, key)
        if value is not None and value < 0:
            add("scoring-negative", (*path, key), field=key, value=as_written(value), code=code)
        elif value is not None and value > MAX_POINTS:
            add("scoring-too-large", (*path, key), field=key, value=as_written(value), limit=MAX_POINTS)
    if item.points is None and item.per_shortfall is None and item.per_excess is None:
        add("scoring-item-empty", path, code=code)
    for cap, rate in _CAPS:
        if getattr(item, cap) is not None and getattr(item, rate) is None:
            add("scoring-cap-without-rate", (*path, cap), code=code, cap=cap, rate=rate)
    if item.bands is None:
        return
    if item.points is None:
        add("scoring-bands-need-points", (*path, "bands"), code=code)
    if ceiling:
        add("scoring-bands-ceiling", (*path, "bands"), code=code)
        return
    _check_bands(item.bands, code, (*path, "bands"), add)


def _check_bands(bands: list[list[float]], code: str, path: PathKey, add: Add) -> None:
    previous: tuple[float, float] | None = None
    for j, band in enumerate(bands):
        where = (*path, j)
        if len(band) != 2:
            add("scoring-band-shape", where, code=code, n=j + 1)
            continue
        floor, share = band
        if floor < 0 or share < 0:
            add("scoring-negative", where, field=f"bands[{j}]", value=as_written(min(floor, share)), code=code)
            continue
        if floor > 1:
            add("scoring-band-above-one", (*where, 0), code=code, value=as_written(floor))
            continue
        if share > 1:
            add("scoring-share-above-one", (*where, 1), code=code, value=as_written(share))
            continue
        if previous is not None:
            if floor >= previous[0]:
                add(
                    "scoring-bands-not-descending",
                    (*where, 0),
                    code=code,
                    value=as_written(floor),
                    previous=as_written(previous[0]),
                )
            elif share > previous[1]:
                add(
                    "scoring-bands-share-rises",
                    (*where, 1),
                    code=code,
                    value=as_written(floor),
                    share=as_written(share),
                    previous=as_written(previous[1]),
                )
        previous = (floor, share)
