"""The terminal report at every width a person uses: whole figures, whole labels, no cut cell."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.i18n import status_label, tr
from tests.conftest import PLAN_PATH, ROOT

EXAMPLES = ROOT / "examples" / "returns"
BASE = ["--plan", str(PLAN_PATH), "report", "2025", "--returns", str(EXAMPLES)]


def run(runner: CliRunner, width: int, lang: str, *extra: str) -> str:
    r = runner.invoke(app, ["--lang", lang, *BASE, *extra], env={"COLUMNS": str(width)})
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.fixture(scope="module")
def statuses() -> Counter[str]:
    r = CliRunner().invoke(app, [*BASE, "--format", "csv"])
    return Counter(row["status"] for row in csv.DictReader(io.StringIO(r.stdout)))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [40, 50, 60, 70, 80, 100, 120])
def test_nothing_is_cut_at_any_width(runner: CliRunner, width: int, lang: str, statuses: Counter[str]) -> None:
    out = run(runner, width, lang)
    assert "…" not in out
    for line in out.splitlines():
        if "─" in line:  # a table's rule: the table fits the terminal
            assert cell_len(line) <= width
    # Every row's status is printed (a sentence such as "→ 对应区级目标 … 滞后序时进度" may wrap).
    joined = re.sub(r"\s*\n\s*", " ", out) if lang == "en" else out.replace("\n", "")
    for code, n in statuses.items():
        assert joined.count(status_label(code, lang)) >= n, (code, width)


def test_a_wide_terminal_has_the_date_column_and_a_narrow_one_a_date_line(runner: CliRunner) -> None:
    wide, narrow = run(runner, 100, "zh"), run(runner, 80, "zh")
    assert "截至" in wide.splitlines()[5] and "12-31" in wide
    assert "  截至：12月31日（光明路街道 11月30日）" in narrow


def test_a_narrow_terminal_lists_each_unit(runner: CliRunner) -> None:
    out = run(runner, 50, "zh", "--indicator", "B1")
    assert "永安镇  滞后序时进度 黄灯 第6名\n  完成 14/15个，完成率 93.3%\n  序时进度 100.0%，进度差 -6.7" in out
    assert "矿区街道  未报送 红灯 第9名\n  目标 10个\n" in out


def test_the_office_reads_what_it_writes(runner: CliRunner) -> None:
    out = run(runner, 100, "zh")
    assert "报送截至2025年12月31日" in out.splitlines()[0]
    assert tr("report.lag_legend", "zh") in out
    assert "  全区未含：孟庄镇（冲突）、文化路街道（退回）、矿区街道（未报送）" in out
    assert "孟庄镇（冲突，只计入2024年）" in out  # a period goal keeps the earlier year
    assert "  全区：7/11 达标（比率、水平不相加）" in out  # D2: a level held, never summed; late 光明路 too
    assert "明细：申报 104 项，去重后 103 项（其中 1 项重复计算）" in out
    assert (
        "→ 对应区级目标 G09 专利开放许可：累计完成 93 / 200项，完成率 46.5%，序时进度 66.7%，滞后序时进度 20.2 个百分点"
        in out
    )
    assert "G08   知识产权质押贷款" in out and "3.00    2.05" in out  # money to two decimals
    assert "G04   马德里国际注册商标拥有量" in out and "缺基期值" in out
