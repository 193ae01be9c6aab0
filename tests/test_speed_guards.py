"""What the speed of a large report rests on, kept true by tests (the timings live in benchmarks/).

A report pauses Python's cyclic garbage collector while it reads returns and computes (see
ipcounty.bulk); that is only safe while reading leaves no reference cycles behind, and only
polite if the collector is running again afterwards.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable
from pathlib import Path

import pytest

from ipcounty.collect import find_returns, read_all
from ipcounty.plan import Plan
from ipcounty.progress import compute
from ipcounty.returns.reader import read_return
from tests.conftest import ROOT

TODAY = dt.date(2026, 11, 25)


def test_reading_returns_leaves_no_cyclic_garbage(plan: Plan, make_return: Callable[..., Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    image = tmp_path / "photo.xlsx"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    files = [f.path for f in find_returns(ROOT / "examples" / "returns") if f.skip_reason is None]
    files += [broken, image, make_return(values={"B1": "十五"})]
    gc.collect()
    gc.disable()
    try:
        codes = {x.code for f in files for x in read_return(f, plan, today=TODAY).findings}
        left = gc.collect()
    finally:
        gc.enable()
    # The broken files and the bad figure did take the paths that report problems.
    assert {"file-corrupt", "file-not-workbook", "not-a-number"} <= codes, codes
    assert left == 0


def test_report_leaves_the_collector_running(plan: Plan) -> None:
    rets = read_all(find_returns(ROOT / "examples" / "returns"), plan, today=TODAY)
    assert gc.isenabled()
    compute(plan, rets, 2025, today=TODAY)
    assert gc.isenabled()


_IMPORTS = (
    "import sys\n"
    "from ipcounty.cli import app\n"
    "try:\n    app(sys.argv[1:], prog_name='ipcounty')\nexcept SystemExit:\n    pass\n"
    "print('HEAVY', sorted(m for m in ('pandas', 'openpyxl', 'pydantic', 'docx') if m in sys.modules))\n"
)


def test_validate_and_report_import_nothing_heavy(tmp_path: Path) -> None:
    """validate and report read returns with python-calamine alone: no pandas, no openpyxl, and (with
    the checked plan cached, as from the second run on) no pydantic."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "IPCOUNTY_CACHE_DIR": str(tmp_path / "cache")}
    one = str(ROOT / "examples" / "returns" / "2025" / "2025_税郭镇_填报表.xlsx")
    commands = [["validate", one], ["report", "2025", "--returns", str(ROOT / "examples" / "returns")]]

    def heavy(args: list[str]) -> str:
        run = subprocess.run([sys.executable, "-c", _IMPORTS, *args], capture_output=True, text=True, env=env)
        return run.stdout.rsplit("HEAVY ", 1)[1].strip()

    assert heavy(commands[0]) == "['pydantic']"  # the first run checks the plan and fills the cache
    for args in commands:
        assert heavy(args) == "[]", args


def test_one_command_freezes_what_a_pause_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """On the command line the objects made in bulk are frozen when the pause ends (the collector
    would walk them all for nothing); the collector runs again for what comes after."""
    from ipcounty import bulk

    monkeypatch.setattr(bulk, "_freeze_after", True)
    gc.unfreeze()
    try:
        with bulk.paused_gc():
            made = [[i] for i in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
    finally:
        gc.unfreeze()
        monkeypatch.undo()
    with bulk.paused_gc():  # a program importing ipcounty: nothing of its own is frozen
        made = [[i] for i in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.parametrize("with_thread", [False, True])
def test_a_command_ends_without_freeing_and_loses_nothing(with_thread: bool) -> None:
    """A command's process ends once its output is written, without freeing what it made: the
    output is all there, the exit handlers ran, the exit code is the command's; with a thread
    still running it ends the usual way (which waits for the thread)."""
    import subprocess
    import sys

    script = (
        "import atexit, sys, threading, time\n"
        "from ipcounty import bulk\n"
        "bulk.for_one_command()\n"
        "kept = bulk.kept([[i] for i in range(1000)])\n"
        "atexit.register(lambda: print('handler ran'))\n"
        f"if {with_thread}: threading.Thread(target=lambda: (time.sleep(0.2), print('thread ended'))).start()\n"
        "sys.stdout.write('x' * 100000)\n"
        "print()\n"
        "bulk.end_command(3)\n"
        "print('usual exit')\n"
        "sys.exit(3)\n"
    )
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert r.returncode == 3
    lines = r.stdout.splitlines()
    assert lines[0] == "x" * 100000
    if with_thread:
        assert lines[1:] == ["usual exit", "thread ended", "handler ran"]
    else:
        assert lines[1:] == ["handler ran"]
