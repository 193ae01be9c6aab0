"""Fill a blank return by program, as a township would by hand.

Used to make the bundled example returns, the test fixtures and the benchmark corpus. It finds
cells by their labels, like the reader, so it keeps working when the template's layout moves.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipcounty.returns import layout as L

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ipcounty.plan.runtime import EvidenceSpec


def fill_return(
    template: Path,
    out: Path,
    *,
    as_of: Any,
    values: Mapping[str, Any],
    notes: Mapping[str, Any] | None = None,
    baselines: Mapping[str, Any] | None = None,
    header: Mapping[str, Any] | None = None,
    reporter: str = "张三",
    phone: str = "0632-0000000",
    cells: Mapping[str, Any] | None = None,
    details: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    fixed_time: dt.datetime | None = None,
) -> Path:
    """Write ``template`` filled in to ``out``.

    ``values``, ``notes`` and ``baselines`` (基期值, where the form has that column) are keyed by
    indicator code; a code absent from ``values`` leaves its cell blank. ``header`` overrides
    header values by label (``{"镇街": "..."}``) and ``cells`` writes raw values into named cells
    last (``{"E12": "15件"}``), to make bad returns on purpose. ``details`` lists the 明细 rows
    per indicator code, each a mapping of column name to value (rows are inserted when the
    template has too few). ``fixed_time`` pins the document timestamps for reproducible bytes.
    """
    from openpyxl import load_workbook

    wb = load_workbook(template)
    ws = wb[L.SHEET]
    label_cells: dict[str, Any] = {}  # label -> the cell right of it
    header_row = None
    code_col = actual_col = note_col = base_col = None
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
            elif col == L.COL_BASELINE:
                base_col = c.column
    if header_row is None or code_col is None or actual_col is None:
        raise ValueError(f"{template} is not a return template")
    if L.LABEL_UNIT not in label_cells and L.LABEL_YEAR in label_cells:
        # The plan's own unit word (街道, 部门 …) heads the block, just above 年度.
        year_cell = label_cells[L.LABEL_YEAR]
        label_cells[L.LABEL_UNIT] = ws.cell((year_cell.row or 2) - 1, year_cell.column or 2)
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
        if baselines and code in baselines and base_col:
            ws.cell(r, base_col).value = baselines[code]
        if notes and code in notes and note_col:
            note = ws.cell(r, note_col)
            note.value = notes[code]
            note.data_type = "s"  # a note is text even when it starts with "=" (as typed after ')
    for ref, value in (cells or {}).items():
        ws[ref].value = value
    if details and L.DETAIL_SHEET in wb.sheetnames:
        _fill_details(wb[L.DETAIL_SHEET], details)
    if fixed_time is not None:
        wb.properties.created = fixed_time
        wb.properties.modified = fixed_time
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def _fill_details(ws: Worksheet, details: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Write 明细 rows under each table's header (found by the ``CODE title`` row above it)."""
    for code, rows in details.items():
        title_row = next((c.row for c in ws["A"] if isinstance(c.value, str) and c.value.startswith(f"{code} ")), None)
        if title_row is None:
            continue
        head = title_row + 1
        columns = {ws.cell(head, j).value: j for j in range(1, ws.max_column + 1) if ws.cell(head, j).value}
        capacity = 0
        while isinstance(ws.cell(head + 1 + capacity, 1).value, int):
            capacity += 1
        if len(rows) > capacity:
            ws.insert_rows(head + 1 + capacity, amount=len(rows) - capacity)
        for k, item in enumerate(rows):
            r = head + 1 + k
            ws.cell(r, 1).value = k + 1
            for name, value in item.items():
                if name in columns:
                    cell = ws.cell(r, columns[name])
                    cell.value = value
                    if isinstance(value, str):
                        cell.data_type = "s"


def sample_items(spec: EvidenceSpec, n: int, year: int, salt: str, start: int = 0) -> list[dict[str, Any]]:
    """``n`` plausible, valid 明细 rows for ``spec`` (check digits right, dates in ``year``).

    Deterministic in ``salt`` (e.g. the unit's name) and ``start``, so two units never share an
    item unless a caller asks for it. For examples, tests and benchmarks."""
    from ipcounty.returns.identifiers import credit_check_char, patent_check_digit

    base = zlib.crc32(salt.encode("utf-8")) % 900_000
    out: list[dict[str, Any]] = []
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    for k in range(start, start + n):
        serial = base * 10 + k
        row: dict[str, Any] = {}
        for col in spec.columns:
            if col.check in ("patent", "invention_patent"):
                kind = "1" if col.check == "invention_patent" or k % 3 else "2"
                digits = f"{year - 2 if k % 2 else year - 1}{kind}{serial % 10_000_000:07d}"
                row[col.name] = f"ZL{digits}.{patent_check_digit(digits)}"
            elif col.check == "credit_code":
                body = "91370402" + "".join(chars[(serial // 31**i) % 31] for i in range(9))
                row[col.name] = body + credit_check_char(body)
            elif col.check == "date":
                row[col.name] = dt.date(year, 1 + k % 12, 1 + k % 28)
            elif col.check == "year":
                row[col.name] = year
            elif col.check == "count":
                row[col.name] = 20 + k % 60
            elif col.key:
                row[col.name] = f"{salt}{col.name}{k + 1}号"
            else:
                row[col.name] = f"{salt}{col.name}{k + 1}"
        out.append(row)
    return out
