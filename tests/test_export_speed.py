"""The export's shortcuts write the same workbook as the long way round, and their caches keep
different inputs apart."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from ipcounty.collect import find_returns, read_all
from ipcounty.export import workbook_bytes, xlsx_cells
from ipcounty.export.grid import Book, style_of
from ipcounty.export.sheet import text_room
from ipcounty.plan import Plan
from ipcounty.progress import compute
from tests.conftest import ROOT


def _parts(data: bytes) -> dict[str, bytes]:
    """Every part of an .xlsx, in order, the creation time left out (it is the clock's)."""
    z = zipfile.ZipFile(io.BytesIO(data))
    parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["docProps/core.xml"] = re.sub(rb"<dcterms:\w+ [^<]*</dcterms:\w+>", b"", parts["docProps/core.xml"])
    return parts


def _the_long_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """XlsxWriter's own worksheet and chart writers from here on, as before the shortcuts."""
    from xlsxwriter.worksheet import Worksheet

    monkeypatch.setattr(xlsx_cells, "sheet_class", lambda: Worksheet)
    monkeypatch.setattr(xlsx_cells, "fast_points", lambda chart: chart)


def _odd_cells() -> bytes:
    """A sheet with every kind of cell the shortcuts write or pass on, and a chart over text that
    needs escaping."""
    book = Book("等线")
    g = book.sheet("样")
    values = [
        0,
        -0.0,
        1,
        -7,
        0.1 + 0.2,
        1e-300,
        1.5e17,
        123456789012345678,
        True,
        False,
        "a & b < c > d \"e\" 'f'",
        "_x0000_ and \x07 bell",
        " leading and trailing ",
        "多行\n文字",
        "",
        None,
        float("nan"),
        float("inf"),
    ]
    for i, v in enumerate(values, 1):
        g.put(i, 1, v)
        g.put(i, 2, v, style_of(bold=True, number_format="0.0%"))
        g.put(i, 3, v, fill="FFC7CE")
        g.put(i, 30, "far")  # column AD
    g.heights[3] = 30.0
    g.widths[2] = 20.0
    g.merge(20, 1, 21, 3)
    g.put(20, 1, "merged & wrapped", wrap=True)
    g.style(22, 5, fill="C6EFCE")  # a filled cell with nothing in it
    chart = book.xlsx.add_chart({"type": "column"})
    chart.add_series({"categories": [g.name, 0, 0, 15, 0], "values": [g.name, 0, 1, 15, 1], "name": "a<b&c"})
    g.add_chart(chart, 25)
    return book.close(subject="x")


def test_plain_cells_are_written_as_xlsxwriter_writes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _parts(_odd_cells())
    _the_long_way(monkeypatch)
    assert _parts(_odd_cells()) == fast


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_examples_workbook_is_the_same_byte_for_byte(
    plan: Plan, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    returns = read_all(find_returns(ROOT / "examples" / "returns"), plan)
    report = compute(plan, returns, 2025)
    fast = _parts(workbook_bytes(report, lang))
    _the_long_way(monkeypatch)
    slow = _parts(workbook_bytes(report, lang))
    assert list(slow) == list(fast)
    assert slow == fast


def test_text_room_is_cached_per_text_and_weight() -> None:
    assert text_room("税郭镇", False) != text_room("税郭镇镇镇", False)
    assert text_room("Bold", True)[0] > text_room("Bold", False)[0]  # bold Latin is wider
    assert (
        text_room("a very long sentence that may wrap", False)[1]
        < text_room("a very long sentence that may wrap", False)[0]
    )
    short, long_word = text_room("ab cd", False), text_room("abcd" * 10, False)
    assert short != long_word


def test_a_phrase_said_again_is_said_alike_and_only_when_it_is_the_same() -> None:
    from decimal import Decimal

    from ipcounty.i18n import _RENDERED, phrase, speaking
    from ipcounty.i18n.words import PlanWords
    from ipcounty.render.numbers import Amount

    _RENDERED.clear()
    assert phrase("score.points", points="30").render("zh") == "得 30 分"
    assert phrase("score.points", points="30").render("zh") == "得 30 分"  # from the memo
    assert phrase("score.points", points="30.0").render("zh") == "得 30.0 分"
    assert phrase("score.points", points="30").render("en") == "30 points"
    assert phrase("score.points", points=Amount("3", "个")).render("zh") == "得 3 个 分"
    assert phrase("score.points", points=Amount("3", None)).render("zh") == "得 3 分"
    # Numbers equal yet printed apart are never taken for one another (they are not kept at all).
    texts = [phrase("score.points", points=v).render("zh") for v in (Decimal("1.0"), Decimal("1"), 1, 1.0, True)]
    assert texts == ["得 1.0 分", "得 1 分", "得 1 分", "得 1.0 分", "得 True 分"]
    # The same phrase in another plan's words.
    said = phrase("addressee.unit-word")
    with speaking(PlanWords(unit_word="镇街")):
        assert said.render("zh") == "各镇街"
    with speaking(PlanWords(unit_word="乡镇")):
        assert said.render("zh") == "各乡镇"


def test_a_figure_is_measured_by_its_format_type_and_sign() -> None:
    from ipcounty.export.sheet import number_room, shown_room

    assert number_room("0.0%", True, 0.5) == shown_room(0.5, "0.0%")  # 50.0%
    assert number_room("0.0%", True, 0.5) != number_room("0.00%", True, 0.5)
    assert number_room(None, True, 12.5) != number_room(None, True, 12.25)
    assert shown_room(-0.0, "+0.0;-0.0") != shown_room(0.0, "+0.0;-0.0")  # zero is never cached: -0.0 shows its sign
    assert shown_room(True, None) != number_room(None, False, 1)  # True shows as a word, 1 as a figure
    assert number_room(None, False, 1) == number_room(None, True, 1.0)  # both show 1


def test_the_sheet_measures_every_kind_of_figure_as_it_shows() -> None:
    from ipcounty.export.measure import line_units, shown_text
    from ipcounty.export.sheet import Book, Context, Sheet

    class _Report:  # what Sheet reads of a context
        pass

    book = Book("Calibri")
    ctx = Context(_Report(), "en", "t")  # type: ignore[arg-type]
    s = Sheet(book, ctx, "x", "t", ["a", "b", "c", "d", "e", "f"])
    values = [-0.0, 0.0, 1, 1.0, True, 123456.789]
    s.add(values, number_format={1: "+0.0;-0.0", 2: "+0.0;-0.0", 6: "0.00"})
    expected = [
        line_units(shown_text(v, f)) + 2
        for v, f in zip(values, ["+0.0;-0.0", "+0.0;-0.0", None, None, None, "0.00"], strict=True)
    ]
    assert s._natural == [min(e, 60) for e in expected]
