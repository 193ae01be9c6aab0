"""The report's units' tables are laid out by ipcounty (render/text_table.py), not by rich's Table:
the same characters and the same styles as rich's Table made them, at every width and language."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer.testing import CliRunner

import ipcounty.render.report_view as view
from ipcounty.cli import app
from ipcounty.render import report_table
from ipcounty.render.report_view import TABLE_COLUMNS, _cells
from ipcounty.render.text_table import StyledLines, TextTable
from tests.conftest import PLAN_PATH, ROOT

EXAMPLES = ROOT / "examples" / "returns"


def terminal(width: int, *, colour: bool = True) -> Console:
    if colour:
        return Console(file=io.StringIO(), width=width, force_terminal=True, color_system="standard", highlight=False)
    return Console(file=io.StringIO(), width=width, color_system=None, highlight=False)


def printed(console: Console) -> str:
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


def rich_table(table: TextTable) -> Table:
    """The table as rich's Table lays it out: the reference."""
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, table.gap, 0, 0))
    for head, right in zip(table.heads, table.right, strict=True):
        t.add_column(Text(head), justify="right" if right else "left", no_wrap=True)
    for cells, styles, style in table.rows:
        padded = [*styles, *[""] * (len(cells) - len(styles))]
        t.add_row(*(Text(c, style=s) for c, s in zip(cells, padded, strict=True)), style=style or None)
    return t


cell = st.text(st.sampled_from("ab 1.-%镇街（）全区Ⅱ"), max_size=7)


@settings(max_examples=60, deadline=None)
@given(
    columns=st.lists(st.booleans(), min_size=1, max_size=5),
    rows=st.lists(
        st.tuples(
            st.lists(cell, min_size=5, max_size=5),
            st.lists(st.sampled_from(["", "green", "bold red", "dim"]), max_size=5),
            st.sampled_from(["", "bold"]),
        ),
        max_size=4,
    ),
    gap=st.sampled_from([0, 1]),
    colour=st.booleans(),
)
def test_a_text_table_prints_what_rich_prints(
    columns: list[bool], rows: list[tuple[list[str], list[str], str]], gap: int, colour: bool
) -> None:
    n = len(columns)
    table = TextTable([f"列{i}" for i in range(n)], columns, gap=gap)
    for cells, styles, style in rows:
        table.add_row(cells[:n], styles[:n], style)
    width = sum(table.widths()) + n * (gap + 1)  # rich's table fits: it is never squeezed
    ours, theirs = terminal(width, colour=colour), terminal(width, colour=colour)
    ours.print(table, crop=False)
    theirs.print(rich_table(table))
    assert printed(ours) == printed(theirs)


def rich_left_padded(table: TextTable) -> Table:
    """The table as rich lays out one padded on the left of each column (the score's ranking)."""
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 0, 0, table.gap))
    for i, (head, right) in enumerate(zip(table.heads, table.right, strict=True)):
        least = table.min_widths[i] if i < len(table.min_widths) else None
        t.add_column(head, justify="right" if right else "left", min_width=least, overflow="fold")
    for cells, _, style in table.rows:
        t.add_row(*cells, style=style or None)
    return t


@settings(max_examples=60, deadline=None)
@given(
    columns=st.lists(st.booleans(), min_size=1, max_size=5),
    rows=st.lists(st.tuples(st.lists(cell, min_size=5, max_size=5), st.sampled_from(["", "yellow"])), max_size=4),
    floors=st.lists(st.integers(0, 6), max_size=5),
    gap=st.sampled_from([0, 1]),
    colour=st.booleans(),
)
def test_a_left_padded_table_prints_what_rich_prints(
    columns: list[bool], rows: list[tuple[list[str], str]], floors: list[int], gap: int, colour: bool
) -> None:
    n = len(columns)
    table = TextTable([f"列{i}" for i in range(n)], columns, gap=gap, pad_left=True, min_widths=floors)
    for cells, style in rows:
        table.add_row(cells[:n], (), style)
    width = sum(table.widths()) + (n - 1) * (gap + 1)  # rich's table fits: it is never squeezed
    ours, theirs = terminal(width, colour=colour), terminal(width, colour=colour)
    ours.print(table, crop=False)
    theirs.print(rich_left_padded(table))
    assert printed(ours) == printed(theirs)


class _Reference:
    """What the report printed before: rich's Table (``heads`` for the caller)."""

    def __init__(self, table: Table) -> None:
        self.heads = [str(c.header) for c in table.columns]
        self.table = table

    def __rich_console__(self, console: Console, options: Any) -> Any:
        yield self.table


def _rich_unit_table(
    console: Console, lang: str, rows: list[Any], with_date: bool, labels: list[str], head: str
) -> _Reference | None:
    """The units' table as report_table made it before, with rich's Table."""
    from ipcounty.i18n import tr

    names = [tr(k, lang) for k in TABLE_COLUMNS]
    cells = [[label, *_cells(r, lang)] for r, label in zip(rows, labels, strict=True)]
    widths = [max([cell_len(h)] + [cell_len(c[i]) for c in cells]) for i, h in enumerate([head, *names])]
    date_width = max(cell_len(tr("col.as_of", lang)), 5)
    for date, gap in [(True, 1), (False, 1), (False, 0)] if with_date else [(False, 1), (False, 0)]:
        columns = [*widths, date_width] if date else widths
        if sum(columns) + (len(columns) - 1) * (1 + gap) <= console.width:
            t = report_table._new_table(lang, head, with_date=date, gap=gap)
            for r, label in zip(rows, labels, strict=True):
                report_table._add(t, r, lang, label, with_date=date)
            return _Reference(t)
    return None


def _report(
    width: int, lang: str, year: str, *, reference: bool, monkeypatch: pytest.MonkeyPatch, colour: bool = True
) -> str:
    out: list[str] = []

    def render(report: Any, rows: Any, lang: str, _console: Console) -> None:
        console = terminal(width, colour=colour)
        with monkeypatch.context() as m:
            if reference:
                m.setattr(report_table, "_unit_table", _rich_unit_table)
            report_table.render_table(report, rows, lang, console)
        out.append(printed(console))

    with monkeypatch.context() as m:
        m.setattr(view, "render_table", render)
        args = ["--lang", lang, "--plan", str(PLAN_PATH), "report", year, "--returns", str(EXAMPLES)]
        r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    return out[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [70, 80, 91, 92, 100, 200])
@pytest.mark.parametrize("colour", [True, False], ids=["terminal", "pipe"])
def test_the_report_prints_what_rich_printed(
    width: int, lang: str, colour: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for year in ("2024", "2025"):
        ours = _report(width, lang, year, reference=False, monkeypatch=monkeypatch, colour=colour)
        theirs = _report(width, lang, year, reference=True, monkeypatch=monkeypatch, colour=colour)
        assert ours == theirs, (width, lang, year)
        assert ("\x1b[1m" in ours) == colour and ("─" in ours or width < 80)  # tables (a list below 80 in en)


def test_a_units_table_as_a_terminal_shows_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A compact golden: the header, the rule, a plain row, the 全区 row (bold, its separators not)."""
    out = _report(100, "zh", "2025", reference=False, monkeypatch=monkeypatch).split("\n")
    at = out.index("\x1b[1;36mB1 新增有效发明专利数量（个）· 附件一 · 分年度\x1b[0m")

    def sgr(code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m"

    def bold(*cells: str) -> str:  # bold cells, each followed by its bold padding, then a plain separator
        return " ".join(sgr("1", c) + sgr("1", " ") for c in cells)

    assert out[at + 1] == bold(
        "镇街      ", "目标", "完成", "完成率", "序时进度", "进度差", "状态        ", "亮灯", "排名"
    ) + (" " + sgr("1", "截至 "))
    assert out[at + 2] == "─" * 81
    assert out[at + 3] == "税郭镇        15    15  100.0%    100.0%     0.0  " + (
        sgr("32", "已完成      ") + "  " + sgr("1;32", "绿灯") + "     4  12-31"
    )
    red = sgr("1;31", "滞后序时进度") + sgr("1", " ") + " " + sgr("1;31", "红灯") + sgr("1", " ")
    figures = bold("全区      ", " 140", " 104", " 74.3%", "  100.0%", " -25.7")
    assert out[at + 14] == f"{figures} {red} {bold('    ')} {sgr('1', '     ')}"


line_text = st.text(st.sampled_from("ab 1.-%镇街（）\t\r\x07\x1b\n"), max_size=8)


@settings(max_examples=80, deadline=None)
@given(
    lines=st.lists(
        st.tuples(line_text, st.sampled_from(["", "dim", "magenta", "bold red", "bold yellow"])), max_size=5
    ),
    colour=st.booleans(),
    width=st.sampled_from([4, 40, 100]),
)
def test_styled_lines_print_what_rich_prints(lines: list[tuple[str, str]], colour: bool, width: int) -> None:
    """The report's list of what to chase, as ``console.print(*texts, sep="\\n", soft_wrap=True)``
    printed it: control codes left out, tabs expanded, nothing wrapped or cut at any width."""
    ours, theirs = terminal(width, colour=colour), terminal(width, colour=colour)
    styled = StyledLines()
    for text, style in lines:
        styled.append(text, style)
    if lines:
        ours.print(styled, soft_wrap=True)
        theirs.print(*[Text(text, style=style) for text, style in lines], sep="\n", soft_wrap=True)
    assert printed(ours) == printed(theirs)
    assert bool(styled) == bool(lines)


class _Texts(list[Text]):
    """What render_problems made before: a rich Text per line, printed at once."""

    def append(self, text: str, style: str = "") -> None:  # type: ignore[override]
        super().append(Text(text, style=style))


def _problems(lang: str, colour: bool, *, reference: bool, monkeypatch: pytest.MonkeyPatch) -> str:
    captured: list[str] = []
    real_print = Console.print

    def render(report: Any, rows: Any, lang: str, _console: Console) -> None:
        console = terminal(100, colour=colour)
        report_table.render_problems(report, lang, console)
        captured.append(printed(console))

    def print_texts(self: Console, *objects: Any, **kw: Any) -> None:
        if len(objects) == 1 and isinstance(objects[0], _Texts):
            real_print(self, *objects[0], sep="\n", soft_wrap=True)
        else:
            real_print(self, *objects, **kw)

    with monkeypatch.context() as m:
        m.setattr(view, "render_table", render)
        if reference:
            m.setattr(report_table, "StyledLines", _Texts)
            m.setattr(Console, "print", print_texts)
        args = ["--lang", lang, "--plan", str(PLAN_PATH), "report", "2025", "--returns", str(EXAMPLES)]
        r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    return captured[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("colour", [True, False], ids=["terminal", "pipe"])
def test_the_report_lists_what_to_chase_as_rich_did(lang: str, colour: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """What to chase (not submitted, overdue, rejected, conflicts, contacts) prints the same
    characters and escape codes as when each line was a rich Text."""
    ours = _problems(lang, colour, reference=False, monkeypatch=monkeypatch)
    theirs = _problems(lang, colour, reference=True, monkeypatch=monkeypatch)
    assert ours == theirs
    assert ("退回" in ours or "Rejected" in ours) and ("\x1b[" in ours) == colour
