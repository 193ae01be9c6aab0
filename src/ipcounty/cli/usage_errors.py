"""Typer's usage errors (bad option, missing file, wrong choice) in the user's language.

Typer builds these messages in English; they are recognised here by their type and wording
and said again from the catalogue (``i18n/cli_messages.py``), with the English text kept only
when a message is not one we know (so nothing is ever lost)."""

from __future__ import annotations

import re
from typing import Any

from ipcounty.i18n import tr

_PATH = re.compile(
    r"^(File|Directory|Path) '(?P<path>.*)' "
    r"(?P<what>does not exist|is a file|is a directory|is not readable|is not writable)\.$"
)
_NOT_VALID = re.compile(r"^'(?P<value>.*)' is not a valid (?P<type>[\w ]+)\.")
_NOT_ONE_OF = re.compile(r"^'(?P<value>.*)' is not one of (?P<choices>.*)\.$")
_NO_COMMAND = re.compile(r"^No such command '(?P<name>.*)'\.(?: Did you mean (?P<close>.*)\?)?$")
_EXTRA = re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$")
_REQUIRES = re.compile(r"^Option '(?P<name>.*)' requires an argument\.$")
_WHAT = {
    "does not exist": "usage.path-missing",
    "is a file": "usage.path-is-file",
    "is a directory": "usage.path-is-folder",
    "is not readable": "usage.path-unreadable",
    "is not writable": "usage.path-unwritable",
}
_TYPES = {
    "integer": "usage.type-integer",
    "int": "usage.type-integer",
    "float": "usage.type-number",
    "boolean": "usage.type-boolean",
}
_ARGUMENTS = {"files": "usage.arg-files", "paths": "usage.arg-paths", "year": "usage.arg-year"}


def _param(exc: Any) -> str:
    hint = getattr(exc, "param_hint", None)
    param = getattr(exc, "param", None)
    if hint is None and param is not None:
        try:
            hint = param.get_error_hint(getattr(exc, "ctx", None))
        except Exception:  # noqa: BLE001 - a hint is a nicety; the message stands without it
            hint = None
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(str(h) for h in hint)
    return str(hint or "").replace("'", "")


# The options of ``ipcounty`` itself, written before the command (and those that take a value).
GLOBAL_OPTIONS = {"--plan": True, "--lang": True, "--debug": False, "--version": False}


def moved_global(argv: list[str], option: str) -> str | None:
    """``report 2025 --lang en`` as it must be typed, ``--lang en report 2025``; None when
    ``option`` is not a global option found in ``argv``."""
    for i, arg in enumerate(argv):
        name = arg.split("=", 1)[0]
        if name == option and name in GLOBAL_OPTIONS:
            take = 2 if GLOBAL_OPTIONS[name] and "=" not in arg and i + 1 < len(argv) else 1
            moved = argv[i : i + take]
            rest = argv[:i] + argv[i + take :]
            return " ".join(_quoted(a) for a in [*moved, *rest])
    return None


def _quoted(arg: str) -> str:
    import shlex

    return shlex.quote(arg)


def usage_message(exc: Any, lang: str, argv: list[str] | None = None) -> str:
    """The sentence for a Typer usage error ``exc`` in ``lang`` (``argv``: the command line, to
    show a global option typed after the command where it belongs)."""
    name = type(exc).__name__
    if name == "NoSuchOption" and argv is not None:
        fixed = moved_global(argv, str(getattr(exc, "option_name", "")))
        if fixed is not None:
            return tr("usage.global-after-command", lang, name=exc.option_name, fixed=f"ipcounty {fixed}")
    message = str(getattr(exc, "message", "") or "")
    param = _param(exc)
    base = param.rstrip(".").lower()
    if base in _ARGUMENTS:  # an argument's name (FILES, YEAR) in the user's words
        param = tr(_ARGUMENTS[base], lang)
    if name == "NoSuchOption":
        close = ", ".join(getattr(exc, "possibilities", None) or [])
        hint = tr("usage.did-you-mean", lang, name=close) if close else ""
        return tr("usage.no-such-option", lang, name=getattr(exc, "option_name", ""), hint=hint)
    if name == "MissingParameter":
        return tr("usage.missing", lang, param=param)
    m = _PATH.match(message)
    if m:
        return tr(_WHAT[m["what"]], lang, param=param, path=m["path"])
    m = _NOT_ONE_OF.match(message)
    if m:
        return tr("usage.not-a-choice", lang, param=param, value=m["value"], choices=m["choices"].replace("'", ""))
    m = _NOT_VALID.match(message)
    if m and m["type"] in _TYPES:
        return tr("usage.bad-value", lang, param=param, value=m["value"], what=tr(_TYPES[m["type"]], lang))
    m = _NO_COMMAND.match(message)
    if m:
        close = (m["close"] or "").replace("'", "")
        hint = tr("usage.did-you-mean", lang, name=close) if close else ""
        return tr("usage.no-such-command", lang, name=m["name"], hint=hint)
    m = _EXTRA.match(message)
    if m:
        return tr("usage.extra-arguments", lang, args=m["args"])
    m = _REQUIRES.match(message)
    if m:
        return tr("usage.needs-value", lang, name=m["name"])
    if message == "Missing command.":
        return tr("usage.missing-command", lang)
    if name == "BadParameter" and param:
        return tr("usage.bad-parameter", lang, param=param, detail=message)
    return tr("usage.other", lang, detail=exc.format_message() if hasattr(exc, "format_message") else message)
