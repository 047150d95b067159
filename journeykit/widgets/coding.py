"""Step 3's coding board: the team's notes as a list, the one in hand open, its sentences to
keep as the quote, and the codes (kind, stage, touchpoints, emotion, themes) one teammate gives
it. Each coder's codes are kept apart, so several people code at once, and where two coded the
same notes their agreement is shown per code (Cohen's kappa)."""

from __future__ import annotations

import math

import ipywidgets as w
from babel.lists import format_list

from journeykit.analysis.coding import (
    agreement,
    chosen_sentences,
    code_note,
    coding_of,
    comment_notes,
    comments_off_board,
    passage,
    progress,
    relabel,
    sentences,
    theme_groups,
    theme_insight,
)
from journeykit.analysis.suggest import note_phrases
from journeykit.errors import JourneyKitError
from journeykit.i18n import N_, _, current, format_date, format_number, ngettext, separator
from journeykit.model import (
    NOTE_TAGS,
    Coding,
    Insight,
    InsightKind,
    InterviewNote,
    NoteTag,
    Workspace,
    label,
)
from journeykit.participants import participant
from journeykit.store import Store
from journeykit.widgets.base import (
    StoreView,
    button,
    empty_note,
    headers,
    heading,
    paragraph,
    parts,
)
from journeykit.widgets.live import picker, settled, track_typing

KINDS = NOTE_TAGS
EMOTIONS = (-3, -2, -1, 0, 1, 2, 3)
SHOWN_TEXT = 70
FILTERS = (N_("Not coded by you"), N_("All notes"))
KEYS = {"save": "s", "next": "n", "previous": "p"}
"""Alt + the key runs the button (the page's template listens; the key is the one in that place
on the keyboard, whatever its layout: Alt+S on a Persian or Russian keyboard too)."""


def insight_made(insight: Insight, workspace: Workspace) -> str:
    """What became of a theme made an insight: where the map shows it, or how to place it."""
    stage = workspace.stage_names().get(insight.stage or "")
    if stage:
        return _(
            "{theme} is an insight now, with its quotes as evidence: see it on the map at "
            "{stage} (steps 2 and 5)."
        ).format(theme=insight.title, stage=stage)
    return _(
        "{theme} is an insight now, with its quotes as evidence. Its notes name no stage of the "
        "as-is journey: give it one on step 5 to see it on the map."
    ).format(theme=insight.title)


def key_hint(text: str, key: str) -> str:
    return f"{text} (Alt+{key.upper()})"


def note_line(note: InterviewNote, coder: str) -> str:
    """A note as the list shows it: coded or not (by you), who, and how it starts."""
    mark = "✓✓" if coding_of(note, coder) else ("✓" if note.coded() else "○")
    text = " ".join(note.text.split())
    if len(text) > SHOWN_TEXT:
        text = text[: SHOWN_TEXT - 1] + "…"
    return f"{mark} {note.interviewee}: {text}"


def codes_text(coding: Coding, workspace: Workspace) -> str:
    """One coder's codes in a line: kinds, where, emotion, themes."""
    names = workspace.names()
    parts = [label(t) for t in coding.tags]
    parts += [names.get(x, x) for x in [coding.stage, *coding.touchpoints] if x]
    if coding.emotion is not None:
        parts.append(_("emotion {value}").format(value=format_number(coding.emotion)))
    parts += [f"“{t}”" for t in coding.themes]
    return f"{coding.coder}: " + (format_list(parts, locale=current()) if parts else "—")


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


class CodingBoard(StoreView):
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
        self.filter.observe(lambda _c: self.refresh(), "value")
        self.loading = False
        self.notes.observe(lambda _c: None if self.loading else self.open_note(), "value")
        self.coder.observe(lambda _c: self.refresh(), "value")
        self.refresh()

    # ----- reading -------------------------------------------------------------------------

    def refresh(self, message: str = "") -> None:
        self.workspace = self.store.workspace(self.team)
        self.by_id = {n.id: n for n in self.workspace.interviews}
        coder = self.coder.value.strip()
        coded, total, mine = progress(self.workspace, coder)
        said = _("{coded} of {total} notes coded").format(
            coded=format_number(coded), total=format_number(total)
        )
        if coder:
            said += separator() + _("{count} by you").format(count=format_number(mine))
        shown = [
            n
            for n in self.workspace.interviews
            if self.filter.value == FILTERS[1] or coding_of(n, coder) is None
        ]
        self.stage.options = [("—", None)] + [
            (name, stage) for stage, name in self.workspace.stage_names().items()
        ]
        self.touchpoints.allowed_tags = sorted(self.workspace.touchpoint_names().values())
        earlier = {t for n in self.workspace.interviews for t in n.themes}
        earlier |= {t for n in self.workspace.interviews for c in n.codings for t in c.themes}
        self.theme_entry.options = sorted(earlier, key=str.casefold)
        current = self.notes.value
        ids = [n.id for n in shown]
        self.loading = True  # the list's own change of value opens nothing meanwhile
        try:
            self.notes.options = [(note_line(n, coder), n.id) for n in shown]
            self.notes.value = current if current in ids else (ids[0] if ids else None)
        finally:
            self.loading = False
        self.open_note()
        self.agreement.value = agreement_html(self.workspace)
        commented = self.store.survey_responses(self.team, commented=True)
        waiting = len(comments_off_board(self.workspace, commented))
        self.comments_button.layout.display = None if waiting else "none"
        self.comments_button.description = ngettext(
            "Code the survey's comment here too",
            "Code the survey's {count} comments here too",
            waiting,
        ).format(count=format_number(waiting))
        # last: a page (and a test) that sees the count sees the note it counts
        self.progress.value = str(parts().para(said, "jk-progress"))
        if not self.workspace.interviews:
            self.say(
                _("No notes yet: code the survey's comments, add a note above, or import notes.")
                if waiting
                else _("No notes yet: add one above, or import interview notes."),
                "empty",
            )
        super().refresh(message)

    def note(self) -> InterviewNote | None:
        return self.by_id.get(self.notes.value) if self.notes.value else None

    def open_note(self) -> None:
        """Show the note in hand with this coder's codes (or the note's own) to change."""
        note = self.note()
        self.fields.layout.display = "flex" if note else "none"
        if note is None:
            self.heading.value = empty_note(
                N_("You coded every note: show all notes to look at them again.")
                if self.workspace.interviews
                else N_("No notes yet: add one above, or import interview notes.")
            )
            self.passages.children = ()
            return
        coder = self.coder.value.strip()
        mine = coding_of(note, coder)
        when = f" ({format_date(note.date)})" if note.date else ""
        others = [n.text for n in self.workspace.interviews if n.id != note.id]
        words = note_phrases(note.text, others)
        self.heading.value = str(
            parts().note_head(
                note.interviewee,
                when,
                _("Key words"),
                format_list(words, locale=current()) if words else "",
            )
        )
        ticked = set(chosen_sentences(note.text, mine.quote if mine else note.quote))
        self.boxes = [
            w.Checkbox(value=k in ticked, indent=False, layout=w.Layout(width="2.2em"))
            for k in range(len(sentences(note.text)))
        ]
        self.passages.children = [
            w.HBox([box, w.HTML(str(parts().bidi(part)))])
            for box, part in zip(self.boxes, sentences(note.text), strict=True)
        ]
        names = self.workspace.names()
        for kind, toggle in self.kinds.items():
            toggle.value = kind in (mine.tags if mine else note.tags)
        stage = mine.stage if mine else note.stage
        self.stage.value = stage if stage in self.workspace.stage_names() else None
        touchpoints = mine.touchpoints if mine else [t for t in [note.touchpoint] if t]
        self.touchpoints.value = [names.get(t, t) for t in touchpoints]
        self.emotion.value = mine.emotion if mine else note.emotion
        self.themes.value = list(mine.themes if mine else note.themes)
        others = [codes_text(c, self.workspace) for c in note.codings if c.coder != coder]
        self.others.value = str(parts().others(_("Teammates' codes on this note:"), others))
        track_typing(self)
        settled(self)

    def take_comments(self) -> None:
        """The survey's comments become notes on the board (each once, in one transaction):
        coded, quoted and grouped like an interview's."""
        notes = comment_notes(
            self.workspace, self.store.survey_responses(self.team, commented=True)
        )
        try:
            self.store.save_together(self.team, [], notes)
        except JourneyKitError as err:
            self.refresh()
            self.fail(err)
            return
        self.refresh(
            ngettext(
                "The survey's comment is a note on the board now: code it like an interview's.",
                "The survey's {count} comments are notes on the board now: code them like an "
                "interview's.",
                len(notes),
            ).format(count=format_number(len(notes)))
        )
        self.changed()

    # ----- coding --------------------------------------------------------------------------

    def add_theme(self) -> None:
        theme = " ".join(self.theme_entry.value.split())
        if theme and theme.casefold() not in {t.casefold() for t in self.themes.value}:
            self.themes.value = [*self.themes.value, theme]
        if self.theme_entry.value:
            self.theme_entry.value = ""

    def coding(self, note: InterviewNote) -> Coding:
        """What the form says, as this coder's codes on `note`."""
        ids = {name: tp for tp, name in self.workspace.touchpoint_names().items()}
        chosen = [k for k, box in enumerate(self.boxes) if box.value]
        return Coding(
            coder=self.coder.value,
            quote=passage(note.text, chosen),
            tags=[k for k, toggle in self.kinds.items() if toggle.value],
            stage=self.stage.value,
            touchpoints=[ids[name] for name in self.touchpoints.value if name in ids],
            emotion=self.emotion.value,
            themes=list(self.themes.value),
        )

    def save_code(self) -> bool:
        note = self.note()
        if note is None:
            self.say(_("Pick a note in the list first."), "error")
            return False
        if not self.coder.value.strip():
            self.say(_("Write your name as the coder first: each coder's codes are kept."), "error")
            return False
        try:
            mine = self.coding(note)
            code_note(self.store, self.team, note.id, mine)
        except (JourneyKitError, ValueError) as err:
            self.fail(err)
            return False
        self.refresh(_("Saved your code on the note of {who}.").format(who=note.interviewee))
        self.changed()
        return True

    def save_and_next(self) -> None:
        """Save, then open the next note to code (the list may have lost the coded one)."""
        ids = [value for _text, value in self.notes.options]
        here = ids.index(self.notes.value) if self.notes.value in ids else -1
        after = ids[here + 1] if 0 <= here < len(ids) - 1 else None
        if self.save_code():
            ids = [value for _text, value in self.notes.options]
            if after in ids:
                self.notes.value = after
            elif ids and self.filter.value == FILTERS[1]:
                self.move(1)

    def move(self, step: int) -> None:
        ids = [value for _text, value in self.notes.options]
        if not ids:
            return
        here = ids.index(self.notes.value) if self.notes.value in ids else 0
        self.notes.value = ids[max(0, min(len(ids) - 1, here + step))]


QUOTES_PER_THEME = 12
"""Quotes a theme's column shows (the rest are counted): a projected board stays readable."""
THEMES_SHOWN = 12
"""Columns the wall shows, the most quoted themes first (a page of hundreds of themes would
take seconds to draw; the rest are counted)."""


class AffinityBoard(StoreView):
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
        self.refresh()

    def refresh(self, message: str = "") -> None:
        self.workspace = self.store.workspace(self.team)
        groups = theme_groups(self.workspace)
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
        super().refresh(message)

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
        to = " ".join((to or "").split())
        if not to or to == theme:
            return
        try:
            moved = relabel(self.store, self.team, theme, to, notes)
        except (JourneyKitError, ValueError) as err:
            self.refresh()
            self.fail(err)
            return
        merged = to.casefold() in {t.casefold() for t in theme_groups(self.workspace)}
        if notes is not None:
            said = _("Moved the quote to {theme}.").format(theme=to)
        elif merged:
            said = _("Merged {theme} into {other} ({count} notes).").format(
                theme=theme, other=to, count=format_number(moved)
            )
        else:
            said = _("Renamed {theme} to {other}.").format(theme=theme, other=to)
        self.refresh(said)
        self.changed()

    def make_insight(self, theme: str, kind: InsightKind) -> None:
        if theme.casefold() in {i.title.casefold() for i in self.workspace.insights}:
            self.say(
                _("{theme} is an insight already: see it on step 5.").format(theme=theme), "error"
            )
            return
        try:
            insight = theme_insight(self.workspace, theme, kind)
            self.store.add(self.team, insight)
        except (JourneyKitError, ValueError) as err:
            self.fail(err)
            return
        self.refresh(insight_made(insight, self.workspace))
        self.changed()
