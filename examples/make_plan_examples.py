"""Make the example returns of the other example plans (examples/plans/*/returns/, committed).

    python examples/make_plan_examples.py

Each plan under examples/plans/ shows a county unlike 市中区 (see the comment at the top of its
targets.yaml); its returns are made from its own templates, with fixed figures and timestamps,
so running this again gives the same files. What they show:

- qingshan-county-2023 (a 县, one year): every unit and the 全县 form at 2023-12-31 but 县科技局
  (not submitted); 石门乡 also sent a mid-year return; the park committee wrote its name with
  half-width brackets, ``经济开发区(高新区)管委会`` (read as the plan's name, with a warning).
- hekou-city-2021-2025 (five years, 万元, a ceiling, no city form): 2021–2023 full years; in
  2024 two 乡镇 have reported at 06-30; 北山乡 exceeds its 办案天数 ceiling in 2023.
- donghu-district-2025-quarterly (quarterly and monthly targets): every street at 03-31, two of
  them and the 全区 form again at 06-30 — 序时进度 follows the quarters' targets.
- baiyun-banner-2024-goals-only (goals only, no units): the 全旗 form at 2024-09-30.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from ipcounty.plan import Plan, load_plan
from ipcounty.returns.fill import fill_return
from ipcounty.returns.layout import template_filename
from ipcounty.returns.template import rows_for, write_template
from ipcounty.schedule import indicator_time_share

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "examples" / "plans"
STAMP = dt.datetime(2026, 10, 8, 9, 0, 0)
D = dt.date

# plan folder -> (unit, year, as-of date, how far along: 1.0 = exactly on schedule, header overrides)
RETURNS: dict[str, list[tuple[str, int, dt.date, float, dict[str, Any]]]] = {
    "qingshan-county-2023": [
        ("城关街道", 2023, D(2023, 12, 31), 1.1, {}),
        ("青山镇", 2023, D(2023, 12, 31), 0.8, {}),
        ("石门乡", 2023, D(2023, 6, 30), 0.5, {}),
        ("石门乡", 2023, D(2023, 12, 31), 1.0, {}),
        ("县市场监管局", 2023, D(2023, 12, 31), 0.95, {}),
        ("经济开发区（高新区）管委会", 2023, D(2023, 12, 31), 1.2, {"镇街": "经济开发区(高新区)管委会"}),
        ("全县", 2023, D(2023, 12, 31), 0.9, {}),
    ],
    "hekou-city-2021-2025": [
        *(
            (u, y, D(y, 12, 31), f, {})
            for y in (2021, 2022, 2023)
            for u, f in (("东关镇", 1.05), ("西河镇", 0.95), ("南岭乡", 1.0), ("北山乡", 0.7))
        ),
        ("东关镇", 2024, D(2024, 6, 30), 1.0, {}),
        ("南岭乡", 2024, D(2024, 6, 30), 0.6, {}),
    ],
    "donghu-district-2025-quarterly": [
        ("湖滨街道", 2025, D(2025, 3, 31), 1.0, {}),
        ("东门街道", 2025, D(2025, 3, 31), 1.2, {}),
        ("新城街道", 2025, D(2025, 3, 31), 0.6, {}),
        ("湖滨街道", 2025, D(2025, 6, 30), 1.05, {}),
        ("东门街道", 2025, D(2025, 6, 30), 0.9, {}),
        ("全区", 2025, D(2025, 6, 30), 1.0, {}),
    ],
    "baiyun-banner-2024-goals-only": [
        ("全旗", 2024, D(2024, 9, 30), 1.1, {}),
    ],
}


def figure(plan: Plan, code: str, unit: str, year: int, as_of: dt.date, pace: float) -> Any:
    """A plausible figure: ``pace`` × what the schedule expects by ``as_of``."""
    ind = plan.indicator(code)
    target = plan.target(code, unit, year)
    if ind.kind == "yesno":
        return "是"
    if ind.kind == "qualitative":
        return "推进中" if pace < 1.05 else "已完成"
    if target is None:
        return 0
    if ind.kind == "rate":
        return round(min(100.0, target * min(pace, 1.05)), 1)
    if ind.direction == "at_most":
        return round(target * (0.9 if pace >= 0.8 else 1.1), 1)  # a slow unit exceeds its ceiling
    share = indicator_time_share(plan, ind, unit, year, as_of) or 0.0
    if ind.scope == "period":
        target = target / len(plan.years)  # this year's share of a whole-period goal
        start, end = plan.as_of_window(year)
        share = ((as_of - start).days + 1) / ((end - start).days + 1)
    base = ind.baseline or 0.0
    value = base + (target - base) * share * pace
    return int(value) if ind.integer else round(value, 1)


def make(folder: Path) -> list[Path]:
    plan = load_plan(folder / "targets.yaml")
    out = folder / "returns"
    shutil.rmtree(out, ignore_errors=True)
    blanks = folder / ".blanks"
    made = []
    for unit, year, as_of, pace, header in RETURNS[folder.name]:
        blank = blanks / template_filename(year, unit)
        if not blank.exists():
            write_template(plan, unit, year, blank, today=STAMP.date())
        codes = [r.indicator.code for r in rows_for(plan, unit, year)]
        values = {code: figure(plan, code, unit, year, as_of, pace) for code in codes}
        name = template_filename(year, unit)
        if as_of.month != 12:
            name = name.replace(".xlsx", f"_{as_of:%m%d}.xlsx")
        target = out / str(year) / name
        fill_return(blank, target, as_of=as_of, values=values, header=header, fixed_time=STAMP)
        made.append(target)
    shutil.rmtree(blanks, ignore_errors=True)
    return made


def main() -> None:
    for folder in sorted(p for p in PLANS.iterdir() if (p / "targets.yaml").is_file()):
        for path in make(folder):
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
