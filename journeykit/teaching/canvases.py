"""Printable canvases for teams working on paper or a wall: a persona, a journey map and an
action plan, A4 landscape, drawn from the method (the map's lanes, a stage model's stages, the
evidence levels of a persona, an action's owner and KPI). One self-contained HTML file each,
no script and no link; `journeykit canvases` also prints them to PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journeykit.charts.matrices import QUADRANTS
from journeykit.i18n import N_, _, local_digits, separator
from journeykit.model import EMOTION_MAX, template
from journeykit.model.lanes import MAP_LANES
from journeykit.templates import render

LANES: tuple[tuple[str, str], ...] = tuple((lane.name, lane.hint) for lane in MAP_LANES)
"""The map's lanes on paper, the emotion among them (`journeykit.model.lanes`)."""


def _canvas(kind: str, title: str, fields: tuple[str, ...], **parts: Any) -> str:
    """A canvas page (`canvas.html.j2`): its title, the blanks to fill in at the top, and
    what its `kind` draws (a map's stages and lanes, a persona's boxes, a plan's columns)."""
    parts.setdefault("heading", title)
    return render(
        "canvas.html.j2", kind=kind, title=title, fields=fields, separator=separator(), **parts
    )


def journey_canvas(stage_model: str = "five-stage") -> str:
    """A journey map: the stages of a stage model across, the method's lanes down, and an
    emotion lane with the app's -3..+3 scale to draw the curve on."""
    model = template(stage_model)
    scale = [
        local_digits(f"{v:+d}" if v else "0") for v in range(EMOTION_MAX, -EMOTION_MAX - 1, -1)
    ]
    lanes = [  # the lane the charts draw as a curve is drawn on paper against its scale
        {"name": lane.name, "hint": lane.hint, "scale": [] if lane.charted else scale}
        for lane in MAP_LANES
    ]
    name = _(model.name)
    return _canvas(
        "journey",
        _("Journey map ({model})").format(model=name),
        (N_("Persona (one or two)"), N_("Scenario"), N_("As-is / to-be")),
        heading=_("Journey map: {model}").format(model=name),
        stages=[s.name for s in model.stages],
        lanes=lanes,
    )


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
    levels = (N_("assumed"), N_("researched"), N_("validated with customers"))
    boxes = [
        {"title": title, "hint": hint, "size": size, "levels": levels if not hint else ()}
        for title, hint, size in PERSONA_BOXES
    ]
    return _canvas("persona", _("Persona"), (N_("Name"), N_("Share of customers")), boxes=boxes)


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
    return _canvas(
        "actions",
        _("Action plan"),
        (N_("Team"), N_("Journey")),
        columns=ACTION_COLUMNS,
        rows=ACTION_ROWS,
        quadrants=[(name, QUADRANT_HINTS[name]) for name in QUADRANTS],
    )


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
