"""Check several returns at once: the result the ``validate`` command renders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipcounty.plan import Plan
from ipcounty.returns.model import Return
from ipcounty.returns.reader import read_return

VALIDATION_JSON_SCHEMA = "ipcounty.validation"
VALIDATION_JSON_VERSION = 1


@dataclass
class Validation:
    """The returns checked, in the order given."""

    returns: list[Return]

    def counts(self) -> dict[str, int]:
        out = {"ok": 0, "warning": 0, "rejected": 0}
        for r in self.returns:
            out[r.status] = out.get(r.status, 0) + 1
        return out

    @property
    def failed(self) -> bool:
        return any(r.status == "rejected" for r in self.returns)

    def to_dict(self, plan: Plan, lang: str) -> dict[str, Any]:
        return {
            "schema": VALIDATION_JSON_SCHEMA,
            "version": VALIDATION_JSON_VERSION,
            "plan": {"id": plan.info.id, "fingerprint": plan.fingerprint},
            "summary": {"files": len(self.returns), **self.counts()},
            "files": [r.to_dict(lang) for r in self.returns],
        }


def validate_files(paths: Sequence[Path], plan: Plan, today: dt.date | None = None) -> Validation:
    """Read and check every file in ``paths``; never raises for a bad file."""
    return Validation([read_return(p, plan, today=today) for p in paths])


def validate_paths(paths: Sequence[Path], plan: Plan, today: dt.date | None = None) -> Validation:
    """Files are checked as named; a folder stands for everything under it, as ``report`` finds
    it (every entry listed once, skipped ones with their reason). Each file is named as the user
    would type it: the folder as given, then the path inside it."""
    import os

    from ipcounty.collect import Found, find_returns, read_all, safe_name

    found: list[Found] = []
    for p in paths:
        if p.is_dir():
            base = str(p)
            found.extend(Found(f.path, os.path.join(base, f.name), f.skip_reason, f.escaped) for f in find_returns(p))
        elif p.name.startswith("~$"):  # named as typed, still Excel's lock file, not a return
            found.append(Found(p, safe_name(str(p)), "lock"))
        else:
            found.append(Found(p, safe_name(str(p)), None if p.is_file() else "not-a-file"))
    return Validation(read_all(found, plan, today=today))
