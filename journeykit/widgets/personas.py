"""PersonaBuilder: a form for one persona at a time, its card as it will be shown, and how well
it is evidenced (the method: personas are built from research, not guesses)."""

from __future__ import annotations

import ipywidgets as w
from pydantic import ValidationError

from journeykit.editing import PersonaForm
from journeykit.i18n import N_, _
from journeykit.model import Persona, label, labelled
from journeykit.store import Store
from journeykit.widgets.base import FormView, parts

LIST_FIELDS = {
    "goals": N_("Goals"),
    "needs": N_("Needs"),
    "frustrations": N_("Frustrations"),
    "motivations": N_("Motivations"),
    "channels": N_("Channels"),
}
EVIDENCE_HELP = {
    "assumed": N_("Assumed: what the team believes. Check it with real customers."),
    "researched": N_("Researched: drawn from interviews, surveys or usage data."),
    "validated": N_("Validated: customers confirmed it."),
}


def persona_card(persona: Persona) -> str:
    """The persona as a card (every text escaped: names come from users)."""
    sections = [
        (_(title), ", ".join(values))
        for field, title in LIST_FIELDS.items()
        if (values := getattr(persona, field))
    ]
    segment = persona.segment or _("no segment yet")
    return str(parts().persona_card(persona, segment, label(persona.evidence), sections))


class PersonaBuilder(FormView[Persona]):
    """Create and edit the team's personas; the card preview follows every keystroke."""

    add_label = N_("Add persona")
    save_label = N_("Save persona")
    listed = frozenset(LIST_FIELDS)

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        self.choice = w.Dropdown(description=_("Persona"))
        self.name = w.Text(
            description=_("Name"), placeholder=_("Finance lead at a growing company")
        )
        self.segment = w.Text(description=_("Segment"), placeholder=_("companies of 10-50 people"))
        self.lists = {
            f: w.Textarea(description=_(title), placeholder=_("one per line"))
            for f, title in LIST_FIELDS.items()
        }
        self.quote = w.Text(description=_("Quote"), placeholder=_("in the customer's own words"))
        self.evidence = w.ToggleButtons(
            options=labelled(list(EVIDENCE_HELP)), description=_("Evidence")
        )
        self.evidence_help = w.HTML()
        self.card = w.HTML()
        self.fields = {
            "name": self.name,
            "segment": self.segment,
            **self.lists,
            "quote": self.quote,
            "evidence": self.evidence,
        }
        form = w.VBox(
            [
                self.choice,
                self.name,
                self.segment,
                *self.lists.values(),
                self.quote,
                self.evidence,
                self.evidence_help,
                self.form_buttons(),
            ]
        )
        self.children = [
            w.HBox([form, self.card]),
            self.status,
            self.conflict_box,
            self.toolbar,
        ]
        self.bind(PersonaForm(store, team))
        self.model.observe(lambda _c: self.preview(), "values")
        self.refresh()

    def preview(self) -> None:
        """The card as the form now says, at every keystroke."""
        self.evidence_help.value = str(parts().help(_(EVIDENCE_HELP[self.evidence.value])))
        try:
            self.card.value = persona_card(self.form())
        except ValidationError:
            self.card.value = str(parts().card_empty(_("Give the persona a name.")))
