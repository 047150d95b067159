"""NPS, CSAT and CES: each computed in exactly one place, with n and a 95% interval.

Every function here works from counts or sums, so one answer, a group of a table and a
million-row survey go through the same formula.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import stats

from journeykit.i18n import _
from journeykit.model import CES_SCALE, CSAT_SCALE, SCORE_KEYS, SCORE_SCALES, Metric
from journeykit.model import METRICS as REGISTRY

Z95 = float(stats.norm.ppf(0.975))
MIN_ANSWERS = 30
"""Cells with fewer answers are flagged 'few answers' (shown, never hidden)."""
METRICS = SCORE_KEYS


@dataclass(frozen=True)
class Score:
    metric: str
    value: float
    low: float
    high: float
    n: int

    @property
    def few(self) -> bool:
        return self.n < MIN_ANSWERS


@dataclass(frozen=True)
class CsatRule:
    """Which answers count as satisfied: the top `top` answers of the scale (default 4-5)."""

    scale: tuple[int, int] = CSAT_SCALE
    top: int = 2

    @property
    def threshold(self) -> int:
        return self.scale[1] - self.top + 1


DEFAULT_CSAT = CsatRule()


def nps_from_counts(
    promoters: np.ndarray, passives: np.ndarray, detractors: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """NPS (-100..100) and its 95% interval from counts of promoters, passives, detractors.

    Passives count in the denominator. Interval: adjusted Wald for the difference of two
    shares of one trinomial sample, with one pseudo-answer added to each of the three groups,
    so n = 1 or a sample of only promoters still gets an honest, wide interval; clipped to the
    scale. The point value is the plain NPS.
    """
    p, a, d = (np.asarray(x, dtype=float) for x in (promoters, passives, detractors))
    n = p + a + d
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(n > 0, (p - d) / n * 100, np.nan)
        n_adj = n + 3
        p_adj, d_adj = (p + 1) / n_adj, (d + 1) / n_adj
        centre = p_adj - d_adj
        half = Z95 * np.sqrt((p_adj + d_adj - centre**2) / n_adj)
    low = np.where(n > 0, np.clip((centre - half) * 100, -100, 100), np.nan)
    high = np.where(n > 0, np.clip((centre + half) * 100, -100, 100), np.nan)
    return value, low, high


def share_from_counts(hits: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A share in percent with its 95% Wilson score interval (good at small n and near 0/100)."""
    hits, n = np.asarray(hits, dtype=float), np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = hits / n
        denominator = 1 + Z95**2 / n
        centre = (share + Z95**2 / (2 * n)) / denominator
        half = Z95 * np.sqrt(share * (1 - share) / n + Z95**2 / (4 * n**2)) / denominator
    empty = n == 0
    return (
        np.where(empty, np.nan, share * 100),
        np.where(empty, np.nan, (centre - half) * 100),
        np.where(empty, np.nan, (centre + half) * 100),
    )


def mean_from_sums(
    total: np.ndarray, squares: np.ndarray, n: np.ndarray, scale: tuple[int, int] = CES_SCALE
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A mean with its 95% Student t interval; with one answer the interval is the whole scale."""
    total, squares, n = (np.asarray(x, dtype=float) for x in (total, squares, n))
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / n
        variance = np.maximum(squares - n * mean**2, 0) / (n - 1)
        half = stats.t.ppf(0.975, np.maximum(n - 1, 1)) * np.sqrt(variance / n)
    low = np.where(n > 1, np.clip(mean - half, *scale), np.where(n == 1, scale[0], np.nan))
    high = np.where(n > 1, np.clip(mean + half, *scale), np.where(n == 1, scale[1], np.nan))
    return np.where(n > 0, mean, np.nan), low, high


def _answers(
    values: Sequence[float] | pd.Series, metric: str, scale: tuple[int, int] | None = None
) -> np.ndarray:
    """The given answers as floats, missing ones dropped, each checked against the scale."""
    array = pd.to_numeric(pd.Series(values, dtype="Float64"), errors="coerce").dropna()
    array = array.to_numpy(dtype=float)
    low, high = scale or SCORE_SCALES[metric]
    if ((array < low) | (array > high)).any():
        raise ValueError(
            _("{metric} answers must lie from {low} to {high}").format(
                metric=metric, low=low, high=high
            )
        )
    return np.asarray(array, dtype=float)


Parts = dict[str, np.ndarray]
Interval = tuple[np.ndarray, np.ndarray, np.ndarray]


def _net_parts(answers: np.ndarray, metric: Metric, rule: CsatRule) -> Parts:
    top, bottom = metric.top, metric.bottom
    assert top is not None and bottom is not None, f"{metric.key}: a net score needs both ends"
    return {
        "top": answers >= top,
        "middle": (answers > bottom) & (answers < top),
        "bottom": answers <= bottom,
    }


def _net(sums: Parts, metric: Metric) -> tuple[Interval, np.ndarray]:
    counts = (sums["top"], sums["middle"], sums["bottom"])
    return nps_from_counts(*counts), sum(counts, np.zeros_like(counts[0]))


def _net_difference(
    a: Score, b: Score, answers: tuple[np.ndarray, np.ndarray]
) -> tuple[float, float]:
    """Wald on the difference of the two adjusted estimates."""
    half = np.hypot((a.high - a.low) / 2, (b.high - b.low) / 2)
    return b.value - a.value - half, b.value - a.value + half


def _share_threshold(metric: Metric, rule: CsatRule) -> float:
    """The first answer that counts: the registry's (4 of 1-5), or the rule's when one is set
    (say the top answer only, or the top two of a 1-7 scale)."""
    if rule == DEFAULT_CSAT and metric.top is not None:
        return metric.top
    return rule.threshold


def _share_parts(answers: np.ndarray, metric: Metric, rule: CsatRule) -> Parts:
    return {"n": ~np.isnan(answers), "hits": answers >= _share_threshold(metric, rule)}


def _share(sums: Parts, metric: Metric) -> tuple[Interval, np.ndarray]:
    return share_from_counts(sums["hits"], sums["n"]), sums["n"]


def _share_difference(
    a: Score, b: Score, answers: tuple[np.ndarray, np.ndarray]
) -> tuple[float, float]:
    """Newcombe's hybrid score interval, built from the two Wilson intervals."""
    diff = b.value - a.value
    return (
        diff - np.hypot(b.value - b.low, a.high - a.value),
        diff + np.hypot(b.high - b.value, a.value - a.low),
    )


def _mean_parts(answers: np.ndarray, metric: Metric, rule: CsatRule) -> Parts:
    given = ~np.isnan(answers)
    return {
        "n": given,
        "sum": np.where(given, answers, 0.0),
        "squares": np.where(given, answers**2, 0.0),
    }


def _mean(sums: Parts, metric: Metric) -> tuple[Interval, np.ndarray]:
    return mean_from_sums(sums["sum"], sums["squares"], sums["n"], metric.scale), sums["n"]


def _mean_difference(
    a: Score, b: Score, answers: tuple[np.ndarray, np.ndarray]
) -> tuple[float, float]:
    """Welch's t interval."""
    xa, xb = answers
    va, vb = xa.var(ddof=1) / len(xa), xb.var(ddof=1) / len(xb)
    df = (va + vb) ** 2 / (va**2 / (len(xa) - 1) + vb**2 / (len(xb) - 1))
    half = stats.t.ppf(0.975, df) * np.sqrt(va + vb)
    return b.value - a.value - half, b.value - a.value + half


@dataclass(frozen=True)
class Formula:
    """How one kind of score is made: what each answer adds to a group's sums (`parts`),
    the score and its 95% interval from those sums (`from_sums`, so one answer and a
    million go through the same arithmetic), and the interval of a difference of two."""

    parts: Callable[[np.ndarray, Metric, CsatRule], Parts]
    from_sums: Callable[[Parts, Metric], tuple[Interval, np.ndarray]]
    difference: Callable[[Score, Score, tuple[np.ndarray, np.ndarray]], tuple[float, float]]


FORMULAS: dict[str, Formula] = {
    "net": Formula(_net_parts, _net, _net_difference),
    "share": Formula(_share_parts, _share, _share_difference),
    "mean": Formula(_mean_parts, _mean, _mean_difference),
}
"""Every `Metric.formula` the registry may name, by name."""


def _score(
    values: Sequence[float] | pd.Series,
    metric: str,
    rule: CsatRule = DEFAULT_CSAT,
    scale: tuple[int, int] | None = None,
) -> Score:
    """One score of a list of answers, through the same formula as a whole table."""
    entry = REGISTRY[metric]
    if scale is not None and scale != entry.scale:
        entry = replace(entry, scale=scale)
    answers = _answers(values, metric, entry.scale)
    formula = FORMULAS[entry.formula]
    sums = {k: np.array([v.sum()]) for k, v in formula.parts(answers, entry, rule).items()}
    (value, low, high), n = formula.from_sums(sums, entry)
    return Score(metric, float(value[0]), float(low[0]), float(high[0]), int(n[0]))


def nps(values: Sequence[float] | pd.Series) -> Score:
    """Net Promoter Score of 0-10 answers: % promoters (9-10) minus % detractors (0-6)."""
    return _score(values, "nps")


def csat(values: Sequence[float] | pd.Series, rule: CsatRule = DEFAULT_CSAT) -> Score:
    """CSAT: % of answers in the top of the scale (by default 4 or 5 on 1-5)."""
    return _score(values, "csat", rule, rule.scale)


def ces(values: Sequence[float] | pd.Series, scale: tuple[int, int] = CES_SCALE) -> Score:
    """CES: the mean effort on the stated scale (here 1 = very easy .. 7 = very difficult)."""
    return _score(values, "ces", scale=scale)


def _indicators(frame: pd.DataFrame, rule: CsatRule, metrics: Sequence[str]) -> pd.DataFrame:
    """Per answer, the columns every score is summed from (one pass over the data)."""
    out = {}
    for key in metrics:
        entry = REGISTRY[key]
        answers = frame[key].to_numpy(dtype=float, na_value=np.nan)
        for part, column in FORMULAS[entry.formula].parts(answers, entry, rule).items():
            out[f"{key}_{part}"] = column
    return pd.DataFrame(out, index=frame.index)


def _from_sums(sums: pd.DataFrame, metrics: Sequence[str]) -> pd.DataFrame:
    parts = []
    for metric in metrics:
        entry = REGISTRY[metric]
        prefix = f"{metric}_"
        own = {c[len(prefix) :]: sums[c].to_numpy() for c in sums.columns if c.startswith(prefix)}
        (value, low, high), n = FORMULAS[entry.formula].from_sums(own, entry)
        part = pd.DataFrame(
            {"metric": metric, "value": value, "low": low, "high": high, "n": n.astype(int)},
            index=sums.index,
        )
        parts.append(part.reset_index())
    table = pd.concat(parts, ignore_index=True)
    table["few"] = table["n"] < MIN_ANSWERS
    return table


def score_table(
    frame: pd.DataFrame,
    by: Sequence[str] = (),
    metrics: Sequence[str] = METRICS,
    period: str | None = None,
    rule: CsatRule = DEFAULT_CSAT,
) -> pd.DataFrame:
    """Every score by the given columns (and period: 'W', 'M', 'Q' of submitted_at; undated
    responses are left out of a table by period).

    One row per metric and group: value, low, high (95%), n, and `few` when n < 30. Groups
    with no answers for a metric keep their row with n = 0 and no value.
    """
    keys = list(by)
    data = _indicators(frame, rule, metrics)
    for key in keys:
        data[key] = frame[key]
    if period:
        periods = frame["submitted_at"].dt.to_period(period)
        # responses without a date (an export that had none) are in no period
        data["period"] = periods.astype(str).where(periods.notna())
        keys.append("period")
    if keys:
        sums = data.groupby(keys, dropna=True, sort=True, observed=True).sum()
    else:
        sums = data.sum().to_frame().T
    table = _from_sums(sums, metrics)
    if not keys:
        table = table.drop(columns=["index"])
    return table[["metric", *keys, "value", "low", "high", "n", "few"]]


def metric_records(frame: pd.DataFrame, rule: CsatRule = DEFAULT_CSAT) -> pd.DataFrame:
    """Scores per touchpoint x stage, per touchpoint, per stage and overall, in one table;
    touchpoint or stage is empty (None) on the totals over it."""
    parts = [
        score_table(frame, by, rule=rule)
        for by in (("touchpoint", "stage"), ("touchpoint",), ("stage",), ())
    ]
    table = pd.concat(parts, ignore_index=True)
    for column in ("touchpoint", "stage"):
        table[column] = table[column].astype(object).where(table[column].notna(), None)
    return table[["metric", "touchpoint", "stage", "value", "low", "high", "n", "few"]]


@dataclass(frozen=True)
class Difference:
    """B minus A with its 95% interval (points of NPS or CSAT, or CES units)."""

    metric: str
    a: Score
    b: Score
    value: float
    low: float
    high: float

    @property
    def clear(self) -> bool:
        """True when the interval excludes zero: the groups really differ."""
        return self.low > 0 or self.high < 0


def compare(
    a: pd.DataFrame, b: pd.DataFrame, metric: str, rule: CsatRule = DEFAULT_CSAT
) -> Difference:
    """How a score changed from group A to group B (say, before and after a change).

    NPS: Wald on the difference of the two adjusted estimates; CSAT: Newcombe's hybrid
    score interval built from the two Wilson intervals; CES: Welch's t interval.
    """
    sa, sb = (score_table(g, (), (metric,), rule=rule).iloc[0] for g in (a, b))
    score_a = Score(metric, sa.value, sa.low, sa.high, int(sa.n))
    score_b = Score(metric, sb.value, sb.low, sb.high, int(sb.n))
    answers = (a[metric].dropna().to_numpy(dtype=float), b[metric].dropna().to_numpy(dtype=float))
    low, high = FORMULAS[REGISTRY[metric].formula].difference(score_a, score_b, answers)
    diff = score_b.value - score_a.value
    return Difference(metric, score_a, score_b, float(diff), float(low), float(high))
