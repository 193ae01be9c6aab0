"""Read a plan YAML into a :class:`~ipcounty.plan.runtime.Plan`, reporting every problem at once.

Where the plan is (``--plan`` > ``$IPCOUNTY_PLAN`` > ``./data/targets.yaml`` > the bundled copy),
reading it safely, the checked-plan cache, and the steps of a check: the YAML with positions
(:mod:`~ipcounty.plan.yaml_nodes`), the schema (pydantic, mapped back to lines by
:mod:`~ipcounty.plan.schema_errors`), the plan's own rules (:mod:`~ipcounty.plan.checks`), the
runtime plan (:mod:`~ipcounty.plan.build`) and its notes (:mod:`~ipcounty.plan.consistency`).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipcounty import __version__
from ipcounty.errors import PlanError, UsageError
from ipcounty.findings import Finding, has_errors
from ipcounty.i18n import tr
from ipcounty.plan.runtime import Plan
from ipcounty.sources import bundled, locate

ENV_PLAN = "IPCOUNTY_PLAN"


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
    return bundled("data/targets.yaml")


def resolve_plan_path(explicit: Path | None) -> Path:
    """``--plan`` > ``IPCOUNTY_PLAN`` > ``./data/targets.yaml`` > the bundled copy (``ipcounty.sources``)."""
    return locate(explicit, ENV_PLAN, Path("data") / "targets.yaml", Path.is_file, "data/targets.yaml").path


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
    sources = (
        "loader.py",
        "yaml_nodes.py",
        "checks.py",
        "build.py",
        "consistency.py",
        "targets.py",
        "runtime.py",
        "model.py",
        "scoring.py",
        "scoring_check.py",
        "cache.py",
    )
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
    from ipcounty.plan.build import build_plan
    from ipcounty.plan.checks import PlanChecker
    from ipcounty.plan.consistency import consistency_notes
    from ipcounty.plan.model import PlanFile
    from ipcounty.plan.yaml_nodes import NodeBuilder, Positions, TooLarge

    yaml = YAML(typ="safe", pure=True)
    try:
        root = yaml.compose(text)
    except MarkedYAMLError as exc:
        return LoadResult(None, [yaml_errors.explain(exc, text, name)])
    except YAMLError as exc:
        return LoadResult(None, [Finding("yaml-syntax", "error", name, params={"detail": exc})])

    pos = Positions()
    findings: list[Finding] = []
    if root is None:
        data: Any = {}
    else:
        builder = NodeBuilder(name, pos, findings)
        try:
            data = builder.build(root, ())
        except TooLarge:
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

    checker = PlanChecker(model, name, pos)
    findings.extend(checker.run())
    if has_errors(findings):
        return LoadResult(None, findings)
    plan = build_plan(checker.model, name)
    # The notes that change a number first: differing sums, then differing measures, then aliases.
    order = {"breakdown-differs": 0, "breakdown-not-comparable": 1}
    notes = sorted([*consistency_notes(plan, checker.model, name, pos), *findings], key=lambda f: order.get(f.code, 2))
    return LoadResult(plan, notes)
