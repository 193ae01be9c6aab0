"""Fill a blank return by program, as a township would by hand.

Used to make the bundled example returns, the test fixtures and the benchmark corpus. It finds
cells by their labels, like the reader, so it keeps working when the template's layout moves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ipcounty.returns import layout as L


def fill_return(
    template: Path,
    out: Path,
    *,
    as_of: Any,
    values: Mapping[str, Any],
    notes: Mapping[str, Any] | None = None,
    header: Mapping[str, Any] | None = None,
    reporter: str = "张三",
    phone: str = "0632-0000000",
    cells: Mapping[str, Any] | None = None,
    fixed_time: dt.datetime | None = None,
) -> Path:
    """Write ``template`` filled in to ``out``.

    ``values`` and ``notes`` are keyed by indicator code; a code absent from ``values`` leaves
    its cell blank. ``header`` overrides header values by label (``{"镇街": "..."}``) and
    ``cells`` writes raw values into named cells last (``{"E12": "15件"}``), to make bad
    returns on purpose. ``fixed_time`` pins the document timestamps for reproducible bytes.
    """
    from openpyxl import load_workbook

    wb = load_workbook(template)
    ws = wb[L.SHEET]
    label_cells: dict[str, Any] = {}  # label -> the cell right of it
    header_row = None
    code_col = actual_col = note_col = None
    for row in ws.iter_rows():
        for c in row:
            key = L.label_key(c.value)
            if key and key not in label_cells and header_row is None:
                label_cells[key] = ws.cell(c.row or 1, (c.column or 1) + 1)
            col = L.column_key(c.value)
            if col == L.COL_CODE:
                header_row, code_col = c.row, c.column
            elif col == L.COL_ACTUAL:
                actual_col = c.column
            elif col == L.COL_NOTE:
                note_col = c.column
    if header_row is None or code_col is None or actual_col is None:
        raise ValueError(f"{template} is not a return template")
    given = {L.LABEL_AS_OF: as_of, L.LABEL_REPORTER: reporter, L.LABEL_PHONE: phone, **(header or {})}
    for label, value in given.items():
        if label in label_cells:
            label_cells[label].value = value
            if isinstance(value, (dt.date, dt.datetime)):
                label_cells[label].number_format = "yyyy-mm-dd"
    for r in range(header_row + 1, ws.max_row + 1):
        code = ws.cell(r, code_col).value
        if not isinstance(code, str):
            continue
        if code in values:
            ws.cell(r, actual_col).value = values[code]
        if notes and code in notes and note_col:
            note = ws.cell(r, note_col)
            note.value = notes[code]
            note.data_type = "s"  # a note is text even when it starts with "=" (as typed after ')
    for ref, value in (cells or {}).items():
        ws[ref].value = value
    if fixed_time is not None:
        wb.properties.created = fixed_time
        wb.properties.modified = fixed_time
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out
