"""The data track: exercises done in code, in real notebooks, on the bundled company's data.

A student loads a team's evidence with one call (`team_data`), computes with pandas and altair,
and a check cell judges the result with the same engine as the form exercises (`Task`, hints in
stages): the right value comes from the kit's own functions on the same data, and the typical
slips of an analyst (NPS as a ratio, passives left out, a funnel counted in any order, events
counted instead of people, a chart of raw rows) are named.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from journeykit.analysis.funnel import ever_reached, funnel, usage_stages
from journeykit.analysis.scores import nps, score_table
from journeykit.i18n import N_, _, format_number
from journeykit.teaching.checks import (
    Exercise,
    Feedback,
    Hint,
    custom,
    mistake,
    right_because,
    said,
)


@dataclass(frozen=True)
class TeamData:
    """A team's evidence as a data notebook reads it: survey responses (touchpoints by name),
    usage events, and the stages of the usage funnel in journey order."""

    team: str
    name: str
    responses: pd.DataFrame
    events: pd.DataFrame
    stages: list[str]
    source: str


_LOADED: list[TeamData] = []
"""The data this kernel loaded last: the checks judge against the data the student used."""


def team_data(team: str | None = None, location: str | None = None) -> TeamData:
    """A team's survey responses and usage events as pandas DataFrames.

    Read from the workshop's store when it holds the team (the store the pages use: the
    `--store` of `journeykit serve` or `journeykit lab`, else $JOURNEYKIT_STORE), else the
    bundled sample company built in memory, so a notebook works on any laptop, offline. Never
    creates a store; a team named but not in the store is refused with the teams there are."""
    from journeykit.store import Store, sqlite_path, store_url

    url = store_url(location)
    path = sqlite_path(url)
    data = None
    if path is None or path.exists():
        with Store(location) as store:
            ids = [t.id for t in store.teams() if t.survey_responses and t.usage_events]
            if team is not None and team not in ids:
                raise ValueError(
                    _(
                        "no team {team!r} with survey responses and usage events in the store: "
                        "use one of {teams}, or leave the team out for the first"
                    ).format(team=team, teams=", ".join(ids) or "-")
                )
            chosen = team or (ids[0] if ids else None)
            if chosen is not None:
                workspace = store.workspace(chosen)
                data = _shaped(
                    workspace,
                    store.survey_responses(chosen),
                    store.usage_events(chosen),
                    _("the workshop's store"),
                )
    if data is None:
        data = sample_data()
    _LOADED[:] = [data]
    return data


def sample_data() -> TeamData:
    """The bundled company's first team, as `journeykit sample` stores it (the same seed)."""
    from journeykit.sample import sample_events, sample_surveys, sample_workspace
    from journeykit.sample.build import DEFAULT_SEED
    from journeykit.sample.content import TEAMS

    rng = np.random.default_rng([DEFAULT_SEED, 0])
    workspace = sample_workspace(TEAMS[0], rng, 24)
    surveys = sample_surveys(workspace, rng, 5_000)
    events = sample_events(rng, 100_000, prefix=str(TEAMS[0]["id"])[0])
    events["timestamp"] = pd.to_datetime(events["timestamp"])
    return _shaped(workspace, surveys, events, _("the bundled sample company"))


def _shaped(workspace: Any, responses: pd.DataFrame, events: pd.DataFrame, source: str) -> TeamData:
    names = {t.id: t.name for t in workspace.touchpoints}
    responses = responses.assign(touchpoint=responses["touchpoint"].astype(object).map(names))
    stages, _names = usage_stages(workspace.journeys, events)
    return TeamData(
        workspace.id, workspace.name, responses.reset_index(drop=True), events, stages, source
    )


def loaded() -> TeamData:
    """The data the student loaded (the default team when they have not yet)."""
    return _LOADED[0] if _LOADED else team_data()


# ----- what the checks compare with -------------------------------------------------------------


def _team_nps() -> Any:
    return nps(loaded().responses["nps"])


def csat_by_touchpoint() -> pd.Series:
    """CSAT per touchpoint with at least MIN_ANSWERS answers, lowest first: the kit's own
    score table, so the data track and the pages agree."""
    table = score_table(loaded().responses, ["touchpoint"], ("csat",))
    kept = table[~table["few"]]
    return pd.Series(kept["value"].to_numpy(), index=kept["touchpoint"]).sort_values()


def ordered_users() -> pd.Series:
    data = loaded()
    table = funnel(data.events, data.stages)
    return pd.Series(table["users"].to_numpy(), index=table["stage"])


def _as_number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _close(a: float, b: float, within: float) -> bool:
    return abs(a - b) <= within


# ----- 1 NPS with its interval ------------------------------------------------------------------


def _nps_check(value: Any) -> Feedback:
    number = _as_number(value)
    if number is None:
        return mistake("not-a-number", _("nps must be a number, for example -3.4"))
    score, answers = _team_nps(), loaded().responses["nps"].dropna()
    promoters, detractors = (answers >= 9).sum(), (answers <= 6).sum()
    if _close(number, score.value, 0.05):
        return right_because(
            N_("promoters minus detractors, as percents of everyone who answered.")
        )
    if _close(number * 100, score.value, 0.05):
        return said(NPS_RATIO)
    if _close(number, -score.value, 0.05):
        return said(NPS_SIGN)
    if _close(number, (promoters - detractors) / (promoters + detractors) * 100, 0.05):
        return said(NPS_PASSIVES)
    if _close(number, ((answers >= 9).sum() - (answers <= 7).sum()) / len(answers) * 100, 0.05):
        return said(NPS_SEVENS)
    return mistake(
        "other",
        _(
            "{value} is not the NPS of these answers: count promoters (9-10) and detractors "
            "(0-6) among every answer given, then subtract the percents."
        ).format(value=format_number(number)),
    )


NPS_RATIO = Hint(
    "ratio", N_("That is a ratio: NPS is written in points from -100 to 100 (multiply by 100).")
)
NPS_SIGN = Hint(
    "sign", N_("The sign is turned around: it is promoters minus detractors, not the reverse.")
)
NPS_PASSIVES = Hint(
    "passives-left-out",
    N_(
        "You left the passives (7-8) out of the denominator: NPS divides by everyone who "
        "answered, passives included."
    ),
)
NPS_SEVENS = Hint(
    "sevens-as-detractors",
    N_("You counted the 7s as detractors: detractors answer 0-6, passives 7-8."),
)


def _interval_check(value: Any) -> Feedback:
    try:
        low, high = (float(v) for v in value)
    except (TypeError, ValueError):
        return mistake("not-a-pair", _("interval must be two numbers: (low, high)"))
    score = _team_nps()
    if max(abs(low), abs(high)) <= 1.5 and abs(score.value) > 1.5:
        return said(NPS_RATIO)
    if low > high:
        low, high = high, low
    if not low <= score.value <= high:
        return said(OUTSIDE)
    width, kit = high - low, score.high - score.low
    if width < kit * 0.7:
        return said(NARROW)
    if width > kit * 1.4:
        return said(WIDE)
    return right_because(
        N_(
            "a 95% interval: the NPS plus and minus 1.96 standard errors of the difference of "
            "two shares."
        )
    )


OUTSIDE = Hint("outside", N_("The interval must contain the NPS you computed."))
NARROW = Hint(
    "narrow",
    N_(
        "Too narrow for 95%: use 1.96 standard errors, and the standard error of a share of "
        "the answers (divide by the number of answers, then take the square root)."
    ),
)
WIDE = Hint(
    "wide",
    N_(
        "Too wide: a 95% interval is 1.96 standard errors on each side, not more; the "
        "standard error shrinks with the square root of the number of answers."
    ),
)


def _interval_worked() -> str:
    score = _team_nps()
    low, high = (format_number(round(v, 1)) for v in (score.low, score.high))
    return f"({low}, {high})"


# ----- 2 the worst touchpoint by CSAT -----------------------------------------------------------


def _worst_touchpoint(value: Any) -> Feedback:
    name = str(value).strip()
    table = csat_by_touchpoint()
    if name.casefold() == str(table.index[0]).casefold():
        return right_because(N_("the smallest share of 4 and 5 answers among the touchpoints."))
    if name.casefold() == str(table.index[-1]).casefold():
        return said(BEST_NOT_WORST)
    answers = loaded().responses.dropna(subset=["csat"])
    mean_worst = answers.groupby("touchpoint")["csat"].mean().idxmin()
    if name.casefold() == str(mean_worst).casefold():
        return said(MEAN_NOT_SHARE)
    fewest = answers.groupby("touchpoint")["csat"].count().idxmin()
    if name.casefold() == str(fewest).casefold():
        return said(FEWEST)
    if name.casefold() not in {str(t).casefold() for t in answers["touchpoint"].unique()}:
        return mistake(
            "unknown",
            _(
                "'{name}' is not a touchpoint of this team: take the name from the touchpoint "
                "column."
            ).format(name=name),
        )
    return mistake(
        "other", _("Not '{name}': compare the CSAT of every touchpoint.").format(name=name)
    )


BEST_NOT_WORST = Hint(
    "best-not-worst", N_("That is the best touchpoint: sort the other way, lowest CSAT first.")
)
MEAN_NOT_SHARE = Hint(
    "mean-not-share",
    N_("You ranked by the mean answer: CSAT is the share of answers of 4 or 5, not the mean."),
)
FEWEST = Hint(
    "fewest-answers",
    N_(
        "That touchpoint has the fewest answers, not the lowest CSAT: count the 4s and 5s as a "
        "share of each touchpoint's answers."
    ),
)


# ----- 3 the ordered funnel -----------------------------------------------------------------------


def _users_check(value: Any) -> Feedback:
    expected = ordered_users()
    if isinstance(value, pd.DataFrame) and "users" in value:
        value = value.set_index("stage")["users"] if "stage" in value else value["users"]
    if not isinstance(value, pd.Series):
        return mistake("not-a-series", _("users must be a pandas Series: stage -> number of users"))
    given = value.reindex(expected.index)
    if given.isna().any():
        missing = ", ".join(str(s) for s in expected.index[given.isna().to_numpy()])
        return mistake(
            "stages-missing", _("Stages missing from users: {stages}").format(stages=missing)
        )
    data = loaded()
    if (given.to_numpy() == expected.to_numpy()).all():
        return right_because(
            N_("each user counted at a stage only after reaching the stage before.")
        )
    ever = ever_reached(data.events, data.stages).set_index("stage")["users"]
    if (given.to_numpy() == ever.reindex(expected.index).to_numpy()).all():
        return said(ANY_ORDER)
    per_stage = data.events[data.events["stage"].isin(data.stages)]["stage"].value_counts()
    if (given.to_numpy() == per_stage.reindex(expected.index).to_numpy()).all():
        return said(EVENTS_NOT_USERS)
    if (given.diff().dropna() > 0).any():
        return said(GROWS)
    return mistake(
        "other",
        _("Not yet the ordered funnel: {stage} should have {right} users, not {given}.").format(
            stage=expected.index[1],
            right=format_number(int(expected.iloc[1])),
            given=format_number(float(given.iloc[1])),
        ),
    )


ANY_ORDER = Hint(
    "any-order",
    N_(
        "You counted everyone who ever reached a stage, in any order: a user counts at a "
        "stage only after reaching the stage before (that is why a conversion can pass 100%)."
    ),
)
EVENTS_NOT_USERS = Hint(
    "events-not-users",
    N_("You counted events, not people: count each user once per stage (nunique)."),
)
GROWS = Hint(
    "grows",
    N_(
        "Your funnel grows from one stage to a later one: an ordered funnel can only keep or "
        "lose people."
    ),
)


def _worst_stage(value: Any) -> Feedback:
    expected = ordered_users()
    kept = expected.shift(-1) / expected
    worst = str(kept.iloc[:-1].idxmin())
    name = str(value).strip().casefold()
    if name == worst.casefold():
        return right_because(N_("the stage after which the largest share of users is lost."))
    lost = (expected - expected.shift(-1)).iloc[:-1]
    if name == str(lost.idxmax()).casefold():
        return said(MOST_PEOPLE)
    if name == str(expected.index[-1]).casefold():
        return said(LAST_STAGE)
    if name not in {str(s).casefold() for s in expected.index}:
        return mistake(
            "unknown",
            _("'{name}' is not a stage of this funnel: use one of {stages}.").format(
                name=str(value), stages=", ".join(expected.index)
            ),
        )
    return mistake(
        "other",
        _("Not '{name}': compare each stage's share kept by the next.").format(name=str(value)),
    )


MOST_PEOPLE = Hint(
    "most-people-not-share",
    N_(
        "That stage loses the most people, but not the largest share: compare each stage's "
        "next/this, not the difference."
    ),
)
LAST_STAGE = Hint(
    "last-stage",
    N_("The last stage has no stage after it: the drop-off is between a stage and the next."),
)


# ----- 4 a chart with altair ----------------------------------------------------------------------


def _chart_check(value: Any) -> Feedback:
    spec = _spec(value)
    if spec is None:
        return said(NOT_A_CHART)
    data = spec.get("data", {})
    rows = data.get("values") if isinstance(data, dict) else None
    rows = rows if rows is not None else _dataset_rows(spec)
    layers = [spec, *spec.get("layer", [])]  # bars with labels on them: a layered chart
    encoding = {k: v for part in layers for k, v in part.get("encoding", {}).items()}
    fields = {v.get("field") for v in encoding.values() if isinstance(v, dict)}
    if not encoding:
        return said(NO_ENCODING)
    if "touchpoint" not in fields:
        return said(NO_TOUCHPOINT)
    if rows is not None and len(rows) > 100:
        return said(RAW_ROWS)
    expected = csat_by_touchpoint()
    if rows:
        numbers = [k for k, v in rows[0].items() if k != "touchpoint" and _as_number(v) is not None]
        drawn = {r.get("touchpoint"): r for r in rows}
        match = any(
            all(
                t in drawn and _close(float(drawn[t][k]), float(v), 0.6)
                for t, v in expected.items()
            )
            or all(
                t in drawn and _close(float(drawn[t][k]) * 100, float(v), 0.6)
                for t, v in expected.items()
            )
            for k in numbers
        )
        if not match:
            return said(NOT_CSAT)
    return right_because(N_("one bar (or point) per touchpoint, its CSAT as the length."))


def _spec(value: Any) -> dict[str, Any] | None:
    to_dict: Callable[..., dict[str, Any]] | None = getattr(value, "to_dict", None)
    if to_dict is None or isinstance(value, pd.DataFrame | pd.Series):
        return None
    try:
        spec = to_dict()
    except Exception:  # an unfinished chart (altair says what is missing)
        return None
    return spec if isinstance(spec, dict) and ("mark" in spec or "layer" in spec) else None


def _dataset_rows(spec: dict[str, Any]) -> list[dict[str, Any]] | None:
    datasets = spec.get("datasets", {})
    name = spec.get("data", {}).get("name") if isinstance(spec.get("data"), dict) else None
    return datasets.get(name) if name else None


NOT_A_CHART = Hint(
    "not-a-chart",
    N_("chart must be an altair chart: alt.Chart(table).mark_bar().encode(...)"),
)
NO_ENCODING = Hint(
    "no-encoding", N_("The chart has a mark but no encoding: say which column goes on x and y.")
)
NO_TOUCHPOINT = Hint(
    "no-touchpoint",
    N_("Put the touchpoint on one axis: a column named 'touchpoint' in the table you chart."),
)
RAW_ROWS = Hint(
    "raw-rows",
    N_(
        "The chart draws every response: compute CSAT per touchpoint first, then chart that "
        "table (one row per touchpoint)."
    ),
)
NOT_CSAT = Hint(
    "not-csat",
    N_(
        "The lengths are not each touchpoint's CSAT: chart the share of 4 and 5 answers per "
        "touchpoint."
    ),
)


# ----- the exercises ------------------------------------------------------------------------------


DATA_EXERCISES: dict[str, Exercise] = {
    e.key: e
    for e in (
        Exercise(
            key="d1-nps",
            step=4,
            title=N_("Data track: NPS and its interval in pandas"),
            case=N_(
                "Load the team's survey responses, compute the NPS of every answer given, in "
                "points, and its 95% interval."
            ),
            terms={"nps": "nps", "interval": "nps"},
            tasks=(
                custom(
                    "nps",
                    N_("The NPS of all answers, in points (-100 to 100)."),
                    "code",
                    _nps_check,
                    worked=lambda: format_number(round(_team_nps().value, 1)),
                ),
                custom(
                    "interval",
                    N_("Its 95% interval, as (low, high)."),
                    "code",
                    _interval_check,
                    worked=_interval_worked,
                ),
            ),
        ),
        Exercise(
            key="d2-csat",
            step=4,
            title=N_("Data track: the touchpoint with the worst CSAT"),
            case=N_(
                "Compute the CSAT of each touchpoint (those with at least 30 answers) and find "
                "the worst."
            ),
            terms={"worst": "csat"},
            tasks=(
                custom(
                    "worst",
                    N_("The name of the touchpoint with the lowest CSAT."),
                    "code",
                    _worst_touchpoint,
                    worked=lambda: str(csat_by_touchpoint().index[0]),
                ),
            ),
        ),
        Exercise(
            key="d3-funnel",
            step=4,
            title=N_("Data track: an ordered funnel and its biggest drop-off"),
            case=N_(
                "From the usage events, count the users at each stage of the funnel in journey "
                "order, and find where the largest share is lost."
            ),
            terms={"users": "drop-off", "worst": "drop-off"},
            tasks=(
                custom(
                    "users",
                    N_("users: a Series, stage -> users who reached it after the stage before."),
                    "code",
                    _users_check,
                    worked=lambda: ", ".join(
                        f"{s}: {format_number(int(n))}" for s, n in ordered_users().items()
                    ),
                ),
                custom(
                    "worst",
                    N_("The stage after which the largest share of users is lost."),
                    "code",
                    _worst_stage,
                    worked=lambda: str(
                        (ordered_users().shift(-1) / ordered_users()).iloc[:-1].idxmin()
                    ),
                ),
            ),
        ),
        Exercise(
            key="d4-chart",
            step=5,
            title=N_("Data track: a chart of CSAT by touchpoint with altair"),
            case=N_("Draw each touchpoint's CSAT as a bar chart, one bar per touchpoint."),
            terms={"chart": "csat"},
            tasks=(
                custom(
                    "chart",
                    N_("chart: an altair chart, one bar per touchpoint, CSAT as its length."),
                    "code",
                    _chart_check,
                    worked=lambda: (
                        "alt.Chart(table).mark_bar().encode(x='csat:Q', "
                        "y=alt.Y('touchpoint:N', sort='x'))"
                    ),
                ),
            ),
        ),
    )
}
