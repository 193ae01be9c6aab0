"""Where the plan and the returns folder come from: one rule for both.

The command line's option, else the environment (``IPCOUNTY_PLAN``, ``IPCOUNTY_RETURNS``), else
the current folder (``./data/targets.yaml``, ``./returns``), else the copy bundled with ipcounty.
The origin is kept so that a command can say which one it used (the bundled examples, say).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Source:
    path: Path
    origin: str  # option | env | cwd | bundled


def bundled(relative: str) -> Path:
    """A file or folder shipped with ipcounty: inside the installed package (where the wheel puts
    it), else the source checkout's own."""
    here = Path(__file__).parent
    packaged = here / relative
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parents[2] / relative


def locate(explicit: Path | None, env_var: str, local: Path, is_there: Callable[[Path], bool], relative: str) -> Source:
    """``explicit`` > ``$env_var`` > ``local`` when ``is_there`` > ``bundled(relative)``."""
    if explicit is not None:
        return Source(explicit, "option")
    env = os.environ.get(env_var)
    if env:
        return Source(Path(env), "env")
    if is_there(local):
        return Source(local, "cwd")
    return Source(bundled(relative), "bundled")
