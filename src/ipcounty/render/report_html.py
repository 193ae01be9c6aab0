"""The report as one self-contained HTML page, to send to a chat group and read on a phone.

Everything is inline (CSS, SVG charts); nothing is fetched, nothing runs. The content is the
terminal report's — completeness, a table and a chart per indicator, the district goals, what
needs doing — built from the same rows and the same sentences. Every piece of text is escaped:
unit names, notes, file names and cell values come from returns that anyone could have typed.
"""

from __future__ import annotations

import html
import io
import unicodedata
from itertools import groupby

from ipcounty.i18n import status_label, tr
from ipcounty.progress.model import Report, Row
from ipcounty.render.numbers import fmt_by_unit, fmt_percent, fmt_unit_paren
from ipcounty.render.report_view import (
    TABLE_COLUMNS,
    _cells,
    _group_key,
    _served_line,
    _unit_label,
    answer_target,
    completeness_line,
    evidence_line,
    heading,
    render_problems,
)

FONTS = (
    'system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", '
    '"Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif'
)
# The light colours of SPEC v2, as in the workbook (fill, text).
LIGHTS = {"green": ("#c6efce", "#006100"), "yellow": ("#ffeb9c", "#7a4a00"), "red": ("#ffc7ce", "#9c0006")}
NO_LIGHT = ("#ededed", "#444444")
BAR = {"green": "#4e9a5b", "yellow": "#d19a00", "red": "#c0392b"}
LABEL_MAX = 150  # the chart's names column, at most (of 360)

CSS = f"""
*{{box-sizing:border-box}}
html{{-webkit-text-size-adjust:100%;text-size-adjust:100%}}
body{{margin:0;font-family:{FONTS};font-size:16px;line-height:1.55;color:#1f2328;background:#f6f7f9}}
main{{max-width:1000px;margin:0 auto;padding:12px}}
h1{{font-size:1.3rem;line-height:1.35;margin:.4rem 0 .6rem}}
h2{{font-size:1.08rem;margin:0 0 .2rem}}
section{{background:#fff;border:1px solid #e3e6ea;border-radius:10px;padding:12px;margin:0 0 12px}}
p,li{{overflow-wrap:anywhere;word-break:break-word}}
.sub{{color:#57606a;font-size:.88rem;margin:0 0 .5rem}}
.cards{{display:flex;flex-wrap:wrap;gap:8px;margin:.5rem 0}}
.card{{flex:1 1 90px;border-radius:8px;padding:6px 10px;background:#f0f2f5}}
.card b{{display:block;font-size:1.3rem}}
.card span{{font-size:.85rem;color:#57606a}}
.card.red{{background:{LIGHTS["red"][0]}}}
.card.red b,.card.red span{{color:{LIGHTS["red"][1]}}}
.table-wrap{{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.4rem 0}}
.table-wrap{{border:1px solid #eef0f3;border-radius:6px}}
table{{border-collapse:collapse;font-size:.88rem;white-space:nowrap;min-width:100%}}
th,td{{padding:4px 8px;border-bottom:1px solid #eef0f3;text-align:right}}
th{{background:#1f4e78;color:#fff;font-weight:600;position:sticky;top:0}}
td.name,th.name{{text-align:left;position:sticky;left:0;background:#fff;z-index:1}}
th.name{{background:#1f4e78}}
table.goals td.name{{white-space:normal;min-width:8em;max-width:11em}}
td.word{{text-align:left}}
tr.total td{{font-weight:700}}
td.green,.dot.green{{background:{LIGHTS["green"][0]};color:{LIGHTS["green"][1]}}}
td.yellow,.dot.yellow{{background:{LIGHTS["yellow"][0]};color:{LIGHTS["yellow"][1]}}}
td.red,.dot.red{{background:{LIGHTS["red"][0]};color:{LIGHTS["red"][1]}}}
td.none,.dot.none{{background:{NO_LIGHT[0]};color:{NO_LIGHT[1]}}}
.dot{{display:inline-block;border-radius:4px;padding:0 6px;margin-right:4px;font-size:.85rem}}
svg{{display:block;width:100%;max-width:480px;height:auto}}
svg text{{font-family:{FONTS}}}
ul{{padding-left:1.1rem;margin:.3rem 0}}
li{{margin:.2rem 0}}
li.sub{{list-style:none;margin-left:-.2rem}}
footer{{color:#57606a;font-size:.8rem;text-align:center;padding:4px 0 16px}}
@media (min-width:720px){{main{{padding:20px}}h1{{font-size:1.55rem}}table.goals td.name{{max-width:20em}}}}
"""


def display_width(text: str) -> int:
    """Columns a string takes: CJK characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def esc(text: object) -> str:
    """Any text as HTML text or attribute value: ``<``, ``&``, quotes all escaped."""
    return html.escape(str(text), quote=True)


def _light_class(r: Row) -> str:
    return r.light or "none"


def to_html(report: Report, rows: list[Row], lang: str) -> str:
    """The whole page for ``rows`` of ``report`` (a ``--unit`` / ``--indicator`` selection)."""
    title = heading(report, lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{esc(title)}</h1>",
        _completeness(report, rows, lang),
    ]
    shown = [r for r in rows if r.indicator.section != "goal" or r.indicator.served_by]
    for code, group in groupby(shown, key=_group_key):
        parts.append(_indicator(report, code, list(group), lang))
    goals = [r for r in rows if r.indicator.section == "goal" and not r.indicator.served_by]
    if goals:
        parts.append(_goals(report, goals, lang))
    parts.append(_todo(report, lang))
    plan = report.plan.info.short_title or report.plan.info.title
    parts += [
        f"<footer>{esc(tr('html.footer', lang, plan=plan, date=report.reference_date.isoformat()))}</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _completeness(report: Report, rows: list[Row], lang: str) -> str:
    u = report.units
    unit_rows = [r for r in rows if not r.is_district and r.indicator.section != "goal"]
    cards = [(f"{len(u.submitted)}/{u.expected}", tr("html.reported", lang), "")]
    for status, names in (
        ("overdue", u.overdue),
        ("not_submitted", u.missing),
        ("rejected", u.rejected),
        ("conflict", u.conflict),
    ):
        cards.append((str(len(names)), status_label(status, lang), "red" if names else ""))
    lights = []
    for light in ("green", "yellow", "red"):
        n = sum(1 for r in unit_rows if r.light == light)
        lights.append(f'<span class="dot {light}">{esc(tr(f"light.{light}", lang))} {n}</span>')
    html_cards = "".join(
        f'<div class="card {cls}"><b>{esc(big)}</b><span>{esc(small)}</span></div>' for big, small, cls in cards
    )
    return (
        "<section>"
        f"<h2>{esc(tr('html.completeness', lang))}</h2>"
        f'<div class="cards">{html_cards}</div>'
        f"<p>{esc(completeness_line(report, lang))}</p>"
        f'<p class="sub">{esc(tr("html.lights", lang))}{"".join(lights)}</p>'
        "</section>"
    )


# The table's columns after the unit's name: the terminal's, with the gap and the expected amount.
HTML_COLUMNS = (
    "col.target",
    "col.actual",
    "col.gap",
    "col.completion",
    "col.time_share",
    "col.expected",
    "col.lag_points",
    "col.status",
    "col.light",
    "col.rank",
)


def cells(r: Row, lang: str) -> list[str]:
    """The figures of HTML_COLUMNS for one row, as the terminal writes them (numbers by unit)."""
    shown = dict(zip(TABLE_COLUMNS, _cells(r, lang), strict=True))
    ind = r.indicator
    counts_units = r.is_district and r.units_counted is not None  # 7/11 达标: no 全区 target
    if isinstance(r.target, (int, float)) and (ind.kind != "yesno" or r.is_district) and not counts_units:
        shown["col.target"] = fmt_by_unit(r.target, ind.integer)
    if isinstance(r.actual, (int, float)) and not isinstance(r.actual, bool):
        shown["col.actual"] = fmt_by_unit(r.actual, ind.integer)
    shown["col.gap"] = fmt_by_unit(r.gap, ind.integer)
    yes = answer_target(r, r.expected, lang)  # a yes/no duty: 是 / yes, not 1.0
    shown["col.expected"] = fmt_by_unit(r.expected, ind.integer, expected=True) if yes is None else yes
    return [shown[k] for k in HTML_COLUMNS]


def _table(report: Report, items: list[Row], lang: str, *, by_unit: bool) -> str:
    words = report.plan.words
    first = tr("col.township", lang, words=words) if by_unit else tr("col.indicator", lang)
    # The district's goals are one row each: nothing to rank them against, no 排名 column.
    columns = [k for k in HTML_COLUMNS if by_unit or k != "col.rank" or any(r.rank is not None for r in items)]
    head = f'<th class="name">{esc(first)}</th>'
    head += "".join(f"<th>{esc(tr(k, lang))}</th>" for k in columns) + f"<th>{esc(tr('col.as_of', lang))}</th>"
    # After the date, the figures since the plan began (and the baselines, where a goal has one).
    extra = ["col.cumulative", "col.plan_target"] + (
        ["col.baseline"] if any(r.baseline is not None for r in items) else []
    )
    head += "".join(f"<th>{esc(tr(k, lang))}</th>" for k in extra)
    body = []
    for r in items:
        label = _unit_label(r, report, lang) if by_unit else f"{r.indicator.code} {r.indicator.label(lang)}"
        tds = [f'<td class="name">{esc(label)}</td>']
        for key, text in zip(HTML_COLUMNS, cells(r, lang), strict=True):
            if key not in columns:
                continue
            if key in ("col.status", "col.light"):
                tds.append(f'<td class="word {_light_class(r)}">{esc(text)}</td>')
            else:
                tds.append(f"<td>{esc(text)}</td>")
        tds.append(f'<td class="word">{esc(r.as_of.isoformat() if r.as_of else "")}</td>')
        since = {"col.cumulative": r.cumulative_actual, "col.plan_target": r.plan_target, "col.baseline": r.baseline}
        plan_yes = answer_target(r, r.plan_target, lang)  # a yes/no duty's 计划总目标: 是 / yes
        shown = {k: fmt_by_unit(since[k], r.indicator.integer) for k in extra}
        if plan_yes is not None:
            shown["col.plan_target"] = plan_yes
        tds += [f"<td>{esc(shown[k])}</td>" for k in extra]
        cls = ' class="total"' if r.is_district and by_unit else ""
        body.append(f"<tr{cls}>{''.join(tds)}</tr>")
    table = "<table>" if by_unit else '<table class="goals">'
    return f'<div class="table-wrap">{table}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def _indicator(report: Report, code: str, items: list[Row], lang: str) -> str:
    own = [r for r in items if r.indicator.code == code]
    ind = (own or items)[0].indicator
    unit = fmt_unit_paren(ind.unit, lang)
    sub = f"{ind.source} · {tr('scope.' + ind.scope, lang)}"
    parts = [
        f'<section id="{esc(code)}">',
        f"<h2>{esc(code)} {esc(ind.label(lang))}{esc(unit)}</h2>",
        f'<p class="sub">{esc(sub)}</p>',
        chart(own, report, lang),
        _table(report, own, lang, by_unit=True),
    ]
    for r in items:
        if r.indicator.code != code:
            parts.append(f"<p>{esc(_served_line(r, items, lang, report).strip())}</p>")
    line = evidence_line(report, code, lang).strip()
    if line:
        parts.append(f"<p>{esc(line)}</p>")
    parts.append("</section>")
    return "\n".join(parts)


def chart(rows: list[Row], report: Report, lang: str) -> str:
    """Horizontal bars of completion per unit, coloured by light, each with a tick at its 序时进度;
    a unit without a figure says why instead. "" when no row has a completion (yes/no duties)."""
    if all(r.completion is None for r in rows):
        return ""
    shares = [r.completion or 0.0 for r in rows] + [r.time_share or 0.0 for r in rows]
    top = min(max(1.0, *shares), 2.0)  # one unit at 400 % does not flatten the others: its bar is cut
    labels = [_unit_label(r, report, lang) for r in rows]
    # The names' column as wide as the longest name needs (13 px a CJK character), within bounds; a
    # longer name is cut with "…" here (the table below has it whole, and so does its tooltip).
    label_w = int(min(LABEL_MAX, max(60.0, max(display_width(n) for n in labels) * 6.6 + 10)))
    width, value_w, row_h = 360, 54, 22
    bar_w = width - label_w - value_w
    height = row_h * len(rows) + 44
    x0 = label_w

    def x(share: float) -> float:
        return x0 + bar_w * min(share, top) / top

    out = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{esc(tr("html.chart", lang))}">',
        f'<text x="{x(1.0):.1f}" y="11" font-size="11" text-anchor="middle" fill="#57606a">100%</text>',
        f'<line x1="{x(1.0):.1f}" y1="14" x2="{x(1.0):.1f}" y2="{height - 24}" stroke="#8c959f"'
        ' stroke-dasharray="3 3"/>',
    ]
    for i, r in enumerate(rows):
        y = i * row_h + 16
        weight = ' font-weight="700"' if r.is_district else ""
        out.append(
            f'<text x="{label_w - 6}" y="{y + 13}" font-size="13" text-anchor="end"{weight}>'
            f"<title>{esc(labels[i])}</title>{esc(_fit(labels[i], label_w - 8))}</text>"
        )
        if r.completion is None:  # not submitted, rejected, in conflict: say so where the bar would be
            word = status_label(r.status, lang)
            out.append(f'<text x="{x0 + 4}" y="{y + 13}" font-size="12" fill="#9c0006">{esc(word)}</text>')
            continue
        colour = BAR.get(r.light or "", "#8c959f")
        length = max(0.0, x(r.completion) - x0)
        out.append(f'<rect x="{x0}" y="{y + 2}" width="{length:.1f}" height="14" rx="2" fill="{colour}"/>')
        if r.time_share is not None:
            tx = x(r.time_share)
            out.append(f'<line x1="{tx:.1f}" y1="{y}" x2="{tx:.1f}" y2="{y + 18}" stroke="#1f2328" stroke-width="2"/>')
        value = esc(fmt_percent(r.completion))
        out.append(f'<text x="{width - 2}" y="{y + 13}" font-size="12" text-anchor="end">{value}</text>')
    legend_y = height - 6
    out += [
        f'<rect x="{x0}" y="{legend_y - 9}" width="12" height="10" fill="{BAR["green"]}"/>',
        f'<text x="{x0 + 16}" y="{legend_y}" font-size="11">{esc(tr("col.completion", lang))}</text>',
        f'<line x1="{x0 + 82}" y1="{legend_y - 10}" x2="{x0 + 82}" y2="{legend_y + 1}" stroke="#1f2328"'
        ' stroke-width="2"/>',
        f'<text x="{x0 + 88}" y="{legend_y}" font-size="11">{esc(tr("col.time_share", lang))}</text>',
        "</svg>",
    ]
    return "\n".join(out)


def _fit(name: str, room: float) -> str:
    """``name`` cut with "…" to fit ``room`` px of 13 px text (a CJK character 13 px, others 6.6)."""
    if display_width(name) * 6.6 <= room:
        return name
    out = ""
    for ch in name:
        if display_width(out + ch + "…") * 6.6 > room:
            break
        out += ch
    return out + "…"


def _goals(report: Report, goals: list[Row], lang: str) -> str:
    words = report.plan.words
    parts = [
        '<section id="goals">',
        f"<h2>{esc(tr('heading.goals_form', lang, words=words))}</h2>",
        _table(report, goals, lang, by_unit=False),
    ]
    for r in goals:
        if r.note:
            parts.append(f'<p class="sub">{esc(tr("report.goal_note", lang, code=r.indicator.code, note=r.note))}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _todo(report: Report, lang: str) -> str:
    """需要处理: the terminal's list, the same sentences (made once, in report_view)."""
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=10_000, color_system=None, highlight=False, emoji=False, soft_wrap=True)
    render_problems(report, lang, console)
    lines = [line for line in buf.getvalue().splitlines() if line.strip()]
    if not lines:
        return (
            f'<section id="todo"><h2>{esc(tr("html.todo", lang))}</h2><p>{esc(tr("html.nothing", lang))}</p></section>'
        )
    items = []
    for line in lines[1:]:  # the first line is the heading
        cls = ' class="sub"' if line.startswith(" ") else ""
        items.append(f"<li{cls}>{esc(line.strip())}</li>")
    return f'<section id="todo"><h2>{esc(lines[0].strip())}</h2><ul>{"".join(items)}</ul></section>'
