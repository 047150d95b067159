"""Every output for any team the kit lets a user build: the report, the published app and every
export, for random teams (any subset of personas, touchpoints, journeys on any stage model,
interview notes, survey scores, usage events, insights and actions), in every language.

The outputs must never end in a traceback: what cannot be computed is left out, with a line
that says why.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.app.export import WRITERS
from journeykit.app.export.documents import report_html
from journeykit.app.export.figures import Shared
from journeykit.app.publish import publish
from journeykit.model import (
    Action,
    Coding,
    Insight,
    InterviewNote,
    Journey,
    Persona,
    Step,
    Touchpoint,
    Workspace,
)
from journeykit.model.templates import TEMPLATES, stages_of
from journeykit.store import Store

LANGUAGES = ("en", "fa", "hu", "ru")
WORDS = st.one_of(
    st.sampled_from(["Website", "Vásárlás", "Оплата", "پشتیبانی", "Setup wizard", "a<b>&"]),
    # any text a person can paste: every Unicode category but lone surrogates (which no file
    # or page can carry), so controls, marks of direction, combining marks, emoji, formulas
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30).map(
        lambda text: "x" + text
    ),
    st.sampled_from(
        [
            "<img src=x onerror=alert(1)>",
            '=HYPERLINK("http://example.invalid","Click")',
            "\u202etxt.exe",
            "a\x0bb\x00c\x1b[31m",
            "n" * 200,
        ]
    ),
)
SCORES = ("nps", "csat", "ces")
CODERS = ["Anna", "Béla", "مریم", "Ольга", "a<b>&"]
SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}


@st.composite
def teams(draw: st.DrawFn) -> dict:
    """A team as the editors and imports let it be, with each kind of work present or not."""
    personas = [Persona(id=f"p{i}", name=draw(WORDS)) for i in range(draw(st.integers(0, 2)))]
    touchpoints = [
        Touchpoint(id=f"t{i}", name=draw(WORDS), channel="web", digital=draw(st.booleans()))
        for i in range(draw(st.integers(0, 3)))
    ]
    tp_ids = [t.id for t in touchpoints]
    maybe_tp = st.sampled_from([None, *tp_ids])
    journeys = []
    for j in range(draw(st.integers(0, 2)) if personas else 0):
        stages = stages_of(draw(st.sampled_from(sorted(TEMPLATES))))
        steps = [
            Step(
                id=f"s{k}",
                stage=draw(st.sampled_from([s.id for s in stages])),
                touchpoint=draw(maybe_tp),
                action=draw(WORDS),
                emotion=draw(st.integers(-3, 3)),
                pain_points=draw(st.lists(WORDS, max_size=2)),
                moment_of_truth=draw(st.booleans()),
            )
            for k in range(draw(st.integers(0, 4)))
        ]
        journeys.append(
            Journey(
                id=f"j{j}",
                name=draw(WORDS),
                personas=[personas[0].id],
                kind=draw(st.sampled_from(["as-is", "to-be"])),
                stages=stages,
                steps=steps,
            )
        )
    stage_ids = [s.id for j in journeys for s in j.stages]
    maybe_stage = st.sampled_from([None, *stage_ids])
    interviews = []
    for i in range(draw(st.integers(0, 3))):
        text = draw(WORDS)
        codings = [
            Coding(
                coder=coder,
                quote=draw(st.sampled_from(["", text])),
                tags=draw(
                    st.lists(st.sampled_from(["pain_point", "need"]), min_size=1, max_size=1)
                ),
                stage=draw(maybe_stage),
                themes=draw(st.lists(WORDS, max_size=2)),
            )
            for coder in draw(st.lists(st.sampled_from(CODERS), max_size=2, unique=True))
        ]
        interviews.append(
            InterviewNote(
                id=f"n{i}",
                interviewee=f"Customer {i}",
                stage=draw(maybe_stage),
                touchpoint=draw(maybe_tp),
                text=text,
                quote=draw(st.sampled_from(["", text])),
                tags=draw(
                    st.lists(
                        st.sampled_from(["pain_point", "need", "delight"]), max_size=2, unique=True
                    )
                ),
                emotion=draw(st.none() | st.integers(-3, 3)),
                codings=codings,
            )
        )
    insights = [
        Insight(
            id=f"i{i}",
            kind=draw(st.sampled_from(["pain_point", "need", "delight", "moment_of_truth"])),
            title=draw(WORDS),
            severity=draw(st.integers(1, 5)),
            stage=draw(maybe_stage),
            touchpoint=draw(maybe_tp),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    actions = [
        Action(
            id=f"a{i}",
            title=draw(WORDS),
            insights=[x.id for x in insights[: draw(st.integers(0, len(insights)))]],
            impact=draw(st.integers(1, 5)),
            effort=draw(st.integers(1, 5)),
            status=draw(st.sampled_from(["idea", "planned", "done", "dropped"])),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    asked = draw(st.lists(st.sampled_from(SCORES), unique=True, max_size=3))
    survey = []
    for i in range(draw(st.integers(1, 12)) if asked else 0):
        row = {
            "id": f"r{i}",
            "respondent": f"x{i % 4}",
            "submitted_at": dt.datetime(2026, 3, 1 + i % 20, 9, i),
            "touchpoint": draw(maybe_tp),
            "stage": draw(maybe_stage),
            "comment": draw(st.sampled_from(["", "slow", "Lassú", "медленно"]) | WORDS),
        }
        for score in asked:
            low, high = SCALES[score]
            row[score] = draw(st.integers(low, high))
        survey.append(row)
    events = []
    for _ in range(draw(st.sampled_from([0, 0, 1, 5, 20]))):
        events.append(
            {
                "user_id": f"u{draw(st.integers(0, 4))}",
                "event": draw(st.sampled_from(["visit", "signup", "invoice_sent"])),
                "timestamp": dt.datetime(2026, 3, 1)
                + dt.timedelta(minutes=draw(st.integers(0, 5000))),
                "stage": draw(maybe_stage),
                "touchpoint": draw(maybe_tp),
                "platform": draw(st.sampled_from(["", "web", "ios"])),
                # an export's other columns, any text (a cohort named in any script)
                "attributes": json.dumps(
                    draw(st.dictionaries(st.sampled_from(["cohort", "plan"]), WORDS, max_size=2))
                ),
            }
        )
    workspace = Workspace(
        id="any",
        name=draw(WORDS),
        company=draw(WORDS),
        goals=draw(st.lists(WORDS, max_size=2)),
        language=draw(st.sampled_from(["", *LANGUAGES])),
        private=draw(st.lists(st.sampled_from(["names", "quotes"]), unique=True)),
        personas=personas,
        touchpoints=touchpoints,
        journeys=journeys,
        interviews=interviews,
        insights=insights,
        actions=actions,
    )
    return {"workspace": workspace, "survey": survey, "events": events}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(team=teams(), language=st.sampled_from(LANGUAGES))
def test_every_output_works_for_any_team(team: dict, language: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Store(str(root / "w.db")) as store:
            store.create_team(team["workspace"])
            if team["survey"]:
                store.add_survey_responses("any", pd.DataFrame(team["survey"]))
            if team["events"]:
                store.add_usage_events("any", pd.DataFrame(team["events"]))
            html = report_html(Shared.of(store, "any"), language=language)
            assert "<html" in html and "Traceback" not in html
            for kind, write in WRITERS.items():
                if kind == "png":
                    continue  # the same charts as SVG, drawn by the same library; see below
                target = root / f"out.{kind}" if kind in ("json", "xlsx") else root / kind
                write(store, "any", target)
                assert target.exists(), kind
            app = publish(store, "any", root / "app", language=language)
            assert (app / "run.py").is_file() if app.is_dir() else app.exists()


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(team=teams())
def test_charts_as_png_for_any_team(team: dict) -> None:
    """PNG through the same charts the property test draws as SVG, a few times."""
    with tempfile.TemporaryDirectory() as folder, Store(str(Path(folder) / "w.db")) as store:
        store.create_team(team["workspace"])
        WRITERS["png"](store, "any", Path(folder) / "png")
        assert (Path(folder) / "png").is_dir()


def _texts(widget: object) -> str:
    """Every HTML value under a page's widgets (what the browser is handed as markup)."""
    import ipywidgets as w

    found, todo = [], [widget]
    while todo:
        part = todo.pop()
        if isinstance(part, w.HTML):
            found.append(part.value)
        todo.extend(getattr(part, "children", ()))
    return "\n".join(found)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(team=teams(), language=st.sampled_from(LANGUAGES))
def test_every_page_opens_for_any_team(team: dict, language: str) -> None:
    """The start page, the seven steps and the dashboard build for any team, in any language,
    with any text a person can paste in its names, notes and comments: no exception, and
    markup typed as a name stays text."""
    from journeykit.app.dashboard import Dashboard
    from journeykit.app.start import start_page
    from journeykit.app.steps import step_page
    from journeykit.i18n import language as speaking

    with tempfile.TemporaryDirectory() as folder, Store(str(Path(folder) / "w.db")) as store:
        store.create_team(team["workspace"])
        if team["survey"]:
            store.add_survey_responses("any", pd.DataFrame(team["survey"]))
        if team["events"]:
            store.add_usage_events("any", pd.DataFrame(team["events"]))
        with speaking(language):
            pages = [*start_page(store), Dashboard(store)]
            for number in range(1, 8):
                pages += step_page(number, store, "any")
        markup = "\n".join(_texts(page) for page in pages)
        assert "<img src=x" not in markup and "Traceback" not in markup
