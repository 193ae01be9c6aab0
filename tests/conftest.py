"""Shared fixtures: the real plan, plan variants made by editing its text, a CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.plan import Plan, load_plan

ROOT = Path(__file__).resolve().parents[1]
PLAN_PATH = ROOT / "data" / "targets.yaml"
OTHER_PLAN_PATH = ROOT / "tests" / "data" / "other_plan.yaml"
SEED = ROOT.parent / "shared" / "seed" / "shizhong-ip-plan-2024-2026.txt"
# The eleven townships of the annex, in its order (typed from the seed, not read from the YAML).
TOWNS = [
    "税郭镇",
    "西王庄镇",
    "孟庄镇",
    "永安镇",
    "齐村镇",
    "光明路街道",
    "龙山路街道",
    "垎塔埠街道",
    "中心街街道",
    "文化路街道",
    "矿区街道",
]


@pytest.fixture(autouse=True, scope="session")
def _private_plan_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never touch the user's cache; a session-wide one still exercises the cache path."""
    import os

    os.environ["IPCOUNTY_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan(PLAN_PATH)


@pytest.fixture(scope="session")
def other_plan() -> Plan:
    return load_plan(OTHER_PLAN_PATH)


@pytest.fixture(scope="session")
def plan_text() -> str:
    return PLAN_PATH.read_text(encoding="utf-8")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_plan(tmp_path: Path, plan_text: str) -> Callable[..., Path]:
    """Write the real plan with one text replacement applied; return its path."""

    def make(old: str = "", new: str = "", *, text: str | None = None, count: int = 1) -> Path:
        body = plan_text if text is None else text
        if old:
            assert old in body, f"fixture text not found: {old!r}"
            body = body.replace(old, new, count)
        path = tmp_path / "plan.yaml"
        path.write_text(body, encoding="utf-8")
        return path

    return make


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line containing ``needle``."""
    seen = 0
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return i
    raise AssertionError(f"{needle!r} not found")


# ---- returns ---------------------------------------------------------------------------------
import datetime as dt  # noqa: E402
from typing import Any  # noqa: E402

from ipcounty.returns.fill import fill_return  # noqa: E402
from ipcounty.returns.layout import template_filename  # noqa: E402
from ipcounty.returns.template import rows_for, write_template  # noqa: E402


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory, plan: Plan) -> Callable[[str, int], Path]:
    """Path of the blank template of (unit, year), written once per session."""
    folder = tmp_path_factory.mktemp("templates")
    made: dict[tuple[str, int], Path] = {}

    def get(unit: str, year: int = 2025) -> Path:
        if (unit, year) not in made:
            made[(unit, year)] = write_template(plan, unit, year, folder / template_filename(year, unit))
        return made[(unit, year)]

    return get


def good_values(plan: Plan, unit: str, year: int = 2025) -> dict[str, Any]:
    """A complete, valid set of figures for ``unit``: every target met exactly."""
    out: dict[str, Any] = {}
    for row in rows_for(plan, unit, year):
        ind = row.indicator
        if ind.kind == "yesno":
            out[ind.code] = "是"
        elif ind.kind == "qualitative":
            out[ind.code] = "推进中"
        else:
            out[ind.code] = row.target if row.target is not None else 1
    return out


def details_for(plan: Plan, unit: str, year: int, values: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """明细 rows matching ``values``: as many valid items as each evidence-backed count says."""
    from ipcounty.returns.fill import sample_items

    out = {}
    for code, value in values.items():
        ind = plan.indicator(code)
        if ind.evidence is not None and isinstance(value, (int, float)) and 0 < value <= 500:
            out[code] = sample_items(ind.evidence, int(value), year, unit, start=(year - plan.years[0]) * 100)
    return out


@pytest.fixture
def make_return(tmp_path: Path, plan: Plan, templates: Callable[[str, int], Path]) -> Callable[..., Path]:
    """Fill the template of ``unit`` with valid figures, then apply the overrides given."""
    counter = iter(range(10_000))

    def make(
        unit: str = "税郭镇",
        year: int = 2025,
        *,
        as_of: Any = dt.date(2025, 9, 30),
        values: dict[str, Any] | None = None,
        name: str | None = None,
        **kw: Any,
    ) -> Path:
        vals = good_values(plan, unit, year)
        # 明细 lists the good figures: an override that only changes how a figure is written
        # ("15个" for 15) keeps them consistent; one that changes the figure is caught as well.
        kw.setdefault("details", details_for(plan, unit, year, vals))
        vals.update(values or {})
        out = tmp_path / (name or f"r{next(counter)}_{unit}.xlsx")
        return fill_return(templates(unit, year), out, as_of=as_of, values=vals, **kw)

    return make


def column_widths(ws: Any) -> dict[int, float]:
    """Each column's width in an openpyxl worksheet, by column number (ranges of columns unfolded)."""
    widths: dict[int, float] = {}
    for dim in ws.column_dimensions.values():
        if dim.min and dim.width:
            for col in range(dim.min, (dim.max or dim.min) + 1):
                widths[col] = dim.width
    return widths
