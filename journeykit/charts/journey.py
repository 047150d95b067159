"""The journey map and the emotion curve: what a team draws on the wall, drawn from its data.

Every chart aggregates first (one cell per stage and lane, one point per step), so a journey of
hundreds of steps stays a small spec and never meets altair's MaxRowsError.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from journeykit.charts.style import (
    EMOTION_DOMAIN,
    KIND_COLOURS,
    LANE_COLOURS,
    checked_once,
    layered,
    palette,
    tip,
)
from journeykit.i18n import _, format_number, in_direction, ngettext
from journeykit.model import Insight, Journey, kind_title, label
from journeykit.model.lanes import FINDING_MARK, MAP_LANES, findings_on

LANES = tuple(lane.name for lane in MAP_LANES if lane.charted)
"""The map's lanes, top to bottom; the emotion curve is drawn below them."""

STAGE_WIDTH = 170
MAP_WIDTH = 820
"""Wide maps shrink their columns so that map and lane names fit a 1024 px projected page
(never below 110 px a column)."""
FONT_SIZE = 14
"""Map text read from the back of a room on a 1024x768 projector."""
LINE_HEIGHT = 18
CHAR_WIDTH = 7.2
"""Average width of a character at FONT_SIZE (px): how many fit on a line of a column."""
MAX_LINES = 9
MIN_LANE_HEIGHT = 64


def _wrap(entries: Sequence[str], chars: int) -> list[str]:
    """A cell's entries wrapped whole onto lines of `chars`; only when the cell would pass
    MAX_LINES are the last entries left out, with '+N more' (every text is in the tooltip
    and in the report's step table)."""
    lines: list[str] = []
    for number, entry in enumerate(entries):
        mark, entry = (  # an insight's mark stands where a step's bullet does
            (FINDING_MARK, entry[2:]) if entry.startswith(f"{FINDING_MARK} ") else ("•", entry)
        )
        wrapped = textwrap.wrap(entry, chars - 2, break_long_words=True) or [""]
        if len(lines) + len(wrapped) > MAX_LINES - 1 and number < len(entries) - 1:
            more = _("+{count} more").format(count=format_number(len(entries) - number))
            lines.append(in_direction(more))
            break
        lines.extend(f"{mark} {w}" if i == 0 else f"  {w}" for i, w in enumerate(wrapped))
    return lines[:MAX_LINES]


def _lane_entries(
    journey: Journey,
    touchpoints: Mapping[str, str],
    chars: int,
    insights: Sequence[Insight] = (),
) -> list[dict[str, object]]:
    """One record per stage and lane, holding the insights placed there (first, marked, so
    that evidence reads apart from the team's guesses), then the texts of every step there."""
    cells: dict[tuple[str, str], list[str]] = {}
    for step in journey.steps:
        places = [touchpoints.get(t, t) for t in step.touchpoints]
        for lane in MAP_LANES:
            if lane.charted:
                bucket = cells.setdefault((step.stage, lane.name), [])
                bucket.extend(t for t in lane.shows(step, places) if t and t not in bucket)
    lane_of = {kind: lane.name for lane in MAP_LANES for kind in lane.findings}
    marked: dict[tuple[str, str], list[str]] = {}
    for insight in findings_on(journey, insights):
        if insight.kind in lane_of and insight.stage:
            marked.setdefault((insight.stage, lane_of[insight.kind]), []).append(
                f"{FINDING_MARK} {insight.title}"
            )
    for cell, found in marked.items():  # first: a full cell leaves out its last lines
        cells[cell] = found + [t for t in cells.get(cell, []) if t not in found]
    names = {s.id: s.name for s in journey.stages}
    return [
        {
            "stage": names[stage],
            "stage_id": stage,
            "lane": _(lane),
            "text": _wrap(texts, chars),
            "full": " | ".join(texts),
            "count": len(texts),
        }
        for (stage, lane), texts in cells.items()
    ]


POINT_COLUMNS = (
    "journey",
    "kind",
    "stage",
    "emotion",
    "action",
    "x",
    "journey_id",
    "stage_id",
    "step",
)
PICKS = ("onstep", "oncell")
"""The selections a map carries: a click on a step of the curve (`onstep`: journey_id, stage_id,
step) or on the text of a cell of the lanes (`oncell`: stage_id); an editor opens what was
clicked."""


def emotion_points(journeys: Sequence[Journey]) -> pd.DataFrame:
    """One row per step: journey, kind, stage name, emotion, and the step's place along the
    journey (`x`: stage k spans k..k+1, its steps spread evenly inside, in their order)."""
    rows = []
    for j in journeys:
        names = {s.id: s.name for s in j.stages}
        for index, stage in enumerate(j.stages):
            here = [step for step in j.steps if step.stage == stage.id]
            rows += [
                {
                    "journey": j.name,
                    "kind": label(j.kind),
                    "stage": names[step.stage],
                    "emotion": step.emotion,
                    "action": step.action,
                    "x": index + (k + 0.5) / len(here),
                    "journey_id": j.id,
                    "stage_id": step.stage,
                    "step": step.id,
                }
                for k, step in enumerate(here)
            ]
    return pd.DataFrame(rows, columns=[*POINT_COLUMNS])


def _stage_order(journeys: Sequence[Journey]) -> list[str]:
    return list(dict.fromkeys(s.name for j in journeys for s in j.stages))


def by_stage_model(journeys: Sequence[Journey]) -> list[list[Journey]]:
    """Journeys grouped by their stages (one stage model per chart: two models on one axis
    read as one journey of twice the stages)."""
    groups: dict[tuple[str, ...], list[Journey]] = {}
    for journey in journeys:
        groups.setdefault(tuple(journey.stage_ids()), []).append(journey)
    return list(groups.values())


def _stage_axis(stages: Sequence[str]) -> alt.Axis:
    """An axis over 0..len(stages) labelled with the stage names at the middle of each."""
    names = "[" + ",".join(json.dumps(s) for s in stages) + "]"
    return alt.Axis(
        values=[k + 0.5 for k in range(len(stages))],
        labelExpr=f"{names}[floor(datum.value)]",
        labelAngle=0,
        labelLimit=160,
        labelFontSize=13,
        grid=False,
        ticks=False,
        orient="bottom",
    )


@checked_once
def emotion_curve(
    journeys: Sequence[Journey], width: int | None = None, title: str | None = None
) -> alt.TopLevelMixin:
    """The emotion of every step, drawn as a curve through the steps of each journey (as-is
    and to-be together), on the method's -3..+3 scale with a line at neutral. Journeys on
    different stage models get a chart each."""
    journeys = list(journeys)
    groups = by_stage_model(journeys) or [[]]
    charts = [_one_curve(group, width, clickable=False) for group in groups]
    chart = (
        charts[0]
        if len(charts) == 1
        else alt.vconcat(*charts, spacing=24).resolve_scale(color="independent")
    )
    return chart.properties(title=_("Emotion curve") if title is None else title)


def _one_curve(
    journeys: Sequence[Journey], width: int | None, clickable: bool = True
) -> alt.LayerChart:
    stages = _stage_order(journeys)
    points = emotion_points(journeys)
    scale = alt.Scale(domain=[0, max(len(stages), 1)], nice=False, zero=False)
    x = alt.X("x:Q", scale=scale, title=None, axis=_stage_axis(stages))
    y = alt.Y("emotion:Q", scale=alt.Scale(domain=EMOTION_DOMAIN), title=_("Emotion"))
    colour = alt.Color(
        "journey:N",
        title=_("Journey"),
        scale=alt.Scale(range=[KIND_COLOURS[j.kind] for j in journeys] or alt.Undefined),
        sort=[j.name for j in journeys],
        legend=alt.Legend(orient="top", labelFontSize=13, titleFontSize=13, labelLimit=400),
    )
    line = (
        alt.Chart(points)
        .mark_line(point=alt.OverlayMarkDef(size=90), strokeWidth=3, interpolate="monotone")
        .encode(
            x=x,
            y=y,
            color=colour,
            order="x:Q",
            tooltip=[tip("journey:N"), tip("stage:N"), tip("action:N"), tip("emotion:Q")],
        )
    )
    # each step a target to click (over its dot on the line): the editor opens that step
    pick = alt.selection_point(name="onstep", fields=["journey_id", "stage_id", "step"], on="click")
    targets = (
        alt.Chart(points)
        .mark_circle(size=260, opacity=0, cursor="pointer")
        .encode(x=x, y=y, tooltip=[tip("journey:N"), tip("action:N"), tip("emotion:Q")])
        .add_params(pick)
    )
    bounds = pd.DataFrame({"x": list(range(1, len(stages)))})
    dividers = alt.Chart(bounds).mark_rule(color="#ddd").encode(x=alt.X("x:Q", scale=scale))
    neutral = alt.Chart(pd.DataFrame({"emotion": [0]})).mark_rule(strokeDash=[4, 4], color="#888")
    neutral = neutral.encode(y="emotion:Q")
    size = width or max(min(STAGE_WIDTH * max(len(stages), 1), MAP_WIDTH), 300)
    layers = [dividers, neutral, line] + ([targets] if clickable else [])
    return layered(*layers, width=size, height=180)


@checked_once
def journey_map(
    journey: Journey,
    touchpoints: Mapping[str, str] | None = None,
    to_be: Journey | None = None,
    persona_names: Mapping[str, str] | None = None,
    insights: Sequence[Insight] = (),
) -> alt.VConcatChart:
    """The journey map: stages as columns, a lane each for actions, touchpoints, thoughts,
    pain points, opportunities and moments of truth, and the emotion curve below (the to-be
    curve beside the as-is one when there is a to-be journey). Insights placed at a stage of
    the journey (accepted themes among them) show in the lane of their kind."""
    names = dict(touchpoints or {})
    stages = [s.name for s in journey.stages]
    column = max(110, min(STAGE_WIDTH, MAP_WIDTH // max(len(stages), 1)))
    chars = int((column - 12) / CHAR_WIDTH)
    cells = pd.DataFrame(
        _lane_entries(journey, names, chars, insights),
        columns=["stage", "stage_id", "lane", "text", "full", "count"],
    )
    tallest = int(cells["text"].map(len).max()) if len(cells) else 1
    lane_height = max(MIN_LANE_HEIGHT, tallest * LINE_HEIGHT + 16)
    lanes_shown = [_(lane) for lane in LANES]
    # one mark per line, placed in pixels: multi-line marks of right-to-left text are drawn
    # over each other by the SVG renderer of the report and exports (vl-convert)
    place = {lane: index for index, lane in enumerate(lanes_shown)}
    lines = pd.DataFrame(
        [
            {
                **{k: cell[k] for k in ("stage", "stage_id", "lane", "full")},
                "line": line,
                "top": place[cell["lane"]] * lane_height + 8 + number * LINE_HEIGHT,
            }
            for cell in cells.to_dict("records")
            for number, line in enumerate(cell["text"])
        ],
        columns=["stage", "stage_id", "lane", "full", "line", "top"],
    )
    height = len(LANES) * lane_height
    grid = pd.DataFrame(
        [
            {"stage": s.name, "stage_id": s.id, "lane": lane}
            for s in journey.stages
            for lane in lanes_shown
        ],
        columns=["stage", "stage_id", "lane"],
    )
    # a long stage name ("Обязательство", "Elköteleződés") in a smaller size rather than cut
    # off with "...": bold letters are about 0.62 of the size wide
    longest = max((len(s.name) for s in journey.stages), default=0)
    header = next((size for size in (15, 14, 13, 12) if longest * 0.62 * size <= column - 8), 11)
    x = alt.X(
        "stage:N",
        sort=stages,
        title=None,
        scale=alt.Scale(paddingInner=0, paddingOuter=0),
        axis=alt.Axis(
            orient="top",
            labelAngle=0,
            labelFontSize=header,
            labelFontWeight="bold",
            labelLimit=column,
        ),
    )
    y = alt.Y(
        "lane:N",
        sort=lanes_shown,
        title=None,
        scale=alt.Scale(paddingInner=0, paddingOuter=0),
        axis=alt.Axis(labelFontSize=14),
    )
    background = (
        alt.Chart(grid)
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=x,
            y=y,
            color=palette("lane:N", {_(lane): LANE_COLOURS[lane] for lane in LANES}),
        )
    )
    text = (
        alt.Chart(lines)
        .mark_text(
            align="left",
            baseline="top",
            dx=-column // 2 + 6,
            fontSize=FONT_SIZE,
            cursor="pointer",
        )
        .encode(
            x=x,
            y=alt.Y(
                "top:Q",
                scale=alt.Scale(domain=[0, height], range=[0, height], nice=False, zero=False),
                axis=None,
            ),
            text="line:N",
            tooltip=[tip("stage:N"), tip("lane:N"), tip("full:N")],
        )
        .add_params(alt.selection_point(name="oncell", fields=["stage_id"], on="click"))
    )
    lanes = (
        alt.layer(background, text)
        .resolve_scale(y="independent")
        .properties(width=column * len(stages), height=height)
    )
    same_model = to_be is not None and to_be.stage_ids() == journey.stage_ids()
    shown = [journey] + ([to_be] if to_be is not None and same_model else [])
    curve = _one_curve(shown, width=column * len(stages))
    who = ", ".join((persona_names or {}).get(p, p) for p in journey.personas)
    name = kind_title(journey.name, journey.kind)
    steps = ngettext("{count} step", "{count} steps", len(journey.steps))
    title = alt.Title(
        in_direction(name),
        subtitle=in_direction(
            _("personas: {names}; {steps}").format(
                names=who, steps=steps.format(count=format_number(len(journey.steps)))
            )
        ),
        anchor="start",
        fontSize=18,
    )
    return (
        alt.vconcat(lanes, curve, spacing=8, title=title)
        .resolve_scale(x="independent", color="independent")
        .configure_view(strokeWidth=0)
    )


@checked_once
def map_of(
    journey: Journey,
    journeys: Sequence[Journey],
    touchpoints: Mapping[str, str],
    personas: Mapping[str, str] | None = None,
    insights: Sequence[Insight] = (),
) -> alt.VConcatChart:
    """The map of `journey`, with the to-be curve beside it when a to-be journey of the same
    personas exists (or the as-is one, when `journey` is the to-be), and the insights placed
    on it."""
    other_kind = "to-be" if journey.kind == "as-is" else "as-is"
    partner = next(
        (
            j
            for j in journeys
            if j.kind == other_kind
            and set(j.personas) == set(journey.personas)
            and j.stage_ids() == journey.stage_ids()
        ),
        None,
    )
    return journey_map(
        journey, touchpoints, to_be=partner, persona_names=personas, insights=insights
    )
