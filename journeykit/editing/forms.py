"""The editors of one item at a time through a picker and a form (personas, touchpoints,
actions): the form's whole state (`Form`): the team's items, the one picked, what the form
holds, whether it is a valid item, and what each button comes to."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar, Generic, TypeVar

from pydantic import ValidationError
from traitlets import Bool, Dict, List, Unicode

from journeykit.editing.edits import (
    Editor,
    Outcome,
    blank_value,
    first_choice,
    named,
    refusal,
    unseen,
)
from journeykit.i18n import N_, _, sort_key
from journeykit.model import Action, Insight, Item, Persona, Touchpoint, explain, make_id
from journeykit.store import Store

Edited = TypeVar("Edited", bound=Item)


class Form(Editor, Generic[Edited]):
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
    editing = Bool(False)
    """Whether the form edits a stored item (Save, Remove) or makes a new one (Add)."""

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        self.stored: dict[str, tuple[Edited, int]] = {}

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
        return blank_value(self.kind, field)

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
        self.left_out = unseen(self.values)
        outcome = self.settle(self.edits.save(item, revision, before))
        if outcome.saved and before is None:
            return self.told(
                outcome, _("Saved {item}. To add another, press New.").format(item=named(item))
            )
        return self.told(outcome)

    def remove(self) -> Outcome | None:
        """Remove the picked item (None when the form holds a new one)."""
        if self.picked not in self.stored:
            return None
        item, revision = self.stored[self.picked]
        self.left_out = False
        return self.settle(self.edits.remove(item, revision))


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
