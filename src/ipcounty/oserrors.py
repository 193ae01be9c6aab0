"""Which error the system raised, said once for every command.

A full disk, a read-only share, a file open in Excel, a path too long: the error's number picks
one catalogue sentence (``i18n/file_messages.py``) that says what happened and what to do, so
``validate``, ``report -o``, ``export -o`` and ``template`` say the same thing. Imported only
where an error is being said: nothing here runs at start-up.
"""

from __future__ import annotations

import errno

from ipcounty.i18n import Phrase, phrase

_KEYS = {
    errno.EACCES: "os-permission",
    errno.EPERM: "os-permission",
    errno.EBUSY: "os-in-use",
    errno.ETXTBSY: "os-in-use",
    errno.ENOSPC: "os-no-space",
    errno.EDQUOT: "os-no-space",
    errno.EFBIG: "os-no-space",
    errno.EROFS: "os-read-only-disk",
    errno.ENAMETOOLONG: "os-name-too-long",
    errno.ENOENT: "os-no-such-file",
    errno.ELOOP: "os-link-loop",
    errno.EIO: "os-io",
    errno.EISDIR: "os-is-folder",
}
# Windows says a file another program holds open (Excel, WPS) by its own numbers.
_WINDOWS_KEYS = {32: "os-in-use", 33: "os-in-use", 112: "os-no-space", 206: "os-name-too-long"}


def reason_key(exc: OSError) -> str | None:
    """The catalogue key for ``exc``, or None for an error ipcounty has no sentence for."""
    win = getattr(exc, "winerror", None)
    if isinstance(win, int) and win in _WINDOWS_KEYS:
        return _WINDOWS_KEYS[win]
    return _KEYS.get(exc.errno or 0)


def reason_phrase(exc: OSError) -> Phrase:
    """What went wrong and what to do, as a phrase said later in the user's language."""
    key = reason_key(exc)
    if key is None:
        return phrase("os-other", detail=exc.strerror or type(exc).__name__)
    return phrase(key)


def reason(exc: OSError, lang: str) -> str:
    """What went wrong and what to do, in ``lang``."""
    return reason_phrase(exc).render(lang)


# ---- a folder under the returns folder that cannot be read ----------------------------------
# ``find_returns`` skips it as ``unreadable/<why>``: the catalogue key of the system's error
# (``unreadable/os-io``), or its errno name when ipcounty has no sentence for it
# (``unreadable/ESTALE``). JSON's ``reason`` stays ``unreadable``; people read
# :func:`ipcounty.i18n.skip_text`.


def unreadable_reason(exc: OSError) -> str:
    """The skip reason of an entry that could not be listed or looked at, saying why."""
    key = reason_key(exc)
    if key is None:
        key = errno.errorcode.get(exc.errno or 0, "") if exc.errno else ""
    return f"unreadable/{key}" if key else "unreadable"
