"""``ipcounty -h`` in the user's language, wrapped by display width.

Typer's help (click underneath) is English (``Usage:``, ``Options``, ``[required]``, ``Show this
message and exit.``) and measures text in characters, so a line of Chinese — two columns a
character — ran past the terminal. :class:`HelpFormatter` writes every word of the help page from
the catalogue (``i18n/help_messages.py``) and wraps by display width, breaking between Chinese
characters but never before a closing mark (，。、）) or after an opening one (（“).

Command docstrings are written ``中文 / English``: each language shows its half. Option help is
written in Chinese in the command modules; its English is the catalogue's pair of that text.

Only the standard library is imported here: ``--help`` stays fast.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from contextlib import contextmanager
from typing import Any

from typer._click.formatting import HelpFormatter as _ClickFormatter

from ipcounty.i18n import tr

# The language of the help page, set by the command line's entry point before parsing (the
# global --lang is not parsed yet when ``ipcounty -h`` prints).
_LANG = ["zh"]

_CLOSING = set("，。、；：？！）》」』】”’,;:?!)%…")
_OPENING = set("（《「『【“‘(")
_HEADINGS = {
    "Usage": "help.usage",
    "Options": "help.options",
    "Arguments": "help.arguments",
    "Commands": "help.commands",
}
_PAIR = re.compile(r"^(?P<zh>.*[^\x00-\x7f].*?)\s*/\s+(?P<en>[\x00-\x7f]+?)\s*$", re.DOTALL)
_EXTRA = re.compile(r"\s*\[(?P<items>[^\[\]]*)\]$")
_METAVAR = re.compile(
    r"<(?P<name>[a-z]+)>|\[OPTIONS\]|COMMAND \[ARGS\]\.\.\.|\{(?P<arg>[a-z_]+)\}|\b(?P<bare>year|paths)\b"
)


def set_lang(lang: str) -> None:
    _LANG[0] = "en" if lang == "en" else "zh"


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal: a Chinese character (or a full-width form) takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _tokens(text: str) -> list[str]:
    """Pieces a line may break between: each Chinese character, each Latin word with the spaces
    after it; closing marks stay on the piece before them, opening marks on the piece after."""
    raw = re.findall(r"[ -~]+?(?:\s+|(?=[^ -~])|$)|[^ -~]", text)
    pieces: list[str] = []
    carry = ""
    for piece in raw:
        if piece in _OPENING:
            carry += piece
            continue
        piece = carry + piece
        carry = ""
        if pieces and piece[0] in _CLOSING:
            pieces[-1] += piece
        else:
            pieces.append(piece)
    if carry:
        pieces.append(carry)
    return pieces


def wrap(text: str, limit: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """``text`` in lines of at most ``limit`` columns (a piece longer than a line stands alone)."""
    lines: list[str] = []
    line = initial_indent
    start = len(initial_indent)
    for piece in _tokens(" ".join(text.split())):
        if len(line) > start and width(line) + width(piece.rstrip()) > limit:
            lines.append(line.rstrip())
            line = subsequent_indent
            start = len(subsequent_indent)
            piece = piece.lstrip()
        line += piece
    lines.append(line.rstrip())
    return lines


def pick_language(text: str, lang: str) -> str:
    """``中文 / English``: the half in ``lang``; any other text as it is."""
    m = _PAIR.match(text)
    if m:
        return m["en"] if lang == "en" else m["zh"]
    return text


def _english_help() -> dict[str, str]:
    from ipcounty.i18n import help_messages

    return {zh: en for zh, en in help_messages.OPTION_HELP.values()}


def _word(name: str, lang: str) -> str:
    """A placeholder's name (``<file>``, ``year``) in ``lang``; an unknown one as it is."""
    from ipcounty.i18n import MESSAGES

    key = f"help.metavar.{name}"
    return tr(key, lang) if key in MESSAGES else name


def _metavar(match: re.Match[str], lang: str) -> str:
    text = match.group(0)
    if match["name"]:
        return "<" + _word(match["name"], lang) + ">"
    if match["arg"]:
        return "{" + _word(match["arg"], lang) + "}"
    if match["bare"]:
        return _word(match["bare"], lang)
    return tr("help.options-metavar" if text == "[OPTIONS]" else "help.command-metavar", lang)


class HelpFormatter(_ClickFormatter):
    """Typer's help page, said in the user's language and wrapped by display width."""

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None) -> None:
        super().__init__(indent_increment, width, max_width)
        self.lang = _LANG[0]

    # -- words ---------------------------------------------------------------------------------
    def _say(self, text: str) -> str:
        text = pick_language(text, self.lang)
        if self.lang == "en":
            return _english_help().get(text, text)
        return text

    def _help(self, text: str) -> str:
        """An option's help with Typer's ``[default: table]`` / ``[required]`` said in words."""
        if text == "Show this message and exit.":
            return tr("help.help-option", self.lang)
        m = _EXTRA.search(text)
        extra = ""
        if m and all(item.strip().startswith(("default:", "required", "env var:")) for item in m["items"].split(";")):
            said = []
            for item in m["items"].split(";"):
                item = item.strip()
                if item == "required":
                    said.append(tr("help.required", self.lang))
                elif item.startswith("default:"):
                    said.append(tr("help.default", self.lang, value=item.split(":", 1)[1].strip()))
                else:
                    said.append(tr("help.env-var", self.lang, name=item.split(":", 1)[1].strip()))
            extra = tr("help.extra", self.lang, items=tr("help.extra-sep", self.lang).join(said))
            text = text[: m.start()]
        return self._say(text.strip()) + extra

    def _names(self, text: str) -> str:
        return _METAVAR.sub(lambda m: _metavar(m, self.lang), text)

    # -- layout --------------------------------------------------------------------------------
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = tr("help.usage", self.lang) + tr("help.colon", self.lang)
        head = f"{'':>{self.current_indent}}{prefix}{prog} "
        lines = wrap(self._names(args), self.width, head, " " * width(head))
        self.write("\n".join(lines) + "\n")

    def write_heading(self, heading: str) -> None:
        key = _HEADINGS.get(heading)
        said = tr(key, self.lang) if key else heading
        self.write(f"{'':>{self.current_indent}}{said}{tr('help.heading-colon', self.lang)}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        out = ["\n".join(wrap(self._say(" ".join(p.split())), self.width, indent, indent)) for p in paragraphs]
        self.write("\n\n".join(out) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(self._names(first), self._help(second) if second else "") for first, second in rows]
        first_col = min(max((width(r[0]) for r in rows), default=0), col_max) + col_spacing
        indent = self.current_indent
        for first, second in rows:
            self.write(f"{'':>{indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + " " * (first_col + indent))
            limit = max(self.width - first_col - indent, 20)
            lines = wrap(second, limit)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + indent) + line + "\n")

    @contextmanager
    def section(self, name: str) -> Any:
        self.write_paragraph()
        self.write_heading(name)
        self.indent()
        try:
            yield
        finally:
            self.dedent()
