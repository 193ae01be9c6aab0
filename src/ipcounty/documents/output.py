"""Saving a document: atomically, never over an input return or a read-only file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ipcounty.errors import OutputError
from ipcounty.i18n import tr


def save_document(data: bytes, target: Path, *, lang: str, inputs: Iterable[Path] = ()) -> Path:
    """Write ``data`` to ``target`` in one rename; refuse a returns file, a missing folder or a
    read-only output (the previous file is left as it was on any failure)."""
    from ipcounty.export.write import refuse_read_only, write_atomically

    zh = lang == "zh"
    resolved = Path(os.path.realpath(target))
    if any(os.path.realpath(p) == str(resolved) for p in inputs):
        raise OutputError(tr("doc.output-is-input", lang, path=target))
    if not resolved.parent.is_dir():
        raise OutputError(tr("doc.output-folder-missing", lang, path=resolved.parent))
    refuse_read_only(resolved, target, zh)
    write_atomically(resolved, data, target, zh)
    return target
