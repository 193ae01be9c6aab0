"""Items (patents, enterprises …) claimed twice on the 明细 sheets of the returns that count."""

from __future__ import annotations

from collections import defaultdict

from ipcounty.plan import Plan
from ipcounty.progress.model import Claim, DoubleCount, EvidenceTotal
from ipcounty.progress.picking import Pick


def double_counting(
    plan: Plan, picks: dict[tuple[str, int], Pick], year: int
) -> tuple[list[DoubleCount], dict[str, EvidenceTotal]]:
    """Items claimed more than once (two townships, or two years up to ``year``), and the year's
    claimed and de-duplicated totals per indicator. Only the returns that count are looked at."""
    # Hundreds of thousands of items: the first claim of each is one plain tuple in a dict per
    # indicator; only an item claimed again gets a list (and, below, Claim objects).
    # The last field of a claim is its place in the reading order, which orders the repeats.
    first: dict[str, dict[str, tuple[str, int, str, str, int]]] = defaultdict(dict)
    again: dict[tuple[str, str], list[tuple[str, int, str, str, int]]] = {}
    counted: dict[str, int] = defaultdict(int)
    seq = 0
    for (unit, y), pick in sorted(picks.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if pick.used is None or y > year:
            continue
        file = pick.used.file
        for code, refs in pick.used.item_refs().items():
            if y == year:
                counted[code] += len(refs.keys)
            seen = first[code]
            for key, cell in zip(refs.keys, refs.cells, strict=True):
                if key is None:
                    continue
                seq += 1
                claim = (unit, y, file, cell, seq)
                earlier = seen.setdefault(key, claim)
                if earlier is not claim:
                    again.setdefault((code, key), [earlier]).append(claim)
    doubles: list[DoubleCount] = []
    repeated: dict[str, int] = defaultdict(int)
    for (code, key), raw in sorted(again.items(), key=lambda kv: kv[1][0][4]):
        cs = [Claim(*c[:4]) for c in raw]
        this_year = [c for c in cs if c.year == year]
        if len({(c.township, c.year) for c in cs}) > 1 and this_year:
            doubles.append(DoubleCount(plan.indicator(code), key, cs))
            # All but the first claim of the item are extra (the first may be from an earlier year).
            repeated[code] += len(this_year) - (1 if cs[0].year == year else 0)
    totals = {code: EvidenceTotal(n, n - repeated[code]) for code, n in counted.items()}
    return doubles, totals
