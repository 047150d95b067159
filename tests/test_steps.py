"""The seven step pages: what each says, when a step counts as done, and that every step's
editors and views open on an empty team as well as on the sample."""

from __future__ import annotations

import html
import warnings
from pathlib import Path

import ipywidgets as w
import pytest

from journeykit.app.steps import (
    EDITORS_OF_STEP,
    STEPS,
    _widgets,
    footer_html,
    header_html,
    progress,
    step_page,
)
from journeykit.model import Action, Persona, Workspace
from journeykit.sample import create_sample
from journeykit.sample.practice import (
    practice_events,
    practice_interviews,
    practice_survey,
    practice_team,
)
from journeykit.store import Store
from journeykit.widgets.address import PageAddress, on_address, team_from_address, team_in

ROOT = Path(__file__).resolve().parents[1]


def test_the_steps_follow_the_method_in_order() -> None:
    assert [s.slug for s in STEPS] == [
        "discovery",
        "employee-workshop",
        "qualitative-validation",
        "quantitative-validation",
        "final-map",
        "action-planning",
        "new-experience",
    ]
    for s in STEPS:
        assert (ROOT / "notebooks" / s.notebook).is_file()
    assert "walk the journey yourself" in " ".join(STEPS[1].checklist).lower()


@pytest.mark.parametrize("number", range(1, 8))
def test_every_step_opens_on_an_empty_team(store: Store, number: int) -> None:
    store.create_team(Workspace(id="empty", name="Empty"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an empty chart must not make altair guess types
        shown = [_widgets(name, store, "empty") for name in EDITORS_OF_STEP[number]]
    assert len(shown) == len(EDITORS_OF_STEP[number])


def test_progress_follows_the_work(store: Store) -> None:
    store.create_team(Workspace(id="t", name="<b>T</b>", goals=["Why they stall"]))
    summary = {s.id: s for s in store.teams()}["t"]
    assert progress(store.workspace("t"), summary) == {n: False for n in range(1, 8)}
    store.add("t", Persona(id="p", name="P"))
    store.add("t", Action(id="a", title="Fix it", owner="Product", kpi="stalls per week"))
    done = progress(store.workspace("t"), summary)
    assert done[1] and done[6] and not done[2]
    page = header_html(1, store.workspace("t"), summary)
    assert (
        "&lt;b&gt;T&lt;/b&gt;" in page and 'class="jk-step jk-next" data-next="next"><span' in page
    )
    assert "02-employee-workshop.ipynb?team=t" in footer_html(1, "t")
    assert "00-start.ipynb" in footer_html(7, "t")


@pytest.mark.parametrize(
    ("name", "made"),
    [
        ("practice-survey.csv", practice_survey),
        ("practice-interviews.csv", practice_interviews),
        ("practice-events.csv", practice_events),
    ],
)
def test_the_bundled_practice_data_is_what_the_generator_writes(name: str, made) -> None:
    bundled = (ROOT / "workshop" / "data" / name).read_text(encoding="utf-8")
    assert bundled == made()


def test_the_practice_data_gives_a_blank_team_every_kind_of_evidence(store: Store) -> None:
    """A team built as a new one would (three touchpoints, a five-stage journey) takes all
    three files whole, and each step has something to show: themes, scores, a funnel."""
    from journeykit.analysis.funnel import funnel
    from journeykit.evidence import import_evidence

    team = practice_team(store)
    data = ROOT / "workshop" / "data"
    for kind, name in (
        ("survey", "practice-survey.csv"),
        ("interviews", "practice-interviews.csv"),
        ("events", "practice-events.csv"),
    ):
        report = import_evidence(store, team, (data / name).read_bytes(), name, kind)
        assert report.complete and report.stored == report.accepted > 0, (kind, report.text())
    workspace = store.workspace(team)
    assert {n.text[:1] for n in workspace.interviews} & {"ق", "A", "Н"}
    assert any(not n.tags for n in workspace.interviews)  # some left to code in step 3
    stages = [s.id for s in workspace.journeys[0].stages]
    table = funnel(store.usage_events(team), stages)
    assert list(table["stage"]) == ["consideration", "purchase", "retention", "advocacy"]
    assert (table["conversion"] <= 1).all()


def test_the_sample_steps_show_charts_and_findings(store: Store) -> None:
    create_sample(store, responses=2000, events=3000, interviews=8)
    charts = _widgets("charts", store, "north")
    # heatmap, funnel, conversion week by week, where people went next, gap matrix; the
    # funnel side by side
    drawn = [c for c in charts.body.children if hasattr(c, "chart")]
    assert len(drawn) == 5 and len(charts.body.children) == 6
    titles = [str(c.chart.to_dict().get("title")) for c in drawn]
    assert any("Conversion over time" in t for t in titles)
    assert any("Where people went next" in t for t in titles)
    themes = _widgets("themes", store, "north")
    assert "Telling quotes" in themes.body.children[0].value


def test_a_page_builds_at_once_when_the_address_is_known(monkeypatch) -> None:
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "team=south&x=1")
    asked: list[str] = []
    box = on_address(lambda query: asked.append(query) or [w.HTML("built")])
    assert asked == ["team=south&x=1"] and box.children[0].value == "built"


def test_a_ready_kernel_builds_the_page_when_the_browser_reports_its_address(
    monkeypatch, store: Store
) -> None:
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.delenv("QUERY_STRING", raising=False)
    store.create_team(Workspace(id="late", name="Team Late"))
    box = on_address(lambda query: step_page(3, store, team_in(query)))
    (address,) = box.children  # nothing read yet: the team is not known
    assert isinstance(address, PageAddress) and address.layout.display == "none"
    address.query = "team=late"  # what the page's JavaScript sends
    assert "Team Late" in box.children[1].value and len(box.children) > 3
    assert team_from_address() == "late"
    built = box.children
    address.query = "team=north"  # a later report does not rebuild the page
    assert box.children == built


@pytest.mark.parametrize("page_loading", [False, True])
def test_a_request_handed_on_early_builds_only_before_the_page_fetches_its_widgets(
    monkeypatch, page_loading: bool
) -> None:
    from journeykit.widgets import address as addressing

    monkeypatch.setenv("VOILA_PREHEAT", "True")
    handed: list = []
    monkeypatch.setattr(addressing, "listen_for_request", handed.append)
    monkeypatch.setattr(w.Widget, "_control_comm", object() if page_loading else None)
    box = on_address(lambda query: [w.HTML(query)])
    (deliver,) = handed
    deliver("team=early")  # Voila hands the request on
    if page_loading:  # widgets made now could reach the page half-made: wait for its report
        assert len(box.children) == 1
        box.children[0].query = "team=early"
    assert box.children[1].value == "team=early" and len(box.children) == 2


def test_an_unknown_team_is_told_on_the_page(store: Store) -> None:
    store.create_team(Workspace(id="north", name="North"))
    (message,) = step_page(2, store, "nobody")
    shown = html.unescape(message.value)  # the name, escaped on the page, read as shown
    assert "no team 'nobody'" in shown and "north" in shown and "<p" in message.value


def test_the_served_chart_module_is_loaded_by_url(monkeypatch) -> None:
    import altair as alt

    from journeykit.app.serve import SHARE, chart_module
    from journeykit.widgets import base

    path = chart_module()
    assert path is not None and (SHARE / path).stat().st_size > 500_000
    assert "export{__default as default}" in (SHARE / path).read_text(encoding="utf-8")[-400:]
    monkeypatch.setattr(base, "_OFFLINE", False)
    monkeypatch.setattr(alt.JupyterChart, "_esm", alt.JupyterChart._esm)
    monkeypatch.setattr(alt.JupyterChart, "_is_offline", alt.JupyterChart._is_offline)
    monkeypatch.setenv(base.CHART_MODULE_ENV, path)
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    base.enable_offline_charts()
    assert f'"/{path}"' in alt.JupyterChart._esm and len(alt.JupyterChart._esm) < 300


def test_the_done_badge_follows_a_save_on_the_same_page(store: Store) -> None:
    store.create_team(Workspace(id="t", name="T"))
    header, goals, personas, _footer = step_page(1, store, "t")
    assert "not done yet" in header.value
    goals.goals.value = "Why shop owners stall"
    goals.save_button.click()
    assert "not done yet" in header.value  # goals alone: a persona is still missing
    personas.choice.value = "+ New persona"
    personas.name.value = "Shop owner"
    personas.save_button.click()
    assert "jk-state-done" in header.value and "not done yet" not in header.value
    personas.undo_button.click()
    assert "not done yet" in header.value


def models_of(widgets: list[w.Widget]) -> set[str]:
    """The ids of every model a page's front end fetches: the widgets, what they hold
    (children, layout, style), and so on down."""
    seen: dict[str, w.Widget] = {}
    todo = list(widgets)
    while todo:
        widget = todo.pop()
        if widget.model_id in seen:
            continue
        seen[widget.model_id] = widget
        for name in widget.keys:
            value = getattr(widget, name)
            for part in value if isinstance(value, list | tuple) else [value]:
                if isinstance(part, w.Widget):
                    todo.append(part)
    return set(seen)


def test_a_page_shares_one_default_layout_and_style_of_each_kind(store: Store) -> None:
    """Fewer models for a room's pages to fetch: step 2 had 171, 110 of them default layouts
    and styles; a change to a shared one is refused with the fix."""
    from journeykit.widgets.lean import SharedPartChanged, shared_parts

    create_sample(store, responses=200, events=300, interviews=4)
    with shared_parts():  # inside the suite's own (conftest), as a served page is
        shared = len(models_of(step_page(2, store, "north")))
        a, b = w.Button(), w.Text()
        assert a.layout is b.layout
        with pytest.raises(SharedPartChanged, match="own"):
            a.layout.width = "10em"
        own = w.Button(layout=w.Layout())
        own.layout.width = "10em"  # its own: fine
    assert shared < 100


def test_step_4_compares_the_funnel_by_platform_or_channel(store: Store) -> None:
    """Side by side as the person picks, each group's conversion and its difference from the
    largest with intervals; a team whose events carry one platform gets no comparison."""
    create_sample(store, responses=200, events=5000, interviews=4)
    charts = _widgets("charts", store, "north")
    (compared,) = [c for c in charts.body.children if isinstance(c, w.VBox)]
    _title, picker, table = compared.children
    assert [value for _label, value in picker.options] == ["platform", "channel"]
    assert "the largest group" in table.value and "points" in table.value
    assert 'data-id="web"' in table.value
    picker.value = "channel"
    assert 'data-id="web"' not in table.value
    charts.refresh()  # the choice is kept when the page redraws
    (compared,) = [c for c in charts.body.children if isinstance(c, w.VBox)]
    assert compared.children[1].value == "channel"
    events = store.usage_events("north").assign(platform="web", channel="")
    store.create_team(store.workspace("north").model_copy(update={"id": "one", "name": "One"}))
    store.add_usage_events("one", events[["user_id", "event", "timestamp", "platform"]])
    one = _widgets("charts", store, "one")
    assert not [c for c in one.body.children if isinstance(c, w.VBox)]
