"""JourneyEditor: pick or start a journey from a stage template, add and edit its steps stage by
stage, and watch the journey map redraw after every saved edit."""

from __future__ import annotations

import altair as alt
import ipywidgets as w
from pydantic import ValidationError

from journeykit.charts import map_of
from journeykit.charts.journey import PICKS
from journeykit.i18n import N_, _, current, persian_digits, sort_key
from journeykit.model import (
    TEMPLATES,
    Insight,
    Journey,
    Persona,
    Step,
    Touchpoint,
    labelled,
    make_id,
    stages_of,
)
from journeykit.model.lanes import findings_on
from journeykit.store import Store
from journeykit.widgets.base import StoreView, button, drawn_chart, lines, parts
from journeykit.widgets.live import picker, settled

NEW_JOURNEY = N_("+ New journey")
NEW_STEP = N_("+ New step")
FOLLOWS = N_("A journey follows one or two personas through the stages.")


class JourneyEditor(StoreView):
    """Steps per stage and touchpoint with action, thoughts, emotion, pain points,
    opportunities and the moment-of-truth flag; the live map below."""

    warns_unsaved = True

    def __init__(self, store: Store, team: str, kind: str | None = None) -> None:
        """`kind` ("as-is" or "to-be"): open on the team's first journey of that kind, or on a
        new one of that kind when there is none (step 7 starts the to-be journey)."""
        super().__init__(store, team)
        self.kind = kind
        self.journeys: dict[str, tuple[Journey, int]] = {}
        self.touchpoints: dict[str, str] = {}
        self.personas: dict[str, str] = {}
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
        self._reloading = False
        self._drawn: tuple = ()
        for chooser in (self.choice, self.stage, self.step):
            picker(chooser)
        self.choice.observe(lambda _c: None if self._reloading else self.show_journey(), "value")
        self.stage.observe(lambda _c: self.list_steps(), "value")
        self.step.observe(lambda _c: self.load_step(), "value")
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

    # ----- reading -------------------------------------------------------------------------

    @property
    def journey(self) -> Journey | None:
        return self.journeys.get(self.choice.value, (None, 0))[0]

    def refresh(self, message: str = "") -> None:
        current = self.choice.value
        self.journeys = {
            s.item.id: (s.item, s.revision) for s in self.store.items(self.team, Journey)
        }
        self.touchpoints = {s.item.id: s.item.name for s in self.store.items(self.team, Touchpoint)}
        personas = self.store.items(self.team, Persona)
        self.personas = {p.item.id: p.item.name for p in personas}
        self.insights = [s.item for s in self.store.items(self.team, Insight)]
        chosen = self.new_personas.value
        self.new_personas.options = [(p.item.name, p.item.id) for p in personas]
        ids = [p.item.id for p in personas]
        kept = tuple(i for i in chosen if i in ids)
        self.new_personas.value = kept or tuple(ids[:1])  # the team's first persona, picked
        by_name = sorted(self.touchpoints.items(), key=lambda kv: sort_key(kv[1]))
        kept = self.touchpoint.value
        self.touchpoint.options = [(n, t) for t, n in by_name]
        self.touchpoint.value = tuple(t for t in kept if t in self.touchpoints)
        if current not in self.journeys:
            wanted = [jid for jid, (j, _r) in self.journeys.items() if j.kind == self.kind]
            first = wanted if self.kind else list(self.journeys)
            current = first[0] if first else NEW_JOURNEY
        self._reloading = True  # new options move the value: draw once, below
        try:
            self.choice.options = [(j.name, jid) for jid, (j, _r) in self.journeys.items()] + [
                (_(NEW_JOURNEY), NEW_JOURNEY)
            ]
            self.choice.value = current
        finally:
            self._reloading = False
        self.show_journey()
        super().refresh(message)

    def show_journey(self) -> None:
        journey = self.journey
        self.new_box.layout.display = "none" if journey else "flex"
        self.step_box.layout.display = "flex" if journey else "none"
        self.journey_box.layout.display = "flex" if journey else "none"
        if journey is None:
            self.chart_box.children = ()
            return
        self.journey_name.value = journey.name
        self.copy_button.layout.display = "flex" if journey.kind == "as-is" else "none"
        stage = self.stage.value
        self.stage.options = [(s.name, s.id) for s in journey.stages]
        self.stage.value = stage if stage in journey.stage_ids() else journey.stages[0].id
        self.list_steps()
        self.redraw()

    def list_steps(self) -> None:
        journey = self.journey
        if journey is None:
            return
        current = self.step.value
        here = [s for s in journey.steps if s.stage == self.stage.value]
        self.step.options = [(s.action[:60], s.id) for s in here] + [(_(NEW_STEP), NEW_STEP)]
        ids = [s.id for s in here]
        self.step.value = current if current in ids else NEW_STEP
        self.load_step()

    def load_step(self) -> None:
        journey = self.journey
        step = (
            next((s for s in journey.steps if s.id == self.step.value), None) if journey else None
        )
        known = set(self.touchpoints)
        self.touchpoint.value = tuple(t for t in step.touchpoints if t in known) if step else ()
        self.action.value = step.action if step else ""
        self.thoughts.value = step.thoughts if step else ""
        self.emotion.value = step.emotion if step else 0
        self.pain_points.value = "\n".join(step.pain_points) if step else ""
        self.opportunities.value = "\n".join(step.opportunities) if step else ""
        self.moment.value = step.moment_of_truth if step else False
        self.delete_button.disabled = step is None
        self.save_button.description = _("Save step") if step else _("Add step")
        here = [s.id for s in journey.steps if s.stage == self.stage.value] if journey else []
        place = here.index(step.id) if step else -1
        self.up_button.disabled = place <= 0
        self.down_button.disabled = place < 0 or place == len(here) - 1

    def spec(self) -> alt.TopLevelMixin:
        """The journey map chart of the chosen journey (what the view shows)."""
        assert self.journey is not None
        journeys = [j for j, _r in self.journeys.values()]
        return map_of(self.journey, journeys, self.touchpoints, self.personas, self.insights)

    def redraw(self) -> None:
        """Draw the map again, unless nothing it shows changed (a page redraws after every
        save, a new touchpoint say, and a map costs a quarter second of CPU to build); a map
        a teammate's page has drawn already is taken from there (`drawn_chart`)."""
        if self.journey is None:
            return
        journeys = [j for j, _r in self.journeys.values()]
        named = {
            t: n
            for t, n in self.touchpoints.items()
            if any(t in s.touchpoints for j in journeys for s in j.steps)
        }
        found = findings_on(self.journey, self.insights)
        drawn = (
            self.choice.value,
            tuple((jid, r) for jid, (_j, r) in self.journeys.items()),
            tuple(named.items()),
            tuple(self.personas.items()),
            tuple(i.model_dump_json() for i in found),
            current(),
        )
        if self.chart is not None and drawn == self._drawn:
            self.chart_box.children = (self.chart,)
            return
        self._drawn = drawn
        shows = (
            "journey map",
            self.journey.model_dump(mode="json"),
            [j.model_dump(mode="json") for j in journeys],
            named,
            self.personas,
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

    def open_step(
        self,
        stage_id: str,
        step: str | None = None,
        journey_id: str | None = None,
        **_fields: object,
    ) -> None:
        if journey_id and journey_id != self.choice.value and journey_id in self.journeys:
            self.choice.value = journey_id
        journey = self.journey
        if journey is None or stage_id not in journey.stage_ids():
            return
        self.stage.value = stage_id
        here = [s.id for s in journey.steps if s.stage == stage_id]
        wanted = step if step in here else (here[0] if here else NEW_STEP)
        self.step.value = wanted
        shown = next((s.action for s in journey.steps if s.id == wanted), None)
        self.say(
            _("Opened the step '{action}' in the form above.").format(action=shown)
            if shown
            else _("No step on this stage yet: fill in the form above and press Add step.")
        )

    # ----- editing -------------------------------------------------------------------------

    def create(self) -> None:
        if not self.new_personas.value:
            self.say(
                _(
                    "Not saved: pick the persona this journey follows (one or two). The team "
                    "has none yet: build one on step 1 first."
                )
                if not self.new_personas.options
                else _("Not saved: pick the persona this journey follows (one or two)."),
                "error",
            )
            return
        try:
            journey = Journey(
                id=make_id(self.new_name.value, taken=set(self.journeys)),
                name=self.new_name.value,
                personas=list(self.new_personas.value),
                kind=self.new_kind.value,
                template=self.new_template.value,
                stages=stages_of(self.new_template.value),
            )
        except ValidationError as err:
            self.fail(err)
            return
        if self.save(journey, None):
            self.choice.value = journey.id

    def form_step(self, journey: Journey) -> Step:
        chosen = self.step.value
        step_id = (
            chosen
            if chosen != NEW_STEP
            else make_id(self.stage.value, self.action.value, taken=set(journey.step_ids()))
        )
        return Step(
            id=step_id,
            stage=self.stage.value,
            touchpoints=list(self.touchpoint.value),
            action=self.action.value,
            thoughts=self.thoughts.value,
            emotion=self.emotion.value,
            pain_points=lines(self.pain_points.value),
            opportunities=lines(self.opportunities.value),
            moment_of_truth=self.moment.value,
        )

    def submit(self) -> None:
        if self.journey is None:
            return
        journey, revision = self.journeys[self.choice.value]
        try:
            step = self.form_step(journey)
            steps = [step if s.id == step.id else s for s in journey.steps]
            if step.id not in journey.step_ids():
                steps.append(step)
            edited = journey.model_copy(update={"steps": steps})
            edited = Journey.model_validate(edited.model_dump())
        except ValidationError as err:
            self.fail(err)
            return
        if self.save(edited, revision, journey):
            self.step.value = step.id

    def start_new_step(self) -> None:
        """Empty the step form for a new step on the stage shown."""
        if self.step.value == NEW_STEP:
            self.load_step()
        else:
            self.step.value = NEW_STEP
        settled(self)
        self.say(_("A new step on this stage: fill it in and press Add step."))

    def move(self, by: int) -> None:
        """Move the step shown before or after its neighbour on the same stage (the map and
        the report draw steps in this order)."""
        if self.journey is None or self.step.value == NEW_STEP:
            return
        journey, revision = self.journeys[self.choice.value]
        steps = list(journey.steps)
        here = [i for i, s in enumerate(steps) if s.stage == self.stage.value]
        place = next(k for k, i in enumerate(here) if steps[i].id == self.step.value)
        if not 0 <= place + by < len(here):
            return
        a, b = here[place], here[place + by]
        steps[a], steps[b] = steps[b], steps[a]
        self.save(journey.model_copy(update={"steps": steps}), revision, journey)

    def rename(self) -> None:
        if self.journey is None:
            return
        journey, revision = self.journeys[self.choice.value]
        try:
            renamed = Journey.model_validate(
                journey.model_dump() | {"name": self.journey_name.value}
            )
        except ValidationError as err:
            self.fail(err)
            return
        self.save(renamed, revision, journey)

    def copy_as_to_be(self) -> None:
        """A to-be journey to edit, copied from the as-is one: same personas, stages, steps,
        lanes and emotions, so nothing is retyped."""
        if self.journey is None:
            return
        journey = self.journey
        name = _("{name} (to-be)").format(name=journey.name)
        copy = journey.model_copy(
            update={"id": make_id(name, taken=set(self.journeys)), "name": name, "kind": "to-be"}
        )
        if self.save(copy, None):
            self.choice.value = copy.id
            self.say(
                _(
                    "Saved journey '{name}': a copy of '{source}' to change into the journey as it "
                    "should be."
                ).format(name=name, source=journey.name)
            )

    def remove_journey(self) -> None:
        """Remove the journey picked (refused while an insight points to it; Undo brings it
        back)."""
        if self.journey is None:
            return
        journey, revision = self.journeys[self.choice.value]
        self.remove(journey, revision)

    def delete(self) -> None:
        if self.journey is None or self.step.value == NEW_STEP:
            return
        journey, revision = self.journeys[self.choice.value]
        edited = journey.model_copy(
            update={"steps": [s for s in journey.steps if s.id != self.step.value]}
        )
        self.save(edited, revision, journey)
