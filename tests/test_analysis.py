"""Scores against hand-computed cases, funnels and paths on logs whose answer is known, and
findings on the sample's planted patterns."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit.analysis.findings import (
    accept,
    gap_analysis,
    moments_of_truth,
    pain_points,
    touchpoint_importance,
)
from journeykit.analysis.funnel import (
    compare_funnels,
    conversion_over_time,
    ever_reached,
    flows,
    funnel,
    paths,
)
from journeykit.analysis.scores import (
    CsatRule,
    ces,
    compare,
    csat,
    metric_records,
    nps,
    score_table,
)
from journeykit.analysis.themes import coded_evidence, telling_quotes, themes
from journeykit.app.cli import main
from journeykit.model import Insight
from journeykit.store import Store


def test_nps_by_hand() -> None:
    # 3 promoters (9, 10, 9), 2 passives (7, 8), 3 detractors (0, 5, 6): (3 - 3) / 8 = 0
    score = nps([9, 10, 9, 7, 8, 0, 5, 6])
    assert (score.value, score.n) == (0.0, 8)
    # passives are in the denominator: 2 promoters, 2 passives -> 50, not 100
    assert nps([9, 10, 7, 8]).value == 50.0
    assert nps([6] * 4 + [9] * 6).value == pytest.approx(20.0)


def test_nps_edges() -> None:
    top, bottom, one = nps([10] * 20), nps([0] * 20), nps([9])
    assert (top.value, top.high) == (100.0, 100.0) and top.low < 100
    assert (bottom.value, bottom.low) == (-100.0, -100.0) and bottom.high > -100
    assert one.value == 100 and one.n == 1 and one.low < 0 and one.few
    empty = nps([])
    assert empty.n == 0 and math.isnan(empty.value)
    with pytest.raises(ValueError, match="0 to 10"):
        nps([11])


def test_csat_by_hand_and_with_another_rule() -> None:
    score = csat([5, 4, 3, 2, 1])
    assert score.value == pytest.approx(40.0) and 5 < score.low < 40 < score.high < 80
    assert csat([5, 5, 5]).value == 100 and csat([5, 5, 5]).high == pytest.approx(100)
    top_box = CsatRule(top=1)
    assert csat([5, 4, 4, 5], top_box).value == 50.0
    seven = CsatRule(scale=(1, 7), top=2)
    assert csat([7, 6, 5, 1], seven).value == 50.0


def test_ces_mean_and_t_interval() -> None:
    score = ces([2, 4, 6])
    assert score.value == 4.0
    # t(0.975, 2) = 4.303; sd = 2; half = 4.303 * 2 / sqrt(3) = 4.97 -> clipped to the scale
    assert (score.low, score.high) == (1.0, 7.0)
    wide_n = ces([3, 4] * 50)
    assert wide_n.low == pytest.approx(3.5 - 1.984 * 0.5025 / 10, abs=1e-3)
    assert ces([5]).low == 1 and ces([5]).high == 7


def _responses() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "touchpoint": ["web"] * 4 + ["chat"] * 2,
            "stage": ["a", "a", "b", "b", "b", "b"],
            "submitted_at": pd.to_datetime(["2026-01-05"] * 3 + ["2026-02-05"] * 3),
            "nps": pd.array([10, 0, 9, None, 7, 10], dtype="Int64"),
            "csat": pd.array([5, 1, 4, 4, None, 5], dtype="Int64"),
            "ces": pd.array([1, 7, 2, 3, 4, None], dtype="Int64"),
        }
    )


def test_score_table_groups_flag_small_cells_and_keep_empty_metrics() -> None:
    table = score_table(_responses(), ("touchpoint",))
    web = table[table["touchpoint"] == "web"].set_index("metric")
    assert web.loc["nps", "value"] == pytest.approx(100 * (2 - 1) / 3)
    assert web.loc["csat", "value"] == 75.0 and web.loc["csat", "n"] == 4
    assert web.loc["ces", "value"] == pytest.approx(13 / 4)
    assert table["few"].all()
    monthly = score_table(_responses(), (), ("csat",), period="M")
    assert monthly["period"].tolist() == ["2026-01", "2026-02"]
    assert monthly["value"].tolist() == [pytest.approx(200 / 3), 100.0]


def test_metric_records_hold_totals_with_empty_keys() -> None:
    table = metric_records(_responses())
    overall = table[table["touchpoint"].isna() & table["stage"].isna()].set_index("metric")
    assert overall.loc["csat", "n"] == 5 and overall.loc["nps", "n"] == 5
    assert set(table.columns) >= {"metric", "touchpoint", "stage", "value", "low", "high", "n"}


def test_differences_have_intervals_that_tell_real_changes_from_noise() -> None:
    before = pd.DataFrame(
        {
            "nps": pd.array([0, 3, 6, 9] * 50, dtype="Int64"),
            "csat": pd.array([1, 2, 4, 5] * 50, dtype="Int64"),
            "ces": pd.array([6, 5, 4, 5] * 50, dtype="Int64"),
        }
    )
    after = pd.DataFrame(
        {
            "nps": pd.array([9, 10, 8, 6] * 50, dtype="Int64"),
            "csat": pd.array([4, 5, 5, 3] * 50, dtype="Int64"),
            "ces": pd.array([2, 3, 2, 1] * 50, dtype="Int64"),
        }
    )
    for metric, expected in (("nps", 25 - (-50)), ("csat", 75 - 50), ("ces", 2 - 5)):
        change = compare(before, after, metric)
        assert change.value == pytest.approx(expected)
        assert change.low < change.value < change.high and change.clear
    same = compare(before, before, "csat")
    assert same.value == 0 and not same.clear


def _log(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["user_id", "stage", "timestamp"]).assign(
        timestamp=lambda d: pd.to_datetime(d["timestamp"]), platform="web"
    )


LOG = _log(
    [
        ("u1", "visit", "2026-03-01 10:00"),
        ("u1", "buy", "2026-03-01 12:00"),
        ("u1", "use", "2026-03-02 12:00"),
        ("u2", "visit", "2026-03-01 10:00"),
        ("u2", "buy", "2026-03-01 14:00"),
        ("u3", "visit", "2026-03-08 10:00"),
        ("u3", "visit", "2026-03-08 11:00"),
        ("u4", "visit", "2026-03-08 10:00"),
        ("u4", "buy", "2026-03-08 20:00"),
        ("u4", "visit", "2026-03-09 10:00"),
    ]
)


def test_funnel_on_a_log_whose_answer_is_known() -> None:
    table = funnel(LOG, ["unseen", "visit", "buy", "use"]).set_index("stage")
    assert list(table.index) == ["visit", "buy", "use"], "stages before any event are left out"
    assert table["users"].tolist() == [4, 3, 1]
    assert table.loc["buy", "conversion"] == 0.75 and table.loc["use", "conversion"] == 1 / 3
    assert table.loc["visit", "drop_off"] == 0.25
    assert table.loc["visit", "median_hours_to_next"] == 4.0  # 2, 4 and 10 hours
    assert table.loc["buy", "median_hours_to_next"] == 24.0
    assert math.isnan(table.loc["use", "drop_off"])


def test_funnel_is_ordered_and_never_converts_above_all() -> None:
    """A clickstream out of order, with users who enter mid-journey and who go back: a user
    counts at a stage only after the stage before, so conversion stays at most 100 %."""
    log = _log(
        [
            ("late", "buy", "2026-03-01 09:00"),  # entered at the fair: never visited
            ("late", "use", "2026-03-01 10:00"),
            ("u1", "use", "2026-03-03 10:00"),  # rows out of order
            ("u1", "visit", "2026-03-01 10:00"),
            ("u1", "buy", "2026-03-02 10:00"),
            ("back", "buy", "2026-03-01 08:00"),  # bought first, visited later: not in order
            ("back", "visit", "2026-03-01 09:00"),
            ("slow", "visit", "2026-03-01 10:00"),
            ("slow", "buy", "2026-03-20 10:00"),
        ]
    )
    table = funnel(log, ["visit", "buy", "use"]).set_index("stage")
    assert table["users"].tolist() == [3, 2, 1]
    assert (table["conversion"] <= 1).all() and (table["drop_off"].dropna() >= 0).all()
    assert table.loc["buy", "first_seen_here"] == 2  # 'late' and 'back'
    weekly = funnel(log, ["visit", "buy", "use"], window=pd.Timedelta(days=7))
    assert weekly.set_index("stage")["users"].tolist() == [3, 1, 1]  # 'slow' took 19 days
    assert ever_reached(log, ["visit", "buy", "use"])["users"].tolist() == [3, 4, 2]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "d"]),
            st.sampled_from(["visit", "buy", "use", "other"]),
            st.integers(0, 10_000),
        ),
        max_size=40,
    ),
    st.none() | st.integers(1, 5_000),
)
def test_any_clickstream_gives_a_funnel_that_only_narrows(rows, window) -> None:
    log = pd.DataFrame(rows, columns=["user_id", "stage", "minutes"])
    log["timestamp"] = pd.Timestamp("2026-03-01") + pd.to_timedelta(log["minutes"], unit="m")
    table = funnel(log, ["visit", "buy", "use"], window=window and pd.Timedelta(minutes=window))
    assert (table["users"].diff().dropna() <= 0).all()
    assert ((table["conversion"] <= 1) | table["conversion"].isna()).all()


def test_funnel_per_attribute() -> None:
    log = LOG.assign(platform=["web"] * 5 + ["ios"] * 5)
    table = funnel(log, ["visit", "buy", "use"], by="platform").set_index(["platform", "stage"])
    assert table.loc[("ios", "buy"), "users"] == 1 and table.loc[("web", "buy"), "users"] == 2


def _platform_log(groups: dict[str, tuple[int, int]]) -> pd.DataFrame:
    """Per platform, how many users visit and how many of them buy after."""
    rows = []
    for platform, (entered, bought) in groups.items():
        for n in range(entered):
            user = f"{platform}-{n}"
            rows.append((user, "visit", pd.Timestamp("2026-03-01"), platform))
            if n < bought:
                rows.append((user, "buy", pd.Timestamp("2026-03-02"), platform))
    return pd.DataFrame(rows, columns=["user_id", "stage", "timestamp", "platform"])


def test_side_by_side_funnels_say_the_difference_and_its_interval() -> None:
    """New users converting half as often as loyal ones was invisible: the funnel per value
    now ends in each group's conversion and its difference from the largest, with intervals."""
    log = _platform_log({"web": (400, 200), "ios": (100, 20), "kiosk": (1, 0)})
    table = compare_funnels(funnel(log, ["visit", "buy"], by="platform"), "platform")
    rows = table.set_index("platform")
    assert list(table["platform"]) == ["web", "ios", "kiosk"]  # the largest first
    assert (rows.loc["web", "entered"], rows.loc["web", "converted"]) == (400, 200)
    assert rows.loc["ios", "conversion"] == pytest.approx(20.0)
    assert rows.loc["ios", "difference"] == pytest.approx(-30.0)
    # Newcombe (1998, method 10) for 20/100 against 200/400, worked by hand from the two
    # Wilson intervals (0.1334-0.2888 and 0.4512-0.5488)
    assert rows.loc["ios", "difference_low"] == pytest.approx(-38.26, abs=0.05)
    assert rows.loc["ios", "difference_high"] == pytest.approx(-19.87, abs=0.05)
    assert rows.loc["web", "difference"] == 0
    kiosk = rows.loc["kiosk"]  # one user: a wide interval, still inside the scale
    assert -100 <= kiosk["difference_low"] < kiosk["difference"] < kiosk["difference_high"] <= 100


@given(
    st.dictionaries(
        st.sampled_from(["a", "b", "c"]),
        st.integers(1, 300).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))),
        min_size=1,
    )
)
@settings(max_examples=40, deadline=None)
def test_any_groups_give_differences_inside_their_intervals(groups) -> None:
    table = compare_funnels(
        funnel(_platform_log(groups), ["visit", "buy"], by="platform"), "platform"
    )
    assert (table["difference_low"] <= table["difference"] + 1e-9).all()
    assert (table["difference"] <= table["difference_high"] + 1e-9).all()
    assert table["difference_low"].min() >= -100 - 1e-9
    assert table["difference_high"].max() <= 100 + 1e-9


def test_paths_collapse_repeats_and_see_loops() -> None:
    table = paths(LOG, ["visit", "buy", "use"]).set_index("path")
    assert table.loc["visit > buy", "users"] == 1
    assert table.loc["visit", "users"] == 1  # u3's two visits are one step
    assert bool(table.loc["visit > buy > visit", "loops_back"])
    assert not bool(table.loc["visit > buy > use", "loops_back"])


def test_conversion_over_time_shows_the_week_that_broke() -> None:
    table = conversion_over_time(LOG, ["visit", "buy", "use"], period="W")
    visits = table[table["stage"] == "visit"].set_index("period")
    assert visits["users"].tolist() == [2, 2]
    assert visits["conversion"].tolist() == [1.0, 0.5]


@pytest.fixture(scope="module")
def north(sample_store_path: Path):
    with Store(sample_store_path) as store:
        yield store.workspace("north"), store.survey_responses("north"), store.usage_events("north")


def test_themes_and_quotes_keep_every_language(north) -> None:
    workspace, surveys, _ = north
    coded = coded_evidence(workspace, surveys)
    table = themes(coded)
    top = table.iloc[0]
    assert (top.tag, top.stage, top.touchpoint) == ("pain_point", "onboarding", "setup-wizard")
    quotes = telling_quotes(coded, "pain_point", "onboarding", "setup-wizard", count=10)
    assert any("بانکی" in q for q in quotes) and len(quotes) == len(set(quotes))


def test_the_planted_pain_point_ranks_first_with_its_evidence(north) -> None:
    workspace, surveys, _ = north
    found = pain_points(workspace, surveys)
    assert found[0].touchpoint == "setup-wizard" and found[0].stage == "onboarding"
    assert found[0].severity >= 4 and found[0].frequency > 50
    assert any("bank" in q.lower() for q in found[0].evidence)


def test_moments_of_truth_are_important_and_unsatisfying(north) -> None:
    workspace, surveys, _ = north
    importance = touchpoint_importance(surveys).set_index("touchpoint")
    assert (
        importance.loc["setup-wizard", "importance"] > importance.loc["social-media", "importance"]
    )
    found = {f.touchpoint for f in moments_of_truth(workspace, surveys)}
    assert "setup-wizard" in found and "payment-reminders" not in found


def test_gap_analysis_finds_the_demo_and_trial_gaps(north) -> None:
    workspace, surveys, events = north
    gaps = gap_analysis(workspace, surveys, events).set_index(["touchpoint", "stage"])
    assert gaps.loc[("free-trial", "evaluation"), "outcome"].startswith("drop")
    assert gaps.loc[("demo-booking", "evaluation"), "outcome"].startswith("add")
    assert gaps.loc[("setup-wizard", "onboarding"), "outcome"] == "keep and strengthen"


def test_a_finding_is_accepted_as_an_insight(north, tmp_path: Path) -> None:
    workspace, surveys, _ = north
    finding = pain_points(workspace, surveys)[0]
    with Store(tmp_path / "w.db") as store:
        store.create_team(workspace.model_copy(update={"insights": [], "actions": []}))
        insight = accept(store, "north", finding, journey="north-b2b")
        saved = store.get("north", Insight, insight.id).item
    assert saved.kind == "pain_point" and saved.touchpoint == "setup-wizard"
    assert saved.evidence == finding.evidence


def test_cli_metrics_and_funnel_json(sample_store_path: Path, capsys) -> None:
    assert main(["metrics", "north", "--json", "--store", str(sample_store_path)]) == 0
    records = json.loads(capsys.readouterr().out)
    assert set(records[0]) == {"metric", "touchpoint", "stage", "value", "low", "high", "n"}
    overall = [r for r in records if r["touchpoint"] is None and r["stage"] is None]
    assert {r["metric"] for r in overall} == {"nps", "csat", "ces"}
    assert main(["funnel", "north", "--json", "--store", str(sample_store_path)]) == 0
    stages = json.loads(capsys.readouterr().out)
    assert [s["stage"] for s in stages] == [
        "research",
        "evaluation",
        "commitment",
        "onboarding",
        "expansion",
    ]
    assert set(stages[0]) == {
        "stage",
        "users",
        "conversion",
        "drop_off",
        "median_hours_to_next",
        "p90_hours_to_next",
        "first_seen_here",
    }
    assert stages[-1]["drop_off"] is None


def test_cli_evidence_exit_codes(tmp_path: Path, capsys) -> None:
    store = str(tmp_path / "w.db")
    assert main(["sample", "--store", store, "--responses", "50", "--events", "200"]) == 0
    good = tmp_path / "good.csv"
    good.write_text("id,date,Touchpoint,csat\nx1,2026-03-01,Website,4\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,date,Touchpoint,csat\nx2,2026-03-01,Webshop,4\n", encoding="utf-8")
    stages = tmp_path / "stages.csv"
    stages.write_text("event,stage\nwizard_started,Onboarding\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["evidence", "north", str(good), "--kind", "survey", "--store", store]) == 0
    assert "stored 1 row" in capsys.readouterr().out
    assert main(["evidence", "north", str(bad), "--kind", "survey", "--store", store]) == 1
    assert "nearest: Website" in capsys.readouterr().out
    assert (
        main(["evidence", "north", str(bad), "--kind", "survey", "--store", store, "--json"]) == 1
    )
    assert json.loads(capsys.readouterr().out)["refused_rows"] == 1
    assert (
        main(
            ["evidence", "north", str(tmp_path / "none.csv"), "--kind", "survey", "--store", store]
        )
        == 1
    )
    assert "no such file" in capsys.readouterr().err
    events = tmp_path / "events.csv"
    events.write_text("user,event,time\nq1,wizard_started,2026-03-01T10:00:00\n", encoding="utf-8")
    assert (
        main(
            [
                "evidence",
                "north",
                str(events),
                "--kind",
                "events",
                "--stages",
                str(stages),
                "--store",
                store,
            ]
        )
        == 0
    )
    with pytest.raises(SystemExit) as usage:
        main(["evidence", "north", str(good), "--store", store])
    assert usage.value.code == 2


def test_another_scale_drops_missing_answers_and_checks_the_range() -> None:
    seven = CsatRule(scale=(1, 7), top=2)
    score = csat([7, 6, None, 1], seven)
    assert (score.value, score.n) == (pytest.approx(200 / 3), 3)
    with pytest.raises(ValueError, match="1 to 7"):
        csat([9], seven)
    assert ces([1, None, 5], scale=(1, 5)).n == 2


def test_flows_follow_each_visit_and_show_loops_back() -> None:
    """Moves between stages within a session, from a clickstream out of order: events at one
    stage in a row are one visit to it, a move back is marked, and a return the next day is
    a new session (no move), unless the whole history is asked for (`per="user"`)."""
    log = _log(
        [
            ("u1", "consider", "2026-01-01 10:05"),
            ("u1", "consider", "2026-01-01 10:00"),
            ("u1", "purchase", "2026-01-01 10:02"),
            ("u1", "consider", "2026-01-01 10:10"),
            ("u1", "purchase", "2026-01-01 10:20"),
            ("u1", "use", "2026-01-02 09:00"),
            ("u2", "aware", "2026-01-01 11:00"),
            ("u2", "consider", "2026-01-01 11:01"),
            ("u2", "other", "2026-01-01 11:02"),
        ]
    )
    stages = ["aware", "consider", "purchase", "use"]
    table = flows(log, stages).set_index(["from_stage", "to_stage"])
    assert table["moves"].to_dict() == {
        ("consider", "purchase"): 2,
        ("aware", "consider"): 1,
        ("purchase", "consider"): 1,
    }
    assert table.loc[("consider", "purchase"), "sessions"] == 1
    assert table["back"].to_dict()[("purchase", "consider")]
    assert not table.loc[("consider", "purchase"), "back"]
    assert table.loc[("purchase", "consider"), "share"] == 1.0
    whole = flows(log, stages, per="user").set_index(["from_stage", "to_stage"])
    assert whole.loc[("purchase", "use"), "moves"] == 1  # the next day, one user's history
    ids = log.assign(session_id=["s1", "s1", "s1", "s2", "s2", "s3", "x", "x", "x"])
    by_id = flows(ids, stages).set_index(["from_stage", "to_stage"])
    assert by_id["moves"].to_dict() == {
        ("consider", "purchase"): 2,  # one in each of s1 and s2
        ("aware", "consider"): 1,
        ("purchase", "consider"): 1,  # s1: 10:00, 10:02, then back at 10:05
    }
    assert by_id.loc[("consider", "purchase"), "sessions"] == 2
    with pytest.raises(ValueError, match="per 'user' or per 'session'"):
        flows(log, stages, per="visit")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c"]),
            st.sampled_from(["visit", "buy", "use", "other"]),
            st.integers(0, 3_000),
        ),
        max_size=40,
    ),
    st.sampled_from(["session", "user"]),
)
def test_any_clickstream_gives_flows_that_add_up(rows, per) -> None:
    log = pd.DataFrame(rows, columns=["user_id", "stage", "minutes"])
    log["timestamp"] = pd.Timestamp("2026-03-01") + pd.to_timedelta(log["minutes"], unit="m")
    stages = ["visit", "buy", "use"]
    table = flows(log, stages, per=per)
    assert (table["from_stage"] != table["to_stage"]).all()
    assert ((table["sessions"] >= 1) & (table["sessions"] <= table["moves"])).all()
    order = {s: i for i, s in enumerate(stages)}
    assert (table["back"] == (table["to_stage"].map(order) < table["from_stage"].map(order))).all()
    for _stage, out in table.groupby("from_stage"):
        assert out["share"].sum() == pytest.approx(1.0)
    known = log[log["stage"].isin(stages)]
    assert table["moves"].sum() <= max(0, len(known) - known["user_id"].nunique())
