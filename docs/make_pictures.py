"""Regenerate the README's pictures from the bundled examples.

    python docs/make_pictures.py

- the meeting workbook (``ipcounty export 2025``) printed by LibreOffice to PDF, its overview page and
  the B1 indicator page rendered by pdftoppm at 60 dpi: ``docs/overview.png``, ``docs/indicator-b1.png``;
- the HTML report (``ipcounty report 2025 --format html``) in headless Chromium, as a phone shows it
  (390 × 844) and as a desktop does (1280 × 900): ``docs/report-phone.png``, ``docs/report-desktop.png``.

Needs ``soffice``, ``pdftoppm``/``pdftotext`` (poppler) and ``chromium``; uses a private LibreOffice
profile, so it runs beside an open LibreOffice.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PLAN = ROOT / "data" / "targets.yaml"
RETURNS = ROOT / "examples" / "returns"


def run(*args: str | Path) -> str:
    done = subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True, timeout=300)
    return done.stdout


def ipcounty(*args: str | Path) -> None:
    run(sys.executable, "-m", "ipcounty", "--plan", PLAN, *args)


def page_of(pdf: Path, needle: str, pages: int) -> int:
    """The first page of ``pdf`` whose text contains ``needle``."""
    for n in range(1, pages + 1):
        text = run("pdftotext", "-f", str(n), "-l", str(n), pdf, "-")
        if needle in text.replace(" ", ""):
            return n
    raise SystemExit(f"no page of {pdf} shows {needle!r}")


def png(pdf: Path, page: int, target: Path, work: Path) -> None:
    stem = work / target.stem
    run("pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", pdf, stem)
    shutil.move(stem.with_suffix(".png"), target)


def workbook_pictures(work: Path) -> None:
    xlsx = work / "summary.xlsx"
    ipcounty("export", "2025", "--returns", RETURNS, "-o", xlsx)
    profile = (work / "lo-profile").as_uri()
    run("soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", work, xlsx)
    pdf = work / "summary.pdf"
    info = run("pdfinfo", pdf)
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    png(pdf, 1, DOCS / "overview.png", work)
    png(pdf, page_of(pdf, "B1新增有效发明专利数量（个）", pages), DOCS / "indicator-b1.png", work)


def html_pictures(work: Path) -> None:
    page = work / "report.html"
    ipcounty("report", "2025", "--returns", RETURNS, "--format", "html", "-o", page)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        raise SystemExit("chromium is not installed")
    for name, size in (("report-phone.png", "390,844"), ("report-desktop.png", "1280,900")):
        run(
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size={size}",
            f"--screenshot={DOCS / name}",
            page.as_uri(),
        )


def main() -> None:
    for tool in ("soffice", "pdftoppm", "pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed")
    with tempfile.TemporaryDirectory(prefix="ipcounty-pictures-") as tmp:
        work = Path(tmp)
        workbook_pictures(work)
        html_pictures(work)
    for name in ("overview.png", "indicator-b1.png", "report-phone.png", "report-desktop.png"):
        print(f"{DOCS / name}  {(DOCS / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
