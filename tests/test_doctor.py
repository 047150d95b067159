"""`journeykit doctor`: each check finds what is wrong on a machine and says how to fix it."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import nbformat
import pytest

from journeykit.app.cli import main
from journeykit.app.doctor import check_fonts, check_port, check_store, diagnose
from journeykit.app.serve import HOST, free_port
from journeykit.model import Workspace
from journeykit.store import Store


def notebook(path: Path, source: str) -> Path:
    page = nbformat.v4.new_notebook()
    page.cells = [nbformat.v4.new_code_cell(source)]
    nbformat.write(page, path)
    return path


def test_a_ready_machine_passes_and_every_page_is_run_for_the_first_team(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        store.create_team(Workspace(id="north", name="North"))
    pages = tmp_path / "pages"
    pages.mkdir()
    notebook(pages / "good.ipynb", "import os\nassert os.environ['QUERY_STRING'] == 'team=north'")
    notebook(pages / "bad.ipynb", "raise RuntimeError('the map cannot be drawn')")
    found = {c.name: c for c in diagnose(str(tmp_path / "w.db"), free_port(), notebooks=pages)}
    assert found["Python"].ok and found["pydantic"].ok and found["workshop store"].ok
    assert found["page good.ipynb"].ok
    bad = found["page bad.ipynb"]
    assert not bad.ok and "the map cannot be drawn" in bad.detail and bad.fix
    assert found["exports"].ok and "mini-app" in found["exports"].detail


def test_an_export_that_fails_on_this_machine_is_named(monkeypatch) -> None:
    from journeykit.app import export

    def broken(*_args: object) -> None:
        raise KeyError("ces")

    monkeypatch.setitem(export.WRITERS, "xlsx", broken)
    from journeykit.app.doctor import check_exports

    found = check_exports()
    assert (
        not found.ok
        and "KeyError" in found.detail
        and "made: report, mini-app, json" in (found.detail)
    )


def test_a_port_in_use_is_named_with_the_fix() -> None:
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        found = check_port(port)
    assert not found.ok and f"--port {port + 1}" in found.fix and "in use" in found.detail


def test_a_store_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    found = check_store(str(blocker / "w.db"))
    assert not found.ok and str(blocker) in found.detail and "folder you can write" in found.fix


@pytest.mark.parametrize(
    ("language", "listed", "ok"),
    [("ru", "DejaVu Sans,DejaVu Sans Book\n", True), ("fa", "", False)],
)
def test_fonts_are_looked_up_for_the_chosen_language(
    tmp_path: Path, monkeypatch, language: str, listed: str, ok: bool
) -> None:
    fake = tmp_path / "fc-list"  # answers as fontconfig would, and records what was asked
    fake.write_text(f'#!/bin/sh\necho "$@" > {tmp_path}/asked\nprintf "{listed}"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    found = check_fonts(language)
    assert (tmp_path / "asked").read_text().split()[0] == f":lang={language}"
    assert found.ok is ok
    assert ("DejaVu Sans" in found.detail) if ok else ("none installed" in found.detail)
    assert ok or "fonts-noto-core" in found.fix


def test_the_command_says_what_to_fix_and_fails(tmp_path: Path, capsys) -> None:
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["doctor", "--store", str(tmp_path / "w.db"), "--port", str(port), "--quick"])
    out = capsys.readouterr().out
    assert code == 1 and f"FAIL  port {port}: in use" in out
    assert "1 problem to fix before the workshop" in out and "page " not in out
