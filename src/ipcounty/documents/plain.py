"""An :class:`OfficialDocument` as plain text or Markdown, for pasting into a chat.

Chat windows use proportional fonts, so the plain-text tables are not padded into columns:
each row is one line with its cells between ``｜`` (`` | `` in English). Chinese paragraphs start
with two full-width spaces, as a clerk types them; English ones start at the margin.
"""

from __future__ import annotations

from ipcounty.documents.model import OfficialDocument, Para, Table

_INDENT = "\u3000\u3000"  # 首行缩进二字, as an office clerk types it


def to_text(doc: OfficialDocument) -> str:
    """The document as plain text: paragraphs indented by two full-width spaces."""
    out = [doc.title, ""]
    if doc.addressees:
        out.append(doc.addressees + _colon(doc))
    out += [_text_para(p, doc.lang) for p in doc.body]
    if doc.attachment_note:
        out += ["", *_attachment_note(doc)]
    if doc.signature or doc.date:
        out += ["", *(x for x in (doc.signature, doc.date) if x)]
    for att in doc.attachments:
        out += ["", att.label, att.title]
        for caption, table in att.tables:
            if caption:
                out.append(caption)
            out += _text_table(table, doc.lang)
        out += list(att.notes)
    return "\n".join(out) + "\n"


def to_markdown(doc: OfficialDocument) -> str:
    """The document as Markdown: headings for 一、 and （一）, tables as pipe tables."""
    out = [f"# {doc.title}", ""]
    if doc.addressees:
        out += [doc.addressees + _colon(doc), ""]
    for p in doc.body:
        if p.kind == "h1":
            out += [f"## {p.text}", ""]
        elif p.kind == "h2":
            out += [f"### {p.text}", ""]
        else:
            lead = "".join(s.text for s in p.spans if s.style != "body")
            rest = "".join(s.text for s in p.spans if s.style == "body")
            out += [(f"**{lead}**" if lead else "") + rest, ""]
    if doc.attachment_note:
        out += ["  \n".join(doc.attachment_note.splitlines()), ""]
    if doc.signature or doc.date:
        out += ["  \n".join(x for x in (doc.signature, doc.date) if x), ""]
    for att in doc.attachments:
        out += [f"## {att.label}　{att.title}", ""]
        for caption, table in att.tables:
            if caption:
                out += [f"**{caption}**", ""]
            out += [*_md_table(table), ""]
        out += [*(f"{n}  " for n in att.notes)]
    return "\n".join(out).rstrip("\n") + "\n"


def _colon(doc: OfficialDocument) -> str:
    return "：" if doc.lang == "zh" else ":"


def _text_para(p: Para, lang: str) -> str:
    return _INDENT + p.text if lang == "zh" and p.kind in ("body", "h1", "h2") else p.text


def _attachment_note(doc: OfficialDocument) -> list[str]:
    """附件：1．… with the next names under the first (in English, ``Attachments: 1. …`` likewise)."""
    first, *rest = doc.attachment_note.splitlines()
    if doc.lang == "zh":
        return [_INDENT + first, *(_INDENT + line for line in rest)]
    lead = " " * len(first.partition(": ")[0] + ": ") if ": " in first else ""
    return [first, *(lead + line for line in rest)]


def _text_table(table: Table, lang: str) -> list[str]:
    from ipcounty.i18n import tr

    sep = tr("sep.cells", lang)
    lines = [sep.join(table.header)]
    for row in table.rows:
        lines.append(row[0] if all(not v for v in row[1:]) else sep.join(row))
    return lines


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|") or " "


def _md_table(table: Table) -> list[str]:
    n = len(table.header)
    lines = [
        "| " + " | ".join(_md_cell(h) for h in table.header) + " |",
        "|" + "|".join("---:" if i in table.numeric else "---" for i in range(n)) + "|",
    ]
    for row in table.rows:
        cells = [f"**{row[0]}**", *([""] * (n - 1))] if all(not v for v in row[1:]) else list(row)
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    return lines
