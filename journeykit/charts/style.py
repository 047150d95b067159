"""Colours and fonts every chart shares, chosen to read on a projector in a bright room."""

from __future__ import annotations

import altair as alt

FONTS = ("DejaVu Sans", "Noto Sans", "Noto Sans Arabic", "sans-serif")
"""Installed with the kit's system packages: Persian, Hungarian and Russian all render."""

EMOTION_DOMAIN = (-3, 3)

KIND_COLOURS = {"as-is": "#1f5fa8", "to-be": "#2e9e5b"}

LANE_COLOURS = {
    "Customer actions": "#e8f0fa",
    "Touchpoints": "#eef5ea",
    "Thoughts": "#f6f1e7",
    "Pain points": "#fbe6e4",
    "Opportunities": "#e6f6f1",
    "Moments of truth": "#fdf3d6",
}

QUADRANT_COLOURS = {
    "quick wins": "#d9f0d3",
    "big bets": "#dbe7f6",
    "fill-ins": "#f2f2f2",
    "money pits": "#f9dcd8",
}

OUTCOME_COLOURS = {
    "keep and strengthen": "#2e9e5b",
    "add to the map: customers meet it here": "#e08a00",
    "add: planned on the map, not in use yet": "#1f5fa8",
    "drop: activity with no wanted effect on the journey": "#c0392b",
    "check: no customer reports it": "#8e8e8e",
    "decide: customers use it unprompted": "#8e44ad",
}


def palette(field: str, colours: dict[str, str], legend: object = None) -> alt.Color:
    """A colour encoding that gives each known value its own fixed colour (lanes, quadrants,
    gap outcomes), so a colour means the same thing in every chart."""
    return alt.Color(
        field,
        scale=alt.Scale(domain=list(colours), range=list(colours.values())),
        legend=legend,
    )


def font() -> str:
    return ", ".join(FONTS)
