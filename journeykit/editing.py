"""What an editor does with a team's items, apart from how it looks: save at the revision the
edit was based on, remove, take back the last change, and settle a clash with a teammate who
saved first (`Edits`); and, for the editors of one item at a time through a picker and a form
(personas, touchpoints, actions), the form's whole state (`Form`): the team's items, the one
picked, what the form holds, whether it is a valid item, and what each button comes to.

The page's editors (`journeykit.widgets`) link their controls to these and show what they
return; this module knows nothing of widgets, so every rule here is tested without a page.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import ClassVar, Generic, Literal, TypeVar

from pydantic import ValidationError
from traitlets import Bool, Dict, HasTraits, Int, List, Unicode

from journeykit.errors import ConflictError, JourneyKitError
from journeykit.i18n import N_, _, sort_key
from journeykit.model import Action, Insight, Item, Persona, Touchpoint, explain, item_name, make_id
from journeykit.model.base import PASTED
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
    item: Item | None = None
    """What a save stored (None for a removal, an Undo or a refusal)."""

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


Edited = TypeVar("Edited", bound=Item)


def first_choice(current: str | None, stored: list[str], new: str) -> str:
    """What a picker shows after a reload: the item being edited if it still exists; on first
    opening, the first item (so the page shows the team's work); else a new one."""
    if current in stored:
        return current
    return stored[0] if current is None and stored else new


def _texts(values: Mapping[str, object]) -> Iterator[str]:
    for value in values.values():
        if isinstance(value, str):
            yield value
        elif isinstance(value, list | tuple):
            yield from (v for v in value if isinstance(v, str))


class Form(HasTraits, Generic[Edited]):
    """One form editor's state and rules, apart from its page: the team's items of one kind at
    the revisions they were read, which one the form edits (or a new one), the values it holds
    by the item's field, and what Save, New, Remove, Undo and the answers to a conflict come
    to. A view links its picker to `choices` and `picked`, its controls to `values` (copied
    to them when `loaded` changes, never while the person types) and shows each `Outcome`."""

    kind: ClassVar[type[Item]]
    new: ClassVar[str]
    """The picker's entry for a new item (marked with `N_`); `picked` holds it then."""
    fields: ClassVar[tuple[str, ...]]
    """The fields the form edits; an edit keeps the item's other fields as they were."""
    name_field: ClassVar[str] = "name"
    """The field a new item's id is made from."""
    blank: ClassVar[Mapping[str, object]] = MappingProxyType({})
    """What a new item's form holds where the model has no default of its own."""

    choices: List[tuple[str, str]] = List()
    """The picker's entries, (name, id) in the order shown, the new one last."""
    picked = Unicode()
    """The id of the item the form edits, or `new`."""
    values = Dict()
    """What the form holds, by the item's field, as the model takes it (lists as lists)."""
    loaded = Int(0)
    """Counts the times the form was filled from the store: then a view copies `values` to its
    controls (and only then: typing is never replaced)."""
    editing = Bool(False)
    """Whether the form edits a stored item (Save, Remove) or makes a new one (Add)."""

    def __init__(self, store: Store, team: str) -> None:
        super().__init__()
        self.store, self.team = store, team
        self.edits = Edits(store, team)
        """What this form saved (its Undo) and how each save came out."""
        self.stored: dict[str, tuple[Edited, int]] = {}
        self.pending: Outcome | None = None
        """The conflict the person has not answered yet (keep mine, or load theirs)."""
        self.left_out = False
        """Whether the last save's texts held characters the model leaves out."""

    # ----- reading ---------------------------------------------------------------------------

    def read(self) -> list[tuple[Edited, int]]:
        """The team's items of this kind with their revisions, in the picker's order."""
        return [(s.item, s.revision) for s in self.store.items(self.team, self.kind)]  # type: ignore[misc]

    def reload(self, pick: str | None = None) -> None:
        """Read the team's items again and fill the form: with `pick` when given and stored,
        else the item it edited if it is still there (on first opening the first item, so
        the page shows the team's work), else a new one."""
        self.stored = {item.id: (item, revision) for item, revision in self.read()}
        wanted = pick if pick in self.stored else None
        chosen = wanted or first_choice(self.picked or None, list(self.stored), self.new)
        with self.hold_trait_notifications():  # a picker sees the new entries and choice at once
            self.choices = [
                *((self.title(item), item_id) for item_id, (item, _r) in self.stored.items()),
                (_(self.new), self.new),
            ]
            self.picked = chosen
        self.load()

    def title(self, item: Edited) -> str:
        return str(getattr(item, self.name_field))

    def pick(self, chosen: str) -> None:
        """Edit another item (or a new one: `new`); what was typed and not saved is dropped."""
        if chosen in self.stored or chosen == self.new:
            self.picked = chosen
            self.load()

    def start_new(self) -> None:
        """Empty the form for a new item."""
        self.pick(self.new)

    def load(self) -> None:
        """Fill the form from the picked item, or with a new item's values."""
        item = self.picked_item
        self.values = {
            field: self.shown(field, getattr(item, field)) if item else self.new_value(field)
            for field in self.fields
        }
        self.editing = item is not None
        self.loaded += 1

    @property
    def picked_item(self) -> Edited | None:
        found = self.stored.get(self.picked)
        return found[0] if found else None

    def shown(self, field: str, value: object) -> object:
        """What the form holds of a stored item's field (a form may show less than is stored,
        such as only the references it can still offer)."""
        return list(value) if isinstance(value, list | tuple) else value

    def new_value(self, field: str) -> object:
        if field in self.blank:
            return self.blank[field]
        found = self.kind.model_fields[field]
        return "" if found.is_required() else found.get_default(call_default_factory=True)

    def set(self, field: str, value: object) -> None:
        """The person changed one field of the form."""
        if field not in self.fields:
            raise KeyError(field)
        if self.values.get(field) != value:
            self.values = {**self.values, field: value}

    # ----- what the form says ------------------------------------------------------------

    def item(self) -> Edited:
        """The item the form describes: the picked one with the form's values, or a new one
        with an id made from its name (raises ValidationError naming the bad field)."""
        before = self.picked_item
        if before is not None:
            data = {**before.model_dump(), **self.values, "id": before.id}
        else:
            name = str(self.values.get(self.name_field, ""))
            data = {**self.values, "id": make_id(name, taken=self.stored)}
        return self.kind.model_validate(data)  # type: ignore[return-value]

    def problem(self) -> str:
        """What keeps the form from being saved, in plain words ("" when nothing does)."""
        try:
            self.item()
        except ValidationError as err:
            return explain(err)
        return ""

    # ----- the buttons -------------------------------------------------------------------

    def submit(self) -> Outcome:
        """Save what the form says: a new item, or an edit of the picked one at the revision
        it was read. A saved item stays picked (typing a new name renames it)."""
        try:
            item = self.item()
        except ValidationError as err:
            return Outcome("refused", refusal(err))
        before, revision = self.stored.get(item.id, (None, None))
        self.left_out = any(PASTED.search(text) for text in _texts(self.values))
        outcome = self.settle(self.edits.save(item, revision, before))
        if outcome.saved and before is None:
            outcome = replace(
                outcome,
                message=_("Saved {item}. To add another, press New.").format(item=named(item)),
            )
        return replace(outcome, message=self.with_left_out(outcome.message))

    def remove(self) -> Outcome | None:
        """Remove the picked item (None when the form holds a new one)."""
        if self.picked not in self.stored:
            return None
        item, revision = self.stored[self.picked]
        self.left_out = False
        return self.settle(self.edits.remove(item, revision))

    def undo(self) -> Outcome | None:
        """Take back this form's last saved change (a teammate's later edit is never
        overwritten); None when there is nothing to take back."""
        outcome = self.edits.undo()
        return None if outcome is None else self.settle(outcome)

    def keep_mine(self) -> Outcome | None:
        """Answer the pending conflict: save this edit over the teammate's (see
        `Edits.keep_mine`)."""
        pending, self.pending = self.pending, None
        if pending is None or pending.mine is None:
            return None
        self.left_out = any(PASTED.search(t) for t in _texts(pending.mine.model_dump()))
        outcome = self.settle(self.edits.keep_mine(pending.mine, pending.before))
        return replace(outcome, message=self.with_left_out(outcome.message))

    def load_theirs(self) -> Outcome:
        """Answer the pending conflict: drop this edit and show the teammate's."""
        self.pending = None
        self.reload()
        return Outcome("saved", _("Loaded your teammate's version."))

    def settle(self, outcome: Outcome) -> Outcome:
        """After a button: a saved change is read back (the saved item picked), a conflict
        waits for the person's answer, a refusal leaves the form as it is."""
        if outcome.saved:
            self.pending = None
            self.reload(pick=outcome.item.id if outcome.item is not None else None)
        elif outcome.state == "conflict":
            self.pending = outcome
        return outcome

    def with_left_out(self, message: str) -> str:
        """A save's message, and that the model left out what no one can see (said once,
        with the save that did it)."""
        if not self.left_out:
            return message
        return f"{message} {_('Characters no one can see, pasted with the text, were left out.')}"


class PersonaForm(Form[Persona]):
    """The persona editor's state: personas in the team's order."""

    kind = Persona
    new = N_("+ New persona")
    fields = (
        "name",
        "segment",
        "goals",
        "needs",
        "frustrations",
        "motivations",
        "channels",
        "quote",
        "evidence",
    )


class TouchpointForm(Form[Touchpoint]):
    """The touchpoint catalogue's state: touchpoints by name, as the language sorts."""

    kind = Touchpoint
    new = N_("+ New touchpoint")
    fields = ("name", "channel", "digital", "contact", "owner", "used_today", "should_use")
    blank = MappingProxyType({"digital": True})

    def read(self) -> list[tuple[Touchpoint, int]]:
        return sorted(super().read(), key=lambda pair: sort_key(pair[0].name))


class ActionForm(Form[Action]):
    """The action planner's state, with the insights an action may answer."""

    kind = Action
    new = N_("+ New action")
    fields = ("title", "insights", "owner", "impact", "effort", "due", "kpi", "status")
    name_field = "title"

    insights = Dict()
    """The team's insights an action may answer: title by id, in the team's order."""

    def read(self) -> list[tuple[Action, int]]:
        self.insights = {s.item.id: s.item.title for s in self.store.items(self.team, Insight)}
        return super().read()

    def shown(self, field: str, value: object) -> object:
        if field == "insights":  # only what can still be picked
            return [i for i in value if i in self.insights]  # type: ignore[attr-defined]
        return super().shown(field, value)
