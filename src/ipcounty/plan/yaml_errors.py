"""A plan file that is not readable YAML, explained the way a clerk can fix it.

The YAML parser reports where it gave up, often the line after the slip, in English. Here the
slip itself is found — a tab, a full-width colon ``：``, a missing colon or the space after it,
a line indented too far or not far enough, an unclosed bracket or quote, a missing comma — and
named at its own line and column. A file saved as GBK or UTF-16 is told to be saved as UTF-8.
"""

from __future__ import annotations

import re
from typing import Any

from ipcounty.findings import Finding

# A key followed by a full-width colon before any half-width one: ``id：x``, ``税郭镇：{2024: 1}``.
_FW_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s:#'\"{}\[\],：]+)\s*：")
_ASCII_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_NO_SPACE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:[^\s/]")


def decode_plan(data: bytes, name: str) -> tuple[str | None, Finding | None]:
    """The text of a plan file, or the finding that says which encoding to save it in."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and b"\x00" in data[:200]):
        return None, Finding("plan-encoding", "error", name, line=1, column=1, params={"encoding": "UTF-16"})
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: exc.start].count(b"\n") + 1
            return None, Finding(
                "plan-encoding", "error", name, line=line, column=1, params={"encoding": "UTF-8 以外的编码"}
            )
        line = data[: exc.start].count(b"\n") + 1
        return None, Finding("plan-encoding", "error", name, line=line, column=1, params={"encoding": "GBK"})


def fullwidth_colons(text: str, name: str, *, keys: set[str] | None = None) -> list[Finding]:
    """Lines whose key is followed by ``：``. With ``keys`` (a file that parsed), only keys that
    are plan keys or names the plan knows are reported, so ``summary: 甲：乙`` is never flagged."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        m = _FW_KEY.match(line)
        if not m:
            continue
        key = m[2]
        if keys is not None and not (_ASCII_KEY.match(key) or key in keys):
            continue
        col = line.index("：", m.end(1)) + 1
        out.append(Finding("yaml-fullwidth-colon", "error", name, line=n, column=col, params={"key": key}))
    return out


def explain(exc: Any, text: str, name: str) -> Finding:
    """The one finding for a YAML syntax error ``exc`` (a ruamel ``MarkedYAMLError``)."""
    lines = text.splitlines()
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(exc.problem or "")
    context = str(exc.context or "")
    ctx_line = exc.context_mark.line + 1 if exc.context_mark else line

    def at(code: str, n: int, c: int, **params: Any) -> Finding:
        return Finding(code, "error", name, line=n, column=c, params={"detail": f"{context} {problem}", **params})

    if "'\\t'" in problem or "\t" in problem:
        return at("yaml-tab", line, col)
    for n in range(max(1, min(ctx_line, line - 1)), line + 1):
        src = lines[n - 1] if n - 1 < len(lines) else ""
        if "：" in src and _FW_KEY.match(src):
            m = _FW_KEY.match(src)
            assert m is not None
            return at("yaml-fullwidth-colon", n, src.index("：", m.end(1)) + 1, key=m[2])
    if "expected ',' or '}'" in problem or "expected ',' or ']'" in problem:
        opened = _content(lines, ctx_line)
        unbalanced = opened.count("{") > opened.count("}") or opened.count("[") > opened.count("]")
        if "stream end" in problem or "end of stream" in problem or (line > ctx_line and unbalanced):
            return at("yaml-unclosed", ctx_line, _first_col(lines, ctx_line))
        return at("yaml-flow-comma", line, col)
    if "quoted scalar" in context or "end of stream" in problem:
        return at("yaml-unclosed", ctx_line, _first_col(lines, ctx_line))
    if "could not find expected ':'" in problem:
        n = ctx_line
        src = lines[n - 1] if 0 < n <= len(lines) else ""
        if _NO_SPACE.match(src):
            return at("yaml-colon-space", n, src.index(":") + 1, text=src.strip())
        return at("yaml-missing-colon", n, _first_col(lines, n), text=_content(lines, n))
    if "mapping values are not allowed" in problem:
        prev = _previous_content_line(lines, line)
        if prev is not None:
            src = lines[prev - 1]
            if _NO_SPACE.match(src):
                return at("yaml-colon-space", prev, src.index(":") + 1, text=src.strip())
            if ":" not in src and not src.lstrip().startswith(("-", "{", "[")):
                return at("yaml-missing-colon", prev, _first_col(lines, prev), text=src.strip())
            if _indent(lines[line - 1]) > _indent(src):
                return at("yaml-indent", line, _first_col(lines, line), text=_content(lines, line))
    for n in range(1, min(line, len(lines)) + 1):
        src = lines[n - 1]
        value = src.split(": ", 1)[-1].lstrip(" -")
        quote = value[:1]
        if quote in ("'", '"') and value.count(quote) % 2:
            return at("yaml-unclosed", n, src.index(value) + 1)
    if "expected <block end>" in problem or "block mapping" in context or "block collection" in context:
        return at("yaml-indent", line, _first_col(lines, line), text=_content(lines, line))
    return at("yaml-syntax", line, col)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _first_col(lines: list[str], n: int) -> int:
    return _indent(lines[n - 1]) + 1 if 0 < n <= len(lines) else 1


def _content(lines: list[str], n: int) -> str:
    return lines[n - 1].strip() if 0 < n <= len(lines) else ""


def _previous_content_line(lines: list[str], n: int) -> int | None:
    for k in range(n - 1, 0, -1):
        src = lines[k - 1].strip()
        if src and not src.startswith("#"):
            return k
    return None
