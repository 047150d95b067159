"""GoalsEditor and TeamCreator: the team's goals and scope (step 1 of the method), and a new team
for a workshop that starts from an empty store."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
from pydantic import ValidationError

from journeykit.errors import ConflictError, JourneyKitError
from journeykit.i18n import LANGUAGES, _, current, text_key
from journeykit.model import Workspace, make_id
from journeykit.store import Store
from journeykit.widgets.base import StoreView, button, lines, status_html


class GoalsEditor(StoreView):
    """What the map is for and where it stops: the goals and scope of the discovery session."""

    warns_unsaved = True

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        self.name = w.Text(description=_("Team"))
        self.company = w.Text(description=_("Company"), placeholder=_("whose customers you map"))
        self.goals = w.Textarea(
            description=_("Goals"), placeholder=_("one per line: what the map should help decide")
        )
        self.scope = w.Textarea(
            description=_("Scope"),
            placeholder=_("which customers, which experience, from where to where"),
        )
        self.language = w.Dropdown(
            description=_("Language"),
            options=[
                (_("the workshop's"), ""),
                *((name, code) for code, name in LANGUAGES.items()),
            ],
            tooltip=_("the language of this team's pages and reports"),
        )
        self.revision = 0
        self.save_button = button(_("Save goals"), self.submit, button_style="primary", icon="save")
        self.children = [
            self.name,
            self.company,
            self.goals,
            self.scope,
            self.language,
            self.save_button,
            self.status,
            self.conflict_box,
        ]
        self.refresh()

    def refresh(self, message: str = "") -> None:
        stored = self.store.header(self.team)
        self.header, self.revision = stored.item, stored.revision
        self.name.value, self.company.value = self.header.name, self.header.company
        self.goals.value, self.scope.value = "\n".join(self.header.goals), self.header.scope
        self.language.value = self.header.language
        super().refresh(message)

    def typed_fields(self) -> dict[str, object]:
        """What this form edits, as typed; the rest of the header stays as stored."""
        return {
            "name": self.name.value,
            "company": self.company.value,
            "goals": lines(self.goals.value),
            "scope": self.scope.value.strip(),
            "language": self.language.value,
        }

    def submit(self, base: Workspace | None = None, revision: int | None = None) -> None:
        """Save the form over `base` at `revision` (the header as the form last read it,
        unless "Keep mine" saves over a teammate's newer one)."""
        base = self.header if base is None else base
        revision = self.revision if revision is None else revision
        try:
            # what this form does not show (the privacy marks, rejected findings) stays
            header = Workspace.model_validate(base.model_dump() | self.typed_fields())
        except ValidationError as err:
            self.fail(err)
            return
        try:
            self.revision = self.store.update_header(header, revision)
            self.header = header
        except ConflictError:
            self.offer_choice(
                _(
                    "A teammate changed the goals since you opened them, so yours are not saved "
                    "yet. Load theirs to see them (your text is dropped), or keep yours to save "
                    "it over theirs."
                ),
                lambda: self.refresh(_("Loaded your teammate's version.")),
                self._keep_mine,
            )
            return
        except JourneyKitError as err:
            self.fail(err)
            return
        self.conflict_box.children = ()
        speaks = self.store.language_of(self.team)  # the team's own, or back to the workshop's
        self.say(
            _("Saved the goals and scope.")
            if speaks == current()
            else _("Saved. Reload the page to see it in {language}.").format(
                language=LANGUAGES[speaks]
            )
        )
        self.changed()

    def _keep_mine(self) -> None:
        """The form as typed, over the header as it is now (the teammate's other changes to
        fields this form does not show are kept)."""
        now = self.store.header(self.team)
        self.submit(now.item, now.revision)


class TeamCreator(w.VBox):
    """A new team: a name is enough (its id is made from it)."""

    def __init__(self, store: Store, created: Callable[[str], None] | None = None) -> None:
        self.store, self.created = store, created
        self.name = w.Text(description=_("New team"), placeholder=_("Team Blue"))
        self.status = w.HTML()
        super().__init__(
            [
                w.HBox([self.name, button(_("Create team"), self.submit, button_style="primary")]),
                self.status,
            ]
        )
        self.add_class("jk-editor")

    def submit(self) -> None:
        teams = self.store.teams()
        taken = {t.id for t in teams}
        same = next((t for t in teams if text_key(t.name) == text_key(self.name.value)), None)
        if same is not None and self.name.value.strip():
            # a second click, or a teammate who created it first: one team, not two
            self.status.value = status_html(
                _("There is already a team called {name}: open it from the list above.").format(
                    name=same.name
                ),
                "error",
            )
            if self.created:
                self.created(same.id)
            return
        try:
            team = Workspace(id=make_id(self.name.value, taken=taken), name=self.name.value)
            self.store.create_team(team)
        except ValidationError:
            self.status.value = status_html(_("Give the team a name."), "error")
            return
        except JourneyKitError as err:
            self.status.value = status_html(str(err), "error")
            return
        self.status.value = status_html(_("Team created."))
        if self.created:
            self.created(team.id)
