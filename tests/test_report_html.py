"""``report --format html``: one self-contained page with the report's content, safe, phone-sized."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.i18n import status_label, tr
from ipcounty.plan import Plan
from ipcounty.render.numbers import fmt_by_unit, fmt_percent, fmt_points
from tests.conftest import PLAN_PATH, ROOT, TOWNS

html5lib = pytest.importorskip("html5lib")

EXAMPLES = ROOT / "examples" / "returns"
BASE = ["--plan", str(PLAN_PATH)]
NS = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[dict[str, str]]]:
    out = tmp_path_factory.mktemp("html") / "report.html"
    runner = CliRunner()
    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES), "--format", "html", "-o", str(out)])
    assert r.exit_code == 0, r.output
    rows = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES), "--format", "csv"]).stdout
    return out, out.read_text(encoding="utf-8"), list(csv.DictReader(io.StringIO(rows)))


def _text(el: Any) -> str:
    return "".join(el.itertext()).strip()


def test_one_file_that_fetches_nothing(page: tuple[Path, str, list[dict[str, str]]]) -> None:
    _, text, _ = page
    doc = html5lib.parse(text)
    assert doc.find(f".//{NS}svg") is not None or "<svg" in text  # charts inline
    for el in doc.iter():
        tag = el.tag.replace(NS, "")
        assert tag not in ("script", "link", "iframe", "img", "object", "embed"), tag
        for name, value in el.attrib.items():
            assert not re.match(r"\s*(https?:|//|data:|javascript:)", value, re.I), (tag, name, value)
            assert name not in ("src", "href") or value.startswith("#"), (tag, name, value)
    styles = " ".join(_text(s) for s in doc.iter(f"{NS}style"))
    assert "url(" not in styles and "@import" not in styles
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text


COLUMNS = ("target", "actual", "gap", "completion", "time_share", "expected", "lag_points", "status", "light", "rank")
COLUMNS = (*COLUMNS, "as_of")


def number(text: str) -> float | None:
    return float(text) if text else None


def test_every_unit_and_figure_of_the_csv(page: tuple[Path, str, list[dict[str, str]]], plan: Plan) -> None:
    _, text, rows = page
    doc = html5lib.parse(text)
    inds = {i.code: i for i in plan.indicators}
    tables: dict[str, dict[str, list[str]]] = {}  # section id -> first cell -> the row's cells
    for section in doc.iter(f"{NS}section"):
        for tr_el in section.iter(f"{NS}tr"):
            tds = [_text(td) for td in tr_el.findall(f"{NS}td")]
            if tds:
                tables.setdefault(section.get("id", ""), {})[tds[0]] = tds
    page_text = _text(doc)
    assert all(town in page_text for town in TOWNS)
    checked = 0
    for row in rows:
        ind = inds[row["indicator_code"]]
        if ind.section == "goal" and ind.served_by:
            # a goal that adds up a breakdown: a sentence under the breakdown's table
            assert f"{ind.code} {ind.name}" in page_text
            continue
        unit = row["reporting_unit"]
        cells = tables["goals"][f"{ind.code} {ind.name}"] if ind.section == "goal" else tables[ind.code][unit]
        want = {
            # a 全区 row that counts units (D2 专职人员 ≥ 2: 7/11 达标) shows no 全区 target
            "target": ""
            if unit == "全区" and "/" in cells[2]
            else fmt_by_unit(number(row["target"]), ind.integer)
            if ind.kind != "yesno" or unit == "全区"
            else None,
            "gap": fmt_by_unit(number(row["gap"]), ind.integer),
            "completion": fmt_percent(number(row["completion"])),
            "time_share": fmt_percent(number(row["time_share"])),
            "expected": "是"
            if ind.kind == "yesno" and unit != "全区" and row["expected"]
            else fmt_by_unit(number(row["expected"]), ind.integer, expected=True),
            "lag_points": fmt_points(number(row["lag_points"])),
            "status": status_label(row["status"], "zh"),
            "light": tr(f"light.{row['light']}", "zh") if row["light"] else "",
            "rank": row["rank"],
        }
        # The district's goals have no 排名 column: one row each, nothing to rank them against.
        cols = tuple(c for c in COLUMNS if c != "rank") if ind.section == "goal" else COLUMNS
        if ind.section == "goal":
            assert row["rank"] == ""
            del want["rank"]
        got = dict(zip(cols, cells[1:], strict=False))
        since = dict(zip(("cumulative_actual", "plan_target", "baseline"), cells[len(cols) + 1 :], strict=False))
        assert len(since) >= 2  # 累计完成 and 计划总目标 (基期值 where a goal has one)
        yes_asked = ind.kind == "yesno" and unit != "全区"  # its target is stored as 1 and shown as 是
        for field, value in since.items():
            if yes_asked and field == "plan_target":
                assert row[field] == "1" and value == "是", (unit, ind.code, value)
                continue
            assert value == fmt_by_unit(number(row[field]), ind.integer), (unit, ind.code, field, value, row[field])
        for field, value in want.items():
            if value is not None:
                assert got[field] == value, (unit, ind.code, field, got[field], value)
        if row["actual"] and not (unit == "全区" and ind.rate):
            numeric = ind.kind not in ("yesno", "qualitative")
            actual = fmt_by_unit(number(row["actual"]), ind.integer) if numeric else row["actual"]
            assert got["actual"] == actual, (unit, ind.code, got["actual"], actual)
        if unit != "全区":
            assert got["as_of"] == row["as_of"], (unit, ind.code)
        checked += 1
    assert checked >= 80


def test_text_from_returns_is_escaped(runner: CliRunner, make_return: Callable[..., Path], tmp_path: Path) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    script = "<script>alert(1)</script>"
    tag = '<img src=x onerror="alert(2)">'
    make_return("全区", name="returns/d.xlsx", notes={"G01": tag})
    make_return("税郭镇", name="returns/s.xlsx", reporter=script, values={"B1": "<b>十五</b>"})
    out = tmp_path / "r.html"
    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(folder), "--format", "html", "-o", str(out)])
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert script not in text and "<img" not in text and "<b>十五" not in text
    doc = html5lib.parse(text)
    assert not [el for el in doc.iter() if el.tag.replace(NS, "") in ("script", "img")]
    shown = _text(doc)
    assert tag in shown and script in shown and "<b>十五</b>" in shown  # shown as the text it is
    assert html.escape(tag) in text


def test_stdout_and_english(runner: CliRunner) -> None:
    r = runner.invoke(app, [*BASE, "--lang", "en", "report", "2025", "--returns", str(EXAMPLES), "--format", "html"])
    assert r.exit_code == 0
    assert r.stdout.startswith("<!DOCTYPE html>") and '<html lang="en">' in r.stdout
    assert "To do" in r.stdout and f"<th>{tr('col.time_share', 'en')}</th>" in r.stdout


def test_csv_written_with_o_starts_with_a_bom(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES), "--format", "csv", "-o", str(out)])
    assert r.exit_code == 0, r.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfyear,reporting_unit,")
    stdout = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(EXAMPLES), "--format", "csv"]).stdout
    assert data[3:].decode("utf-8") == stdout


def test_o_never_overwrites_a_return(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "returns"
    shutil.copytree(EXAMPLES / "2025", folder)
    victim = folder / "2025_税郭镇_填报表.xlsx"
    before = victim.read_bytes()
    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", str(folder), "--format", "html", "-o", str(victim)])
    assert r.exit_code == 2 and "拒绝覆盖" in r.output
    assert victim.read_bytes() == before


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _scroll_widths(pages: list[tuple[str, int]], tmp_path: Path) -> list[tuple[int, int]]:
    """Each page's scrollWidth and clientWidth in a viewport of its width (iframes, all in one
    Chromium run: headless Chromium will not make a window narrower than 500 px)."""
    frames = "".join(
        f'<iframe style="width:{width}px;height:844px;border:0" srcdoc="{html.escape(text)}"></iframe>'
        for text, width in pages
    )
    probe = tmp_path / "probe.html"
    probe.write_text(
        f'<!DOCTYPE html><html><body style="margin:0">{frames}'
        "<script>window.addEventListener('load', function () {"
        "var out = [];"
        "document.querySelectorAll('iframe').forEach(function (f) {"
        "var d = f.contentDocument.documentElement; out.push(d.scrollWidth + '/' + d.clientWidth); });"
        "document.body.setAttribute('data-scroll', out.join(' ')); });</script>"
        "</body></html>",
        encoding="utf-8",
    )
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,900", "--virtual-time-budget=5000"]
    dom = subprocess.run(
        [CHROMIUM or "chromium", *flags, "--dump-dom", probe.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    m = re.search(r'data-scroll="([\d/ ]+)"', dom)
    assert m, dom[-500:]
    return [(int(a), int(b)) for a, b in (pair.split("/") for pair in m.group(1).split())]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_reads_on_a_phone_without_sideways_scrolling(
    page: tuple[Path, str, list[dict[str, str]]], tmp_path: Path
) -> None:
    path, text, _ = page
    widths = (360, 390, 414, 1280)
    wide = text.replace("<main>", '<main><div style="width:700px">x</div>', 1)  # the probe sees overflow
    measured = _scroll_widths([*((text, w) for w in widths), (wide, 390)], tmp_path)
    for width, (scroll, client) in zip(widths, measured, strict=False):
        assert scroll <= client, f"{width} px: the page scrolls sideways ({scroll} > {client})"
    assert measured[-1][0] > measured[-1][1]
    shot = tmp_path / "phone.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=390,844"]
    subprocess.run(
        [CHROMIUM or "chromium", *flags, f"--screenshot={shot}", path.as_uri()],
        capture_output=True,
        timeout=120,
    )
    assert shot.is_file() and shot.stat().st_size > 10_000
