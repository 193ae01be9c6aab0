"""``validate`` results for a person: one block per file, every finding with its cell."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ipcounty.i18n import parenthesised, skip_text, tr

if TYPE_CHECKING:
    from rich.console import Console

    from ipcounty.returns.model import Return
    from ipcounty.returns.validate import Validation

_MARK = {"ok": ("✓", "green"), "warning": ("!", "yellow"), "rejected": ("✗", "red"), "skipped": ("-", "dim")}


def status_word(status: str, lang: str) -> str:
    """通过, 有警告, 退回, 跳过: what became of a return (the catalogue's ``return-status.*``)."""
    return tr(f"return-status.{status}", lang)


def describe_return(r: Return, lang: str) -> str:
    """``税郭镇 · 2025年 · 截至 2025-09-30`` (what the header said, as far as it could be read)."""
    parts = [r.unit_label(lang)]
    if r.year:
        parts.append(tr("validate.year", lang, year=r.year))
    if r.as_of:
        parts.append(tr("validate.as-of", lang, date=r.as_of.isoformat()))
    return " · ".join(parts)


def render_validation(v: Validation, lang: str, console: Console) -> None:
    from rich.text import Text

    lines: list[Text] = []  # printed at once: one print a line cost most of validate's output over 10,000 files
    for r in v.returns:
        mark, colour = _MARK[r.status]
        head = Text()
        head.append(f"{mark} ", style=f"bold {colour}")
        head.append(r.file, style="bold")
        head.append("  " if r.skipped else f"  {describe_return(r, lang)}  ")
        head.append(status_word(r.status, lang), style=colour)
        if r.skipped:
            why = skip_text(r.skip_reason, lang)
            head.append(parenthesised(why, lang))
        lines.append(head)
        for f in sorted(r.findings, key=lambda f: (f.severity != "error", _cell_order(f.cell))):
            sev_colour = "red" if f.severity == "error" else "yellow"
            line = Text("    ")
            line.append(f"{tr('sev.' + f.severity, lang)}", style=sev_colour)
            line.append(f"  {f.location or '—'}  ", style="cyan")
            line.append(f.message(lang))
            line.append(f"  [{f.code}]", style="dim")
            lines.append(line)
    if lines:
        console.print(*lines, sep="\n", soft_wrap=True)
    c = v.counts()
    n = len(v.returns)
    if lang == "en":
        summary = f"{n} file(s): {c['ok']} passed, {c['warning']} with warnings, {c['rejected']} rejected"
        summary += f", {c['skipped']} skipped" if c.get("skipped") else ""
    else:
        summary = f"{n} 个文件：{c['ok']} 通过，{c['warning']} 有警告，{c['rejected']} 退回"
        summary += f"，{c['skipped']} 跳过" if c.get("skipped") else ""
    console.print()
    console.print(summary, style="bold red" if c["rejected"] else "bold green", markup=False)


def _cell_order(cell: str | None) -> tuple[int, str]:
    if not cell:
        return (0, "")
    digits = "".join(ch for ch in cell if ch.isdigit())
    letters = "".join(ch for ch in cell if ch.isalpha())
    return (int(digits or 0), letters)
