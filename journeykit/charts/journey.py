"""The journey map and the emotion curve: what a team draws on the wall, drawn from its data.

Every chart aggregates first (one cell per stage and lane, one point per step), so a journey of
hundreds of steps stays a small spec and never meets altair's MaxRowsError.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from journeykit.charts.style import (
    EMOTION_DOMAIN,
    KIND_COLOURS,
    LANE_COLOURS,
    chart_config,
    palette,
    tip,
)
from journeykit.i18n import N_, _, format_number, in_direction, ngettext
from journeykit.model import Journey, label

LANES = (
    N_("Customer actions"),
    N_("Touchpoints"),
    N_("Thoughts"),
    N_("Pain points"),
    N_("Opportunities"),
    N_("Moments of truth"),
)
"""The map's lanes, top to bottom; the emotion curve is drawn below them."""

STAGE_WIDTH = 170
MAP_WIDTH = 1050
"""Wide maps shrink their columns to fit a projected page (but never below 110 px)."""
LINE_CHARS = 24
MAX_LINES = 7


def _wrap(entries: Sequence[str], chars: int = LINE_CHARS) -> list[str]:
    """A cell's entries as short lines, cut with '+N more' when they would not fit."""
    lines: list[str] = []
    for number, entry in enumerate(entries):
        wrapped = textwrap.wrap(entry, chars, max_lines=2, placeholder="…") or [""]
        if len(lines) + len(wrapped) > MAX_LINES - 1 and number < len(entries) - 1:
            more = _("+{count} more").format(count=format_number(len(entries) - number))
            lines.append(in_direction(more))
            break
        lines.extend(f"• {w}" if i == 0 else f"  {w}" for i, w in enumerate(wrapped))
    return lines


def _lane_entries(
    journey: Journey, touchpoints: Mapping[str, str], chars: int = LINE_CHARS
) -> list[dict[str, object]]:
    """One record per stage and lane, holding the texts of every step there."""
    cells: dict[tuple[str, str], list[str]] = {}
    for step in journey.steps:
        place = touchpoints.get(step.touchpoint, step.touchpoint) if step.touchpoint else ""
        values = {
            "Customer actions": [step.action],
            "Touchpoints": [place] if place else [],
            "Thoughts": [step.thoughts] if step.thoughts else [],
            "Pain points": step.pain_points,
            "Opportunities": step.opportunities,
            "Moments of truth": [f"★ {place or step.action}"] if step.moment_of_truth else [],
        }
        for lane, texts in values.items():
            bucket = cells.setdefault((step.stage, lane), [])
            bucket.extend(t for t in texts if t and t not in bucket)
    names = {s.id: s.name for s in journey.stages}
    return [
        {
            "stage": names[stage],
            "lane": _(lane),
            "text": _wrap(texts, chars),
            "count": len(texts),
        }
        for (stage, lane), texts in cells.items()
    ]


def emotion_points(journeys: Sequence[Journey]) -> pd.DataFrame:
    """One row per step: journey, kind, stage name and emotion (the curve's data)."""
    rows = [
        {
            "journey": j.name,
            "kind": label(j.kind),
            "stage": {s.id: s.name for s in j.stages}[step.stage],
            "emotion": step.emotion,
            "action": step.action,
        }
        for j in journeys
        for step in j.steps
    ]
    return pd.DataFrame(rows, columns=["journey", "kind", "stage", "emotion", "action"])


def _stage_order(journeys: Sequence[Journey]) -> list[str]:
    return list(dict.fromkeys(s.name for j in journeys for s in j.stages))


def emotion_curve(
    journeys: Sequence[Journey], width: int | None = None, title: str | None = None
) -> alt.LayerChart:
    """The mean emotion per stage of each journey (as-is and to-be together), with each step
    as a dot, on the method's -3..+3 scale with a line at neutral."""
    journeys = list(journeys)
    stages = _stage_order(journeys)
    points = emotion_points(journeys)
    means = points.groupby(["journey", "kind", "stage"], as_index=False, observed=True)[
        "emotion"
    ].mean()
    x = alt.X("stage:N", sort=stages, title=None, axis=alt.Axis(labelAngle=0, labelLimit=160))
    y = alt.Y("emotion:Q", scale=alt.Scale(domain=EMOTION_DOMAIN), title=_("Emotion"))
    colour = alt.Color(
        "journey:N",
        title=_("Journey"),
        scale=alt.Scale(range=[KIND_COLOURS[j.kind] for j in journeys] or None),
        sort=[j.name for j in journeys],
        legend=alt.Legend(orient="top"),
    )
    line = (
        alt.Chart(means)
        .mark_line(point=alt.OverlayMarkDef(size=80), strokeWidth=3, interpolate="linear")
        .encode(
            x=x,
            y=y,
            color=colour,
            tooltip=[tip("journey:N"), tip("stage:N"), tip("emotion:Q", format=".1f")],
        )
    )
    dots = (
        alt.Chart(points)
        .mark_circle(size=40, opacity=0.35)
        .encode(
            x=x,
            y=y,
            color=colour,
            tooltip=[tip("journey:N"), tip("stage:N"), tip("action:N"), tip("emotion:Q")],
        )
    )
    neutral = alt.Chart(pd.DataFrame({"emotion": [0]})).mark_rule(strokeDash=[4, 4], color="#888")
    neutral = neutral.encode(y="emotion:Q")
    size = width or max(STAGE_WIDTH * max(len(stages), 1), 300)
    return alt.layer(neutral, dots, line).properties(
        width=size, height=180, title=_("Emotion curve") if title is None else title
    )


def journey_map(
    journey: Journey,
    touchpoints: Mapping[str, str] | None = None,
    to_be: Journey | None = None,
    persona_names: Mapping[str, str] | None = None,
) -> alt.VConcatChart:
    """The journey map: stages as columns, a lane each for actions, touchpoints, thoughts,
    pain points, opportunities and moments of truth, and the emotion curve below (the to-be
    curve beside the as-is one when there is a to-be journey)."""
    names = dict(touchpoints or {})
    stages = [s.name for s in journey.stages]
    column = max(110, min(STAGE_WIDTH, MAP_WIDTH // max(len(stages), 1)))
    chars = LINE_CHARS * column // STAGE_WIDTH
    cells = pd.DataFrame(
        _lane_entries(journey, names, chars), columns=["stage", "lane", "text", "count"]
    )
    lanes_shown = [_(lane) for lane in LANES]
    grid = pd.DataFrame(
        [{"stage": s, "lane": lane} for s in stages for lane in lanes_shown],
        columns=["stage", "lane"],
    )
    x = alt.X(
        "stage:N",
        sort=stages,
        title=None,
        axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=14, labelFontWeight="bold"),
    )
    y = alt.Y("lane:N", sort=lanes_shown, title=None, axis=alt.Axis(labelFontSize=13))
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
        alt.Chart(cells)
        .mark_text(align="left", baseline="middle", dx=-column // 2 + 6, fontSize=11, lineHeight=14)
        .encode(x=x, y=y, text="text:N", tooltip=[tip("stage:N"), tip("lane:N"), tip("count:Q")])
    )
    lanes = alt.layer(background, text).properties(
        width=column * len(stages), height=len(LANES) * 110
    )
    shown = [journey] + ([to_be] if to_be is not None else [])
    curve = emotion_curve(shown, width=column * len(stages), title="")
    who = ", ".join((persona_names or {}).get(p, p) for p in journey.personas)
    kind = label(journey.kind)
    name = journey.name if kind in journey.name else f"{journey.name} ({kind})"
    steps = ngettext("{count} step", "{count} steps", len(journey.steps))
    title = alt.Title(
        name,
        subtitle=_("personas: {names}; {steps}").format(
            names=who, steps=steps.format(count=format_number(len(journey.steps)))
        ),
        anchor="start",
        fontSize=18,
    )
    return (
        alt.vconcat(lanes, curve, spacing=8, title=title)
        .resolve_scale(x="shared", color="independent")
        .configure(**chart_config())
        .configure_view(strokeWidth=0)
    )


def map_of(
    journey: Journey,
    journeys: Sequence[Journey],
    touchpoints: Mapping[str, str],
    personas: Mapping[str, str] | None = None,
) -> alt.VConcatChart:
    """The map of `journey`, with the to-be curve beside it when a to-be journey of the same
    personas exists (or the as-is one, when `journey` is the to-be)."""
    other_kind = "to-be" if journey.kind == "as-is" else "as-is"
    partner = next(
        (j for j in journeys if j.kind == other_kind and set(j.personas) == set(journey.personas)),
        None,
    )
    return journey_map(journey, touchpoints, to_be=partner, persona_names=personas)
