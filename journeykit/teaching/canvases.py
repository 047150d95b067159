"""Printable canvases for teams working on paper or a wall: a persona, a journey map and an
action plan, A4 landscape, drawn from the method (the map's lanes, a stage model's stages, the
evidence levels of a persona, an action's owner and KPI). One self-contained HTML file each,
no script and no link; `journeykit canvases` also prints them to PDF."""

from __future__ import annotations

from html import escape
from pathlib import Path

from journeykit.model import template

STYLE = """
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #1f2328; margin: 0;
  font-size: 11pt; }
.sheet { width: 277mm; height: 186mm; overflow: hidden; display: flex; flex-direction: column; }
header { display: flex; justify-content: space-between; align-items: baseline;
  border-bottom: 2px solid #1f5fa8; margin-bottom: 3mm; }
h1 { font-size: 18pt; margin: 0 0 1mm 0; color: #1f5fa8; }
.fill { color: #555; font-size: 10pt; }
.blank { display: inline-block; min-width: 60mm; border-bottom: 1px solid #888; }
.hint { color: #666; font-size: 8.5pt; font-style: italic; display: block; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; flex: 1; }
th, td { border: 1px solid #9aa4b2; vertical-align: top; padding: 1.5mm; }
th { background: #e9eef6; font-size: 10pt; text-align: left; }
th.lane { width: 30mm; }
tr.emotion td { background: repeating-linear-gradient(to bottom, #fff 0, #fff 6.6mm,
  #d6dbe3 6.6mm, #d6dbe3 calc(6.6mm + 1px)); }
.scale { font-size: 8pt; color: #555; line-height: 6.7mm; }
.boxes { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; flex: 1; }
.box { border: 1px solid #9aa4b2; border-radius: 2mm; padding: 2mm; }
.box h2 { font-size: 11pt; margin: 0 0 1mm 0; color: #1f5fa8; }
.wide { grid-column: span 2; }
.tick { display: inline-block; width: 3.5mm; height: 3.5mm; border: 1px solid #555;
  margin: 0 1mm 0 3mm; vertical-align: middle; }
.plan { display: grid; grid-template-columns: 3fr 1fr; gap: 4mm; flex: 1; }
.matrix { display: grid; grid-template-columns: 6mm 1fr 1fr; grid-template-rows: 1fr 1fr 6mm;
  gap: 0; height: 100%; font-size: 9pt; }
.matrix .q { border: 1px solid #9aa4b2; padding: 1.5mm; color: #555; }
.matrix .axis { color: #333; font-weight: bold; display: flex; align-items: center;
  justify-content: center; }
.matrix .y { writing-mode: vertical-rl; transform: rotate(180deg); grid-row: span 2; }
.plan table { flex: none; align-self: start; }
.plan td { height: 17mm; }
footer { font-size: 8pt; color: #666; margin-top: 2mm; }
"""

LANES: tuple[tuple[str, str], ...] = (
    ("Customer actions", "what the customer does"),
    ("Touchpoints", "where they meet us: a moment, not just a channel"),
    ("Thoughts", "what they think, in their words"),
    ("Emotion", ""),
    ("Pain points", "only with evidence: quote, score or data"),
    ("Opportunities", "what we could change"),
    ("Moments of truth", "decisions and strong emotions"),
)
"""The map's lanes, top to bottom (METHOD.md, section 1 and 3)."""


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f'<div class="sheet">{body}<footer>JourneyKit canvas · {escape(title)}</footer>'
        "</div></body></html>"
    )


def _header(title: str, fields: tuple[str, ...]) -> str:
    blanks = " ".join(
        f'<span class="fill">{escape(f)}: <span class="blank">&nbsp;</span></span>' for f in fields
    )
    return f"<header><h1>{escape(title)}</h1><div>{blanks}</div></header>"


def journey_canvas(stage_model: str = "five-stage") -> str:
    """A journey map: the stages of a stage model across, the method's lanes down, and an
    emotion lane with a -2..+2 scale to draw the curve on."""
    model = template(stage_model)
    stages = "".join(f"<th>{escape(s.name)}</th>" for s in model.stages)
    rows = []
    for lane, hint in LANES:
        label = f"{escape(lane)}<span class='hint'>{escape(hint)}</span>" if hint else lane
        if lane == "Emotion":
            scale = "<br>".join(f"{v:+d}" if v else "0" for v in range(2, -3, -1))
            cells = "".join("<td></td>" for _ in model.stages)
            rows.append(
                f'<tr class="emotion"><th class="lane">Emotion '
                f'<div class="scale">{scale}</div></th>{cells}</tr>'
            )
            continue
        cells = "".join("<td></td>" for _ in model.stages)
        rows.append(f'<tr><th class="lane">{label}</th>{cells}</tr>')
    body = (
        _header(f"Journey map: {model.name}", ("Persona (one or two)", "Scenario", "As-is / to-be"))
        + f'<table><tr><th class="lane">Stage</th>{stages}</tr>{"".join(rows)}</table>'
    )
    return _page(f"Journey map ({model.name})", body)


PERSONA_BOXES: tuple[tuple[str, str, str], ...] = (
    ("Who", "segment, role, age, situation", ""),
    ("Goals", "what they want to achieve", ""),
    ("Needs", "what they need from us to get there", ""),
    ("Frustrations", "what gets in their way today", ""),
    ("Motivations", "why they act: triggers, values", ""),
    ("Preferred channels", "web, phone, store, chat, friends ...", ""),
    ("A quote", "in their words, from an interview", "wide"),
    ("Evidence", "", ""),
)


def persona_canvas() -> str:
    """A persona: a fictional customer built from research, with how well it is evidenced."""
    boxes = []
    for title, hint, size in PERSONA_BOXES:
        if title == "Evidence":
            levels = "".join(
                f'<div><span class="tick"></span>{escape(level)}</div>'
                for level in ("assumed", "researched", "validated with customers")
            )
            inner = f"<span class='hint'>how do we know?</span>{levels}"
        else:
            inner = f"<span class='hint'>{escape(hint)}</span>"
        boxes.append(f'<div class="box {size}"><h2>{escape(title)}</h2>{inner}</div>')
    body = _header("Persona", ("Name", "Share of customers")) + (
        f'<div class="boxes">{"".join(boxes)}</div>'
    )
    return _page("Persona", body)


ACTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("What changes", "one change per row"),
    ("Answers insight", "the pain point customers named"),
    ("Owner", "a team or a person"),
    ("Impact 1-5", ""),
    ("Effort 1-5", ""),
    ("Due", ""),
    ("KPI", "what shows it worked"),
)
ACTION_ROWS = 8


def action_canvas() -> str:
    """An action plan: every change tied to an insight, with owner and KPI, and an
    impact/effort grid to order them (quick wins first)."""
    head = "".join(
        f"<th>{escape(c)}<span class='hint'>{escape(h)}</span></th>"
        if h
        else f"<th>{escape(c)}</th>"
        for c, h in ACTION_COLUMNS
    )
    rows = "".join(
        "<tr>" + "".join("<td>&nbsp;</td>" for _ in ACTION_COLUMNS) + "</tr>"
        for _ in range(ACTION_ROWS)
    )
    matrix = (
        '<div class="matrix"><div class="axis y">impact &uarr;</div>'
        '<div class="q">big bets<br>(high impact, high effort)</div>'
        '<div class="q">quick wins: first<br>(high impact, low effort)</div>'
        '<div class="q">drop<br>(low impact, high effort)</div>'
        '<div class="q">fill-ins<br>(low impact, low effort)</div>'
        '<div></div><div class="axis" style="grid-column: span 2">&larr; effort</div></div>'
    )
    body = _header("Action plan", ("Team", "Journey")) + (
        f'<div class="plan"><table><tr>{head}</tr>{rows}</table>{matrix}</div>'
    )
    return _page("Action plan", body)


def canvases(stage_model: str = "five-stage") -> dict[str, str]:
    """Every canvas by file name (without suffix)."""
    return {
        "persona": persona_canvas(),
        "journey-map": journey_canvas(stage_model),
        "action-plan": action_canvas(),
    }


def write_canvases(folder: Path, stage_model: str = "five-stage") -> list[Path]:
    """Write the canvases as HTML files in `folder`."""
    pages = canvases(stage_model)  # an unknown stage model is refused before anything is written
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, html in pages.items():
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        written.append(path)
    return written
