"""What the new-user review left in others' files: the kind of a file that is not a workbook said
in the user's language, the printed template's captions kept with their tables, score reasons in
the catalogue and wrapped by display width, and the English export in English."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from tests.conftest import PLAN_PATH

BASE = ["--plan", str(PLAN_PATH)]
HAN = re.compile(r"[\u4e00-\u9fff]")


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "zh", "en"),
    [
        ("税郭镇 15 件\n".encode(), "文本文件", "a text file"),
        (b"%PDF-1.4\n", "PDF 文件", "a PDF file"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "PNG 图片", "a PNG picture"),
        (b"<!DOCTYPE html><html></html>", "网页（HTML）文件", "a web page (HTML)"),
        (_zip({"hello.txt": b"hi"}), "压缩包中没有工作簿", "a zip with no workbook"),
    ],
)
def test_what_a_file_that_is_not_a_workbook_holds_is_said_in_the_users_language(
    runner: CliRunner, tmp_path: Path, data: bytes, zh: str, en: str
) -> None:
    path = tmp_path / "return.xlsx"
    path.write_bytes(data)
    zh_out = runner.invoke(app, [*BASE, "validate", str(path)], env={"COLUMNS": "200"}).stdout
    en_out = runner.invoke(app, [*BASE, "--lang", "en", "validate", str(path)], env={"COLUMNS": "200"}).stdout
    assert f"（{zh}）" in zh_out and en not in zh_out
    line = next(line for line in en_out.splitlines() if "file-not-workbook" in line)
    assert f"not a spreadsheet ({en})" in line
    assert not HAN.search(line), line
