"""The score's terminal view is laid out by ipcounty (render/text_table.py) where it fits, not by
rich's Table and a rich Text per line: the same characters and the same escape codes as before, at
every width, in both languages, on a terminal and through a pipe — and rich's Table where it does
not fit (its headers fold)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ipcounty.collect import find_returns, read_all
from ipcounty.i18n import tr, use_words
from ipcounty.plan import Plan
from ipcounty.progress import compute
from ipcounty.render import score_view
from ipcounty.render.numbers import fmt_score
from ipcounty.render.wrap import wrap
from ipcounty.score.sheet import ScoreSheet, score_report
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples" / "returns"


def reference(sheet: ScoreSheet, lang: str, console: Console) -> None:
    """``score_view.render_table`` as it was: rich's Table, a rich Text per explanation line."""
    v = score_view
    console.print(Text(v.title(sheet, lang), style="bold"))
    for i, line in enumerate(v.header_lines(sheet, lang)):
        for part in wrap(line, console.width):
            console.print(Text(part, style="yellow" if sheet.rules.note and i == 1 else "dim"), no_wrap=True)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 0, 0, 1), show_edge=False)
    rows = [v._cells(sheet, u, lang) for u in sheet.units]
    for j, h in enumerate(v._headers(sheet, lang)):
        widest = max((v.display_width(r[j]) for r in rows), default=1)
        table.add_column(h, justify="left" if j == 1 else "right", min_width=widest, overflow="fold")
    for u, cells in zip(sheet.units, rows, strict=True):
        table.add_row(*cells, style="yellow" if u.score is None else None)
    console.print(table)
    console.print(Text(tr("score.heading.explanations", lang), style="bold cyan"))
    lines: list[Text] = []
    for u in sheet.units:
        score = fmt_score(u.score) if u.score is not None else tr("score.not-scored", lang)
        rank = f"{u.rank}. " if u.rank is not None else "—  "
        lines.append(Text(f"{rank}{u.unit} {score}", style="bold"))
        for line in v.explanation_lines(u, lang):
            lines.extend(Text("    " + part) for part in wrap(line, console.width - 4))
    if lines:
        console.print(*lines, sep="\n", no_wrap=True)


@pytest.fixture(scope="module")
def sheets(plan: Plan) -> dict[int, ScoreSheet]:
    use_words(plan.words)
    rets = read_all(find_returns(EXAMPLES), plan)
    return {year: score_report(compute(plan, rets, year)) for year in (2024, 2025)}


def printed(render: Any, sheet: ScoreSheet, lang: str, width: int, colour: bool) -> str:
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=colour,
        color_system="standard" if colour else None,
        highlight=False,
        emoji=False,
    )
    render(sheet, lang, console)
    return buf.getvalue()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [40, 56, 70, 80, 100, 200])
@pytest.mark.parametrize("colour", [True, False], ids=["terminal", "pipe"])
def test_the_score_prints_what_rich_printed(sheets: dict[int, ScoreSheet], lang: str, width: int, colour: bool) -> None:
    for sheet in sheets.values():
        ours = printed(score_view.render_table, sheet, lang, width, colour)
        theirs = printed(reference, sheet, lang, width, colour)
        assert ours == theirs, (lang, width, sheet.year)
        assert ("\x1b[" in ours) == colour


def test_both_layouts_are_pinned(sheets: dict[int, ScoreSheet]) -> None:
    """At 100 columns the ranking fits and ipcounty lays it out; at 40 it does not and rich folds
    its headers: the comparison above covers both."""
    from ipcounty.render.text_table import TextTable

    made: list[str] = []
    real = Console.print

    def spy(self: Console, *objects: Any, **kw: Any) -> None:
        made.extend(type(o).__name__ for o in objects if isinstance(o, TextTable | Table))
        real(self, *objects, **kw)

    with pytest.MonkeyPatch.context() as m:
        m.setattr(Console, "print", spy)
        printed(score_view.render_table, sheets[2025], "zh", 100, True)
        printed(score_view.render_table, sheets[2025], "en", 40, True)
    assert made == ["TextTable", "Table"]


def test_a_unit_name_rich_would_read_as_markup_goes_through_rich(sheets: dict[int, ScoreSheet]) -> None:
    """A cell rich's Table would not print as written (markup, an emoji code) keeps rich's Table."""
    import dataclasses

    sheet = sheets[2025]
    first = dataclasses.replace(sheet.units[0], unit="[bold]矿区街道:smile:")
    odd = dataclasses.replace(sheet, units=(first, *sheet.units[1:]))
    for colour in (True, False):
        assert printed(score_view.render_table, odd, "zh", 100, colour) == printed(reference, odd, "zh", 100, colour)
