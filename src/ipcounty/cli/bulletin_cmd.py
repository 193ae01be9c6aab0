"""``ipcounty bulletin``: the 进展情况通报 draft (.docx, or text / Markdown for a chat)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ipcounty.cli.common import AsOfOption, ReturnsOption, YearArgument, save, settings, write_stdout


class BulletinFormat(StrEnum):
    docx = "docx"
    text = "text"
    markdown = "markdown"


_TEXT_SUFFIXES = ("", ".txt", ".text")
_BY_SUFFIX = {".docx": BulletinFormat.docx, ".md": BulletinFormat.markdown, ".markdown": BulletinFormat.markdown}


def bulletin(
    ctx: typer.Context,
    year: YearArgument,
    returns: ReturnsOption = None,
    as_of: AsOfOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件（.docx 为公文格式）", dir_okay=False)
    ] = None,
    fmt: Annotated[
        BulletinFormat | None,
        typer.Option("--format", help="docx|text|markdown（默认：按 -o 的扩展名；无 -o 时为 text）"),
    ] = None,
) -> None:
    """生成进展情况通报草稿（GB/T 9704 公文格式 .docx，或纯文本、Markdown）/ Write the progress bulletin draft."""
    from ipcounty.cli.report_cmd import build_report
    from ipcounty.documents.bulletin import build_bulletin
    from ipcounty.documents.plain import to_markdown, to_text
    from ipcounty.errors import UsageError
    from ipcounty.i18n import tr

    s = settings(ctx)
    if output is not None and fmt is None and output.suffix.lower() not in (*_BY_SUFFIX, *_TEXT_SUFFIXES):
        # 通报.doc, 通报.pdf, 通报.wps: a plain-text file under that name would not open as one
        raise UsageError(tr("doc.unknown-suffix", s.lang, path=str(output), stem=output.stem or "通报"))
    chosen = fmt or (_BY_SUFFIX.get(output.suffix.lower(), BulletinFormat.text) if output else BulletinFormat.text)
    if chosen is BulletinFormat.docx and (output is None or output.suffix.lower() != ".docx"):
        raise UsageError(tr("doc.docx-needs-output", s.lang))
    _, report = build_report(ctx, year, returns, as_of)
    doc = build_bulletin(report, s.lang)
    if chosen is BulletinFormat.docx:
        from ipcounty.documents.gongwen_docx import docx_bytes

        data = docx_bytes(doc)
    else:
        data = (to_markdown(doc) if chosen is BulletinFormat.markdown else to_text(doc)).encode("utf-8")
    if output is None:
        write_stdout(data.decode("utf-8"))
        return
    save(ctx, output, data, returns)


def register(app: typer.Typer) -> None:
    app.command("bulletin")(bulletin)
