"""Saving the workbook: atomically, never over an input return, never silently over a read-only file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ipcounty.errors import OutputError
from ipcounty.export.workbook import workbook_bytes
from ipcounty.i18n import tr
from ipcounty.progress import Report

_STALE_SECONDS = 3600


def refuse_read_only(resolved: Path, target: Path, zh: bool) -> None:
    """An existing output the user made read-only is not replaced behind their back."""
    try:
        mode = os.stat(resolved).st_mode
    except OSError:
        return
    if not mode & 0o222:
        raise OutputError(tr("output-read-only", _lang(zh), path=target))


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Remove temporaries an interrupted export (killed, power cut) left beside ``name``."""
    import time

    now = time.time()
    try:
        leftovers = list(folder.glob(f".{name}.*.tmp"))
    except OSError:
        return
    for tmp in leftovers:
        try:
            if now - tmp.stat().st_mtime > _STALE_SECONDS:
                tmp.unlink()
        except OSError:
            continue


def _write_chunk(fd: int, data: memoryview) -> int:
    return os.write(fd, data)


def write_atomically(resolved: Path, data: bytes, target: Path, zh: bool) -> None:
    """Write ``data`` to a temporary file beside ``resolved`` and rename it into place; on any
    failure (a full disk, a folder that cannot be written) remove the temporary and say so."""
    folder = resolved.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{resolved.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(tr("output-folder-unwritable", _lang(zh), path=folder, reason=_os_reason(exc, zh))) from None
    tmp = Path(tmp_name)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes it private; the result is an ordinary file
        view = memoryview(data)
        while view:
            written = _write_chunk(fd, view)
            view = view[written:]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, resolved)
    except OSError as exc:
        reason = _os_reason(exc, zh, replacing=resolved if fd < 0 else None)
        raise OutputError(tr("output-unwritable", _lang(zh), path=target, reason=reason)) from None
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp.exists():
            tmp.unlink()


def _lang(zh: bool) -> str:
    return "zh" if zh else "en"


def _os_reason(exc: OSError, zh: bool, *, replacing: Path | None = None) -> str:
    """Why the system refused, in the user's language (one sentence for every command).

    Replacing a file the system will not let go of is, on Windows, nearly always the file open
    in Excel or WPS: that is said instead of a bare "permission denied"."""
    from ipcounty.oserrors import reason, reason_key

    if replacing is not None and reason_key(exc) == "os-permission" and replacing.exists():
        return tr("os-in-use", _lang(zh))
    return reason(exc, _lang(zh))


def prepare_output(target: Path, *, lang: str, inputs: Iterable[Path] = ()) -> Path:
    """The real path ``target`` will be written at, once it is known that it may be: not one of
    the ``inputs`` (the returns), in a folder that is there, not a file the user made read-only."""
    resolved = Path(os.path.realpath(target))  # realpath, not Path.resolve: it never raises
    if _is_an_input(target, inputs):
        raise OutputError(tr("output-is-input", lang, path=target))
    if not resolved.parent.is_dir():
        raise OutputError(tr("output-folder-missing", lang, path=resolved.parent))
    refuse_read_only(resolved, target, lang == "zh")
    _remove_stale_temporaries(resolved.parent, resolved.name)
    return resolved


def _is_an_input(target: Path, inputs: Iterable[Path]) -> bool:
    """Whether ``target`` is one of the ``inputs``: the same file, however either is named (a
    link to it, a relative path, a hard link, its name in other letter case where the file
    system ignores case), as the system's device and file numbers tell.

    A target that does not exist yet is none of them (an input is a file that is there), so the
    inputs are then not even listed: ``inputs`` may be lazy. Comparing real paths instead cost a
    report over 10,000 returns 0.2 s for every output, new or not, and missed hard links and
    names that differ only in case."""
    try:
        st = os.stat(target)
    except OSError:
        return False
    for p in inputs:
        try:
            if os.path.samestat(st, os.stat(p)):
                return True
        except OSError:
            continue  # an input that is gone (or a broken link) is not what the target is
    return False


def save_output(data: bytes, target: Path, *, lang: str, inputs: Iterable[Path] = ()) -> Path:
    """Every output file (report -o, score -o, trend -o, bulletin -o, the workbook) is saved so:
    checked by :func:`prepare_output`, then written in one rename; on any failure the previous
    file is left as it was."""
    target = Path(target)
    write_atomically(prepare_output(target, lang=lang, inputs=inputs), data, target, lang == "zh")
    return target


def write_workbook(report: Report, target: Path, *, lang: str = "zh", inputs: Iterable[Path] = ()) -> Path:
    """Write the meeting workbook to ``target`` atomically; refuse to overwrite an input file."""
    target = Path(target)
    zh = lang == "zh"
    if target.suffix.lower() != ".xlsx":
        raise OutputError(tr("export.not-xlsx", lang, target=target))
    resolved = prepare_output(target, lang=lang, inputs=inputs)
    # The whole file is made in memory first: a full disk then fails on one plain write, which
    # is cleaned up here, instead of inside the zip writer (which would print a traceback).
    write_atomically(resolved, workbook_bytes(report, lang), target, zh)
    return target
