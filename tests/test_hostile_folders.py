"""A returns folder as messy as a shared drive, and files that are not what their names say.

Each case is named for what a real folder or a real client did (issue 17): nothing here may
crash, hang, lose an entry or run code.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.collect import find_returns, read_all
from ipcounty.plan import Plan
from ipcounty.returns.reader import read_return
from ipcounty.returns.workbook import open_book, read_regular_file
from tests.conftest import ROOT
from tests.test_hostile import TODAY, bounded, codes, rezip  # noqa: F401 - bounded is a fixture

FAR_CELL = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'


def _far(name: str, data: bytes) -> bytes:
    if name == "xl/worksheets/sheet1.xml":
        return data.replace(b"</sheetData>", FAR_CELL + b"</sheetData>")
    return data


@pytest.mark.parametrize("ext", [".xls", ".xlsb", ".ods"])
def test_xlsx_with_a_far_cell_under_another_name_is_screened_by_content(
    ext: str, make_return: Callable[..., Path], tmp_path: Path
) -> None:
    """(8) The far-cell screen looks at what the bytes are, not at the name: an .xlsx named .xls
    with a cell at XFD1048576 used to abort the process (exit 134, nothing printed). Run in a
    child process, so a regression fails this test instead of killing the test run."""
    path = rezip(make_return(), tmp_path / f"renamed{ext}", _far)
    proc = subprocess.run(
        [sys.executable, "-m", "ipcounty", "validate", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "IPCOUNTY_LANG": "zh"},
    )
    assert proc.returncode == 1, proc.stderr
    found = {f["code"]: f for f in json.loads(proc.stdout)["files"][0]["findings"]}
    assert found["sheet-too-large"]["sheet"] == "填报表"
    assert found["file-format-differs"]["params"] == {"ext": ext, "kind": ".xlsx"}
    assert "{" not in found["file-format-differs"]["message"]


def test_xls_content_named_xlsx_says_so(plan: Plan, tmp_path: Path) -> None:
    """(7) .xls content named .xlsx is read, with a warning saying what it really is."""
    path = tmp_path / "2025_永安镇_填报表.xlsx"
    path.write_bytes((ROOT / "tests" / "data" / "libreoffice" / "yongan-2025-06-30.xls").read_bytes())
    ret = read_return(path, plan, today=TODAY)
    assert codes(ret) == ["file-format-differs"]
    assert ret.findings[0].message("zh") == (
        "文件扩展名为 .xlsx，内容却是 .xls 格式：已按 .xls 读取；请另存为 .xlsx 再发送"
    )
    assert ret.values["B1"].value == 9


def test_a_worker_that_dies_costs_only_its_file(
    make_return: Callable[..., Path], plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(8) A reader library that aborts the whole process on one file (as python-calamine does on
    a far cell) makes that file a reader-failed finding; the other files are read as usual."""
    import ipcounty.returns.reader as reader

    folder = tmp_path / "returns"
    folder.mkdir()
    for i in range(20):  # chunks of 16 and 4: the file that kills its worker is in the small one
        make_return(name=f"returns/r{i:02d}.xlsx")
    real = reader.read_return

    def deadly(path: Path, *args: object, **kw: object) -> object:
        if path.name == "r17.xlsx":
            os.kill(os.getpid(), signal.SIGKILL)  # the worker dies as it would on a Rust abort
        return real(path, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(reader, "read_return", deadly)
    monkeypatch.setenv("IPCOUNTY_JOBS", "2")
    rets = read_all(find_returns(folder), plan, today=TODAY)
    assert [r.file for r in rets] == [f"r{i:02d}.xlsx" for i in range(20)]
    assert codes(rets[17]) == ["reader-failed"]
    assert "进程意外退出" in rets[17].findings[0].message("zh")
    assert all(r.status == "ok" for i, r in enumerate(rets) if i != 17)


@pytest.mark.usefixtures("bounded")
def test_a_pipe_named_xlsx_is_never_opened(tmp_path: Path, plan: Plan) -> None:
    """(9) A FIFO named x.xlsx used to hang validate, report and export forever."""
    fifo = tmp_path / "x.xlsx"
    os.mkfifo(fifo)
    assert [(f.name, f.skip_reason) for f in find_returns(tmp_path)] == [("x.xlsx", "not-a-file")]
    book, problem = open_book(fifo)
    assert book is None and problem is not None and problem.code == "file-not-regular"
    ret = read_return(fifo, plan, today=TODAY)
    assert ret.findings[0].message("zh") == "这不是普通文件，而是管道（FIFO），未读取：请指定一个普通的文件"


@pytest.mark.parametrize("target", ["fifo", "/dev/zero"])
@pytest.mark.usefixtures("bounded")
def test_a_plan_that_is_not_a_regular_file(runner: CliRunner, tmp_path: Path, target: str) -> None:
    """(9) --plan pointing at a FIFO or /dev/zero hung or ate 5.6 GB in 10 s."""
    if target == "fifo":
        path = tmp_path / "plan.yaml"
        os.mkfifo(path)
    elif target == "folder":
        path = tmp_path
    else:
        path = Path(target)
    r = runner.invoke(app, ["--plan", str(path), "plan"])
    assert r.exit_code in (1, 2)
    assert "无法读取计划文件" in r.output or "不是" in r.output, r.output
    assert "Traceback" not in r.output


def test_read_regular_file_limits_the_size(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 2001)
    data, problem = read_regular_file(big, 2000)
    assert data == b"" and problem is not None and problem.code == "file-too-large"
    # One decimal would say "0.0 MB, limit 0.0 MB": the size is given to the byte instead.
    assert problem.params["detail"] == "2,001 B"


def _messy_folder(root: Path, make_return: Callable[..., Path]) -> dict[str, str | None]:
    """Build a shared drive's worth of oddities; return the expected {name: skip reason}."""
    (root / "2025").mkdir(parents=True)
    make_return(name="returns/2025/2025_税郭镇_填报表.xlsx")
    make_return("永安镇", name="returns/2025/2025_永安镇_填报表.xlsx")
    (root / "2025" / "~$2025_税郭镇_填报表.xlsx").write_bytes(b"lock")
    (root / "2025" / ".DS_Store").write_bytes(b"x")
    (root / "2025" / "说明.docx").write_bytes(b"PK")
    os.mkfifo(root / "2025" / "pipe.xlsx")
    os.symlink(root / "2025" / "2025_永安镇_填报表.xlsx", root / "link-to-file.xlsx")
    os.symlink("nowhere.xlsx", root / "broken.xlsx")
    os.symlink("loop.xlsx", root / "loop.xlsx")
    (root / "elsewhere").mkdir()
    os.symlink(root / "elsewhere", root / "linked-folder")
    os.symlink(root, root / "2025" / "loop-folder")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref")
    (root / "locked").mkdir()
    (root / "locked" / "2025_齐村镇_填报表.xlsx").write_bytes(b"PK")
    gbk = os.fsencode(str(root / "2025")) + b"/2025_\xc6\xeb\xb4\xe5\xd5\xf2.xlsx"  # 齐村镇 in GBK
    with open(gbk, "wb") as fh:
        fh.write((root / "2025" / "2025_税郭镇_填报表.xlsx").read_bytes())
    (root / "2025" / "空 格 与（括号）.xlsx").write_bytes(b"")
    return {
        ".git/": "hidden",
        "2025/.DS_Store": "hidden",
        "2025/2025_\\xc6\\xeb\\xb4\\xe5\\xd5\\xf2.xlsx": None,
        "2025/2025_永安镇_填报表.xlsx": None,
        "2025/2025_税郭镇_填报表.xlsx": None,
        "2025/loop-folder/": "link-folder",
        "2025/pipe.xlsx": "not-a-file",
        "2025/~$2025_税郭镇_填报表.xlsx": "lock",
        "2025/空 格 与（括号）.xlsx": None,
        "2025/说明.docx": "not-a-return",
        "broken.xlsx": "broken-link",
        "elsewhere/": None,  # an empty folder holds nothing to list
        "link-to-file.xlsx": None,
        "linked-folder/": "link-folder",
        "locked/": "unreadable/os-permission",
        "loop.xlsx": "broken-link",
    }


@pytest.mark.usefixtures("bounded")
def test_every_entry_of_a_messy_folder_is_listed_once(
    make_return: Callable[..., Path], plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(9)(10)(11) Files, links, a pipe, an unreadable folder and odd names: each appears exactly
    once in the submissions list, with its reason, and the report completes within the bound."""
    root = tmp_path / "returns"
    expected = _messy_folder(root, make_return)
    expected.pop("elsewhere/")
    locked = root / "locked"
    if os.geteuid() == 0:  # root reads every folder: make this one refuse as it would for a user
        real_scandir = os.scandir

        def scandir(path: object) -> object:
            if Path(str(path)) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        locked.chmod(0)
    try:
        started = time.monotonic()
        found = find_returns(root)
        assert {f.name: f.skip_reason for f in found} == expected
        assert len(found) == len(expected)
        r = CliRunner().invoke(app, ["report", "2025", "--returns", str(root), "--format", "json"])
        assert time.monotonic() - started < 15
    finally:
        locked.chmod(0o755)
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)  # valid JSON, though one name is not UTF-8
    subs = data["submissions"]
    assert sorted(s["file"] for s in subs) == sorted(expected)
    by_file = {s["file"]: s for s in subs}
    odd = by_file["2025/2025_\\xc6\\xeb\\xb4\\xe5\\xd5\\xf2.xlsx"]
    assert "file-name-escaped" in [f["code"] for f in odd["findings"]]
    assert by_file["2025/pipe.xlsx"]["reason"] == "not-a-file"
    assert by_file["locked/"]["reason"] == "unreadable"


def test_odd_names_survive_csv_and_the_workbook(
    make_return: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(11) A GBK file name used to put raw bytes in CSV and lone surrogates in the workbook,
    which openpyxl then refused to open."""
    from openpyxl import load_workbook

    root = tmp_path / "returns"
    _messy_folder(root, make_return)
    out = tmp_path / "out" / "汇总.xlsx"
    out.parent.mkdir()
    r = CliRunner().invoke(app, ["export", "2025", "--returns", str(root), "-o", str(out)])
    assert r.exit_code == 0, r.output
    wb = load_workbook(out, read_only=True)
    cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
    assert any("\\xc6\\xeb" in c for c in cells)
    csv = CliRunner().invoke(app, ["report", "2025", "--returns", str(root), "--format", "csv"])
    assert csv.exit_code == 0
    csv.stdout.encode("utf-8")  # no lone surrogates: the CSV is valid UTF-8


def test_export_into_the_returns_folder_is_skipped_next_time(runner: CliRunner, tmp_path: Path) -> None:
    """(12) An export saved among the returns used to come back as a rejected return."""
    import shutil

    folder = tmp_path / "returns"
    shutil.copytree(ROOT / "examples" / "returns" / "2025", folder)
    out = folder / "汇总.xlsx"
    assert runner.invoke(app, ["export", "2025", "--returns", str(folder), "-o", str(out)]).exit_code == 0
    r = runner.invoke(app, ["report", "2025", "--returns", str(folder), "--format", "json"])
    sub = next(s for s in json.loads(r.stdout)["submissions"] if s["file"] == "汇总.xlsx")
    assert (sub["status"], sub["reason"]) == ("skipped", "output")


def test_a_read_only_output_is_not_replaced(runner: CliRunner, tmp_path: Path) -> None:
    """(12) An existing read-only output file used to be replaced silently."""
    out = tmp_path / "汇总.xlsx"
    out.write_bytes(b"keep me")
    out.chmod(0o444)
    r = runner.invoke(app, ["export", "2025", "-o", str(out)])
    assert r.exit_code == 2
    assert "是只读的" in r.output and "Traceback" not in r.output
    assert out.read_bytes() == b"keep me"


def test_stale_temporaries_of_an_interrupted_export_are_removed(runner: CliRunner, tmp_path: Path) -> None:
    """(12) An export killed half way leaves .汇总.xlsx.XXXX.tmp; the next export clears it (an
    hour later, so that a parallel export's temporary is left alone)."""
    out = tmp_path / "汇总.xlsx"
    stale, fresh = tmp_path / ".汇总.xlsx.abc123.tmp", tmp_path / ".汇总.xlsx.def456.tmp"
    for p in (stale, fresh):
        p.write_bytes(b"half")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    assert runner.invoke(app, ["export", "2025", "-o", str(out)]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [fresh.name, out.name]


def test_a_binary_workbook_is_sized_in_a_child_that_may_die(
    make_return: Callable[..., Path], plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(8) .xlsb sheets cannot be screened from their bytes here: python-calamine sizes them in a
    child process. A far cell aborts the child — a reader-failed finding — never ipcounty. (No
    program here writes .xlsb, so an .xlsx with a far cell stands in, taken for .xlsb.)"""
    import ipcounty.returns.workbook as workbook

    monkeypatch.setattr(workbook, "content_kind", lambda data, entries: "xlsb")
    far = rezip(make_return(), tmp_path / "far.xlsb", _far)
    ret = read_return(far, plan, today=TODAY)
    assert codes(ret) == ["reader-failed"]
    assert "进程意外退出" in ret.findings[0].message("zh")
    good = read_return(make_return(name="good.xlsb"), plan, today=TODAY)
    assert good.status == "ok" and good.values["B1"].value == 15
