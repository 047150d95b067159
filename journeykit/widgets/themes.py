"""Step 3's coding help: a note typed on the page, and themes suggested from the notes and
comments that have none yet, each accepted (named, given a kind), or rejected by a person."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pandas as pd
from pandas.util import hash_pandas_object

from journeykit.analysis.coding import theme_groups
from journeykit.analysis.suggest import (
    SURVEY_PREFIX,
    Suggestion,
    accept_theme,
    reject_theme,
    theme_suggestions,
)
from journeykit.errors import ConflictError, JourneyKitError
from journeykit.i18n import _, format_number, ngettext, separator
from journeykit.model import InsightKind, InterviewNote, Item, Workspace, label, make_id
from journeykit.store import Store
from journeykit.widgets.base import StoreView, button, empty_note, heading, paragraph, parts
from journeykit.widgets.coding import insight_made

KINDS = ("pain_point", "need", "delight")
QUOTES_SHOWN = 3


class NoteForm(StoreView):
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
        self.refresh()

    def add(self) -> None:
        who, text = self.who.value.strip(), self.text.value.strip()
        if not who or not text:
            self.say(_("Write who said it and what they said, then add the note."), "error")
            return
        taken = {n.id for n in self.store.workspace(self.team).interviews}
        try:
            note = InterviewNote(
                id=make_id("note", who, taken=taken, fallback="note"),
                interviewee=who,
                date=self.when.value,
                text=text,
            )
        except ValueError as err:
            self.fail(err)
            return
        if self.save(note, None):
            self.text.value = ""
            self.say(
                _("Added the note of {who}. Code it below, or let a suggestion group it.").format(
                    who=who
                )
            )

    @staticmethod
    def _name(item: Item) -> str:
        return _("the note of {who}").format(who=getattr(item, "interviewee", ""))


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


class ThemeSuggestions(StoreView):
    """Themes the kit suggests from notes and comments without a theme. Nothing is coded
    until a person accepts one: it then codes its notes and becomes an insight."""

    def __init__(self, store: Store, team: str, top: int = 6) -> None:
        super().__init__(store, team)
        self.top = top
        self.cards = w.VBox()
        self._drawn_from: tuple[str, int] | None = None
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
        self.refresh()

    def refresh(self, message: str = "") -> None:
        workspace = self.store.workspace(self.team)
        surveys = self.store.survey_responses(self.team)
        self._drawn_from = self._inputs(workspace, surveys)
        self.suggestions = theme_suggestions(workspace, surveys, self.top)
        if not self.suggestions:
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
            self.cards.children = [self._card(s, workspace) for s in self.suggestions]
        super().refresh(message)

    @staticmethod
    def _inputs(workspace: Workspace, surveys: pd.DataFrame) -> tuple[str, int]:
        """What suggestions are made of: the notes without a theme, every note's kinds (a
        suggestion's kind is its notes'), the names notes are placed by, the rejected ones,
        the survey answers. A coder's quote or emotion changes none of it."""
        notes = [
            (n.id, n.interviewee, n.text, bool(n.themes), n.tags) for n in workspace.interviews
        ]
        names = [workspace.stage_names(), workspace.touchpoint_names(), workspace.rejected]
        return repr((notes, names)), int(hash_pandas_object(surveys).sum())

    def follow(self) -> None:
        """A teammate's save that changes nothing suggested (a persona, a step) leaves the
        cards as they are, with any name half typed in them, and groups nothing again."""
        workspace = self.store.workspace(self.team)
        if self._inputs(workspace, self.store.survey_responses(self.team)) != self._drawn_from:
            super().follow()

    def _card(self, suggestion: Suggestion, workspace: Workspace) -> w.VBox:
        name = w.Combobox(  # the team's themes offered: picking one merges into it
            value=suggestion.label,
            options=sorted(theme_groups(workspace), key=str.casefold),
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
        main = self.store.workspace(self.team).main_journey()
        journey = main.id if main else None
        try:
            insight = accept_theme(self.store, self.team, suggestion, kind, name, journey)
        except ConflictError:
            self.refresh()
            self.say(
                _("A teammate coded some of these notes meanwhile: look at the new suggestions."),
                "conflict",
            )
            return
        except (JourneyKitError, ValueError) as err:
            self.fail(err)
            return
        made = insight_made(insight, self.store.workspace(self.team))
        self.refresh(_("Accepted: its notes are coded.") + " " + made)
        self.changed()

    def reject(self, suggestion: Suggestion) -> None:
        reject_theme(self.store, self.team, suggestion)
        self.refresh(_("Rejected: it is not suggested again."))
        self.changed()
