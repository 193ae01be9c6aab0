"""A folder under the returns folder that cannot be read says why in the user's words — the
sentence every command uses for that system error (``ipcounty.oserrors``), with its fix — not
权限不足 whatever happened. A real unreadable folder (chmod 000) where the tests can make one; as
root, which reads every folder, the system's refusal is simulated."""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.collect import find_returns
from ipcounty.i18n import skip_text
from ipcounty.oserrors import unreadable_reason
from tests.conftest import PLAN_PATH, ROOT

EXAMPLE = ROOT / "examples" / "returns" / "2025" / "2025_税郭镇_填报表.xlsx"

SAID = {
    errno.EACCES: (
        "os-permission",
        "无法读取：权限不足，请换一个有权限的位置（如桌面），或请管理员开放权限",
        "cannot be read: permission denied; use a place you have access to (your desktop, say), "
        "or ask your administrator",
    ),
    errno.EIO: (
        "os-io",
        "无法读取：磁盘读写出错，请检查磁盘或网络共享是否连接正常后重试",
        "cannot be read: a disk read or write error; check that the disk or network share is connected and try again",
    ),
    errno.ENAMETOOLONG: (
        "os-name-too-long",
        "无法读取：路径过长，请缩短文件名，或移到层级较浅的文件夹",
        "cannot be read: the path is too long; shorten the name, or move it to a folder nearer the top",
    ),
    errno.ESTALE: (  # no sentence of its own: its errno name, never the system's English
        "ESTALE",
        "无法读取：系统错误 ESTALE，请换一个位置或稍后重试",
        "cannot be read: system error ESTALE; try another place, or try again later",
    ),
}


@pytest.mark.parametrize("number", list(SAID))
def test_each_system_error_is_said_with_its_fix(number: int) -> None:
    key, zh, en = SAID[number]
    reason = unreadable_reason(OSError(number, os.strerror(number)))
    assert reason == f"unreadable/{key}"
    assert skip_text(reason, "zh") == zh
    assert skip_text(reason, "en") == en
    assert "Stale" not in skip_text(reason, "zh")


def test_other_skip_reasons_read_as_before() -> None:
    assert skip_text("hidden", "zh") == "隐藏文件或文件夹"
    assert skip_text("broken-link", "en") == "a broken or looping link"
    assert skip_text("unreadable", "zh") == SAID[errno.EACCES][1]  # a bare code: as it always meant


@pytest.fixture
def returns(tmp_path: Path) -> Path:
    root = tmp_path / "returns"
    (root / "2025").mkdir(parents=True)
    shutil.copy(EXAMPLE, root / "2025" / EXAMPLE.name)
    (root / "locked").mkdir()
    (root / "locked" / "2025_齐村镇_填报表.xlsx").write_bytes(b"PK")
    return root


@pytest.fixture
def refusing(returns: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int], None]]:
    """``refuse(errno)``: listing ``locked/`` fails with that error."""
    locked = returns / "locked"
    real = os.scandir

    def refuse(number: int) -> None:
        def scandir(path: object) -> object:
            if Path(str(path)) == locked:
                raise OSError(number, os.strerror(number), str(path))
            return real(path)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "scandir", scandir)

    yield refuse


def _outputs(returns: Path, lang: str) -> tuple[str, str, dict[str, object]]:
    runner = CliRunner()
    base = ["--lang", lang, "--plan", str(PLAN_PATH)]
    report = runner.invoke(app, [*base, "report", "2025", "--returns", str(returns)], env={"COLUMNS": "200"})
    assert report.exit_code == 0, report.output
    valid = runner.invoke(app, [*base, "validate", str(returns)], env={"COLUMNS": "200"})
    data = runner.invoke(app, [*base, "report", "2025", "--returns", str(returns), "--format", "json"])
    subs = {s["file"]: s for s in json.loads(data.stdout)["submissions"]}
    return report.stdout, valid.stdout, subs["locked/"]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_real_unreadable_folder_says_permission(returns: Path, refusing: Callable[[int], None]) -> None:
    locked = returns / "locked"
    if os.geteuid() == 0:  # root lists every folder: chmod 000 blocks nothing, so say what a user would meet
        refusing(errno.EACCES)
    else:
        locked.chmod(0)
    try:
        assert [f.skip_reason for f in find_returns(returns) if f.name == "locked/"] == ["unreadable/os-permission"]
        for lang in ("zh", "en"):
            report, valid, sub = _outputs(returns, lang)
            said = SAID[errno.EACCES][1 if lang == "zh" else 2]
            assert said in report and said in valid
            assert sub["reason"] == "unreadable" and sub["reason_detail"] == "os-permission"
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize("number", [errno.EIO, errno.ESTALE])
def test_another_error_is_not_called_permission(returns: Path, refusing: Callable[[int], None], number: int) -> None:
    refusing(number)
    key = SAID[number][0]
    for lang in ("zh", "en"):
        report, valid, sub = _outputs(returns, lang)
        said = SAID[number][1 if lang == "zh" else 2]
        assert said in report and said in valid
        assert "权限不足" not in report and "permission" not in report
        assert sub["reason"] == "unreadable" and sub["reason_detail"] == key
