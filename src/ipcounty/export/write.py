"""Saving the workbook: atomically, never over an input return."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ipcounty.errors import OutputError
from ipcounty.export.workbook import build_workbook
from ipcounty.progress import Report


def write_workbook(report: Report, target: Path, *, lang: str = "zh", inputs: Iterable[Path] = ()) -> Path:
    """Write the meeting workbook to ``target`` atomically; refuse to overwrite an input file."""
    target = Path(target)
    zh = lang == "zh"
    if target.suffix.lower() != ".xlsx":
        raise OutputError(f"输出文件必须以 .xlsx 结尾：{target}" if zh else f"the output must end in .xlsx: {target}")
    resolved = target.resolve()
    for p in inputs:
        if p.resolve() == resolved:
            raise OutputError(
                f"拒绝覆盖填报表 {target}：请换一个输出文件名"
                if zh
                else f"refusing to overwrite the return {target}: choose another output name"
            )
    folder = resolved.parent
    if not folder.is_dir():
        raise OutputError(f"输出目录不存在：{folder}" if zh else f"output folder does not exist: {folder}")
    wb = build_workbook(report, lang)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"无法写入目录 {folder}：{exc.strerror}" if zh else f"cannot write to {folder}: {exc.strerror}"
        ) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; the result is an ordinary file
        wb.save(tmp)
        os.replace(tmp, resolved)
    except OSError as exc:
        raise OutputError(
            f"无法写入 {target}：{exc.strerror}" if zh else f"cannot write {target}: {exc.strerror}"
        ) from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return target
