"""Read a plan YAML into a :class:`~ipcounty.plan.model.Plan`, reporting every problem at once.

The file is composed (not constructed) with ruamel.yaml so that each value keeps its line and
column; duplicate keys and non-standard tags are caught on the node tree, before any Python
object exists. Schema errors from pydantic and the plan's own arithmetic are mapped back to
the line that caused them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipcounty import __version__
from ipcounty.errors import PlanError, UsageError
from ipcounty.findings import Finding, Severity, has_errors
from ipcounty.i18n import Phrase, did_you_mean, tr
from ipcounty.i18n.words import PlanWords, derive_words
from ipcounty.plan.runtime import (
    NUMERIC_KINDS,
    EvidenceColumn,
    EvidenceSpec,
    Indicator,
    Plan,
    PlanInfo,
    ReportingRule,
    UnitName,
)
from ipcounty.plan.scoring import rules_from_model
from ipcounty.plan.scoring_check import canonical_codes, check_scoring
from ipcounty.plan.targets import fold, in_period, parse_key, read_date, read_number
from ipcounty.schedule import Part, year_part

if TYPE_CHECKING:
    from ipcounty.plan.model import Breakdown, PlanFile

ENV_PLAN = "IPCOUNTY_PLAN"
WORD_FIELDS = ("level", "unit_word", "addressees", "level_en", "unit_word_en")
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
class _Positions:
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


@dataclass
class LoadResult:
    """What loading found: the plan (None when it has errors) and every problem and note."""

    plan: Plan | None
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "error"]


def bundled_plan_path() -> Path:
    """The plan shipped with the package (a source checkout's ``data/targets.yaml`` otherwise)."""
    packaged = resources.files("ipcounty") / "data" / "targets.yaml"
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "data" / "targets.yaml"


def resolve_plan_path(explicit: Path | None) -> Path:
    """``--plan`` > ``IPCOUNTY_PLAN`` > ``./data/targets.yaml`` > the bundled copy."""
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV_PLAN)
    if env:
        return Path(env)
    local = Path("data") / "targets.yaml"
    if local.is_file():
        return local
    return bundled_plan_path()


def load_plan(path: Path, lang: str = "zh") -> Plan:
    """Load and check ``path``; raise :class:`PlanError` (with every problem) when unusable."""
    return require_plan(read_plan(path), path, lang)


def require_plan(result: LoadResult, path: Path, lang: str) -> Plan:
    """The plan of ``result``, or the error a user should see: a usage error for a missing file,
    a :class:`PlanError` listing every problem otherwise."""
    if result.plan is not None:
        return result.plan
    if [f.code for f in result.errors] == ["plan-not-found"]:
        raise UsageError(result.errors[0].message(lang))
    raise PlanError(tr("plan-invalid", lang, path=path, count=len(result.errors)), result.findings)


MAX_PLAN_BYTES = 64 * 1024 * 1024  # a national plan of 14,000 units is a few MB


def read_plan(path: Path) -> LoadResult:
    """Check ``path`` and return the plan with its notes, or every error found."""
    name = str(path)
    from ipcounty.i18n import phrase
    from ipcounty.returns.workbook import read_regular_file

    # Only a regular file of sane size is read: a pipe would wait forever, /dev/zero never ends.
    data, problem = read_regular_file(path, MAX_PLAN_BYTES)
    if problem is not None:
        if problem.code == "file-missing":
            return LoadResult(None, [Finding("plan-not-found", "error", name, params={"path": name})])
        detail = phrase(problem.code, **problem.params)
        return LoadResult(None, [Finding("plan-unreadable", "error", name, params={"path": name, "detail": detail})])
    from ipcounty.plan.yaml_errors import decode_plan

    text, undecodable = decode_plan(data, name)
    if text is None:
        assert undecodable is not None
        return LoadResult(None, [undecodable])
    key = _cache_key(name, text)
    cached = _cache_get(key)
    if cached is not None:
        return cached
    result = parse_plan(text, name)
    if result.plan is not None:
        _cache_put(key, result)
    return result


ENV_CACHE = "IPCOUNTY_CACHE_DIR"


def _cache_dir() -> Path | None:
    """Where checked plans are kept: ``$IPCOUNTY_CACHE_DIR`` (empty: no cache), else the user cache."""
    env = os.environ.get(ENV_CACHE)
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ipcounty"


def _cache_key(name: str, text: str) -> str:
    # The same text, path and code give the same plan; any edit to the loader invalidates it.
    here = Path(__file__).parent
    sources = ("loader.py", "runtime.py", "model.py", "scoring.py", "scoring_check.py", "cache.py")
    stamps = [str((here / f).stat().st_mtime_ns) for f in sources]
    blob = "\0".join([__version__, name, *stamps, text])
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _cache_get(key: str) -> LoadResult | None:
    """A plan checked before, without pydantic or YAML parsing (a few ms instead of 300): JSON
    that cannot run code, signed and bound to this plan's text (see ``plan/cache.py``)."""
    from ipcounty.plan import cache

    folder = _cache_dir()
    if folder is None:
        return None
    result = cache.load(folder, key)
    return result if isinstance(result, LoadResult) else None


def _cache_put(key: str, result: LoadResult) -> None:
    from ipcounty.plan import cache

    folder = _cache_dir()
    if folder is not None:
        cache.store(folder, key, result)


def parse_plan(text: str, name: str = "<plan>") -> LoadResult:
    """Check plan YAML ``text``; ``name`` is used in every finding's location."""
    from pydantic import ValidationError
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from ipcounty.plan import yaml_errors
    from ipcounty.plan.model import PlanFile

    yaml = YAML(typ="safe", pure=True)
    try:
        root = yaml.compose(text)
    except MarkedYAMLError as exc:
        return LoadResult(None, [yaml_errors.explain(exc, text, name)])
    except YAMLError as exc:
        return LoadResult(None, [Finding("yaml-syntax", "error", name, params={"detail": exc})])

    pos = _Positions()
    findings: list[Finding] = []
    if root is None:
        data: Any = {}
    else:
        builder = _Builder(name, pos, findings)
        try:
            data = builder.build(root, ())
        except _TooLarge:
            return LoadResult(None, findings)
    # ``税郭镇：{2024: 15}`` parses, as one odd key: say what it is before anything it causes.
    units = data.get("units") if isinstance(data, dict) else None
    names = {str(u.get("name")) for u in units if isinstance(u, dict)} if isinstance(units, list) else set()
    colons = yaml_errors.fullwidth_colons(text, name, keys=names)
    if colons:
        return LoadResult(None, colons)
    # A node-level problem (a duplicate key, a tag) stops here; a number written with its unit
    # (``10件``) has been read as the number, so the schema and the plan's rules still run.
    if any(f.severity == "error" and f.code != "target-with-unit" for f in findings):
        return LoadResult(None, findings)

    try:
        model = PlanFile.model_validate(data)
    except ValidationError as exc:
        from ipcounty.plan.schema_errors import schema_findings

        errors = [dict(e) for e in exc.errors()]
        findings.extend(schema_findings(errors, PlanFile, name, pos.find))
        return LoadResult(None, findings)

    checker = _Checker(model, name, pos)
    findings.extend(checker.run())
    if has_errors(findings):
        return LoadResult(None, findings)
    plan = _build_plan(checker.model, name)
    # The notes that change a number first: differing sums, then differing measures, then aliases.
    order = {"breakdown-differs": 0, "breakdown-not-comparable": 1}
    notes = sorted([*consistency_notes(plan, checker.model, name, pos), *findings], key=lambda f: order.get(f.code, 2))
    return LoadResult(plan, notes)


def _dotted(loc: PathKey) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _TooLarge(Exception):
    """Raised inside the builder to stop at once; the finding is already recorded."""


class _Builder:
    """Turns a composed node tree into plain Python, recording positions and node problems."""

    def __init__(self, name: str, pos: _Positions, findings: list[Finding]) -> None:
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
            Finding(code, severity, self.name, line=line, column=column, path=_dotted(path), params=params)
        )

    def build(self, node: Any, path: PathKey, *, is_key: bool = False) -> Any:
        from ruamel.yaml.nodes import MappingNode, SequenceNode

        self.count += 1
        if self.count > MAX_NODES:
            self._err("yaml-too-large", node, path, limit=MAX_NODES)
            raise _TooLarge
        if isinstance(node, (MappingNode, SequenceNode)):
            # A collection met twice is an alias; billions of them is the "billion laughs" attack.
            if id(node) in self.seen:
                self.alias_visits += 1
                if self.alias_visits > MAX_ALIAS_VISITS:
                    self._err("yaml-too-large", node, path, limit=MAX_ALIAS_VISITS)
                    raise _TooLarge
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
                self._err("target-with-unit", node, path, value=value, number=_fmt(read.value), unit=read.unit)
            else:
                self._note("target-normalised", node, path, value=value, number=_fmt(read.value))
            return read.value
        if last in _DATE_KEYS:
            day = read_date(value)
            if day is not None:
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


class _Checker:
    """The plan's own rules, beyond types: references, years, units, and published totals."""

    def __init__(self, model: PlanFile, name: str, pos: _Positions) -> None:
        self.model = model
        self.name = name
        self.pos = pos
        self.findings: list[Finding] = []
        start, end = model.plan.period.start, model.plan.period.end
        self.years = range(start.year, end.year + 1)
        self.words = plan_words(model)
        self.folded = {fold(n): u.name for u in model.units for n in (*u.aliases, u.name)}

    def _add(self, code: str, path: PathKey, severity: str = "error", /, **params: Any) -> None:
        line, col = self.pos.find(path)
        self.findings.append(
            Finding(
                code,
                severity,  # type: ignore[arg-type]  # checked by callers: error or note
                self.name,
                line=line,
                column=col,
                path=_dotted(path),
                params=params,
                words=self.words,
            )
        )

    def run(self) -> list[Finding]:
        m = self.model
        p = m.plan.period
        if p.start > p.end:
            self._add("period-reversed", ("plan", "period"), start=p.start, end=p.end)
            return self.findings
        for i, ph in enumerate(m.phases):
            if ph.start > ph.end:
                self._add("period-reversed", ("phases", i), start=ph.start, end=ph.end)
            elif ph.start < p.start or ph.end > p.end:
                self._add("phase-outside-period", ("phases", i), name=ph.name)
        self._check_names()
        self._check_codes()
        self._check_targets()
        check_scoring(self.model, self._add)
        new_breakdowns = [self._check_breakdown(i, b) for i, b in enumerate(m.breakdowns)]
        self.model = m.model_copy(update={"breakdowns": new_breakdowns})
        return self.findings

    def _check_names(self) -> None:
        seen: set[str] = set()
        entries: list[tuple[str, PathKey]] = [(self.words.district, ("district", "name"))]
        entries += [(a, ("district", "aliases", j)) for j, a in enumerate(self.model.district.aliases)]
        for i, u in enumerate(self.model.units):
            entries.append((u.name, ("units", i, "name")))
            entries += [(a, ("units", i, "aliases", j)) for j, a in enumerate(u.aliases)]
        for name, path in entries:
            if name in seen:
                self._add("duplicate-unit", path, name=name)
            seen.add(name)

    def _check_codes(self) -> None:
        seen: set[str] = set()
        m = self.model
        groups: list[tuple[str, list[Any]]] = [
            ("measures", m.measures),
            ("goals", m.goals),
            ("breakdowns", m.breakdowns),
            ("duties", m.duties),
        ]
        for section, items in groups:
            for i, item in enumerate(items):
                if item.code in seen:
                    self._add("duplicate-code", (section, i, "code"), code=item.code)
                seen.add(item.code)

    def _check_targets(self) -> None:
        m = self.model
        uoms = {u.symbol: u for u in m.units_of_measure}
        measures = {x.code for x in m.measures}
        goals = {g.code for g in m.goals}
        groups: list[tuple[str, list[Any]]] = [
            ("goals", m.goals),
            ("breakdowns", m.breakdowns),
            ("duties", m.duties),
        ]
        for section, items in groups:
            for i, item in enumerate(items):
                base: PathKey = (section, i)
                for j, ref in enumerate(item.measures):
                    if ref not in measures:
                        self._add("unknown-measure", (*base, "measures", j), code=item.code, measure=ref)
                numeric = item.kind in NUMERIC_KINDS
                target = getattr(item, "target", None)
                if not numeric:
                    if item.unit is not None or (target is not None and item.kind == "qualitative"):
                        self._add("unexpected-target", base, code=item.code, kind=item.kind)
                    continue
                if item.unit is None:
                    self._add("missing-unit-of-measure", base, code=item.code)
                    continue
                uom = uoms.get(item.unit)
                if uom is None:
                    self._add(
                        "unknown-unit-of-measure",
                        (*base, "unit"),
                        unit=item.unit,
                        known="、".join(uoms),
                    )
                    continue
                if item.kind == "rate" and not uom.rate:
                    self._add("rate-unit-needed", (*base, "unit"), code=item.code)
                if section != "breakdowns":
                    if target is None:
                        self._add("missing-target", base, code=item.code)
                    else:
                        self._check_value(item.code, (*base, "target"), target, uom.integer, uom.rate, item.unit)
                if section == "breakdowns" and item.serves and item.serves.goal not in goals:
                    self._add("unknown-goal", (*base, "serves", "goal"), code=item.code, goal=item.serves.goal)

    def _check_value(
        self, code: str, path: PathKey, value: float, integer: bool, rate: bool, unit: str | None = None
    ) -> bool:
        """Whether ``value`` is a possible target; says why not otherwise."""
        if value < 0:
            self._add("negative-target", path, value=_fmt(value))
        elif integer and value != int(value):
            self._add("fractional-target", path, code=code, unit=unit or "", value=_fmt(value))
        elif rate and value > 100:
            self._add("rate-above-100", path, code=code, value=_fmt(value))
        else:
            return True
        return False

    def _canonical(self, name: str) -> str | None:
        """The unit ``name`` means, matched after NFKC and space folding (``()`` = ``（）``)."""
        return self.folded.get(fold(name)) if isinstance(name, str) else None

    def _hint(self, name: str) -> Phrase | str:
        return did_you_mean(name, [u.name for u in self.model.units])

    def _number(self, raw: Any, path: PathKey) -> float | None:
        """A target as a number, or None after saying why it is not one."""
        read = read_number(raw)
        if read.value is None:
            self._add("target-not-a-number", path, value=_show(raw))
        elif read.unit is not None:
            self._add("target-with-unit", path, value=_show(raw), number=_fmt(read.value), unit=read.unit)
            return None
        elif read.folded:
            self._add("target-normalised", path, "warning", value=_show(raw), number=_fmt(read.value))
        return read.value

    def _check_breakdown(self, i: int, b: Breakdown) -> Breakdown:
        """Check one breakdown and return it with every unit under its stable name and every
        target in its canonical form (a number, or ``{"2024": 15}`` / ``{"2024Q1": 3, …}``)."""
        base: PathKey = ("breakdowns", i)
        uom = next((u for u in self.model.units_of_measure if u.symbol == b.unit), None)
        integer = uom.integer if uom else False
        rate = uom.rate if uom else False
        start, end = self.model.plan.period.start, self.model.plan.period.end
        one_year = len(self.years) == 1
        targets: dict[str, float | dict[str, float]] = {}
        clean = True  # False when a unit or a target could not be read: published sums would lie
        wrong_shape: list[tuple[str, PathKey]] = []
        for unit, value in b.targets.items():
            upath = (*base, "targets", unit)
            canon = self._canonical(unit)
            if canon is None:
                self._add("unknown-township", upath, name=unit, hint=self._hint(str(unit)))
                clean = False
                continue
            if canon in targets:
                self._add("duplicate-unit", upath, name=unit)
                clean = False
                continue
            if fold(canon) != fold(unit):
                self._add("alias-used", upath, "note", code=b.code, alias=unit, name=canon)
            if b.scope == "period":
                if isinstance(value, dict):
                    wrong_shape.append((canon, upath))
                    continue
                number = self._number(value, upath)
                if number is None:
                    clean = False
                    continue
                if not self._check_value(b.code, upath, number, integer, rate, b.unit):
                    clean = False  # the published sums would only repeat this mistake
                targets[canon] = number
                continue
            if not isinstance(value, dict):
                if not one_year:
                    wrong_shape.append((canon, upath))
                    continue
                value = {self.years[0]: value}  # a one-year plan may give the year's target alone
                paths = {self.years[0]: upath}
            else:
                paths = {k: (*upath, k) for k in value}
            parts = self._read_parts(b, value, paths, start, end, integer, rate)
            if parts is None:
                clean = False
                continue
            targets[canon] = parts
        if wrong_shape:
            clean = False
            self._wrong_shape(b, wrong_shape)
        if b.published and _holds_level(b.kind, b.scope):
            # A rate or a level each unit must hold is never added up: a published total is an error.
            pub = b.published
            if pub.column_totals or pub.row_totals or pub.grand_total is not None:
                self._add("published-total-not-summable", (*base, "published"), code=b.code, name=b.name)
        elif b.published and clean:
            self._check_published(i, b, targets)
        return b.model_copy(update={"targets": targets})

    def _read_parts(
        self,
        b: Breakdown,
        value: dict[Any, Any],
        paths: dict[Any, PathKey],
        start: dt.date,
        end: dt.date,
        integer: bool,
        rate: bool,
    ) -> dict[str, float] | None:
        """A unit's ``{2024: 15}`` / ``{2024Q1: 3, …}`` map, checked; None when it has errors."""
        out: dict[str, float] = {}
        grains: dict[int, str] = {}
        ok = True
        for key, raw in value.items():
            path = paths[key]
            k = parse_key(key)
            if k is None:
                self._add("target-bad-key", path, key=_show(key), example=self.years[0])
                ok = False
                continue
            if not in_period(k, start, end):
                if k.grain == "year":
                    self._add("year-outside-period", path, year=k.year, start=self.years[0], end=self.years[-1])
                else:
                    self._add("part-outside-period", path, key=k.label, start=start, end=end)
                ok = False
                continue
            if grains.setdefault(k.year, k.grain) != k.grain:
                self._add("target-mixed-keys", path, key=k.label, year=k.year)
                ok = False
                continue
            if k.label in out:
                self._add("target-duplicate-key", path, key=k.label)
                ok = False
                continue
            number = self._number(raw, path)
            if number is None:
                ok = False
                continue
            if not self._check_value(b.code, path, number, integer, rate, b.unit):
                ok = False  # the published sums would only repeat this mistake
            out[k.label] = number
        return out if ok else None

    def _wrong_shape(self, b: Breakdown, where: list[tuple[str, PathKey]]) -> None:
        """One misunderstanding (a number where years are needed, or the other way) is one finding,
        at the first unit, naming how many units it affects."""
        names = [n for n, _ in where]
        who = "、".join(names[:3]) + (f" 等 {len(names)} 个单位" if len(names) > 3 else "")
        who_en = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        y = self.years
        example = ", ".join(f"{year}: 10" for year in y[:3])
        key = "scope-period-needs-number" if b.scope == "period" else "scope-yearly-needs-years"
        self._add(key, where[0][1], code=b.code, who=who, who_en=who_en, count=len(names), example=example)

    def _check_published(self, i: int, b: Breakdown, targets: dict[str, float | dict[str, float]]) -> None:
        pub = b.published
        assert pub is not None
        base: PathKey = ("breakdowns", i, "published")

        def row_sum(value: float | dict[str, float]) -> float:
            return sum(value.values()) if isinstance(value, dict) else value

        if pub.column_totals:
            for key, published in pub.column_totals.items():
                path = (*base, "column_totals", key)
                k = parse_key(key)
                if k is None:
                    self._add("target-bad-key", path, key=_show(key), example=self.years[0])
                    continue
                if k.year not in self.years:
                    self._add("year-outside-period", path, year=k.year, start=self.years[0], end=self.years[-1])
                    continue
                computed = sum(
                    v
                    for parts in targets.values()
                    if isinstance(parts, dict)
                    for label, v in parts.items()
                    if (pk := parse_key(label)) is not None
                    and pk.year == k.year
                    and (k.grain == "year" or pk.label == k.label)
                )
                if not _same(computed, published):
                    self._add(
                        "column-total-mismatch",
                        path,
                        code=b.code,
                        year=k.label,
                        published=_fmt(published),
                        computed=_fmt(computed),
                    )
        if pub.row_totals:
            for unit, published in pub.row_totals.items():
                path = (*base, "row_totals", unit)
                canon = self._canonical(unit)
                if canon is None:
                    self._add("unknown-township", path, name=unit, hint=self._hint(unit))
                    continue
                computed = row_sum(targets.get(canon, 0))
                if not _same(computed, published):
                    self._add(
                        "row-total-mismatch",
                        path,
                        code=b.code,
                        unit=unit,
                        published=_fmt(published),
                        computed=_fmt(computed),
                    )
        if pub.grand_total is not None:
            computed = sum(row_sum(v) for v in targets.values())
            if not _same(computed, pub.grand_total):
                self._add(
                    "grand-total-mismatch",
                    (*base, "grand_total"),
                    code=b.code,
                    published=_fmt(pub.grand_total),
                    computed=_fmt(computed),
                )


def _show(value: Any) -> str:
    """A value as the user wrote it, for a message."""
    return str(value)


def _holds_level(kind: str, scope: str) -> bool:
    from ipcounty.schedule import holds_level

    return holds_level(kind, scope)


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9 * max(1.0, abs(a), abs(b))


def _fmt(value: float) -> str:
    """A number as a person writes it: 15, 3.5, 0.25 (no trailing .0)."""
    if value == int(value):
        return str(int(value))
    return f"{value:.6g}"


def _build_plan(m: PlanFile, name: str) -> Plan:
    uoms = {u.symbol: u for u in m.units_of_measure}
    served_by = {b.serves.goal: b.code for b in m.breakdowns if b.serves and b.serves.compare == "sum"}
    words = plan_words(m)
    district = words.district
    units = [u.name for u in m.units]
    years = range(m.plan.period.start.year, m.plan.period.end.year + 1)
    indicators: list[Indicator] = []
    targets: dict[tuple[str, str, int | None], float] = {}
    parts: dict[tuple[str, str, int], tuple[Part, ...]] = {}

    def indicator(t: Any, **extra: Any) -> Indicator:
        """The fields every kind of target shares, plus what is particular to its section."""
        u = uoms.get(t.unit or "")
        return Indicator(
            code=t.code,
            name=t.name,
            name_en=t.name_en,
            kind=t.kind,
            unit=t.unit or "",
            direction=t.direction,
            wording=t.wording,
            source=t.source,
            integer=u.integer if u else True,
            rate=u.rate if u else False,
            **extra,
        )

    for b in m.breakdowns:
        evidence = None
        if b.evidence:
            columns = tuple(EvidenceColumn(c.name, c.check, c.key) for c in b.evidence.columns)
            evidence = EvidenceSpec(b.evidence.title, b.evidence.item, b.evidence.rows, columns)
        indicators.append(
            indicator(
                b,
                scope=b.scope,
                level="unit",
                section="breakdown",
                evidence=evidence,
                serves=b.serves.goal if b.serves else None,
                compare=b.serves.compare if b.serves else None,
            )
        )
        for unit, value in b.targets.items():
            if isinstance(value, dict):
                _add_parts(b.code, unit, value, targets, parts)
            else:
                targets[(b.code, unit, None)] = value
        # The district row of a breakdown: the sum over units, per year or for the period —
        # never for a rate or a level each unit must hold (its 全区 row counts who meets it). Its
        # schedule is every unit's parts together (a unit with a yearly target adds the year):
        # the piecewise 序时进度 of the sum is then exactly the sum of the units' expectations.
        if _holds_level(b.kind, b.scope):
            continue
        if b.scope == "yearly":
            for year in years:
                vals = [targets[(b.code, u, year)] for u in units if (b.code, u, year) in targets]
                if vals:
                    targets[(b.code, district, year)] = sum(vals)
                if any((b.code, u, year) in parts for u in units):
                    merged: dict[tuple[dt.date, dt.date], float] = {}
                    for u in units:
                        if (b.code, u, year) not in targets:
                            continue
                        own = parts.get((b.code, u, year)) or (year_part(year, targets[(b.code, u, year)]),)
                        for p in own:
                            merged[(p.start, p.end)] = merged.get((p.start, p.end), 0.0) + p.target
                    parts[(b.code, district, year)] = tuple(Part(a, z, t) for (a, z), t in sorted(merged.items()))
        else:
            vals = [targets[(b.code, u, None)] for u in units if (b.code, u, None) in targets]
            if vals:
                targets[(b.code, district, None)] = sum(vals)
    # A district goal served by a breakdown given by quarters or months follows the breakdown's
    # schedule (all its years' parts, as a shape: time_share is a ratio), not a straight line.
    for b in m.breakdowns:
        if not (b.serves and b.serves.compare == "sum" and b.scope == "yearly"):
            continue
        if not any((b.code, district, y) in parts for y in years):
            continue
        shape: list[Part] = []
        for y in years:
            if (b.code, district, y) in targets:
                shape += parts.get((b.code, district, y)) or (year_part(y, targets[(b.code, district, y)]),)
        for y in years:
            parts[(b.serves.goal, district, y)] = tuple(shape)
    for d in m.duties:
        indicators.append(indicator(d, scope="yearly", level="unit", section="duty"))
        duty_target = 1.0 if d.kind == "yesno" else d.target
        if duty_target is not None:
            for unit in units:
                for year in years:
                    targets[(d.code, unit, year)] = duty_target
    for g in m.goals:
        indicators.append(
            indicator(
                g,
                scope="period",
                level="district",
                section="goal",
                served_by=served_by.get(g.code),
                baseline=g.baseline,
            )
        )
        if g.target is not None:
            targets[(g.code, district, None)] = g.target
    # The fingerprint names what a return form depends on. The reporting calendar, the warning
    # threshold, the score rules and the supervision text change no form, and the plan's words
    # change no figure, so moving a deadline, a light's threshold or a point, or correcting a word,
    # does not make every return "from another version". Which counters mean the same count
    # (same_as) changes what is accepted, not the form.
    exclude: dict[str, Any] = {
        "reporting": True,
        "warning": True,
        "scoring": True,
        "supervision": True,
        "plan": set(WORD_FIELDS),
        "units_of_measure": {"__all__": {"same_as"}},
    }
    dumped = m.model_dump(mode="json", exclude=exclude)
    canonical = json.dumps(dumped, ensure_ascii=False, sort_keys=True)
    fingerprint = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
    info = m.plan
    return Plan(
        path=name,
        fingerprint=fingerprint,
        info=PlanInfo(
            id=info.id,
            title=info.title,
            short_title=info.short_title,
            region=info.region,
            issuer=info.issuer,
            issued=info.issued,
            start=info.period.start,
            end=info.period.end,
        ),
        district_name=district,
        district_aliases=tuple(m.district.aliases),
        units=tuple(UnitName(u.name, tuple(u.aliases)) for u in m.units),
        symbols=tuple(u.symbol for u in m.units_of_measure),
        same_as={u.symbol: tuple(u.same_as) for u in m.units_of_measure if u.same_as},
        indicators=tuple(indicators),
        targets=targets,
        parts=parts,
        file_json=m.model_dump_json(),
        scoring=rules_from_model(m.scoring, canonical_codes(m)) if m.scoring else None,
        reporting=ReportingRule(m.reporting.frequency, m.reporting.due_day) if m.reporting else None,
        supervision=(m.supervision.source, m.supervision.text) if m.supervision else None,
        yellow_points=m.warning.yellow_points,
        words=words,
    )


def _add_parts(
    code: str,
    unit: str,
    value: dict[str, float],
    targets: dict[tuple[str, str, int | None], float],
    parts: dict[tuple[str, str, int], tuple[Part, ...]],
) -> None:
    """A unit's checked ``{"2024": 15}`` / ``{"2024Q1": 3, …}``: each year's target is the sum of
    its parts; a year given by quarters or months keeps them as its schedule."""
    by_year: dict[int, list[Part]] = {}
    for label, v in value.items():
        key = parse_key(label)
        assert key is not None  # checked by _Checker._read_parts
        targets[(code, unit, key.year)] = targets.get((code, unit, key.year), 0.0) + v
        if key.grain != "year":
            by_year.setdefault(key.year, []).append(key.part(v))
    for year, own in by_year.items():
        parts[(code, unit, year)] = tuple(sorted(own))


def plan_words(m: PlanFile) -> PlanWords:
    """The plan's words as written, with what it leaves out derived (see :func:`derive_words`)."""
    return derive_words(
        level=m.plan.level,
        unit_word=m.plan.unit_word,
        district=m.district.name,
        region=m.plan.region,
        unit_types=[u.type for u in m.units],
        addressees=m.plan.addressees,
        level_en=m.plan.level_en,
        unit_word_en=m.plan.unit_word_en,
    )


def consistency_notes(plan: Plan, m: PlanFile, name: str, pos: _Positions | None = None) -> list[Finding]:
    """Where the plan disagrees with itself: breakdown sums that differ from the goal they serve,
    and breakdowns that serve a goal measured differently. Notes, never errors."""
    notes: list[Finding] = []
    where = pos or _Positions()
    goals = {g.code: g for g in m.goals}
    for i, b in enumerate(m.breakdowns):
        if not b.serves or b.serves.goal not in goals:
            continue
        goal = goals[b.serves.goal]
        path: PathKey = ("breakdowns", i, "serves")
        line, col = where.find(path)
        if b.serves.compare == "sum":
            allocated = plan.plan_target(b.code, plan.district_name)
            if allocated is None or goal.target is None or _same(allocated, goal.target):
                continue
            diff = allocated - goal.target
            notes.append(
                Finding(
                    "breakdown-differs",
                    "note",
                    name,
                    line=line,
                    column=col,
                    path=_dotted(path),
                    words=plan.words,
                    params={
                        "code": b.code,
                        "name": b.name,
                        "name_en": b.name_en or b.name,
                        "allocated": _fmt(allocated),
                        "unit": b.unit or "",
                        "goal": goal.code,
                        "goal_name": goal.name,
                        "goal_name_en": goal.name_en or goal.name,
                        "target": _fmt(goal.target),
                        "diff": f"{diff:+g}",
                    },
                )
            )
        else:
            notes.append(
                Finding(
                    "breakdown-not-comparable",
                    "note",
                    name,
                    line=line,
                    column=col,
                    path=_dotted(path),
                    words=plan.words,
                    params={
                        "code": b.code,
                        "name": b.name,
                        "name_en": b.name_en or b.name,
                        "unit": b.unit or "",
                        "goal": goal.code,
                        "goal_name": goal.name,
                        "goal_name_en": goal.name_en or goal.name,
                        "goal_unit": goal.unit or "",
                        "why": b.serves.why or "",
                    },
                )
            )
    return notes
