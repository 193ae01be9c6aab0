"""The edges of the command line (issue 17, items 12, 14, 15): what the terminal, the shell and
the system do around ipcounty — GBK and C-locale output, a closed pipe, usage and system errors
in the user's language, validate over a folder, hints that work when pasted."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from tests.conftest import PLAN_PATH, ROOT

EXAMPLES = ROOT / "examples" / "returns"
ONE = EXAMPLES / "2025" / "2025_永安镇_填报表.xlsx"
REJECTED = EXAMPLES / "2025" / "2025_文化路街道_填报表.xlsx"


def run(*args: str, env: dict[str, str] | None = None, **kw: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "ipcounty", *args],
        capture_output=True,
        timeout=120,
        env={**os.environ, "IPCOUNTY_LANG": "zh", **(env or {})},
        **kw,  # type: ignore[arg-type]
    )


# ---- (12) encodings and pipes ------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [["validate", str(ONE), str(REJECTED)], ["report", "2025", "--returns", str(EXAMPLES)]]
)
def test_gbk_stdout_prints_chinese_and_does_not_crash_on_ticks(command: list[str]) -> None:
    """PYTHONIOENCODING=gbk (output redirected on Chinese Windows) crashed on ✓ and ✗."""
    proc = run(*command, env={"PYTHONIOENCODING": "gbk"})
    assert proc.returncode in (0, 1)
    assert b"Traceback" not in proc.stderr and "内部错误".encode("gbk") not in proc.stderr
    text = proc.stdout.decode("gbk")
    assert "永安镇" in text


@pytest.mark.parametrize("command", [["validate", str(ONE)], ["report", "2025", "--returns", str(EXAMPLES)]])
def test_c_locale_without_utf8_mode_does_not_crash(command: list[str]) -> None:
    proc = run(*command, env={"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""})
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr
    assert "永安镇" in proc.stdout.decode("utf-8")  # an ASCII stream gets UTF-8, not ??? for Chinese


def test_a_closed_pipe_ends_quietly() -> None:
    """`ipcounty report 2025 --format csv | head -1` printed "内部错误：BrokenPipeError"."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "ipcounty", "report", "2025", "--returns", str(EXAMPLES), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "IPCOUNTY_LANG": "zh"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()  # the reader leaves, as head does
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 1
    assert b"Traceback" not in err and "内部错误".encode() not in err and b"BrokenPipe" not in err


# ---- (14) usage and system errors in the user's language ------------------------------------


@pytest.mark.parametrize(
    ("args", "zh"),
    [
        (["validate", "/nowhere/x.xlsx"], "文件或文件夹：找不到 /nowhere/x.xlsx，请检查路径"),
        (["--plan", "/", "plan"], "--plan：/ 是文件夹，这里需要文件"),
        (["report", "二〇二五"], "年度：“二〇二五”不是整数"),
        (["report", "2025", "--format", "xml"], "--format：“xml”无效，可选：table, csv, json, markdown"),
        (["repotr", "2025"], "没有命令 repotr（是否为 report"),
        (["report", "2025", "--frmat", "csv"], "没有选项 --frmat（是否为 --format？）"),
        (["validate"], "缺少 文件或文件夹"),
        (["report", "2025", "2026"], "多余的参数：2026"),
    ],
)
def test_usage_errors_are_in_chinese(runner: CliRunner, args: list[str], zh: str) -> None:
    r = runner.invoke(app, args)
    assert r.exit_code == 2
    assert zh in r.output, r.output
    for english in ("Invalid value", "does not exist", "No such", "Missing", "Usage:", "Error:"):
        assert english not in r.output, r.output
    # the help of the command typed (ipcounty report -h), the program's for a command it does not know
    command = args[0] if args[0] in ("validate", "report") else None  # ``--plan /``: a global option
    assert f"用法见 ipcounty {command + ' ' if command else ''}-h" in r.output


def test_usage_errors_in_english_when_asked(runner: CliRunner) -> None:
    r = runner.invoke(app, ["--lang", "en", "validate", "/nowhere/x.xlsx"])
    assert r.exit_code == 2
    assert "PATHS: /nowhere/x.xlsx does not exist; check the path" in r.output


def test_a_returns_folder_that_cannot_be_read_is_said_in_chinese(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`Permission denied` reached a Chinese user in English (and as an internal error)."""
    folder = tmp_path / "returns"
    folder.mkdir()
    real = os.scandir

    def refuse(path: object) -> object:
        if Path(str(path)) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refuse)
    r = runner.invoke(app, ["report", "2025", "--returns", str(folder)])
    assert r.exit_code == 1
    assert f"无法访问 {folder}：权限不足" in r.output
    assert "Permission denied" not in r.output and "内部错误" not in r.output


# ---- (15) validate over folders; hints that work when pasted --------------------------------


def test_validate_takes_a_folder_and_lists_every_entry(runner: CliRunner) -> None:
    r = runner.invoke(app, ["validate", str(EXAMPLES / "2025")])
    names = sorted(p.name for p in (EXAMPLES / "2025").iterdir())
    assert r.exit_code == 1  # the bundled 2025 examples include a rejected return
    for name in names:
        assert r.output.count(name) >= 1, name
    assert "（不是表格文件）" in r.output  # the .txt notice: skipped, with the reason
    assert f"{len(names)} 个文件：" in r.output and "1 跳过" in r.output


def test_the_validate_hint_of_a_report_works_pasted_where_the_report_ran(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The "需要处理" hint used a path inside the returns folder and dropped --plan."""
    import shutil

    shutil.copytree(EXAMPLES, tmp_path / "收到的" / "returns")
    shutil.copyfile(PLAN_PATH, tmp_path / "我的计划.yaml")
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["--plan", "我的计划.yaml", "report", "2025", "--returns", "收到的/returns"])
    assert r.exit_code == 0, r.output
    hints = [line.strip() for line in r.output.splitlines() if line.strip().startswith("ipcounty ")]
    assert hints == ['ipcounty --plan "我的计划.yaml" validate "收到的/returns/2025/2025_文化路街道_填报表.xlsx"']
    again = runner.invoke(app, shlex.split(hints[0])[1:])
    assert again.exit_code == 1
    assert "2025_文化路街道_填报表.xlsx" in again.output and "退回" in again.output


def test_validate_folder_json_names_files_as_typed(runner: CliRunner, make_return: Callable[..., Path]) -> None:
    import json

    path = make_return(name="inbox/2025_税郭镇_填报表.xlsx")
    r = runner.invoke(app, ["validate", "--format", "json", str(path.parent)])
    assert [f["file"] for f in json.loads(r.stdout)["files"]] == [str(path)]
