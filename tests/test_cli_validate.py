"""`ipcounty validate` through the real app: output, JSON, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.plan import Plan
from ipcounty.returns.validate import validate_files
from tests.conftest import PLAN_PATH

BASE = ["--plan", str(PLAN_PATH)]


def test_valid_return_exits_0(runner: CliRunner, make_return: Callable[..., Path]) -> None:
    path = make_return()
    r = runner.invoke(app, [*BASE, "validate", str(path)])
    assert r.exit_code == 0, r.output
    assert "✓" in r.output and "税郭镇 · 2025年 · 截至 2025-09-30  通过" in r.output
    assert "1 个文件：1 通过，0 有警告，0 退回" in r.output


def test_warning_exits_0_and_rejection_exits_1(runner: CliRunner, make_return: Callable[..., Path]) -> None:
    warn = make_return(values={"B1": "15个"})
    bad = make_return(values={"B3": -1, "B1": None})
    r = runner.invoke(app, [*BASE, "validate", str(warn)])
    assert r.exit_code == 0 and "有警告" in r.output
    r = runner.invoke(app, [*BASE, "validate", str(warn), str(bad)], terminal_width=120)
    assert r.exit_code == 1
    assert "填报表!E11" in r.output and "填报表!E13" in r.output
    assert "2 个文件：0 通过，1 有警告，1 退回" in r.output


def test_missing_file_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(app, [*BASE, "validate", str(tmp_path / "nope.xlsx")])
    assert r.exit_code == 2


def test_json_equals_the_core_result(runner: CliRunner, make_return: Callable[..., Path], plan: Plan) -> None:
    import datetime as dt

    paths = [make_return(values={"B1": "１５"}), make_return(values={"B2": "x"})]
    r = runner.invoke(app, [*BASE, "validate", "--format", "json", *map(str, paths)])
    assert r.exit_code == 1
    data = json.loads(r.output)
    core = validate_files(paths, plan, today=dt.date.today()).to_dict(plan, "zh")
    assert data == json.loads(json.dumps(core, ensure_ascii=False, default=str))
    assert data["schema"] == "ipcounty.validation" and data["version"] == 1
    assert data["summary"] == {"files": 2, "ok": 0, "warning": 1, "rejected": 1}
    f = data["files"][1]["findings"][0]
    assert (f["code"], f["sheet"], f["cell"], f["severity"]) == ("not-a-number", "填报表", "E12", "error")


def test_english_messages(runner: CliRunner, make_return: Callable[..., Path]) -> None:
    path = make_return(values={"B1": None})
    r = runner.invoke(app, [*BASE, "--lang", "en", "validate", str(path)], terminal_width=120)
    assert "write a number, 0 if nothing was achieved" in r.output
    assert "1 file(s): 0 passed, 0 with warnings, 1 rejected" in r.output


def test_no_traceback_on_a_bad_file(runner: CliRunner, tmp_path: Path) -> None:
    p = tmp_path / "x.xlsx"
    p.write_bytes(b"PK\x03\x04garbage")
    r = runner.invoke(app, [*BASE, "validate", str(p)])
    assert r.exit_code == 1 and "Traceback" not in r.output and "损坏" in r.output


def test_an_unexpected_rust_panic_is_one_line_not_a_traceback(
    runner: CliRunner, make_return: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyo3's PanicException derives from BaseException; the error boundary still catches it."""
    import ipcounty.returns.validate as validate_module

    class PanicException(BaseException):  # what pyo3 raises when Rust code panics
        pass

    def panics(*args: object, **kwargs: object) -> None:
        raise PanicException("index out of bounds")

    monkeypatch.setattr(validate_module, "validate_paths", panics)
    path = make_return()
    r = runner.invoke(app, ["validate", str(path)])
    assert r.exit_code == 1
    assert "内部错误" in r.output and "PanicException" in r.output and "--debug" in r.output
    assert "Traceback" not in r.output
