"""The 评分表 in each output format: terminal (rich), CSV, JSON and Markdown.

Every format says the same thing: per unit its score, rank, each item's points and the words
that explain them, its penalties, or why it could not be scored. The CSV columns are
:func:`csv_columns` (SPEC v2 "考核评分"); JSON rows carry the same keys first.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ipcounty.i18n import Phrase, render_param, tr
from ipcounty.render.numbers import fmt_date, fmt_score, unit_word
from ipcounty.render.report_data import json_head
from ipcounty.score.engine import ItemScore, UnitScore

if TYPE_CHECKING:
    from rich.console import Console

    from ipcounty.plan.runtime import Plan
    from ipcounty.score.sheet import ScoreSheet

SCORE_JSON_SCHEMA = "ipcounty.score"
SCORE_JSON_VERSION = 1
# Phrases about points added or taken off after the item's own points: set off with "；".
_AFTER = ("score.shortfall", "score.excess", "score.over-cap", "score.under-cap")


def csv_columns(sheet: ScoreSheet) -> list[str]:
    """``year, reporting_unit, score, rank, points_<CODE>…, penalties, explanation``."""
    return [
        "year",
        "reporting_unit",
        "score",
        "rank",
        *(f"points_{i.code}" for i in sheet.indicators),
        "penalties",
        "explanation",
    ]


# ---- words ------------------------------------------------------------------------------------


def _seps(lang: str) -> tuple[str, str, str]:
    """(within an item, before a bonus or deduction, between items)."""
    return (", ", "; ", ". ") if lang == "en" else ("，", "；", "。")


def item_text(item: ItemScore, lang: str, *, with_name: bool = True) -> str:
    """``B1 新增有效发明专利数量：完成 13/15 个（86.7%），低于 90%，得 0 分；差 2 个，扣 0.2 分；本项 -0.2 分``."""
    comma, semi, _ = _seps(lang)
    text = ""
    for i, p in enumerate(item.reasons):
        if i:
            text += semi if p.key.startswith(_AFTER) else comma
        text += render_param(p, lang)
    if item.bonus or item.deduction:
        text += semi + tr("score.item-total", lang, points=fmt_score(item.points))
    ind = item.indicator
    head = f"{ind.code} {ind.label(lang)}" if with_name else ind.code
    return f"{head}: {text}" if lang == "en" else f"{head}：{text}"


def formula(u: UnitScore) -> str:
    """``100 + 30 − 0.6 − 2 = 127.4``: the start (when not 0), each item in order, each penalty,
    and the score — the sum a 考核 office can check by hand."""
    terms: list[Decimal] = ([u.start] if u.start else []) + [i.points for i in u.items]
    terms += [-p.points for p in u.penalties]
    if not terms:
        terms = [Decimal(0)]
    text = fmt_score(terms[0])
    for t in terms[1:]:
        text += (" + " if t >= 0 else " − ") + fmt_score(abs(t))
    return f"{text} = {fmt_score(u.score)}"


def explanation_lines(u: UnitScore, lang: str) -> list[str]:
    """What the office reads to answer "why this score": one line per item, the penalties, and
    the sum (or why the unit could not be scored)."""
    lines = [item_text(i, lang) for i in u.items]
    if u.penalties:
        sep = "; " if lang == "en" else "；"
        lines.append(
            tr("score.penalty-list", lang, penalties=sep.join(render_param(p.reason, lang) for p in u.penalties))
        )
    if u.unscored is not None:
        lines.append(render_param(u.unscored, lang))
    elif u.start or u.penalties or len(u.items) > 1:  # a single item's points are its score
        lines.append(tr("score.formula", lang, formula=formula(u)))
    return lines


def explanation(u: UnitScore, lang: str) -> str:
    """:func:`explanation_lines` as one cell of text."""
    end = _seps(lang)[2]
    return end.join(line.rstrip("。.") for line in explanation_lines(u, lang)) + end.strip()


def title(sheet: ScoreSheet, lang: str) -> str:
    return tr("score.title", lang, year=sheet.year)


def subtitle(sheet: ScoreSheet, lang: str) -> str:
    basis = tr(f"score.basis.{sheet.rules.basis}", lang)
    day = sheet.as_of or sheet.reference_date
    return tr("score.subtitle", lang, basis=basis, date=fmt_date(day, lang))


def legend(sheet: ScoreSheet, lang: str) -> str:
    """``评分项：B1 新增有效发明专利数量（30 分）；…``."""
    parts = []
    for ind in sheet.indicators:
        rule = sheet.rules.item(ind.code)
        points = rule.points if rule else None
        if points is None:
            parts.append(tr("score.item-deductions", lang, code=ind.code, name=ind.label(lang)))
        else:
            parts.append(tr("score.item-weight", lang, code=ind.code, name=ind.label(lang), points=fmt_score(points)))
    return tr("score.items", lang, items=("; " if lang == "en" else "；").join(parts))


def header_lines(sheet: ScoreSheet, lang: str) -> list[str]:
    """The lines under the title: basis and date, the rules' own note, the items, the rounding."""
    lines = [subtitle(sheet, lang)]
    if sheet.rules.note:
        lines.append(sheet.rules.note)
    lines.append(legend(sheet, lang))
    lines.append(tr("score.rounding", lang, decimals=sheet.rules.decimals))
    return lines


# ---- rows -------------------------------------------------------------------------------------


def _number(value: Decimal | None) -> int | float | None:
    """A Decimal for JSON: an int when whole, else the float that prints as the same decimal."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def row_values(sheet: ScoreSheet, u: UnitScore, lang: str) -> dict[str, Any]:
    """One unit as the CSV columns, numbers as numbers (None for empty)."""
    out = row_numbers(sheet, u)
    out["explanation"] = explanation(u, lang)
    return out


def row_numbers(sheet: ScoreSheet, u: UnitScore) -> dict[str, Any]:
    """:func:`row_values` but the explanation (for a caller that words it otherwise)."""
    out: dict[str, Any] = {
        "year": sheet.year,
        "reporting_unit": u.unit,
        "score": _number(u.score),
        "rank": u.rank,
    }
    for ind in sheet.indicators:
        item = u.item(ind.code)
        out[f"points_{ind.code}"] = _number(item.points) if item else None
    out["penalties"] = _number(u.penalty_total)
    return out


def to_csv(sheet: ScoreSheet, lang: str) -> str:
    """The 评分表 as CSV: exactly :func:`csv_columns`; points as exact decimals, empty when the
    unit could not be scored."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(csv_columns(sheet))
    for u in sheet.units:
        values = row_values(sheet, u, lang)
        values["score"] = fmt_score(u.score)
        for ind in sheet.indicators:
            item = u.item(ind.code)
            values[f"points_{ind.code}"] = fmt_score(item.points) if item else ""
        values["penalties"] = fmt_score(u.penalty_total)
        writer.writerow(["" if v is None else v for v in values.values()])
    return buf.getvalue()


def _phrase(p: Phrase, lang: str) -> str:
    return str(render_param(p, lang))


def to_dict(sheet: ScoreSheet, lang: str) -> dict[str, Any]:
    """The JSON document: ``schema``, ``version``, the rules, and one row per unit (the CSV keys,
    then ``standing``, ``items``, ``penalty_items`` and ``unscored``)."""
    plan = sheet.plan
    rules = sheet.rules
    rows = []
    for u in sheet.units:
        row = row_values(sheet, u, lang)
        row["standing"] = u.standing
        row["items"] = [
            {
                "indicator_code": i.indicator.code,
                "points": _number(i.points),
                "earned": _number(i.earned),
                "bonus": _number(i.bonus),
                "deduction": _number(i.deduction),
                "reasons": [_phrase(p, lang) for p in i.reasons],
            }
            for i in u.items
        ]
        row["penalty_items"] = [
            {"code": p.code, "points": _number(p.points), "reason": _phrase(p.reason, lang)} for p in u.penalties
        ]
        row["unscored"] = _phrase(u.unscored, lang) if u.unscored else None
        rows.append(row)
    return {
        **json_head(SCORE_JSON_SCHEMA, SCORE_JSON_VERSION, plan, sheet.year, sheet.as_of, sheet.reference_date),
        "rules": {
            "start": _number(rules.start),
            "basis": rules.basis,
            "decimals": rules.decimals,
            "note": rules.note,
            "items": [
                {
                    "indicator_code": i.indicator,
                    "points": _number(i.points),
                    "name": plan.indicator(i.indicator).label(lang),
                }
                for i in rules.items
            ],
        },
        "columns": csv_columns(sheet),
        "rows": rows,
    }


# ---- Markdown and terminal --------------------------------------------------------------------


def _headers(sheet: ScoreSheet, lang: str) -> list[str]:
    return [
        tr("score.col.rank", lang),
        tr("col.township", lang),
        tr("score.col.score", lang),
        *(i.code for i in sheet.indicators),
        tr("score.col.penalties", lang),
    ]


def display_width(text: str) -> int:
    """Columns a string takes on screen: CJK characters count two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cells(sheet: ScoreSheet, u: UnitScore, lang: str) -> list[str]:
    items = []
    for ind in sheet.indicators:
        item = u.item(ind.code)
        items.append(fmt_score(item.points) if item else "")
    score = fmt_score(u.score) if u.score is not None else tr("score.not-scored-short", lang)
    penalties = fmt_score(u.penalty_total) if u.penalties else ""
    return ["" if u.rank is None else str(u.rank), u.unit, score, *items, penalties]


def to_markdown(sheet: ScoreSheet, lang: str) -> str:
    """A Markdown page: title, the table, then every unit's explanation as a list."""
    out = [f"# {title(sheet, lang)}", ""]
    out += [f"{line}  " for line in header_lines(sheet, lang)]
    headers = _headers(sheet, lang)
    align = "|".join("---" if j == 1 else "---:" for j in range(len(headers)))  # figures to the right
    out += ["", "| " + " | ".join(headers) + " |", f"|{align}|"]
    for u in sheet.units:
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in _cells(sheet, u, lang)) + " |")
    out += ["", f"## {tr('score.heading.explanations', lang)}", ""]
    for u in sheet.units:
        score = fmt_score(u.score) if u.score is not None else tr("score.not-scored", lang)
        out.append(f"### {u.unit} {score}")
        out += [f"- {line}" for line in explanation_lines(u, lang)]
        out.append("")
    return "\n".join(out)


def render_table(sheet: ScoreSheet, lang: str, console: Console) -> None:
    """The terminal view: the ranking table, then each unit's explanation."""
    from rich.text import Text

    from ipcounty.render.text_table import StyledLines
    from ipcounty.render.wrap import wrap

    console.print(Text(title(sheet, lang), style="bold"))
    for i, line in enumerate(header_lines(sheet, lang)):
        for part in wrap(line, console.width):  # by display width, never inside （15 分）
            console.print(Text(part, style="yellow" if sheet.rules.note and i == 1 else "dim"), no_wrap=True)
    _print_ranking(sheet, lang, console)
    console.print(Text(tr("score.heading.explanations", lang), style="bold cyan"))
    lines = StyledLines()  # printed at once: one print a line was most of the time over thousands of units
    width = console.width - 4  # (asking the console its width looks at the terminal each time)
    for u in sheet.units:
        score = fmt_score(u.score) if u.score is not None else tr("score.not-scored", lang)
        rank = f"{u.rank}. " if u.rank is not None else "—  "
        lines.append(f"{rank}{u.unit} {score}", "bold")
        for line in explanation_lines(u, lang):
            for part in wrap(line, width):
                lines.append("    " + part)
    if lines:
        console.print(lines, no_wrap=True)


def _print_ranking(sheet: ScoreSheet, lang: str, console: Console) -> None:
    """The ranking table: a figure is never cut (each column at least as wide as its widest cell,
    by display width); figures to the right. Laid out as text (render/text_table.py) when it fits
    the console as it is — thousands of units — else by rich's Table, whose headers fold."""
    from rich.table import Table

    from ipcounty.render.text_table import TextTable

    heads = _headers(sheet, lang)
    rows = [_cells(sheet, u, lang) for u in sheet.units]
    floors = [max((display_width(r[j]) for r in rows), default=1) for j in range(len(heads))]
    right = [j != 1 for j in range(len(heads))]
    table = TextTable(heads, right, pad_left=True, min_widths=floors)
    for u, cells in zip(sheet.units, rows, strict=True):
        table.add_row(cells, (), "yellow" if u.score is None else "")
    if sum(table.widths()) + 2 * (len(heads) - 1) <= console.width and _as_written(console, heads, rows):
        console.print(table, crop=False)
        return
    from rich import box

    t = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 0, 0, 1), show_edge=False)
    for j, h in enumerate(heads):
        t.add_column(h, justify="right" if right[j] else "left", min_width=floors[j], overflow="fold")
    for u, cells in zip(sheet.units, rows, strict=True):
        t.add_row(*cells, style="yellow" if u.score is None else None)
    console.print(t)


def _as_written(console: Console, heads: list[str], rows: list[list[str]]) -> bool:
    """Whether rich's Table would print every cell as it is written: no markup (``[``), no emoji
    code (``:``), no control or other unprintable character, and a console that highlights nothing."""
    if getattr(console, "_highlight", True):
        return False
    text = "".join(heads) + "".join("".join(r) for r in rows)
    return "[" not in text and ":" not in text and text.isprintable()


# ---- the rules, as ``ipcounty plan`` shows them ------------------------------------------------


def rules_summary(plan: Plan, lang: str) -> tuple[str, list[tuple[str, str, str]], str]:
    """The plan's ``scoring:`` in words: a title, one (code, indicator, rule) per item, and the
    penalties line — so whoever wrote the rules can check they are read as meant."""
    from ipcounty.plan.scoring import PENALTY_CODES

    rules = plan.scoring
    assert rules is not None
    sep = ", " if lang == "en" else "，"
    rows = []
    for item in rules.items:
        ind = plan.indicator(item.indicator)
        unit = unit_word(ind.unit, lang, 1) or tr("score.unit-item", lang)
        parts: list[str] = []
        if item.points is not None:
            points = fmt_score(item.points)
            if ind.direction == "at_most":
                parts.append(tr("score.rules.ceiling", lang, points=points))
            elif item.bands:
                bands = ("; " if lang == "en" else "、").join(
                    tr("score.rules.band", lang, floor=_pct(b.floor), share=_pct(b.share))
                    for b in item.bands
                    if b.share  # a band earning nothing is the "else 0" said after the bands
                )
                parts.append(tr("score.rules.bands", lang, points=points, bands=bands))
            elif ind.kind == "yesno":
                parts.append(tr("score.rules.yesno", lang, points=points))
            else:
                parts.append(tr("score.rules.proportional", lang, points=points))
        for per, cap, key, cap_key in (
            (item.per_shortfall, item.max_deduction, "score.rules.shortfall", "score.rules.cap-deduction"),
            (item.per_excess, item.max_bonus, "score.rules.excess", "score.rules.cap-bonus"),
        ):
            if per is not None:
                parts.append(tr(key, lang, unit=unit, per=fmt_score(per)))
                if cap is not None:
                    parts.append(tr(cap_key, lang, cap=fmt_score(cap)))
        rows.append((ind.code, ind.label(lang), sep.join(parts)))
    said = [
        tr(f"score.rules.penalty.{code}", lang, points=fmt_score(getattr(rules.penalties, code)))
        for code in PENALTY_CODES
        if getattr(rules.penalties, code)
    ]
    penalties = (
        tr("score.rules.penalties", lang, penalties=("; " if lang == "en" else "、").join(said))
        if said
        else tr("score.rules.no-penalties", lang)
    )
    title = tr("score.rules.title", lang, basis=tr(f"score.basis.{rules.basis}", lang), start=fmt_score(rules.start))
    return title, rows, penalties


def _pct(share: Decimal) -> str:
    return fmt_score(share * 100) + "%"
