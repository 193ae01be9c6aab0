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

from ipcounty.bulk import paused_gc
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
        here = Path(root)
        rel = here.relative_to(folder).as_posix()  # once per folder: pathlib is slow per file
        prefix = "" if rel == "." else rel + "/"
        for fname in sorted(files):
            path = here / fname
            name = prefix + fname
            if fname.startswith("~$"):
                out.append(Found(path, name, "lock"))
            elif fname.startswith("."):
                out.append(Found(path, name, "hidden"))
            elif path.suffix.lower() not in EXTENSIONS:
                out.append(Found(path, name, "not-a-return"))
            else:
                out.append(Found(path, name))
    return out


ENV_JOBS = "IPCOUNTY_JOBS"
PARALLEL_FROM = 300  # below this many files, starting worker processes costs more than it saves


def jobs_for(n_files: int) -> int:
    """How many processes read ``n_files`` returns: ``$IPCOUNTY_JOBS``, else one per core (max 8)."""
    env = os.environ.get(ENV_JOBS, "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    if n_files < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def read_all(
    found: list[Found],
    plan: Plan,
    *,
    today: dt.date | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[Return]:
    """Read every return in ``found``, in order; skipped files become skipped entries, never disappear.

    Large folders are read by several processes (each file is independent); the result is the
    same list either way."""
    from ipcounty.returns.reader import read_return

    total = len(found)
    jobs = jobs_for(total)
    with paused_gc():
        if jobs > 1:
            result = _read_parallel(found, plan, today, jobs, on_progress)
            if result is not None:
                return result
        out: list[Return] = []
        for i, f in enumerate(found, 1):
            out.append(_read_one(f, plan, today, read_return))
            if on_progress is not None:
                on_progress(i, total)
    return out


def _read_one(f: Found, plan: Plan, today: dt.date | None, reader: Callable[..., Return]) -> Return:
    if f.skip_reason:
        return Return(file=f.name, skip_reason=f.skip_reason)
    result: Return = reader(f.path, plan, name=f.name, today=today)
    return result


_WORKER: dict[str, object] = {}


def _init_worker(plan: Plan, today: dt.date | None) -> None:
    import gc

    gc.disable()  # a worker only reads returns, which leave no cyclic garbage (see ipcounty.bulk)
    _WORKER["plan"] = plan
    _WORKER["today"] = today


def _work(chunk: list[Found]) -> list[Return]:
    from ipcounty.returns.reader import read_return

    plan = _WORKER["plan"]
    today = _WORKER["today"]
    assert isinstance(plan, Plan)
    when = today if isinstance(today, dt.date) else None
    # The report needs each 明细 item's key and cell, not its other columns: leave them here
    # rather than pickle them back (they are most of a return's size).
    return [_read_one(f, plan, when, read_return).without_items() for f in chunk]


def _read_parallel(
    found: list[Found], plan: Plan, today: dt.date | None, jobs: int, on_progress: Callable[[int, int], None] | None
) -> list[Return] | None:
    """Read in ``jobs`` processes; None when processes cannot be started here (then read serially)."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Chunks of at most 64 files: few enough to keep pickling cheap, small enough that no worker
    # idles long at the end while another finishes a big last chunk.
    size = max(16, min(64, len(found) // (jobs * 8) or 16))
    chunks = [found[i : i + size] for i in range(0, len(found), size)]
    out: list[Return] = []
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(plan, today)) as pool:
            for part in pool.map(_work, chunks):
                out.extend(part)
                if on_progress is not None:
                    on_progress(len(out), len(found))
    except (OSError, BrokenProcessPool, PermissionError):
        return None
    return out
