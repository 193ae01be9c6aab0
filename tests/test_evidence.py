"""明细: check digits of patent numbers and credit codes, the items behind each count, double counting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipcounty.collect import find_returns, read_all
from ipcounty.plan import Plan
from ipcounty.progress import compute
from ipcounty.returns.fill import sample_items
from ipcounty.returns.identifiers import (
    credit_check_char,
    parse_credit_code,
    parse_patent,
    patent_check_digit,
    usual_patent,
)
from ipcounty.returns.reader import read_return
from tests.conftest import ROOT

TODAY = dt.date(2026, 11, 25)
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@pytest.mark.parametrize(
    "number",
    [
        "201710601862.3",
        "ZL201710601862.3",
        "ZL 2017 1 0601862.3",
        "CN201710601862.3",
        "２０１７１０６０１８６２．３",
        "2017106018623",
    ],
)
def test_published_patent_number_in_its_spellings(number: str) -> None:
    assert parse_patent(number, invention=True).value == "201710601862.3"


def test_patent_number_problems() -> None:
    assert parse_patent("201710601862.4").problem == "patent-check-digit"
    assert parse_patent("201720601862.X").problem in ("patent-check-digit", None)
    utility = "201720601862"
    assert parse_patent(f"{utility}.{patent_check_digit(utility)}", invention=True).problem == "not-an-invention"
    assert parse_patent(f"{utility}.{patent_check_digit(utility)}").value is not None  # any type for 开放许可
    assert parse_patent("2017106018").problem == "bad-patent-number"
    old = "98112345"  # the pre-2003 8-digit form, type in the 3rd digit
    assert parse_patent(f"{old}.{patent_check_digit(old)}", invention=True).value == f"{old}.{patent_check_digit(old)}"


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L", "91440300708461136T"])
def test_published_credit_codes(code: str) -> None:
    assert parse_credit_code(code).value == code
    assert parse_credit_code(code.lower()).value == code


def test_credit_code_problems() -> None:
    assert parse_credit_code("91350100M000100Y44").problem == "credit-check-char"
    assert parse_credit_code("91350100M000100Y4").problem == "bad-credit-code"
    assert parse_credit_code("9135010OM000100Y43").problem == "bad-credit-code"  # letter O is never used


@settings(max_examples=200, deadline=None)
@given(digits=st.text("0123456789", min_size=12, max_size=12), at=st.integers(0, 12), new=st.integers(0, 10))
def test_any_changed_patent_digit_is_caught(digits: str, at: int, new: int) -> None:
    number = f"{digits}.{patent_check_digit(digits)}"
    assert parse_patent(number).value == number
    chars = list(digits + patent_check_digit(digits))
    replacement = "0123456789X"[new]
    if chars[at] == replacement or (at < 12 and replacement == "X"):
        return
    chars[at] = replacement
    changed = f"{''.join(chars[:12])}.{chars[12]}"
    assert parse_patent(changed).problem == "patent-check-digit"


@settings(max_examples=200, deadline=None)
@given(body=st.text(CREDIT_CHARS, min_size=17, max_size=17), at=st.integers(0, 17), new=st.sampled_from(CREDIT_CHARS))
def test_any_changed_credit_character_is_caught(body: str, at: int, new: str) -> None:
    code = body + credit_check_char(body)
    assert parse_credit_code(code).value == code
    if code[at] == new:
        return
    changed = code[:at] + new + code[at + 1 :]
    assert parse_credit_code(changed).problem == "credit-check-char"


def _items(plan: Plan, code: str, n: int, unit: str = "税郭镇", year: int = 2025) -> list[dict[str, Any]]:
    spec = plan.indicator(code).evidence
    assert spec is not None
    return sample_items(spec, n, year, unit)


def _with(items: list[dict[str, Any]], k: int, **changes: Any) -> list[dict[str, Any]]:
    out = [dict(i) for i in items]
    out[k].update(changes)
    return out


# (case, indicator, how the 明细 rows are changed, finding code, severity, cell)
def cases(plan: Plan) -> list[tuple[str, str, Any, str, str, str]]:
    b1 = _items(plan, "B1", 15)
    b2 = _items(plan, "B2", 2)
    return [
        ("patent check digit", "B1", _with(b1, 0, 专利号="ZL201710601862.4"), "patent-check-digit", "error", "明细!B5"),
        (
            "utility model counted as invention",
            "B1",
            _with(b1, 1, 专利号="ZL202520601862.3"),
            "not-an-invention",
            "error",
            "明细!B6",
        ),
        ("malformed patent number", "B1", _with(b1, 2, 专利号="发明专利一件"), "bad-patent-number", "error", "明细!B7"),
        (
            "grant date in another year",
            "B1",
            _with(b1, 3, 授权日期=dt.date(2024, 5, 1)),
            "item-date-outside-year",
            "error",
            "明细!E8",
        ),
        ("patent listed twice", "B1", _with(b1, 4, 专利号=b1[0]["专利号"]), "duplicate-item", "error", "明细!B9"),
        ("a row without its number", "B1", _with(b1, 5, 专利号=None), "item-missing-key", "error", "明细!B10"),
        ("fewer items than the count", "B1", b1[:13], "evidence-count-mismatch", "error", "填报表!E11"),
        (
            "credit code check character",
            "B2",
            _with(b2, 0, 统一社会信用代码="91350100M000100Y44"),
            "credit-check-char",
            "error",
            "明细!C33",
        ),
        ("recognised in another year", "B2", _with(b2, 1, 认定年度=2024), "item-year-differs", "error", "明细!D34"),
        ("no items listed", "B1", [], "evidence-missing", "warning", "填报表!E11"),
    ]


CASE_IDS = [
    "patent check digit",
    "utility model counted as invention",
    "malformed patent number",
    "grant date in another year",
    "patent listed twice",
    "a row without its number",
    "fewer items than the count",
    "credit code check character",
    "recognised in another year",
    "no items listed",
]


@pytest.mark.parametrize("case", CASE_IDS)
def test_detail_findings(case: str, plan: Plan, make_return: Callable[..., Path]) -> None:
    (name, code, rows, finding, severity, where) = next(c for c in cases(plan) if c[0] == case)
    from tests.conftest import details_for, good_values

    details = details_for(plan, "税郭镇", 2025, good_values(plan, "税郭镇"))
    details[code] = rows
    ret = read_return(make_return(details=details), plan, today=TODAY)
    hits = [f for f in ret.findings if f.code == finding]
    assert hits, [(f.code, f.location) for f in ret.findings]
    assert (hits[0].severity, hits[0].location) == (severity, where), name
    assert hits[0].message("zh") and hits[0].message("en") != hits[0].message("zh")


def test_items_are_read_in_canonical_form(plan: Plan, make_return: Callable[..., Path]) -> None:
    ret = read_return(make_return(), plan, today=TODAY)
    assert ret.status == "ok"
    assert len(ret.items["B1"]) == 15 and all(i.key and "." in i.key for i in ret.items["B1"])
    assert len(ret.items["B2"][0].key or "") == 18


def test_one_patent_in_two_townships_and_one_enterprise_in_two_years(
    plan: Plan, tmp_path: Path, make_return: Callable[..., Path]
) -> None:
    from tests.conftest import details_for, good_values

    folder = tmp_path / "returns"
    folder.mkdir()
    shared = _items(plan, "B1", 1, unit="齐村镇")[0]
    a = details_for(plan, "齐村镇", 2025, good_values(plan, "齐村镇"))
    a["B1"] = [shared, *a["B1"][1:]]
    b = details_for(plan, "永安镇", 2025, good_values(plan, "永安镇"))
    b["B1"] = [*b["B1"][:-1], shared]
    make_return("齐村镇", details=a, name="returns/qicun.xlsx")
    make_return("永安镇", details=b, name="returns/yongan.xlsx")
    spec = plan.indicator("B2").evidence
    assert spec is not None
    firm = sample_items(spec, 1, 2024, "税郭镇", start=0)[0]
    d24 = details_for(plan, "税郭镇", 2024, good_values(plan, "税郭镇", 2024))
    d24["B2"] = [firm, *d24["B2"][1:]]
    d25 = details_for(plan, "税郭镇", 2025, good_values(plan, "税郭镇"))
    d25["B2"] = [dict(firm, 认定年度=2025), *d25["B2"][1:]]
    make_return("税郭镇", 2024, as_of=dt.date(2024, 12, 31), details=d24, name="returns/sg24.xlsx")
    make_return("税郭镇", details=d25, name="returns/sg25.xlsx")

    rets = read_all(find_returns(folder), plan)
    assert all(r.status == "ok" for r in rets), [(r.file, [f.code for f in r.findings]) for r in rets]
    rep = compute(plan, rets, 2025, today=TODAY)
    doubles = {(d.indicator.code, tuple(sorted(c.file for c in d.claims))) for d in rep.double_counts}
    assert doubles == {("B1", ("qicun.xlsx", "yongan.xlsx")), ("B2", ("sg24.xlsx", "sg25.xlsx"))}
    assert rep.evidence["B1"].claimed - rep.evidence["B1"].distinct == 1
    assert rep.evidence["B2"].claimed - rep.evidence["B2"].distinct == 1
    message = next(d for d in rep.double_counts if d.indicator.code == "B1").message("zh")
    assert "qicun.xlsx" in message and "yongan.xlsx" in message and "被重复计入" in message


def test_bundled_examples_show_double_counting(plan: Plan) -> None:
    rep = compute(plan, read_all(find_returns(ROOT / "examples" / "returns"), plan), 2025, today=TODAY)
    assert {d.indicator.code for d in rep.double_counts} == {"B1", "B2"}
    from ipcounty.export import build_workbook

    ws = build_workbook(rep)["重复计算"]
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] in ("B1", "B2") and r[3]]
    assert len(rows) == 4 and {(r[3], r[4]) for r in rows} >= {("永安镇", 2025), ("齐村镇", 2025)}
    assert all(str(r[5]).startswith("明细!") for r in rows)  # the cell to check; the file is on 报送情况


# Ways people (and PDFs, and input methods) spell a column name: full-width, spaced, with a
# colon or an asterisk, zero-width characters, Kangxi radicals that look like ideographs.
_DECOR = ["", " ", "\u3000", "：", ":", "*", "＊", "\u200b", "\ufeff", "\t", "\u00a0"]
_LOOKALIKE = {"日": "⽇", "人": "⼈", "方": "⽅", "期": "期", "1": "１", "D": "Ｄ"}


@settings(max_examples=200, deadline=None)
@given(
    name=st.sampled_from(
        ["专利号", "专利名称", "授权日期", "许可方", "许可公告日", "统一社会信用代码", "参加人数", "ID"]
    ),
    before=st.lists(st.sampled_from(_DECOR), max_size=3),
    after=st.lists(st.sampled_from(_DECOR), max_size=3),
    lookalike=st.booleans(),
)
def test_header_screen_never_passes_over_a_name(
    name: str, before: list[str], after: list[str], lookalike: bool
) -> None:
    """The cheap screen of 明细 cells lets through every spelling that cleans to a column name."""
    from ipcounty.returns import layout as L
    from ipcounty.returns.evidence_headers import may_clean_to

    if lookalike:
        name = "".join(_LOOKALIKE.get(ch, ch) for ch in name)
    text = "".join(before) + name + "".join(after)
    wanted = {
        L.clean_label(n)
        for n in ["专利号", "专利名称", "授权日期", "许可方", "许可公告日", "统一社会信用代码", "参加人数", "ID"]
    }
    assert L.clean_label(text) in wanted
    assert may_clean_to(text, {n[-1] for n in wanted})


@pytest.mark.parametrize("text", ["单位00001专利名称1", "某某科技有限公司", "ZL202312360740.8", "张三", "2025"])
def test_header_screen_passes_over_names_and_numbers(text: str) -> None:
    from ipcounty.returns.evidence_headers import may_clean_to

    assert not may_clean_to(text, {"号", "称", "期", "方", "日", "码", "数"})


def _tables_by_hand(grid: list[list[Any]], indicators: list[Any]) -> list[tuple[str, int, dict[str, int]]]:
    """The 明细 header search written plainly (every cell cleaned), to check the screened one:
    a row naming two or more columns heads the table whose columns it names (the one with the
    most, when two fit), once per table."""
    from ipcounty.returns import layout as L

    tables: list[tuple[str, int, dict[str, int]]] = []
    wanted = {L.clean_label(col.name) for ind in indicators for col in ind.evidence.columns}
    for r, row in enumerate(grid):
        names: dict[str, int] = {}
        for c, v in enumerate(row):
            if L.clean_label(v) in wanted:
                names.setdefault(L.clean_label(v), c)
        best = None
        for ind in indicators:
            cols = [(col.name, L.clean_label(col.name)) for col in ind.evidence.columns]
            fits = len(names) >= 2 and all(k in names for _, k in cols)
            if fits and ind.code not in {t[0] for t in tables} and (best is None or len(cols) > len(best[2])):
                best = (ind.code, r, {n: names[k] for n, k in cols})
        if best is not None:
            tables.append(best)
    return tables


_HEADER_SETS = [
    ["专利号", "专利名称", "专利权人", "授权日期"],
    ["企业名称", "统一社会信用代码", "认定年度"],
    ["专利号", "许可公告日", "许可方"],
    ["名称", "地址", "设立日期"],
    ["日期", "主题", "参加人数"],
]
_JUNK = st.one_of(
    st.sampled_from(
        ["", "", "序号", 1.0, dt.date(2025, 3, 1), "ZL201710601862.3", "某某公司", "称 ", "日:", "名称1号"]
    ),
    st.text(max_size=6),
)


@st.composite
def _detail_rows(draw: st.DrawFn) -> list[list[Any]]:
    """A 明细 sheet as clerks leave it: header rows moved, their names spelled with spaces or
    colons, columns reordered or missing, cells and rows inserted."""
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        if draw(st.booleans()):
            cells: list[Any] = [
                "".join(draw(st.lists(st.sampled_from(_DECOR), max_size=2)))
                + name
                + "".join(draw(st.lists(st.sampled_from(_DECOR), max_size=2)))
                for name in draw(st.permutations(draw(st.sampled_from(_HEADER_SETS))))
            ]
            if draw(st.booleans()):
                cells.pop(draw(st.integers(0, len(cells) - 1)))
            for _ in range(draw(st.integers(0, 2))):
                cells.insert(draw(st.integers(0, len(cells))), draw(_JUNK))
        else:
            cells = draw(st.lists(_JUNK, min_size=1, max_size=6))
        rows.append(cells)
    return rows


@settings(max_examples=200, deadline=None)
@given(rows=_detail_rows())
def test_the_header_search_finds_what_cleaning_every_cell_finds(plan: Plan, rows: list[list[Any]]) -> None:
    """Headers moved or respelled, columns reordered, rows inserted: the screened search (by
    length and last character, remembered between returns) answers as cleaning every cell would."""
    from ipcounty.returns.evidence_headers import find_tables

    indicators = [i for i in plan.unit_indicators() if i.evidence is not None]
    got = [(t.indicator.code, t.header_row, t.columns) for t in find_tables(rows, indicators)]
    assert got == _tables_by_hand(rows, indicators)


def _double_counting_by_hand(
    picks: dict[tuple[str, int], Any], year: int
) -> tuple[list[tuple[str, str, list[tuple[str, int, str, str]]]], dict[str, tuple[int, int]]]:
    """The rule written plainly, to check the fast version against: every claim of every key in
    reading order (year, township); a key is counted twice when claimed by more than one
    (township, year) and at least once in ``year``; every claim in ``year`` after the first is extra."""
    claims: dict[tuple[str, str], list[tuple[str, int, str, str]]] = {}
    counted: dict[str, int] = {}
    for (unit, y), pick in sorted(picks.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if y > year:
            continue
        for code, items in pick.used.items.items():
            if y == year:
                counted[code] = counted.get(code, 0) + len(items)
            for item in items:
                if item.key is not None:
                    claims.setdefault((code, item.key), []).append((unit, y, pick.used.file, item.cell))
    doubles, extra = [], {}
    for (code, key), cs in claims.items():
        this_year = [c for c in cs if c[1] == year]
        if len({(c[0], c[1]) for c in cs}) > 1 and this_year:
            doubles.append((code, key, cs))
            extra[code] = extra.get(code, 0) + len(this_year) - (1 if cs[0][1] == year else 0)
    return doubles, {code: (n, n - extra.get(code, 0)) for code, n in counted.items()}


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), year=st.sampled_from([2024, 2025, 2026]))
def test_double_counting_agrees_with_the_rule_written_plainly(plan: Plan, seed: int, year: int) -> None:
    """Random 明细 keys over every township and year: the same repeats, in the same order, and the
    same claimed and de-duplicated totals as the plain rule."""
    import random

    from ipcounty.progress.double_count import double_counting
    from ipcounty.progress.picking import Pick
    from ipcounty.returns.model import Item, Return

    rng = random.Random(seed)
    codes = [i.code for i in plan.unit_indicators() if i.evidence]
    picks = {}
    for unit in plan.unit_names:
        for y in plan.years:
            ret = Return(file=f"{y}/{unit}.xlsx", unit=unit, year=y)
            for code in codes:
                keys = [None, *(f"K{rng.randrange(30)}" for _ in range(4))]
                ret.items[code] = [Item(code, rng.choice(keys), f"B{5 + i}", {}) for i in range(rng.randrange(8))]
            picks[(unit, y)] = Pick(used=ret)
    doubles, totals = double_counting(plan, picks, year)
    want_doubles, want_totals = _double_counting_by_hand(picks, year)
    got = [(d.indicator.code, d.key, [(c.township, c.year, c.file, c.cell) for c in d.claims]) for d in doubles]
    assert got == want_doubles
    assert {code: (t.claimed, t.distinct) for code, t in totals.items()} == want_totals


_PATENT_TEXT = st.one_of(
    st.builds(
        lambda pre, digits, dot, check, pad: f"{pad}{pre}{digits}{dot}{check}{pad}",
        st.sampled_from(["", "ZL", "CN", "zl", "ＺＬ"]),
        st.one_of(st.from_regex(r"\A[0-9]{12}\Z"), st.from_regex(r"\A[0-9]{8}\Z"), st.just("2017١0601862")),
        st.sampled_from([".", "", "。"]),
        st.sampled_from([*"0123456789X", "x"]),
        st.sampled_from(["", " "]),
    ),
    st.text(max_size=20),
)


@settings(max_examples=300, deadline=None)
@given(text=_PATENT_TEXT, invention=st.booleans())
def test_the_quick_patent_path_agrees_with_the_full_check(text: str, invention: bool) -> None:
    """usual_patent (the 明细 fast path) clears only what parse_patent finds valid, in the same
    canonical spelling; anything it leaves goes to parse_patent, which explains it."""
    quick = usual_patent(text, invention=invention)
    full = parse_patent(text, invention=invention)
    if quick is not None:
        assert full.problem is None and full.value == quick
    digits = "201710601862"
    usual = f"ZL{digits}.{patent_check_digit(digits)}"
    assert usual_patent(usual, invention=True) == parse_patent(usual, invention=True).value == "201710601862.3"


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.from_regex(r"\A[0-9A-HJ-NP-RT-UW-Y]{18}\Z"), st.text(max_size=20)))
def test_a_credit_code_already_canonical_reads_as_before(text: str) -> None:
    import re
    import unicodedata

    from ipcounty.returns.identifiers import credit_check_char

    t = re.sub(r"[\s\u200b-]", "", unicodedata.normalize("NFKC", text).upper())
    got = parse_credit_code(text)
    if len(t) == 18 and all(c in "0123456789ABCDEFGHJKLMNPQRTUWXY" for c in t):
        assert got.value == (t if credit_check_char(t[:17]) == t[17] else None)
    else:
        assert got.problem == "bad-credit-code"


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.from_regex(r"\A[0-9A-HJ-NP-RT-UW-Y]{18}\Z"), st.text(max_size=20)))
def test_the_quick_credit_code_path_agrees_with_the_full_check(text: str) -> None:
    """usual_credit_code (the 明细 fast path) clears only what parse_credit_code finds valid and
    already spelled canonically; anything it leaves goes to parse_credit_code, which explains it."""
    from ipcounty.returns.identifiers import credit_check_char, usual_credit_code

    full = parse_credit_code(text)
    assert usual_credit_code(text) == (full.problem is None and full.value == text)
    code = "91350100M000100Y4"
    assert usual_credit_code(code + credit_check_char(code))


_ODD_CELLS = st.one_of(
    st.sampled_from([2025.0, 2024.0, 2025, True, -0.0, 0.0, 3.0, 2.5, -1.0, 1e300, "2025", "2025年", "3"]),
    st.floats(),
    st.text(max_size=20),
    st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)),
)


def _one_cell_both_ways(plan: Plan, code: str, k: int, raw: Any) -> tuple[Any, Any]:
    """(what the item loop, what _check_cell makes of ``raw`` in column ``k`` of an otherwise
    valid row of ``code``'s 明细): (value, findings, valid, key) each."""
    from ipcounty.render.numbers import ItemWord
    from ipcounty.returns import evidence as E
    from ipcounty.returns.layout import clean_label
    from ipcounty.returns.model import Return

    ind = plan.indicator(code)
    spec = ind.evidence
    assert spec is not None
    good = sample_items(spec, 1, 2025, "税郭镇")[0]
    names = [c.name for c in spec.columns]
    cells = [float(v) if isinstance(v, int) else v for v in (good[n] for n in names)]
    cells[k] = raw
    ret = Return(file="x.xlsx")
    ret.year = 2025
    got: list[str] = []
    table = E.Table(ind, 0, {n: i + 1 for i, n in enumerate(names)})
    E._read_table([["序号", *names], [1.0, *cells]], table, 2, ret, plan, lambda f, *a, **p: got.append(f))
    (item,) = ret.items[code]
    shown = item.values[names[k]]
    want: list[str] = []
    col = spec.columns[k]
    words = [ItemWord(spec.item), ItemWord(spec.item, one=True)]
    value, valid = E._check_cell(col.check, raw, 2025, lambda: words, 1, k + 1, lambda f, *a, **p: want.append(f))
    key = None
    if col.key and valid:
        key = str(value) if col.check != "text" else clean_label(value)
    quick = (type(shown), repr(shown), got, item.valid, item.key if col.key else None)
    return quick, (type(value), repr(value), want, valid, key)


@settings(max_examples=150, deadline=None)
@given(raw=_ODD_CELLS)
def test_the_item_loop_reads_every_cell_as_the_full_check_does(plan: Plan, raw: Any) -> None:
    """The item loop's short paths (a year, a whole count, a credit code, a date, text, a patent
    number) give what _check_cell gives the same cell: value, findings, validity and key."""
    from ipcounty.returns.values import is_blank

    if is_blank(raw):
        return
    for code in ("B1", "B2", "B5"):
        spec = plan.indicator(code).evidence
        assert spec is not None
        for k in range(len(spec.columns)):
            quick, full = _one_cell_both_ways(plan, code, k, raw)
            assert quick == full, (code, spec.columns[k].name)


def test_items_read_the_same_when_columns_move(plan: Plan, make_return: Callable[..., Path]) -> None:
    """A clerk who swaps two 明细 columns gets the same items, also right after a return laid out
    as the template (what the item loop works out per layout is kept between returns)."""
    import openpyxl

    usual = make_return()
    swapped = usual.with_name("swapped.xlsx")
    wb = openpyxl.load_workbook(usual)
    ws = wb["明细"]
    for row in ws.iter_rows():
        if len(row) > 2:
            row[1].value, row[2].value = row[2].value, row[1].value
    wb.save(swapped)
    first = read_return(usual, plan, today=TODAY)
    second = read_return(swapped, plan, today=TODAY)
    assert first.status == second.status == "ok"
    for code, items in first.items.items():
        assert [(i.key, i.values) for i in second.items[code]] == [(i.key, i.values) for i in items], code


@settings(max_examples=200, deadline=None)
@given(body=st.text(CREDIT_CHARS, min_size=17, max_size=17))
def test_credit_check_character_as_the_standard_writes_it(body: str) -> None:
    total = sum(
        CREDIT_CHARS.index(c) * w
        for c, w in zip(body, (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28), strict=True)
    )
    assert credit_check_char(body) == CREDIT_CHARS[(31 - total % 31) % 31]


def test_an_english_finding_names_the_item_kind_in_english() -> None:
    """--lang en says 'lists no patents' and 'every patent needs it', not 专利; Chinese is as written."""
    from ipcounty.findings import Finding
    from ipcounty.render.numbers import ItemWord

    missing = Finding(
        "evidence-missing",
        "error",
        "x.xlsx",
        params={"code": "B1", "actual": 15, "sheet": "明细", "item": ItemWord("专利")},
    )
    assert "lists no patents:" in missing.message("en")
    assert "没有列出专利" in missing.message("zh")
    key = Finding(
        "item-missing-key", "error", "x.xlsx", params={"column": "专利号", "item": ItemWord("企业", one=True)}
    )
    assert key.message("en").endswith("every enterprise needs it")
    odd = Finding(
        "evidence-missing",
        "error",
        "x.xlsx",
        params={"code": "B9", "actual": 2, "sheet": "明细", "item": ItemWord("株")},
    )
    assert "lists no 株:" in odd.message("en")  # a kind with no English word stays as written
