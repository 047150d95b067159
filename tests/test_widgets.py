"""Every editor headless: values set from Python, buttons clicked, then the model, the store and
the chart's spec checked (the way altair tests its own widget)."""

from __future__ import annotations

import datetime
import json
from html import unescape
from pathlib import Path

import pytest

from journeykit.errors import StoreError
from journeykit.model import Action, Insight, Journey, Persona, Touchpoint, Workspace
from journeykit.sample import create_sample
from journeykit.store import Store
from journeykit.widgets import (
    ActionPlanner,
    EvidenceImporter,
    InsightBoard,
    JourneyEditor,
    PersonaBuilder,
    TouchpointCatalog,
    editor,
)

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def sample(store: Store) -> Store:
    create_sample(store, responses=2000, events=3000, interviews=8)
    return store


def _upload(importer: EvidenceImporter, name: str, text: str) -> None:
    importer.upload.value = (
        {
            "name": name,
            "type": "text/csv",
            "size": len(text),
            "content": memoryview(text.encode()),
            "last_modified": datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC),
        },
    )


def test_persona_builder_saves_previews_escapes_and_undoes(store: Store, team: str) -> None:
    builder = PersonaBuilder(store, team)
    builder.name.value = HOSTILE
    builder.lists["goals"].value = "Get paid on time\n\n  Less admin  "
    builder.evidence.value = "researched"
    assert "&lt;img" in builder.card.value and "<img" not in builder.card.value
    builder.submit()
    saved = store.items(team, Persona)
    assert [p.item.name for p in saved] == [HOSTILE]
    assert saved[0].item.goals == ["Get paid on time", "Less admin"]
    assert builder.choice.value == saved[0].item.id
    builder.segment.value = "Small firms"
    builder.submit()
    assert store.get(team, Persona, saved[0].item.id).item.segment == "Small firms"
    builder.undo()
    assert store.get(team, Persona, saved[0].item.id).item.segment == ""
    builder.undo()
    assert store.items(team, Persona) == []
    assert "Undone: added persona" in builder.status.value


def test_a_blank_name_is_refused_in_plain_words(store: Store, team: str) -> None:
    builder = PersonaBuilder(store, team)
    builder.name.value = "   "
    builder.submit()
    assert "Not saved" in builder.status.value and "name" in builder.status.value
    assert store.items(team, Persona) == []


def test_two_teammates_edit_one_persona_and_nothing_is_lost(store: Store, team: str) -> None:
    store.add(team, Persona(id="buyer", name="Buyer"))
    mine, theirs = PersonaBuilder(store, team), PersonaBuilder(store, team)
    for view in (mine, theirs):
        view.choice.value = "buyer"
    theirs.segment.value = "Retail"
    theirs.submit()
    mine.quote.value = "I want it simple"
    mine.submit()
    assert "A teammate changed this" in mine.status.value
    assert store.get(team, Persona, "buyer").item.segment == "Retail"
    assert mine.quote.value == "I want it simple", "the user's typing stays in the form"
    _load_theirs, keep_mine = mine.conflict_box.children
    keep_mine.click()
    saved = store.get(team, Persona, "buyer").item
    assert saved.quote == "I want it simple"
    theirs.refresh_button.click()
    assert theirs.quote.value == "I want it simple", "a refresh shows the teammate's change"


def test_load_theirs_drops_the_local_edit(store: Store, team: str) -> None:
    store.add(team, Persona(id="buyer", name="Buyer"))
    mine, theirs = PersonaBuilder(store, team), PersonaBuilder(store, team)
    mine.choice.value = theirs.choice.value = "buyer"
    theirs.segment.value = "Retail"
    theirs.submit()
    mine.segment.value = "Wholesale"
    mine.submit()
    mine.conflict_box.children[0].click()
    assert mine.segment.value == "Retail"
    assert store.get(team, Persona, "buyer").item.segment == "Retail"


def test_touchpoint_catalog_adds_filters_and_refuses_removing_a_used_one(
    sample: Store,
) -> None:
    catalog = TouchpointCatalog(sample, "north")
    before = len(catalog.stored)
    catalog.choice.value = "+ New touchpoint"
    catalog.name.value = "Printed leaflet"
    catalog.channel.value = "post"
    catalog.digital.value = False
    catalog.contact.value = "indirect"
    catalog.submit()
    assert len(sample.items("north", Touchpoint)) == before + 1
    catalog.kind_filter.value = "physical"
    catalog.contact_filter.value = "indirect"
    assert "Printed leaflet" in catalog.table.value
    assert all(not t.digital and t.contact == "indirect" for t in catalog.visible())
    catalog.choice.value = "setup-wizard"
    catalog.delete()
    assert "Not removed: touchpoint 'Setup wizard' is still used by step" in unescape(
        catalog.status.value
    )
    assert "setup-wizard" in {t.item.id for t in sample.items("north", Touchpoint)}


@pytest.mark.parametrize("editor", ["touchpoints", "personas", "actions"])
def test_new_empties_the_form_and_adding_another_keeps_the_first(
    store: Store, team: str, editor: str
) -> None:
    """Save one, press New, type the next and save: two items, not one renamed. Without New
    the form edits the saved one, and its button says so."""
    made, kind, field = {
        "touchpoints": (TouchpointCatalog, Touchpoint, "name"),
        "personas": (PersonaBuilder, Persona, "name"),
        "actions": (ActionPlanner, Action, "title"),
    }[editor]
    form = made(store, team)

    def fill(text: str) -> None:
        getattr(form, field).value = text
        if editor == "touchpoints":
            form.channel.value = "web"

    assert form.save_button.description.startswith("Add ")
    fill("First")
    form.submit()
    assert form.save_button.description.startswith("Save ")
    assert "To add another, press New" in unescape(form.status.value)
    form.new_button.click()
    assert getattr(form, field).value == ""
    assert form.save_button.description.startswith("Add ") and form.delete_button.disabled
    fill("Second")
    form.submit()
    names = sorted(getattr(s.item, field) for s in store.items(team, kind))
    assert names == ["First", "Second"]
    fill("Second, renamed")
    form.submit()
    names = sorted(getattr(s.item, field) for s in store.items(team, kind))
    assert names == ["First", "Second, renamed"]


def test_typing_left_unsaved_is_said_and_marked_until_saved(store: Store, team: str) -> None:
    """Typing (a change from the browser) marks the editor, which the page template asks about
    before the tab is left, and says it is not saved; picking another item does not."""
    form = PersonaBuilder(store, team)
    form.choice.set_state({"value": "+ New persona"})
    assert "jk-unsaved" not in form._dom_classes
    form.name.set_state({"value": "Night nurse"})
    assert "jk-unsaved" in form._dom_classes
    assert "Not saved yet" in unescape(form.status.value)
    form.submit()
    assert "jk-unsaved" not in form._dom_classes
    assert "Saved persona 'Night nurse'" in unescape(form.status.value)
    form.name.set_state({"value": ""})
    form.submit()  # refused: the typing is still not saved
    assert "jk-unsaved" in form._dom_classes
    form.new_button.click()
    assert "jk-unsaved" not in form._dom_classes


def test_a_form_view_only_links_its_controls_to_its_model(store: Store, team: str) -> None:
    """The persona editor's controls write to its model as the person types (a list typed a
    line at a time is never rewritten under the cursor), and show what the model loads."""
    form = PersonaBuilder(store, team)
    form.choice.set_state({"value": "+ New persona"})
    form.name.set_state({"value": "Night nurse"})
    form.lists["goals"].set_state({"value": "sleep\n"})
    assert form.model.values["name"] == "Night nurse"
    assert form.model.values["goals"] == ["sleep"]
    assert form.lists["goals"].value == "sleep\n"  # the typing stays as typed
    assert "Night nurse" in form.card.value  # the card follows the model
    form.submit()
    saved = form.model.picked
    form.model.start_new()  # the model moves; the view follows
    assert form.choice.value == "+ New persona" and form.name.value == ""
    form.model.pick(saved)
    assert form.choice.value == saved and form.name.value == "Night nurse"
    assert form.lists["goals"].value == "sleep"


def test_journey_editor_creates_a_journey_adds_steps_and_redraws(store: Store, team: str) -> None:
    store.add(team, Persona(id="buyer", name="Buyer"))
    store.add(team, Touchpoint(id="web", name="Website", channel="web", digital=True))
    edit = JourneyEditor(store, team)
    assert edit.choice.value == "+ New journey"
    edit.new_name.value = "First purchase"
    edit.new_personas.value = ("buyer",)
    edit.new_template.value = "five-stage"
    edit.create()
    journey = store.items(team, Journey)[0].item
    assert [s.id for s in journey.stages][:2] == ["awareness", "consideration"]
    edit.stage.value = "consideration"
    edit.touchpoint.value = ("web",)
    edit.action.value = "Compares plans on the pricing page"
    edit.emotion.value = -2
    edit.pain_points.value = "Plan limits unclear"
    edit.moment.value = True
    edit.submit()
    step = store.items(team, Journey)[0].item.steps[0]
    assert (step.stage, step.touchpoint, step.emotion) == ("consideration", "web", -2)
    assert step.pain_points == ["Plan limits unclear"] and step.moment_of_truth
    spec = json.dumps(edit.chart.spec)  # what the page is sent
    assert "Compares plans on the pricing page" in spec and "Plan limits unclear" in spec
    edit.emotion.value = 2
    edit.submit()
    assert store.items(team, Journey)[0].item.steps[0].emotion == 2
    assert len(store.items(team, Journey)[0].item.steps) == 1, "an edit is not a second step"
    edit.undo()
    assert store.items(team, Journey)[0].item.steps[0].emotion == -2


def test_a_step_names_several_touchpoints_on_the_form_and_the_map(store: Store, team: str) -> None:
    store.add(team, Persona(id="buyer", name="Buyer"))
    for tid, name in (("mail", "Welcome email"), ("call", "Onboarding call")):
        store.add(team, Touchpoint(id=tid, name=name, channel="x", digital=True))
    edit = JourneyEditor(store, team)
    edit.new_name.value = "Starting"
    edit.new_template.value = "five-stage"
    edit.create()
    edit.stage.value = "purchase"
    edit.action.value = "Books the call from the email"
    edit.touchpoint.value = ("mail", "call")
    edit.submit()
    step = store.items(team, Journey)[0].item.steps[0]
    assert step.touchpoints == ["mail", "call"]
    spec = json.dumps(edit.chart.spec, ensure_ascii=False)
    assert "Welcome email" in spec and "Onboarding call" in spec
    with pytest.raises(StoreError, match="still used by step 'Books the call from the email'"):
        store.delete(team, Touchpoint, "call", store.get(team, Touchpoint, "call").revision)


def test_a_new_journey_picks_the_only_persona_and_says_what_is_missing(
    store: Store, team: str
) -> None:
    edit = JourneyEditor(store, team)
    edit.new_name.value = "Buying"
    edit.create()
    assert "The team has none yet: build one on step 1 first" in unescape(edit.status.value)
    assert "List should have" not in edit.status.value
    store.add(team, Persona(id="buyer", name="Buyer"))
    edit.refresh()
    assert edit.new_personas.value == ("buyer",)
    edit.create()
    assert "Saved journey 'Buying'" in unescape(edit.status.value)


def test_a_click_on_the_map_opens_that_step_or_stage(sample: Store) -> None:
    """What the browser sends when a step of the curve, or a cell of the lanes, is clicked."""
    edit = JourneyEditor(sample, "north")
    journey = edit.journey
    target = journey.steps[-1]

    def click(name: str, point: dict) -> None:
        selections = {n: {"value": None, "store": []} for n in ("onstep", "oncell")}
        selections[name] = {"value": {"vlPoint": {"or": [point]}}, "store": []}
        edit.chart._vl_selections = selections

    click("onstep", {"journey_id": journey.id, "stage_id": target.stage, "step": target.id})
    assert (edit.stage.value, edit.step.value) == (target.stage, target.id)
    assert edit.action.value == target.action
    assert "Opened the step" in unescape(edit.status.value)
    first = journey.stages[0].id
    click("oncell", {"stage_id": first})
    assert edit.stage.value == first
    stored = sample.get("north", Journey, journey.id)
    kept = [x for x in journey.steps if x.stage != first]
    sample.update("north", journey.model_copy(update={"steps": kept}), stored.revision)
    edit.refresh()
    click("oncell", {"stage_id": first})
    assert edit.step.value == "+ New step" and "No step on this stage yet" in edit.status.value


def test_journey_editor_orders_renames_copies_and_removes(store: Store, team: str) -> None:
    store.add(team, Persona(id="buyer", name="Buyer"))
    edit = JourneyEditor(store, team)
    edit.new_name.value = "Buying"
    edit.new_personas.value = ("buyer",)
    edit.new_template.value = "five-stage"
    edit.create()
    edit.stage.value = "consideration"
    for action, emotion in (("Reads reviews", -1), ("Asks a friend", 2)):
        edit.new_step_button.click()
        assert edit.action.value == "" and edit.save_button.description == "Add step"
        edit.action.value, edit.emotion.value = action, emotion
        edit.submit()
    steps = lambda: [s.action for s in store.items(team, Journey)[0].item.steps]  # noqa: E731
    assert steps() == ["Reads reviews", "Asks a friend"]
    assert edit.down_button.disabled and not edit.up_button.disabled
    edit.up_button.click()
    assert steps() == ["Asks a friend", "Reads reviews"]
    edit.journey_name.value = "Buying today"
    edit.rename_button.click()
    assert store.items(team, Journey)[0].item.name == "Buying today"
    edit.copy_button.click()
    journeys = {s.item.name: s.item for s in store.items(team, Journey)}
    to_be = journeys["Buying today (to-be)"]
    assert to_be.kind == "to-be" and to_be.steps == journeys["Buying today"].steps
    assert edit.choice.value == to_be.id and edit.copy_button.layout.display == "none"
    edit.remove_journey_button.click()
    assert "Removed journey 'Buying today (to-be)'" in unescape(edit.status.value)
    assert len(store.items(team, Journey)) == 1
    edit.undo()
    assert len(store.items(team, Journey)) == 2


def test_a_step_goes_on_the_stage_shown_without_picking_one(sample: Store) -> None:
    edit = JourneyEditor(sample, "north")
    first = edit.journey.stages[0]
    assert edit.stage.value == first.id
    edit.action.value = "Hears about us at a trade fair"
    edit.submit()
    saved = sample.get("north", Journey, edit.choice.value).item
    assert [s.stage for s in saved.steps if s.action.startswith("Hears about")] == [first.id]


def test_a_third_persona_is_refused_with_the_reason(store: Store, team: str) -> None:
    for pid in ("a", "b", "c"):
        store.add(team, Persona(id=pid, name=pid.upper()))
    edit = JourneyEditor(store, team)
    edit.new_name.value = "Too many"
    edit.new_personas.value = ("a", "b", "c")
    edit.create()
    assert "at most 2 personas" in edit.status.value
    assert store.items(team, Journey) == []


def test_evidence_importer_saves_nothing_until_confirmed(sample: Store) -> None:
    importer = EvidenceImporter(sample, "north")
    before = len(sample.survey_responses("north"))
    _upload(
        importer,
        "answers.csv",
        "id,submitted,touchpoint,stage,nps\n"
        "w1,2026-03-01,Setup wizard,onboarding,3\n"
        "w2,2026-03-02,Setup wizzard,onboarding,12\n",
    )
    importer.check()
    assert "nearest: Setup wizard" in importer.report.value
    assert "nps answers are whole numbers from 0 to 10" in importer.report.value
    assert importer.confirm_button.description == "Store only the valid: 1 row"
    assert importer.confirm_button.disabled, "it would refuse: it is off until the tick"
    assert "tick 'Store only the valid rows'" in unescape(importer.report.value)
    assert "--valid-only" not in importer.report.value  # an option of the command line
    importer.confirm()
    assert len(sample.survey_responses("north")) == before, "refused rows: nothing stored"
    importer.valid_only.value = True
    assert not importer.confirm_button.disabled
    importer.confirm()
    assert len(sample.survey_responses("north")) == before + 1
    assert importer.progress.value == importer.progress.max


def test_evidence_importer_reports_a_bad_column_override(sample: Store) -> None:
    importer = EvidenceImporter(sample, "north")
    _upload(importer, "a.csv", "id,submitted,nps\nx,2026-03-01,9\n")
    importer.columns.value = "nps: Score"
    importer.check()
    assert "write it as field = column" in importer.status.value
    importer.columns.value = "nps = Score"
    importer.check()
    assert "'Score' given for nps is not in the file" in unescape(importer.status.value)
    assert importer.confirm_button.disabled


def test_insight_board_accepts_an_edited_finding_and_rejects_another(sample: Store) -> None:
    board = InsightBoard(sample, "north")
    cards = list(board.cards.children)
    assert len(cards) >= 2
    first, second = cards[0], cards[1]
    first.title.value = "Bank step breaks onboarding"
    first.severity.value = 5
    first.accept_button.click()
    saved = {s.item.id: s.item for s in sample.items("north", Insight)}
    assert saved[first.finding.id].title == "Bank step breaks onboarding"
    assert saved[first.finding.id].evidence == first.finding.evidence
    second.reject_button.click()
    shown = {c.finding.id for c in board.cards.children if hasattr(c, "finding")}
    assert first.finding.id not in shown and second.finding.id not in shown
    assert "Bank step breaks onboarding" in board.accepted.value


def test_a_rejected_finding_stays_rejected_for_the_team_until_restored(sample: Store) -> None:
    board = InsightBoard(sample, "north")
    card = board.cards.children[0]
    card.reject_button.click()
    assert "stays off the board" in unescape(board.status.value)
    again = InsightBoard(sample, "north")  # a reload, or a teammate's page
    assert card.finding.id not in {c.finding.id for c in again.cards.children}
    assert again.rejected_choice.value == card.finding.id
    again.restore_button.click()
    assert "Restored" in unescape(again.status.value)
    assert card.finding.id in {c.finding.id for c in InsightBoard(sample, "north").cards.children}


def test_an_accepted_moment_of_truth_is_one_and_is_marked_on_the_map(sample: Store) -> None:
    for stored in sample.items("north", Journey):  # nothing marked yet
        steps = [s.model_copy(update={"moment_of_truth": False}) for s in stored.item.steps]
        sample.update("north", stored.item.model_copy(update={"steps": steps}), stored.revision)
    board = InsightBoard(sample, "north")
    board.model.showing = 100
    board.refresh()
    card = next(c for c in board.cards.children if c.finding.kind == "moment_of_truth")
    card.accept_button.click()
    insight = sample.get("north", Insight, card.finding.id).item
    assert insight.kind == "moment_of_truth"
    flagged = [
        s
        for j in sample.items("north", Journey)
        if j.item.kind == "as-is"
        for s in j.item.steps
        if s.moment_of_truth
    ]
    assert flagged and {s.touchpoint for s in flagged} == {card.finding.touchpoint}
    assert "marked" in unescape(board.status.value)


def test_survey_comments_count_each_anonymous_answer_as_one_person(store: Store) -> None:
    """The practice survey has no respondent column: 'by 0 people, 0%' was shown."""
    from test_export import PRACTICE

    from journeykit.sample.practice import practice_team

    team = practice_team(store)
    importer = EvidenceImporter(store, team)
    _upload(importer, "practice-survey.csv", PRACTICE.read_text(encoding="utf-8"))
    importer.check()
    importer.confirm()
    findings = list(InsightBoard(store, team).model.findings.values())
    pains = [f for f in findings if f.kind == "pain_point"]
    assert pains
    for finding in pains:
        assert "by 0 people" not in finding.detail and " 0% of" not in finding.detail
        assert "1 mentions" not in finding.detail


def test_insight_board_shows_findings_a_page_at_a_time(sample: Store) -> None:
    board = InsightBoard(sample, "north")
    every = list(board.model.findings.values())
    open_ids = [
        f.id for f in every if f.id not in {i.id for i in sample.workspace("north").insights}
    ]
    assert len(open_ids) > InsightBoard.PAGE  # the sample has more than a page of findings
    shown = [c.finding.id for c in board.cards.children]
    assert shown == open_ids[: InsightBoard.PAGE]
    hidden = len(open_ids) - InsightBoard.PAGE
    assert board.more_button.description.endswith(f"more of {hidden} findings")
    board.more_button.click()
    assert [c.finding.id for c in board.cards.children] == open_ids[: 2 * InsightBoard.PAGE]
    while board.more_button.layout.display != "none":
        board.more_button.click()
    assert [c.finding.id for c in board.cards.children] == open_ids


def test_action_planner_plans_and_redraws_the_priority_matrix(sample: Store) -> None:
    planner = ActionPlanner(sample, "north")
    planner.choice.value = "+ New action"
    planner.title.value = "Call every new customer on day one"
    planner.insights.value = ("bank-step-fails",)
    planner.owner.value = "Customer success"
    planner.impact.value, planner.effort.value = 4, 2
    planner.kpi.value = "first invoice within 3 days"
    planner.submit()
    saved = sample.get("north", Action, planner.choice.value).item
    assert saved.insights == ["bank-step-fails"] and (saved.impact, saved.effort) == (4, 2)
    spec = json.dumps(planner.chart.spec)
    assert "Call every new customer" in spec
    assert "quick wins" in planner.table.value


def test_an_unknown_team_in_the_address_is_a_clear_error(sample: Store, monkeypatch) -> None:
    monkeypatch.setenv("QUERY_STRING", "team=nowhere")
    with pytest.raises(StoreError, match=r"no team 'nowhere'.*north"):
        editor("personas", store=sample)
    monkeypatch.setenv("QUERY_STRING", "team=south")
    assert editor("personas", store=sample).team == "south"


def test_a_workspace_edited_by_the_widgets_still_exports(store: Store, team: str) -> None:
    builder = PersonaBuilder(store, team)
    builder.name.value = "Вевő بانک"
    builder.submit()
    assert isinstance(store.workspace(team), Workspace)


def test_create_team_twice_makes_one_team(store) -> None:
    from journeykit.widgets.goals import TeamCreator

    opened: list[str] = []
    creator = TeamCreator(store, opened.append)
    creator.name.value = "Team Blue"
    creator.submit()
    creator.name.value = " team blue"
    creator.submit()
    assert [t.name for t in store.teams()] == ["Team Blue"]
    assert "already a team called Team Blue" in creator.status.value
    assert opened == ["team-blue", "team-blue"], "the second click opens the same team"


def test_two_tabs_on_the_goals_get_load_theirs_and_keep_mine(store: Store, team: str) -> None:
    from journeykit.widgets.goals import GoalsEditor

    first, second = GoalsEditor(store, team), GoalsEditor(store, team)
    first.goals.value = "Find where customers stall"
    first.submit()
    second.goals.value = "Cut time to first invoice"
    second.submit()
    assert "not saved yet" in second.status.value
    theirs, keep = second.conflict_box.children
    assert (theirs.description, keep.description) == ("Load theirs", "Keep mine")
    keep.click()
    assert store.header(team).item.goals == ["Cut time to first invoice"]
    assert second.conflict_box.children == ()
    first.goals.value = "Something else"
    first.submit()  # now the first tab is behind
    first.conflict_box.children[0].click()  # Load theirs
    assert first.goals.value == "Cut time to first invoice"
    assert store.header(team).item.goals == ["Cut time to first invoice"]


def test_two_tabs_adding_a_persona_of_one_name_keep_both(store: Store, team: str) -> None:
    first, second = PersonaBuilder(store, team), PersonaBuilder(store, team)
    for builder, segment in ((first, "Small firms"), (second, "Freelancers")):
        builder.name.value = "Anna"
        builder.segment.value = segment
    first.submit()
    second.submit()  # the same id was free when this tab looked
    keep = second.conflict_box.children[1]
    assert keep.description == "Keep mine"
    keep.click()
    saved = {p.item.id: p.item.segment for p in store.items(team, Persona)}
    assert saved == {"anna": "Small firms", "anna-2": "Freelancers"}


def test_characters_pasted_that_no_one_can_see_are_left_out_and_said_once(
    store: Store, team: str
) -> None:
    catalog = TouchpointCatalog(store, team)
    catalog.choice.value = "+ New touchpoint"
    catalog.name.value = "Live\x0bchat\u202e"
    catalog.channel.value = "web"
    catalog.submit()
    (saved,) = store.items(team, Touchpoint)
    assert saved.item.name == "Live chat"
    assert "were left out" in unescape(catalog.status.value)
    catalog.channel.value = "chat"  # a plain edit says nothing of it
    catalog.submit()
    assert "left out" not in unescape(catalog.status.value)


def test_a_map_drawn_by_one_page_is_taken_by_the_next_until_it_changes(
    sample: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Teammates open the same map: the page that draws it first keeps it in the server's
    folder and the others show it without building it; a saved step draws it anew."""
    from collections import OrderedDict

    from journeykit import drawn

    monkeypatch.setenv(drawn.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(drawn, "_own", OrderedDict())
    first = JourneyEditor(sample, "north")
    assert len(list(tmp_path.glob("*.json"))) == 1
    built: list[int] = []
    original = JourneyEditor.spec

    def counted(self: JourneyEditor) -> object:
        built.append(1)
        return original(self)

    monkeypatch.setattr(JourneyEditor, "spec", counted)
    second = JourneyEditor(sample, "north")
    assert not built and second.chart.spec == first.chart.spec
    assert second.chart._selection_types == first.chart._selection_types
    assert set(second.chart._vl_selections) == {"onstep", "oncell"}
    journey = second.journey
    stored = sample.get("north", Journey, journey.id)
    step = journey.steps[0].model_copy(update={"action": "Compares three offers"})
    changed = journey.model_copy(update={"steps": [step, *journey.steps[1:]]})
    sample.update("north", changed, stored.revision)
    second.refresh()
    assert len(built) == 1 and second.chart.spec != first.chart.spec
    assert "Compares three offers" in json.dumps(second.chart.spec)
    first.refresh()  # the teammate's page takes the new map from the folder
    assert len(built) == 1 and first.chart.spec == second.chart.spec
    monkeypatch.delenv(drawn.CACHE_ENV)  # no server: a page keeps its own
    third = JourneyEditor(sample, "north")
    assert len(built) == 2 and third.chart.spec == second.chart.spec
    JourneyEditor(sample, "north")
    assert len(built) == 2
