"""Schema errors of a plan YAML, told in the user's language: no pydantic English reaches them.

Every error type a YAML value can produce is mapped to a catalogue message that names the key,
what was written and what to write instead; an unknown key gets the nearest valid key, a wrong
choice the valid ones (``kind: 增量`` → ``flow``). A misspelt key (``scpoe``) is one finding, not
"missing scope" plus "extra scpoe".
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Iterable
from difflib import get_close_matches
from typing import Any

from ipcounty.findings import Finding
from ipcounty.i18n import LABELS, phrase
from ipcounty.plan.targets import as_written

PathKey = tuple[str | int, ...]

# pydantic error type -> catalogue key
_KEYS = {
    "missing": "schema-missing",
    "extra_forbidden": "schema-unknown-key",
    "literal_error": "schema-choice",
    "enum": "schema-choice",
    "float_parsing": "schema-number",
    "float_type": "schema-number",
    "finite_number": "schema-number",
    "int_parsing": "schema-integer",
    "int_type": "schema-integer",
    "int_from_float": "schema-integer",
    "string_type": "schema-text",
    "bool_parsing": "schema-bool",
    "bool_type": "schema-bool",
    "date_parsing": "schema-date",
    "date_type": "schema-date",
    "date_from_datetime_parsing": "schema-date",
    "date_from_datetime_inexact": "schema-date",
    "datetime_parsing": "schema-date",
    "list_type": "schema-list",
    "tuple_type": "schema-list",
    "set_type": "schema-list",
    "dict_type": "schema-map",
    "model_type": "schema-map",
    "model_attributes_type": "schema-map",
    "string_too_short": "schema-empty",
    "too_short": "schema-empty",
    "string_too_long": "schema-too-long",
    "too_long": "schema-too-long",
    "greater_than_equal": "schema-min",
    "greater_than": "schema-min",
    "less_than_equal": "schema-max",
    "less_than": "schema-max",
    "string_pattern_mismatch": "schema-pattern",
}


def dotted(loc: Iterable[str | int]) -> str:
    """``breakdowns[0].targets.税郭镇`` from a path."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def schema_findings(
    errors: list[dict[str, Any]], root: type, name: str, where: Callable[[PathKey], tuple[int, int]]
) -> list[Finding]:
    """One finding per mistake in ``errors`` (pydantic's ``exc.errors()``) of a file validated as
    ``root``, each at ``where(path)`` (line, column)."""
    errs = [e for e in errors if not _is_union_tag(e)]
    missing = {tuple(e["loc"]): e for e in errs if e["type"] == "missing"}
    used_missing: set[PathKey] = set()
    out: list[Finding] = []
    for e in errs:
        loc: PathKey = tuple(e["loc"])
        kind = e["type"]
        if kind == "missing":
            continue
        params: dict[str, Any] = {"key": str(loc[-1]) if loc else "", "path": dotted(loc)}
        params["parent"] = dotted(loc[:-1]) or "—"
        params["value"] = _show(e.get("input"))
        ctx = e.get("ctx") or {}
        key = _KEYS.get(kind, "schema-other")
        if kind == "extra_forbidden":
            fields = _fields_at(root, loc[:-1])
            close = get_close_matches(str(loc[-1]), fields, n=1, cutoff=0.6)
            gone = (*loc[:-1], close[0]) if close else None
            if gone is not None and gone in missing:
                key = "schema-misspelt-key"
                params["name"] = close[0]
                used_missing.add(gone)
            else:
                params["hint"] = phrase("hint-did-you-mean", name=close[0]) if close else ""
                params["known"] = ", ".join(fields) or "—"
        elif kind in ("literal_error", "enum"):
            choices = re.findall(r"'([^']*)'", str(ctx.get("expected", ""))) or [str(ctx.get("expected", ""))]
            params["choices"] = ", ".join(choices)
            params["hint"] = _choice_hint(e.get("input"), choices)
        elif kind in ("greater_than_equal", "greater_than"):
            params["limit"] = as_written(ctx.get("ge", ctx.get("gt")))
        elif kind in ("less_than_equal", "less_than"):
            params["limit"] = as_written(ctx.get("le", ctx.get("lt")))
        elif kind in ("string_too_long", "too_long"):
            params["limit"] = ctx.get("max_length", "")
        elif kind in ("model_type", "dict_type", "model_attributes_type") and e.get("input") is None:
            key = "schema-blank"
        elif key == "schema-other":
            params["type"] = kind
        out.append(_finding(key, loc, name, where, params))
    for loc in missing:
        if loc in used_missing:
            continue
        params = {"key": str(loc[-1]) if loc else "", "path": dotted(loc), "parent": dotted(loc[:-1]) or "—"}
        out.append(_finding("schema-missing", loc, name, where, params))
    out.sort(key=lambda f: (f.line or 0, f.column or 0))
    return out


def _finding(
    key: str, loc: PathKey, name: str, where: Callable[[PathKey], tuple[int, int]], params: dict[str, Any]
) -> Finding:
    line, col = where(loc)
    return Finding(key, "error", name, line=line, column=col, path=dotted(loc), params=params)


def _is_union_tag(e: dict[str, Any]) -> bool:
    # A value failing every member of a union is reported once per member, its loc ending in the
    # member's type name (``float``, ``dict[str,float]``); the first member's report is kept.
    loc = e["loc"]
    return any(isinstance(p, str) and re.fullmatch(r"[a-z_]+\[.*\]|function-.*", p) for p in loc)


def _show(value: Any) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


# Words a clerk writes for a choice, beyond the labels the program shows (kind.flow = 增量 …).
_SYNONYMS = {
    "以内": "at_most",
    "以下": "at_most",
    "不超过": "at_most",
    "不高于": "at_most",
    "上限": "at_most",
    "以上": "at_least",
    "不低于": "at_least",
    "不少于": "at_least",
    "达到": "at_least",
    "新增": "flow",
    "累计": "flow",
    "拥有量": "stock",
    "比例": "rate",
    "百分比": "rate",
    "每年": "yearly",
    "年度": "yearly",
    "合计": "period",
    "期间": "period",
    "每月": "monthly",
    "月度": "monthly",
    "每季度": "quarterly",
    "季度": "quarterly",
    "每年一次": "yearly",
}


def _choice_hint(value: Any, choices: list[str]) -> Any:
    """``（“增量”写作 flow）`` for a Chinese label of a choice, else the nearest choice."""
    if isinstance(value, str):
        code = _SYNONYMS.get(value.strip())
        if code in choices:
            return phrase("hint-choice-label", value=value, code=code)
        for label_key, (zh, en) in LABELS.items():
            code = label_key.split(".", 1)[-1]
            if code in choices and value.strip() in (zh, en):
                return phrase("hint-choice-label", value=value, code=code)
        close = get_close_matches(value, choices, n=1, cutoff=0.5)
        if close:
            return phrase("hint-did-you-mean", name=close[0])
    return ""


def _fields_at(root: type, loc: PathKey) -> list[str]:
    """The keys the model at ``loc`` accepts (for "did you mean")."""
    model: Any = root
    for part in loc:
        model = _unwrap(model)
        if isinstance(part, int):
            args = typing.get_args(model)
            model = args[0] if args else None
        elif hasattr(model, "model_fields"):
            field = model.model_fields.get(part)
            model = field.annotation if field else None
        else:
            args = typing.get_args(model)  # dict[K, V]: the value type
            model = args[-1] if args else None
        if model is None:
            return []
    model = _unwrap(model)
    return list(model.model_fields) if hasattr(model, "model_fields") else []


def _unwrap(annotation: Any) -> Any:
    """``X | None`` → X (the first model or container of a union)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                return arg
    return annotation
