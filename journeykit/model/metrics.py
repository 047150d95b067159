"""The standard scores the kit computes, each defined once: its answer scale, the range and
unit of the score, which way is better, what it means, how it is computed and what a survey
tool calls its column. Every layer (the importer's rules and column matching, the store's
columns, the analysis, the charts' labels, the exercises) reads this table, so a new score is
one entry here and its name in the catalogs."""

from __future__ import annotations

from dataclasses import dataclass

from journeykit.i18n import N_


@dataclass(frozen=True)
class Metric:
    """One score: `scale` is what a respondent answers, `bounds` what the score can be.

    `formula` names how the answers make the score (`journeykit.analysis.scores.FORMULAS`):
    "net" is the share of answers from `top` up minus the share up to `bottom` (NPS), "share"
    the share of answers from `top` up (CSAT), "mean" the mean answer (CES). `headers` are
    column names that name the score exactly, `words` words that give it away inside a longer
    question, in any of the kit's languages.
    """

    key: str
    name: str
    scale: tuple[int, int]
    bounds: tuple[float, float]
    unit: str
    lower_is_better: bool
    meaning: str
    formula: str
    top: int | None = None
    bottom: int | None = None
    headers: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


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
            "net",
            top=9,
            bottom=6,
            headers=("nps", "net promoter score", "likelihood to recommend"),
            words=("recommend", "nps", "ajánl", "рекоменд", "توصیه"),
        ),
        Metric(
            "csat",
            N_("CSAT"),
            (1, 5),
            (0.0, 100.0),
            "%",
            False,
            N_("% of 4-5 answers on a 1-5 satisfaction scale"),
            "share",
            top=4,
            headers=("csat", "satisfaction"),
            words=("satisf", "csat", "elégedett", "удовлетвор", "доволь", "رضایت"),
        ),
        Metric(
            "ces",
            N_("CES"),
            (1, 7),
            (1.0, 7.0),
            "",
            True,
            N_("mean effort on a 1-7 scale, 1 = very easy"),
            "mean",
            headers=("ces", "effort", "customer effort score"),
            words=("effort", "easy", "ces", "könnyű", "легко", "усили", "آسان", "سهولت"),
        ),
    )
}
"""The scores in the order every table and chart shows them."""

SCORE_KEYS: tuple[str, ...] = tuple(METRICS)
"""The scores' keys (also the survey columns that hold the answers)."""
