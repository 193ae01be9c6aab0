"""Items (patents, enterprises …) claimed twice on the 明细 sheets of the returns that count."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain

from ipcounty.plan import Plan
from ipcounty.progress.model import Claim, DoubleCount, EvidenceTotal
from ipcounty.progress.picking import Pick


def double_counting(
    plan: Plan, picks: dict[tuple[str, int], Pick], year: int
) -> tuple[list[DoubleCount], dict[str, EvidenceTotal]]:
    """Items claimed more than once (two townships, or two years up to ``year``), and the year's
    claimed and de-duplicated totals per indicator. Only the returns that count are looked at."""
    # Hundreds of thousands of items, a few claimed again: each indicator's keys are counted at
    # once (in C), and only the tables that list a repeated key are walked item by item. A claim
    # ends with its place in the reading order (items with a key, counted from 1), which orders
    # the repeats; tables remember where they begin.
    tables: dict[str, list[tuple[str, int, str, tuple[str | None, ...], tuple[str, ...], int]]] = defaultdict(list)
    counted: dict[str, int] = defaultdict(int)
    seq = 0
    for (unit, y), pick in sorted(picks.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if pick.used is None or y > year:
            continue
        file = pick.used.file
        for code, (keys, cells) in pick.used.item_refs().items():
            if y == year:
                counted[code] += len(keys)
            tables[code].append((unit, y, file, keys, cells, seq))
            seq += len(keys) - keys.count(None)
    again: dict[tuple[str, str], list[tuple[str, int, str, str, int]]] = {}
    for code, listed in tables.items():
        counts = Counter(chain.from_iterable(t[3] for t in listed))
        counts.pop(None, None)
        twice = {key for key, n in counts.items() if n > 1}
        if not twice:
            continue
        for unit, y, file, keys, cells, at in listed:
            if twice.isdisjoint(keys):
                continue
            for key, cell in zip(keys, cells, strict=True):
                if key is None:
                    continue
                at += 1
                if key in twice:
                    again.setdefault((code, key), []).append((unit, y, file, cell, at))
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
