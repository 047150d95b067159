"""Step 3's coding board: the team's notes as a list, the one in hand open, its sentences to
keep as the quote, and the codes (kind, stage, touchpoints, emotion, themes) one teammate gives
it. Each coder's codes are kept apart, so several people code at once, and where two coded the
same notes their agreement is shown per code (Cohen's kappa)."""

from __future__ import annotations

import math

import ipywidgets as w

from journeykit.analysis.coding import agreement
from journeykit.editing.coding import (
    FILTERS,
    AffinityModel,
    CodingModel,
    codes_text,
    insight_made,
    note_line,
)
from journeykit.i18n import N_, _, format_number, ngettext, separator
from journeykit.model import NOTE_TAGS, InsightKind, InterviewNote, NoteTag, Workspace, label
from journeykit.participants import participant
from journeykit.store import Store
from journeykit.widgets.base import (
    ModelView,
    button,
    empty_note,
    headers,
    heading,
    paragraph,
    parts,
)
from journeykit.widgets.live import picker, settled, track_typing

__all__ = ["AffinityBoard", "CodingBoard", "codes_text", "insight_made", "note_line"]

KINDS = NOTE_TAGS
EMOTIONS = (-3, -2, -1, 0, 1, 2, 3)
KEYS = {"save": "s", "next": "n", "previous": "p"}
"""Alt + the key runs the button (the page's template listens; the key is the one in that place
on the keyboard, whatever its layout: Alt+S on a Persian or Russian keyboard too)."""


def key_hint(text: str, key: str) -> str:
    return f"{text} (Alt+{key.upper()})"


def agreement_html(workspace: Workspace) -> str:
    """Cohen's kappa per code for each pair of coders with notes in common, or what to do."""
    table = agreement(workspace)
    if table.empty:
        return empty_note(
            N_(
                "Agreement between coders shows here once two teammates have coded the same "
                "two notes or more."
            )
        )
    rows = []
    for row in table.itertuples():
        kappa = "—" if math.isnan(row.kappa) else format_number(round(row.kappa, 2))
        agreed = f"{format_number(round(100 * row.agreement))} %"
        rows.append((None, [row.code, row.coders, format_number(row.notes), agreed, kappa]))
    heads = headers([N_("code"), N_("coders"), N_("notes"), N_("agree"), N_("kappa")])
    explain = _(
        "Kappa 1: the two coders agree on every note; 0: no more than chance would; "
        "below 0.6, talk the code through and write down what it means. “—”: both gave the "
        "code to every note (or to none), so chance explains it."
    )
    return str(parts().agreement(heads, rows, explain))


class CodingBoard(ModelView):
    """Code one note after another: the passage to quote, its kind, place, emotion and
    themes; the teammates' codes on the same note stay theirs."""

    warns_unsaved = True

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        who = participant()
        self.coder = w.Text(
            value=who.name,
            description=_("Coder"),
            placeholder=_("your name"),
            disabled=bool(who.name),
            continuous_update=False,  # the list follows the name once it is typed
        )
        self.progress = w.HTML()
        self.filter = w.ToggleButtons(options=[(_(f), f) for f in FILTERS], value=FILTERS[0])
        self.notes = w.Select(rows=10, layout=w.Layout(width="100%"))
        self.heading = w.HTML()
        self.passages = w.VBox()
        self.kinds: dict[NoteTag, w.Checkbox] = {
            kind: w.Checkbox(
                description=label(kind), value=False, indent=False, layout=w.Layout(width="auto")
            )
            for kind in KINDS
        }
        self.stage = w.Dropdown(description=_("Stage"))
        self.touchpoints = w.TagsInput(allow_duplicates=False)
        self.emotion = w.Dropdown(
            options=[("—", None)] + [(format_number(e), e) for e in EMOTIONS],
            description=_("Emotion"),
        )
        self.themes = w.TagsInput(allow_duplicates=False)
        self.theme_entry = w.Combobox(
            placeholder=_("a theme: type, or pick an earlier one, then Enter"),
            ensure_option=False,
            continuous_update=False,
        )
        self.theme_entry.observe(lambda _c: self.add_theme(), "value")
        self.model = CodingModel(store, team, who.name)
        self.save_button = button(
            key_hint(_("Save code"), KEYS["save"]),
            self.save_code,
            button_style="primary",
            icon="save",
            fits_text=True,
        )
        self.next_button = button(
            key_hint(_("Save and next"), KEYS["next"]),
            self.save_and_next,
            icon="forward",
            fits_text=True,
        )
        self.previous_button = button(
            key_hint(_("Previous"), KEYS["previous"]),
            lambda: self.move(-1),
            icon="backward",
            fits_text=True,
        )
        for name, key in KEYS.items():
            getattr(self, f"{name}_button").add_class(f"jk-key-{key}")
        self.comments_button = button("", self.take_comments, icon="comments", fits_text=True)
        self.others = w.HTML()
        self.agreement = w.HTML()
        self.boxes: list[w.Checkbox] = []
        self.fields = w.VBox(
            [
                paragraph(
                    _("Tick the sentences to keep as the quote (none ticked: the whole note).")
                ),
                self.passages,
                w.HBox([w.HTML(str(parts().bold(_("Kind")))), *self.kinds.values()]),
                w.HBox([self.stage, self.emotion]),
                w.HTML(str(parts().bold(_("Touchpoints")))),
                self.touchpoints,
                w.HTML(str(parts().bold(_("Themes")))),
                self.themes,
                self.theme_entry,
                w.HBox([self.save_button, self.next_button, self.previous_button]),
                self.others,
            ],
            layout=w.Layout(width="100%"),
        )
        self.form = w.VBox([self.heading, self.fields], layout=w.Layout(width="100%"))
        self.children = [
            heading(_("Code the notes")),
            w.HBox([self.coder, self.filter]),
            self.comments_button,
            self.progress,
            self.notes,
            self.form,
            self.status,
            heading(_("Agreement between coders")),
            self.agreement,
        ]
        self.add_class("jk-coding")
        for choice in (self.coder, self.filter, self.notes):
            picker(choice)  # what to show, not typing to keep
        self.bind(self.model)
        self.refresh()

    def bind(self, model: CodingModel) -> None:
        """Link the board's pickers and code controls to `model`; redraw when it loads."""
        self.use(model)
        self.model: CodingModel = model
        self.filter.observe(lambda c: model.show(every=c["new"] == FILTERS[1]), "value")
        self.coder.observe(lambda c: model.show(coder=c["new"]), "value")
        self.notes.observe(lambda c: self._synced(model.pick, c["new"]), "value")
        for toggle in self.kinds.values():
            toggle.observe(lambda _c: self._synced(self._typed_kinds), "value")
        self.stage.observe(lambda c: self._synced(model.set, "stage", c["new"]), "value")
        self.emotion.observe(lambda c: self._synced(model.set, "emotion", c["new"]), "value")
        self.touchpoints.observe(
            lambda c: self._synced(model.set, "touchpoints", self._touchpoint_ids(c["new"])),
            "value",
        )
        self.themes.observe(lambda c: self._synced(model.set, "themes", list(c["new"])), "value")
        model.observe(lambda _c: self.show_model(), "loaded")

    def _typed_kinds(self) -> None:
        self.model.set("tags", [k for k, toggle in self.kinds.items() if toggle.value])

    def _typed_sentences(self) -> None:
        self.model.set("chosen", [k for k, box in enumerate(self.boxes) if box.value])

    def _touchpoint_ids(self, names: list[str]) -> list[str]:
        ids = {name: tp for tp, name in self.model.workspace.touchpoint_names().items()}
        return [ids[name] for name in names if name in ids]

    # ----- reading -------------------------------------------------------------------------

    def note(self) -> InterviewNote | None:
        return self.model.note

    @property
    def workspace(self) -> Workspace:
        return self.model.workspace

    def show_model(self) -> None:
        """The list, the note in hand with this coder's codes, progress and agreement."""
        model = self.model
        workspace = model.workspace
        note = model.note
        values = model.values
        names = workspace.names()
        with self.showing():
            self.stage.options = [("—", None)] + [
                (name, stage) for stage, name in workspace.stage_names().items()
            ]
            self.touchpoints.allowed_tags = sorted(workspace.touchpoint_names().values())
            self.theme_entry.options = model.earlier_themes()
            self.notes.options = model.notes
            self.notes.value = model.picked or None
            ticked = set(values["chosen"])
            self.boxes = [
                w.Checkbox(value=k in ticked, indent=False, layout=w.Layout(width="2.2em"))
                for k in range(len(model.sentences()))
            ]
            for box in self.boxes:
                box.observe(lambda _c: self._synced(self._typed_sentences), "value")
            for kind, toggle in self.kinds.items():
                toggle.value = kind in values["tags"]
            self.stage.value = values["stage"]
            self.touchpoints.value = [names.get(t, t) for t in values["touchpoints"]]
            self.emotion.value = values["emotion"]
            self.themes.value = list(values["themes"])
        self.fields.layout.display = "flex" if note else "none"
        if note is None:
            self.heading.value = empty_note(model.empty())
            self.passages.children = ()
        else:
            self.heading.value = str(
                parts().note_head(note.interviewee, model.when(), _("Key words"), model.key_words())
            )
            self.passages.children = [
                w.HBox([box, w.HTML(str(parts().bidi(part)))])
                for box, part in zip(self.boxes, model.sentences(), strict=True)
            ]
        self.others.value = str(parts().others(_("Teammates' codes on this note:"), model.others()))
        self.agreement.value = agreement_html(workspace)
        self.comments_button.layout.display = None if model.waiting else "none"
        self.comments_button.description = ngettext(
            "Code the survey's comment here too",
            "Code the survey's {count} comments here too",
            model.waiting,
        ).format(count=format_number(model.waiting))
        # last: a page (and a test) that sees the count sees the note it counts
        self.progress.value = str(parts().para(model.said, "jk-progress"))
        track_typing(self)
        settled(self)

    def shown(self, message: str = "") -> None:
        super().shown(message)
        if not self.model.workspace.interviews:
            self.say(
                _("No notes yet: code the survey's comments, add a note above, or import notes.")
                if self.model.waiting
                else _("No notes yet: add one above, or import interview notes."),
                "empty",
            )

    def take_comments(self) -> None:
        self._answer(self.model.take_comments())

    # ----- coding --------------------------------------------------------------------------

    def add_theme(self) -> None:
        if self.theme_entry.value:
            self.model.add_theme(self.theme_entry.value)
            with self.showing():
                self.themes.value = list(self.model.values["themes"])
            self.theme_entry.value = ""

    def save_code(self) -> bool:
        outcome = self.model.save()
        self._answer(outcome)
        return outcome.saved

    def save_and_next(self) -> None:
        """Save, then open the next note to code (the list may have lost the coded one)."""
        self._answer(self.model.save_and_next())

    def move(self, step: int) -> None:
        self.model.move(step)


QUOTES_PER_THEME = 12
"""Quotes a theme's column shows (the rest are counted): a projected board stays readable."""
THEMES_SHOWN = 12
"""Columns the wall shows, the most quoted themes first (a page of hundreds of themes would
take seconds to draw; the rest are counted)."""


class AffinityBoard(ModelView):
    """The team's themes as columns of their quotes, as sticky notes on a wall: move a quote to
    another theme or a new one (a split), rename a theme or merge it into another, and turn a
    theme into an insight with its quotes as evidence."""

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        self.columns = w.HBox(layout=w.Layout(overflow="auto", width="100%"))
        self.children = [
            heading(_("Themes on the wall")),
            paragraph(
                _(
                    "Each column is a theme with its quotes. Type another theme's name (or "
                    "a new one) under a quote to move it; rename a theme, or give it the "
                    "name of another to merge the two; a theme the team agrees on becomes "
                    "an insight."
                )
            ),
            self.columns,
            self.status,
        ]
        self.add_class("jk-affinity")
        self.use(AffinityModel(store, team))
        self.model: AffinityModel
        self.model.observe(lambda _c: self.show_model(), "loaded")
        self.refresh()

    @property
    def workspace(self) -> Workspace:
        return self.model.workspace

    def show_model(self) -> None:
        groups = self.model.groups
        if not groups:
            self.columns.children = [
                w.HTML(
                    empty_note(
                        N_(
                            "No themes yet: give notes themes on the coding board, or accept "
                            "a suggested theme."
                        )
                    )
                )
            ]
        else:
            shown = list(groups.items())[:THEMES_SHOWN]
            columns: list[w.Widget] = [self._column(t, n, list(groups)) for t, n in shown]
            if len(groups) > THEMES_SHOWN:
                more = _("and {count} more themes, with fewer notes").format(
                    count=format_number(len(groups) - THEMES_SHOWN)
                )
                columns.append(w.HTML(str(parts().empty(more))))
            self.columns.children = columns

    def _column(self, theme: str, notes: list[InterviewNote], themes: list[str]) -> w.VBox:
        others = sorted((t for t in themes if t != theme), key=str.casefold)
        count = ngettext("{count} note", "{count} notes", len(notes)).format(
            count=format_number(len(notes))
        )
        rows: list[w.Widget] = [w.HTML(str(parts().theme_head(theme, separator(), count)))]
        for note in notes[:QUOTES_PER_THEME]:
            move = w.Combobox(
                options=others,
                placeholder=_("move to…"),
                ensure_option=False,
                continuous_update=False,
                layout=w.Layout(width="95%"),
            )
            move.observe(lambda change, n=note.id: self.move(theme, change["new"], [n]), "value")
            rows.append(
                w.VBox(
                    [
                        w.HTML(str(parts().quote(note.said, note.interviewee))),
                        move,
                    ]
                )
            )
        if len(notes) > QUOTES_PER_THEME:
            more = _("and {count} more").format(count=format_number(len(notes) - QUOTES_PER_THEME))
            rows.append(paragraph(more))
        name = w.Text(value=theme, layout=w.Layout(width="95%"))
        rename = button(_("Rename or merge"), lambda: self.move(theme, name.value), fits_text=True)
        kind = w.Dropdown(options=[(label(k), k) for k in KINDS], layout=w.Layout(width="95%"))
        insight = button(
            _("Make it an insight"),
            lambda: self.make_insight(theme, kind.value),
            icon="lightbulb-o",
            button_style="success",
            fits_text=True,
        )
        rows += [name, rename, kind, insight]
        column = w.VBox(rows, layout=w.Layout(min_width="240px", width="240px"))
        column.add_class("jk-card")
        return column

    def move(self, theme: str, to: str, notes: list[str] | None = None) -> None:
        """A quote (or, without `notes`, the whole theme) to theme `to`."""
        self._answer(self.model.move(theme, to, notes))

    def make_insight(self, theme: str, kind: InsightKind) -> None:
        self._answer(self.model.make_insight(theme, kind))
