"""Grids and bars: touchpoint x stage heatmap, gap matrix, priority matrix, scores with their
intervals, and the funnel. Each takes the table the analysis layer returns and returns a chart."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Literal

import altair as alt
import numpy as np
import pandas as pd

from journeykit.analysis.funnel import SESSION_GAP
from journeykit.charts.style import (
    OUTCOME_COLOURS,
    QUADRANT_COLOURS,
    checked_once,
    layered,
    number_legend,
    palette,
    tip,
)
from journeykit.i18n import (
    N_,
    _,
    direction,
    format_number,
    format_percent,
    in_direction,
    ngettext,
)
from journeykit.model import Action

QUADRANTS = {
    # name: (effort from..to, impact from..to) on the 1-5 scales; 3 counts as high
    N_("quick wins"): ((0.5, 2.5), (2.5, 5.5)),
    N_("big bets"): ((2.5, 5.5), (2.5, 5.5)),
    N_("fill-ins"): ((0.5, 2.5), (0.5, 2.5)),
    N_("money pits"): ((2.5, 5.5), (0.5, 2.5)),
}
"""The four quadrants of impact x effort: high impact and low effort first."""


def quadrant(impact: int, effort: int) -> str:
    """The quadrant an action falls in (the middle value 3 counts as high), by its English
    name (`_()` names it in the reader's language)."""
    high_impact, high_effort = impact >= 3, effort >= 3
    if high_impact:
        return "big bets" if high_effort else "quick wins"
    return "money pits" if high_effort else "fill-ins"


def _named(values: pd.Series, names: Mapping[str, str] | None) -> pd.Series:
    return values.map(lambda v: (names or {}).get(v, v))


def _stage_order(
    present: pd.Series, stages: Sequence[str] | None, names: Mapping[str, str] | None
) -> list[str]:
    """Stage names in journey order, then any other stage the data holds."""
    ids = list(dict.fromkeys([*(stages or []), *present.dropna().unique()]))
    return [(names or {}).get(s, s) for s in ids]


def _stage_axis(order: list[str]) -> alt.X:
    return alt.X(
        "stage:N",
        sort=order,
        title=None,
        axis=alt.Axis(orient="top", labelAngle=-35, labelAlign="left", labelLimit=180),
    )


@checked_once
def heatmap(
    table: pd.DataFrame,
    value: str = "value",
    title: str = "",
    touchpoints: Mapping[str, str] | None = None,
    stages: Sequence[str] | None = None,
    stage_names: Mapping[str, str] | None = None,
    scheme: Literal["redyellowgreen", "blues", "greens", "oranges"] = "redyellowgreen",
) -> alt.LayerChart:
    """Touchpoints (rows) x stages (columns) coloured by `value` (a score, or a count of use).
    A table with an `n` and a `few` column (from score_table) shows n, and marks thin cells."""
    frame = table.dropna(subset=["touchpoint", "stage"]).copy()
    frame = frame.groupby(["touchpoint", "stage"], as_index=False, observed=True).agg(
        **{value: (value, "mean")},
        **({"n": ("n", "sum")} if "n" in frame else {}),
        **({"few": ("few", "max")} if "few" in frame else {}),
    )
    frame["touchpoint"] = _named(frame["touchpoint"], touchpoints)
    order = _stage_order(frame["stage"], stages, stage_names)
    frame["stage"] = _named(frame["stage"], stage_names)
    # object, not float: a table with no cell (scores but none placed) must still label
    frame["label"] = frame[value].map(lambda v: format_number(v, 0)).astype(object)
    if "few" in frame:
        frame["label"] = frame["label"].where(~frame["few"].astype(bool), frame["label"] + "*")
    x = _stage_axis(order)
    y = alt.Y("touchpoint:N", title=None, sort="ascending", axis=alt.Axis(labelLimit=220))
    tooltip = [tip("touchpoint:N"), tip("stage:N"), tip(f"{value}:Q", format=".1f")]
    tooltip += [tip("n:Q")] if "n" in frame else []
    cells = (
        alt.Chart(frame)
        .mark_rect(stroke="white")
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                f"{value}:Q",
                scale=alt.Scale(scheme=scheme),
                title=title or value,
                legend=number_legend(),
            ),
            tooltip=tooltip,
        )
    )
    low, high = frame[value].min(), frame[value].max()
    spread = (frame[value] - low) / (high - low) if high > low else frame[value] * 0 + 0.5
    # the scheme is dark at both ends: numbers there are white, in the light middle black
    frame["ink"] = np.where((spread < 0.2) | (spread > 0.8), "white", "#111")
    labels = (
        alt.Chart(frame)
        .mark_text(fontSize=13, fontWeight="bold")
        .encode(
            x=x,
            y=y,
            text="label:N",
            color=alt.condition("datum.ink == 'white'", alt.value("white"), alt.value("#111")),
        )
    )
    subtitle = _("touchpoint x stage") + (
        "; " + _("* fewer than 30 answers") if "few" in frame else ""
    )
    return layered(
        cells,
        labels,
        title=alt.Title(title, subtitle=subtitle),
        width=alt.Step(64),
        height=alt.Step(32),
    )


@checked_once
def gap_matrix(
    gaps: pd.DataFrame,
    touchpoints: Mapping[str, str] | None = None,
    stages: Sequence[str] | None = None,
    stage_names: Mapping[str, str] | None = None,
) -> alt.LayerChart:
    """The gap analysis (METHOD.md section 6): touchpoints x stages coloured by what to do,
    with how many customers report contact there."""
    frame = gaps.copy()
    if frame.empty:
        frame = pd.DataFrame(columns=["touchpoint", "stage", "outcome", "customers_report"])
    frame["touchpoint"] = _named(frame["touchpoint"], touchpoints)
    order = _stage_order(frame["stage"], stages, stage_names)
    frame["stage"] = _named(frame["stage"], stage_names)
    frame["label"] = frame["customers_report"].map(lambda n: format_number(int(n)) if n else "–")
    x = _stage_axis(order)
    y = alt.Y("touchpoint:N", title=None, axis=alt.Axis(labelLimit=220))
    cells = (
        alt.Chart(frame)
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=x,
            y=y,
            color=palette(
                "outcome:N",
                OUTCOME_COLOURS,
                alt.Legend(orient="bottom", columns=2, labelLimit=400, title=_("What to do")),
            ),
            tooltip=[
                tip("touchpoint:N"),
                tip("stage:N"),
                tip("outcome:N"),
                tip("customers_report:Q"),
            ],
        )
    )
    labels = (
        alt.Chart(frame)
        .mark_text(color="white", fontWeight="bold")
        .encode(x=x, y=y, text="label:N")
    )
    return layered(
        cells,
        labels,
        title=alt.Title(
            _("Gap analysis"), subtitle=_("number: customers who report contact there")
        ),
        width=alt.Step(64),
        height=alt.Step(32),
    )


def action_points(actions: Sequence[Action]) -> pd.DataFrame:
    """One row per impact x effort position, with the actions there (so none hide another)."""
    rows = pd.DataFrame(
        [
            {"impact": a.impact, "effort": a.effort, "title": a.title, "status": a.status}
            for a in actions
        ],
        columns=["impact", "effort", "title", "status"],
    )
    grouped = rows.groupby(["impact", "effort"], as_index=False).agg(
        count=("title", "size"), titles=("title", lambda t: " | ".join(t))
    )
    grouped["label"] = [
        textwrap.wrap(t, 20, max_lines=3, placeholder="…")
        if c == 1
        else [
            in_direction(
                ngettext("{count} action", "{count} actions", c).format(count=format_number(c))
            )
        ]
        for t, c in zip(grouped["titles"], grouped["count"], strict=True)
    ]
    grouped["quadrant"] = [
        _(quadrant(i, e)) for i, e in zip(grouped["impact"], grouped["effort"], strict=True)
    ]
    return grouped


@checked_once
def priority_matrix(actions: Sequence[Action], title: str | None = None) -> alt.LayerChart:
    """Impact x effort with the four quadrants named: quick wins, big bets, fill-ins and
    money pits. Actions at the same spot are drawn as one bigger dot listing them all."""
    boxes = pd.DataFrame(
        [
            {"quadrant": _(q), "x": e[0], "x2": e[1], "y": i[0], "y2": i[1]}
            for q, (e, i) in QUADRANTS.items()
        ]
    )
    scale_x = alt.Scale(domain=[0.5, 5.5], nice=False)
    scale_y = alt.Scale(domain=[0.5, 5.5], nice=False)
    ticks = alt.Axis(values=[1, 2, 3, 4, 5], grid=False, format="d")
    areas = (
        alt.Chart(boxes)
        .mark_rect(opacity=0.9)
        .encode(
            x=alt.X("x:Q", scale=scale_x, title=_("Effort (1 low - 5 high)"), axis=ticks),
            x2="x2",
            y=alt.Y("y:Q", scale=scale_y, title=_("Impact (1 low - 5 high)"), axis=ticks),
            y2="y2",
            color=palette("quadrant:N", QUADRANT_COLOURS),
        )
    )
    names = boxes.assign(
        cx=[(r.x + r.x2) / 2 for r in boxes.itertuples()],
        top=[r.y2 - 0.15 for r in boxes.itertuples()],
        name=[q.upper() for q in boxes["quadrant"]],
    )
    quadrant_names = (
        alt.Chart(names)
        .mark_text(fontSize=15, fontWeight="bold", color="#555", baseline="top")
        .encode(x=alt.X("cx:Q", scale=scale_x), y=alt.Y("top:Q", scale=scale_y), text="name")
    )
    points = action_points(actions)
    dots = (
        alt.Chart(points)
        .mark_circle(color="#1f3b5c", opacity=0.85)
        .encode(
            x=alt.X("effort:Q", scale=scale_x),
            y=alt.Y("impact:Q", scale=scale_y),
            size=alt.Size("count:Q", scale=alt.Scale(range=[150, 700]), legend=None),
            tooltip=[
                tip("titles:N"),
                tip("impact:Q"),
                tip("effort:Q"),
                tip("quadrant:N"),
            ],
        )
    )
    # labels of dots at the edges grow inwards, so none is cut by the chart's border
    edges: tuple[tuple[pd.Series, Literal["left", "center", "right"], int], ...] = (
        (points["effort"] <= 1, "left", -12),
        ((points["effort"] > 1) & (points["effort"] < 5), "center", 0),
        (points["effort"] >= 5, "right", 12),
    )
    labels = [
        alt.Chart(points[where])
        .mark_text(
            dy=20, dx=dx, align=align, baseline="top", fontSize=13, lineHeight=15, color="#1f3b5c"
        )
        .encode(
            x=alt.X("effort:Q", scale=scale_x), y=alt.Y("impact:Q", scale=scale_y), text="label:N"
        )
        for where, align, dx in edges
    ]
    return layered(
        areas,
        quadrant_names,
        dots,
        *labels,
        width=520,
        height=420,
        title=_("Priority matrix") if title is None else title,
    )


@checked_once
def score_bars(
    table: pd.DataFrame,
    by: str,
    names: Mapping[str, str] | None = None,
    title: str = "",
    order: Sequence[str] | None = None,
) -> alt.Chart:
    """Scores as bars with their 95% intervals, one panel per metric; groups with fewer than
    30 answers are drawn pale and say so, rather than hidden."""
    frame = table.dropna(subset=[by]).copy()
    frame[by] = _named(frame[by], names)
    frame["reliability"] = frame.get("few", False)
    few, enough = _("fewer than 30 answers"), _("enough answers")
    frame["reliability"] = frame["reliability"].map({True: few, False: enough})
    sort = [(names or {}).get(o, o) for o in order] if order else "-x"
    y = alt.Y(f"{by}:N", sort=sort, title=None, axis=alt.Axis(labelLimit=320, labelFontSize=13))
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=None),
            y=y,
            opacity=alt.Opacity(
                "reliability:N",
                scale=alt.Scale(domain=[enough, few], range=[0.9, 0.35]),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            color=alt.value("#1f5fa8"),
            tooltip=[
                tip(f"{by}:N"),
                tip("value:Q", format=".1f"),
                tip("low:Q", format=".1f"),
                tip("high:Q", format=".1f"),
                tip("n:Q"),
            ],
        )
    )
    whiskers = (
        alt.Chart().mark_rule(color="#222", strokeWidth=2).encode(x="low:Q", x2="high:Q", y=y)
    )
    return (
        alt.layer(bars, whiskers, data=frame)
        .properties(width=360)
        .facet(column=alt.Column("metric:N", title=None, header=alt.Header(labelFontSize=14)))
        .resolve_scale(x="independent")
        .properties(title=alt.Title(title, subtitle=_("bar: score; line: 95% interval")))
    )


@checked_once
def funnel_chart(
    table: pd.DataFrame, stage_names: Mapping[str, str] | None = None, title: str | None = None
) -> alt.LayerChart:
    """Users reaching each stage in journey order, with the share lost before the next."""
    frame = table.copy()
    frame["stage"] = _named(frame["stage"], stage_names)
    frame["label"] = [
        in_direction(
            ngettext("{count} user", "{count} users", int(u)).format(count=format_number(u))
            + ("" if pd.isna(d) else "  ▼ " + _("{share} drop off").format(share=format_percent(d)))
        )
        for u, d in zip(frame["users"], frame["drop_off"], strict=True)
    ]
    y = alt.Y("stage:N", sort=list(frame["stage"]), title=None, axis=alt.Axis(labelLimit=200))
    bars = (
        alt.Chart(frame)
        .mark_bar(color="#1f5fa8")
        .encode(
            x=alt.X("users:Q", title=_("users")),
            y=y,
            tooltip=[
                tip("stage:N"),
                tip("users:Q"),
                tip("conversion:Q", format=".0%"),
                tip("drop_off:Q", format=".0%"),
            ],
        )
    )
    labels = (
        alt.Chart(frame)
        .mark_text(align="left", dx=4, fontSize=12)
        .encode(x="users:Q", y=y, text="label:N")
    )
    return layered(bars, labels, width=460, title=_("Funnel") if title is None else title)


FEW_USERS = 30
"""A week's point on the conversion line needs this many users entering: fewer swing from 0 to
100 % and look like incidents (the last weeks, whose users had no time yet, most of all)."""


@checked_once
def conversion_chart(
    table: pd.DataFrame, stage_names: Mapping[str, str] | None = None, title: str | None = None
) -> alt.Chart:
    """Conversion from each stage to the next, period by period (by when users entered the
    first): an incident shows as a dip in one line, a change that worked as a step up. Periods
    with fewer than FEW_USERS entering are left out, and the subtitle says so."""
    frame = table[table["users"] >= FEW_USERS].copy()
    names = stage_names or {}
    arrow = "←" if direction() == "rtl" else "→"
    frame["step"] = [
        in_direction(f"{names.get(a, a)} {arrow} {names.get(b, b)}")
        for a, b in zip(frame["stage"], frame["next_stage"], strict=True)
    ]
    order = list(dict.fromkeys(frame["step"]))  # journey order, as the table lists the stages
    frame["starts"] = pd.to_datetime(frame["starts"]).dt.strftime("%Y-%m-%d")
    subtitle = _(
        "by the week users entered the first stage; weeks with fewer than {count} left out"
    )
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("starts:T", title=_("week"), axis=alt.Axis(format="%d %b", tickCount="week")),
            y=alt.Y(
                "conversion:Q", title=_("went on to the next stage"), axis=alt.Axis(format="%")
            ),
            color=alt.Color(
                "step:N",
                title=None,
                sort=order,
                legend=alt.Legend(orient="bottom", columns=1, labelLimit=400),
            ),
            tooltip=[
                tip("step:N"),
                tip("period:N"),
                tip("users:Q"),
                tip("conversion:Q", format=".0%"),
            ],
        )
        .properties(
            width=460,
            height=220,
            title=alt.Title(
                _("Conversion over time") if title is None else title,
                subtitle=subtitle.format(count=format_number(FEW_USERS)),
            ),
        )
    )


FLOWS_DRAWN = 12
"""Moves a flow chart draws (the most common): more tangle; the table beside lists them all."""
ARC_POINTS = 25


@checked_once
def flow_chart(
    table: pd.DataFrame,
    stages: Sequence[str],
    stage_names: Mapping[str, str] | None = None,
    title: str | None = None,
    per: str = "session",
) -> alt.LayerChart:
    """Where people went next within a session (`analysis.funnel.flows`), as an arc diagram
    (a Sankey on one line): stages in journey order, a move onward as an arc above, a move
    back to an earlier stage (a loop) as an arc below, each as thick as it is common."""
    names = stage_names or {}
    place = {stage: index for index, stage in enumerate(stages)}
    drawn = table.head(FLOWS_DRAWN)
    arrow = "←" if direction() == "rtl" else "→"
    points = []
    t = np.linspace(0.0, 1.0, ARC_POINTS)
    for number, row in enumerate(drawn.itertuples(index=False)):
        a, b = place[row.from_stage], place[row.to_stage]
        height = 0.35 * abs(b - a) * (-1 if row.back else 1)
        move = in_direction(
            f"{names.get(row.from_stage, row.from_stage)} {arrow} "
            f"{names.get(row.to_stage, row.to_stage)}"
        )
        kind = _("back to an earlier stage") if row.back else _("onward")
        for k, at in enumerate(t):
            points.append(
                {
                    "arc": number,
                    "order": k,
                    "x": a + (b - a) * at,
                    "y": height * np.sin(np.pi * at),
                    "move": move,
                    "kind": kind,
                    "moves": int(row.moves),
                    "sessions": int(row.sessions),
                    "share": float(row.share),
                }
            )
    arcs_frame = pd.DataFrame(points)
    low = min([0.0, *(p["y"] for p in points)]) - 0.25
    nodes = pd.DataFrame(
        {
            "x": range(len(stages)),
            "y": 0.0,
            "label_y": low,
            "stage": [names.get(s, s) for s in stages],
        }
    )
    reverse = direction() == "rtl"
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.5, len(stages) - 0.5], reverse=reverse))
    y = alt.Y("y:Q", axis=None)
    kinds = [_("onward"), _("back to an earlier stage")]
    arcs = (
        alt.Chart(arcs_frame)
        .mark_line(interpolate="monotone", strokeCap="round", opacity=0.6)
        .encode(
            x=x,
            y=y,
            detail="arc:N",
            order="order:Q",
            color=alt.Color(
                "kind:N",
                title=None,
                scale=alt.Scale(domain=kinds, range=["#1f5fa8", "#c2410c"]),
                legend=alt.Legend(orient="bottom"),
            ),
            strokeWidth=alt.StrokeWidth("moves:Q", scale=alt.Scale(range=[1.5, 18]), legend=None),
            tooltip=[
                tip("move:N"),
                tip("moves:Q"),
                tip("sessions:Q"),
                tip("share:Q", format=".0%"),
            ],
        )
    )
    dots = alt.Chart(nodes).mark_circle(size=90, color="#1f2328").encode(x=x, y=y)
    labels = (
        alt.Chart(nodes)
        .mark_text(fontSize=12, baseline="top", limit=110)
        .encode(x=x, y=alt.Y("label_y:Q", axis=None), text="stage:N")
    )
    subtitle = (
        _("within a visit ({minutes} minutes without an event end one)").format(
            minutes=format_number(SESSION_GAP.total_seconds() // 60)
        )
        if per == "session"
        else _("per person, across all their visits")
    )
    if len(table) > FLOWS_DRAWN:
        subtitle += "; " + _("the {count} most common moves of {total}").format(
            count=format_number(FLOWS_DRAWN), total=format_number(len(table))
        )
    return (
        alt.layer(arcs, dots, labels)
        .properties(
            width=460,
            height=240 if drawn["back"].any() else 150,  # room below for loops
            title=alt.Title(
                _("Where people went next") if title is None else title,
                subtitle=subtitle,
            ),
        )
        .configure_view(stroke=None)
    )
