"""Findings: every problem ipcounty sees, in a plan file or a return, as a value.

A finding has a stable ``code`` (kebab-case, English in every language), a severity, and a
place: a YAML line and column for the plan, a sheet and Excel cell for a return. The text a
user reads is made from the code and ``params`` in the language asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal

from ipcounty.i18n import PlanWords, render_param, tr

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    file: str
    sheet: str | None = None
    cell: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    message_key: str | None = None
    # The words of the plan the finding is about, when known where it is made (the loader);
    # otherwise the words of the plan in use fill the message.
    words: PlanWords | None = field(default=None, compare=False, repr=False)

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        """Pickled as its fields, made again by ``__init__`` (a report's worker processes send every
        finding to the parent: the dataclass's own state functions run in Python, field by field)."""
        return (Finding, _FIELDS_OF(self))

    def message(self, lang: str) -> str:
        """What is wrong and how to fix it, in ``lang``."""
        params = {k: render_param(v, lang) for k, v in self.params.items()}
        return tr(self.message_key or self.code, lang, words=self.words, **params)

    @property
    def location(self) -> str:
        """Where to look: ``填报表!E9`` for a return, ``line 12, column 5`` style for YAML."""
        if self.cell:
            return f"{self.sheet}!{self.cell}" if self.sheet else self.cell
        if self.sheet:
            return self.sheet
        if self.line is not None:
            return f"{self.line}:{self.column or 1}"
        return ""

    def where(self) -> str:
        """``file:line:column`` (plan) or ``file 填报表!E9`` (return), for one-line output."""
        if self.line is not None:
            return f"{self.file}:{self.line}:{self.column or 1}"
        loc = self.location
        return f"{self.file} {loc}" if loc else self.file

    def to_dict(self, lang: str) -> dict[str, Any]:
        """A JSON-ready dict; the message in ``lang``, everything else language-free."""
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message(lang),
            "params": {k: _jsonable(render_param(v, lang)) for k, v in self.params.items()},
        }


_FIELDS_OF = attrgetter(*(f.name for f in fields(Finding)))  # every field, in order (see __reduce__)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error (what makes a return rejected, a plan unusable)."""
    return any(f.severity == "error" for f in findings)


def count_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "note": 0}
    for f in findings:
        counts[f.severity] += 1
    return counts
