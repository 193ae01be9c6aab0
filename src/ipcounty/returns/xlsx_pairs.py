"""The stamp sheet (_ipcounty) read from its XML, when it is written as ipcounty writes it.

python-calamine would build the sheet cell by cell for a dozen pairs of text; read here, each text
is decoded once per spelling (the stamp's keys and most of its values are the same in every return
of a template). Anything spelled otherwise is left to python-calamine (see ``Book.read_pairs``).
"""

from __future__ import annotations

import functools
import re

# A sheet of text pairs as ipcounty writes its hidden _ipcounty sheet (openpyxl's inline strings):
# row n holds An and Bn, nothing else. Anything else is read by python-calamine.
_PLAIN_PAIR = re.compile(
    rb'<row r="([0-9]{1,2})"><c r="A\1" t="inlineStr"><is><t>([^<]*)</t></is></c>'
    rb'<c r="B\1" t="inlineStr"><is><t>([^<]*)</t></is></c></row>'
)
_ROW_NUMBERS = tuple(str(n).encode() for n in range(1, 101))  # (one past what the row's r can say)
_CHAR_REF = re.compile(r"&(?:#([0-9]{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


@functools.lru_cache(maxsize=256)
def _xml_text(raw: bytes) -> str | None:
    """The text of a <t> element without markup inside, references replaced; None for anything
    this reader does not promise to read as python-calamine does (a stray &, a character that is
    not printable, whitespace around it, bytes that are not UTF-8).

    Remembered by its bytes: the stamp's keys and most of its values are the same in every return
    of a template."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "&" in text:
        parts = _CHAR_REF.split(text)  # text, then the three groups of each reference, and so on
        if any("&" in p for p in parts[0::4]):
            return None  # an & that begins no reference read here
        out = [parts[0]]
        for i in range(1, len(parts), 4):
            dec, hexa, name = parts[i : i + 3]
            if name:
                out.append(_NAMED[name])
            else:
                code = int(dec) if dec else int(hexa, 16)
                if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                    return None
                out.append(chr(code))
            out.append(parts[i + 3])
        text = "".join(out)
    # python-calamine drops the whitespace around a text (a cell of one space reads as empty):
    # such a text is left to it.
    return text if text.isprintable() and text == text.strip() else None


def plain_pairs(xml: bytes) -> tuple[list[list[str]], bytes] | None:
    """The cells of a sheet written as ipcounty writes _ipcounty (see ``_PLAIN_PAIR``), as the grid
    python-calamine would make of them, and the sheet's XML around its <sheetData> (whose reading
    by python-calamine :class:`Book` checks once per spelling); None for any other sheet."""
    start = xml.find(b"<sheetData>")
    end = xml.find(b"</sheetData>", start)
    if start < 0 or end < 0:
        return None
    pos = start + len(b"<sheetData>")
    grid: list[list[str]] = []
    for m in _PLAIN_PAIR.finditer(xml, pos, end):
        row, a_raw, b_raw = m.groups()
        if m.start() != pos or row != _ROW_NUMBERS[len(grid)]:
            return None
        a, b = _xml_text(a_raw), _xml_text(b_raw)
        if a is None or b is None:
            return None
        grid.append([a, b])
        pos = m.end()
    if pos != end or not grid:
        return None
    return grid, xml[:start] + xml[end:]
