"""The journey map's lanes, top to bottom (METHOD.md, sections 1 and 3): the one definition
the live map, the report's map, the paper canvases and their colours all read.

The emotion is a lane of the paper canvas; the charts draw it as the curve under the lanes.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeykit.i18n import N_


@dataclass(frozen=True)
class Lane:
    """One lane: its name (marked for translation), what a team writes in it on paper, its
    colour on a chart, and whether a chart draws it as a lane (the emotion is a curve)."""

    name: str
    hint: str
    colour: str
    charted: bool = True


MAP_LANES: tuple[Lane, ...] = (
    Lane(N_("Customer actions"), N_("what the customer does"), "#e8f0fa"),
    Lane(N_("Touchpoints"), N_("where they meet us: a moment, not just a channel"), "#eef5ea"),
    Lane(N_("Thoughts"), N_("what they think, in their words"), "#f6f1e7"),
    Lane(N_("Emotion"), "", "#ffffff", charted=False),
    Lane(N_("Pain points"), N_("only with evidence: quote, score or data"), "#fbe6e4"),
    Lane(N_("Opportunities"), N_("what we could change"), "#e6f6f1"),
    Lane(N_("Moments of truth"), N_("decisions and strong emotions"), "#fdf3d6"),
)
