"""Charts: each built from data, its spec checked, saved to PNG and SVG with no network."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from journeykit import charts
from journeykit.analysis.findings import gap_analysis
from journeykit.analysis.funnel import funnel
from journeykit.analysis.scores import score_table
from journeykit.model import Action, Insight, Journey, Step, stages_of
from journeykit.sample import sample_surveys, sample_workspace
from journeykit.sample.content import TEAMS


@pytest.fixture(scope="module")
def workspace():
    return sample_workspace(TEAMS[0], np.random.default_rng(3), 12)


@pytest.fixture(scope="module")
def surveys(workspace):
    return sample_surveys(workspace, np.random.default_rng(4), 3000)


def _data(chart) -> list[list[dict]]:
    """Every inline dataset of a chart's spec."""
    return list(chart.to_dict()["datasets"].values())


def _texts(chart) -> str:
    return json.dumps(chart.to_dict(), ensure_ascii=False)


def test_the_journey_map_has_every_lane_stage_and_step_text(workspace) -> None:
    journey = workspace.journeys[0]
    names = {t.id: t.name for t in workspace.touchpoints}
    spec = charts.journey_map(journey, names).to_dict()
    text = json.dumps(spec, ensure_ascii=False)
    for stage in journey.stages:
        assert stage.name in text
    for lane in charts.LANES:
        assert lane in text
    step = journey.steps[0]
    assert step.action[:20] in text and names[step.touchpoint] in text
    assert spec["vconcat"][0]["layer"][1]["mark"]["type"] == "text"


def test_insights_show_in_the_lane_of_their_kind_at_their_stage(workspace) -> None:
    journey = workspace.journeys[0]
    first, last = journey.stages[0].id, journey.stages[-1].id
    insights = [
        Insight(id="a", kind="pain_point", title="Login fails", stage=first),
        Insight(id="b", kind="need", title="Wants a receipt", stage=last, journey=journey.id),
        Insight(id="c", kind="delight", title="Kind courier", stage=last),
        Insight(id="d", kind="pain_point", title="Nowhere placed"),
        Insight(id="e", kind="need", title="Another journey", stage=first, journey="other"),
    ]
    chart = charts.map_of(journey, [journey], {}, {}, insights)
    cells = {
        (row["line"].split()[1], row["lane"], row["stage_id"])  # first word (lines wrap)
        for data in _data(chart)
        for row in data
        if "line" in row and row["line"].startswith("◆")
    }
    assert cells == {
        ("Login", "Pain points", first),
        ("Wants", "Opportunities", last),
        ("Kind", "Moments of truth", last),
    }
    to_be = journey.model_copy(update={"id": "tb", "kind": "to-be"})
    shown = _texts(charts.map_of(to_be, [journey, to_be], {}, {}, insights))
    assert "Login fails" not in shown  # placed on no journey: the as-is map's


def test_a_long_journey_aggregates_to_a_small_spec() -> None:
    stages = stages_of("five-stage")
    steps = [
        Step(id=f"s{i}", stage=stages[i % 5].id, action=f"Step number {i}", emotion=i % 7 - 3)
        for i in range(300)
    ]
    journey = Journey(id="long", name="Long", personas=["p"], stages=stages, steps=steps)
    chart = charts.journey_map(journey)
    sizes = sorted(len(d) for d in _data(chart))
    assert max(sizes) <= 300, "one point per step at most, never a row per character"
    assert any("more" in json.dumps(d) for d in _data(chart)), "full cells say '+N more'"
    assert len(json.dumps(chart.to_dict())) < 400_000


def test_as_is_and_to_be_curves_are_drawn_together(workspace) -> None:
    as_is = workspace.journeys[0]
    to_be = as_is.model_copy(
        update={
            "id": "to-be",
            "name": "Tomorrow",
            "kind": "to-be",
            "steps": [s.model_copy(update={"emotion": 2}) for s in as_is.steps],
        }
    )
    points = charts.emotion_points([as_is, to_be])
    assert set(points["kind"]) == {"as-is", "to-be"}
    assert (points[points["kind"] == "to-be"]["emotion"] == 2).all()
    assert "Tomorrow" in _texts(charts.journey_map(as_is, to_be=to_be))


def test_priority_quadrants_are_named_and_actions_placed() -> None:
    assert charts.quadrant(impact=5, effort=1) == "quick wins"
    assert charts.quadrant(impact=5, effort=5) == "big bets"
    assert charts.quadrant(impact=1, effort=1) == "fill-ins"
    assert charts.quadrant(impact=1, effort=5) == "money pits"
    actions = [
        Action(id="a", title="Fix the FAQ", impact=4, effort=1),
        Action(id="b", title="Same place", impact=4, effort=1),
        Action(id="c", title="New CRM", impact=2, effort=5),
    ]
    points = charts.action_points(actions)
    together = points[(points["impact"] == 4) & (points["effort"] == 1)].iloc[0]
    assert together["count"] == 2 and together["quadrant"] == "quick wins"
    text = _texts(charts.priority_matrix(actions))
    for name in ("QUICK WINS", "BIG BETS", "FILL-INS", "MONEY PITS"):
        assert name in text


def test_heatmap_marks_thin_cells_and_gap_matrix_shows_outcomes(workspace, surveys) -> None:
    table = score_table(surveys, ("touchpoint", "stage"), ("csat",))
    table.loc[0, "few"] = True
    chart = charts.heatmap(table, title="CSAT")
    labels = [row["label"] for row in _data(chart)[0]]
    assert any(label.endswith("*") for label in labels)
    assert "fewer than 30 answers" in _texts(chart)
    gaps = charts.gap_matrix(gap_analysis(workspace, surveys))
    assert "keep and strengthen" in _texts(gaps)


def test_score_bars_carry_intervals_and_funnel_the_drop_off(surveys) -> None:
    table = score_table(surveys, ("stage",))
    spec = charts.score_bars(table, "stage").to_dict()
    text = json.dumps(spec)
    assert '"low"' in text and '"high"' in text
    events = pd.DataFrame(
        {
            "user_id": ["a", "a", "b", "b", "c"],
            "stage": ["research", "evaluation", "research", "evaluation", "research"],
            "timestamp": pd.to_datetime(["2026-01-01"] * 5),
        }
    )
    table = funnel(events, ["research", "evaluation"])
    labels = [row["label"] for row in _data(charts.funnel_chart(table))[0]]
    assert labels[0] == "3 users  ▼ 33% drop off"


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_charts_save_offline(tmp_path: Path, workspace, suffix: str) -> None:
    chart = charts.journey_map(workspace.journeys[0])
    saved = charts.save_chart(chart, tmp_path / f"map.{suffix}")
    head = saved.read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if suffix == "png" else b"<svg" in head


def test_an_unknown_format_is_refused_with_the_fix(tmp_path: Path, workspace) -> None:
    with pytest.raises(ValueError, match=r"name the file map.png or map.svg"):
        charts.save_chart(charts.emotion_curve(workspace.journeys), tmp_path / "map.pdf")


def test_one_theme_dresses_every_chart_the_kit_draws_standalone_or_composed() -> None:
    """The kit's altair theme gives every chart its fonts, and in Persian its digits on the
    axes, when it is drawn: the emotion curve drawn on its own too (it had neither, since
    only composed charts were configured); a chart's own configuration still wins."""
    import altair as alt

    from journeykit.charts.journey import emotion_curve
    from journeykit.charts.style import THEME, font
    from journeykit.i18n import language
    from journeykit.teaching.exercises import final_map

    assert alt.theme.active == THEME
    curve = emotion_curve([final_map()[0]])
    assert curve.to_dict()["config"]["font"] == font()
    assert "axis" not in curve.to_dict()["config"]
    with language("fa"):
        assert "'۷'" in curve.to_dict()["config"]["axis"]["labelExpr"]
    own = alt.Chart(alt.Data(values=[{"x": 1}])).mark_point().configure(font="serif")
    assert own.to_dict()["config"]["font"] == "serif"
    sources = (Path(charts.__file__).parent).glob("*.py")
    assert not [p.name for p in sources if ".configure(**" in p.read_text(encoding="utf-8")]
