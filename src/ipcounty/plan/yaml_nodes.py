"""Plan YAML as plain Python, with the line and column of every key path.

The file is composed (not constructed) with ruamel.yaml, so that each value keeps its line and
column; duplicate keys and non-standard tags are caught on the node tree, before any Python
object exists, and a number or a date written as text is folded with a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ipcounty.findings import Finding, Severity
from ipcounty.plan.targets import as_written, read_date, read_number

MAX_NODES = 20_000_000  # a national plan with 42,000 townships has about 1.5 million
MAX_ALIAS_VISITS = 10_000  # anchors re-used more than this: an alias bomb, not a plan
_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}

PathKey = tuple[str | int, ...]
# Keys whose value is a number or a date: text there is folded (full-width digits) or read as a
# date (2023/1/1) with a warning, before the schema check would reject it in English.
_NUMBER_KEYS = frozenset({"target", "baseline", "grand_total", "yellow_points", "due_day", "rows"})
_DATE_KEYS = frozenset({"start", "end", "issued", "deadline"})


@dataclass
class Positions:
    """Line/column (1-based) of every key path in the file."""

    at: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def find(self, path: PathKey) -> tuple[int, int]:
        # Walk up to the nearest ancestor that has a position (pydantic paths may go deeper).
        p = tuple(path)
        while p:
            if p in self.at:
                return self.at[p]
            p = p[:-1]
        return self.at.get((), (1, 1))


def dotted(loc: PathKey) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class TooLarge(Exception):
    """Raised inside the builder to stop at once; the finding is already recorded."""


class NodeBuilder:
    """Turns a composed node tree into plain Python, recording positions and node problems."""

    def __init__(self, name: str, pos: Positions, findings: list[Finding]) -> None:
        self.name = name
        self.pos = pos
        self.findings = findings
        self.count = 0
        self.alias_visits = 0
        self.seen: set[int] = set()

    def _err(self, code: str, node: Any, path: PathKey, **params: Any) -> None:
        self._add(code, "error", node, path, params)

    def _note(self, code: str, node: Any, path: PathKey, **params: Any) -> None:
        self._add(code, "warning", node, path, params)

    def _add(self, code: str, severity: Severity, node: Any, path: PathKey, params: dict[str, Any]) -> None:
        """A finding located at ``node``'s line and column in the plan file."""
        mark = node.start_mark
        line, column = mark.line + 1, mark.column + 1
        self.findings.append(
            Finding(code, severity, self.name, line=line, column=column, path=dotted(path), params=params)
        )

    def build(self, node: Any, path: PathKey, *, is_key: bool = False) -> Any:
        from ruamel.yaml.nodes import MappingNode, SequenceNode

        self.count += 1
        if self.count > MAX_NODES:
            self._err("yaml-too-large", node, path, limit=MAX_NODES)
            raise TooLarge
        if isinstance(node, (MappingNode, SequenceNode)):
            # A collection met twice is an alias; billions of them is the "billion laughs" attack.
            if id(node) in self.seen:
                self.alias_visits += 1
                if self.alias_visits > MAX_ALIAS_VISITS:
                    self._err("yaml-too-large", node, path, limit=MAX_ALIAS_VISITS)
                    raise TooLarge
            self.seen.add(id(node))
        mark = node.start_mark
        self.pos.at.setdefault(path, (mark.line + 1, mark.column + 1))
        if node.tag not in _ALLOWED_TAGS:
            self._err("yaml-unsafe-tag", node, path, tag=node.tag.replace(_STD, "!!"))
            return None
        if isinstance(node, MappingNode):
            out: dict[Any, Any] = {}
            first: dict[Any, int] = {}
            for knode, vnode in node.value:
                key = self.build(knode, path, is_key=True)
                if isinstance(key, (dict, list)):
                    self._err("yaml-key-not-text", knode, path)
                    continue
                if key in first:
                    self._err("yaml-duplicate-key", knode, path, key=key, first=first[key])
                    continue
                first[key] = knode.start_mark.line + 1
                child = (*path, key)
                self.pos.at[child] = (knode.start_mark.line + 1, knode.start_mark.column + 1)
                out[key] = self.build(vnode, child)
            return out
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        value = self._scalar(node, path)
        if isinstance(value, str) and not is_key:
            return self._fold_value(node, path, value)
        return value

    def _fold_value(self, node: Any, path: PathKey, value: str) -> Any:
        """A number or a date written as text where the schema wants one (``"１０"``, ``2023/1/1``):
        read with a warning, or explained (``10件``); targets of breakdowns are read later."""
        last = path[-1] if path else None
        if last in _NUMBER_KEYS or (len(path) >= 2 and path[-2] in ("column_totals", "row_totals")):
            read = read_number(value)
            if read.value is None:
                return value  # not a number at all: the schema check says so
            if read.unit is not None:
                self._err("target-with-unit", node, path, value=value, number=as_written(read.value), unit=read.unit)
            else:
                self._note("target-normalised", node, path, value=value, number=as_written(read.value))
            return read.value
        if last in _DATE_KEYS:
            day = read_date(value)
            if day is not None:
                # A date already written 2024-02-29, only in quotes (as a JSON plan must write
                # it), is read as it stands: there is nothing to tell the user to change.
                if value != day.isoformat():
                    self._note("date-normalised-plan", node, path, value=value, date=day.isoformat())
                return day
        return value

    def _scalar(self, node: Any, path: PathKey) -> Any:
        tag, value = node.tag[len(_STD) :], node.value
        try:
            if tag == "null":
                return None
            if tag == "bool":
                return value.lower() in ("true", "yes", "on")
            if tag == "int":
                return int(value.replace("_", ""), 0)
            if tag == "float":
                low = value.lower().replace("_", "")
                if low in (".inf", "+.inf", "-.inf", ".nan"):
                    raise ValueError(value)
                return float(low)
            if tag == "timestamp":
                text = value.strip()
                if len(text) == 10:
                    return dt.date.fromisoformat(text)
                return dt.datetime.fromisoformat(text.replace(" ", "T"))
        except ValueError:
            self._err("yaml-unreadable-value", node, path, value=value)
            return None
        return value
