"""How big each sheet of an .ods or .xls really is, read from the file before python-calamine is.

python-calamine builds a dense grid from A1 to the last cell of a sheet: one cell at GR200000
makes it spend seconds and gigabytes, one further out aborts the process. For .xlsx the sheet
XML is screened in ``xlsx_screen.py``; here the same question is answered for the other formats,
from the bytes alone:

- .ods: ``content.xml`` is walked with expat (no DTD, no entities), counting repeated rows and
  columns, noting the last row and column that hold a value or text;
- .xls: the BIFF8 ``Workbook`` stream is found in the OLE compound file and its cell records
  (row, column) are scanned sheet by sheet.

Empty cells — formatted but holding nothing, as LibreOffice writes out to AMJ1048576 — are not
data and do not count. Each function returns ``{sheet name: (rows, columns)}``; a sheet that
is missing from the answer was not understood here and is left to python-calamine's own check.
"""

from __future__ import annotations

import struct
import zlib
from typing import Any

__all__ = ["ods_extents", "probe_in_child", "xls_extents"]

# ---- .ods ---------------------------------------------------------------------------------

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_SEP = "\x01"
_TABLE = f"{_TABLE_NS}{_SEP}table"
_ROW = f"{_TABLE_NS}{_SEP}table-row"
_CELLS = (f"{_TABLE_NS}{_SEP}table-cell", f"{_TABLE_NS}{_SEP}covered-table-cell")
_NAME = f"{_TABLE_NS}{_SEP}name"
_ROWS_REPEATED = f"{_TABLE_NS}{_SEP}number-rows-repeated"
_COLS_REPEATED = f"{_TABLE_NS}{_SEP}number-columns-repeated"
_VALUE_TYPE = f"{_OFFICE_NS}{_SEP}value-type"


class _NotPlain(Exception):
    """The XML declares entities or a DTD: not something an office program writes."""


def _repeat(attrs: dict[str, str], key: str) -> int:
    try:
        return max(1, int(attrs.get(key, "1")))
    except ValueError:
        return 1


def ods_extents(content_xml: bytes) -> dict[str, tuple[int, int]]:
    """(rows, columns) holding data, per sheet of an .ods ``content.xml``."""
    from xml.parsers import expat

    out: dict[str, tuple[int, int]] = {}
    state: dict[str, Any] = {"table": None, "depth": 0, "row": 0, "col": 0, "rows_rep": 1}
    # The cell being read: its first column, repeat count, and whether anything is inside it.
    cell: dict[str, Any] = {"open": False, "start": 0, "rep": 1, "data": False, "covered": False}
    extent = [0, 0]

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == _TABLE:
            state["depth"] += 1
            if state["depth"] == 1:
                state["table"] = attrs.get(_NAME, "")
                state["row"] = 0
                extent[0] = extent[1] = 0
            return
        if state["depth"] != 1:
            return
        if cell["open"]:
            cell["data"] = True  # any element inside a cell (text:p, a drawing) is content
            return
        if name == _ROW:
            state["rows_rep"] = _repeat(attrs, _ROWS_REPEATED)
            state["col"] = 0
            state["row_has_data"] = False
        elif name in _CELLS:
            rep = _repeat(attrs, _COLS_REPEATED)
            cell.update(open=True, start=state["col"], rep=rep, data=_VALUE_TYPE in attrs)
            state["col"] += rep

    def end(name: str) -> None:
        if name == _TABLE:
            if state["depth"] == 1 and state["table"] is not None:
                out[state["table"]] = (extent[0], extent[1])
            state["depth"] -= 1
            return
        if state["depth"] != 1:
            return
        if name in _CELLS and cell["open"]:
            if cell["data"]:
                extent[1] = max(extent[1], cell["start"] + cell["rep"])
                state["row_has_data"] = True
            cell["open"] = False
        elif name == _ROW and not cell["open"]:
            first = state["row"]
            state["row"] += state["rows_rep"]
            if state.get("row_has_data"):
                extent[0] = max(extent[0], first + state["rows_rep"])

    def no_entities(*_: Any) -> None:
        raise _NotPlain

    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.EntityDeclHandler = no_entities
    parser.StartDoctypeDeclHandler = no_entities
    try:
        parser.Parse(content_xml, True)
    except (expat.ExpatError, _NotPlain, ValueError):
        # Damaged or unusual XML: what was understood so far stands (the sheet being read with
        # what it had reached), the sheets after it are left to python-calamine's own check.
        if state["depth"] >= 1 and state["table"] is not None:
            out.setdefault(state["table"], (extent[0], extent[1]))
    return out


# ---- .xls ---------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
# BIFF8 records that hold a cell's value, each starting with (row, column) as two u16.
_VALUE_RECORDS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6}
_MULRK = 0x00BD  # row, first column, RK values..., last column (u16 at the end)
_BOF, _EOF, _BOUNDSHEET, _FILEPASS = 0x0809, 0x000A, 0x0085, 0x002F


def _ole_stream(data: bytes, wanted: tuple[str, ...]) -> bytes | None:
    """The first stream named one of ``wanted`` in an OLE compound file, or None."""
    if not data.startswith(_OLE_MAGIC) or len(data) < 512:
        return None
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if not (7 <= sector_shift <= 16 and mini_shift < sector_shift):
        return None
    size = 1 << sector_shift
    n_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
    cutoff, first_minifat, n_minifat, first_difat, n_difat = struct.unpack_from("<IIIII", data, 0x38)

    def sector(i: int) -> bytes:
        start = 512 + i * size if size == 512 else size * (i + 1)
        return data[start : start + size]

    difat = list(struct.unpack_from("<109I", data, 0x4C))
    seen = 0
    while first_difat < _END_OF_CHAIN and seen < n_difat and seen < 10_000:
        block = sector(first_difat)
        if len(block) < size:
            break
        ints = struct.unpack(f"<{size // 4}I", block)
        difat.extend(ints[:-1])
        first_difat = ints[-1]
        seen += 1
    fat: list[int] = []
    for s in difat[:n_fat]:
        block = sector(s)
        if len(block) < size:
            return None
        fat.extend(struct.unpack(f"<{size // 4}I", block))

    def chain(start: int, table: list[int], limit: int) -> list[int]:
        out: list[int] = []
        while start < _END_OF_CHAIN and start < len(table) and len(out) < limit:
            out.append(start)
            start = table[start]
        return out

    most = len(data) // size + 1
    directory = b"".join(sector(s) for s in chain(first_dir, fat, most))
    entries = []
    for off in range(0, len(directory) - 127, 128):
        name_len = struct.unpack_from("<H", directory, off + 64)[0]
        name = directory[off : off + max(0, min(name_len, 64) - 2)].decode("utf-16-le", "replace")
        kind = directory[off + 66]
        start, length = struct.unpack_from("<II", directory, off + 116)
        entries.append((name, kind, start, length))
    if not entries:
        return None
    root = entries[0]
    for name, kind, start, length in entries:
        if kind != 2 or name not in wanted:
            continue
        if length >= cutoff:
            return b"".join(sector(s) for s in chain(start, fat, most))[:length]
        # A small stream lives in the mini stream (held by the root entry's chain).
        mini = b"".join(sector(s) for s in chain(root[2], fat, most))
        minifat_bytes = b"".join(sector(s) for s in chain(first_minifat, fat, n_minifat or most))
        minifat = list(struct.unpack(f"<{len(minifat_bytes) // 4}I", minifat_bytes[: len(minifat_bytes) // 4 * 4]))
        msize = 1 << mini_shift
        parts = [mini[s * msize : (s + 1) * msize] for s in chain(start, minifat, len(mini) // msize + 1)]
        return b"".join(parts)[:length]
    return None


def xls_extents(data: bytes) -> dict[str, tuple[int, int]]:
    """(rows, columns) holding data, per worksheet of an .xls (BIFF8) file."""
    try:
        stream = _ole_stream(data, ("Workbook", "Book"))
    except (struct.error, IndexError, ValueError, zlib.error):
        return {}
    if stream is None:
        return {}
    sheets: list[tuple[str, int]] = []
    pos = 0
    n = len(stream)
    # The workbook globals: the list of sheets and where each one's records start.
    while pos + 4 <= n:
        rtype, length = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4 : pos + 4 + length]
        if rtype == _FILEPASS:
            return {}  # encrypted: record bodies are not readable here (calamine says so)
        if rtype == _BOUNDSHEET and len(body) >= 8:
            offset = struct.unpack_from("<I", body, 0)[0]
            cch, flags = body[6], body[7]
            raw = body[8 : 8 + (cch * 2 if flags & 1 else cch)]
            name = raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")
            sheets.append((name, offset))
        pos += 4 + length
        if rtype == _EOF:
            break
    out: dict[str, tuple[int, int]] = {}
    for name, offset in sheets:
        rows = cols = 0
        pos = offset
        while pos + 4 <= n:
            rtype, length = struct.unpack_from("<HH", stream, pos)
            body = stream[pos + 4 : pos + 4 + length]
            pos += 4 + length
            if rtype in _VALUE_RECORDS and len(body) >= 4:
                r, c = struct.unpack_from("<HH", body, 0)
                rows, cols = max(rows, r + 1), max(cols, c + 1)
            elif rtype == _MULRK and len(body) >= 6:
                r = struct.unpack_from("<H", body, 0)[0]
                last = struct.unpack_from("<H", body, len(body) - 2)[0]
                rows, cols = max(rows, r + 1), max(cols, last + 1)
            elif rtype == _EOF:
                break
        out[name] = (rows, cols)
    return out


# ---- anything else: ask python-calamine, in a process that may die -------------------------

_PROBE = """
import json, sys
from python_calamine import CalamineWorkbook
import io
wb = CalamineWorkbook.from_filelike(io.BytesIO(sys.stdin.buffer.read()))
out = {}
for name in wb.sheet_names:
    s = wb.get_sheet_by_name(name)
    end = s.end
    out[name] = [end[0] + 1, end[1] + 1] if end else [0, 0]
sys.stdout.write(json.dumps(out))
"""
_PROBE_MEMORY = 2 * 1024**3  # a sheet needing more than this is far past the limits anyway
_PROBE_SECONDS = 60


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (_PROBE_MEMORY, _PROBE_MEMORY))
    except (ImportError, ValueError, OSError):
        pass


def probe_in_child(data: bytes) -> dict[str, tuple[int, int]] | None:
    """Each sheet's (rows, columns) as python-calamine builds it, worked out in a child process;
    None when the child dies (an abort on a far cell), runs out of memory or time, or fails."""
    import json
    import os
    import subprocess
    import sys

    try:
        proc = subprocess.run(
            [sys.executable, "-I", "-c", _PROBE],
            input=data,
            capture_output=True,
            timeout=_PROBE_SECONDS,
            preexec_fn=_limit_memory if os.name == "posix" else None,
        )
        if proc.returncode != 0:
            return None
        sizes = json.loads(proc.stdout)
        return {str(k): (int(v[0]), int(v[1])) for k, v in sizes.items()}
    except (OSError, subprocess.SubprocessError, ValueError, TypeError, KeyError, IndexError):
        return None
