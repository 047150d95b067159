"""What an editor does with a team's items, apart from how it looks: save at the revision the
edit was based on, remove, take back the last change, and settle a clash with a teammate who
saved first. The page's editors (`journeykit.widgets`) show what these return; this module
knows nothing of widgets, so every rule here is tested without a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import ValidationError

from journeykit.errors import ConflictError, JourneyKitError
from journeykit.i18n import N_, _
from journeykit.model import Item, explain, item_name, make_id
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
    fix it), or `conflict` (a teammate saved first; `mine` and `before` are what keeping this
    edit needs, `mine` None when there is nothing of one's own to keep)."""

    state: Literal["saved", "refused", "conflict"]
    message: str
    mine: Item | None = None
    before: Item | None = None
    detail: str = ""

    @property
    def saved(self) -> bool:
        return self.state == "saved"


CONFLICT = N_(
    "A teammate changed this since you opened it, so your edit is not saved yet. Load theirs "
    "to see it (your edit is dropped), or keep yours to save it over theirs."
)


def named(item: Item) -> str:
    """An item as a message names it ("persona 'Ana'")."""
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
        return Outcome("saved", _("Saved {item}.").format(item=named(item)))

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
