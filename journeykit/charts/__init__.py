"""Altair charts of journeys, scores and plans. Each builder takes data and returns a chart;
`save_chart` writes PNG or SVG with vl-convert, no network involved."""

from __future__ import annotations

from pathlib import Path

import altair as alt

from journeykit.charts.journey import LANES, emotion_curve, emotion_points, journey_map, map_of
from journeykit.charts.matrices import (
    FEW_USERS,
    QUADRANTS,
    action_points,
    conversion_chart,
    flow_chart,
    funnel_chart,
    gap_matrix,
    heatmap,
    priority_matrix,
    quadrant,
    score_bars,
)

FORMATS = ("png", "svg")


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as SVG text, drawn by vl-convert: fits in a page that must work offline."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict())


def save_chart(chart: alt.TopLevelMixin, path: str | Path, scale: float = 2.0) -> Path:
    """Write a chart as PNG (at `scale`, sharp on a projector) or SVG, by the file's suffix."""
    target = Path(path)
    kind = target.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise ValueError(
            f"{target.name}: charts are saved as {' or '.join(FORMATS)}: name the file "
            f"{target.stem}.png or {target.stem}.svg"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "png":
        chart.save(str(target), format="png", scale_factor=scale)
    else:
        chart.save(str(target), format="svg")
    return target


__all__ = [
    "FEW_USERS",
    "FORMATS",
    "LANES",
    "QUADRANTS",
    "action_points",
    "chart_svg",
    "conversion_chart",
    "emotion_curve",
    "emotion_points",
    "flow_chart",
    "funnel_chart",
    "gap_matrix",
    "heatmap",
    "journey_map",
    "map_of",
    "priority_matrix",
    "quadrant",
    "save_chart",
    "score_bars",
]
