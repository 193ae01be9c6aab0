"""What a new user met reading the outputs from the README alone (review as a district clerk):
answers in English, Chinese dates without a space, no empty 排名 column for the district's goals,
the district form never the subject of a sentence, one word (进度差) for the lag, and a closed
year's 整改 that does not ask to speed up a year that is over."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from tests.conftest import PLAN_PATH, ROOT
from tests.office import pdf_text, to_pdf

EXAMPLES = str(ROOT / "examples" / "returns")
BASE = ["--plan", str(PLAN_PATH)]
CHINESE_ANSWERS = re.compile(r"(?<![\u4e00-\u9fff])(是|否|推进中|未启动)(?![\u4e00-\u9fff])")


def out(runner: CliRunner, *args: str, cols: int = 100) -> str:
    r = runner.invoke(app, [*BASE, *args], env={"COLUMNS": str(cols)})
    assert r.exit_code == 0, r.output
    return r.stdout


def test_english_report_says_yes_no_and_in_progress_in_english(runner: CliRunner) -> None:
    for fmt in ("table", "markdown", "html"):
        text = out(runner, "--lang", "en", "report", "2025", "--returns", EXAMPLES, "--format", fmt)
        assert not CHINESE_ANSWERS.search(text), (fmt, CHINESE_ANSWERS.search(text))
        assert "yes" in text and "in progress" in text
    table = out(runner, "--lang", "en", "report", "2025", "--returns", EXAMPLES)
    row = next(line for line in table.splitlines() if line.startswith("垎塔埠街道") and " no " in line)
    assert re.search(r"yes\s+no\s+0\.0%", row), row
    zh = out(runner, "report", "2025", "--returns", EXAMPLES)
    assert re.search(r"垎塔埠街道\s+是\s+否\s+0\.0%", zh)


def test_english_bulletin_annex_answers_in_english(runner: CliRunner) -> None:
    text = out(runner, "--lang", "en", "bulletin", "2025", "--returns", EXAMPLES, "--format", "text")
    assert not CHINESE_ANSWERS.search(text)
    assert " | in progress | " in text  # an English table row sets its cells between " | "


def test_english_plan_says_the_wording_of_a_target_in_english(runner: CliRunner) -> None:
    en = out(runner, "--lang", "en", "plan")
    goals = en.split("District goals")[1].split("\nB1 ")[0]
    assert "at least 4 items" in goals and "600 items" in goals
    assert not re.search("达到|以上|不少于", goals), goals
    zh = out(runner, "plan")
    assert "达到600件" in zh and "4个以上" in zh


def test_report_heading_writes_chinese_dates_without_a_space(runner: CliRunner) -> None:
    first = out(runner, "report", "2025", "--returns", EXAMPLES, "--as-of", "2025-09-30").splitlines()[0]
    assert "序时参考日2025年9月30日 · 按2025年9月30日已知情况" in first
    full = out(runner, "report", "2025", "--returns", EXAMPLES).splitlines()[0]
    assert "报送截至2025年12月31日" in full and "参考日 " not in full
    score = out(runner, "score", "2025", "--returns", EXAMPLES)
    assert "截至2025年12月31日" in score and "截至 2025" not in score


def test_district_goals_table_has_no_empty_rank_column(runner: CliRunner) -> None:
    for cols in (80, 100):
        text = out(runner, "report", "2025", "--returns", EXAMPLES, cols=cols)
        goals = text.split("区级目标（全区填报表）")[1].split("需要处理")[0]
        head = goals.strip().splitlines()[0]
        assert head.split()[-1] == "亮灯" and "排名" not in goals, head
    md = out(runner, "report", "2025", "--returns", EXAMPLES, "--format", "markdown")
    goals_md = md.split("## 区级目标")[1]
    assert goals_md.strip().startswith("| 指标 | 目标 |") and "排名" not in goals_md
    assert "**G01" not in goals_md  # every row is the district's: none stands out in bold
    html = out(runner, "report", "2025", "--returns", EXAMPLES, "--format", "html")
    goals_html = html[html.index('<table class="goals">') :]
    goals_html = goals_html[: goals_html.index("</table>")]
    assert "<th>排名</th>" not in goals_html and "<th>亮灯</th>" in goals_html


def test_the_district_form_is_never_the_subject_of_a_sentence(runner: CliRunner) -> None:
    remind = out(runner, "remind", "2026", "--returns", EXAMPLES, "--as-of", "2026-11-20")
    assert "【催报】全区填报表 · " in remind  # the office's label line names the form
    assert "全区填报表报送单位：你单位最近一次报送的2026年填报表" in remind
    assert "全区填报表：你单位" not in remind
    bulletin = out(runner, "bulletin", "2026", "--returns", EXAMPLES, "--as-of", "2026-11-20", "--format", "text")
    assert "全区填报表报送单位要于" in bulletin or "、全区填报表报送单位" in bulletin
    assert "全区填报表要于" not in bulletin and "全区填报表最近一次" not in bulletin
    assert "全区填报表｜" in bulletin  # the annex table keeps the form's name as a row label


def test_the_bulletin_annex_calls_the_lag_what_every_other_output_calls_it(runner: CliRunner) -> None:
    text = out(runner, "bulletin", "2025", "--returns", EXAMPLES, "--format", "text")
    assert "｜进度差｜" in text and "较序时进度" not in text
    assert "进度差为完成数与序时应完成数之差" in text


def test_a_closed_year_is_not_asked_to_speed_up_without_a_deadline(runner: CliRunner) -> None:
    closed = out(runner, "bulletin", "2025", "--returns", EXAMPLES, "--as-of", "2026-03-01", "--format", "text")
    para = next(line for line in closed.splitlines() if "整改。" in line and "要认真分析" in line)
    assert "认真整改。" in para and "在后续工作中补齐差距" in para
    assert "限时整改" not in para and "加快工作进度" not in para
    running = out(runner, "bulletin", "2025", "--returns", EXAMPLES, "--as-of", "2025-12-10", "--format", "text")
    assert "限时整改。" in running and "于2026年1月5日前报送整改情况" in running


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs soffice")
def test_no_printed_page_of_the_bulletin_ends_with_a_heading_or_a_table_caption(tmp_path: Path) -> None:
    docx = tmp_path / "通报.docx"
    r = CliRunner().invoke(
        app, [*BASE, "bulletin", "2025", "--returns", EXAMPLES, "--as-of", "2026-01-10", "-o", str(docx)]
    )
    assert r.exit_code == 0, r.output
    text = pdf_text(to_pdf(docx, tmp_path))
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) > 5
    for i, page in enumerate(pages[:-1], 1):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip() and not re.fullmatch(r"—\s*\d+\s*—", ln.strip())]
        last = lines[-1]
        heading = re.fullmatch(r"[一二三四五六七八九十]+、\S+", last)
        caption = re.fullmatch(r"[BDG]\d+ \S+", last)
        assert not heading and not caption, (i, last)
    # 附件2's header says 序时进度 on one line (its column was too narrow for four characters)
    goals = next(p for p in pages if "区级目标进展情况表" in p and "G01" in p)
    assert any("完成率" in ln and "序时进度" in ln for ln in goals.splitlines()), goals[:800]


def test_no_row_of_a_bulletin_table_splits_over_two_pages(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    docx = tmp_path / "通报.docx"
    r = CliRunner().invoke(app, [*BASE, "bulletin", "2025", "--returns", EXAMPLES, "-o", str(docx)])
    assert r.exit_code == 0, r.output
    d = Document(str(docx))
    rows = [row for t in d.tables for row in t.rows[1:]]
    assert len(rows) > 100
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)


def test_output_file_extension_says_the_format(runner: CliRunner, tmp_path: Path) -> None:
    """``report 2025 -o 2025.csv`` is a CSV Excel opens (it was the terminal table under a .csv name)."""
    for command, header in (
        ("report", "year,reporting_unit,indicator_code"),
        ("score", "year,reporting_unit,score,rank"),
        ("trend", "reporting_unit,indicator_code,as_of"),
    ):
        target = tmp_path / f"{command}.csv"
        r = runner.invoke(app, [*BASE, command, "2025", "--returns", EXAMPLES, "-o", str(target)])
        assert r.exit_code == 0, r.output
        data = target.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf" + header.encode()), (command, data[:80])
    html = tmp_path / "r.html"
    assert runner.invoke(app, [*BASE, "report", "2025", "--returns", EXAMPLES, "-o", str(html)]).exit_code == 0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    text = tmp_path / "r.txt"
    assert runner.invoke(app, [*BASE, "report", "2025", "--returns", EXAMPLES, "-o", str(text)]).exit_code == 0
    assert "B1 新增有效发明专利数量" in text.read_text(encoding="utf-8")
    # --format still wins over the extension
    forced = tmp_path / "forced.csv"
    args = [*BASE, "report", "2025", "--returns", EXAMPLES, "--format", "json", "-o", str(forced)]
    assert runner.invoke(app, args).exit_code == 0
    assert forced.read_text(encoding="utf-8").lstrip().startswith("{")


def test_an_output_name_no_format_writes_is_refused_with_what_to_write(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", EXAMPLES, "-o", str(tmp_path / "2025.xlsx")])
    assert r.exit_code == 2 and not (tmp_path / "2025.xlsx").exists()
    assert "这里可写 .csv、.json、.md、.html、.txt 文件" in r.stderr and "ipcounty export 年度 -o 文件.xlsx" in r.stderr
    for name in ("通报.doc", "通报.pdf"):
        r = runner.invoke(app, [*BASE, "bulletin", "2025", "--returns", EXAMPLES, "-o", str(tmp_path / name)])
        assert r.exit_code == 2 and not (tmp_path / name).exists(), r.output
        assert "通报可写成 .docx（公文格式，Word/WPS 打开）" in r.stderr and "通报.docx" in r.stderr
    pdf = str(tmp_path / "s.pdf")
    r = runner.invoke(app, [*BASE, "--lang", "en", "score", "2025", "--returns", EXAMPLES, "-o", pdf])
    assert r.exit_code == 2 and "write a .csv, .json, .md, .txt file here" in r.stderr


def test_a_global_option_after_the_command_is_shown_where_it_goes(runner: CliRunner) -> None:
    r = runner.invoke(app, ["report", "2025", "--lang", "en"])
    assert r.exit_code == 2
    assert "--lang goes before the command: ipcounty --lang en report 2025" in r.stderr
    r = runner.invoke(app, ["plan", "--plan", "my plan.yaml", "--check"])
    assert r.exit_code == 2
    assert "--plan 要写在命令之前：ipcounty --plan 'my plan.yaml' plan --check" in r.stderr
    r = runner.invoke(app, ["report", "2025", "--bogus"])
    assert r.exit_code == 2 and "没有选项 --bogus" in r.stderr


def test_units_late_in_the_same_way_are_one_sentence_of_the_bulletin(runner: CliRunner) -> None:
    text = out(runner, "bulletin", "2026", "--returns", EXAMPLES, "--as-of", "2026-11-20", "--format", "text")
    para = next(line for line in text.splitlines() if "报送不及时" in line)
    assert para.count("属逾期未报") == 1, para
    late = "税郭镇、西王庄镇、孟庄镇、永安镇、齐村镇、光明路街道、龙山路街道、全区填报表报送单位"
    assert late + "最近一次报送均截至2026年9月30日" in para
    single = out(runner, "bulletin", "2025", "--returns", EXAMPLES, "--as-of", "2026-01-10", "--format", "text")
    assert "光明路街道最近一次报送截至2025年11月30日，" in single  # one unit: no 均


def test_an_excel_lock_file_named_on_the_command_line_is_said_to_be_one(runner: CliRunner, tmp_path: Path) -> None:
    lock = tmp_path / "~$2025_税郭镇_填报表.xlsx"
    lock.write_bytes(b"\x05\xe7\x8e\x8b\xe4\xba\x94" + b" " * 50 + b"\x00\x00")  # what Excel leaves: the user's name
    r = runner.invoke(app, [*BASE, "validate", str(lock)])
    assert r.exit_code == 0, r.output
    assert "跳过（Excel/WPS 打开文件时留下的锁定文件，不是填报表；关闭 Excel/WPS 后它会消失）" in r.stdout
    assert "不是 Excel/WPS 表格文件" not in r.stdout and "1 个文件：0 通过，0 有警告，0 退回，1 跳过" in r.stdout


def test_a_district_row_that_counts_units_shows_no_district_target(runner: CliRunner) -> None:
    """D2 专职人员 ≥ 2 each: the 全区 row says 7/11 units meet it; a 全区 target of 2 read as 2 people."""
    text = out(runner, "report", "2025", "--returns", EXAMPLES)
    d2 = text.split("D2 知识产权专职人员")[1]
    row = next(line for line in d2.splitlines() if line.startswith("全区"))
    assert re.match(r"全区\s+7/11\s+100\.0%", row), row
    annex = out(runner, "bulletin", "2025", "--returns", EXAMPLES, "--format", "text")
    assert "全区｜2｜7/11" not in annex and annex.count("全区｜｜7/11｜") == 2
    narrow = out(runner, "report", "2025", "--returns", EXAMPLES, cols=60)
    assert "7/11/" not in narrow and "全区：7/11 达标" in narrow


def test_a_returns_folder_that_is_not_there_says_what_to_do(runner: CliRunner, tmp_path: Path) -> None:
    gone = str(tmp_path / "returns")
    for command in ("report", "trend", "score", "remind"):
        r = runner.invoke(app, [*BASE, command, "2026", "--returns", gone])
        assert r.exit_code == 2, (command, r.output)
        assert "请检查路径，或新建该目录并把收到的填报表放进去" in r.stderr, (command, r.stderr)
    r = runner.invoke(app, [*BASE, "template", "2026", "--prefill", "--returns", gone, "--out", str(tmp_path / "t")])
    assert r.exit_code == 2 and "或去掉 --prefill 生成空白填报表" in r.stderr


def test_the_plan_view_writes_chinese_dates_in_chinese(runner: CliRunner) -> None:
    zh = out(runner, "plan")
    assert "枣庄市市中区 · 2024年1月1日—2026年12月31日 · 枣庄市市中区人民政府（2024年2月29日）" in zh
    assert re.search(r"组织发动阶段\s+2024年1月—2024年3月", zh) and "2024-01—" not in zh
    en = out(runner, "--lang", "en", "plan")
    assert "2024-01-01 — 2026-12-31" in en and "2024-01—2024-03" in en


def test_the_language_is_understood_in_capitals_too(runner: CliRunner) -> None:
    r = runner.invoke(app, [*BASE, "--lang", "EN", "report", "2025", "--returns", EXAMPLES])
    assert r.exit_code == 0 and "progress in 2025" in r.stdout


def test_an_output_that_cannot_be_written_says_what_to_do(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import tempfile

    target = tmp_path / "2025.csv"
    real_replace, real_mkstemp = os.replace, tempfile.mkstemp

    def locked(src: object, dst: object) -> None:  # Windows, the file open in Excel
        if Path(str(dst)) == target:
            raise PermissionError(13, "Permission denied", str(dst))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", locked)
    r = runner.invoke(app, [*BASE, "report", "2025", "--returns", EXAMPLES, "-o", str(target)])
    assert r.exit_code == 2, r.output
    assert "权限不足，请换一个有权限的位置（如桌面），或请管理员开放权限；原有文件未改动" in r.stderr
    monkeypatch.setattr(os, "replace", real_replace)

    def read_only(*args: object, **kwargs: object) -> object:  # a folder the clerk may not write to
        if Path(str(kwargs.get("dir"))) == tmp_path:
            raise PermissionError(13, "Permission denied", str(tmp_path))
        return real_mkstemp(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    r = runner.invoke(app, [*BASE, "bulletin", "2025", "--returns", EXAMPLES, "-o", str(tmp_path / "通报.docx")])
    assert r.exit_code == 2, r.output
    assert "：权限不足，请换一个有权限的位置（如桌面）" in r.stderr
    assert "Traceback" not in r.output and "Permission denied" not in r.output


def test_the_report_names_dates_and_years_in_its_sentences_as_chinese_text_does(runner: CliRunner) -> None:
    text = out(runner, "report", "2025", "--returns", EXAMPLES)
    assert "冲突：孟庄镇同一截至日期（2025年12月31日）有 2 份数字不同的填报表" in text
    assert "被重复计入：永安镇2025年（2025/2025_永安镇_填报表.xlsx 明细!B18）；齐村镇2025年（" in text
    en = out(runner, "--lang", "en", "report", "2025", "--returns", EXAMPLES)
    assert "Conflict: 孟庄镇 sent 2 returns dated 2025-12-31" in en and "永安镇 2025 (" in en


def test_a_usage_error_points_to_the_help_of_the_command_typed(runner: CliRunner) -> None:
    r = runner.invoke(app, ["report"])
    assert r.exit_code == 2 and "缺少 年度" in r.stderr and "用法见 ipcounty report -h" in r.stderr
    r = runner.invoke(app, ["bogus"])
    assert r.exit_code == 2 and "用法见 ipcounty -h" in r.stderr
