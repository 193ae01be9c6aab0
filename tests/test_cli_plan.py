"""`ipcounty plan` and the global options, through the real Typer app."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.plan import Plan
from ipcounty.plan.model import PlanFile
from tests.conftest import OTHER_PLAN_PATH, PLAN_PATH


def test_plan_shows_goals_and_breakdowns(runner: CliRunner) -> None:
    r = runner.invoke(app, ["--plan", str(PLAN_PATH), "plan"])
    assert r.exit_code == 0, r.output
    out = r.output
    assert "发明专利拥有量" in out and "达到600件" in out and "4个以上" in out
    assert "B3 知识产权专利开放许可（项）" in out
    assert "垎塔埠街道" in out and "各塔埠街道" not in out
    assert "区市场监督管理局" in out
    assert "计划一致性提示 6 条" in out


def test_plan_check_lists_the_contradictions_and_exits_0(runner: CliRunner) -> None:
    r = runner.invoke(app, ["--plan", str(PLAN_PATH), "plan", "--check"], terminal_width=200)
    assert r.exit_code == 0
    assert "计划一致性提示（6 条）" in r.output
    assert "分解合计 165项，与其服务的区级目标 G09（专利开放许可）200项 不一致（-35）" in r.output
    assert "17家" in r.output and "15家" in r.output


def test_plan_json_round_trips(runner: CliRunner, plan: Plan) -> None:
    r = runner.invoke(app, ["--plan", str(PLAN_PATH), "plan", "--format", "json"])
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data["schema"] == "ipcounty.plan" and data["version"] == 1
    assert PlanFile.model_validate(data["plan"]) == plan.file
    assert data["fingerprint"] == plan.fingerprint
    b3 = next(i for i in data["indicators"] if i["code"] == "B3")
    assert b3["targets"]["垎塔埠街道"] == {"2024": 5, "2025": 5, "2026": 5}
    assert b3["plan_target"] == 165
    assert len(data["notes"]) == 6


def test_bad_plan_path_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(app, ["--plan", str(tmp_path / "nope.yaml"), "plan"])
    assert r.exit_code == 2
    assert "找不到计划文件" in r.output and "Traceback" not in r.output


def test_broken_plan_exits_1_with_every_line(runner: CliRunner, tmp_path: Path, plan_text: str) -> None:
    bad = tmp_path / "bad.yaml"
    text = plan_text.replace("grand_total: 165", "grand_total: 166").replace("unit: 亿元", "unit: 万亿")
    bad.write_text(text, "utf-8")
    r = runner.invoke(app, ["--plan", str(bad), "plan", "--check"], terminal_width=200)
    assert r.exit_code == 1
    assert "2 处错误" in r.output
    assert f"{bad}:" in r.output


def test_lang_en(runner: CliRunner) -> None:
    r = runner.invoke(app, ["--plan", str(PLAN_PATH), "--lang", "en", "plan", "--check"], terminal_width=200)
    assert r.exit_code == 0
    assert "6 consistency note(s)" in r.output
    assert "allocates 165 items, but the district goal it serves, G09" in r.output


def test_lang_from_environment(runner: CliRunner) -> None:
    r = runner.invoke(app, ["--plan", str(PLAN_PATH), "plan", "--check"], env={"IPCOUNTY_LANG": "en"})
    assert "consistency note" in r.output


def test_other_plan_shows_its_own_district_name(runner: CliRunner) -> None:
    r = runner.invoke(app, ["--plan", str(OTHER_PLAN_PATH), "plan"])
    assert r.exit_code == 0
    assert "全县" in r.output and "全区" not in r.output


def test_version(runner: CliRunner) -> None:
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.output.startswith("ipcounty ")


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from ipcounty.cli import app\n"
        "try:\n    app(['--help'], prog_name='ipcounty')\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pandas', 'openpyxl', 'pydantic', 'python_calamine') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out
