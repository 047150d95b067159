"""The bundled company's figures the exercises work on: Team North of the sample workshop
(Brightledger), generated from the same seed as `journeykit sample`, so a student reads the
numbers a facilitator's sample shows on step 4."""

from __future__ import annotations

from functools import cache

import pandas as pd

from journeykit.analysis.funnel import funnel, usage_stages
from journeykit.model import SCORE_SCALES
from journeykit.sample import sample_team

TOUCHPOINT = "setup-wizard"
"""The touchpoint the scores exercise is about: where the sample plants its pain point."""


@cache
def _north() -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Team North as `journeykit sample` makes it (its default seed and sizes)."""
    workspace, surveys, events = sample_team(0)
    stages, _names = usage_stages(workspace.journeys, events)
    return surveys, events, stages


def answer_counts(score: str) -> tuple[int, ...]:
    """How many of the responses about the setup wizard gave each answer of a score's scale
    (NPS 0..10, CSAT 1..5)."""
    surveys = _north()[0]
    low, high = SCORE_SCALES[score]
    answers = surveys.loc[surveys["touchpoint"] == TOUCHPOINT, score].dropna().astype(int)
    counts = answers.value_counts().reindex(range(low, high + 1), fill_value=0)
    return tuple(int(n) for n in counts)


def funnel_users() -> dict[str, int]:
    """Users reaching each stage of Team North's ordered funnel, as step 4 draws it."""
    _surveys, events, stages = _north()
    table = funnel(events, stages)
    return {str(s): int(u) for s, u in zip(table["stage"], table["users"], strict=True)}
