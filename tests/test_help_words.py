"""``ipcounty -h`` as a clerk reads it: every word in the chosen language (never Typer's English in
Chinese, never Chinese in English) and no line past the terminal, a Chinese character counting two."""

from __future__ import annotations

import re
import unicodedata

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app

COMMANDS = ["plan", "template", "validate", "report", "score", "export", "trend", "bulletin", "remind"]
PAGES = [[], *[[c] for c in COMMANDS]]
LIBRARY_ENGLISH = (
    "Usage:",
    "Options",
    "Arguments",
    "Commands",
    "Show this message",
    "[required]",
    "[default:",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "<str>",
    "<file>",
    "<directory>",
)
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def page(runner: CliRunner, args: list[str], cols: int, lang: str | None = None) -> str:
    pre = ["--lang", lang] if lang else []
    r = runner.invoke(app, [*pre, *args, "-h"], env={"COLUMNS": str(cols)})
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.mark.parametrize("args", PAGES, ids=lambda a: a[0] if a else "ipcounty")
@pytest.mark.parametrize("cols", [80, 100])
def test_chinese_help_has_no_library_english_and_fits_the_terminal(
    runner: CliRunner, args: list[str], cols: int
) -> None:
    text = page(runner, args, cols)
    for words in LIBRARY_ENGLISH:
        assert words not in text, (words, text)
    assert "用法：ipcounty" in text and "选项：" in text and "显示本帮助并退出" in text
    # the English half of a ``中文 / English`` docstring is not shown to a Chinese reader
    assert not re.search(r"/ [A-Z][a-z]+ ", text), text
    for line in text.splitlines():
        assert columns(line) <= cols, line


@pytest.mark.parametrize("args", PAGES, ids=lambda a: a[0] if a else "ipcounty")
def test_english_help_is_english_throughout(runner: CliRunner, args: list[str]) -> None:
    text = page(runner, args, 80, "en")
    assert "Usage: ipcounty" in text and "Options:" in text
    assert not CJK.search(text), text
    for line in text.splitlines():
        assert columns(line) <= 80, line


def test_help_says_required_and_default_in_chinese(runner: CliRunner) -> None:
    text = page(runner, ["report"], 100)
    assert "用法：ipcounty report [选项] {年度}" in text
    assert "年度，如 2025（必填）" in text and "输出格式（默认 table；有 -o 时按扩展名" in text
    assert "--as-of <日期>" in text and "-o, --output <文件>" in text
    assert "（默认：text）" in page(runner, ["validate"], 100)  # Typer's [default: text], said in Chinese


def test_english_help_follows_the_environment_too(runner: CliRunner) -> None:
    r = runner.invoke(app, ["-h"], env={"COLUMNS": "80", "IPCOUNTY_LANG": "en"})
    assert "Show this message and exit." in r.stdout and "Write the meeting workbook." in r.stdout


def test_a_long_chinese_line_wraps_between_characters_never_before_a_closing_mark() -> None:
    from ipcounty.cli.help_format import wrap

    lines = wrap("填报表目录（默认：$IPCOUNTY_RETURNS、./returns、内置示例）", 30)
    assert all(columns(line) <= 30 for line in lines), lines
    assert "".join(lines) == "填报表目录（默认：$IPCOUNTY_RETURNS、./returns、内置示例）"
    assert not any(line[0] in "，。、）：" for line in lines), lines
