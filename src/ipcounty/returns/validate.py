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
