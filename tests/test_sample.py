"""The sample workshop: deterministic, the sizes asked for, and the planted patterns findable."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from journeykit.sample import sample_events, sample_surveys, sample_workspace
from journeykit.sample.content import TEAMS
from journeykit.store import Store


@pytest.fixture(scope="module")
def sample(sample_store_path: Path):
    with Store(sample_store_path) as store:
        yield {
            team: (store.workspace(team), store.survey_responses(team), store.usage_events(team))
            for team in ("north", "south")
        }


def _build(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    workspace = sample_workspace(TEAMS[0], rng, 20)
    return sample_surveys(workspace, rng, 400), sample_events(rng, 3000)


def test_same_seed_same_data_and_another_seed_other_data() -> None:
    first, again, other = _build(3), _build(3), _build(4)
    pd.testing.assert_frame_equal(first[0], again[0])
    pd.testing.assert_frame_equal(first[1], again[1])
    assert not first[0]["csat"].equals(other[0]["csat"])


def test_sizes_are_parameters() -> None:
    surveys, events = _build(1)
    assert len(surveys) == 400 and len(events) == 3000
    assert surveys["id"].is_unique


def test_each_team_has_what_the_workshop_needs(sample) -> None:
    for workspace, surveys, events in sample.values():
        assert len(workspace.personas) == 2
        touchpoints = workspace.touchpoints
        assert len(touchpoints) >= 15
        assert {t.digital for t in touchpoints} == {True, False}
        assert {t.contact for t in touchpoints} == {"direct", "indirect"}
        templates = [j.template for j in workspace.journeys]
        assert templates[0] == "b2b-seven" and len(set(templates)) == 2
        assert all(j.kind == "as-is" for j in workspace.journeys)
        assert len(workspace.interviews) >= 20
        assert workspace.insights and workspace.actions
        assert len(surveys) == 5000 and len(events) == 100_000
        assert surveys["comment"].notna().mean() > 0.3
        for score, (low, high) in {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}.items():
            values = surveys[score].dropna()
            assert values.between(low, high).all() and values.nunique() > 2


def test_the_onboarding_pain_shows_in_scores_drop_off_and_interviews(sample) -> None:
    workspace, surveys, events = sample["north"]
    by_stage = surveys.groupby("stage")["csat"].mean()
    assert by_stage.idxmin() == "onboarding"
    assert surveys.groupby("stage")["ces"].mean().idxmax() == "onboarding"
    users = events.groupby("event")["user_id"].nunique()
    assert users["bank_connected"] / users["wizard_started"] < 0.6
    assert users["first_invoice_sent"] / users["bank_connected"] > 0.8
    onboarding_notes = [n for n in workspace.interviews if n.stage == "onboarding"]
    assert sum("pain_point" in n.tags for n in onboarding_notes) >= 5


def test_android_fails_the_bank_step_more_and_the_incident_week_shows(sample) -> None:
    _, _, events = sample["north"]
    started = events[events["event"] == "wizard_started"]
    connected = set(events.loc[events["event"] == "bank_connected", "user_id"])
    rate = started.assign(ok=started["user_id"].isin(connected)).groupby("platform")["ok"].mean()
    assert rate["android"] < rate["web"] - 0.15
    week = started["timestamp"].between("2026-04-13", "2026-04-20")
    assert started.loc[week, "user_id"].isin(connected).mean() < 0.35
    assert started.loc[~week, "user_id"].isin(connected).mean() > 0.45


def test_demo_bookers_buy_about_twice_as_often_as_trial_starters(sample) -> None:
    _, _, events = sample["north"]
    bought = set(events.loc[events["event"] == "plan_purchased", "user_id"])

    def rate(event: str) -> float:
        return events.loc[events["event"] == event, "user_id"].isin(bought).mean()

    assert rate("demo_booked") > 1.7 * rate("trial_started")


def test_interviews_and_comments_keep_non_english_text(sample) -> None:
    workspace, surveys, _ = sample["north"]
    texts = " ".join(n.text for n in workspace.interviews) + " ".join(
        surveys["comment"].dropna().unique()
    )
    for word in ("bankkapcsolat", "поддержку", "بانکی"):
        assert word in texts


def _texts(value: object) -> list[str]:
    """Every text in a dumped model (ids included: they must not be English words either)."""
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("code", ["fa", "hu", "ru"])
def test_the_sample_comes_in_each_language_with_the_same_numbers(code: str, tmp_path) -> None:
    """A workshop in Persian, Hungarian or Russian gets its sample in that language: no English
    word in any team's names, personas, catalogue, maps, notes, insights, actions or comments;
    the ids and every number (and so every finding) as in English."""
    from languages import english_left

    from journeykit.analysis.scores import score_table
    from journeykit.sample import create_sample

    sizes = {"responses": 800, "events": 2000, "interviews": 8}
    with Store(tmp_path / "en.db") as english, Store(tmp_path / f"{code}.db") as other:
        assert create_sample(english, **sizes) == create_sample(other, code=code, **sizes)
        for team in ("north", "south"):
            theirs = other.workspace(team)
            values = _texts(theirs.model_dump(mode="json", exclude=SETTINGS_AND_CODES))
            comments = other.survey_responses(team)["comment"].dropna().unique().tolist()
            left = {w for t in values + comments for w in english_left(code, t)}
            ids = {w for w in left if any(w in i for i in _ids(theirs))}
            assert left - ids == set(), (
                f"{code} sample of {team}: English left {sorted(left - ids)}"
            )
            mine = english.workspace(team)
            assert _ids(mine) == _ids(theirs)
            stage_names = [
                [s.name for s in j.stages] for j in (theirs.journeys[0], mine.journeys[0])
            ]
            assert stage_names[0] != stage_names[1], "the stages are named in the language"
            pd.testing.assert_frame_equal(
                score_table(english.survey_responses(team), ("touchpoint",)),
                score_table(other.survey_responses(team), ("touchpoint",)),
            )
            pd.testing.assert_frame_equal(english.usage_events(team), other.usage_events(team))


SETTINGS_AND_CODES = {
    "private": True,
    "language": True,
    "rejected": True,
    "interviews": {"__all__": {"tags"}},
}
"""What a workspace stores as codes, not words (what stays private, the codes of notes)."""


def _ids(workspace) -> set[str]:
    """The ids of a workspace's items (and the enums its items carry), which stay as they are."""
    dumped = workspace.model_dump(mode="json")
    found = set()
    for kind in ("personas", "touchpoints", "journeys", "interviews", "insights", "actions"):
        for item in dumped[kind]:
            found.add(item["id"])
            for key in ("stage", "touchpoint", "persona", "kind", "status", "evidence", "contact"):
                if isinstance(item.get(key), str):
                    found.add(item[key])
    for journey in dumped["journeys"]:
        found |= {s["id"] for s in journey["stages"]} | {s["id"] for s in journey["steps"]}
        found.add(journey["template"])
    return found
