"""What a return file may be: the size limits, the formats, and how a problem with a file is said.

The limits are documented in the README: a real return is a few dozen kilobytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_CELLS = 200_000  # rows x columns of the return sheet's used range
MAX_ROWS = 5_000
MAX_COLS = 200

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")

Cell = Any  # str | float | int | bool | date | datetime | time | timedelta


@dataclass(frozen=True)
class FileProblem:
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    cell: str | None = None  # the cell to look at, when one is known
