"""JourneyEditor: pick or start a journey from a stage template, add and edit its steps stage by
stage, and watch the journey map redraw after every saved edit. Its state and rules are a
`journeykit.editing.JourneyForm`; this view builds the controls, links them, and draws."""

from __future__ import annotations

from typing import Any

import altair as alt
import ipywidgets as w

from journeykit.charts import map_of
from journeykit.charts.journey import PICKS
from journeykit.editing import NEW_JOURNEY, NEW_STEP, JourneyForm
from journeykit.i18n import N_, _, current, persian_digits
from journeykit.model import TEMPLATES, Journey, labelled
from journeykit.model.lanes import findings_on
from journeykit.store import Store
from journeykit.widgets.base import ModelView, button, drawn_chart, parts, shown, typed
from journeykit.widgets.live import picker, settled

__all__ = ["NEW_JOURNEY", "NEW_STEP", "JourneyEditor"]
FOLLOWS = N_("A journey follows one or two personas through the stages.")


class JourneyEditor(ModelView):
    """Steps per stage and touchpoint with action, thoughts, emotion, pain points,
    opportunities and the moment-of-truth flag; the live map below."""

    warns_unsaved = True

    def __init__(self, store: Store, team: str, kind: str | None = None) -> None:
        """`kind` ("as-is" or "to-be"): open on the team's first journey of that kind, or on a
        new one of that kind when there is none (step 7 starts the to-be journey)."""
        super().__init__(store, team)
        self.kind = kind
        self.choice = w.Dropdown(description=_("Journey"))
        # a new journey
        self.new_name = w.Text(
            description=_("Name"), placeholder=_("First purchase, as it is today")
        )
        self.new_personas = w.SelectMultiple(description=_("Personas"), rows=3)
        self.new_template = w.Dropdown(
            description=_("Stages"), options=[(_(t.name), t.id) for t in TEMPLATES.values()]
        )
        self.new_kind = w.ToggleButtons(
            options=labelled(["as-is", "to-be"]), value=kind or "as-is", description=_("Kind")
        )
        self.create_button = button(_("Create journey"), self.create, button_style="primary")
        self.new_box = w.VBox(
            layout=w.Layout(),
            children=[
                w.HTML(str(parts().bold(_(FOLLOWS)))),
                self.new_name,
                self.new_personas,
                self.new_template,
                self.new_kind,
                self.create_button,
            ],
        )
        # the journey picked
        self.journey_name = w.Text(description=_("Journey name"))
        self.rename_button = button(_("Rename"), self.rename, icon="pencil")
        self.copy_button = button(
            _("Start the to-be from this"), self.copy_as_to_be, icon="copy", layout=w.Layout()
        )
        self.remove_journey_button = button(_("Remove journey"), self.remove_journey, icon="trash")
        self.journey_box = w.HBox(
            layout=w.Layout(),
            children=[
                self.journey_name,
                self.rename_button,
                self.copy_button,
                self.remove_journey_button,
            ],
        )
        # a step
        self.stage = w.Dropdown(description=_("Stage"))
        self.step = w.Dropdown(description=_("Step"))
        self.touchpoint = w.SelectMultiple(description=_("Touchpoints"), rows=4)
        self.action = w.Text(description=_("Action"), placeholder=_("what the customer does"))
        self.thoughts = w.Text(description=_("Thoughts"), placeholder=_("what they think or say"))
        self.emotion = w.IntSlider(value=0, min=-3, max=3, description=_("Emotion"))
        self.pain_points = w.Textarea(description=_("Pain points"), placeholder=_("one per line"))
        self.opportunities = w.Textarea(
            description=_("Opportunities"), placeholder=_("one per line")
        )
        self.moment = w.Checkbox(description=_("Moment of truth"), indent=True)
        self.save_button = button(_("Save step"), self.submit, button_style="primary", icon="save")
        self.new_step_button = button(_("New step"), self.start_new_step, icon="plus")
        self.up_button = button(_("Move up"), lambda: self.move(-1), icon="arrow-up")
        self.down_button = button(_("Move down"), lambda: self.move(1), icon="arrow-down")
        self.delete_button = button(_("Remove step"), self.delete, icon="trash")
        self.fields: dict[str, w.ValueWidget] = {
            "touchpoints": self.touchpoint,
            "action": self.action,
            "thoughts": self.thoughts,
            "emotion": self.emotion,
            "pain_points": self.pain_points,
            "opportunities": self.opportunities,
            "moment_of_truth": self.moment,
        }
        """The step form's controls by the step's field."""
        self.step_box = w.VBox(
            layout=w.Layout(),
            children=[
                self.stage,
                self.step,
                self.touchpoint,
                self.action,
                self.thoughts,
                self.emotion,
                self.pain_points,
                self.opportunities,
                self.moment,
                w.HBox(
                    [
                        self.save_button,
                        self.new_step_button,
                        self.up_button,
                        self.down_button,
                        self.delete_button,
                    ]
                ),
            ],
        )
        self.chart: alt.JupyterChart | None = None
        self.chart_box = w.Box(layout=w.Layout(overflow="auto"))
        self._drawn: tuple = ()
        for chooser in (self.choice, self.stage, self.step):
            picker(chooser)
        self.bind(JourneyForm(store, team, kind))
        self.children = [
            self.choice,
            self.journey_box,
            self.new_box,
            self.step_box,
            self.status,
            self.conflict_box,
            self.toolbar,
            self.chart_box,
        ]
        self.refresh()

    # ----- linking ------------------------------------------------------------------------

    LISTED = frozenset({"pain_points", "opportunities"})
    """Step fields typed one entry per line."""

    def bind(self, model: JourneyForm) -> None:
        """Link the pickers and the step controls to `model`; redraw when it loads."""
        self.use(model)
        self.model: JourneyForm = model
        self.choice.observe(lambda c: self._synced(model.pick, c["new"]), "value")
        self.stage.observe(lambda c: self._synced(model.pick_stage, c["new"]), "value")
        self.step.observe(lambda c: self._synced(model.pick_step, c["new"]), "value")
        for field, control in self.fields.items():
            control.observe(
                lambda c, f=field: self._synced(model.set, f, typed(f in self.LISTED, c["new"])),
                "value",
            )
        self.new_personas.observe(
            lambda c: self._synced(setattr, model, "following", list(c["new"])), "value"
        )
        model.observe(lambda _c: self.show_model(), "loaded")

    @property
    def journey(self) -> Journey | None:
        return self.model.journey

    def show_model(self) -> None:
        """Copy what the model holds to the controls (the person's typing is never in the
        way: the model loads only on a pick, a reload or a save)."""
        model = self.model
        journey = model.journey
        with self.showing():
            self.new_personas.options = [(name, pid) for pid, name in model.personas.items()]
            self.new_personas.value = tuple(model.following)
            self.touchpoint.options = [(name, tid) for tid, name in model.touchpoints.items()]
            self.choice.options = model.choices
            self.choice.value = model.picked
            self.stage.options = model.stages
            self.stage.value = model.stage or None
            self.step.options = model.steps
            self.step.value = model.step
            for field, control in self.fields.items():
                control.value = shown(field in self.LISTED, control, model.values[field])
            if journey is not None:
                self.journey_name.value = journey.name
        self.new_box.layout.display = "none" if journey else "flex"
        self.step_box.layout.display = "flex" if journey else "none"
        self.journey_box.layout.display = "flex" if journey else "none"
        self.copy_button.layout.display = (
            "flex" if journey is not None and journey.kind == "as-is" else "none"
        )
        self.delete_button.disabled = not model.step_saved
        self.save_button.description = _("Save step") if model.step_saved else _("Add step")
        self.up_button.disabled = not model.can_move_up
        self.down_button.disabled = not model.can_move_down
        self.redraw()

    # ----- the map -------------------------------------------------------------------------

    def spec(self) -> alt.TopLevelMixin:
        """The journey map chart of the chosen journey (what the view shows)."""
        model = self.model
        assert model.journey is not None
        journeys = [j for j, _r in model.journeys.values()]
        return map_of(model.journey, journeys, model.touchpoints, model.personas, model.insights)

    def redraw(self) -> None:
        """Draw the map again, unless nothing it shows changed (a page redraws after every
        save, a new touchpoint say, and a map costs a quarter second of CPU to build); a map
        a teammate's page has drawn already is taken from there (`drawn_chart`)."""
        model = self.model
        journey = model.journey
        if journey is None:
            self.chart_box.children = ()
            return
        journeys = [j for j, _r in model.journeys.values()]
        named = {
            t: n
            for t, n in model.touchpoints.items()
            if any(t in s.touchpoints for j in journeys for s in j.steps)
        }
        found = findings_on(journey, model.insights)
        drawn = (
            model.picked,
            tuple((jid, r) for jid, (_j, r) in model.journeys.items()),
            tuple(named.items()),
            tuple(model.personas.items()),
            tuple(i.model_dump_json() for i in found),
            current(),
        )
        if self.chart is not None and drawn == self._drawn:
            self.chart_box.children = (self.chart,)
            return
        self._drawn = drawn
        shows = (
            "journey map",
            journey.model_dump(mode="json"),
            [j.model_dump(mode="json") for j in journeys],
            named,
            dict(model.personas),
            [i.model_dump(mode="json") for i in found],
            persian_digits(),
        )
        first = self.chart is None
        self.chart = drawn_chart(shows, self.spec, into=self.chart)
        if first:
            self.chart.observe(self.picked, "_vl_selections")
        self.chart_box.children = (self.chart,)

    def picked(self, change: dict) -> None:
        """A click on the map: a step of the curve opens that step in the form, a cell of the
        lanes its stage (and the first step there)."""
        for name in PICKS:
            signal = (change["new"].get(name) or {}).get("value") or {}
            points = signal.get("vlPoint", {}).get("or", []) if isinstance(signal, dict) else []
            if points:
                self.open_step(**points[0])
                return

    def open_step(self, stage_id: str, **where: Any) -> None:
        said = self.model.open_step(stage_id, **where)
        if said:
            self.say(said)

    # ----- the buttons ---------------------------------------------------------------------

    def create(self) -> None:
        self._answer(
            self.model.create(
                self.new_name.value,
                list(self.new_personas.value),
                self.new_template.value,
                self.new_kind.value,
            )
        )

    def submit(self) -> None:
        self._answer(self.model.submit())

    def start_new_step(self) -> None:
        """Empty the step form for a new step on the stage shown."""
        self.model.start_new_step()
        settled(self)
        self.say(_("A new step on this stage: fill it in and press Add step."))

    def move(self, by: int) -> None:
        """Move the step shown before or after its neighbour on the same stage."""
        self._answer(self.model.move(by))

    def rename(self) -> None:
        self._answer(self.model.rename(self.journey_name.value))

    def copy_as_to_be(self) -> None:
        self._answer(self.model.copy_as_to_be())

    def remove_journey(self) -> None:
        self._answer(self.model.remove_journey())

    def delete(self) -> None:
        self._answer(self.model.delete_step())
