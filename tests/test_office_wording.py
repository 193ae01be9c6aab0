"""The 通报 and the 催报 read as a 区县 office writes them: no spreadsheet notation (填报表!E13),
no code arithmetic (B1: 18 ≠ 21), no folder paths."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from ipcounty.cli import app
from tests.conftest import PLAN_PATH
from tests.test_bulletin import AS_OF_2025, EXAMPLES

BASE = ["--plan", str(PLAN_PATH)]


def run(runner: CliRunner, *args: str) -> str:
    r = runner.invoke(app, [*BASE, *args, "2025", "--returns", str(EXAMPLES), "--as-of", AS_OF_2025])
    assert r.exit_code == 0, r.output
    return r.stdout


def test_bulletin_names_sent_back_cells_and_conflicting_figures_in_words(runner: CliRunner) -> None:
    text = run(runner, "bulletin")
    assert "文化路街道报送的填报表有2处错误，已退回（“填报表”工作表E13、E15单元格）" in text
    assert "无法采用（新增有效发明专利数量分别为18和21）" in text
    assert "≠" not in text and "填报表!" not in text
    assert not re.search(r"\d{4}/\d{4}_", text)  # no folder path


def test_remind_names_conflicting_figures_in_words(runner: CliRunner) -> None:
    text = run(runner, "remind")
    assert "但数字不一致（新增有效发明专利数量分别为18和21），无法采用。" in text
    assert "≠" not in text
    assert not re.search(r"\d{4}/\d{4}_", text)


def test_english_bulletin_says_it_in_english(runner: CliRunner) -> None:
    r = runner.invoke(
        app, [*BASE, "--lang", "en", "bulletin", "2025", "--returns", str(EXAMPLES), "--as-of", AS_OF_2025]
    )
    assert r.exit_code == 0, r.output
    text = r.stdout
    assert "sent back (sheet 填报表, cells E13, E15)" in text
    assert "neither used (New invention patents in force: 18 and 21)" in text


def test_the_meeting_workbook_dates_its_sentences_as_a_document_does(runner: CliRunner, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "x.xlsx"
    r = runner.invoke(app, [*BASE, "export", "2025", "--returns", str(EXAMPLES), "--as-of", AS_OF_2025, "-o", str(out)])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb["总览"]["A1"].value.endswith("（截至2025年12月31日）")
    said = " ".join(str(c) for row in wb["总览"].iter_rows(values_only=True) for c in row if c)
    assert "光明路街道（最近一次截至2025年11月30日，2025年12月进展应于2026年1月5日前报送，逾期5天）" in said
    assert not re.search(r"应于 ?\d{4}-\d\d-\d\d", said)


def test_double_claims_name_the_unit_and_the_year_as_a_year(runner: CliRunner) -> None:
    text = run(runner, "bulletin")
    assert "企业91370402DF2D70000W（税郭镇2024年、税郭镇2025年）" in text
    assert "专利202417616340.5（永安镇2025年、齐村镇2025年）" in text
