"""The journey map's lanes, top to bottom (METHOD.md, sections 1 and 3): the one definition
the live map, the report's map, the paper canvases and their colours all read.

The emotion is a lane of the paper canvas; the charts draw it as the curve under the lanes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from journeykit.i18n import N_
from journeykit.model.workspace import Insight, Journey, Step


@dataclass(frozen=True)
class Lane:
    """One lane: its name (marked for translation), what a team writes in it on paper, its
    colour on a chart, what it shows of each step, and whether a chart draws it as a lane (the
    emotion is a curve, drawn on paper against its scale)."""

    name: str
    hint: str
    colour: str
    charted: bool = True
    findings: tuple[str, ...] = ()
    """The kinds of insight (a theme the team accepted, a finding it wrote) shown in this lane
    at their stage, beside what the steps say."""
    shows: Callable[[Step, list[str]], list[str]] = lambda _step, _places: []
    """What the lane says of a step, given the names of the step's touchpoints."""


def _moment(step: Step, places: list[str]) -> list[str]:
    """A moment of truth, named by where it happens (else by what the customer does)."""
    return [f"★ {', '.join(places) or step.action}"] if step.moment_of_truth else []


MAP_LANES: tuple[Lane, ...] = (
    Lane(
        N_("Customer actions"),
        N_("what the customer does"),
        "#e8f0fa",
        shows=lambda step, _places: [step.action],
    ),
    Lane(
        N_("Touchpoints"),
        N_("where they meet us: a moment, not just a channel"),
        "#eef5ea",
        shows=lambda _step, places: places,
    ),
    Lane(
        N_("Thoughts"),
        N_("what they think, in their words"),
        "#f6f1e7",
        shows=lambda step, _places: [step.thoughts] if step.thoughts else [],
    ),
    Lane(N_("Emotion"), "", "#ffffff", charted=False),
    Lane(
        N_("Pain points"),
        N_("only with evidence: quote, score or data"),
        "#fbe6e4",
        findings=("pain_point",),
        shows=lambda step, _places: list(step.pain_points),
    ),
    Lane(
        N_("Opportunities"),
        N_("what we could change"),
        "#e6f6f1",
        findings=("need",),
        shows=lambda step, _places: list(step.opportunities),
    ),
    Lane(
        N_("Moments of truth"),
        N_("decisions and strong emotions"),
        "#fdf3d6",
        findings=("moment_of_truth", "delight"),
        shows=_moment,
    ),
)

FINDING_MARK = "◆"
"""Marks an insight on the map (a theme the team accepted, a finding backed by quotes, scores
or data), apart from what the team wrote on its steps."""


def findings_on(journey: Journey, insights: Iterable[Insight]) -> list[Insight]:
    """The insights a journey's map shows: those placed on it at one of its stages, and on an
    as-is map those placed at one of its stages without naming a journey."""
    stages = set(journey.stage_ids())
    return [
        i
        for i in insights
        if i.stage in stages
        and (i.journey == journey.id or (i.journey is None and journey.kind == "as-is"))
    ]
