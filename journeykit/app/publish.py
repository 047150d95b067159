"""`journeykit publish`: a team's journey as a read-only Voila mini-app in one folder, for
colleagues without the kit. It needs only `pip install -r requirements.txt` (Voila and
ipywidgets): the report's sections and charts are written into the folder ready to show, with
the team's shareable data beside them, and the page template that keeps it offline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from markupsafe import Markup

from journeykit.app.export.documents import (
    PARTS_STYLE,
    journey_maps,
    journey_title,
    report_sections,
)
from journeykit.app.export.figures import Shared
from journeykit.app.export.privacy import shareable_document
from journeykit.app.serve import TEMPLATE
from journeykit.errors import InputError
from journeykit.i18n import _, current
from journeykit.i18n import language as speaking
from journeykit.store import Store
from journeykit.store.jsonio import dumps
from journeykit.templates import render

REQUIREMENTS = "voila>=0.5.7\nipywidgets>=8.1\nipykernel>=6\n"

APP = '''"""The journey mini-app: shows data/report.json (written by `journeykit publish`)."""

import json
from pathlib import Path

import ipywidgets as w
from IPython.display import display

HERE = Path(__file__).parent


def show() -> None:
    """The team's journey maps (one at a time) and the report's other sections in tabs."""
    report = json.loads((HERE / "data" / "report.json").read_text(encoding="utf-8"))
    display(w.HTML(report["header"]))
    maps = report["maps"]
    if maps:
        picker = w.Dropdown(options=[m["name"] for m in maps], description=report["journey"])
        shown = w.HTML(maps[0]["svg"])
        picker.observe(lambda c: setattr(shown, "value", maps[picker.index]["svg"]), "value")
        display(w.VBox([picker, shown]))
    tabs = w.Tab([w.HTML(s["html"]) for s in report["sections"]])
    for number, section in enumerate(report["sections"]):
        tabs.set_title(number, section["title"])
    display(tabs)
'''

NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "journey",
            "metadata": {},
            "outputs": [],
            "source": ["from journey_app import show\n", "\n", "show()"],
        }
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}

RUN = '''"""Serve this journey on http://127.0.0.1:8866/ (another port: python run.py 8900)."""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
port = next((a for a in sys.argv[1:] if a.isdigit()), "8866")
paths = [str(HERE / "share" / "jupyter"), os.environ.get("JUPYTER_PATH", "")]
env = dict(os.environ, JUPYTER_PATH=os.pathsep.join(p for p in paths if p))
quiet = "--no-browser" in sys.argv
command = [
    sys.executable, "-m", "voila", str(HERE / "journey.ipynb"), f"--port={port}",
    "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", "--template=journeykit",
    "--strip_sources=True", "--show_tracebacks=False",
    "--no-browser" if quiet else "--Voila.open_browser=True",
]
sys.exit(subprocess.call(command, env=env, cwd=HERE))
'''


def readme(name: str) -> str:
    return (
        f"# {name}: customer journey\n\n"
        "A read-only app of this team's customer journey map, its insights and action plan, "
        "made with JourneyKit.\n\n"
        "Run it (Python 3.11 or newer; the first line once):\n\n"
        "```\npip install -r requirements.txt\npython run.py\n```\n\n"
        "It opens http://127.0.0.1:8866/ and needs no internet. `data/workspace.json` is the "
        "team's data in JourneyKit's import format (`journeykit import data/workspace.json`).\n"
    )


def publish(store: Store, team: str, folder: Path, language: str | None = None) -> Path:
    """Write the mini-app into `folder` (new or empty): only this team's shareable data, in
    `language` (else the team's own, or the workshop's)."""
    if folder.exists() and any(folder.iterdir()):
        raise InputError(
            _("{folder} is not empty: choose a new folder, or empty this one first").format(
                folder=folder
            )
        )
    document = shareable_document(store, team)
    shared = Shared(document)
    ws = shared.workspace
    with speaking(language or store.language_of(team)):
        maps = [{"name": journey_title(j), "svg": svg} for j, svg in journey_maps(shared)]
        sections = [
            {"id": key, "title": title, "html": html}
            for key, title, html in report_sections(shared, maps=False)
        ]
        report = {
            "header": render(
                "app_header.html.j2", style=Markup(PARTS_STYLE), name=ws.name, company=ws.company
            ),
            "journey": _("Journey"),
            "language": current(),
            "maps": maps,
            "sections": sections,
        }
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "data" / "report.json").write_text(
        json.dumps(report, ensure_ascii=False), encoding="utf-8"
    )
    (folder / "data" / "workspace.json").write_text(dumps(document), encoding="utf-8")
    (folder / "journey_app.py").write_text(APP, encoding="utf-8")
    (folder / "journey.ipynb").write_text(json.dumps(NOTEBOOK, indent=1), encoding="utf-8")
    (folder / "run.py").write_text(RUN, encoding="utf-8")
    (folder / "requirements.txt").write_text(REQUIREMENTS, encoding="utf-8")
    (folder / "README.md").write_text(readme(ws.name), encoding="utf-8")
    shutil.copytree(
        TEMPLATE,
        folder / "share" / "jupyter" / "voila" / "templates" / "journeykit",
        ignore=shutil.ignore_patterns("charts"),
    )
    return folder
