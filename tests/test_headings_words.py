"""Indicator headings and plan lines a new user reads: the unit in brackets of the language, a
yes/no indicator says so, and English output does not carry Chinese punctuation into English words."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from tests.conftest import PLAN_PATH, ROOT

EXAMPLES = str(ROOT / "examples" / "returns")
BASE = ["--plan", str(PLAN_PATH)]


def out(runner: CliRunner, *args: str) -> str:
    r = runner.invoke(app, [*BASE, *args], env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_report_headings_name_the_unit_in_the_right_brackets(runner: CliRunner, fmt: str) -> None:
    args = ["report", "2025", "--returns", EXAMPLES, "--as-of", "2026-01-10", "--format", fmt]
    zh, en = out(runner, *args), out(runner, "--lang", "en", *args)
    assert "（）" not in zh  # D1 has no unit: it is a yes/no
    assert "成立知识产权办公室（是/否）" in zh and "新增有效发明专利数量（个）" in zh
    assert "IP office set up (yes/no)" in en and "New invention patents in force (items)" in en
    heads = [line for line in en.splitlines() if re.match(r"(## )?[BD]\d ", line)]
    assert len(heads) == 7
    for line in heads:
        assert not re.search("[（）]", line), line


def test_plan_in_english_has_english_brackets_and_commas(runner: CliRunner) -> None:
    en = out(runner, "--lang", "en", "plan")
    assert "B1 New invention patents in force (items) · 附件一" in en
    assert "，all units" not in en and "区市场监督管理局, all units" in en
    zh = out(runner, "plan")
    assert "B1 新增有效发明专利数量（个） · 附件一" in zh and "区市场监督管理局，各镇街" in zh


def test_help_lists_every_command_whole_not_cut_with_dots(runner: CliRunner) -> None:
    r = runner.invoke(app, ["--lang", "en", "-h"], env={"COLUMNS": "80"})
    assert r.exit_code == 0
    commands = r.stdout.split("Commands:")[1]
    assert "..." not in commands
    flat = " ".join(commands.split())
    for words in ("Score and rank the units, every point explained.", "every valid return as an observation."):
        assert words in flat, words


def test_plan_check_in_english_names_indicators_in_english(runner: CliRunner) -> None:
    en = out(runner, "--lang", "en", "plan", "--check")
    assert "B2 (National IP advantage and demonstration enterprises) allocates 17 bodies" in en
    assert "B1 (New invention patents in force, items) serves G01 (Invention patents held, items)" in en
    assert "国家知识产权优势" not in en
    zh = out(runner, "plan", "--check")
    assert "B2（国家知识产权优势、示范企业）分解合计 17家" in zh
