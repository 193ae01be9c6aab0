"""Where the plan and the returns come from: one order for both, said the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipcounty.collect import bundled_returns, resolve_returns
from ipcounty.plan.loader import bundled_plan_path, resolve_plan_path
from tests.conftest import ROOT


def test_the_plan_and_the_returns_are_found_in_the_same_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("IPCOUNTY_PLAN", raising=False)
    monkeypatch.delenv("IPCOUNTY_RETURNS", raising=False)
    # nothing given, nothing here: the bundled copies
    assert bundled_plan_path() == ROOT / "data" / "targets.yaml" and bundled_plan_path().is_file()
    assert bundled_returns() == ROOT / "examples" / "returns" and bundled_returns().is_dir()
    assert resolve_plan_path(None) == bundled_plan_path()
    assert (resolve_returns(None).folder, resolve_returns(None).origin) == (bundled_returns(), "bundled")
    # the current folder's
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "targets.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "returns").mkdir()
    assert resolve_plan_path(None) == Path("data") / "targets.yaml"
    assert (resolve_returns(None).folder, resolve_returns(None).origin) == (Path("returns"), "cwd")
    # a plan folder named like the file, or a returns file named like the folder, is not taken
    (tmp_path / "data" / "targets.yaml").unlink()
    (tmp_path / "data" / "targets.yaml").mkdir()
    assert resolve_plan_path(None) == bundled_plan_path()
    # the environment over the current folder
    monkeypatch.setenv("IPCOUNTY_PLAN", "/elsewhere/plan.yaml")
    monkeypatch.setenv("IPCOUNTY_RETURNS", "/elsewhere/returns")
    assert resolve_plan_path(None) == Path("/elsewhere/plan.yaml")
    assert (resolve_returns(None).folder, resolve_returns(None).origin) == (Path("/elsewhere/returns"), "env")
    # the option over everything
    assert resolve_plan_path(Path("p.yaml")) == Path("p.yaml")
    assert (resolve_returns(Path("r")).folder, resolve_returns(Path("r")).origin) == (Path("r"), "option")


_LOADED = (
    "import sys\n"
    "from ipcounty.cli import app\n"
    "try:\n    app(sys.argv[1:], prog_name='ipcounty')\nexcept SystemExit:\n    pass\n"
    "print('LOADED', sorted(m for m in ('ipcounty.oserrors', 'importlib.resources') if m in sys.modules))\n"
)


def test_finding_the_plan_and_saying_system_errors_cost_nothing_at_start_up(tmp_path: Path) -> None:
    """Where things come from needs no importlib.resources; the system errors' sentences load only
    when one is said (with the checked plan cached, as from the second run on)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "IPCOUNTY_CACHE_DIR": str(tmp_path / "cache")}
    one = str(ROOT / "examples" / "returns" / "2025" / "2025_税郭镇_填报表.xlsx")
    subprocess.run([sys.executable, "-c", _LOADED, "validate", one], capture_output=True, env=env)  # fills the cache
    for args in (["--help"], ["validate", one], ["report", "2025", "--returns", str(ROOT / "examples" / "returns")]):
        run = subprocess.run([sys.executable, "-c", _LOADED, *args], capture_output=True, text=True, env=env)
        assert run.stdout.rsplit("LOADED ", 1)[1].strip() == "[]", args
