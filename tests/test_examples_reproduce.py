"""The committed example returns are what ``examples/make_examples.py`` makes.

An earlier change to the 说明 sheet (its column width and row heights) and to 明细's paper size
reached the committed examples only when someone ran the script again. The workbooks are compared
as a reader of them sees them (openpyxl: values, the styles that matter, sizes, print set-up), not
byte for byte, so that another openpyxl release writing the same workbook differently does not fail.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

EXAMPLES = ROOT / "examples" / "returns"


def _make_examples(out: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_examples", ROOT / "examples" / "make_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(out)


def _sheet(ws: Any) -> dict[str, Any]:
    setup = ws.page_setup
    fit = ws.sheet_properties.pageSetUpPr
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            f, a = c.font, c.alignment
            cells[c.coordinate] = (
                c.value,
                c.number_format,
                (f.b, f.sz, f.color.rgb if f.color is not None else None),
                c.fill.fgColor.rgb if c.fill.fill_type else None,
                (a.horizontal, a.vertical, a.wrap_text),
                c.protection.locked,
                (c.border.left.style, c.border.top.style),
            )
    return {
        "state": ws.sheet_state,
        "dimensions": ws.dimensions,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": {k: round(d.width, 2) for k, d in ws.column_dimensions.items() if d.width},
        "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
        "protected": ws.protection.sheet,
        "validations": sorted((str(v.sqref), v.type, v.formula1) for v in ws.data_validations.dataValidation),
        "print": (setup.orientation, setup.paperSize, setup.fitToWidth, fit.fitToPage if fit else None),
        "titles": ws.print_title_rows,
        "freeze": ws.freeze_panes,
        "cells": cells,
    }


def _workbook(path: Path) -> dict[str, Any]:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    return {ws.title: _sheet(ws) for ws in wb.worksheets}


def test_the_committed_example_returns_are_what_the_script_makes(tmp_path: Path) -> None:
    made = tmp_path / "returns"
    _make_examples(made)
    committed = sorted(p.relative_to(EXAMPLES) for p in EXAMPLES.rglob("*") if p.is_file())
    assert sorted(p.relative_to(made) for p in made.rglob("*") if p.is_file()) == committed
    stale = []
    for rel in committed:
        if rel.suffix != ".xlsx":
            assert (made / rel).read_bytes() == (EXAMPLES / rel).read_bytes(), rel
            continue
        want, got = _workbook(made / rel), _workbook(EXAMPLES / rel)
        assert list(got) == list(want), rel
        for sheet, parts in want.items():
            stale += [f"{rel} {sheet} {key}" for key, value in parts.items() if got[sheet][key] != value]
    assert not stale, "run python examples/make_examples.py and commit the result:\n" + "\n".join(stale[:20])
