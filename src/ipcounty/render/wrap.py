"""Text wrapped to a terminal's width by display width (a CJK character takes two columns), at the
points a reader expects a line to break: after Chinese punctuation, between Chinese characters,
at a space between words; never inside brackets such as ``（15 分）`` or ``(5 pt × 50.0%)``, never
between a figure and its unit (``2.5 分``)."""

from __future__ import annotations

import unicodedata

OPENING = "（(“‘《〈【["
CLOSING = "）)”’》〉】]，。；：、！？,.;:!?%"
OPERATORS = "≠×=+−/"


def cell_width(text: str) -> int:
    """Columns ``text`` takes on screen: CJK characters count two."""
    if text.isascii():
        return len(text)
    width = _widths.get(text)
    if width is None:
        if len(_widths) >= 50_000:
            _widths.clear()
        width = _widths[text] = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return width


# The pieces of the lines wrapped repeat (得 0 分；, 完成 13/15 个 …, over thousands of units): each
# is measured once. Bounded, for a program that imports ipcounty and runs for long.
_widths: dict[str, int] = {}


def _wide(ch: str) -> bool:
    """Whether ``ch`` takes two columns; False for "" (no character: the text's start or end)."""
    return bool(ch) and unicodedata.east_asian_width(ch) in "WF"


def _pieces(text: str, *, fine: bool = False) -> list[str]:
    """``text`` cut at every point a line may break (each piece keeps its trailing space): after
    Chinese punctuation and at spaces between words; with ``fine`` also between two Chinese
    characters. Never inside brackets."""
    pieces: list[str] = []
    start, depth = 0, 0
    for i, ch in enumerate(text):
        if ch in "（([【":
            depth += 1
        elif ch in "）)]】" and depth:
            depth -= 1
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if not nxt or depth or nxt in CLOSING:
            continue
        if ch == " ":
            prev = text[i - 1] if i else ""
            # a space beside a Chinese character ties a figure to its word (得 2.5 分); in English
            # it is between words, but a figure stays with the word after it (24 points)
            breaks = not (_wide(prev) or _wide(nxt) or prev.isdigit()) and nxt != " "
            breaks = breaks and nxt not in OPERATORS and prev not in OPERATORS
        elif ch in "，。；：、！？）":
            breaks = nxt != " "
        else:
            breaks = fine and _wide(ch) and _wide(nxt) and ch not in OPENING and nxt not in OPENING
        if breaks:
            pieces.append(text[start : i + 1])
            start = i + 1
    pieces.append(text[start:])
    return [p for p in pieces if p]


def _fold(piece: str, width: int) -> list[str]:
    """A piece wider than a line, cut by columns."""
    out, line, used = [], "", 0
    for ch in piece:
        w = cell_width(ch)
        if line and used + w > width:
            out.append(line)
            line, used = "", 0
        line += ch
        used += w
    return [*out, line]


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` columns. A piece that does not fit the rest of a
    line starts the next one, unless the line is less than half full: then the piece is cut
    between Chinese characters (or, as a last resort, by columns)."""
    key = (text, width)
    lines = _wrapped.get(key)
    if lines is None:
        if len(_wrapped) >= 10_000:
            _wrapped.clear()
        lines = _wrapped[key] = _wrap(text, width)
    return list(lines)


def wrap_parts(parts: list[str], sep: str, width: int) -> list[str]:
    """``parts`` joined by ``sep`` in lines of at most ``width`` columns, broken only between parts
    (a plan's "指纹 eaa9…" is never split); a part wider than a line is wrapped on its own."""
    lines: list[str] = []
    line = ""
    for part in parts:
        joined = f"{line}{sep}{part}" if line else part
        if cell_width(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line.rstrip())
        *full, line = wrap(part, width)
        lines.extend(full)
    return [*lines, line] if line else lines


# Sentences repeat over thousands of units (every unit that met B1 reads the same): each is
# wrapped once. Bounded, for a program that imports ipcounty and runs for long.
_wrapped: dict[tuple[str, int], list[str]] = {}


def _wrap(text: str, width: int) -> list[str]:
    width = max(width, 8)
    lines: list[str] = []
    line = ""
    used = 0  # cell_width(line), kept as pieces are added (widths add up)

    def add(piece: str, *, fine: bool) -> None:
        nonlocal line, used
        need = cell_width(piece.rstrip())
        if line and used + need > width and used * 2 >= width:
            lines.append(line.rstrip())
            line, used = "", 0
        if used + need <= width:
            line += piece
            used += cell_width(piece)
        elif not fine:
            for part in _pieces(piece, fine=True):
                add(part, fine=True)
        else:
            if line:
                lines.append(line.rstrip())
            *full, line = _fold(piece, width)
            lines.extend(full)
            used = cell_width(line)

    for piece in _pieces(text):
        add(piece, fine=False)
    if line.rstrip() or not lines:
        lines.append(line.rstrip())
    return lines
