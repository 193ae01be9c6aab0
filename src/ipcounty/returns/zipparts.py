"""The raw parts of an .xlsx: its zip directory, which entry holds which sheet, and the in-memory
copy with the sheets read stored rather than deflated (see :meth:`XlsxParts.stored_copy`)."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable
from typing import Any, NamedTuple

from ipcounty.returns.limits import MAX_UNPACKED_BYTES
from ipcounty.returns.xlsx_merges import merges_first
from ipcounty.returns.xlsx_screen import sheet_extent

# What inflates: ISA-L's inflate (python-isal), the same bytes in half zlib's time; zlib without it.
_inflate: Any
try:
    from isal import isal_zlib as _inflate
except ImportError:  # pragma: no cover - isal is a dependency, but the reader works without it
    _inflate = zlib
_INFLATE_ERROR: type[Exception] = _inflate.error
_crc32 = _inflate.crc32  # (python-isal's takes a fraction of zlib's time)


class Entry(NamedTuple):
    offset: int  # of the local header
    packed: int  # compressed size
    unpacked: int
    method: int  # 0 stored, 8 deflated
    crc: int = 0
    flags: int = 0
    record: int = 0  # where its central directory record starts
    record_end: int = 0


_new_entry = tuple.__new__  # Entry(...) runs the named tuple's __new__ in Python; this makes the same in C

# A central directory record's fixed part: signature, (versions), flags, method, (time, date), CRC,
# sizes, lengths of name, extra and comment, (disk, attributes), offset of the local header.
_RECORD = struct.Struct("<4s4xHH4xIIIHHH8xI")


def zip_entries(data: bytes) -> dict[str, Entry] | None:
    """Every zip entry, read straight from the central directory: a few microseconds instead of
    zipfile's fraction of a millisecond. None when the directory is not plain (zip64, comments,
    damage); then zipfile is asked instead."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if end < 0 or end + 22 > len(data):
        return None
    count, size, offset = struct.unpack_from("<HII", data, end + 10)
    if offset + size > end or count == 0xFFFF:
        return None
    out: dict[str, Entry] = {}
    pos = offset
    for _ in range(count):
        if pos + 46 > end:
            return None  # fewer records than the directory claims
        sig, flags, method, crc, packed, unpacked, name_len, extra_len, comment_len, local = _RECORD.unpack_from(
            data, pos
        )
        if sig != b"PK\x01\x02" or 0xFFFFFFFF in (packed, unpacked, local):
            return None
        name = data[pos + 46 : pos + 46 + name_len].decode("utf-8", "replace")
        after = pos + 46 + name_len + extra_len + comment_len
        out[name] = _new_entry(Entry, (local, packed, unpacked, method, crc, flags, pos, after))
        pos = after
    return out


# What a stored entry's local header and its directory record share: flags, method, time and date,
# CRC and sizes (bytes 6-26 of the one, 8-28 of the other).
_STORED_FIELDS = struct.Struct("<HH4sIII")


def _repacked(
    data: bytes, entries: dict[str, Entry], stored: dict[str, bytes], crcs: dict[str, int] | None = None
) -> bytes:
    """A zip of the same entries, in the same order, with those in ``stored`` kept uncompressed.

    The original local entries stay where they are; the stored ones and a new central directory
    follow them (the directory is what a reader goes by). CRCs are the original ones (the stored
    bytes are the inflated originals) but for the parts in ``crcs``.

    The records of the entries kept as they are go over a run at a time: as :func:`zip_entries`
    reads them they follow one another (but where a name comes twice: the later one is kept)."""
    crcs = crcs or {}
    tail = min([e.record for e in entries.values()])  # the original central directory starts here
    out = [data[:tail]]
    records: list[bytes] = []
    pos = tail  # where the next local entry goes
    run = end = tail  # the records to copy as they are: data[run:end]
    for name, e in entries.items():
        body = stored.get(name)
        if body is None:
            if e.record != end:
                if run < end:
                    records.append(data[run:end])
                run = e.record
            end = e.record_end
            continue
        if run < end:
            records.append(data[run:end])
        rec = e.record
        run = end = e.record_end
        (name_len,) = struct.unpack_from("<H", data, rec + 28)
        size = len(body)
        # Of the flags only "names are UTF-8" is kept; method 0, stored.
        fields = _STORED_FIELDS.pack(e.flags & 0x0800, 0, data[rec + 12 : rec + 16], crcs.get(name, e.crc), size, size)
        name_bytes = data[rec + 46 : rec + 46 + name_len]
        out += (b"PK\x03\x04\x14\x00", fields, data[rec + 28 : rec + 30], b"\x00\x00", name_bytes, body)
        records += (
            data[rec : rec + 8],
            fields,
            data[rec + 28 : rec + 42],
            pos.to_bytes(4, "little"),
            data[rec + 46 : end],
        )
        pos += 30 + name_len + size
    if run < end:
        records.append(data[run:end])
    directory = b"".join(records)
    n = len(entries)
    out += (directory, b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, n, n, len(directory), pos, 0))
    return b"".join(out)


_SHEET_TAG = re.compile(r"<(?:\w+:)?sheet\b[^>]*>", re.S)
_REL_TAG = re.compile(r"<(?:\w+:)?Relationship\b[^>]*>", re.S)


def _attr(tag: str, key: str) -> str:
    """The value of the attribute ``key`` (``Id="``, ``r:id="``: its name, = and the quote) where it
    follows whitespace in ``tag``, as the regular expression ``\\sId="([^"]*)"`` finds it; or "".
    (str.find: a tenth of the regular expression's cost.)"""
    i = tag.find(key)
    while i > 0 and not tag[i - 1].isspace():
        i = tag.find(key, i + 1)
    if i <= 0:
        return ""
    start = i + len(key)
    end = tag.find('"', start)
    return tag[start:end] if end >= 0 else ""


_NUMBER_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]+[0-9]+)"[^>]*>(?:(?!</c>).)*?<v>([^<]*)</v>', re.S)
_FORMULA_CELL = re.compile(r'<c\b[^>]*?\br="([A-Z]+[0-9]+)"[^>]*?>(.*?)</c>', re.S)


# What workbook.xml and its relationships say (which entry holds which sheet, and which of the two
# inflated whole), by their packed bytes: inflating and parsing them costs more than the rest of
# opening a file, and every return of a template holds the same two. Keyed by the bytes themselves,
# not a checksum: equal bytes inflate to equal XML.
_SHEET_PARTS: dict[tuple[bytes, ...], tuple[dict[str, str], frozenset[str]]] = {}


# The parts python-calamine inflates whenever it opens an .xlsx (at these fixed names). (The package's
# relationships, _rels/.rels, a few hundred bytes: python-calamine's inflate of so small a part costs
# more than storing it does.)
_READ_ON_OPENING = (
    "xl/styles.xml",
    "xl/sharedStrings.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "_rels/.rels",
)
# Parts every return of a template holds byte for byte (its styles, its workbook and the
# relationships): inflated once per spelling. Found by name, CRC and packed size, and told by their
# packed bytes compared where the file holds them (no copy of them is made, nor hashed).
_SAME_IN_EVERY_RETURN = frozenset(_READ_ON_OPENING) - {"xl/sharedStrings.xml"}
_INFLATED: dict[tuple[str, int, int], tuple[bytes, bytes]] = {}  # -> (the packed bytes, the XML)


def _inflated(name: str, data: bytes, start: int, size: int, crc: int) -> tuple[bytes, bool]:
    """The ``size`` deflated bytes of part ``name`` at ``data[start:]`` inflated (never past the
    unpacked-size limit), and whether to their end; a part of ``_SAME_IN_EVERY_RETURN`` is inflated
    once per spelling."""
    remember = name in _SAME_IN_EVERY_RETURN and size <= 65536
    if remember and (hit := _INFLATED.get((name, crc, size))) is not None and data.startswith(hit[0], start):
        return hit[1], True
    raw = data[start : start + size]
    inflater = _inflate.decompressobj(-15)
    out: bytes = inflater.decompress(raw, MAX_UNPACKED_BYTES)
    if remember and inflater.eof and len(raw) == size and len(out) <= 1 << 20:
        if len(_INFLATED) >= 64:
            _INFLATED.clear()
        _INFLATED[(name, crc, size)] = (raw, out)
    return out, inflater.eof


class XlsxParts:
    """The raw parts of an .xlsx/.xlsm, opened once per file: which zip entry holds which sheet."""

    _ERRORS = (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, EOFError, zlib.error, _INFLATE_ERROR)

    def __init__(self, data: bytes, entries: dict[str, Entry] | None) -> None:
        self.data = data
        self.index = entries
        self.parts: dict[str, str] = {}
        self._inflated: dict[str, bytes | None] = {}  # part -> its XML, each inflated once
        self.whole: set[str] = set()  # parts inflated to their end, at the size the directory says
        key = self._raw_pair() if entries is not None else None
        if key is not None and (hit := _SHEET_PARTS.get(key)) is not None:
            self.parts = dict(hit[0])
            self.whole.update(hit[1])
            return
        workbook_xml = self._read("xl/workbook.xml")
        rels_xml = self._read("xl/_rels/workbook.xml.rels")
        if key is not None:
            if len(_SHEET_PARTS) >= 64:
                _SHEET_PARTS.clear()
            # Filled in below; an entry is made even when there are no parts (the same bytes again
            # have none either).
            _SHEET_PARTS[key] = (self.parts, frozenset(self.whole))
        if workbook_xml is None or rels_xml is None:
            return
        workbook = workbook_xml.decode("utf-8", "replace")
        rels = rels_xml.decode("utf-8", "replace")
        targets = {_attr(t, 'Id="'): _attr(t, 'Target="') for t in _REL_TAG.findall(rels)}
        for tag in _SHEET_TAG.findall(workbook):
            name, rid = _attr(tag, 'name="'), _attr(tag, 'r:id="')
            if "&" in name:
                from html import unescape

                name = unescape(name)
            if rid in targets:
                target = targets[rid].lstrip("/")
                self.parts[name] = target if target.startswith("xl/") else f"xl/{target}"

    def _raw_pair(self) -> tuple[bytes, ...] | None:
        """The packed bytes (and packing) of workbook.xml and its relationships, as the file holds
        them: the key under which what they say is remembered. Every return made from one template
        has the same two entries, byte for byte."""
        index = self.index
        assert index is not None
        key: list[bytes] = []
        for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
            e = index.get(name)
            if e is None or e.packed > 65536:  # (a workbook of a few sheets packs to a few hundred bytes)
                return None
            offset = e.offset
            data = self.data
            if data[offset : offset + 4] != b"PK\x03\x04":
                return None
            name_len, extra_len = struct.unpack_from("<HH", data, offset + 26)
            start = offset + 30 + name_len + extra_len
            key += (struct.pack("<BII", e.method, e.unpacked, e.packed), data[start : start + e.packed])
        return tuple(key)

    def _read(self, name: str) -> bytes | None:
        """One zip entry's bytes, inflated (never past the unpacked-size limit)."""
        try:
            if self.index is None:
                with zipfile.ZipFile(io.BytesIO(self.data)) as zf:
                    return zf.read(name)
            e = self.index.get(name)
            if e is None:
                return None
            data = self.data
            if not data.startswith(b"PK\x03\x04", e.offset):
                return None
            name_len, extra_len = struct.unpack_from("<HH", data, e.offset + 26)
            start = e.offset + 30 + name_len + extra_len
            if e.method == 0:
                return data[start : start + e.packed]
            if e.method == 8:
                out, ended = _inflated(name, data, start, e.packed, e.crc)
                if ended and len(out) == e.unpacked:
                    self.whole.add(name)
                return out
            return None
        except self._ERRORS:
            return None

    def _xml(self, sheet: str) -> bytes | None:
        part = self.parts.get(sheet)
        return None if part is None else self._part(part)

    def _part(self, part: str) -> bytes | None:
        if part not in self._inflated:
            self._inflated[part] = self._read(part)
        return self._inflated[part]

    def stored_copy(self, sheets: Iterable[str]) -> bytes | None:
        """The file's bytes with the XML of ``sheets`` (and the parts python-calamine reads when it
        opens a workbook: its styles and shared strings) stored rather than deflated, or None.

        The sheets are inflated here once, for the far-cell screen (see :meth:`extent`); the copy
        hands python-calamine that same XML, so it does not inflate them a second time (and the
        other parts are inflated here by python-isal, in a fraction of python-calamine's time).
        Every other entry keeps its original bytes, and the XML of a part is byte for byte the one
        the file holds (but for a sheet's merged ranges, see below): only the zip's packing
        changes. A part is left as it was when it does not inflate cleanly to the size the zip
        directory gives (python-calamine then meets the same damage it would have met). Nothing
        is written anywhere: the copy is in memory.

        A sheet's XML in the copy also has its merged ranges written first, where python-calamine
        reads them in a fraction of the time (see :mod:`ipcounty.returns.xlsx_merges`)."""
        if self.index is None:
            return None
        swap: dict[str, bytes] = {}
        crcs: dict[str, int] = {}
        sheet_parts = [self.parts.get(sheet) for sheet in sheets]
        for part in [*sheet_parts, *_READ_ON_OPENING]:
            if part is None or part in swap:
                continue
            entry = self.index.get(part)
            if entry is None or entry.method != 8 or entry.flags & 1:  # flag 1: an encrypted entry
                continue
            xml = self._part(part)
            if xml is not None and part in self.whole:
                swap[part] = xml
                if part in sheet_parts and (first := merges_first(xml)) is not None:
                    swap[part] = first
                    crcs[part] = _crc32(first)
        if not swap:
            return None
        try:
            return _repacked(self.data, self.index, swap, crcs)
        except (struct.error, ValueError, OverflowError):
            return None

    def extent(self, sheet: str, listed: bool = True) -> tuple[int, int] | None:
        """Upper bounds of the sheet's (rows, columns) from its XML; None when it certainly stays
        within the limits, or has no XML here.

        Read before calamine sees the sheet: calamine builds a dense grid from A1 to the last
        cell, so one cell at XFD1048576 would ask for 17 billion cells and abort the process."""
        xml = self._xml(sheet)
        if xml is not None:
            return sheet_extent(xml)
        if self.index is None or not listed:
            return None
        # A sheet the workbook has, whose XML is not where workbook.xml and its relationships say
        # (an odd path): python-calamine may still find it, so every sheet-like entry is bounded.
        found = [
            bound
            for name in self.index
            if (xml := self._read(name)) is not None and b"sheetData" in xml and (bound := sheet_extent(xml))
        ]
        return (max(r for r, _ in found), max(c for _, c in found)) if found else None

    def huge_numbers(self, sheet: str) -> list[str]:
        """Cells holding a number beyond ±10^11, the negative ones first: as a date (days since
        1900) such a number overflows, and python-calamine 0.9 panics reading a date-formatted
        cell that holds one below about -1.07 × 10^11."""
        xml = self._xml(sheet)
        if xml is None:
            return []
        found: list[tuple[float, str]] = []
        for ref, text in _NUMBER_CELL.findall(xml):
            try:
                value = float(text)
            except ValueError:
                continue
            if abs(value) >= 1e11:
                found.append((0 if value < 0 else 1, ref.decode()))
        return [ref for _, ref in sorted(found)]

    def uncached_formulas(self, sheet: str) -> set[str]:
        """Cells holding a formula with no computed value."""
        xml = self._xml(sheet)
        if xml is None:
            return set()
        text = xml.decode("utf-8", "replace")
        return {
            ref for ref, body in _FORMULA_CELL.findall(text) if "<f" in body and not re.search(r"<v>[^<]+</v>", body)
        }
