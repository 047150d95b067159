"""An editor's rules without a page (`journeykit.editing`): saving at a revision, conflicts
with a teammate who saved first and how each is settled, removing, and Undo; and the form
editors' whole state (`Form`: the items, the one picked, the form's values, validation, what
each button comes to), driven as a person would, with no widget."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_coding_board import NOTES

from journeykit import i18n
from journeykit.editing import (
    NEW_JOURNEY,
    NEW_STEP,
    ActionForm,
    Edits,
    JourneyForm,
    PersonaForm,
    TouchpointForm,
)
from journeykit.editing.coding import AffinityModel, CodingModel, NoteModel
from journeykit.editing.evidence import ImportModel
from journeykit.editing.goals import GoalsForm, PrivacyForm, new_team
from journeykit.editing.insights import InsightsModel
from journeykit.model import (
    Action,
    Insight,
    InterviewNote,
    Journey,
    Persona,
    Touchpoint,
    Workspace,
)
from journeykit.sample import create_sample
from journeykit.store import Store


@pytest.fixture
def two(tmp_path: Path) -> tuple[Store, Edits, Edits]:
    """One store and two teammates' editors of the same team."""
    store = Store(tmp_path / "w.db")
    store.create_team(Workspace(id="north", name="North"))
    return store, Edits(store, "north"), Edits(store, "north")


def test_a_save_is_named_kept_and_taken_back(two) -> None:
    store, mine, _theirs = two
    said = mine.save(Persona(id="ana", name="Ana"), None)
    assert said.saved and said.message == "Saved persona 'Ana'." and mine.can_undo
    stored = store.get("north", Persona, "ana")
    edited = stored.item.model_copy(update={"segment": "SMB"})
    assert mine.save(edited, stored.revision, stored.item).saved
    undone = mine.undo()
    assert undone is not None and undone.message == "Undone: edit of persona 'Ana'."
    assert store.get("north", Persona, "ana").item.segment == ""
    assert mine.undo().message == "Undone: added persona 'Ana'."  # type: ignore[union-attr]
    assert store.items("north", Persona) == [] and mine.undo() is None and not mine.can_undo


def test_an_edit_a_teammate_overtook_is_a_conflict_that_keeping_mine_settles(two) -> None:
    store, mine, theirs = two
    theirs.save(Persona(id="ana", name="Ana"), None)
    opened = store.get("north", Persona, "ana")  # both open the same revision
    theirs.save(opened.item.model_copy(update={"segment": "theirs"}), opened.revision, opened.item)
    clash = mine.save(
        opened.item.model_copy(update={"segment": "mine"}), opened.revision, opened.item
    )
    assert clash.state == "conflict" and "teammate changed this" in clash.message
    assert clash.mine is not None and clash.mine.segment == "mine"
    assert store.get("north", Persona, "ana").item.segment == "theirs"  # nothing overwritten
    assert not mine.can_undo  # a conflict is not a change of mine
    kept = mine.keep_mine(clash.mine, clash.before)
    assert kept.saved and store.get("north", Persona, "ana").item.segment == "mine"


def test_two_new_items_of_one_name_both_stay(two) -> None:
    store, mine, theirs = two
    assert theirs.save(Persona(id="ana", name="Ana", segment="theirs"), None).saved
    clash = mine.save(Persona(id="ana", name="Ana", segment="mine"), None)
    assert clash.state == "conflict" and clash.before is None
    assert mine.keep_mine(clash.mine, None).saved  # type: ignore[arg-type]
    kept = {p.item.id: p.item.segment for p in store.items("north", Persona)}
    assert kept["ana"] == "theirs" and "mine" in kept.values() and len(kept) == 2


def test_an_item_a_teammate_removed_comes_back_when_mine_is_kept(two) -> None:
    store, mine, theirs = two
    theirs.save(Persona(id="ana", name="Ana"), None)
    opened = store.get("north", Persona, "ana")
    theirs.save(opened.item.model_copy(update={"segment": "t"}), opened.revision, opened.item)
    clash = mine.save(opened.item.model_copy(update={"segment": "x"}), opened.revision)
    assert clash.state == "conflict"
    now = store.get("north", Persona, "ana")
    assert theirs.remove(now.item, now.revision).saved  # then they remove it altogether
    assert mine.keep_mine(clash.mine, clash.before).saved  # type: ignore[arg-type]
    assert store.get("north", Persona, "ana").item.segment == "x"


def test_saving_an_item_a_teammate_removed_says_so(two) -> None:
    store, mine, theirs = two
    theirs.save(Persona(id="ana", name="Ana"), None)
    opened = store.get("north", Persona, "ana")
    assert theirs.remove(opened.item, opened.revision).saved
    refused = mine.save(opened.item.model_copy(update={"segment": "x"}), opened.revision)
    assert refused.state == "refused" and "may have deleted it" in refused.message


def test_removing_what_a_teammate_changed_is_a_conflict_with_nothing_of_mine_to_keep(two):
    store, mine, theirs = two
    theirs.save(Persona(id="ana", name="Ana"), None)
    opened = store.get("north", Persona, "ana")
    theirs.save(opened.item.model_copy(update={"segment": "new"}), opened.revision, opened.item)
    clash = mine.remove(opened.item, opened.revision)
    assert clash.state == "conflict" and clash.mine is None
    assert store.get("north", Persona, "ana").item.segment == "new"


def test_undo_never_overwrites_a_teammates_later_edit(two) -> None:
    store, mine, theirs = two
    mine.save(Persona(id="ana", name="Ana"), None)
    opened = store.get("north", Persona, "ana")
    theirs.save(opened.item.model_copy(update={"segment": "later"}), opened.revision, opened.item)
    refused = mine.undo()
    assert refused is not None and refused.state == "refused"
    assert refused.message.startswith("Cannot undo: a teammate changed it after you")
    assert store.get("north", Persona, "ana").item.segment == "later"


def test_a_refused_save_says_why_in_the_readers_language(two) -> None:
    store, mine, _theirs = two
    with i18n.language("hu"):
        refused = mine.save(Persona(id="ana", name="Ana"), None)
        assert refused.saved
        again = mine.save(Persona(id="bob", name="Bob"), 99)  # no such item at any revision
    assert again.state in ("refused", "conflict") and again.message
    assert not again.message.startswith("Not saved")  # said in Hungarian
    assert [p.item.id for p in store.items("north", Persona)] == ["ana"]


# ----- the form editors' state, without a page ---------------------------------------------


@pytest.fixture
def forms(tmp_path: Path) -> tuple[Store, PersonaForm, PersonaForm]:
    """Two teammates' persona forms on one team, opened."""
    store = Store(tmp_path / "f.db")
    store.create_team(Workspace(id="north", name="North"))
    mine, theirs = PersonaForm(store, "north"), PersonaForm(store, "north")
    mine.reload()
    theirs.reload()
    return store, mine, theirs


def test_a_blank_team_opens_on_a_new_item_and_a_filled_one_on_its_first(forms) -> None:
    store, mine, _theirs = forms
    assert mine.picked == mine.new and not mine.editing
    assert mine.choices == [("+ New persona", "+ New persona")]
    assert mine.values["name"] == "" and mine.values["evidence"] == "assumed"
    store.add("north", Persona(id="ana", name="Ana"))
    later = PersonaForm(store, "north")
    later.reload()
    assert later.picked == "ana" and later.editing and later.values["name"] == "Ana"


def test_typing_then_saving_a_new_item_keeps_it_picked_for_the_next_edit(forms) -> None:
    store, mine, _theirs = forms
    mine.set("name", "Finance lead")
    mine.set("goals", ["close the month fast", "no surprises"])
    loads = mine.loaded
    said = mine.submit()
    assert said.saved and said.message == (
        "Saved persona 'Finance lead'. To add another, press New."
    )
    saved = store.get("north", Persona, "finance-lead").item
    assert saved.goals == ["close the month fast", "no surprises"]
    assert mine.picked == "finance-lead" and mine.editing and mine.loaded > loads
    mine.set("name", "Finance director")  # typing a new name renames it
    assert mine.submit().message == "Saved persona 'Finance director'."
    assert [p.item.name for p in store.items("north", Persona)] == ["Finance director"]
    mine.start_new()
    assert mine.picked == mine.new and mine.values["name"] == "" and not mine.editing


def test_a_form_that_is_not_an_item_is_refused_by_field_and_nothing_is_stored(forms) -> None:
    store, mine, _theirs = forms
    assert mine.problem().startswith("name:")
    refused = mine.submit()
    assert refused.state == "refused" and "name" in refused.message
    mine.set("evidence", "rumour")
    assert "evidence" in mine.problem()
    assert store.items("north", Persona) == [] and not mine.edits.can_undo
    with pytest.raises(KeyError):
        mine.set("id", "sneaky")  # the form does not edit ids


def test_an_edit_keeps_what_the_form_does_not_show(forms) -> None:
    store, _mine, _theirs = forms

    class NameOnly(PersonaForm):
        fields = ("name",)

    store.add("north", Persona(id="ana", name="Ana", segment="SMB", goals=["speed"]))
    form = NameOnly(store, "north")
    form.reload()
    form.set("name", "Ana K.")
    assert form.submit().saved
    kept = store.get("north", Persona, "ana").item
    assert (kept.name, kept.segment, kept.goals) == ("Ana K.", "SMB", ["speed"])


def test_a_teammates_earlier_save_is_a_conflict_the_form_settles_either_way(forms) -> None:
    store, mine, theirs = forms
    theirs.set("name", "Ana")
    theirs.submit()
    mine.reload()
    mine.pick("ana")
    theirs.set("segment", "theirs")
    mine.set("segment", "mine")
    assert theirs.submit().saved
    clash = mine.submit()
    assert clash.state == "conflict" and mine.pending == clash
    assert mine.values["segment"] == "mine"  # the typing stays while the person decides
    loaded = mine.load_theirs()
    assert loaded.message == "Loaded your teammate's version." and mine.pending is None
    assert mine.values["segment"] == "theirs"
    mine.set("segment", "mine again")
    theirs.set("segment", "theirs again")
    theirs.submit()
    assert mine.submit().state == "conflict"
    kept = mine.keep_mine()
    assert kept is not None and kept.saved and mine.picked == "ana"
    assert store.get("north", Persona, "ana").item.segment == "mine again"
    assert mine.keep_mine() is None  # nothing pending any more


def test_two_new_items_of_one_name_both_stay_and_mine_is_the_one_shown(forms) -> None:
    store, mine, theirs = forms
    for form, segment in ((theirs, "theirs"), (mine, "mine")):
        form.set("name", "Ana")
        form.set("segment", segment)
    assert theirs.submit().saved
    assert mine.submit().state == "conflict"
    assert mine.keep_mine().saved  # type: ignore[union-attr]
    assert mine.picked != "ana" and mine.values["segment"] == "mine"
    assert len(store.items("north", Persona)) == 2


def test_remove_then_undo_brings_the_item_back(forms) -> None:
    store, mine, _theirs = forms
    assert mine.remove() is None  # a new item's form: nothing to remove
    mine.set("name", "Ana")
    mine.submit()
    removed = mine.remove()
    assert removed is not None and removed.message == "Removed persona 'Ana'."
    assert mine.picked == mine.new and store.items("north", Persona) == []
    undone = mine.undo()
    assert undone is not None and undone.message == "Undone: removed persona 'Ana'."
    assert [c for c in mine.choices if c[1] == "ana"] == [("Ana", "ana")]


def test_characters_no_one_can_see_are_said_once_with_the_save(forms) -> None:
    store, mine, _theirs = forms
    mine.set("name", "Ana\u200b")
    mine.set("goals", ["speed\u202e"])
    said = mine.submit()
    assert said.saved and said.message.endswith("were left out.")
    assert store.get("north", Persona, "ana").item.goals == ["speed"]
    mine.set("segment", "SMB")
    assert not mine.submit().message.endswith("were left out.")


def test_touchpoints_are_picked_by_name_and_actions_from_insights_still_there(tmp_path) -> None:
    store = Store(tmp_path / "k.db")
    store.create_team(Workspace(id="north", name="North"))
    for name in ("Zebra desk", "Ábra app", "Chat"):
        store.add("north", Touchpoint(id=name[:3].lower(), name=name, channel="x", digital=True))
    with i18n.language("hu"):
        catalog = TouchpointForm(store, "north")
        catalog.reload()
        assert [n for n, _id in catalog.choices][:3] == ["Ábra app", "Chat", "Zebra desk"]
    catalog.start_new()
    assert catalog.values["digital"] is True  # a new touchpoint starts as digital
    store.add("north", Insight(id="slow", kind="pain_point", title="Setup is slow"))
    store.add("north", Action(id="wizard", title="Shorter wizard", insights=["slow"]))
    planner = ActionForm(store, "north")
    planner.reload()
    assert planner.insights == {"slow": "Setup is slow"}
    assert planner.values["insights"] == ["slow"]
    planner.set("due", dt.date(2026, 12, 31))
    assert planner.submit().saved
    assert store.get("north", Action, "wizard").item.due == dt.date(2026, 12, 31)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(max_size=80), goals=st.lists(st.text(max_size=30), max_size=4))
def test_whatever_a_person_types_is_saved_or_refused_with_a_reason(tmp_path, name, goals) -> None:
    store = Store(tmp_path / "any.db")
    if not store.teams():
        store.create_team(Workspace(id="north", name="North"))
    form = PersonaForm(store, "north")
    form.reload()
    form.start_new()
    before = len(store.items("north", Persona))
    form.set("name", name)
    form.set("goals", goals)
    said = form.submit()
    after = len(store.items("north", Persona))
    if said.saved:
        assert after == before + 1 and form.editing
    else:
        assert said.state == "refused" and said.message and after == before


# ----- the journey editor's state, without a page ------------------------------------------


@pytest.fixture
def journeys(tmp_path: Path) -> tuple[Store, JourneyForm]:
    store = Store(tmp_path / "j.db")
    store.create_team(Workspace(id="north", name="North"))
    form = JourneyForm(store, "north")
    form.reload()
    return store, form


def test_a_journey_needs_a_persona_and_a_name_then_opens_on_its_first_stage(journeys) -> None:
    store, form = journeys
    assert form.picked == NEW_JOURNEY and form.journey is None and form.stages == []
    refused = form.create("First purchase", [], "five-stage", "as-is")
    assert refused.state == "refused" and "build one on step 1 first" in refused.message
    store.add("north", Persona(id="buyer", name="Buyer"))
    form.reload()
    assert form.following == ["buyer"]  # the team's first persona, picked for the person
    assert form.create("  ", form.following, "five-stage", "as-is").state == "refused"
    unknown = form.create("Trial", form.following, "b2b", "as-is")
    assert unknown.state == "refused" and "five-stage" in unknown.message
    made = form.create("First purchase", form.following, "five-stage", "as-is")
    assert made.saved and made.message == "Saved journey 'First purchase'."
    assert form.picked == "first-purchase" and form.stage == form.stages[0][1]
    assert form.step == NEW_STEP and not form.step_saved and form.values["action"] == ""


def test_steps_are_added_kept_in_hand_ordered_and_removed(journeys) -> None:
    store, form = journeys
    store.add("north", Persona(id="buyer", name="Buyer"))
    store.add("north", Touchpoint(id="web", name="Web", channel="web", digital=True))
    form.reload()
    form.create("Trial", ["buyer"], "five-stage", "as-is")
    stage = form.stage
    for action in ("Reads the pricing page", "Books a demo"):
        form.start_new_step()
        form.set("action", action)
        form.set("touchpoints", ["web"])
        form.set("pain_points", ["hidden prices"])
        said = form.submit()
        assert said is not None and said.saved and form.step_saved
    steps = store.get("north", Journey, "trial").item.steps
    assert [s.action for s in steps] == ["Reads the pricing page", "Books a demo"]
    assert {s.stage for s in steps} == {stage} and steps[0].pain_points == ["hidden prices"]
    assert form.step == steps[1].id and form.can_move_up and not form.can_move_down
    assert form.move(-1).saved  # type: ignore[union-attr]
    moved = store.get("north", Journey, "trial").item.steps
    assert [s.action for s in moved] == ["Books a demo", "Reads the pricing page"]
    assert form.step == steps[1].id and not form.can_move_up
    assert form.move(-1) is None  # the first on its stage goes no higher
    assert form.delete_step().saved  # type: ignore[union-attr]
    assert form.step == NEW_STEP and len(store.get("north", Journey, "trial").item.steps) == 1
    assert form.undo().saved  # type: ignore[union-attr]
    assert len(store.get("north", Journey, "trial").item.steps) == 2


def test_a_step_the_form_cannot_make_is_refused_by_field(journeys) -> None:
    store, form = journeys
    store.add("north", Persona(id="buyer", name="Buyer"))
    form.reload()
    form.create("Trial", ["buyer"], "five-stage", "as-is")
    form.set("emotion", 9)
    refused = form.submit()
    assert refused is not None and refused.state == "refused" and "emotion" in refused.message
    assert store.get("north", Journey, "trial").item.steps == []
    with pytest.raises(KeyError):
        form.set("stage", "elsewhere")  # the stage is the one in hand


def test_a_click_on_the_map_opens_the_step_and_names_it(journeys) -> None:
    store, form = journeys
    store.add("north", Persona(id="buyer", name="Buyer"))
    form.reload()
    form.create("Trial", ["buyer"], "five-stage", "as-is")
    first, second = form.stages[0][1], form.stages[1][1]
    form.set("action", "Searches")
    form.submit()
    form.pick_stage(second)
    assert form.step == NEW_STEP
    said = form.open_step(first)
    assert said == "Opened the step 'Searches' in the form above." and form.stage == first
    assert form.values["action"] == "Searches"
    empty = form.open_step(second)
    assert empty.startswith("No step on this stage yet") and form.step == NEW_STEP
    assert form.open_step("no-such-stage") == ""


def test_renaming_copying_to_be_and_the_editor_of_to_be_journeys(journeys) -> None:
    store, form = journeys
    store.add("north", Persona(id="buyer", name="Buyer"))
    form.reload()
    form.create("Trial", ["buyer"], "five-stage", "as-is")
    assert form.rename("").state == "refused"  # type: ignore[union-attr]
    assert form.rename("Free trial").saved  # type: ignore[union-attr]
    copied = form.copy_as_to_be()
    assert copied is not None and copied.saved and "a copy of 'Free trial'" in copied.message
    assert form.journey is not None and form.journey.kind == "to-be"
    as_is = JourneyForm(store, "north", kind="as-is")
    as_is.reload()
    to_be = JourneyForm(store, "north", kind="to-be")
    to_be.reload()
    assert as_is.journey.kind == "as-is" and to_be.journey.kind == "to-be"  # type: ignore[union-attr]


def test_a_teammates_save_of_the_same_journey_is_a_conflict_loaded_on_request(
    journeys,
) -> None:
    store, mine = journeys
    store.add("north", Persona(id="buyer", name="Buyer"))
    mine.reload()
    mine.create("Trial", ["buyer"], "five-stage", "as-is")
    theirs = JourneyForm(store, "north")
    theirs.reload()
    theirs.set("action", "Theirs")
    assert theirs.submit().saved  # type: ignore[union-attr]
    mine.set("action", "Mine")
    clash = mine.submit()
    assert clash is not None and clash.state == "conflict" and mine.pending is not None
    mine.load_theirs()
    assert [s.action for s in mine.journey.steps] == ["Theirs"]  # type: ignore[union-attr]


# ----- the goals form and a new team ---------------------------------------------------------


def test_goals_are_saved_over_what_was_read_and_a_teammates_newer_save_is_asked_about(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "g.db")
    store.create_team(Workspace(id="north", name="North", rejected=["f1"]))
    mine, theirs = GoalsForm(store, "north"), GoalsForm(store, "north")
    mine.reload()
    theirs.reload()
    theirs.set("scope", "  first purchase to renewal  ")
    assert theirs.submit().message == "Saved the goals and scope."
    assert store.header("north").item.scope == "first purchase to renewal"
    mine.set("goals", ["find the churn", "plan two changes"])
    clash = mine.submit()
    assert clash.state == "conflict" and "changed the goals" in clash.message
    kept = mine.keep_mine()
    assert kept is not None and kept.saved
    header = store.header("north").item
    assert header.goals == ["find the churn", "plan two changes"]
    assert header.rejected == ["f1"]  # what the form does not show stays
    mine.set("name", "")
    assert mine.submit().state == "refused" and store.header("north").item.name == "North"
    mine.set("name", "North")
    mine.set("language", "hu")
    assert mine.submit().message == "Saved. Reload the page to see it in Magyar."


def test_a_new_team_is_made_once_however_often_its_name_is_given(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    made, team = new_team(store, "Team Blue")
    assert made.saved and team == "team-blue"
    again, same = new_team(store, " team  BLUE ")
    assert again.state == "refused" and "already a team called Team Blue" in again.message
    assert same == "team-blue" and len(store.teams()) == 1
    blank, none = new_team(store, "   ")
    assert blank.message == "Give the team a name." and none is None


# ----- the insight board ---------------------------------------------------------------------


@pytest.fixture
def sample(store: Store) -> Store:
    create_sample(store, responses=2000, events=3000, interviews=8)
    return store


def test_findings_are_accepted_as_edited_rejected_and_restored_by_the_model(sample) -> None:
    board = InsightsModel(sample, "north")
    board.reload()
    assert len(board.shown) == 6 and board.hidden > 0
    before = board.hidden
    board.show_more()
    assert len(board.shown) == 12 and board.hidden == max(0, before - 6)
    first = board.shown[0]
    assert board.accept(first.id, "  ", 3).state == "refused"  # a title is needed
    said = board.accept(first.id, "Checkout hides the fees", 5)
    assert said.saved and first.id not in {f.id for f in board.shown}
    kept = sample.get("north", Insight, first.id).item
    assert (kept.title, kept.severity) == ("Checkout hides the fees", 5)
    second = board.shown[0]
    assert board.reject(second.id).message.startswith(f"Rejected '{second.title}'")
    assert (second.title, second.id) in board.rejected
    assert second.id in sample.header("north").item.rejected  # for the whole team
    again = InsightsModel(sample, "north")
    again.reload()
    assert second.id not in {f.id for f in again.shown}
    assert board.restore(second.id).saved  # type: ignore[union-attr]
    assert second.id not in {i for _t, i in board.rejected}
    assert board.undo().saved  # type: ignore[union-attr]  # the accepted insight goes back
    assert first.id not in {i.item.id for i in sample.items("north", Insight)}


# ----- step 3: notes, suggestions, the coding board and the wall, without a page -----------------


@pytest.fixture
def noted(store: Store, catalogue_team: str) -> str:
    store.add_many(
        catalogue_team,
        [InterviewNote(id=i, interviewee=who, text=text) for i, who, text in NOTES],
    )
    return catalogue_team


def test_two_coders_code_one_note_and_each_keeps_their_own_codes(store, noted) -> None:
    ana, bela = CodingModel(store, noted, "Ana"), CodingModel(store, noted, "Béla")
    for board in (ana, bela):
        board.reload()
    assert ana.picked == "n1" and ana.said == "0 of 4 notes coded · 0 by you"
    assert ana.sentences()[1] == "I almost gave up!"
    ana.set("chosen", [1])
    ana.set("tags", ["pain_point"])
    ana.add_theme("  login   trouble ")
    ana.add_theme("LOGIN TROUBLE")  # the same theme once
    assert ana.values["themes"] == ["login trouble"]
    bela.set("tags", ["delight"])
    said = ana.save_and_next()
    assert said.message == "Saved your code on the note of Anna." and ana.picked == "n2"
    assert [i for _line, i in ana.notes] == ["n2", "n3", "n4"]  # the coded note leaves her list
    assert bela.save().saved  # the same note at once: both stay
    note = store.get(noted, InterviewNote, "n1").item
    assert {c.coder: c.tags for c in note.codings} == {"Ana": ["pain_point"], "Béla": ["delight"]}
    assert next(c for c in note.codings if c.coder == "Ana").quote == "I almost gave up!"
    ana.show(every=True)
    ana.pick("n1")
    assert ana.values["chosen"] == [1] and ana.others() == ["Béla: delight"]


def test_the_board_refuses_a_save_without_a_coder_or_a_note(store, noted) -> None:
    nobody = CodingModel(store, noted, "")
    nobody.reload()
    assert nobody.save().message.startswith("Write your name as the coder first")
    blank = CodingModel(store, noted, "Ana")
    blank.reload()
    blank.show(every=False)
    empty = blank.save()
    assert empty.state == "refused" and "a code needs at least a kind" in empty.message
    for _ in range(len(blank.notes)):
        blank.set("emotion", -2)
        assert blank.save_and_next().saved
    assert blank.picked == "" and blank.save().message == "Pick a note in the list first."
    assert blank.empty().startswith("You coded every note")


def test_a_note_typed_in_needs_who_and_what(store, noted) -> None:
    notes = NoteModel(store, noted)
    assert notes.add(" ", None, "said").state == "refused"
    added = notes.add("Dóra", dt.date(2026, 3, 1), "  The invoice came late.  ")
    assert added.saved and added.message.startswith("Added the note of Dóra.")
    kept = [n for n in store.workspace(noted).interviews if n.interviewee == "Dóra"]
    assert kept[0].text == "The invoice came late."
    undone = notes.undo()
    assert undone is not None and undone.message == "Undone: added the note of Dóra."


def test_themes_on_the_wall_move_rename_merge_and_become_insights(store, noted) -> None:
    board = CodingModel(store, noted, "Ana")
    board.reload()
    for theme in ("login", "login", "support"):
        board.add_theme(theme)
        board.save_and_next()
        board.set("themes", [])
    wall = AffinityModel(store, noted)
    wall.reload()
    assert set(wall.groups) == {"login", "support"}
    assert wall.move("login", "login") is None  # nothing moves
    assert wall.move("support", "login").message == "Merged support into login (1 notes)."
    assert list(wall.groups) == ["login"]
    assert wall.move("login", "Bank login").message == "Renamed login to Bank login."
    made = wall.make_insight("Bank login", "pain_point")
    assert made.saved and made.message.startswith("Bank login is an insight now")
    again = wall.make_insight("bank LOGIN", "pain_point")
    assert again.state == "refused" and "is an insight already" in again.message


# ----- an import, without a page -----------------------------------------------------------------


def test_an_import_stores_nothing_until_confirmed_and_only_what_was_checked(
    store, catalogue_team
) -> None:
    team = catalogue_team
    importing = ImportModel(store, team)
    assert importing.check().message == "Choose a file first (CSV, Excel or JSON)."
    names = [t.name for t in store.workspace(team).touchpoints]
    importing.choose(
        "answers.csv",
        (
            "id,submitted,touchpoint,nps\n"
            f"w1,2026-03-01,{names[0]},3\n"
            f"w2,2026-03-02,{names[0]},12\n"
        ).encode(),
    )
    said = importing.check()
    assert said.state == "refused" and said.tone == "conflict"
    assert importing.store_label == ("Store only the valid: 1 row", False)
    refused = importing.confirm()
    assert refused is not None and refused.message.startswith("Nothing stored")
    assert store.survey_responses(team).empty
    importing.set("valid_only", True)  # a tick does not forget the check
    assert importing.store_label == ("Store only the valid: 1 row", True)
    stored = importing.confirm()
    assert stored is not None and stored.message == "Stored 1 row." and importing.step == 3
    assert len(store.survey_responses(team)) == 1 and importing.confirm() is None
    importing.check()  # the same file again: nothing new to store
    assert importing.store_label == ("Store only the valid: 0 rows", False)
    importing.set("dates", "day-first")  # how to read it changed: check again first
    assert importing.checked is None and importing.store_label[1] is False
    importing.set("columns", "nps: Score")
    assert "write it as field = column" in importing.check().message


def test_the_journey_editor_opens_on_the_main_journey(store, team) -> None:
    """Where the team's findings are placed and its map is first shown: the first as-is
    journey, even when a to-be one was made before it (`model.main_of`, one rule)."""
    store.add(team, Persona(id="buyer", name="Buyer"))
    form = JourneyForm(store, team)
    form.reload()
    form.create("Dream", ["buyer"], "five-stage", "to-be")
    form.create("Today", ["buyer"], "five-stage", "as-is")
    opened = JourneyForm(store, team)
    opened.reload()
    assert opened.journey is not None and opened.journey.name == "Today"
    assert store.workspace(team).main_journey().name == "Today"  # type: ignore[union-attr]


def test_privacy_marks_are_saved_with_the_team_and_a_teammates_change_is_read_back(
    store, team
) -> None:
    mine, theirs = PrivacyForm(store, team), PrivacyForm(store, team)
    mine.reload()
    theirs.reload()
    said = mine.keep_private(["names", "quotes"])
    assert said.saved and store.header(team).item.private == ["names", "quotes"]
    stale = theirs.keep_private([])
    assert stale.state == "refused" and stale.tone == "conflict"
    assert theirs.private == ["names", "quotes"]  # read back: set again on what is there
    assert theirs.keep_private([]).saved and store.header(team).item.private == []
    assert theirs.keep_private(["no such data"]).state == "refused"
