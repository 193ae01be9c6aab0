"""One sentence per system error, whichever command meets it.

A full disk, a read-only share, a file open in another program, a path too long: validate
(reading a return), report -o, export -o and template (writing) say the same Chinese sentence,
and it says what to do.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.i18n import tr
from ipcounty.oserrors import reason, reason_key
from tests.conftest import PLAN_PATH, ROOT

EXAMPLES = ROOT / "examples" / "returns"
BASE = ["--plan", str(PLAN_PATH)]

CASES = [
    (errno.ENOSPC, "os-no-space"),
    (errno.EROFS, "os-read-only-disk"),
    (errno.EACCES, "os-permission"),
    (errno.EBUSY, "os-in-use"),
    (errno.ENAMETOOLONG, "os-name-too-long"),
]


def _said(runner: CliRunner, args: list[str]) -> str:
    r = runner.invoke(app, [*BASE, *args])
    assert r.exit_code != 0 or args[0] == "validate", r.output
    assert "Traceback" not in r.output and "内部错误" not in r.output
    return " ".join(r.output.split())  # the console wraps long lines


@pytest.mark.parametrize(("code", "key"), CASES)
def test_the_same_system_error_is_said_the_same_way_by_every_command(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, key: str
) -> None:
    def failure() -> OSError:
        return OSError(code, os.strerror(code))

    sentence = tr(key, "zh")
    assert reason(failure(), "zh") == sentence
    assert os.strerror(code) not in sentence

    # validate: the return cannot be opened
    a_return = next(p for p in sorted((EXAMPLES / "2025").iterdir()) if p.suffix == ".xlsx")
    real_open = os.open

    def refuse_open(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == a_return:
            raise failure()
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as m:
        m.setattr(os, "open", refuse_open)
        said = _said(runner, ["validate", str(a_return)])
    assert f"无法打开此文件：{sentence}" in said

    # report -o and export -o: the disk refuses the bytes
    from ipcounty.export import write

    def refuse_write(fd: int, data: memoryview) -> int:
        raise failure()

    with monkeypatch.context() as m:
        m.setattr(write, "_write_chunk", refuse_write)
        for args in (
            ["report", "2025", "--returns", str(EXAMPLES), "-o", str(tmp_path / "2025.csv")],
            ["export", "2025", "--returns", str(EXAMPLES), "-o", str(tmp_path / "2025.xlsx")],
        ):
            assert f"：{sentence}；原有文件未改动" in _said(runner, args)

    # report -o into a folder the system will not let it write in
    real_mkstemp = tempfile.mkstemp

    def refuse_folder(*args: object, **kwargs: object) -> object:
        if Path(str(kwargs.get("dir"))) == tmp_path:
            raise failure()
        return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]

    with monkeypatch.context() as m:
        m.setattr(tempfile, "mkstemp", refuse_folder)
        said = _said(runner, ["report", "2025", "--returns", str(EXAMPLES), "-o", str(tmp_path / "2025.md")])
    assert f"无法写入目录 {tmp_path}：{sentence}" in said

    # template: the workbook cannot be saved
    from ipcounty.returns import template

    def refuse_template(*args: object, **kwargs: object) -> None:
        raise failure()

    with monkeypatch.context() as m:
        m.setattr(template, "write_template", refuse_template)
        said = _said(runner, ["template", "2025", "--out", str(tmp_path / "forms")])
    assert f"：{sentence}" in said and "无法写入" in said


def test_every_catalogued_error_says_what_to_do_in_both_languages() -> None:
    for code, key in CASES:
        assert reason_key(OSError(code, "x")) == key
        assert "请" in tr(key, "zh")
        assert ";" in tr(key, "en")  # "what happened; what to do"
    unknown = OSError(errno.EMLINK, "Too many links")
    assert reason(unknown, "zh") == "Too many links，请换一个位置或稍后重试"


def test_a_file_open_in_excel_on_windows_is_said_as_in_use() -> None:
    exc = PermissionError(13, "The process cannot access the file")
    exc.winerror = 32  # type: ignore[attr-defined]
    assert reason_key(exc) == "os-in-use"
