"""NPS, CSAT and CES: each computed in exactly one place, with n and a 95% interval.

Every function here works from counts or sums, so one answer, a group of a table and a
million-row survey go through the same formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from journeykit.i18n import _
from journeykit.model import CES_SCALE, CSAT_SCALE, SCORE_KEYS, SCORE_SCALES

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
    return array


def nps(values: Sequence[float] | pd.Series) -> Score:
    """Net Promoter Score of 0-10 answers: % promoters (9-10) minus % detractors (0-6)."""
    a = _answers(values, "nps")
    value, low, high = nps_from_counts(
        np.array([(a >= 9).sum()]),
        np.array([((a >= 7) & (a <= 8)).sum()]),
        np.array([(a <= 6).sum()]),
    )
    return Score("nps", float(value[0]), float(low[0]), float(high[0]), len(a))


def csat(values: Sequence[float] | pd.Series, rule: CsatRule = DEFAULT_CSAT) -> Score:
    """CSAT: % of answers in the top of the scale (by default 4 or 5 on 1-5)."""
    a = _answers(values, "csat", rule.scale)
    value, low, high = share_from_counts(
        np.array([(a >= rule.threshold).sum()]), np.array([len(a)])
    )
    return Score("csat", float(value[0]), float(low[0]), float(high[0]), len(a))


def ces(values: Sequence[float] | pd.Series, scale: tuple[int, int] = CES_SCALE) -> Score:
    """CES: the mean effort on the stated scale (here 1 = very easy .. 7 = very difficult)."""
    a = _answers(values, "ces", scale)
    value, low, high = mean_from_sums(
        np.array([a.sum()]), np.array([(a**2).sum()]), np.array([len(a)]), scale
    )
    return Score("ces", float(value[0]), float(low[0]), float(high[0]), len(a))


def _indicators(frame: pd.DataFrame, rule: CsatRule) -> pd.DataFrame:
    """Per answer, the columns every score is summed from (one pass over the data)."""
    out = {}
    nps_v = frame["nps"].to_numpy(dtype=float, na_value=np.nan)
    out["nps_promoters"] = nps_v >= 9
    out["nps_passives"] = (nps_v >= 7) & (nps_v <= 8)
    out["nps_detractors"] = nps_v <= 6
    csat_v = frame["csat"].to_numpy(dtype=float, na_value=np.nan)
    out["csat_n"] = ~np.isnan(csat_v)
    out["csat_hits"] = csat_v >= rule.threshold
    ces_v = frame["ces"].to_numpy(dtype=float, na_value=np.nan)
    has_ces = ~np.isnan(ces_v)
    out["ces_n"] = has_ces
    out["ces_sum"] = np.where(has_ces, ces_v, 0.0)
    out["ces_squares"] = np.where(has_ces, ces_v**2, 0.0)
    return pd.DataFrame(out, index=frame.index)


def _from_sums(sums: pd.DataFrame, metrics: Sequence[str]) -> pd.DataFrame:
    parts = []
    for metric in metrics:
        if metric == "nps":
            counts = (sums["nps_promoters"], sums["nps_passives"], sums["nps_detractors"])
            value, low, high = nps_from_counts(*(c.to_numpy() for c in counts))
            n = sum(c.to_numpy() for c in counts)
        elif metric == "csat":
            n = sums["csat_n"].to_numpy()
            value, low, high = share_from_counts(sums["csat_hits"].to_numpy(), n)
        else:
            n = sums["ces_n"].to_numpy()
            value, low, high = mean_from_sums(
                sums["ces_sum"].to_numpy(), sums["ces_squares"].to_numpy(), n
            )
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
    data = _indicators(frame, rule)
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
    diff = score_b.value - score_a.value
    if metric == "nps":
        half = np.hypot((score_a.high - score_a.low) / 2, (score_b.high - score_b.low) / 2)
        low, high = diff - half, diff + half
    elif metric == "csat":
        low = diff - np.hypot(score_b.value - score_b.low, score_a.high - score_a.value)
        high = diff + np.hypot(score_b.high - score_b.value, score_a.value - score_a.low)
    else:
        xa, xb = (g["ces"].dropna().to_numpy(dtype=float) for g in (a, b))
        va, vb = xa.var(ddof=1) / len(xa), xb.var(ddof=1) / len(xb)
        df = (va + vb) ** 2 / (va**2 / (len(xa) - 1) + vb**2 / (len(xb) - 1))
        half = stats.t.ppf(0.975, df) * np.sqrt(va + vb)
        low, high = diff - half, diff + half
    return Difference(metric, score_a, score_b, float(diff), float(low), float(high))
