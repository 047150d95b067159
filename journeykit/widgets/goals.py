"""GoalsEditor and TeamCreator: the team's goals and scope (step 1 of the method), and a new team
for a workshop that starts from an empty store."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from journeykit.editing.goals import GoalsForm, new_team
from journeykit.i18n import LANGUAGES, _
from journeykit.store import Store
from journeykit.widgets.base import ModelView, button, shown, status_html, typed


class GoalsEditor(ModelView):
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
        self.fields: dict[str, w.ValueWidget] = {
            "name": self.name,
            "company": self.company,
            "goals": self.goals,
            "scope": self.scope,
            "language": self.language,
        }
        self.use(GoalsForm(store, team))
        self.model: GoalsForm
        for field, control in self.fields.items():
            control.observe(
                lambda c, f=field: self._synced(self.model.set, f, typed(f == "goals", c["new"])),
                "value",
            )
        self.model.observe(lambda _c: self.show_model(), "loaded")
        self.refresh()

    def show_model(self) -> None:
        with self.showing():
            for field, control in self.fields.items():
                control.value = shown(field == "goals", control, self.model.values[field])

    def submit(self) -> None:
        self._answer(self.model.submit())


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
        outcome, team = new_team(self.store, self.name.value)
        self.status.value = status_html(outcome.message, "ok" if outcome.saved else "error")
        if team is not None and self.created:
            self.created(team)
