"""A table of cells that never wrap, laid out here as rich's ``Table(box=SIMPLE_HEAD,
show_edge=False, pad_edge=False, padding=(0, gap, 0, 0))`` lays out one that fits the console:
the same characters and the same styles, segment for segment.

Rich measured and rendered every cell again through its layout engine — most of ``report``'s
time over thousands of units; here each column's width is the widest of its header and cells
(display width), each line is made once.

The layout, as rich does it: a bold header line, a rule of ``─`` the table's width, a line per row.
Every column but the last is followed by ``gap`` spaces of padding and then by a one-space
separator. A cell is justified within its column in its own style (the row's style plus the
cell's), the padding takes the row's style, the separators and the rule none.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions
    from rich.segment import Segment


class TextTable:
    """Columns named by ``heads`` (``right``: right-justified), rows added with :meth:`add_row`;
    print it with ``console.print(table, crop=False)``."""

    def __init__(self, heads: Sequence[str], right: Sequence[bool], *, gap: int = 1) -> None:
        self.heads = list(heads)
        self.right = list(right)
        self.gap = gap
        self.rows: list[tuple[list[str], list[str], str]] = []

    def add_row(self, cells: Sequence[str], styles: Sequence[str] = (), style: str = "") -> None:
        """One row: its cells, a style per cell ("" for none; missing ones none), the row's style."""
        self.rows.append((list(cells), list(styles), style))

    def widths(self) -> list[int]:
        """Each column's width, without its padding: the widest of its header and cells."""
        from rich.cells import cell_len

        out = [cell_len(h) for h in self.heads]
        for cells, _, _ in self.rows:
            for i, c in enumerate(cells):
                n = cell_len(c)
                if n > out[i]:
                    out[i] = n
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.cells import cell_len
        from rich.segment import Segment
        from rich.style import Style

        widths = self.widths()
        last = len(widths) - 1
        parse = console.get_style
        styles: dict[str, Style | None] = {"": None}

        def style_of(name: str) -> Style | None:
            if name not in styles:
                styles[name] = parse(name)
            return styles[name]

        def justified(text: str, i: int) -> str:
            if self.right[i]:
                text = text.rstrip()  # as rich does before it right-justifies
                return " " * (widths[i] - cell_len(text)) + text
            return text + " " * (widths[i] - cell_len(text))

        gap = " " * self.gap
        new_line = Segment.line()

        def line(cells: Sequence[str], cell_styles: Sequence[str], row: str) -> Iterator[Segment]:
            """Unstyled runs (plain cells, separators) are joined into one segment: they print the same."""
            row_style = style_of(row)
            plain = ""
            for i, text in enumerate(cells):
                content = justified(text, i)
                own = style_of(cell_styles[i]) if i < len(cell_styles) else None
                style = row_style + own if row_style and own else row_style or own
                if style is None:
                    plain += content
                else:
                    if plain:
                        yield Segment(plain)
                        plain = ""
                    yield Segment(content, style)
                if i == last:
                    break
                if gap and row_style is not None:
                    if plain:
                        yield Segment(plain)
                        plain = ""
                    yield Segment(gap, row_style)
                    plain = " "
                else:
                    plain += gap + " "
            if plain:
                yield Segment(plain)
            yield new_line

        yield from line(self.heads, [""] * len(self.heads), "table.header")
        yield Segment("─" * (sum(widths) + last * (self.gap + 1)))
        yield new_line
        for cells, cell_styles, row in self.rows:
            yield from line(cells, cell_styles, row)
