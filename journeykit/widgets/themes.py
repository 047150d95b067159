"""Step 3's coding help: a note typed on the page, and themes suggested from the notes and
comments that have none yet, each accepted (named, given a kind), or rejected by a person."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from journeykit.analysis.suggest import SURVEY_PREFIX, Suggestion
from journeykit.editing.coding import NoteModel, SuggestionsModel
from journeykit.i18n import _, format_number, ngettext, separator
from journeykit.model import InsightKind, Workspace, label
from journeykit.store import Store
from journeykit.widgets.base import ModelView, button, empty_note, heading, paragraph, parts

KINDS = ("pain_point", "need", "delight")
QUOTES_SHOWN = 3


class NoteForm(ModelView):
    """Type or paste what a customer said; it is coded later (here, or by a suggestion)."""

    warns_unsaved = True

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        self.who = w.Text(description=_("Who"), placeholder=_("the customer, or a pseudonym"))
        self.when = w.DatePicker(description=_("When"), value=dt.date.today())
        self.text = w.Textarea(
            description=_("Note"),
            placeholder=_("what they said, in their words"),
            layout=w.Layout(width="100%", height="6em"),
        )
        self.add_button = button(_("Add note"), self.add, icon="plus", button_style="primary")
        self.children = [
            heading(_("Add an interview note")),
            w.HBox([self.who, self.when]),
            self.text,
            w.HBox([self.add_button]),
            self.status,
        ]
        self.use(NoteModel(store, team))
        self.model: NoteModel
        self.refresh()

    def add(self) -> None:
        outcome = self.model.add(self.who.value, self.when.value, self.text.value)
        if outcome.saved:
            self.text.value = ""
        self._answer(outcome)


def suggestion_html(suggestion: Suggestion, workspace: Workspace) -> str:
    """What a suggested theme groups: its words, how many notes, where, and a few quotes."""
    names = workspace.names()
    where = [names.get(x, x) for x in (suggestion.stage, suggestion.touchpoint) if x]
    count = len(suggestion.ids)
    said = ngettext("{count} note or comment", "{count} notes or comments", count).format(
        count=format_number(count)
    )
    distinct = list(dict.fromkeys(suggestion.texts))  # comments often repeat word for word
    hidden = count - min(len(distinct), QUOTES_SHOWN)
    more = _("and {count} more").format(count=format_number(hidden)) if hidden else ""
    comments = sum(i.startswith(SURVEY_PREFIX) for i in suggestion.ids)
    told = [said]
    if comments:
        told.append(_("{count} from the survey").format(count=format_number(comments)))
    if where:
        told.append(_("named: {where}").format(where=", ".join(where)))
    return str(
        parts().suggestion(
            ", ".join(suggestion.phrases),
            separator(),
            "; ".join(told),
            distinct[:QUOTES_SHOWN],
            more,
        )
    )


class ThemeSuggestions(ModelView):
    """Themes the kit suggests from notes and comments without a theme. Nothing is coded
    until a person accepts one: it then codes its notes and becomes an insight."""

    def __init__(self, store: Store, team: str, top: int = 6) -> None:
        super().__init__(store, team)
        self.cards = w.VBox()
        self.children = [
            heading(_("Suggested themes")),
            paragraph(
                _(
                    "Notes and comments that say the same thing, grouped from their words. "
                    "Give each a name and a kind and accept it (the name of a theme you "
                    "have already merges it into that one), or reject it: nothing is coded "
                    "until you do."
                )
            ),
            w.HBox([self.refresh_button]),
            self.cards,
            self.status,
        ]
        self.use(SuggestionsModel(store, team, top))
        self.model: SuggestionsModel
        self.model.observe(lambda _c: self.show_model(), "loaded")
        self.refresh()

    @property
    def suggestions(self) -> list[Suggestion]:
        return list(self.model.suggestions)

    def show_model(self) -> None:
        model = self.model
        if not model.suggestions:
            self.cards.children = [
                w.HTML(
                    empty_note(
                        _(
                            "No suggestions: add notes (above, or import them), or every note "
                            "already has a theme."
                        )
                    )
                )
            ]
        else:
            self.cards.children = [self._card(s, model.workspace) for s in model.suggestions]

    def follow(self) -> None:
        """A teammate's save that changes nothing suggested (a persona, a step) leaves the
        cards as they are, with any name half typed in them, and groups nothing again."""
        if self.model.outdated():
            super().follow()

    def _card(self, suggestion: Suggestion, workspace: Workspace) -> w.VBox:
        name = w.Combobox(  # the team's themes offered: picking one merges into it
            value=suggestion.label,
            options=self.model.themes(),
            ensure_option=False,
            description=_("Theme"),
        )
        kind = w.Dropdown(
            options=[(label(k), k) for k in KINDS],
            value=suggestion.kind if suggestion.kind in KINDS else KINDS[0],
            description=_("Kind"),
        )
        accept = button(
            _("Accept"),
            lambda: self.accept(suggestion, name.value, kind.value),
            icon="check",
            button_style="success",
        )
        reject = button(_("Reject"), lambda: self.reject(suggestion), icon="times")
        card = w.VBox(
            [w.HTML(suggestion_html(suggestion, workspace)), w.HBox([name, kind, accept, reject])]
        )
        card.add_class("jk-card")
        return card

    def accept(self, suggestion: Suggestion, name: str, kind: InsightKind) -> None:
        self._answer(self.model.accept(suggestion, name, kind))

    def reject(self, suggestion: Suggestion) -> None:
        self._answer(self.model.reject(suggestion))
