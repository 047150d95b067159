"""The team's own header, apart from its pages: the goals editor's state and rules (step 1 of
the method: what the map is for and where it stops), what the team keeps out of exports, and
making a new team."""

from __future__ import annotations

from pydantic import ValidationError
from traitlets import Dict, List

from journeykit.editing.edits import Editor, Outcome, refusal, unseen
from journeykit.errors import ConflictError, JourneyKitError
from journeykit.i18n import LANGUAGES, N_, _, current, text_key
from journeykit.model import Workspace, label, make_id
from journeykit.store import Store

GOAL_FIELDS = ("name", "company", "goals", "scope", "language")
"""What the goals form edits; the rest of a team's header (privacy marks, rejected findings)
stays as stored."""
GOALS_CONFLICT = N_(
    "A teammate changed the goals since you opened them, so yours are not saved yet. Load "
    "theirs to see them (your text is dropped), or keep yours to save it over theirs."
)


class HeaderEditor(Editor):
    """An editor of the team's own header (its name, goals, privacy marks), saved whole at
    the revision it was read."""

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        self.header = Workspace(id=team, name=team)
        self.revision = 0

    def read_header(self) -> Workspace:
        stored = self.store.header(self.team)
        self.header, self.revision = stored.item, stored.revision
        return self.header


class GoalsForm(HeaderEditor):
    """The team's header as the goals form holds it: `values` by field (goals as a list)."""

    values = Dict()

    def reload(self, pick: str | None = None) -> None:
        header = self.read_header()
        self.values = {field: getattr(header, field) for field in GOAL_FIELDS}
        self.loaded += 1

    def set(self, field: str, value: object) -> None:
        if field not in GOAL_FIELDS:
            raise KeyError(field)
        if self.values.get(field) != value:
            self.values = {**self.values, field: value}

    def submit(self) -> Outcome:
        """Save the form over the header as it was read; a teammate's newer save is a
        conflict, kept or loaded as the person answers."""
        return self._save(self.header, self.revision)

    def keep_mine(self) -> Outcome | None:
        """The form as typed, over the header as it is now (the teammate's changes to fields
        this form does not show are kept)."""
        if self.pending is None:
            return None
        self.pending = None
        now = self.store.header(self.team)
        return self._save(now.item, now.revision)

    def _save(self, base: Workspace, revision: int) -> Outcome:
        values = {**self.values, "scope": str(self.values.get("scope", "")).strip()}
        try:
            header = Workspace.model_validate(base.model_dump() | values)
        except ValidationError as err:
            return Outcome("refused", refusal(err))
        try:
            self.revision = self.store.update_header(header, revision)
        except ConflictError as err:
            self.pending = Outcome("conflict", _(GOALS_CONFLICT), header, base, str(err))
            return self.pending
        except JourneyKitError as err:
            return Outcome("refused", refusal(err))
        self.header, self.pending = header, None
        self.left_out = unseen(self.values)
        speaks = self.store.language_of(self.team)  # the team's own, or the workshop's
        said = (
            _("Saved the goals and scope.")
            if speaks == current()
            else _("Saved. Reload the page to see it in {language}.").format(
                language=LANGUAGES[speaks]
            )
        )
        self.reload()
        return self.told(Outcome("saved", said))

    def undo(self) -> Outcome | None:
        return None  # the header has no Undo: its history is the revision a teammate sees


def new_team(store: Store, name: str) -> tuple[Outcome, str | None]:
    """A new team of that name (its id made from it), and its id. A name the workshop has
    already (a second click, or a teammate who made it first) is one team, not two: the
    outcome says so and the id is the existing team's."""
    teams = store.teams()
    same = next((t for t in teams if text_key(t.name) == text_key(name)), None)
    if same is not None and name.strip():
        said = _("There is already a team called {name}: open it from the list above.")
        return Outcome("refused", said.format(name=same.name)), same.id
    try:
        team = Workspace(id=make_id(name, taken={t.id for t in teams}), name=name)
        store.create_team(team)
    except ValidationError:
        return Outcome("refused", _("Give the team a name.")), None
    except JourneyKitError as err:
        return Outcome("refused", str(err)), None
    return Outcome("saved", _("Team created.")), team.id


class PrivacyForm(HeaderEditor):
    """What a team keeps out of every export (`private`, keys of `model.PRIVATE_DATA`),
    saved with the team's header at the revision it was read."""

    private: List[str] = List()

    def reload(self, pick: str | None = None) -> None:
        self.private = list(self.read_header().private)
        self.loaded += 1

    def keep_private(self, private: list[str]) -> Outcome:
        """Save the marks; a teammate's change of the team meanwhile is read back and said
        (the person sets the marks again on what is there now)."""
        try:
            header = Workspace.model_validate(self.header.model_dump() | {"private": private})
            self.revision = self.store.update_header(header, self.revision)
        except ConflictError:
            self.reload()
            return Outcome(
                "refused",
                _("A teammate changed the team meanwhile: check the marks and set again."),
                tone="conflict",
            )
        except (ValidationError, JourneyKitError) as err:
            return Outcome("refused", refusal(err))
        self.header, self.private = header, list(private)
        kept = ", ".join(label(p) for p in private) or _("nothing")
        return Outcome("saved", _("Saved: kept private in every export: {kept}.").format(kept=kept))
