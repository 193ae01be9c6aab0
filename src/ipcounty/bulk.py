"""Building tens of thousands of small objects at once, without the cyclic collector in the way.

A report over 10,000 returns creates about a million small objects (values, 明细 items, rows)
that hold no reference cycles: reference counting frees every one of them. Python's cyclic
collector does not know that; it walks the growing heap again and again as the objects
arrive, and in a large report those walks took most of the time spent unpickling the
workers' results and computing the report (2.7 s of 3.2 s unpickling 10,000 returns; measured
in benchmarks/). Pausing it while the objects are made, and resuming it after, is the remedy
the Python documentation names for programs that allocate many long-lived objects at once.
Reading returns creates no cyclic garbage (tests/test_speed_guards.py checks that), so
nothing waits for the collector in the meantime.

A command run from the command line ends when its output is written, and what it made in bulk
lives until then. There, :func:`for_one_command` asks that the objects be frozen when the
pause ends (``gc.freeze``): otherwise the collector, back on, walks all of them at once (they
are all in its youngest generation) and again as they age — 0.17 s of the parent's CPU over
10,000 returns, for nothing to free. Frozen objects are still freed when their last reference
goes; the collector only looks at what is made afterwards. A program that imports ipcounty
(``ipcounty.api``, a notebook) keeps the ordinary behaviour: nothing of its own is frozen.

Nor is anything freed at the end of a command: the returns read and the report made are kept
(:func:`kept`) until :func:`end_command` ends the process once the output is written, as
the system frees a process's memory at once. Freeing them object by object, when the command
returned and then when the interpreter shut down, cost 0.07 s of a report over 10,000 returns.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

_freeze_after = False
_kept: list[object] = []


def for_one_command() -> None:
    """This process runs one command and ends: freeze what a pause made when it ends (see above)."""
    global _freeze_after
    _freeze_after = True


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block; nested use is fine."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if _freeze_after:
                gc.freeze()
            gc.enable()


def kept(obj: T) -> T:
    """``obj``, held until the process ends when it runs one command (see above); else as it is."""
    if _freeze_after:
        _kept.append(obj)
    return obj


def end_command(code: int) -> None:
    """End this one command's process with ``code`` now, its output written and its exit handlers
    run, without freeing what it made (see above). Returns, for the usual exit, when a stream
    cannot be flushed (a closed pipe: the usual exit says so) or a thread still runs."""
    import atexit
    import os
    import threading

    if not _freeze_after or threading.active_count() > 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)
