"""Find the returns under a folder, decide which folder that is, and read them all.

Every file under the folder is accounted for: a return to read, or a file skipped with the
reason (a lock file, a hidden file, not a spreadsheet). Hidden folders are not entered.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ipcounty.plan import Plan
from ipcounty.returns.model import Return
from ipcounty.returns.workbook import EXTENSIONS

ENV_RETURNS = "IPCOUNTY_RETURNS"


@dataclass(frozen=True)
class Found:
    path: Path
    name: str  # path relative to the folder, with forward slashes: how reports refer to it
    skip_reason: str | None = None  # None for a return to read; else lock | hidden | not-a-return


@dataclass(frozen=True)
class ReturnsSource:
    folder: Path
    origin: str  # option | env | cwd | bundled


def bundled_returns() -> Path:
    """The example returns shipped with the package (the checkout's ``examples/returns``)."""
    packaged = resources.files("ipcounty") / "examples" / "returns"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "examples" / "returns"


def resolve_returns(explicit: Path | None) -> ReturnsSource:
    """``--returns`` > ``IPCOUNTY_RETURNS`` > ``./returns`` > the bundled examples."""
    if explicit is not None:
        return ReturnsSource(explicit, "option")
    env = os.environ.get(ENV_RETURNS)
    if env:
        return ReturnsSource(Path(env), "env")
    local = Path("returns")
    if local.is_dir():
        return ReturnsSource(local, "cwd")
    return ReturnsSource(bundled_returns(), "bundled")


def find_returns(folder: Path) -> list[Found]:
    """Every file under ``folder`` (recursively, sorted), each a return or skipped with a reason."""
    out: list[Found] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for fname in sorted(files):
            path = Path(root) / fname
            name = path.relative_to(folder).as_posix()
            if fname.startswith("~$"):
                out.append(Found(path, name, "lock"))
            elif fname.startswith("."):
                out.append(Found(path, name, "hidden"))
            elif path.suffix.lower() not in EXTENSIONS:
                out.append(Found(path, name, "not-a-return"))
            else:
                out.append(Found(path, name))
    return out


def read_all(
    found: list[Found],
    plan: Plan,
    *,
    today: dt.date | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[Return]:
    """Read every return in ``found``; skipped files become skipped entries, never disappear."""
    from ipcounty.returns.reader import read_return

    out: list[Return] = []
    total = len(found)
    for i, f in enumerate(found, 1):
        if f.skip_reason:
            out.append(Return(file=f.name, skip_reason=f.skip_reason))
        else:
            out.append(read_return(f.path, plan, name=f.name, today=today))
        if on_progress is not None:
            on_progress(i, total)
    return out
