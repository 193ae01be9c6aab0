"""Open what ipcounty writes as a person would: LibreOffice prints it to PDF, poppler reads the
text back. Used by the tests marked ``libreoffice`` (they skip where soffice is missing)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def to_pdf(src: Path, outdir: Path, *, timeout: float = 180) -> Path:
    """``src`` (.xlsx or .docx) printed to PDF by LibreOffice in ``outdir``, with a profile of its
    own there (parallel runs never share one); the PDF's path."""
    profile = (outdir / "lo-profile").resolve().as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(outdir), str(src)],
        check=True,
        capture_output=True,
        timeout=timeout,
    )  # fmt: skip
    return outdir / f"{src.stem}.pdf"


def pdf_text(pdf: Path, *, layout: bool = True) -> str:
    """The text of ``pdf`` as pdftotext reads it (pages separated by form feeds)."""
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout
