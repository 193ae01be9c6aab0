"""The module map keeps a promise: a checked plan read from the cache loads none of the modules
that check a plan file, so splitting the loader made validate and report cheaper, not dearer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

# The steps of checking a plan file (plan/loader.py imports them inside parse_plan): a command
# that finds its plan in the cache must not pay for them.
PLAN_CHECK_MODULES = (
    "ipcounty.plan.yaml_nodes",
    "ipcounty.plan.checks",
    "ipcounty.plan.build",
    "ipcounty.plan.consistency",
    "ipcounty.plan.model",
)

_LOADED = (
    "import sys\n"
    "from ipcounty.cli import app\n"
    "try:\n    app(sys.argv[1:], prog_name='ipcounty')\nexcept SystemExit:\n    pass\n"
    f"print('LOADED', sorted(m for m in {PLAN_CHECK_MODULES!r} if m in sys.modules))\n"
)


def _loaded(args: list[str], cache: Path) -> str:
    env = {**os.environ, "IPCOUNTY_CACHE_DIR": str(cache)}
    run = subprocess.run([sys.executable, "-c", _LOADED, *args], capture_output=True, text=True, env=env)
    return run.stdout.rsplit("LOADED ", 1)[1].strip()


def test_a_cached_plan_loads_no_plan_checker(tmp_path: Path) -> None:
    one = str(ROOT / "examples" / "returns" / "2025" / "2025_税郭镇_填报表.xlsx")
    first = _loaded(["validate", one], tmp_path)
    assert "ipcounty.plan.checks" in first  # the first run checks the plan and fills the cache
    for args in (["validate", one], ["report", "2025", "--returns", str(ROOT / "examples" / "returns")]):
        assert _loaded(args, tmp_path) == "[]", args
