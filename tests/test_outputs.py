"""Every ``-o FILE`` is saved one way: never over a return, never into a missing folder, never
over a file the user made read-only; each refusal said in the same sentence by every command."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from tests.conftest import PLAN_PATH, ROOT

EXAMPLES = ROOT / "examples" / "returns"
COMMANDS = {  # the command line before -o, and the file name it writes
    "report": (["report", "2025", "--format", "csv"], "2025.csv"),
    "score": (["score", "2025", "--format", "csv"], "评分.csv"),
    "trend": (["trend", "2025", "--format", "csv"], "趋势.csv"),
    "bulletin": (["bulletin", "2025", "--format", "text"], "通报.txt"),
    "export": (["export", "2025"], "汇总.xlsx"),
}


def _run(runner: CliRunner, args: list[str], returns: Path, target: Path) -> str:
    r = runner.invoke(app, ["--plan", str(PLAN_PATH), *args, "--returns", str(returns), "-o", str(target)])
    assert "Traceback" not in r.output
    return r.output


def test_every_output_refuses_the_same_things_in_the_same_words(runner: CliRunner, tmp_path: Path) -> None:
    returns = tmp_path / "returns"
    shutil.copytree(EXAMPLES / "2025", returns / "2025")
    a_return = next(returns.glob("2025/*.xlsx"))
    for name, (args, filename) in COMMANDS.items():
        said = _run(runner, args, returns, a_return)
        assert f"拒绝覆盖填报表 {a_return}：请换一个输出文件名" in said, name
        said = _run(runner, args, returns, tmp_path / "nowhere" / filename)
        assert f"输出目录不存在：{tmp_path / 'nowhere'}" in said, name
        locked = tmp_path / filename
        locked.write_bytes(b"kept")
        os.chmod(locked, 0o444)
        said = _run(runner, args, returns, locked)
        assert f"输出文件 {locked} 是只读的" in said, name
        assert locked.read_bytes() == b"kept"
        os.chmod(locked, 0o644)
        locked.unlink()
        said = _run(runner, args, returns, locked)
        assert f"已写入 {locked}" in said and locked.stat().st_size > 100, name


def test_no_name_of_a_return_is_written_over(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However the output names a return (a link to it, a path relative to the current folder,
    a hard link), or a link in the returns folder names the output, it is refused and the
    file is left as it was. Refusing a hard link is new: the output and the return were the
    same file under two names."""
    returns = tmp_path / "returns"
    shutil.copytree(EXAMPLES / "2025", returns / "2025")
    a_return = next(returns.glob("2025/*.xlsx"))
    before = a_return.read_bytes()
    outside = tmp_path / "elsewhere.xlsx"
    outside.write_bytes(before)
    os.symlink(outside, returns / "linked.xlsx")  # a return that is a link to a file outside
    (tmp_path / "link.xlsx").symlink_to(a_return)
    os.link(a_return, tmp_path / "hard.xlsx")
    monkeypatch.chdir(returns)
    names = {
        "a link to a return": tmp_path / "link.xlsx",
        "a relative path": Path("2025") / a_return.name,
        "a path through ..": returns / "2025" / ".." / "2025" / a_return.name,
        "a hard link": tmp_path / "hard.xlsx",
        "the file a return links to": outside,
    }
    for what, target in names.items():
        said = _run(runner, ["report", "2025", "--format", "csv"], returns, target)
        assert f"拒绝覆盖填报表 {target}：请换一个输出文件名" in said, what
    assert a_return.read_bytes() == before and outside.read_bytes() == before
    said = _run(runner, ["report", "2025", "--format", "csv"], returns, tmp_path / "new.csv")
    assert "已写入" in said and (tmp_path / "new.csv").stat().st_size > 100
