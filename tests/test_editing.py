"""An editor's rules without a page (`journeykit.editing`): saving at a revision, conflicts
with a teammate who saved first and how each is settled, removing, and Undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeykit import i18n
from journeykit.editing import Edits
from journeykit.model import Persona, Workspace
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
