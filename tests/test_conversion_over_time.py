"""Conversion week by week: a payment incident planted in a clickstream shows as a dip in the
right step and week, weeks with too few users are not drawn as incidents, and the page and the
command line show it."""

from __future__ import annotations

import json
import random

import pandas as pd
import pytest

from journeykit.analysis.funnel import conversion_over_time
from journeykit.charts import FEW_USERS, conversion_chart

STAGES = ["research", "purchase", "onboarding"]


def clickstream(weeks: int = 6, per_week: int = 80, incident_week: int = 3) -> pd.DataFrame:
    """Users entering week by week; in `incident_week` half as many get from purchase to
    onboarding (a payment incident). Rows shuffled, as exports come."""
    rng = random.Random(5)
    rows = []
    start = pd.Timestamp("2026-03-02")  # a Monday
    for week in range(weeks):
        for n in range(per_week):
            user = f"u{week}-{n}"
            t = start + pd.Timedelta(days=7 * week + rng.random() * 6)
            rows.append((user, "visit", t, "research"))
            if rng.random() < 0.8:
                rows.append((user, "pay", t + pd.Timedelta(hours=1), "purchase"))
                rate = 0.4 if week == incident_week else 0.8
                if rng.random() < rate:
                    rows.append((user, "setup", t + pd.Timedelta(hours=3), "onboarding"))
    rng.shuffle(rows)
    return pd.DataFrame(rows, columns=["user_id", "event", "timestamp", "stage"])


def test_an_incident_shows_as_a_dip_in_its_step_and_week() -> None:
    table = conversion_over_time(clickstream(), STAGES, "W")
    step = table[table["stage"] == "purchase"].reset_index(drop=True)
    worst = step.loc[step["conversion"].idxmin()]
    assert worst["starts"] == pd.Timestamp("2026-03-23")
    assert (
        worst["conversion"]
        < 0.55
        < step.drop(index=step["conversion"].idxmin())["conversion"].min()
    )
    other = table[table["stage"] == "research"]["conversion"]
    assert other.max() - other.min() < 0.2  # the step before is untouched
    assert (table["conversion"] <= 1).all()


def test_weeks_with_few_users_are_not_drawn() -> None:
    events = clickstream(per_week=FEW_USERS - 10)
    spec = conversion_chart(conversion_over_time(events, STAGES, "W")).to_dict()
    values = next(iter(spec["datasets"].values())) if "datasets" in spec else spec["data"]["values"]
    assert values == []
    assert "fewer than 30" in json.dumps(spec["title"])


def test_the_command_line_prints_conversion_by_week(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    from journeykit.app.cli import main
    from journeykit.model import Journey, Persona, Workspace, stages_of
    from journeykit.store import Store

    events = clickstream()
    with Store(tmp_path / "w.db") as store:
        store.create_team(
            Workspace(
                id="t",
                name="T",
                personas=[Persona(id="p", name="P")],
                journeys=[
                    Journey(
                        id="j",
                        name="J",
                        personas=["p"],
                        template="custom",
                        stages=[
                            s.model_copy(update={"id": i})
                            for s, i in zip(stages_of("three-stage"), STAGES, strict=True)
                        ],
                    )
                ],
            )
        )
        store.add_usage_events(
            "t", events.assign(timestamp=events["timestamp"].dt.strftime("%Y-%m-%dT%H:%M:%S"))
        )
    assert main(["funnel", "t", "--store", str(tmp_path / "w.db"), "--over", "week", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    dip = min((r for r in rows if r["stage"] == "purchase"), key=lambda r: r["conversion"])
    assert dip["period"].startswith("2026-03-23")


def test_a_funnel_per_session_counts_a_stage_only_within_the_same_visit() -> None:
    from journeykit.analysis.funnel import funnel, sessions

    t = pd.Timestamp("2026-03-01 10:00")
    minutes = pd.Timedelta(minutes=1)
    events = pd.DataFrame(
        {
            "user_id": ["a", "a", "a", "a", "b", "b"],
            "timestamp": [t, t + 5 * minutes, t + 300 * minutes, t + 303 * minutes, t, t + minutes],
            "stage": ["research", "purchase", "research", "onboarding", "research", "purchase"],
        }
    ).sample(frac=1, random_state=3)  # out of order, as exports come
    per_user = funnel(events, STAGES).set_index("stage")["users"]
    per_session = funnel(events, STAGES, per="session").set_index("stage")["users"]
    assert per_user.to_dict() == {"research": 2, "purchase": 2, "onboarding": 1}
    # a's second visit went from research straight to onboarding: not a purchase funnel
    assert per_session.to_dict() == {"research": 3, "purchase": 2, "onboarding": 0}
    assert sessions(events).nunique() == 3
    with_ids = events.assign(session_id=["s1"] * len(events))  # the export's own session ids
    assert sessions(with_ids).nunique() == 2  # one per user, as the export says
