"""The kit's look in JupyterLab: a page opened there (a step, an exercise, a data-track
notebook) gets the stylesheet the Voila template gives the served pages."""

from __future__ import annotations

import os
from pathlib import Path

from markupsafe import Markup

STYLE = Path(__file__).parent / "share/jupyter/voila/templates/journeykit/static/journeykit.css"


def under_voila() -> bool:
    """Whether this kernel serves a Voila page (Voila names itself in the kernel's settings)."""
    return any(name.startswith("VOILA_") for name in os.environ)


def kit_style() -> str:
    """The kit's stylesheet as a <style> element outside Voila (whose template has it)."""
    if under_voila():
        return ""
    return str(Markup("<style>{}</style>").format(Markup(STYLE.read_text(encoding="utf-8"))))


def show_style() -> None:
    """Display the stylesheet once before a page's widgets, when in JupyterLab."""
    from IPython.display import HTML, display

    style = kit_style()
    if style:
        display(HTML(style))
