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
