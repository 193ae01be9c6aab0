"""What a new user met reading the outputs from the README alone (review as a district clerk):
answers in English, Chinese dates without a space, no empty 排名 column for the district's goals,
the district form never the subject of a sentence, one word (进度差) for the lag, and a closed
year's 整改 that does not ask to speed up a year that is over."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from ipcounty.cli import app
from tests.conftest import PLAN_PATH, ROOT

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
    assert "｜in progress｜" in text


def test_english_plan_says_the_wording_of_a_target_in_english(runner: CliRunner) -> None:
    en = out(runner, "--lang", "en", "plan")
    goals = en.split("District goals")[1].split("\nB1 ")[0]
    assert "at least 4个" in goals and "600件" in goals
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
