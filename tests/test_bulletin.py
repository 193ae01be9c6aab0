"""The 进展情况通报: the .docx read back, every unit behind named with the report's own figures,
every non-reporter named, the text and Markdown variants, and the command's options."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.plan import Plan
from tests.conftest import PLAN_PATH, ROOT
from tests.office import pdf_text, to_pdf
from tests.test_gongwen_docx import W, east_asian, open_docx

EXAMPLES = ROOT / "examples" / "returns"
BASE = ["--plan", str(PLAN_PATH)]
# Known on 10 January 2026: every 2025 return, December due by the 5th; the 2026 ones not yet.
AS_OF_2025 = "2026-01-10"
AS_OF_2026 = "2026-10-10"


def run(runner: CliRunner, *args: str) -> Any:
    r = runner.invoke(app, [*BASE, *args], env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.output
    return r


def report_rows(runner: CliRunner, year: int, as_of: str) -> list[dict[str, str]]:
    r = run(runner, "report", str(year), "--returns", str(EXAMPLES), "--as-of", as_of, "--format", "csv")
    return list(csv.DictReader(io.StringIO(r.stdout)))


@pytest.fixture(scope="module")
def docx_2025(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bulletin") / "通报.docx"
    r = CliRunner().invoke(
        app, [*BASE, "bulletin", "2025", "--returns", str(EXAMPLES), "--as-of", AS_OF_2025, "-o", str(out)]
    )
    assert r.exit_code == 0, r.output
    assert "已写入" in r.stderr
    return out


def body_paragraphs(doc: Any) -> list[Any]:
    """The paragraphs before the first attachment (附件1's label starts a new page)."""
    out = []
    for p in doc.paragraphs:
        if p.paragraph_format.page_break_before:
            break
        out.append(p)
    return out


def test_the_docx_is_a_gbt_9704_page(docx_2025: Path) -> None:
    d = open_docx(docx_2025.read_bytes())
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
    for footer in (s.footer, s.even_page_footer):
        assert [i.text.strip() for i in footer.paragraphs[0]._p.iter(f"{W}instrText")] == ["PAGE"]
    title = d.paragraphs[0]
    assert title.text == "关于2025年度市中区知识产权强县建设试点工作进展情况的通报"
    assert east_asian(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    assert d.paragraphs[2].text == "各镇人民政府，各街道办事处，区政府有关部门："


def test_every_body_run_has_an_east_asian_font(docx_2025: Path) -> None:
    d = open_docx(docx_2025.read_bytes())
    runs = [r for p in d.paragraphs for r in p.runs if r.text]
    runs += [r for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs if r.text]
    assert len(runs) > 100
    missing = [r.text for r in runs if not east_asian(r)]
    assert missing == []
    body = [r for p in body_paragraphs(d)[3:] for r in p.runs if r.text]
    assert {east_asian(r) for r in body} == {"仿宋_GB2312", "黑体", "楷体_GB2312"}
    assert {r.font.size.pt for r in body} == {16}


def test_headings_in_order(docx_2025: Path) -> None:
    d = open_docx(docx_2025.read_bytes())
    paras = body_paragraphs(d)
    h1 = [p.text for p in paras if p.runs and east_asian(p.runs[0]) == "黑体"]
    assert h1 == ["一、总体进展", "二、各镇街进展", "三、存在问题", "四、下步要求"]
    h2 = [p.runs[0].text for p in paras if p.runs and east_asian(p.runs[0]) == "楷体_GB2312"]
    assert [h[:3] for h in h2[:3]] == ["（一）", "（二）", "（三）"]
    # 2025 seen on 10 January 2026: the year is over, no deadline is left in it to set
    assert "（一）认真整改。" in h2 and h2[-1].endswith("强化督导。")
    # 附件: each starts a page with its label, then its tables
    labels = [p.text for p in d.paragraphs if re.fullmatch(r"附件\d", p.text)]
    assert labels == ["附件1", "附件2", "附件3"]
    assert len(d.tables) == 7 + 2  # one per unit indicator, the district goals, the returns


def _text(docx: Path) -> str:
    return "\n".join(p.text for p in body_paragraphs(open_docx(docx.read_bytes())))


def test_every_unit_behind_is_named_with_the_report_figures(runner: CliRunner, docx_2025: Path, plan: Plan) -> None:
    text = _text(docx_2025)
    behind_part = text.split("（一）部分镇街进度滞后。")[1].split("（二）报送不及时")[0]
    csv_rows = report_rows(runner, 2025, AS_OF_2025)
    rows = [r for r in csv_rows if r["status"] == "behind" and r["reporting_unit"] != "全区"]
    assert len(rows) >= 10
    for r in rows:
        unit_part = behind_part.split(r["reporting_unit"] + "：", 1)[1].split("。", 1)[0]
        name = r["indicator_name"]
        ind = plan.indicator(r["indicator_code"])
        if ind.kind == "flow":
            completion = f"{float(r['completion']) * 100:.1f}%"
            points = f"{abs(float(r['lag_points'])):.1f}"
            expected = f"{name}完成{r['actual']}{r['unit']}，完成率{completion}，滞后序时进度{points}个百分点"
        elif ind.kind != "yesno":
            expected = f"{name}{r['actual']}{r['unit']}，未达到目标{r['target']}{r['unit']}"
        else:
            expected = f"{name}尚未完成"
        assert expected in unit_part, (r["reporting_unit"], expected, unit_part)
    # and the overall figures are the 全区 rows' own
    b1 = next(r for r in csv_rows if r["reporting_unit"] == "全区" and r["indicator_code"] == "B1")
    assert f"完成{b1['actual']}个，目标{b1['target']}个，完成率{float(b1['completion']) * 100:.1f}%" in text


def test_a_late_unit_behind_on_its_figures_is_named_as_behind(runner: CliRunner) -> None:
    # On 1 December 2026 every 2026 example return is overdue (last 截至 30 September): the rows
    # say 逾期未报, yet 税郭镇 has 10 of 15 (−8.1 points). 三 must not say everyone is on schedule.
    as_of = "2026-12-01"
    text = run(runner, "bulletin", "2026", "--returns", str(EXAMPLES), "--as-of", as_of, "--format", "text").stdout
    behind_part = text.split("（一）部分镇街进度滞后。")[1].split("（二）报送不及时")[0]
    assert "均达到序时进度" not in behind_part
    rows = [
        r
        for r in report_rows(runner, 2026, as_of)
        if r["status"] == "overdue" and r["reporting_unit"] != "全区" and r["lag_points"] and float(r["lag_points"]) < 0
    ]
    assert {r["reporting_unit"] for r in rows} >= {"税郭镇", "西王庄镇", "龙山路街道"}
    for r in rows:
        points = f"{abs(float(r['lag_points'])):.1f}"
        assert f"{r['indicator_name']}完成{r['actual']}{r['unit']}" in behind_part, r
        assert f"滞后序时进度{points}个百分点" in behind_part, r
    assert "税郭镇：新增有效发明专利数量完成10个，完成率66.7%，滞后序时进度8.1个百分点" in behind_part
    # 四 asks them to catch up too
    assert "税郭镇" in text.split("四、下步要求")[1].split("（二）")[0]


def test_every_unit_that_did_not_report_properly_is_named(runner: CliRunner, docx_2025: Path) -> None:
    text = _text(docx_2025)
    part = text.split("（二）报送不及时、不规范。")[1].split("\n")[0]
    statuses = {r["reporting_unit"]: r["status"] for r in report_rows(runner, 2025, AS_OF_2025)}
    late = {u for u, s in statuses.items() if s in ("not_submitted", "overdue", "rejected", "conflict")}
    assert late == {"孟庄镇", "光明路街道", "文化路街道", "矿区街道"}
    for unit in late:
        assert unit in part, unit
    assert "矿区街道未报送2025年填报表（2025年12月进展应于2026年1月5日前报送，已逾期5天）" in part
    assert "光明路街道最近一次报送截至2025年11月30日" in part and "属逾期未报" in part
    assert "文化路街道报送的填报表有2处错误，已退回（“填报表”工作表E13、E15单元格）" in part
    assert "孟庄镇报送了2份截至日期相同" in part and "新增有效发明专利数量分别为18和21" in part
    assert "（三）明细重复申报。2项明细被重复申报" in text
    assert "根据实施方案五（四）规定，对参与试点县建设工作不积极" in text


GOLDEN = ROOT / "tests" / "data" / "golden"


def _golden(name: str, actual: str) -> None:
    """Compare with the pinned file; ``IPCOUNTY_REGENERATE=1`` rewrites it (on purpose only)."""
    import os

    path = GOLDEN / name
    if os.environ.get("IPCOUNTY_REGENERATE") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path}: run with IPCOUNTY_REGENERATE=1"
    assert actual == path.read_text(encoding="utf-8"), f"{name} changed; regenerate on purpose if intended"


@pytest.mark.parametrize(("year", "as_of"), [(2025, AS_OF_2025), (2026, AS_OF_2026)])
def test_text_bulletin_for_the_examples_is_pinned(runner: CliRunner, year: int, as_of: str) -> None:
    r = run(runner, "bulletin", str(year), "--returns", str(EXAMPLES), "--as-of", as_of)
    _golden(f"bulletin_{year}.txt", r.stdout)


def test_markdown_and_english(runner: CliRunner) -> None:
    r = run(runner, "bulletin", "2026", "--returns", str(EXAMPLES), "--as-of", AS_OF_2026, "--format", "markdown")
    md = r.stdout
    assert md.startswith("# 关于2026年1—9月市中区知识产权强县建设试点工作进展情况的通报\n")
    assert "\n## 一、总体进展\n" in md and "**（一）总体情况。**" in md
    assert "| 镇街 | 目标 | 完成 | 完成率 | 序时进度 | 进度差 | 状态 | 亮灯 | 排名 |" in md
    args = ["--lang", "en", "bulletin", "2026", "--returns", str(EXAMPLES), "--as-of", AS_OF_2026]
    r = runner.invoke(app, [*BASE, *args])
    assert r.exit_code == 0
    assert "January–September 2026" in r.stdout and "1. Overall progress" in r.stdout
    for zh in ("滞后序时进度", "达到序时进度", "存在问题", "下步要求", "未报送", "百分点"):
        assert zh not in r.stdout, zh  # the plan's own names and quoted words may stay Chinese


def test_format_follows_the_output_name_and_docx_needs_a_file(runner: CliRunner, tmp_path: Path) -> None:
    md = tmp_path / "通报.md"
    run(runner, "bulletin", "2026", "--returns", str(EXAMPLES), "--as-of", AS_OF_2026, "-o", str(md))
    assert md.read_text(encoding="utf-8").startswith("# 关于")
    r = runner.invoke(app, [*BASE, "bulletin", "2026", "--returns", str(EXAMPLES), "--format", "docx"])
    assert r.exit_code == 2 and "-o" in r.output and "Traceback" not in r.output
    ret = next(EXAMPLES.glob("2026/*.xlsx"))
    copy = tmp_path / "r"
    shutil.copytree(EXAMPLES / "2026", copy)
    target = copy / ret.name
    before = target.read_bytes()
    r = runner.invoke(app, [*BASE, "bulletin", "2026", "--returns", str(copy), "-o", str(target.with_suffix(".docx"))])
    assert r.exit_code == 0
    r = runner.invoke(app, [*BASE, "bulletin", "2026", "--returns", str(copy), "--format", "text", "-o", str(target)])
    assert r.exit_code == 2 and "拒绝覆盖填报表" in r.output
    assert target.read_bytes() == before


def test_another_plan_speaks_its_own_words(runner: CliRunner, tmp_path: Path) -> None:
    from tests.conftest import OTHER_PLAN_PATH

    r = runner.invoke(app, ["--plan", str(OTHER_PLAN_PATH), "bulletin", "2025", "--returns", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert not re.search("镇街|全区|区级", r.stdout), r.stdout[:400]
    assert "未报送2025年填报表" in r.stdout
    assert "尚未收到有效填报表，无法判断各单位进度。" in r.stdout  # not "everyone is on schedule"


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs soffice")
def test_libreoffice_converts_the_bulletin(docx_2025: Path, tmp_path: Path) -> None:
    src = tmp_path / "b.docx"
    shutil.copy(docx_2025, src)
    text = pdf_text(to_pdf(src, tmp_path), layout=False)
    flat = text.replace("\n", "").replace(" ", "")
    assert "工作进展情况的通报" in flat and "三、存在问题" in flat and "各镇街报送情况表" in flat
    assert "—1—" in flat and "—2—" in flat


TITLE_PLANS = {
    "examples/plans/qingshan-county-2023": (2023, "关于2023年度青山县知识产权工作进展情况的通报"),
    "examples/plans/hekou-city-2021-2025": (2023, "关于2023年度河口市知识产权“十四五”任务工作进展情况的通报"),
    "examples/plans/donghu-district-2025-quarterly": (2025, "关于2025年度东湖区知识产权工作进展情况的通报"),
    "examples/plans/baiyun-banner-2024-goals-only": (2024, "关于2024年度白云旗知识产权工作进展情况的通报"),
    "data": (2025, "关于2025年度市中区知识产权强县建设试点工作进展情况的通报"),
    "tests/data/other_plan.yaml": (2025, "关于2025年度测试县知识产权工作进展情况的通报"),
}


@pytest.mark.parametrize("where", sorted(TITLE_PLANS))
def test_the_title_names_the_work_once_for_every_plan(runner: CliRunner, where: str, tmp_path: Path) -> None:
    """The year and the region are said once; the plan's kind of paper (要点, 分解表) is not repeated."""
    from tests.conftest import ROOT

    plan_path = ROOT / where if where.endswith(".yaml") else ROOT / where / "targets.yaml"
    year, title = TITLE_PLANS[where]
    every = sorted(ROOT.glob("examples/plans/*/targets.yaml"))
    assert all(p.parent.relative_to(ROOT).as_posix() in TITLE_PLANS for p in every), "a new example plan"
    args = ["--plan", str(plan_path), "bulletin", str(year), "--returns", str(tmp_path), "--as-of", f"{year}-12-31"]
    r = runner.invoke(app, [*args, "--format", "text"])
    assert r.exit_code == 0, r.output
    # the span is the report's (年度, 1—11月 …): the title says the year once, in it
    span = re.match(rf"关于({year}年(度|1—\d+月))", r.stdout.splitlines()[0].strip())
    assert span, r.stdout[:200]
    assert r.stdout.splitlines()[0].strip() == title.replace(f"{year}年度", span[1])
    opening = next(line for line in r.stdout.splitlines() if "为及时掌握" in line)
    assert "为及时掌握" + title.removeprefix(f"关于{year}年度").removesuffix("进展情况的通报") + "推进情况" in opening
