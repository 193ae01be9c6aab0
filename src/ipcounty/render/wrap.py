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
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


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
    out, line = [], ""
    for ch in piece:
        if line and cell_width(line + ch) > width:
            out.append(line)
            line = ""
        line += ch
    return [*out, line]


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` columns. A piece that does not fit the rest of a
    line starts the next one, unless the line is less than half full: then the piece is cut
    between Chinese characters (or, as a last resort, by columns)."""
    width = max(width, 8)
    lines: list[str] = []
    line = ""

    def add(piece: str, *, fine: bool) -> None:
        nonlocal line
        if line and cell_width(line + piece.rstrip()) > width and cell_width(line) * 2 >= width:
            lines.append(line.rstrip())
            line = ""
        if cell_width(line + piece.rstrip()) <= width:
            line += piece
        elif not fine:
            for part in _pieces(piece, fine=True):
                add(part, fine=True)
        else:
            if line:
                lines.append(line.rstrip())
            *full, line = _fold(piece, width)
            lines.extend(full)

    for piece in _pieces(text):
        add(piece, fine=False)
    if line.rstrip() or not lines:
        lines.append(line.rstrip())
    return lines
