"""A return's bytes, read safely, and what they are before any parser sees them.

The file is opened without blocking and read once, at its own size; its bytes are then sniffed:
a zip (an .xlsx, .xlsb or .ods), an OLE compound file (an .xls, or an encrypted .xlsx), or
something else said in the user's words (a picture, a PDF, a web page).
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from ipcounty.returns.limits import MAX_UNPACKED_BYTES, FileProblem
from ipcounty.returns.zipparts import Entry


def content_kind(data: bytes, entries: dict[str, Entry] | None) -> str:
    """What a workbook's bytes are, by their content: ``xlsx``, ``xlsb``, ``ods``, ``xls`` or ""."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if data[:2] != b"PK":
        return ""
    if entries is None:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return ""
    else:
        names = set(entries)
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "content.xml" in names:
        return "ods"
    return ""


def read_regular_file(path: Path, limit: int) -> tuple[bytes, FileProblem | None]:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes, else the problem.

    The file is opened without blocking and checked with fstat before a byte is read: a pipe
    named ``x.xlsx`` would otherwise wait forever, and ``/dev/zero`` never ends."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return b"", FileProblem("file-missing", {"path": str(path)})
    except OSError as exc:
        return b"", _os_problem(exc)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return b"", FileProblem("file-not-regular", {"kind": phrase_of("kind-folder")})
        if not stat.S_ISREG(st.st_mode):
            kind = "kind-pipe" if stat.S_ISFIFO(st.st_mode) else "kind-device"
            return b"", FileProblem("file-not-regular", {"kind": phrase_of(kind)})
        size = st.st_size
        if size > limit:
            return b"", FileProblem("file-too-large", {"detail": _mb(size, limit), "limit": _mb(limit)})
        # Ask for the size the file has (plus one byte, to notice one still growing): asking
        # for the 20 MB limit would make Python set aside 20 MB for every 12 kB return.
        # (os.read on the descriptor: a file object would stat it again and ask whether it is a tty.)
        want = (size or limit) + 1
        data = os.read(fd, want)
        while len(data) < want and (more := os.read(fd, want - len(data))):
            data += more
        if len(data) > limit:
            return b"", FileProblem("file-too-large", {"detail": _mb(len(data), limit), "limit": _mb(limit)})
        return data, None
    except OSError as exc:
        return b"", _os_problem(exc)
    finally:
        os.close(fd)


def phrase_of(key: str) -> Any:
    from ipcounty.i18n import phrase

    return phrase(key)


def _os_problem(exc: OSError) -> FileProblem:
    """A file the system will not let ipcounty read, said in the user's words."""
    from ipcounty.oserrors import reason_phrase

    return FileProblem("file-unreadable", {"reason": reason_phrase(exc)})


_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


def sniff(data: bytes, ext: str, entries: dict[str, Entry] | None) -> FileProblem | None:
    """Look at the bytes before handing them to a parser."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _check_zip(data, entries)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # OLE compound file: an .xls, or an .xlsx wrapped by password encryption.
        if _ENCRYPTED_MARK in data:
            return FileProblem("file-encrypted")
        return None
    return FileProblem("file-not-workbook", {"detail": _describe(data)})


def _check_zip(data: bytes, entries: dict[str, Entry] | None) -> FileProblem | None:
    names: AbstractSet[str]
    try:
        if entries is None:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                sizes = {i.filename: i.file_size for i in zf.infolist()}
            unpacked = sum(sizes.values())
            names = sizes.keys()
        else:
            unpacked = sum([e.unpacked for e in entries.values()])
            names = entries.keys()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:  # a zip "version 8.4"
        return FileProblem("file-corrupt", {"detail": short_detail(exc)})
    if unpacked > MAX_UNPACKED_BYTES:
        return FileProblem(
            "file-too-large",
            {"detail": f"解压后 {_mb(unpacked)} / {_mb(unpacked)} unpacked", "limit": _mb(MAX_UNPACKED_BYTES)},
        )
    if not ({"xl/workbook.xml", "xl/workbook.bin", "content.xml"} & names):
        return FileProblem("file-not-workbook", {"detail": phrase_of("kind-zip-no-workbook")})
    return None


def _describe(data: bytes) -> Any:
    """What ``data`` is, as a catalogue phrase ("a PNG picture", "a text file")."""
    sigs = {
        b"\x89PNG": "kind-png",
        b"\xff\xd8\xff": "kind-jpeg",
        b"GIF8": "kind-gif",
        b"%PDF": "kind-pdf",
        b"Rar!": "kind-rar",
        b"7z\xbc\xaf": "kind-7z",
        b"{\\rtf": "kind-rtf",
    }
    for sig, key in sigs.items():
        if data.startswith(sig):
            return phrase_of(key)
    sample = data[:2048].lstrip()
    if sample[:1] in (b"<",) and b"html" in sample[:512].lower():
        return phrase_of("kind-html")
    try:
        sample.decode("utf-8")
        return phrase_of("kind-text")
    except UnicodeDecodeError:
        return phrase_of("kind-unknown")


def _mb(n: int, limit: int | None = None) -> str:
    """``n`` bytes in MB; to the byte when one decimal would not tell it from ``limit``."""
    text = f"{n / 1024 / 1024:.1f} MB"
    if limit is not None and n != limit and text == _mb(limit):
        return f"{n:,} B"
    return text


def short_detail(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
