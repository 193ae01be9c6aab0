"""The table of sheet 填报表: every indicator's row checked, one bad cell never hiding the next."""

from __future__ import annotations

from ipcounty.i18n import phrase
from ipcounty.plan import Indicator, Plan
from ipcounty.render.numbers import fmt_number
from ipcounty.returns import layout as L
from ipcounty.returns.form_header import Ctx, Layout, cell_at
from ipcounty.returns.lookups import lookups, plain_codes
from ipcounty.returns.model import Value
from ipcounty.returns.values import Parsed, is_blank, parse_choice, parse_number, parse_text
from ipcounty.returns.workbook import Cell

LONG_TEXT = 2000

_new_value = tuple.__new__  # Value(...) runs the named tuple's __new__ in Python; this makes the same in C


def expected_indicators(
    plan: Plan, unit: str | None, year: int | None, codes_seen: set[str]
) -> tuple[list[Indicator], dict[str, float] | None]:
    """The indicators this return must carry (None when the unit is unknown and cannot tell),
    and for a unit's return of a known year their targets (the rows ask for them again: one
    look-up each in the plan's large table of targets, not two)."""
    if unit is None:
        district_codes = {i.code for i in plan.district_form_indicators()}
        # Unknown unit: judge by what the rows carry, so each row is still checked.
        is_district = len(codes_seen & district_codes) > len(codes_seen - district_codes)
        unit = plan.district_name if is_district else None
    if unit == plan.district_name:
        return plan.district_form_indicators(), None
    y = year or plan.years[0]
    if unit is None:
        return plan.unit_indicators(), None
    indicators, target = plan.unit_indicators(), plan.target
    targets = {i.code: t for i in indicators if (t := target(i.code, unit, y)) is not None}
    return [i for i in indicators if i.code in targets], targets if year else None


def read_table(grid: list[list[Cell]], lay: Layout, plan: Plan, ctx: Ctx) -> set[str]:
    """Check every row of the table; the codes of the indicators whose row was read."""
    ret = ctx.ret
    read: set[str] = set()
    if lay.header_row is None:
        for col in L.REQUIRED_COLUMNS:
            ctx.add("column-missing", "error", column=col, columns=tuple(L.TABLE_COLUMNS))
        return read
    hr = lay.header_row
    for col in L.REQUIRED_COLUMNS:
        if col not in lay.columns:
            ctx.add("column-missing", "error", L.cell_name(hr, 0), column=col, columns=tuple(L.TABLE_COLUMNS))
    if L.COL_ACTUAL not in lay.columns:
        return read
    cols = lay.columns
    by_code, by_name = lookups(plan)
    plain = plain_codes(plan)

    rows: list[tuple[int, Indicator]] = []
    first_cell: dict[str, str] = {}
    code_col = cols.get(L.COL_CODE)
    name_col = cols.get(L.COL_NAME)
    actual_col = cols[L.COL_ACTUAL]
    letters = L.column_letters(cols.get(L.COL_CODE, cols.get(L.COL_NAME, 0)))
    clean = L.clean_label
    for r in range(hr + 1, len(grid)):
        # cell_at(grid, r, col) for each, without a call (r is a row of the grid; an empty cell is None)
        row = grid[r]
        n = len(row)
        code_raw = row[code_col] if code_col is not None and code_col < n else None
        name_raw = row[name_col] if name_col is not None and name_col < n else None
        actual_raw = row[actual_col] if actual_col < n else None
        if code_raw == "":
            code_raw = None
        if name_raw == "":
            name_raw = None
        if actual_raw == "":
            actual_raw = None
        code_cell = f"{letters}{r + 1}"  # L.cell_name(r, the code column)
        ind = plain.get(code_raw) if isinstance(code_raw, str) else None  # a code as the plan writes it
        if ind is None:
            code_text = clean(code_raw).upper() if isinstance(code_raw, str) else ""
            ind = by_code.get(code_text)
            if ind is None and code_text == "" and not is_blank(name_raw):
                ind = by_name.get(L.clean_label(name_raw))
                if ind is not None and L.COL_CODE in cols:
                    ctx.add("indicator-by-name", "warning", code_cell, value=str(name_raw).strip(), code=ind.code)
        if ind is None:
            if is_blank(code_raw) and is_blank(name_raw) and is_blank(actual_raw):
                continue
            if is_blank(actual_raw) and not _looks_like_code(code_raw):
                continue  # a signature line or footnote under the table: it holds no figure
            shown = code_raw if not is_blank(code_raw) else name_raw
            ctx.add("indicator-unknown", "error", code_cell, value=str(shown).strip())
            continue
        if ind.code in first_cell:
            ctx.add("indicator-duplicate", "error", code_cell, code=ind.code, other=first_cell[ind.code])
            continue
        first_cell[ind.code] = code_cell
        rows.append((r, ind))

    expected, targets = expected_indicators(plan, ret.unit, ret.year, set(first_cell))
    expected_codes = {i.code for i in expected}
    for r, ind in rows:
        if ind.code not in expected_codes:
            unit_name = ret.unit or "本单位"
            ctx.add("indicator-not-for-unit", "error", first_cell[ind.code], code=ind.code, unit=unit_name)
            continue
        _read_row(grid, r, ind, cols, plan, ctx, targets)
        read.add(ind.code)
    if ret.unit is None:
        return read  # an unknown unit: which rows it must carry is unknown too (its error says so)
    for ind in expected:
        if ind.code not in first_cell:
            name = phrase("indicator-name-said", zh=ind.name, en=ind.name_en or ind.name)
            ctx.add("indicator-missing", "error", code=ind.code, name=name)
    return read


def _looks_like_code(raw: Cell) -> bool:
    return isinstance(raw, str) and L.clean_label(raw).isalnum() and len(L.clean_label(raw)) <= 8


def _at(row: list[Cell], c: int) -> Cell:
    """The cell in column ``c`` (>= 0) of ``row``, None when empty: :func:`cell_at` on a row."""
    v = row[c] if c < len(row) else None
    return None if v == "" else v


def _read_row(
    grid: list[list[Cell]],
    r: int,
    ind: Indicator,
    cols: dict[str, int],
    plan: Plan,
    ctx: Ctx,
    targets: dict[str, float] | None = None,
) -> None:
    """Check row ``r``, the row of ``ind``. ``targets`` are the unit's in the return's year, when
    they are known already (else the plan is asked)."""
    ret = ctx.ret
    row = grid[r]  # (a row of the grid: cell_at(grid, r, c) is _at(row, c))
    n = len(row)
    c = cols.get(L.COL_NAME)
    name_raw = row[c] if c is not None and c < n and row[c] != "" else None  # _at(row, c), without a call
    if isinstance(name_raw, str) and name_raw != ind.name and lookups(plan)[1].get(L.clean_label(name_raw)) is not ind:
        ctx.add(
            "name-mismatch",
            "warning",
            L.cell_name(r, cols[L.COL_NAME]),
            value=name_raw.strip(),
            code=ind.code,
            name=ind.name,
        )
    if L.COL_TARGET in cols and ret.unit and ret.year and ind.kind in ("flow", "stock", "rate"):
        target = targets.get(ind.code) if targets is not None else plan.target(ind.code, ret.unit, ret.year)
        t_raw = _at(row, cols[L.COL_TARGET])
        if target is not None and t_raw != target and not is_blank(t_raw):
            written = parse_number(t_raw, ind.unit, integer=False, rate=False)
            if written.ok and abs(written.value - target) > 1e-9:
                ctx.add(
                    "target-differs",
                    "warning",
                    L.cell_name(r, cols[L.COL_TARGET]),
                    value=fmt_number(written.value),
                    target=fmt_number(target),
                )

    c = cols[L.COL_ACTUAL]
    cell = L.shared(L.cell_name(r, c))
    raw = row[c] if c < n and row[c] != "" else None
    note = ""
    if L.COL_NOTE in cols:
        note_raw = _at(row, cols[L.COL_NOTE])
        if not is_blank(note_raw):
            pn = parse_text(note_raw)
            note = pn.value
            note_cell = L.cell_name(r, cols[L.COL_NOTE])
            if pn.normalised:
                ctx.add("text-cleaned", "warning", note_cell)
            if len(note) > LONG_TEXT:
                ctx.add("value-too-long", "warning", note_cell, length=len(note), limit=LONG_TEXT)

    baseline = _read_baseline(grid, r, ind, cols, plan, ctx) if L.COL_BASELINE in cols else None
    if is_blank(raw):
        if ctx.is_uncached_formula(cell):
            ctx.add("formula-no-value", "error", cell)
        elif ind.kind in ("yesno", "qualitative"):
            choices = L.YESNO_CHOICES if ind.kind == "yesno" else L.STATE_CHOICES
            ctx.add("empty-choice", "error", cell, choices="/".join(choices))
        else:
            ctx.add("empty-value", "error", cell)
        return
    p: Parsed
    if ind.kind == "yesno":
        p = parse_choice(raw, L.YESNO_CHOICES)
    elif ind.kind == "qualitative":
        p = parse_choice(raw, L.STATE_CHOICES)
    else:
        p = parse_number(
            raw,
            ind.unit,
            integer=ind.integer,
            rate=ind.rate,
            known_units=plan.symbols,
            same_units=plan.same_as.get(ind.unit, ()),
        )
    if p.error is not None:  # (not p.ok, without the property's call)
        ctx.add(p.error, "error", cell, **p.params)
        return
    # Excel shows 15, not 15.000000000000002 (most figures need no normalising: no list made)
    visible = [k for k in p.normalised if k != "norm-float-noise"] if p.normalised else None
    if visible:
        shown = fmt_number(p.value) if isinstance(p.value, float) else p.value
        ctx.add(
            "value-normalised",
            "warning",
            cell,
            value=raw,
            number=shown,
            what=[phrase(k, unit=ind.unit, **p.params) for k in visible],
        )
    ret.values[ind.code] = _new_value(Value, (ind.code, p.value, cell, note, baseline))


def _read_baseline(
    grid: list[list[Cell]], r: int, ind: Indicator, cols: dict[str, int], plan: Plan, ctx: Ctx
) -> float | None:
    """The 基期值 of a stock goal on a form that asks for it (blank is allowed: no baseline)."""
    if L.COL_BASELINE not in cols or ind.kind != "stock" or ind.scope != "period":
        return None
    raw = cell_at(grid, r, cols[L.COL_BASELINE])
    if is_blank(raw):
        return None
    cell = L.cell_name(r, cols[L.COL_BASELINE])
    p = parse_number(raw, ind.unit, integer=ind.integer, rate=ind.rate, known_units=plan.symbols)
    if not p.ok:
        assert p.error is not None
        ctx.add(p.error, "error", cell, **p.params)
        return None
    value: float = p.value
    return value
