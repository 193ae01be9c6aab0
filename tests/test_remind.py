"""催报 and 退回: one message per unit that must act, with the period, the deadline and its contact."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from ipcounty.cli import app
from tests.conftest import PLAN_PATH
from tests.test_bulletin import AS_OF_2025, AS_OF_2026, EXAMPLES, _golden

BASE = ["--plan", str(PLAN_PATH)]


def remind(runner: CliRunner, *args: str) -> str:
    r = runner.invoke(app, [*BASE, "remind", *args], env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.output
    return r.stdout


def test_one_message_per_unit_that_must_act(runner: CliRunner) -> None:
    out = remind(runner, "2025", "--returns", str(EXAMPLES), "--as-of", AS_OF_2025)
    heads = [line for line in out.splitlines() if line.startswith("【")]
    assert [h.split(" · ")[0] for h in heads] == [
        "【核实】孟庄镇",
        "【催报】光明路街道",
        "【退回】文化路街道",
        "【催报】矿区街道",
    ]
    assert all("填报人 张三 · 联系电话 0632-0000000" in h for h in heads)
    # overdue: the period, its deadline, the days
    assert "光明路街道：你单位最近一次报送的2025年填报表截至2025年11月30日，" in out
    assert "2025年12月进展应于2026年1月5日前报送，已逾期5天。请尽快报送截至2025年12月31日的最新进展。" in out
    # rejected: every cell to fix, with the indicator on its row, in validate's words
    assert "1. “填报表”工作表 E13 单元格（知识产权专利开放许可）：本年完成未填写：请填写数字，没有完成请填 0" in out
    assert "2. “填报表”工作表 E15 单元格（知识产权培训次数）：“一次”不是数字：请只填写数字（单位：次）" in out
    # conflict: both files and what differs
    assert "《2025_孟庄镇_填报表.xlsx》、《2025_孟庄镇_填报表（更正）.xlsx》截至日期同为2025年12月31日" in out
    assert "新增有效发明专利数量分别为18和21" in out


def test_messages_for_the_examples_are_pinned(runner: CliRunner) -> None:
    _golden("remind_2025.txt", remind(runner, "2025", "--returns", str(EXAMPLES), "--as-of", AS_OF_2025))
    _golden("remind_2026.txt", remind(runner, "2026", "--returns", str(EXAMPLES), "--as-of", AS_OF_2026))


def test_a_unit_never_heard_from_gets_the_message_without_a_contact(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    shutil.copy(EXAMPLES / "2026" / "2026_税郭镇_填报表.xlsx", folder)
    out = remind(runner, "2026", "--returns", str(folder), "--as-of", "2026-09-30")
    blocks = out.split("\n" + "—" * 20 + "\n")
    assert len(blocks) == 11  # ten units and the district form; 税郭镇 is on time
    never = next(b for b in blocks if b.startswith("【催报】矿区街道"))
    assert "尚未收到过该单位的填报表，无填报人和联系电话，请通过其他方式联系" in never
    assert "2026年8月进展应于2026年9月5日前报送，已逾期25天，请尽快报送。" in never
    assert "【催报】税郭镇" not in out
    # before the year's first deadline nothing is overdue: the message names the next one
    early = remind(runner, "2026", "--returns", str(folder), "--as-of", "2026-02-05")
    assert "矿区街道：你单位2026年知识产权工作进展填报表尚未报送。" in early
    assert "请于2026年2月5日前报送截至2026年1月31日的进展。" in early


def test_csv_and_json_carry_the_same_reminders(runner: CliRunner) -> None:
    args = ["2025", "--returns", str(EXAMPLES), "--as-of", AS_OF_2025]
    rows = list(csv.DictReader(io.StringIO(remind(runner, *args, "--format", "csv"))))
    data = json.loads(remind(runner, *args, "--format", "json"))
    assert data["schema"] == "ipcounty.reminders" and data["version"] == 1
    assert [r["reporting_unit"] for r in rows] == [r["reporting_unit"] for r in data["reminders"]]
    assert [r["action"] for r in rows] == ["conflict", "overdue", "rejected", "not_submitted"]
    overdue = next(r for r in rows if r["action"] == "overdue")
    assert (overdue["period_end"], overdue["deadline"], overdue["days_overdue"]) == ("2025-12-31", "2026-01-05", "5")
    assert (overdue["reporter"], overdue["phone"]) == ("张三", "0632-0000000")
    rejected = next(r for r in data["reminders"] if r["action"] == "rejected")
    assert [(p["cell"], p["indicator_code"]) for p in rejected["problems"]] == [("E13", "B3"), ("E15", "B5")]


def test_english(runner: CliRunner) -> None:
    r = runner.invoke(app, [*BASE, "--lang", "en", "remind", "2025", "--returns", str(EXAMPLES), "--as-of", AS_OF_2025])
    assert r.exit_code == 0
    assert "[Sent back] 文化路街道" in r.stdout and "days overdue" in r.stdout
    assert "尚未" not in r.stdout and "你单位" not in r.stdout


def test_remind_and_the_text_bulletin_import_no_docx_or_openpyxl(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.test_speed_guards import _IMPORTS

    env = {**os.environ, "IPCOUNTY_CACHE_DIR": str(tmp_path / "cache")}
    for args in (["remind", "2025", "--returns", str(EXAMPLES)], ["bulletin", "2025", "--returns", str(EXAMPLES)]):
        run = subprocess.run([sys.executable, "-c", _IMPORTS, *args], capture_output=True, text=True, env=env)
        heavy = run.stdout.rsplit("HEAVY ", 1)[1].strip()
        assert "docx" not in heavy and "openpyxl" not in heavy and "pandas" not in heavy, (args, heavy)


def test_the_contact_line_names_the_file_not_its_folder_path(runner: CliRunner) -> None:
    """The office reads 据《2025_文化路街道_填报表.xlsx》, as the message body names files, not a path."""
    out = remind(runner, "2025", "--returns", str(EXAMPLES), "--as-of", AS_OF_2025)
    heads = [line for line in out.splitlines() if line.startswith("【")]
    assert any("（据《2025_文化路街道_填报表.xlsx》）" in h for h in heads)
    assert not any("/" in h.split("（据", 1)[1] for h in heads if "（据" in h)


def test_a_return_sent_back_without_its_date_says_so_not_a_dash(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    blank = folder / "2026_税郭镇_填报表.xlsx"
    r = runner.invoke(app, [*BASE, "template", "2026", "--unit", "税郭镇", "-o", str(blank)])
    assert r.exit_code == 0, r.output
    out = remind(runner, "2026", "--returns", str(folder), "--as-of", "2026-09-30")
    assert "税郭镇：你单位报送的《2026_税郭镇_填报表.xlsx》（未填截至日期）有" in out
    assert "（截至—）" not in out
    args = ["remind", "2026", "--returns", str(folder), "--as-of", "2026-09-30"]
    en = runner.invoke(app, [*BASE, "--lang", "en", *args])
    assert "(its as-of date is empty)" in en.stdout
    assert "(as of —)" not in en.stdout
