"""A table of cells that never wrap, laid out here as rich's ``Table(box=SIMPLE_HEAD,
show_edge=False, pad_edge=False, padding=(0, gap, 0, 0))`` lays out one that fits the console:
the same characters and the same styles, the same escape codes on a terminal; to a console without
colour (a pipe, a file, ``-o``) the whole table goes as one piece of text.

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
    from rich.style import Style


class TextTable:
    """Columns named by ``heads`` (``right``: right-justified), rows added with :meth:`add_row`;
    print it with ``console.print(table, crop=False)``.

    ``pad_left``: the ``gap`` is each column's padding on its left (``padding=(0, 0, 0, gap)``)
    instead of on its right, the first column's left edge unpadded as rich's ``pad_edge=False``
    leaves it. ``min_widths``: each column at least that wide (rich's ``min_width``)."""

    def __init__(
        self,
        heads: Sequence[str],
        right: Sequence[bool],
        *,
        gap: int = 1,
        pad_left: bool = False,
        min_widths: Sequence[int] = (),
    ) -> None:
        self.heads = list(heads)
        self.right = list(right)
        self.gap = gap
        self.pad_left = pad_left
        self.min_widths = list(min_widths)
        self.rows: list[tuple[list[str], list[str], str]] = []
        self._widths: list[int] | None = None

    def add_row(self, cells: Sequence[str], styles: Sequence[str] = (), style: str = "") -> None:
        """One row: its cells, a style per cell ("" for none; missing ones none), the row's style."""
        self.rows.append((list(cells), list(styles), style))
        self._widths = None

    def add_column(self, head: str, right: bool, cells: Sequence[str]) -> None:
        """A last column (unstyled), a cell for each row added."""
        from rich.cells import cell_len

        widths = self.widths()
        self.heads.append(head)
        self.right.append(right)
        for (row, _, _), text in zip(self.rows, cells, strict=True):
            row.append(text)
        widths.append(max(map(cell_len, {head, *cells})))

    def widths(self) -> list[int]:
        """Each column's width, without its padding: the widest of its header and cells."""
        from rich.cells import cell_len

        if self._widths is None:
            columns = zip(self.heads, *(cells for cells, _, _ in self.rows), strict=True)
            self._widths = [max(map(cell_len, set(column))) for column in columns]  # cells repeat
            for i, least in enumerate(self.min_widths[: len(self._widths)]):
                self._widths[i] = max(self._widths[i], least)
        return self._widths

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.cells import cell_len
        from rich.segment import Segment

        widths = self.widths()
        last = len(widths) - 1
        styles: dict[str, Style | None] = {"": None}

        def style_of(name: str) -> Style | None:
            if name not in styles:
                styles[name] = console.get_style(name)
            return styles[name]

        def justified(text: str, width: int, right: bool) -> str:
            if right:
                text = text.rstrip()  # as rich does before it right-justifies
                return " " * (width - cell_len(text)) + text
            return text + " " * (width - cell_len(text))

        seen: list[dict[str, str]] = [{} for _ in widths]  # a column's cells repeat: 15, 100.0%, 红灯

        def fill(i: int, text: str) -> str:
            seen[i][text] = justified(text, widths[i], self.right[i])
            return seen[i][text]

        after = " " * self.gap + " "  # a column's padding, then the separator
        new_line = Segment.line()

        def line(cells: Sequence[str], cell_styles: Sequence[str], row: str) -> Iterator[Segment]:
            """Unstyled runs (plain cells, separators) are joined into one segment: they print the same."""
            texts = [seen[i].get(text) or fill(i, text) for i, text in enumerate(cells)]
            row_style = style_of(row)
            if row_style is None and not any(cell_styles):
                yield Segment(after.join(texts))
                yield new_line
                return
            plain = ""
            for i, content in enumerate(texts):
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
                if self.gap and row_style is not None:
                    if self.pad_left:  # the separator, then the next column's padding
                        yield Segment(plain + " ")
                        yield Segment(after[:-1], row_style)
                        plain = ""
                        continue
                    if plain:
                        yield Segment(plain)
                    yield Segment(after[:-1], row_style)
                    plain = " "
                else:
                    plain += after
            if plain:
                yield Segment(plain)
            yield new_line

        rule = "─" * (sum(widths) + last * (self.gap + 1))
        if console.color_system is None and not console.record:  # no styles to print: the text at once
            rows = (after.join([seen[i].get(t) or fill(i, t) for i, t in enumerate(c)]) for c, _, _ in self.rows)
            yield Segment("\n".join([after.join(map(justified, self.heads, widths, self.right)), rule, *rows, ""]))
            return
        yield from line(self.heads, (), "table.header")
        yield Segment(rule)
        yield new_line
        for cells, cell_styles, row in self.rows:
            yield from line(cells, cell_styles, row)


class StyledLines:
    """Lines of text, each in one style (a style name, "" for none), printed as
    ``console.print(*[Text(line, style=style) ...], sep="\\n", **options)`` prints them: the
    same characters, the same escape codes; print it with ``console.print(lines, **options)``.

    The report's list of what to chase and the score's explanations have a line or more per unit
    (thousands over a large folder): rich made a ``Text`` of each, joined them and took the
    joined text apart again by style. As rich does, control codes are left out of each line.
    Lines rich would change go through rich itself: with a tab (rich expands tabs), justified,
    or wider than the console unless ``soft_wrap`` (rich wraps or cuts them)."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, str]] = []

    def append(self, text: str, style: str = "") -> None:
        self.lines.append((text, style))

    def __bool__(self) -> bool:
        return bool(self.lines)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.cells import cell_len
        from rich.control import strip_control_codes
        from rich.segment import Segment

        lines = [(strip_control_codes(text), style) for text, style in self.lines]
        as_is = options.justify in (None, "default") and not any("\t" in text for text, _ in lines)
        if as_is and options.overflow != "ignore":  # not soft_wrap: rich wraps or cuts a line wider than that
            width = options.max_width
            as_is = all(cell_len(part) <= width for text, _ in lines for part in text.split("\n"))
        if not as_is:  # rich lays them out
            from rich.text import Text

            yield from console.render(Text("\n").join([Text(t, style=s) for t, s in lines]), options)
            return
        if console.color_system is None and not console.record:  # no styles to print: the text at once
            if options.overflow == "ignore":  # soft_wrap: printed as it comes
                yield Segment("\n".join([text for text, _ in lines]) + "\n")
            else:  # a line at a time, for the console to crop (it splits one long text slowly)
                yield from (Segment(text + "\n") for text, _ in lines)
            return
        styles: dict[str, Style | None] = {"": None}
        new_line = Segment.line()
        first = True
        for text, name in lines:
            if name not in styles:
                styles[name] = console.get_style(name)
            for part in text.split("\n"):  # rich prints a line break unstyled
                if not first:
                    yield new_line
                first = False
                if part:
                    yield Segment(part, styles[name])
        yield new_line
