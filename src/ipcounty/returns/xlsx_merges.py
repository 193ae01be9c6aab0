"""A sheet handed to python-calamine with its merged ranges first.

python-calamine reads a sheet twice: once for its cells, then once more from its start for its
merged ranges, stopping at the first ``<mergeCells>`` — which Excel, WPS, LibreOffice and
openpyxl all write after the cells, so the second pass tokenises every cell again (a third of
what python-calamine spends on a sheet). In the copy it is handed (see
``XlsxParts.stored_copy``) a sheet's ``<mergeCells>`` is therefore also written at its very
start, where that pass finds it at once. The pass over the cells acts on no element before
``<sheetData>`` but ``<dimension>``, so it reads the same cells either way.

The ranges read are the same when the second pass over the original would have found that same
element without an error. :func:`merges_first` makes the copy only when the sheet's bytes leave
no doubt about where that pass goes:

- no comment, CDATA, doctype or processing instruction (but an XML declaration at the start):
  every ``<`` outside a tag starts a tag;
- ``sheetData`` spelled twice only, as ``<sheetData>`` and then ``</sheetData>``: when the cells
  could be read at all, that ``</sheetData>`` closed them, so the second pass got past the cells
  without an error and stands between two tags there;
- no ``mergeCells`` before it: the pass found nothing among the cells.

What the pass meets after ``</sheetData>`` (the sheet's tail: its protection, merged ranges,
validations, page setup) is then all that decides its outcome. The tail is the same in every
return made from one template, so python-calamine itself is asked, once per tail, on a sheet of
no cells: the tail after an empty ``<sheetData>``, with and without the first ``<mergeCells>``
written first. The copy is made only when both read without an error and give the same ranges.
"""

from __future__ import annotations

import io
import re
import zipfile

# An XML declaration as the writers put it (quotes either way, nothing else inside).
_DECLARATION = re.compile(rb'<\?xml(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<>?]*"|\'[^\'<>?]*\'))*\s*\?>')
# A <mergeCells> element as the writers put it: nothing but <mergeCell ref="A1:B2"/> inside.
_BLOCK = re.compile(
    rb'<mergeCells(?: count="[0-9]{1,7}")?>(?:<mergeCell ref="[A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?"/>)*'
    rb"</mergeCells>"
)
_NONE = b"<mergeCells/>"  # for a sheet without merged ranges: the pass ends there, finding none
_LONGEST_TAIL = 1 << 16  # a longer tail is left as it is (and is not remembered)
_SMALLEST = 4096  # bytes of XML (the hidden _ipcounty sheet has about 1,500)

# The tails seen, with their heads (declarations), and the <mergeCells> to write first (None: the
# sheet is left as it is).
_TAILS: dict[tuple[bytes, bytes], bytes | None] = {}


def merges_first(xml: bytes) -> bytes | None:
    """The sheet's XML with its first ``<mergeCells>`` (or an empty one) also written at its start,
    after any XML declaration; None where that might read differently (see the module's docstring)."""
    if len(xml) < _SMALLEST:
        return None  # python-calamine's second pass over a small sheet costs less than the checks
    head = 0
    if xml.startswith(b"<?"):
        m = _DECLARATION.match(xml)
        if m is None:
            return None
        head = m.end()
    elif not xml.startswith(b"<"):
        return None  # a byte-order mark or stray text first: left as it is
    # (A search for one rare byte runs at memchr's speed; one for "<!" tries every "!".)
    if (xml.find(b"!") >= 0 and b"<!" in xml) or (xml.find(b"?", head) >= 0 and xml.find(b"<?", head) >= 0):
        return None
    start, end = xml.find(b"<sheetData>"), xml.rfind(b"</sheetData>")  # and no other sheetData
    if start < 0 or end < start or len(xml) - end > _LONGEST_TAIL:
        return None
    if any(xml.find(word, 0, start) >= 0 for word in (b"sheetData", b"mergeCells")):
        return None
    if xml.find(b"sheetData", end + 3) >= 0 or _holds(xml, start + 11, end, b"sheetData", b"a", b"h"):
        return None
    if _holds(xml, start + 11, end, b"mergeCells", b"g"):
        return None
    key = (xml[:head], xml[end:])
    block = _TAILS.get(key, b"")
    if block == b"":
        block = _TAILS[key] = _block_for(*key)
        if len(_TAILS) > 64:
            _TAILS.clear()
    return None if block is None else xml[:head] + block + xml[head:]


def _holds(xml: bytes, start: int, end: int, word: bytes, *rare: bytes) -> bool:
    """Whether ``word`` is in ``xml[start:end]``; told at memchr's speed when one of its bytes
    ``rare`` is not (a sheet's cells hold no "a", "h" or "g" but in text and in a few attributes:
    Excel's rows' spans, openpyxl's customHeight; and ASCII text is rare)."""
    for byte in rare:
        if xml.find(byte, start, end) < 0:
            return False
    return xml.find(word, start, end) >= 0


def _block_for(head: bytes, tail: bytes) -> bytes | None:
    """The element to write first for sheets ending in ``tail``, once python-calamine has read a
    sheet of no cells both ways alike; None when not."""
    at = tail.find(b"mergeCells")
    if at < 0:
        block = _NONE
    else:
        m = _BLOCK.match(tail, at - 1)
        if m is None:
            return None  # spelled some other way: left to python-calamine
        block = m.group(0)
    plain = _merged_ranges(head + _EMPTY_SHEET + tail)
    if plain is None or plain != _merged_ranges(head + block + _EMPTY_SHEET + tail):
        return None
    return block


_EMPTY_SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'


def _merged_ranges(sheet: bytes) -> list[tuple[tuple[int, int], tuple[int, int]]] | None:
    """The merged ranges python-calamine reads of a workbook holding only ``sheet``; None when it
    reads none (an error, a panic)."""
    from python_calamine import CalamineWorkbook

    from ipcounty.returns.workbook import quiet_stderr

    try:
        with quiet_stderr():
            wb = CalamineWorkbook.from_filelike(io.BytesIO(_one_sheet_book(sheet)))
            try:
                ranges = wb.get_sheet_by_name("s").merged_cell_ranges
            finally:
                wb.close()
    except Exception:  # noqa: BLE001 - any failure (a panic included) leaves the sheet as it is
        return None
    return list(ranges or [])


def _one_sheet_book(sheet: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _PACKAGE_RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return buf.getvalue()


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/></Types>'
)
_PACKAGE_RELS = (
    f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_DOC}/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_DOC}/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
