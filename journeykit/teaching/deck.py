"""The deck: the method's key ideas as slides for a projector, from `workshop/deck.md`
(Markdown, slides apart by a line `---`), one self-contained HTML file: arrow keys move on,
printing gives one slide a page."""

from __future__ import annotations

from pathlib import Path

import mistune

from journeykit import materials

SOURCE = materials.path("workshop", "deck.md")

STYLE = """
@page { size: A4 landscape; margin: 0; }
html { scroll-snap-type: y mandatory; }
body { margin: 0; font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #1f2328; }
section { position: relative; box-sizing: border-box; height: 100vh; scroll-snap-align: start;
  padding: 6vh 8vw; display: flex; flex-direction: column; justify-content: center;
  font-size: 3.2vh;
  line-height: 1.45; border-bottom: 1px solid #dde2ea; page-break-after: always; }
section h1 { font-size: 7vh; color: #1f5fa8; margin: 0 0 3vh 0; }
section h2 { font-size: 5.2vh; color: #1f5fa8; margin: 0 0 3vh 0; }
li { margin: 0.6vh 0; }
.count { position: absolute; right: 3vw; bottom: 3vh; font-size: 2vh; color: #888; }
@media print { section { height: 210mm; font-size: 16pt; border: 0; }
  section h1 { font-size: 32pt; } section h2 { font-size: 26pt; } }
"""

KEYS = """
document.addEventListener("keydown", (event) => {
  const step = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1,
                 ArrowLeft: -1, ArrowUp: -1, PageUp: -1 }[event.key];
  if (!step) return;
  event.preventDefault();
  const slides = [...document.querySelectorAll("section")];
  const here = slides.findIndex((s) => s.getBoundingClientRect().top >= -5);
  const next = slides[Math.min(Math.max(here + step, 0), slides.length - 1)];
  next.scrollIntoView();
});
"""


def slides(markdown: str) -> list[str]:
    """The slides of a deck source, each as HTML (text is escaped, no raw HTML passes)."""
    render = mistune.create_markdown(escape=True)
    parts = [part.strip() for part in markdown.split("\n---\n")]
    return [str(render(part)) for part in parts if part]


def deck_html(markdown: str, title: str = "Customer journey mapping") -> str:
    """The whole deck as one HTML file; needs nothing from the network."""
    shown = slides(markdown)
    sections = "".join(
        f'<section id="slide-{n}"><div class="count">{n} / {len(shown)}</div>{body}</section>'
        for n, body in enumerate(shown, start=1)
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{STYLE}</style></head><body>{sections}<script>{KEYS}</script></body></html>"
    )


def write_deck(out: Path, source: Path = SOURCE) -> Path:
    """`journeykit deck`: the deck from `source` written to `out` (HTML)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(deck_html(source.read_text(encoding="utf-8")), encoding="utf-8")
    return out
