"""An official document as data: title, 主送, body paragraphs, attachments with tables.

The bulletin builds one of these from the report; one writer lays it out as a GB/T 9704 .docx,
another as plain text or Markdown for a chat. Nothing here knows how it will be shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# body: 仿宋 text; kai: a （一） lead in 楷体; hei: a 一、 heading in 黑体
Style = Literal["body", "kai", "hei"]
# body: an indented paragraph; h1: 一、 heading; h2: （一） heading; plain: no indent (主送, 附件 note)
Kind = Literal["body", "h1", "h2", "plain", "right"]


@dataclass(frozen=True)
class Span:
    text: str
    style: Style = "body"


@dataclass(frozen=True)
class Para:
    """One paragraph: its kind (how it is laid out) and its spans (how its parts are set)."""

    spans: tuple[Span, ...]
    kind: Kind = "body"

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


def body(*parts: str | Span) -> Para:
    """A body paragraph from text and spans (a plain string is 仿宋 body text)."""
    return Para(tuple(p if isinstance(p, Span) else Span(p) for p in parts))


def h1(text: str) -> Para:
    return Para((Span(text, "hei"),), "h1")


def h2(text: str) -> Para:
    return Para((Span(text, "kai"),), "h2")


@dataclass(frozen=True)
class Table:
    """A table of an attachment: the header row, the rows, and which columns hold numbers
    (set right-aligned). A row whose first cell is the only one filled is a group caption."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    widths: tuple[float, ...] = ()  # relative column widths; equal when empty
    names: frozenset[int] = frozenset()  # columns of names (a unit's): each cell kept on one line


@dataclass(frozen=True)
class Attachment:
    label: str  # 附件1
    title: str
    tables: tuple[tuple[str, Table], ...]  # (caption, table); caption may be ""
    notes: tuple[str, ...] = ()


@dataclass
class OfficialDocument:
    title: str
    addressees: str
    body: list[Para] = field(default_factory=list)
    attachment_note: str = ""  # 附件： as it reads before the signature
    signature: str = ""
    date: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    lang: str = "zh"
