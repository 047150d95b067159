"""What every editor shares: saving to the store at once, plain words on a teammate's conflicting
edit with the choice to load theirs or keep yours, undo of the last changes, and offline charts.

A widget is a thin view: the rules live in the model and the store, so every message a user
sees here comes from there (or from `explain`, which names the field and the fix).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, cast

import altair as alt
import ipywidgets as w

from journeykit.drawn import chart_key, keep, recall
from journeykit.editing import Edited, Editor, Form, Outcome, refusal
from journeykit.i18n import _, current, format_number
from journeykit.settings import CHART_MODULE_ENV
from journeykit.store import Store
from journeykit.templates import macros
from journeykit.widgets.live import acted, picker, settled, track_typing, typing

_OFFLINE = False


def enable_offline_charts() -> None:
    """Chart widgets take their JavaScript from vl-convert's bundle, never from a CDN: from the
    workshop server's copy when there is one (one download per page), else carried by each
    chart (bundling takes seconds, once per kernel: a page calls this before it knows what to
    draw)."""
    global _OFFLINE
    if _OFFLINE:
        return
    served = os.environ.get(CHART_MODULE_ENV)
    if served:
        path = os.environ.get("VOILA_BASE_URL", "/") + served
        alt.JupyterChart._esm = (
            f"const chart = await import(new URL({json.dumps(path)}, window.location.href).href);"
            "\nexport default chart.default;\n"
        )
        alt.JupyterChart._is_offline = True
    else:
        alt.JupyterChart.enable_offline()
    _OFFLINE = True


EMBED = {"actions": False, "renderer": "svg"}
DRAWN = ("spec", "_selection_types", "_vl_selections", "_params")
"""What a chart widget computes from its chart (altair's `_on_change_chart`) and the page shows."""


def offline_chart(chart: alt.TopLevelMixin) -> alt.JupyterChart:
    """A chart widget drawn with no network. Update it by assigning `.chart`; the page redraws
    it in place."""
    enable_offline_charts()
    return alt.JupyterChart(cast(Any, chart), embed_options=EMBED)


def drawn_chart(
    shows: object, build: Callable[[], alt.TopLevelMixin], into: alt.JupyterChart | None = None
) -> alt.JupyterChart:
    """A chart widget (new, or `into` redrawn in place) for the chart `build` makes from
    what `shows` says (JSON-able: everything the chart depends on). Another page of this
    server that drew the same (a teammate's, or this one before a teammate's save) gave what
    it drew to `journeykit.drawn`: then nothing is built or checked again."""
    enable_offline_charts()
    key = chart_key(current(), shows)
    kept = recall(key)
    if kept is None:
        chart = build()
        if into is None:
            into = offline_chart(chart)
        else:
            into.chart = cast(Any, chart)
        keep(key, {name: getattr(into, name) for name in DRAWN})
        return into
    if into is None:
        # not as keyword arguments: altair's constructor would then clear them, as `chart=None`
        into = alt.JupyterChart(cast(Any, None), embed_options=EMBED)
    with into.hold_sync(), into.hold_trait_notifications():
        for name in DRAWN:
            setattr(into, name, kept[name])
    return into


def parts() -> Any:
    """The editors' small HTML pieces (`templates/widget_parts.html.j2`), each autoescaped."""
    return macros("widget_parts.html.j2")


def status_html(message: str, tone: str = "ok") -> str:
    """A status line (tone ok, error, conflict or empty): how every page answers an action."""
    return str(parts().status(message, tone))


def empty_note(message: str) -> str:
    """What a view shows while there is nothing to show yet, and how to get there."""
    return str(parts().empty(_(message)))


def lines(text: str) -> list[str]:
    """A textarea's lines, trimmed, blanks dropped: how lists are typed in every form."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def headers(names: Iterable[str]) -> list[str]:
    """A table's headers in the reader's language (they are marked with `N_`)."""
    return [_(name) for name in names]


def head_html(names: Iterable[str]) -> str:
    """A table's header row in the reader's language (headers are marked with `N_`)."""
    return str(parts().head(headers(names)))


TABLE_ROWS = 100
"""Rows a page's table of items shows: a page stays quick however many a team holds; the
picker above it lists them all."""


def _cell(value: object) -> str:
    """A table cell as text: a number in the page's digits and decimal mark."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def html_table(
    name: str, heads: list[str], rows: list[tuple[str, list[object]]], empty: str
) -> str:
    """A table of items (each row keyed by its id), every cell escaped: names come from users.
    Past `TABLE_ROWS`, the first ones and a line that says how to reach the others."""
    if not rows:
        return empty_note(empty)
    more = ""
    if len(rows) > TABLE_ROWS:
        more = _(
            "The first {shown} of {count} are shown: pick any of them in the list above."
        ).format(shown=format_number(TABLE_ROWS), count=format_number(len(rows)))
    cells = [(key, [_cell(cell) for cell in row]) for key, row in rows[:TABLE_ROWS]]
    return str(parts().table(name, headers(heads), cells, more))


def heading(text: str, level: int = 4) -> w.HTML:
    """A heading inside an editor (`text` in the reader's language already)."""
    return w.HTML(str(parts().heading(level, text)))


def paragraph(text: str, **layout: object) -> w.HTML:
    """A line of explanation inside an editor."""
    return w.HTML(str(parts().para(text)), **layout)


class StoreView(w.VBox):
    """Base of the pages' parts that show a team's work: a status line, Refresh, following a
    teammate's saves without replacing typing, and the conflict prompt."""

    warns_unsaved = False
    """A form whose typing is kept only by a save button: it says so, and the page asks before
    it is left with typing unsaved."""

    def __init__(self, store: Store, team: str) -> None:
        self.store, self.team = store, team
        self.listeners: list[Callable[[], None]] = []
        self.status = w.HTML(layout=w.Layout(min_height="1.8em"))
        self.refresh_button = w.Button(description=_("Refresh"), icon="refresh")
        self.refresh_button.on_click(
            lambda _b: self.refresh(_("Reloaded {team}.").format(team=self.team))
        )
        self.conflict_box = w.HBox()
        self.toolbar = w.HBox([self.refresh_button])
        super().__init__()
        self.add_class("jk-editor")

    # ----- what subclasses provide ---------------------------------------------------------

    def refresh(self, message: str = "") -> None:
        """Read the team's items again and redraw (subclasses redraw their own parts, then
        call this): the form now shows what is saved."""
        track_typing(self)
        settled(self)
        self.say(message)

    def follow(self) -> None:
        """The team's work changed (a teammate saved, or another part of this page): show it,
        unless the person here is typing, whose work is never replaced under the cursor."""
        if typing(self):
            self.say(
                _(
                    "A teammate saved changes. What you typed here is kept: save it, or press "
                    "Refresh to see theirs (your unsaved typing is then dropped)."
                ),
                "conflict",
            )
            return
        shown = self.status.value
        self.refresh()
        self.status.value = shown

    def typed(self) -> None:
        """The person changed the form and has not saved it: say so once, until it is saved
        (the page also asks before it is left)."""
        self.say(_("Not saved yet: press the save button to keep what you typed."), "conflict")

    def on_change(self, listener: Callable[[], None]) -> None:
        """Call `listener` after this editor changed the store (a page redraws its progress)."""
        self.listeners.append(listener)

    def changed(self) -> None:
        """After every write of this editor: what its form shows is saved (so a later redraw
        may replace it), the dashboard hears the person was active, and the page redraws."""
        settled(self)
        acted()
        for listener in self.listeners:
            listener()

    # ----- messages ------------------------------------------------------------------------

    def say(self, message: str, tone: str = "ok") -> None:
        self.status.value = status_html(message, tone)

    def fail(self, err: Exception, outcome: str = "") -> None:
        """A refused edit in plain words: what is wrong and how to fix it."""
        self.say(refusal(err, outcome), "error")

    def offer_choice(
        self,
        message: str,
        load_theirs: Callable[[], None],
        keep_mine: Callable[[], None],
        keep_allowed: bool = True,
    ) -> None:
        """The conflict prompt every editor shows: the message, "Load theirs" and "Keep
        mine"; either choice clears the prompt before it acts."""
        self.say(message, "conflict")
        theirs = w.Button(description=_("Load theirs"), icon="download", button_style="info")
        keep = w.Button(description=_("Keep mine"), icon="save", button_style="warning")

        def chosen(act: Callable[[], None]) -> Callable[[object], None]:
            def act_now(_button: object) -> None:
                self.conflict_box.children = ()
                act()

            return act_now

        theirs.on_click(chosen(load_theirs))
        keep.on_click(chosen(keep_mine))
        keep.disabled = not keep_allowed
        self.conflict_box.children = (theirs, keep)


class ModelView(StoreView):
    """An editor whose state and rules are a model (`journeykit.editing.Editor`, tested
    without a page): the view builds the controls, passes the person's changes to the model
    and shows what the model holds and what each button came to."""

    model: Editor

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        self.undo_button = w.Button(description=_("Undo"), icon="undo", disabled=True)
        self.undo_button.on_click(lambda _b: self.undo())
        self.toolbar = w.HBox([self.undo_button, self.refresh_button])
        self._syncing = False

    def use(self, model: Editor) -> None:
        """Take `model` as this view's state (its Undo is the model's)."""
        self.model, self.edits = model, model.edits
        self._syncing = False

    def _synced(self, act: Callable[..., object], *args: object) -> None:
        """Pass the person's change to the model (not one the view makes as it shows it)."""
        if not self._syncing:
            act(*args)

    @contextmanager
    def showing(self) -> Iterator[None]:
        """While the view copies the model to its controls: those changes are not typing."""
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = False

    def refresh(self, message: str = "") -> None:
        """Read the team's work again (the model does) and redraw this view's parts."""
        self.model.reload()
        self.shown(message)

    def shown(self, message: str = "") -> None:
        """Redraw what the view shows beside its form (tables, charts) from the model, and the
        status: the model has read the store already."""
        super().refresh(message)

    def undo(self) -> None:
        self._answer(self.model.undo())

    def _answer(self, outcome: Outcome | None) -> None:
        """Show what a button came to; the model has read the store again when it saved."""
        self.undo_button.disabled = not self.edits.can_undo
        if outcome is None:
            return
        if outcome.state == "conflict":
            self.offer_choice(
                outcome.message,
                lambda: self._answer(self.model.load_theirs()),
                lambda: self._answer(self.model.keep_mine()),
                keep_allowed=outcome.mine is not None,
            )
            self._detail = outcome.detail
        elif outcome.state == "refused":
            self.say(outcome.message, outcome.tone or "error")
        else:
            self.conflict_box.children = ()
            self.shown(outcome.message)
            self.changed()


class FormView(ModelView, Generic[Edited]):
    """An editor of one kind of item through a picker and a form (personas, touchpoints,
    actions). Its model is a `journeykit.editing.Form`; the view names its controls by the
    item's field (`fields`) and links them to the model: the picker to the model's choices,
    the controls to its values (filled on each load, read back as the person types).

    The form is either a new item ("Add ...") or the picked one ("Save ..."), and says which:
    after a save the form shows the saved item, so typing a new name there renames it; "New"
    empties the form for the next one."""

    warns_unsaved = True
    model: Form[Edited]
    choice: w.Dropdown
    add_label: str
    save_label: str
    fields: dict[str, w.ValueWidget]
    """The form's controls by the field of the item each edits."""
    listed: frozenset[str] = frozenset()
    """Fields typed one entry per line (a textarea for a list)."""

    def bind(self, model: Form[Edited]) -> None:
        """Link the picker and the controls to `model` (once, after the controls are built)."""
        self.use(model)
        model.observe(lambda _c: self._show_choices(), "choices")
        model.observe(lambda _c: self.load(), "loaded")
        model.observe(lambda _c: self.show_mode(), "editing")
        self.choice.observe(lambda c: self._synced(model.pick, c["new"]), "value")
        for field, control in self.fields.items():
            control.observe(
                lambda c, f=field: self._synced(model.set, f, typed(f in self.listed, c["new"])),
                "value",
            )

    def _show_choices(self) -> None:
        with self.showing():
            self.choice.options = self.model.choices
            self.choice.value = self.model.picked

    @property
    def stored(self) -> dict[str, tuple[Edited, int]]:
        return self.model.stored

    def load(self) -> None:
        """Show what the model's form holds (after it was filled from the store)."""
        with self.showing():
            if self.choice.value != self.model.picked:
                self.choice.value = self.model.picked
            for field, control in self.fields.items():
                value = self.model.values[field]
                control.value = shown(field in self.listed, control, value)
        self.show_mode()

    def form(self) -> Edited:
        """The item the form describes (raises ValidationError naming the bad field)."""
        return self.model.item()

    def shown(self, message: str = "") -> None:
        self.show_mode()
        super().shown(message)

    def form_buttons(self) -> w.HBox:
        """Save (or Add), New and Remove, labelled for what the form holds."""
        self.save_button = button(
            _(self.add_label), self.submit, button_style="primary", icon="save"
        )
        self.new_button = button(_("New"), self.start_new, icon="plus")
        self.delete_button = button(_("Remove"), self.delete, icon="trash")
        picker(self.choice)
        return w.HBox([self.save_button, self.new_button, self.delete_button])

    def show_mode(self) -> None:
        if not hasattr(self, "save_button"):
            return
        editing = self.model.editing
        self.save_button.description = _(self.save_label if editing else self.add_label)
        self.delete_button.disabled = not editing

    def start_new(self) -> None:
        """Empty the form for a new item (what was typed and not saved is dropped)."""
        self.model.start_new()
        settled(self)
        self.say(
            _("A new one: fill in the form and press {button}.").format(button=_(self.add_label))
        )

    def submit(self) -> None:
        """Save what the form says: a new item, or an edit of the one picked."""
        self._answer(self.model.submit())

    def delete(self) -> None:
        self._answer(self.model.remove())


def shown(listed: bool, control: w.ValueWidget, value: object) -> object:
    """A model's value as its control shows it: a list one entry per line in a textarea, a
    multiple choice as a tuple."""
    if listed:
        return "\n".join(value or ())  # type: ignore[arg-type]
    if isinstance(control, w.SelectMultiple):
        return tuple(value or ())  # type: ignore[arg-type]
    return value


def typed(listed: bool, value: object) -> object:
    """A control's value as the model takes it (the reverse of `shown`)."""
    if listed:
        return lines(str(value))
    return list(value) if isinstance(value, tuple) else value


def button(
    description: str, action: Callable[[], object], fits_text: bool = False, **options: object
) -> w.Button:
    """A button that runs `action` on click (the one way every editor wires its buttons);
    `fits_text`: as wide as its words ("Export all teams (ZIP)" in full), with a layout of its
    own that the page may change (shown, hidden)."""
    if fits_text:
        options["layout"] = w.Layout(width="auto")
    made = w.Button(description=description, **options)
    made.on_click(lambda _b: action())
    return made
