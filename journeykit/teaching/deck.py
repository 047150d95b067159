"""The deck: the method's key ideas as slides for a projector, from `workshop/deck.md`
(Markdown, slides apart by a line `---`), one self-contained HTML file: arrow keys move on,
printing gives one slide a page."""

from __future__ import annotations

from pathlib import Path

import mistune
from markupsafe import Markup

from journeykit import materials
from journeykit.templates import render

SOURCE = materials.path("workshop", "deck.md")


def slides(markdown: str) -> list[str]:
    """The slides of a deck source, each as HTML (text is escaped, no raw HTML passes)."""
    render = mistune.create_markdown(escape=True)
    parts = [part.strip() for part in markdown.split("\n---\n")]
    return [str(render(part)) for part in parts if part]


def deck_html(markdown: str, title: str = "Customer journey mapping") -> str:
    """The whole deck as one HTML file (`deck.html.j2`, its style and keys beside it); needs
    nothing from the network."""
    return render("deck.html.j2", title=title, slides=[Markup(body) for body in slides(markdown)])


def write_deck(out: Path, source: Path = SOURCE) -> Path:
    """`journeykit deck`: the deck from `source` written to `out` (HTML)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(deck_html(source.read_text(encoding="utf-8")), encoding="utf-8")
    return out
