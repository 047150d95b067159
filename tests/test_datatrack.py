"""The data track: notebooks in which a student computes with pandas and altair on the bundled
company's data, and a check cell judges the result with the exercises' engine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from journeykit.app import datatrack as cells
from journeykit.evidence import import_practice
from journeykit.sample import create_sample
from journeykit.sample.practice import practice_team
from journeykit.store import Store
from journeykit.teaching import BLANK
from journeykit.teaching.datatrack import (
    DATA_EXERCISES,
    csat_by_touchpoint,
    ordered_users,
    sample_data,
    team_data,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = sample_data()


@pytest.fixture(autouse=True)
def _sample_loaded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every check here judges against the bundled sample (no store in the working folder)."""
    monkeypatch.setenv("JOURNEYKIT_STORE", str(tmp_path / "none.db"))
    monkeypatch.setattr(cells, "_LADDERS", {})
    team_data()


def answer(key: str, task: str, value: object):
    return DATA_EXERCISES[key].task(task).answer(value)


def nps_parts() -> tuple[pd.Series, float, float]:
    answers = DATA.responses["nps"].dropna()
    return answers, (answers >= 9).mean(), (answers <= 6).mean()


def test_without_a_store_the_bundled_company_is_loaded_and_no_store_is_made(
    tmp_path: Path,
) -> None:
    data = team_data()
    assert data.source == "the bundled sample company" and len(data.responses) == 5_000
    assert len(data.events) == 100_000 and data.stages[0] == "research"
    assert data.responses["touchpoint"].isin({"Setup wizard", "Pricing page"}).any()
    assert not (tmp_path / "none.db").exists()


def test_the_workshops_store_is_read_when_it_holds_the_team(tmp_path: Path) -> None:
    """The same store as the pages: a team's own data, the same as the bundled company's when
    the store holds the sample (the checks give one answer whichever is used)."""
    with Store(tmp_path / "class.db") as store:
        create_sample(store, responses=5_000, events=100_000)
    data = team_data(location=str(tmp_path / "class.db"))
    assert data.source == "the workshop's store" and data.team == DATA.team
    assert data.stages == DATA.stages
    assert sorted(data.responses["nps"].dropna()) == sorted(DATA.responses["nps"].dropna())
    with pytest.raises(ValueError, match=r"no team 'nowhere'.*use one of north, south"):
        team_data("nowhere", location=str(tmp_path / "class.db"))
    from_store = ordered_users()
    team_data(location=str(tmp_path / "elsewhere.db"))  # no store there: the bundled company
    assert from_store.tolist() == ordered_users().tolist()


@pytest.mark.parametrize(
    ("task", "value", "mistake"),
    [
        ("nps", lambda a, p, d: p - d, "ratio"),
        ("nps", lambda a, p, d: (d - p) * 100, "sign"),
        ("nps", lambda a, p, d: (p - d) / (p + d) * 100, "passives-left-out"),
        ("nps", lambda a, p, d: ((a >= 9).mean() - (a <= 7).mean()) * 100, "sevens-as-detractors"),
        ("nps", lambda a, p, d: "fifteen", "not-a-number"),
        ("interval", lambda a, p, d: (-0.06, -0.01), "ratio"),
        ("interval", lambda a, p, d: (10.0, 20.0), "outside"),
        ("interval", lambda a, p, d: ((p - d) * 100 - 0.5, (p - d) * 100 + 0.5), "narrow"),
        ("interval", lambda a, p, d: ((p - d) * 100 - 10, (p - d) * 100 + 10), "wide"),
        ("interval", lambda a, p, d: 3.0, "not-a-pair"),
    ],
)
def test_nps_slips_are_named(task: str, value, mistake: str) -> None:
    result = answer("d1-nps", task, value(*nps_parts()))
    assert not result.ok and result.mistake == mistake, result


def test_the_right_nps_and_interval_pass() -> None:
    answers, p, d = nps_parts()
    se = ((p + d - (p - d) ** 2) / len(answers)) ** 0.5 * 100
    assert answer("d1-nps", "nps", (p - d) * 100).ok
    assert answer("d1-nps", "interval", ((p - d) * 100 - 1.96 * se, (p - d) * 100 + 1.96 * se)).ok


def test_the_worst_touchpoint_and_its_slips() -> None:
    table = csat_by_touchpoint()
    assert answer("d2-csat", "worst", table.index[0]).ok
    assert answer("d2-csat", "worst", f"  {table.index[0].upper()} ").ok  # as typed
    assert answer("d2-csat", "worst", table.index[-1]).mistake == "best-not-worst"
    assert answer("d2-csat", "worst", "Facebook").mistake == "unknown"
    fewest = DATA.responses.dropna(subset=["csat"]).groupby("touchpoint")["csat"].count().idxmin()
    assert answer("d2-csat", "worst", fewest).mistake in {"fewest-answers", "best-not-worst"}


@pytest.fixture
def practice(tmp_path: Path) -> Path:
    """A store with the practice team: its clickstream, like a real one, has users who enter
    mid-funnel and stages visited out of order, so 'ever reached' and the ordered funnel
    differ (in the bundled company's tidy log they agree)."""
    path = tmp_path / "practice.db"
    with Store(path) as store:
        practice_team(store)
        import_practice(store, "practice")
    return path


def test_the_ordered_funnel_and_its_slips(practice: Path) -> None:
    data = team_data("practice", str(practice))
    assert data.source == "the workshop's store"
    events, stages = data.events, data.stages
    right = ordered_users()
    assert right.is_monotonic_decreasing and answer("d3-funnel", "users", right).ok
    ever = events[events["stage"].isin(stages)].groupby("stage")["user_id"].nunique()
    assert answer("d3-funnel", "users", ever[stages]).mistake == "any-order"
    counted = events[events["stage"].isin(stages)]["stage"].value_counts()
    assert answer("d3-funnel", "users", counted[stages]).mistake == "events-not-users"
    assert answer("d3-funnel", "users", right.iloc[:2]).mistake == "stages-missing"
    assert answer("d3-funnel", "users", [1, 2, 3]).mistake == "not-a-series"
    worst = (right.shift(-1) / right).iloc[:-1].idxmin()
    assert answer("d3-funnel", "worst", worst).ok
    assert answer("d3-funnel", "worst", stages[-1]).mistake == "last-stage"
    assert answer("d3-funnel", "worst", "checkout").mistake == "unknown"


def _csat_table() -> pd.DataFrame:
    return csat_by_touchpoint().rename("csat").reset_index()


def test_the_chart_and_its_slips() -> None:
    table = _csat_table()
    bar = alt.Chart(table).mark_bar().encode(x="csat:Q", y=alt.Y("touchpoint:N", sort="x"))
    assert answer("d4-chart", "chart", bar).ok
    labelled = bar + bar.mark_text(align="left").encode(text="csat:Q")  # bars with their values
    assert answer("d4-chart", "chart", labelled).ok
    assert answer("d4-chart", "chart", table).mistake == "not-a-chart"
    assert answer("d4-chart", "chart", alt.Chart(table).mark_bar()).mistake == "no-encoding"
    raw = (
        alt.Chart(DATA.responses[["touchpoint", "csat"]])
        .mark_bar()
        .encode(x="csat", y="touchpoint")
    )
    assert answer("d4-chart", "chart", raw).mistake == "raw-rows"
    wrong = table.assign(csat=table["csat"] / 3)
    assert (
        answer(
            "d4-chart", "chart", alt.Chart(wrong).mark_bar().encode(x="csat", y="touchpoint")
        ).mistake
        == "not-csat"
    )
    no_tp = (
        alt.Chart(table.rename(columns={"touchpoint": "name"}))
        .mark_bar()
        .encode(x="csat", y="name")
    )
    assert answer("d4-chart", "chart", no_tp).mistake == "no-touchpoint"


def test_the_check_cell_climbs_the_hints_and_keeps_the_answer_for_when_asked() -> None:
    with pytest.raises(cells.NotYet, match="Not answered yet"):
        cells.check("d1-nps", "nps", ...)
    _answers, p, d = nps_parts()
    with pytest.raises(cells.NotYet, match="Words used here") as first:
        cells.check("d1-nps", "nps", p - d)  # a ratio
    assert "NPS (Net Promoter Score)" in str(first.value) and "show_answer" not in str(first.value)
    with pytest.raises(cells.NotYet, match="ratio") as second:
        cells.check("d1-nps", "nps", p - d)
    assert "show_answer('d1-nps', 'nps')" in str(second.value)
    assert cells.NotYet("x")._render_traceback_()[-1] == "x"  # no traceback in the notebook
    assert cells.check("d1-nps", "nps", (p - d) * 100).ok


def test_a_check_cell_typed_wrong_names_what_there_is() -> None:
    with pytest.raises(KeyError, match=r"no data exercise 'd9'.*d1-nps, d2-csat"):
        cells.check("d9", "nps", 1.0)
    with pytest.raises(KeyError, match="no task 'NPS' in exercise d1-nps: its tasks are nps"):
        cells.check("d1-nps", "NPS", 1.0)


def test_every_data_task_has_a_worked_answer_and_a_term_the_page_defines() -> None:
    for item in DATA_EXERCISES.values():
        for task in item.tasks:
            assert task.kind == "code" and task.worked is not None and task.worked()
            assert item.terms[task.key] in item.glossary()
            assert answer(item.key, task.key, ...).mistake == BLANK


def _nbval(*notebooks: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOURNEYKIT_STORE": str(ROOT / "var" / "no-such-store.db")}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "--noconftest",
            "-p",
            "no:cacheprovider",
            "-q",
            *map(str, notebooks),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_solution_notebooks_pass_under_nbval() -> None:
    solved = sorted((ROOT / "exercises" / ".solutions" / "data").glob("*.ipynb"))
    assert len(solved) == len(DATA_EXERCISES)
    run = _nbval(*solved)
    assert run.returncode == 0, run.stdout[-3000:]


def test_a_blank_notebook_fails_under_nbval_with_the_hint() -> None:
    blank = sorted((ROOT / "exercises" / "data").glob("*.ipynb"))
    assert [b.stem for b in blank] == sorted(DATA_EXERCISES)
    run = _nbval(*blank)
    assert run.returncode != 0
    assert run.stdout.count("Not answered yet: replace the ... in the cell above") >= len(blank)
    assert "Traceback" not in run.stdout.split("Not answered yet")[1][:300]


def test_lab_opens_the_exercises_on_the_workshops_store_with_the_solutions_hidden(
    tmp_path: Path,
) -> None:
    """`journeykit lab`: JupyterLab on 127.0.0.1 in the exercises folder; the students' file
    browser lists the data track but not the solutions (nor serves them); its kernels are
    given the workshop's store, so Lab and the pages keep one set of answers."""
    import json
    import socket
    import time
    import urllib.error
    import urllib.request

    from journeykit.app.cli import lab_command

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    command, env = lab_command(str(tmp_path / "class.db"), port, open_tab=False)
    assert env["JOURNEYKIT_STORE"] == f"sqlite:///{tmp_path / 'class.db'}"
    env = {**env, "JUPYTER_TOKEN": "t", "JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
    log = tmp_path / "lab.log"
    server = subprocess.Popen(
        command, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=log.open("w")
    )
    try:
        base = f"http://127.0.0.1:{port}/api/contents"
        deadline, listing = time.monotonic() + 90, None
        while listing is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/?token=t", timeout=5) as reply:
                    listing = json.load(reply)
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        assert listing is not None, "JupyterLab did not answer"
        names = {item["name"] for item in listing["content"]}
        assert {"data", "05-scores.ipynb"} <= names and ".solutions" not in names
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"{base}/.solutions/data/d1-nps.ipynb?token=t", timeout=5)
    finally:
        server.terminate()
        server.wait(timeout=30)
    said = log.read_text(errors="replace")
    assert "Extension Manager is 'readonly'" in said, said[-2000:]  # no PyPI search offline
