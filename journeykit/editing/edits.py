"""Saving a team's items as an editor does: at the revision the edit was based on, removing,
taking back the last change, and settling a clash with a teammate who saved first (`Edits`);
and what every editor's model shares (`Editor`): a pending conflict, Undo, and reading the
store again after a change."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from pydantic import BaseModel, ValidationError
from traitlets import HasTraits, Int

from journeykit.errors import ConflictError, JourneyKitError
from journeykit.i18n import N_, _
from journeykit.model import Item, explain, item_name, make_id
from journeykit.model.base import PASTED, Record
from journeykit.store import Store
from journeykit.store.base import KIND_OF


@dataclass(frozen=True)
class Change:
    """One saved change, enough to take it back: the item before and after."""

    kind: type[Item]
    before: Item | None
    after: Item | None


@dataclass(frozen=True)
class Outcome:
    """What an edit came to, in the person's words: `saved`, `refused` (the reason and how to
    fix it), `conflict` (a teammate saved first; `mine` and `before` are what keeping this
    edit needs, `mine` None when there is nothing of one's own to keep), or `checked` (looked
    at and found fine, nothing stored yet: an import before the person confirms it)."""

    state: Literal["saved", "refused", "conflict", "checked"]
    message: str
    mine: Record | None = None
    before: Record | None = None
    detail: str = ""
    item: Item | None = None
    """What a save stored (None for a removal, an Undo or a refusal)."""
    tone: str = ""
    """How a page marks a refusal when not as an error ("conflict": a teammate's change
    came first and what is shown now is theirs)."""

    @property
    def saved(self) -> bool:
        return self.state == "saved"


CONFLICT = N_(
    "A teammate changed this since you opened it, so your edit is not saved yet. Load theirs "
    "to see it (your edit is dropped), or keep yours to save it over theirs."
)


def named(item: Item) -> str:
    """An item as a message names it ("persona 'Ana'", "the note of Ana")."""
    who = getattr(item, "interviewee", None)
    if who:
        return _("the note of {who}").format(who=who)
    label = getattr(item, "name", None) or getattr(item, "title", None) or item.id
    return f"{item_name(KIND_OF[type(item)])} '{label}'"


def refusal(err: Exception, outcome: str = "") -> str:
    """A refused edit in plain words: what is wrong and how to fix it."""
    text = explain(err) if isinstance(err, ValidationError) else str(err)
    return f"{outcome or _('Not saved')}: {text}"


class Edits:
    """One editor's edits of one team's items, and the history its Undo takes back."""

    def __init__(self, store: Store, team: str) -> None:
        self.store, self.team = store, team
        self.history: list[Change] = []

    @property
    def can_undo(self) -> bool:
        return bool(self.history)

    def save(self, item: Item, revision: int | None, before: Item | None = None) -> Outcome:
        """Save a new item (revision None) or an edit of `before` at `revision`."""
        try:
            if revision is None:
                self.store.add(self.team, item)
            else:
                self.store.update(self.team, item, revision)
        except ConflictError as err:
            return Outcome("conflict", _(CONFLICT), item, before, str(err))
        except (JourneyKitError, ValueError) as err:
            return Outcome("refused", refusal(err))
        self.history.append(Change(type(item), before, item))
        return Outcome("saved", _("Saved {item}.").format(item=named(item)), item=item)

    def remove(self, item: Item, revision: int) -> Outcome:
        try:
            self.store.delete(self.team, type(item), item.id, revision)
        except ConflictError as err:
            return Outcome("conflict", _(CONFLICT), None, item, str(err))
        except JourneyKitError as err:
            return Outcome("refused", refusal(err, _("Not removed")))
        self.history.append(Change(type(item), item, None))
        return Outcome("saved", _("Removed {item}.").format(item=named(item)))

    def keep_mine(self, mine: Item, before: Item | None) -> Outcome:
        """After a conflict, save this edit over the teammate's: as new if they removed the
        item; beside theirs under an id of its own if both made one with the same name at
        once (never over theirs); else over their revision."""
        try:
            current = self.store.get(self.team, type(mine), mine.id)
        except JourneyKitError:
            return self.save(mine, None, before)  # they removed it: this one comes back new
        if before is None:
            taken = {stored.item.id for stored in self.store.items(self.team, type(mine))}
            return self.save(mine.model_copy(update={"id": make_id(mine.id, taken=taken)}), None)
        return self.save(mine, current.revision, current.item)

    def undo(self) -> Outcome | None:
        """Take back the last saved change; a teammate's later edit is never overwritten.
        None when there is nothing to take back."""
        if not self.history:
            return None
        change = self.history.pop()
        try:
            if change.after is None and change.before is not None:
                self.store.add(self.team, change.before)
            else:
                assert change.after is not None
                current = self.store.get(self.team, change.kind, change.after.id)
                if current.item != change.after:
                    raise ConflictError(_("a teammate changed it after you: reload to see it"))
                if change.before is None:
                    self.store.delete(self.team, change.kind, change.after.id, current.revision)
                else:
                    self.store.update(self.team, change.before, current.revision)
        except (JourneyKitError, ValueError) as err:
            return Outcome("refused", _("Cannot undo: {problem}").format(problem=err))
        return Outcome("saved", _("Undone: {change}.").format(change=describe(change)))


def describe(change: Change) -> str:
    """A change as Undo names it ("added persona 'Ana'")."""
    item = change.after or change.before
    assert item is not None
    if change.before is None:
        return _("added {item}").format(item=named(item))
    if change.after is None:
        return _("removed {item}").format(item=named(item))
    return _("edit of {item}").format(item=named(item))


def first_choice(current: str | None, stored: list[str], new: str) -> str:
    """What a picker shows after a reload: the item being edited if it still exists; on first
    opening, the first item (so the page shows the team's work); else a new one."""
    if current in stored:
        return current
    return stored[0] if current is None and stored else new


def blank_value(kind: type[BaseModel], field: str) -> object:
    """What a new item's form holds for `field`: the model's default, or empty text where the
    field must be filled in."""
    found = kind.model_fields[field]
    return "" if found.is_required() else found.get_default(call_default_factory=True)


def unseen(values: Mapping[str, object]) -> bool:
    """Whether typed values hold characters the model leaves out (said once, with the save)."""

    def texts() -> Iterator[str]:
        for value in values.values():
            if isinstance(value, str):
                yield value
            elif isinstance(value, list | tuple):
                yield from (v for v in value if isinstance(v, str))

    return any(PASTED.search(text) for text in texts())


class Editor(HasTraits):
    """What every editor's model shares, apart from its page: the edits it saved (its Undo),
    the conflict the person has not answered yet, and reading the store again after a change
    (`reload`, which each model defines; a view redraws when `loaded` changes)."""

    loaded = Int(0)
    """Counts the times the model was filled from the store or moved to another item: then a
    view copies what it shows to its controls (and only then: typing is never replaced)."""

    def __init__(self, store: Store, team: str) -> None:
        super().__init__()
        self.store, self.team = store, team
        self.edits = Edits(store, team)
        """What this editor saved (its Undo) and how each save came out."""
        self.pending: Outcome | None = None
        """The conflict the person has not answered yet (keep mine, or load theirs)."""
        self.left_out = False
        """Whether the last save's texts held characters the model leaves out."""

    def reload(self, pick: str | None = None) -> None:
        """Read the team's work again and show it (`pick`: the item just saved)."""
        raise NotImplementedError

    def settle(self, outcome: Outcome) -> Outcome:
        """After a button: a saved change is read back (the saved item picked), a conflict
        waits for the person's answer, a refusal leaves everything as it is."""
        if outcome.saved:
            self.pending = None
            self.reload(pick=outcome.item.id if outcome.item is not None else None)
        elif outcome.state == "conflict":
            self.pending = outcome
        return outcome

    def undo(self) -> Outcome | None:
        """Take back this editor's last saved change (a teammate's later edit is never
        overwritten); None when there is nothing to take back."""
        self.left_out = False
        outcome = self.edits.undo()
        return None if outcome is None else self.settle(outcome)

    def keep_mine(self) -> Outcome | None:
        """Answer the pending conflict: save this edit over the teammate's (see
        `Edits.keep_mine`); None when nothing is pending."""
        pending, self.pending = self.pending, None
        if pending is None or not isinstance(pending.mine, Item):
            return None
        before = pending.before if isinstance(pending.before, Item) else None
        outcome = self.settle(self.edits.keep_mine(pending.mine, before))
        return self.told(outcome)

    def load_theirs(self) -> Outcome:
        """Answer the pending conflict: drop this edit and show the teammate's."""
        self.pending = None
        self.reload()
        return Outcome("saved", _("Loaded your teammate's version."))

    def told(self, outcome: Outcome, message: str | None = None) -> Outcome:
        """`outcome` with its message (or `message`), and that the model left out what no one
        can see, said once with the save that did it."""
        text = outcome.message if message is None else message
        if self.left_out and outcome.saved:
            text += " " + _("Characters no one can see, pasted with the text, were left out.")
        return replace(outcome, message=text)
