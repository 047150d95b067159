"""Printable canvases for teams working on paper or a wall: a persona, a journey map and an
action plan, A4 landscape, drawn from the method (the map's lanes, a stage model's stages, the
evidence levels of a persona, an action's owner and KPI). One self-contained HTML file each,
no script and no link; `journeykit canvases` also prints them to PDF."""

from __future__ import annotations

from html import escape
from pathlib import Path

from journeykit.charts.matrices import QUADRANTS
from journeykit.i18n import N_, _, current, direction, local_digits, separator
from journeykit.model import EMOTION_MAX, template
from journeykit.model.lanes import MAP_LANES

STYLE = """
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: "Vazirmatn", "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #1f2328;
  margin: 0;
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
.matrix { direction: ltr; display: grid; grid-template-columns: 6mm 1fr 1fr;
  grid-template-rows: 1fr 1fr 6mm; gap: 0; height: 100%; font-size: 9pt; }
.matrix .q { border: 1px solid #9aa4b2; padding: 1.5mm; color: #555; }
.matrix .axis { color: #333; font-weight: bold; display: flex; align-items: center;
  justify-content: center; }
.matrix .y { writing-mode: vertical-rl; transform: rotate(180deg); grid-row: span 2; }
.plan table { flex: none; align-self: start; }
.plan td { height: 17mm; }
footer { font-size: 8pt; color: #666; margin-top: 2mm; }
"""

LANES: tuple[tuple[str, str], ...] = tuple((lane.name, lane.hint) for lane in MAP_LANES)
"""The map's lanes on paper, the emotion among them (`journeykit.model.lanes`)."""


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{current()}" dir="{direction()}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f'<div class="sheet">{body}<footer>{escape(_("JourneyKit canvas"))}'
        f"{separator()}{escape(title)}"
        "</footer></div></body></html>"
    )


def _header(title: str, fields: tuple[str, ...]) -> str:
    blanks = " ".join(
        f'<span class="fill">{escape(_(f))}: <span class="blank">&nbsp;</span></span>'
        for f in fields
    )
    return f"<header><h1>{escape(title)}</h1><div>{blanks}</div></header>"


def journey_canvas(stage_model: str = "five-stage") -> str:
    """A journey map: the stages of a stage model across, the method's lanes down, and an
    emotion lane with the app's -3..+3 scale to draw the curve on."""
    model = template(stage_model)
    stages = "".join(f"<th>{escape(_(s.name))}</th>" for s in model.stages)
    cells = "".join("<td></td>" for _stage in model.stages)
    rows = []
    for lane, hint in LANES:
        label = escape(_(lane)) + (f"<span class='hint'>{escape(_(hint))}</span>" if hint else "")
        if lane == "Emotion":
            scale = "<br>".join(
                f"{v:+d}" if v else "0" for v in range(EMOTION_MAX, -EMOTION_MAX - 1, -1)
            )
            label += f'<div class="scale">{local_digits(scale)}</div>'
            rows.append(f'<tr class="emotion"><th class="lane">{label}</th>{cells}</tr>')
        else:
            rows.append(f'<tr><th class="lane">{label}</th>{cells}</tr>')
    name = _(model.name)
    body = _header(
        _("Journey map: {model}").format(model=name),
        (N_("Persona (one or two)"), N_("Scenario"), N_("As-is / to-be")),
    ) + (
        f'<table><tr><th class="lane">{escape(_("Stage"))}</th>{stages}</tr>{"".join(rows)}</table>'
    )
    return _page(_("Journey map ({model})").format(model=name), body)


PERSONA_BOXES: tuple[tuple[str, str, str], ...] = (
    (N_("Who"), N_("segment, role, age, situation"), ""),
    (N_("Goals"), N_("what they want to achieve"), ""),
    (N_("Needs"), N_("what they need from us to get there"), ""),
    (N_("Frustrations"), N_("what gets in their way today"), ""),
    (N_("Motivations"), N_("why they act: triggers, values"), ""),
    (N_("Preferred channels"), N_("web, phone, store, chat, friends ..."), ""),
    (N_("A quote"), N_("in their words, from an interview"), "wide"),
    (N_("Evidence"), "", ""),
)


def persona_canvas() -> str:
    """A persona: a fictional customer built from research, with how well it is evidenced."""
    boxes = []
    for title, hint, size in PERSONA_BOXES:
        if title == "Evidence":
            levels = "".join(
                f'<div><span class="tick"></span>{escape(_(level))}</div>'
                for level in (N_("assumed"), N_("researched"), N_("validated with customers"))
            )
            inner = f"<span class='hint'>{escape(_('how do we know?'))}</span>{levels}"
        else:
            inner = f"<span class='hint'>{escape(_(hint))}</span>"
        boxes.append(f'<div class="box {size}"><h2>{escape(_(title))}</h2>{inner}</div>')
    body = _header(_("Persona"), (N_("Name"), N_("Share of customers"))) + (
        f'<div class="boxes">{"".join(boxes)}</div>'
    )
    return _page(_("Persona"), body)


ACTION_COLUMNS: tuple[tuple[str, str], ...] = (
    (N_("What changes"), N_("one change per row")),
    (N_("Answers insight"), N_("the pain point customers named")),
    (N_("Owner"), N_("a team or a person")),
    (N_("Impact 1-5"), ""),
    (N_("Effort 1-5"), ""),
    (N_("Due"), ""),
    (N_("KPI"), N_("what shows it worked")),
)
ACTION_ROWS = 8
QUADRANT_HINTS = {
    # the app's quadrants (charts.matrices.QUADRANTS), laid out as the app draws them:
    # impact up, effort to the right, quick wins top left
    "quick wins": N_("high impact, low effort: first"),
    "big bets": N_("high impact, high effort"),
    "fill-ins": N_("low impact, low effort"),
    "money pits": N_("low impact, high effort: drop"),
}


def action_canvas() -> str:
    """An action plan: every change tied to an insight, with owner and KPI, and an
    impact/effort grid to order them (quick wins first)."""
    head = "".join(
        f"<th>{escape(_(c))}" + (f"<span class='hint'>{escape(_(h))}</span>" if h else "") + "</th>"
        for c, h in ACTION_COLUMNS
    )
    rows = "".join(
        "<tr>" + "".join("<td>&nbsp;</td>" for _column in ACTION_COLUMNS) + "</tr>"
        for _row in range(ACTION_ROWS)
    )
    cells = [
        f'<div class="q" dir="auto">{escape(_(name).upper())}<br>'
        f"({escape(_(QUADRANT_HINTS[name]))})</div>"
        for name in QUADRANTS
    ]
    matrix = (
        f'<div class="matrix"><div class="axis y">{escape(_("impact"))} &uarr;</div>'
        f"{cells[0]}{cells[1]}{cells[2]}{cells[3]}"
        '<div></div><div class="axis" style="grid-column: span 2">'
        f"{escape(_('effort'))} &rarr;</div></div>"
    )
    body = _header(_("Action plan"), (N_("Team"), N_("Journey"))) + (
        f'<div class="plan"><table><tr>{head}</tr>{rows}</table>{matrix}</div>'
    )
    return _page(_("Action plan"), body)


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
