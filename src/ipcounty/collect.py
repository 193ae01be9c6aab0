"""Find the returns under a folder, decide which folder that is, and read them all.

Every file under the folder is accounted for: a return to read, or a file skipped with the
reason (a lock file, a hidden file, not a spreadsheet). Hidden folders are not entered.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ipcounty.bulk import kept, paused_gc
from ipcounty.plan import Plan
from ipcounty.returns.model import Return
from ipcounty.returns.workbook import EXTENSIONS
from ipcounty.sources import bundled, locate

ENV_RETURNS = "IPCOUNTY_RETURNS"


class Found:
    """One entry under the returns folder: a return to read, or skipped with the reason.

    The path is kept as the text the folder listing gave and made a :class:`~pathlib.Path` when
    asked for: a report over 10,000 returns asks for it only in the worker process that reads
    the file, and sends the text there (a pickled Path is taken apart and parsed again)."""

    __slots__ = ("_path", "escaped", "name", "skip_reason")

    def __init__(
        self, path: str | os.PathLike[str], name: str, skip_reason: str | None = None, escaped: bool = False
    ) -> None:
        self._path = path
        self.name = name  # path relative to the folder, with forward slashes: how reports refer to it
        self.skip_reason = skip_reason  # None for a return to read; else the reason (see find_returns)
        self.escaped = escaped  # the name had bytes that are not UTF-8, shown as \xNN in ``name``

    @property
    def path(self) -> Path:
        path = self._path
        if not isinstance(path, Path):
            path = self._path = Path(path)
        return path

    def __reduce__(self) -> tuple[type[Found], tuple[str, str, str | None, bool]]:
        return (Found, (os.fspath(self._path), self.name, self.skip_reason, self.escaped))

    def _fields(self) -> tuple[Path, str, str | None, bool]:
        return (self.path, self.name, self.skip_reason, self.escaped)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Found) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return "Found(path={!r}, name={!r}, skip_reason={!r}, escaped={!r})".format(*self._fields())


@dataclass(frozen=True)
class ReturnsSource:
    folder: Path
    origin: str  # option | env | cwd | bundled


def bundled_returns() -> Path:
    """The example returns shipped with the package (the checkout's ``examples/returns``)."""
    return bundled("examples/returns")


def resolve_returns(explicit: Path | None) -> ReturnsSource:
    """``--returns`` > ``IPCOUNTY_RETURNS`` > ``./returns`` > the bundled examples (``ipcounty.sources``)."""
    where = locate(explicit, ENV_RETURNS, Path("returns"), Path.is_dir, "examples/returns")
    return ReturnsSource(where.path, where.origin)


def safe_name(name: str) -> str:
    """``name`` as text any output can carry: bytes that were not UTF-8 in the file system (a GBK
    name left by unzipping a Windows archive) are shown as ``\\xNN`` escapes instead of the lone
    surrogates Python decodes them to (invalid in JSON, CSV and an .xlsx)."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def find_returns(folder: Path) -> list[Found]:
    """Every entry under ``folder`` (recursively, sorted), each a return or skipped with a reason.

    Only regular files are read: a pipe, a socket or a device is skipped (``not-a-file``), never
    opened (opening a pipe waits forever). Links to folders are not followed (``link-folder``: a
    link may loop or leave the folder), broken links are ``broken-link``, folders that cannot be
    listed are ``unreadable/<why>`` (``unreadable/os-permission``, ``unreadable/os-io``: see
    :func:`ipcounty.oserrors.unreadable_reason`), hidden folders are ``hidden`` and not entered. A link to a regular
    file is read like the file."""
    out: list[Found] = []
    _walk(os.fspath(folder), "", out)
    return out


def _walk(here: str, prefix: str, out: list[Found]) -> None:
    try:
        with os.scandir(here) as it:
            entries = sorted(it, key=_entry_name)
    except OSError as exc:
        if prefix:
            from ipcounty.oserrors import unreadable_reason

            name = safe_name(prefix)
            out.append(Found(here, name, unreadable_reason(exc), escaped=name != prefix))
        else:
            raise
        return
    # The listing gives each entry's type (d_type), so an entry that is not a link needs no
    # system call of its own. It does not say whether this folder lets its entries be looked
    # at (a folder that can be listed but not searched): one lstat tells, and when it fails
    # every entry is looked at as a link is, each saying why it cannot be read.
    typed = True
    if entries:
        try:
            os.lstat(entries[0].path)
        except OSError:
            typed = False
    for entry in entries:
        raw = prefix + entry.name
        name = safe_name(raw)
        found = _classify(entry, name, name != raw, out, prefix, typed)
        if found is not None:
            out.append(found)


def _entry_name(entry: os.DirEntry[str]) -> str:
    return entry.name


_FOLDER, _FILE, _OTHER = "folder", "file", "other"


def _kind(entry: os.DirEntry[str], typed: bool) -> tuple[str, bool, str | None]:
    """What ``entry`` is (folder, regular file, other), whether it is a link, and for an entry
    that cannot be looked at the reason it is skipped (``broken-link``, ``unreadable/…``)."""
    if typed:
        try:
            if not entry.is_symlink():
                if entry.is_dir(follow_symlinks=False):
                    return _FOLDER, False, None
                if entry.is_file(follow_symlinks=False):
                    return _FILE, False, None
        except OSError:
            pass
    # A link (followed: a link to a file is read like the file), a pipe or a device, or an
    # entry whose type the listing did not give.
    try:
        is_link = entry.is_symlink()
        st = os.stat(entry.path)  # follows links; raises for a broken link or a loop
    except OSError as exc:
        if entry.is_symlink():
            return _OTHER, True, "broken-link"
        from ipcounty.oserrors import unreadable_reason

        return _OTHER, False, unreadable_reason(exc)
    if stat.S_ISDIR(st.st_mode):
        return _FOLDER, is_link, None
    return (_FILE if stat.S_ISREG(st.st_mode) else _OTHER), is_link, None


def _classify(
    entry: os.DirEntry[str], name: str, escaped: bool, out: list[Found], prefix: str, typed: bool
) -> Found | None:
    """What one entry is; None for a folder, which is walked into (its entries go to ``out``)."""
    fname = entry.name
    path = entry.path
    what, is_link, unlookable = _kind(entry, typed)
    if unlookable is not None:
        return Found(path, name, unlookable, escaped)
    if what == _FOLDER:
        if fname.startswith("."):
            return Found(path, name + "/", "hidden", escaped)
        if is_link:
            return Found(path, name + "/", "link-folder", escaped)
        _walk(path, prefix + fname + "/", out)
        return None
    if fname.startswith("~$"):
        reason: str | None = "lock"
    elif fname.startswith("."):
        reason = "hidden"
    elif what != _FILE:
        reason = "not-a-file"
    elif _suffix(fname).lower() not in EXTENSIONS:
        reason = "not-a-return"
    else:
        reason = None
    return Found(path, name, reason, escaped)


def _suffix(fname: str) -> str:
    """``Path(fname).suffix`` without making a Path: ``.xlsx`` of ``a.b.xlsx``, "" of ``a.``."""
    i = fname.rfind(".")
    return fname[i:] if 0 < i < len(fname) - 1 else ""


ENV_JOBS = "IPCOUNTY_JOBS"
PARALLEL_FROM = 300  # below this many files, starting worker processes costs more than it saves


def jobs_for(n_files: int) -> int:
    """How many processes read ``n_files`` returns: ``$IPCOUNTY_JOBS``, else one per core (max 8)."""
    env = os.environ.get(ENV_JOBS, "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    if n_files < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def read_all(
    found: list[Found],
    plan: Plan,
    *,
    today: dt.date | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[Return]:
    """Read every return in ``found``, in order; skipped files become skipped entries, never disappear.

    Large folders are read by several processes (each file is independent); the result is the
    same list either way."""
    from ipcounty.returns.reader import read_return

    total = len(found)
    jobs = jobs_for(total)
    with paused_gc():
        if jobs > 1:
            result = _read_parallel(found, plan, today, jobs, on_progress)
            if result is not None:
                return kept(result)
        out: list[Return] = []
        for i, f in enumerate(found, 1):
            out.append(_read_one(f, plan, today, read_return))
            if on_progress is not None:
                on_progress(i, total)
    return kept(out)


def _read_one(f: Found, plan: Plan, today: dt.date | None, reader: Callable[..., Return]) -> Return:
    if f.skip_reason:
        result = Return(file=f.name, skip_reason=f.skip_reason)
    else:
        result = reader(f.path, plan, name=f.name, today=today)
    if f.escaped:
        from ipcounty.findings import Finding

        result.findings.append(Finding("file-name-escaped", "warning", f.name))
    return result


_WORKER: dict[str, object] = {}


def _init_worker(plan: Plan, today: dt.date | None) -> None:
    import gc

    gc.disable()  # a worker only reads returns, which leave no cyclic garbage (see ipcounty.bulk)
    _WORKER["plan"] = plan
    _WORKER["today"] = today


def _work(chunk: list[Found]) -> list[Return]:
    from ipcounty.returns.reader import read_return

    plan = _WORKER["plan"]
    today = _WORKER["today"]
    assert isinstance(plan, Plan)
    when = today if isinstance(today, dt.date) else None
    # The report needs each 明细 item's key and cell, not its other columns: leave them here
    # rather than pickle them back (they are most of a return's size).
    return [_read_one(f, plan, when, read_return).without_items() for f in chunk]


def _read_parallel(
    found: list[Found], plan: Plan, today: dt.date | None, jobs: int, on_progress: Callable[[int, int], None] | None
) -> list[Return] | None:
    """Read in ``jobs`` processes; None when processes cannot be started here (then read serially).

    A worker that dies (a reader library aborting the process on some file) costs only that
    file: the chunks it took down are read again one file per process, and the file that kills
    its process again becomes a ``reader-failed`` finding. The report always goes on."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Chunks of at most 64 files: few enough to keep pickling cheap, small enough that no worker
    # idles long at the end while another finishes a big last chunk.
    size = max(16, min(64, len(found) // (jobs * 8) or 16))
    chunks = [found[i : i + size] for i in range(0, len(found), size)]
    parts: list[list[Return] | None] = [None] * len(chunks)
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(plan, today)) as pool:
            futures = [pool.submit(_work, chunk) for chunk in chunks]
            for i, fut in enumerate(futures):
                try:
                    parts[i] = fut.result()
                except BrokenProcessPool:
                    continue
                done += len(chunks[i])
                if on_progress is not None:
                    on_progress(done, len(found))
    except (OSError, PermissionError):
        if done == 0:
            return None
    except BrokenProcessPool:
        pass
    failed = [i for i, part in enumerate(parts) if part is None]
    if failed:
        # Each chunk the broken pool took down gets a process of its own (as many at once as
        # there were workers), so one bad file cannot take the others down again.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=jobs) as threads:
            retried = threads.map(lambda i: _read_chunk_alone(chunks[i], plan, today), failed)
            for i, part in zip(failed, retried, strict=True):
                parts[i] = part
                done += len(chunks[i])
                if on_progress is not None:
                    on_progress(done, len(found))
    return [r for part in parts for r in part or []]


def _in_own_process(chunk: list[Found], plan: Plan, today: dt.date | None) -> list[Return] | None:
    """``chunk`` read in a process of its own; None when that process dies."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=1, initializer=_init_worker, initargs=(plan, today)) as pool:
            return pool.submit(_work, chunk).result()
    except (BrokenProcessPool, OSError):
        return None


def _read_chunk_alone(chunk: list[Found], plan: Plan, today: dt.date | None) -> list[Return]:
    """Read ``chunk`` in its own process; if that dies too, each file alone, and a file whose
    process dies becomes a ``reader-failed`` finding."""
    from ipcounty.findings import Finding
    from ipcounty.i18n import phrase

    whole = _in_own_process(chunk, plan, today)
    if whole is not None:
        return whole
    out: list[Return] = []
    for f in chunk:
        if f.skip_reason:
            out.append(Return(file=f.name, skip_reason=f.skip_reason))
            continue
        alone = _in_own_process([f], plan, today) if len(chunk) > 1 else None
        if alone is None:
            params = {"detail": phrase("reader-process-died")}
            alone = [Return(file=f.name, findings=[Finding("reader-failed", "error", f.name, params=params)])]
        out.extend(alone)
    return out
