"""Printing a page to PDF with headless Chromium: the same layout, charts as vectors, offline."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from journeykit.app.export.documents import report_html
from journeykit.app.export.figures import Shared
from journeykit.errors import InputError, ServerError
from journeykit.i18n import (
    _,
)
from journeykit.store import Store

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_browser() -> str:
    """A Chromium-family browser to print the PDF with, or a message saying what to install."""
    from journeykit.app.serve import CHROMIUM

    for name in (CHROMIUM, *BROWSERS):
        found = shutil.which(name)
        if found:
            return found
    raise ServerError(
        _(
            "writing a PDF needs Chromium (Debian/Ubuntu: `apt install chromium`); or open the "
            "HTML report in any browser and print it to PDF"
        )
    )


def write_pdf(html: Path, pdf: Path) -> Path:
    """Print the report with headless Chromium: same layout, charts as vectors, offline."""
    browser = find_browser()
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf.resolve()}",
                html.resolve().as_uri(),
            ],
            capture_output=True,
            timeout=120,
        )
    if done.returncode != 0 or not pdf.is_file():
        raise ServerError(
            _("{browser} could not print {path} to PDF (exit {code}): {reason}").format(
                browser=browser,
                path=html,
                code=done.returncode,
                reason=done.stderr.decode(errors="replace")[-300:],
            )
        )
    return pdf


def write_report(
    store: Store,
    team: str,
    out: Path,
    pdf: bool = False,
    language: str | None = None,
    paper: str | None = None,
) -> Path:
    """`journeykit report`: the HTML file, and the PDF beside it (same name) when asked; in
    `language`, else the team's (its own, or the workshop's); on `paper` (a4 or letter)."""
    if out.suffix.lower() not in (".html", ".htm", ".pdf"):
        raise InputError(
            _(
                "the report is a web page (and a PDF beside it with --pdf): name it "
                "{name}.html, not {path}"
            ).format(name=out.stem, path=out)
        )
    html = out.with_suffix(".html") if out.suffix.lower() == ".pdf" else out
    pdf = pdf or out.suffix.lower() == ".pdf"
    chosen = language or store.language_of(team)
    html.write_text(
        report_html(Shared.of(store, team), language=chosen, paper=paper), encoding="utf-8"
    )
    if pdf:
        return write_pdf(html, html.with_suffix(".pdf"))
    return html
