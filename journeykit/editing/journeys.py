"""The journey editor's state and rules, apart from its page: the team's journeys, the one
picked (or a new one), its stage and step in hand, the step form's values, and what creating,
renaming, copying, removing a journey and adding, saving, moving and removing a step come to.

A journey is saved whole at the revision it was read, so a teammate's change to any step of it
meets this one as a conflict (`Editor`), never as a silent overwrite."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from traitlets import Bool, Dict, List, Unicode

from journeykit.editing.edits import Editor, Outcome, blank_value, refusal, unseen
from journeykit.i18n import N_, _, sort_key
from journeykit.model import (
    Insight,
    Journey,
    Persona,
    Step,
    Touchpoint,
    main_of,
    make_id,
    stages_of,
)
from journeykit.store import Store

NEW_JOURNEY = N_("+ New journey")
NEW_STEP = N_("+ New step")
STEP_FIELDS = (
    "touchpoints",
    "action",
    "thoughts",
    "emotion",
    "pain_points",
    "opportunities",
    "moment_of_truth",
)
"""What the step form edits (its stage is the stage in hand)."""


class JourneyForm(Editor):
    """The journey editor's model. A view links its pickers to `choices`/`picked`,
    `stages`/`stage` and `steps`/`step`, its step controls to `values`, and redraws (form,
    buttons, map) when `loaded` changes."""

    choices: List[tuple[str, str]] = List()
    """The journeys to pick, (name, id), then a new one."""
    picked = Unicode()
    """The journey in hand, or NEW_JOURNEY."""
    stages: List[tuple[str, str]] = List()
    """The picked journey's stages, (name, id)."""
    stage = Unicode()
    steps: List[tuple[str, str]] = List()
    """The steps on the stage in hand, (action, id), then a new one."""
    step = Unicode()
    """The step in hand, or NEW_STEP."""
    values = Dict()
    """The step form, by the step's field, as the model takes it (lists as lists)."""
    touchpoints = Dict()
    """The team's touchpoints a step may use: name by id, sorted by name."""
    personas = Dict()
    """The team's personas a journey may follow: name by id."""
    following: List[str] = List()
    """The personas a new journey will follow (the team's first, until the person picks)."""
    step_saved = Bool(False)
    """Whether the step in hand is stored (Save, Remove) or new (Add)."""
    can_move_up = Bool(False)
    can_move_down = Bool(False)

    def __init__(self, store: Store, team: str, kind: str | None = None) -> None:
        """`kind` ("as-is" or "to-be"): open on the team's first journey of that kind, or on a
        new one when there is none (step 7 starts the to-be journey)."""
        super().__init__(store, team)
        self.kind = kind
        self.journeys: dict[str, tuple[Journey, int]] = {}
        self.insights: list[Insight] = []

    # ----- reading ---------------------------------------------------------------------------

    @property
    def journey(self) -> Journey | None:
        found = self.journeys.get(self.picked)
        return found[0] if found else None

    @property
    def step_in_hand(self) -> Step | None:
        journey = self.journey
        if journey is None:
            return None
        return next((s for s in journey.steps if s.id == self.step), None)

    def reload(self, pick: str | None = None) -> None:
        """Read the team's journeys, touchpoints, personas and insights, and show the journey
        in hand (`pick` when given, else the one shown; on first opening, the first of the
        editor's kind), with its stage and step kept where they still exist."""
        store, team = self.store, self.team
        self.journeys = {s.item.id: (s.item, s.revision) for s in store.items(team, Journey)}
        named = [(s.item.id, s.item.name) for s in store.items(team, Touchpoint)]
        self.touchpoints = dict(sorted(named, key=lambda pair: sort_key(pair[1])))
        self.personas = {s.item.id: s.item.name for s in store.items(team, Persona)}
        self.insights = [s.item for s in store.items(team, Insight)]
        kept = [p for p in self.following if p in self.personas]
        self.following = kept or list(self.personas)[:1]
        chosen = pick if pick in self.journeys else self.picked
        if chosen not in self.journeys:  # first opening: the main journey, or one of the kind
            stored = [journey for journey, _r in self.journeys.values()]
            of_kind = [j for j in stored if j.kind == self.kind]
            first = (of_kind[0] if of_kind else None) if self.kind else main_of(stored)
            chosen = first.id if first else NEW_JOURNEY
        with self.hold_trait_notifications():
            self.choices = [
                *((journey.name, jid) for jid, (journey, _r) in self.journeys.items()),
                (_(NEW_JOURNEY), NEW_JOURNEY),
            ]
            self.picked = chosen
        self._show_journey()

    def pick(self, journey_id: str) -> None:
        """Show another journey (or the form for a new one)."""
        if journey_id in self.journeys or journey_id == NEW_JOURNEY:
            self.picked = journey_id
            self._show_journey()

    def pick_stage(self, stage_id: str) -> None:
        journey = self.journey
        if journey is not None and stage_id in journey.stage_ids():
            self.stage = stage_id
            self._list_steps()

    def pick_step(self, step_id: str) -> None:
        if step_id == NEW_STEP or step_id in {s for _a, s in self.steps}:
            self.step = step_id
            self._load_step()

    def start_new_step(self) -> None:
        """Empty the step form for a new step on the stage in hand."""
        self.pick_step(NEW_STEP)

    def open_step(
        self,
        stage_id: str,
        step: str | None = None,
        journey_id: str | None = None,
        **_fields: object,
    ) -> str:
        """A click on the map: the step (or the stage's first step) in the form; what the
        page says of it ("" when the click names nothing here)."""
        if journey_id and journey_id != self.picked and journey_id in self.journeys:
            self.picked = journey_id
            self._show_journey()
        journey = self.journey
        if journey is None or stage_id not in journey.stage_ids():
            return ""
        self.stage = stage_id
        self._list_steps()
        here = [s.id for s in journey.steps if s.stage == stage_id]
        self.pick_step(step if step in here else (here[0] if here else NEW_STEP))
        shown = self.step_in_hand
        if shown is None:
            return _("No step on this stage yet: fill in the form above and press Add step.")
        return _("Opened the step '{action}' in the form above.").format(action=shown.action)

    def _show_journey(self) -> None:
        journey = self.journey
        if journey is None:
            with self.hold_trait_notifications():
                self.stages, self.stage = [], ""
            self._list_steps()
            return
        stages = journey.stage_ids()
        with self.hold_trait_notifications():
            self.stages = [(s.name, s.id) for s in journey.stages]
            self.stage = self.stage if self.stage in stages else stages[0]
        self._list_steps()

    def _list_steps(self) -> None:
        journey = self.journey
        here = [s for s in journey.steps if s.stage == self.stage] if journey else []
        with self.hold_trait_notifications():
            self.steps = [(s.action[:60], s.id) for s in here] + [(_(NEW_STEP), NEW_STEP)]
            self.step = self.step if self.step in {s.id for s in here} else NEW_STEP
        self._load_step()

    def _load_step(self) -> None:
        step = self.step_in_hand
        journey = self.journey
        here = [s.id for s in journey.steps if s.stage == self.stage] if journey else []
        place = here.index(step.id) if step else -1
        with self.hold_trait_notifications():
            self.values = {
                field: self._shown(field, getattr(step, field))
                if step
                else blank_value(Step, field)
                for field in STEP_FIELDS
            }
            self.step_saved = step is not None
            self.can_move_up = place > 0
            self.can_move_down = 0 <= place < len(here) - 1
        self.loaded += 1

    def _shown(self, field: str, value: Any) -> Any:
        if field == "touchpoints":  # only what can still be picked
            return [t for t in value if t in self.touchpoints]
        return list(value) if isinstance(value, list) else value

    def set(self, field: str, value: object) -> None:
        """The person changed one field of the step form."""
        if field not in STEP_FIELDS:
            raise KeyError(field)
        if self.values.get(field) != value:
            self.values = {**self.values, field: value}

    # ----- a journey -------------------------------------------------------------------------

    def create(self, name: str, personas: Sequence[str], template: str, kind: str) -> Outcome:
        """A new journey that follows `personas` through the stages of `template`."""
        if not personas:
            return Outcome(
                "refused",
                _(
                    "Not saved: pick the persona this journey follows (one or two). The team "
                    "has none yet: build one on step 1 first."
                )
                if not self.personas
                else _("Not saved: pick the persona this journey follows (one or two)."),
            )
        try:
            journey = Journey(
                id=make_id(name, taken=set(self.journeys)),
                name=name,
                personas=list(personas),
                kind=kind,  # type: ignore[arg-type]  # validated: a kind the model knows
                template=template,
                stages=stages_of(template),
            )
        except ValueError as err:  # a field the model refuses, or a template it does not know
            return Outcome("refused", refusal(err))
        self.left_out = unseen({"name": name})
        return self.told(self.settle(self.edits.save(journey, None)))

    def rename(self, name: str) -> Outcome | None:
        found = self.journeys.get(self.picked)
        if found is None:
            return None
        journey, revision = found
        try:
            renamed = Journey.model_validate(journey.model_dump() | {"name": name})
        except ValidationError as err:
            return Outcome("refused", refusal(err))
        self.left_out = unseen({"name": name})
        return self.told(self.settle(self.edits.save(renamed, revision, journey)))

    def copy_as_to_be(self) -> Outcome | None:
        """A to-be journey to edit, copied from the as-is one: same personas, stages, steps,
        lanes and emotions, so nothing is retyped."""
        journey = self.journey
        if journey is None:
            return None
        name = _("{name} (to-be)").format(name=journey.name)
        copy = journey.model_copy(
            update={"id": make_id(name, taken=set(self.journeys)), "name": name, "kind": "to-be"}
        )
        self.left_out = False
        outcome = self.settle(self.edits.save(copy, None))
        if not outcome.saved:
            return outcome
        return self.told(
            outcome,
            _(
                "Saved journey '{name}': a copy of '{source}' to change into the journey as it "
                "should be."
            ).format(name=name, source=journey.name),
        )

    def remove_journey(self) -> Outcome | None:
        """Remove the journey in hand (refused while an insight points to it; Undo brings it
        back)."""
        found = self.journeys.get(self.picked)
        if found is None:
            return None
        self.left_out = False
        return self.settle(self.edits.remove(*found))

    # ----- a step ----------------------------------------------------------------------------

    def step_item(self, journey: Journey) -> Step:
        """The step the form describes (raises ValidationError naming the bad field)."""
        step_id = (
            self.step
            if self.step != NEW_STEP
            else make_id(self.stage, str(self.values.get("action", "")), taken=journey.step_ids())
        )
        return Step.model_validate({**self.values, "id": step_id, "stage": self.stage})

    def submit(self) -> Outcome | None:
        """Save the step form into the journey: a new step at the end of its stage, or the
        step in hand changed. The step stays in hand."""
        found = self.journeys.get(self.picked)
        if found is None:
            return None
        journey, revision = found
        try:
            step = self.step_item(journey)
            steps = [step if s.id == step.id else s for s in journey.steps]
            if step.id not in journey.step_ids():
                steps.append(step)
            edited = Journey.model_validate(
                journey.model_copy(update={"steps": steps}).model_dump()
            )
        except ValidationError as err:
            return Outcome("refused", refusal(err))
        self.left_out = unseen(self.values)
        outcome = self.settle(self.edits.save(edited, revision, journey))
        if outcome.saved:
            self.pick_step(step.id)
        return self.told(outcome)

    def move(self, by: int) -> Outcome | None:
        """Move the step in hand before (-1) or after (+1) its neighbour on the same stage (the
        map and the report draw steps in this order)."""
        found = self.journeys.get(self.picked)
        if found is None or self.step == NEW_STEP:
            return None
        journey, revision = found
        steps = list(journey.steps)
        here = [i for i, s in enumerate(steps) if s.stage == self.stage]
        place = next(k for k, i in enumerate(here) if steps[i].id == self.step)
        if not 0 <= place + by < len(here):
            return None
        a, b = here[place], here[place + by]
        steps[a], steps[b] = steps[b], steps[a]
        self.left_out = False
        return self.settle(
            self.edits.save(journey.model_copy(update={"steps": steps}), revision, journey)
        )

    def delete_step(self) -> Outcome | None:
        found = self.journeys.get(self.picked)
        if found is None or self.step == NEW_STEP:
            return None
        journey, revision = found
        edited = journey.model_copy(
            update={"steps": [s for s in journey.steps if s.id != self.step]}
        )
        self.left_out = False
        return self.settle(self.edits.save(edited, revision, journey))
