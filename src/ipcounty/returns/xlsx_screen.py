"""The far-cell screen of an .xlsx sheet: how far its cells reach, read from its XML before
python-calamine builds it.

python-calamine builds a dense grid from A1 to a sheet's last cell and aborts the process on a
cell at XFD1048576, however it is spelled. ``sheet_extent`` clears the usual sheet with a few
searches in C and works any other out exactly (tests/test_hostile.py, tests/test_sheet_screen.py).
"""

from __future__ import annotations

import re

# Every way python-calamine accepts a cell's or row's position: r="B5", r='b5', r = "B5"; a row's
# r holds digits only. (Tested in tests/test_hostile.py: each spelling of a far cell aborts
# python-calamine 0.9 unless refused first.)
_REF = re.compile(rb'\sr\s*=\s*["\']([A-Za-z]{0,3})([0-9]+)["\']')
# Start tags of cells and rows, with or without a namespace prefix (<c ...>, <x:c ...>); the
# groups hold their attributes.
_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n


# The usual sheet, as Excel, WPS, LibreOffice and openpyxl write it: every cell tag starts
# <c r="B5", one r each, no namespace prefix, no column past Z and no row past 999. It is
# recognised by two searches in one translated copy of its <sheetData>: digits made 0, A–Z made
# A, whitespace and non-ASCII bytes deleted (bytes.translate runs in C at a few instructions a
# byte, and so do searches that start with fixed bytes; a regular expression tried at every tag
# costs several times more). A usual cell tag then reads <cr="A0">, with one to three 0s.
#
# A row's own r is not looked at: python-calamine places a cell that has an r by that r alone,
# so a row's position only ever places cells without one, and the usual sheet has none.
#
# Deleting bytes never makes a far cell look usual. XML's syntax (names' starts, =, quotes) is
# ASCII, and python-calamine refuses a position holding anything but ASCII letters and digits, so
# a deleted byte inside a position is a position refused. Deleted whitespace only joins what
# python-calamine reads apart: <c r = "B5"> and <c\nr="B5"> are the cell B5 either way, and a
# spaced second r (<c r="B5" r ="XFD1">) is an r= like any other. A tag name joined to
# its first attribute (<c t="s"> reads <ct="s">) is a cell tag that does not start with a usual
# position, as before.
_AS_CLASSES = bytes.maketrans(bytes(range(65, 91)) + b"0123456789", b"A" * 26 + b"0" * 10)
_DELETED = bytes(range(128, 256)) + b" \t\n\r"
_PREFIXED_TAG = re.compile(rb":(?:c|row)")  # <x:c ...>, <x:row ...> (and anything else so spelled)
# In the translated copy: a cell tag that does not start with a usual position (one letter, one to
# three digits, closed by its quote), and an r= that is not a cell's or a row's first attribute.
# (Two searches with a literal start, each one pass in C: four counts over the copy cost twice
# as much.)
_UNUSUAL_CELL = re.compile(rb'<c(?!r="A0{1,3}")')
_OTHER_R = re.compile(rb"r=(?<!<cr=)(?<!<rowr=)")


def _usual(data: bytes) -> bool:
    """Whether ``data`` (a <sheetData> element) is the usual sheet described above.

    Each way to spell a cell's position python-calamine reads, other than the usual one, either
    starts a cell tag some other way or adds an r= that is not the first attribute of a cell or
    a row: a cell tag without r, or with r not first (<c t="s" r="B5">), a second r (r='B5' and
    r = "B5" included), a column lower-case, of two letters or none, a row past 999, a namespace
    prefix (<x:c>)."""
    t = data.translate(_AS_CLASSES, _DELETED)
    return (
        _UNUSUAL_CELL.search(t) is None  # every cell tag starts with a usual position
        and _OTHER_R.search(t) is None  # and there is no other r=, but rows' own
        and (b":" not in t or _PREFIXED_TAG.search(t) is None)
    )


def sheet_extent(xml: bytes) -> tuple[int, int] | None:
    """Upper bounds of the (rows, columns) python-calamine would make of a sheet's XML, or None
    when the sheet certainly stays within MAX_ROWS x MAX_COLS.

    The usual sheet (see above) is cleared by two searches over a translated copy of its
    <sheetData>; any other is worked out exactly."""
    start, end = xml.find(b"<sheetData"), xml.rfind(b"</sheetData>")
    if start < 0 or end < start:
        return exact_extent(xml)  # no (or a namespaced) sheetData: nothing usual about it
    if _usual(xml[start:end]):
        return None
    return exact_extent(xml)


_TAG = re.compile(_PREFIX + rb"(row|c)(?=[\s/>])([^>]*)>")


def exact_extent(xml: bytes) -> tuple[int, int]:
    """(rows, columns) bounds of the cells that hold something, walked tag by tag.

    A row or cell without r takes the position after the previous one, as python-calamine does.
    An empty cell (``<c r="XFD1048576" s="3"/>``, ``<c ...></c>``) and a row with no cells are
    not data: LibreOffice writes an empty ``<row r="1048576">`` after a row is deleted, and
    python-calamine leaves such cells out of its grid. A cell with any child element counts,
    whatever the child holds. Where a tag carries r twice, the larger position counts."""
    rows = cols = 0
    row = col = 0
    for m in _TAG.finditer(xml):
        attrs = m.group(2)
        refs = _REF.findall(b" " + attrs)
        if m.group(1) == b"row":
            row = max((int(d) for _, d in refs), default=row + 1)
            col = 0
            continue
        letters = [c for c, _ in refs if c]
        col = max(_col_number(c) for c in letters) if letters else col + 1
        if refs:
            row = max(row, *(int(d) for _, d in refs)) if not letters else max(int(d) for c, d in refs if c)
        if attrs.endswith(b"/"):
            continue  # <c .../>: empty
        nxt = xml.find(b"<", m.end())
        if nxt < 0 or xml.startswith(b"</", nxt):
            continue  # <c ...></c>: empty
        rows = max(rows, row or 1)
        cols = max(cols, col)
    return rows, cols
