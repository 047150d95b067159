"""The standard scores the kit computes, each defined once: its answer scale, the range and
unit of the score, which way is better, and what it means. Every layer (the importer's rules,
the store's columns, the analysis, the charts' labels, the exercises) reads this table."""

from __future__ import annotations

from dataclasses import dataclass

from journeykit.i18n import N_


@dataclass(frozen=True)
class Metric:
    """One score: `scale` is what a respondent answers, `bounds` what the score can be."""

    key: str
    name: str
    scale: tuple[int, int]
    bounds: tuple[float, float]
    unit: str
    lower_is_better: bool
    meaning: str


METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric(
            "nps",
            N_("NPS"),
            (0, 10),
            (-100.0, 100.0),
            N_("points"),
            False,
            N_("% promoters (9-10) minus % detractors (0-6) on 'how likely to recommend'"),
        ),
        Metric(
            "csat",
            N_("CSAT"),
            (1, 5),
            (0.0, 100.0),
            "%",
            False,
            N_("% of 4-5 answers on a 1-5 satisfaction scale"),
        ),
        Metric(
            "ces",
            N_("CES"),
            (1, 7),
            (1.0, 7.0),
            "",
            True,
            N_("mean effort on a 1-7 scale, 1 = very easy"),
        ),
    )
}
"""The scores in the order every table and chart shows them."""

SCORE_KEYS: tuple[str, ...] = tuple(METRICS)
"""The scores' keys (also the survey columns that hold the answers)."""
