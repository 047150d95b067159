"""One team's journey work: personas, touchpoints, journeys, evidence, insights and actions.

Only data and the method's rules live here; nothing knows of pandas, widgets or storage, so the
same rules hold in a form, an import and the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal, Self, get_args

from pydantic import Field, field_validator, model_validator

from journeykit.i18n import N_, _, check_language
from journeykit.model.base import (
    CES_SCALE,
    CSAT_SCALE,
    MAX_ITEMS,
    MAX_LINES,
    MAX_NOTES,
    NPS_SCALE,
    Emotion,
    Id,
    Item,
    Name,
    Rating,
    Record,
    Text,
    duplicates,
)

MAX_PERSONAS_PER_JOURNEY = 2
"""The method's rule (METHOD.md section 3): one or two personas per map; more blur it."""

EvidenceLevel = Literal["assumed", "researched", "validated"]
Contact = Literal["direct", "indirect"]
JourneyKind = Literal["as-is", "to-be"]
NoteTag = Literal["pain_point", "need", "delight"]
NOTE_TAGS: tuple[NoteTag, ...] = get_args(NoteTag)
"""What a note can be tagged as, in the order a coder is offered them."""
"""How an interview note is coded."""
InsightKind = Literal["pain_point", "need", "delight", "moment_of_truth"]
"""What an insight is: a coded theme, or a moment of truth (a touchpoint that costs most
loyalty when it goes wrong)."""
ActionStatus = Literal["idea", "planned", "in_progress", "done", "dropped"]
PrivateData = Literal["names", "quotes"]
PRIVATE_DATA: dict[str, str] = {
    "names": N_("names and ids of interviewees, survey respondents and product users"),
    "quotes": N_("customers' own words: interview notes, survey comments and quoted evidence"),
}
"""What a team can keep out of its report, published app and exports."""


class Persona(Item):
    """A fictional customer standing for a real segment, built from research."""

    name: Name
    segment: str = ""
    goals: list[str] = Field(default_factory=list, max_length=MAX_LINES)
    needs: list[str] = Field(default_factory=list, max_length=MAX_LINES)
    frustrations: list[str] = Field(default_factory=list, max_length=MAX_LINES)
    motivations: list[str] = Field(default_factory=list, max_length=MAX_LINES)
    channels: list[str] = Field(
        default_factory=list, max_length=MAX_LINES, description="preferred channels"
    )
    quote: str = ""
    evidence: EvidenceLevel = "assumed"


class Touchpoint(Item):
    """A moment the customer meets the brand, with what the gap analysis needs to know."""

    name: Name
    channel: Name
    digital: bool
    contact: Contact = "direct"
    owner: str = ""
    used_today: bool = True
    should_use: bool = True


class Stage(Record):
    id: Id
    name: Name
    description: str = ""


class Step(Record):
    """One thing the customer does at one stage, through the touchpoints it uses (none, one
    or several: a call that follows an email), and how it feels."""

    id: Id
    stage: Id
    touchpoints: list[Id] = Field(default_factory=list, max_length=MAX_LINES)
    action: Name
    thoughts: str = ""
    emotion: Emotion = 0
    pain_points: list[str] = Field(default_factory=list, max_length=MAX_LINES)
    opportunities: list[str] = Field(default_factory=list, max_length=MAX_LINES)
    moment_of_truth: bool = False
    evidence: list[Id] = Field(
        default_factory=list, max_length=MAX_NOTES, description="ids of interview notes"
    )

    @model_validator(mode="before")
    @classmethod
    def _one_touchpoint_as_before(cls, data: Any) -> Any:
        """A step written with one `touchpoint` (stores and files of earlier versions) reads
        as a step with that one touchpoint."""
        if isinstance(data, dict) and "touchpoint" in data:
            data = dict(data)
            one = data.pop("touchpoint")
            if one and not data.get("touchpoints"):
                data["touchpoints"] = [one]
        return data

    @field_validator("touchpoints")
    @classmethod
    def _each_touchpoint_once(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @property
    def touchpoint(self) -> str | None:
        """The step's first touchpoint (the one a single-touchpoint view shows), or None."""
        return self.touchpoints[0] if self.touchpoints else None


class Journey(Item):
    """A map of one or two personas through ordered stages, as it is or as it should be."""

    name: Name
    personas: list[Id] = Field(min_length=1)
    scenario: str = ""
    expectations: str = ""
    kind: JourneyKind = "as-is"
    template: str = "custom"
    stages: list[Stage] = Field(min_length=1)
    steps: list[Step] = Field(default_factory=list, max_length=MAX_ITEMS)

    @field_validator("personas")
    @classmethod
    def _at_most_two_personas(cls, value: list[str]) -> list[str]:
        if len(value) > MAX_PERSONAS_PER_JOURNEY:
            raise ValueError(
                _(
                    "a journey follows at most {MAX_PERSONAS_PER_JOURNEY} personas, you gave "
                    "{value2}: more blur the map (METHOD.md, rules of thumb). Make a second "
                    "journey for the others"
                ).format(MAX_PERSONAS_PER_JOURNEY=MAX_PERSONAS_PER_JOURNEY, value2=len(value))
            )
        if duplicates(value):
            raise ValueError(
                _("persona {value1!r} is listed twice: list it once").format(
                    value1=duplicates(value)[0]
                )
            )
        return value

    @model_validator(mode="after")
    def _stages_and_steps_agree(self) -> Self:
        for kind, ids in (("stage", [s.id for s in self.stages]), ("step", self.step_ids())):
            if repeated := duplicates(ids):
                raise ValueError(
                    _(
                        "{kind} id {value2!r} is used twice in journey {id!r}: give each one "
                        "its own id"
                    ).format(kind=kind, value2=repeated[0], id=self.id)
                )
        stage_ids = set(self.stage_ids())
        for step in self.steps:
            if step.stage not in stage_ids:
                raise ValueError(
                    _(
                        "step {id!r} is on stage {stage!r}, which journey {id3!r} does not have: "
                        "pick one of {value4}"
                    ).format(
                        id=step.id,
                        stage=step.stage,
                        id3=self.id,
                        value4=", ".join(self.stage_ids()),
                    )
                )
        return self

    def stage_ids(self) -> list[str]:
        return [s.id for s in self.stages]

    def step_ids(self) -> list[str]:
        return [s.id for s in self.steps]


class Coding(Record):
    """One teammate's codes on one note, kept apart from the others' so that two people can
    code the same note at once and their agreement can be measured (Cohen's kappa)."""

    coder: Name
    quote: str = ""
    """The passage of the note kept as a quote ("" when the whole note is the quote)."""
    tags: list[NoteTag] = Field(default_factory=list)
    stage: Id | None = None
    touchpoints: list[Id] = Field(default_factory=list, max_length=MAX_LINES)
    emotion: Emotion | None = None
    themes: list[Text] = Field(default_factory=list, max_length=MAX_LINES)

    @model_validator(mode="after")
    def _codes_something(self) -> Self:
        if not (self.tags or self.stage or self.touchpoints or self.themes) and (
            self.emotion is None
        ):
            raise ValueError(
                _("a code needs at least a kind, a stage, a touchpoint, an emotion or a theme")
            )
        return self


class InterviewNote(Item):
    """What one customer said in an interview, coded for the qualitative validation step.
    Its own fields are the team's code (the last one a teammate saved on the coding board, or
    the import's); `codings` keeps each coder's."""

    interviewee: Name
    date: dt.date | None = None
    persona: Id | None = None
    stage: Id | None = None
    touchpoint: Id | None = None
    text: Text
    tags: list[NoteTag] = Field(default_factory=list)
    emotion: Emotion | None = None
    themes: list[Text] = Field(default_factory=list, max_length=MAX_LINES)
    """The team's own labels for what the note is about, in any language (format 3)."""
    quote: str = ""
    """The passage kept as the note's quote ("" when it is the whole text; format 4)."""
    codings: list[Coding] = Field(default_factory=list, max_length=MAX_LINES)
    """Each coder's codes (format 4): one per coder."""

    @model_validator(mode="after")
    def _quote_from_the_note(self) -> Self:
        for quote in [self.quote, *(c.quote for c in self.codings)]:
            if quote and " ".join(quote.split()) not in " ".join(self.text.split()):
                raise ValueError(
                    _(
                        "the quote {quote!r} is not a passage of the note: select it from the text"
                    ).format(quote=quote[:60])
                )
        coders = [c.coder for c in self.codings]
        if len(set(coders)) < len(coders):
            raise ValueError(_("each coder codes a note once: merge the repeated codes"))
        return self

    @property
    def said(self) -> str:
        """What the note's quote is: the passage kept, else the whole note."""
        return self.quote or self.text

    def coded(self) -> bool:
        """Whether anyone has coded the note (on the board, by a suggestion, or at import)."""
        return bool(self.tags or self.themes or self.stage or self.touchpoint or self.codings)


class SurveyResponse(Record):
    """One answer to a survey about one touchpoint or stage; at least one score is given."""

    id: Id
    respondent: str = ""
    submitted_at: dt.datetime | None = None
    """None when the survey tool exported no dates (then no breakdown over time)."""
    touchpoint: Id | None = None
    stage: Id | None = None
    persona: Id | None = None
    segment: str = ""
    nps: int | None = Field(None, ge=NPS_SCALE[0], le=NPS_SCALE[1])
    csat: int | None = Field(None, ge=CSAT_SCALE[0], le=CSAT_SCALE[1])
    ces: int | None = Field(None, ge=CES_SCALE[0], le=CES_SCALE[1])
    comment: str = ""

    @model_validator(mode="after")
    def _has_a_score(self) -> Self:
        if self.nps is None and self.csat is None and self.ces is None:
            raise ValueError(
                _(
                    "response {id!r} has no score: give at least one of nps (0-10), csat (1-5) "
                    "or ces (1-7)"
                ).format(id=self.id)
            )
        return self


class UsageEvent(Record):
    """One event from product analytics: who did what, when, and through which channel."""

    user_id: Name
    event: Name
    timestamp: dt.datetime
    session_id: str = ""
    stage: Id | None = None
    touchpoint: Id | None = None
    platform: str = ""
    channel: str = ""


class Insight(Item):
    """A pain point, need or delight, where it happens and the evidence that shows it."""

    kind: InsightKind
    title: Name
    description: str = ""
    severity: Rating = 3
    journey: Id | None = None
    stage: Id | None = None
    touchpoint: Id | None = None
    evidence: list[str] = Field(
        default_factory=list, max_length=MAX_NOTES, description="quotes or evidence ids"
    )


class Action(Item):
    """A change the team commits to, tied to the insights it answers (no blind changes)."""

    title: Name
    insights: list[Id] = Field(default_factory=list, max_length=MAX_LINES)
    owner: str = ""
    impact: Rating = 3
    effort: Rating = 3
    due: dt.date | None = None
    status: ActionStatus = "idea"
    kpi: str = ""


def main_of(journeys: Sequence[Journey], drawn: bool = False) -> Journey | None:
    """Which of a team's journeys is its main one, shown first and where findings are placed
    (the one place this is decided): the first as-is journey, else the first; with `drawn`,
    among those with steps, as a map needs them."""
    pool = [j for j in journeys if j.steps] if drawn else list(journeys)
    return next((j for j in pool if j.kind == "as-is"), pool[0] if pool else None)


def journey_problems(
    journey: Journey, persona_ids: set[str], touchpoint_ids: set[str], interview_ids: set[str]
) -> list[str]:
    """What a journey refers to that the workspace lacks, as messages that say the fix."""
    problems = [
        _(
            "journey {id!r} follows persona {p!r}, which does not exist: create the persona "
            "first or pick an existing one"
        ).format(id=journey.id, p=p)
        for p in journey.personas
        if p not in persona_ids
    ]
    for step in journey.steps:
        problems.extend(
            _(
                "step {id!r} of journey {id2!r} uses touchpoint {touchpoint!r}, which is "
                "not in the catalogue: add it to the catalogue first or pick an existing "
                "one"
            ).format(id=step.id, id2=journey.id, touchpoint=t)
            for t in step.touchpoints
            if t not in touchpoint_ids
        )
        problems.extend(
            _(
                "step {id!r} of journey {id2!r} cites interview {e!r}, which does not exist: "
                "import the note or remove the link"
            ).format(id=step.id, id2=journey.id, e=e)
            for e in step.evidence
            if e not in interview_ids
        )
    return problems


def action_problems(action: Action, insight_ids: set[str]) -> list[str]:
    """Insights an action claims to answer that do not exist."""
    return [
        _(
            "action {id!r} answers insight {i!r}, which does not exist: accept the insight "
            "first or remove the link"
        ).format(id=action.id, i=i)
        for i in action.insights
        if i not in insight_ids
    ]


class Workspace(Record):
    """Everything one team builds in a workshop; its rules hold across all its items."""

    id: Id
    name: Name
    company: str = ""
    goals: list[str] = Field(default_factory=list, max_length=MAX_LINES)
    scope: str = ""
    language: str = Field(
        default="", description="the team's language code; blank: the workshop's language"
    )
    private: list[PrivateData] = Field(
        default_factory=lambda: list[PrivateData](["names"]),
        description="what stays inside the workshop (names are private unless the team says)",
    )
    rejected: list[str] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description="ids of findings the team rejected: kept off the board until restored",
    )
    personas: list[Persona] = Field(default_factory=list, max_length=MAX_ITEMS)
    touchpoints: list[Touchpoint] = Field(default_factory=list, max_length=MAX_ITEMS)
    journeys: list[Journey] = Field(default_factory=list, max_length=MAX_ITEMS)
    interviews: list[InterviewNote] = Field(default_factory=list, max_length=MAX_NOTES)
    insights: list[Insight] = Field(default_factory=list, max_length=MAX_ITEMS)
    actions: list[Action] = Field(default_factory=list, max_length=MAX_ITEMS)

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        return value and check_language(value)

    def touchpoint_names(self) -> dict[str, str]:
        return {t.id: t.name for t in self.touchpoints}

    def main_journey(self, drawn: bool = False) -> Journey | None:
        """The journey the team's findings are placed on and its map shows first."""
        return main_of(self.journeys, drawn)

    def stage_names(self) -> dict[str, str]:
        return {s.id: s.name for j in self.journeys for s in j.stages}

    def persona_names(self) -> dict[str, str]:
        return {p.id: p.name for p in self.personas}

    def names(self) -> dict[str, str]:
        """Names by id of touchpoints, stages and personas: what tables show instead of ids."""
        return self.touchpoint_names() | self.stage_names() | self.persona_names()

    @model_validator(mode="after")
    def _references_hold(self) -> Self:
        for kind in ITEM_KINDS:
            if repeated := duplicates(i.id for i in getattr(self, kind)):
                raise ValueError(
                    _("{kind}: id {value2!r} is used twice: give each one its own id").format(
                        kind=kind, value2=repeated[0]
                    )
                )
        personas = {p.id for p in self.personas}
        touchpoints = {t.id for t in self.touchpoints}
        interviews = {n.id for n in self.interviews}
        insights = {i.id for i in self.insights}
        problems = [
            problem
            for j in self.journeys
            for problem in journey_problems(j, personas, touchpoints, interviews)
        ]
        problems += [p for a in self.actions for p in action_problems(a, insights)]
        if problems:
            raise ValueError("; ".join(problems))
        return self


ITEM_KINDS: dict[str, type[Item]] = {
    "personas": Persona,
    "touchpoints": Touchpoint,
    "journeys": Journey,
    "interviews": InterviewNote,
    "insights": Insight,
    "actions": Action,
}
"""The lists a workspace holds, each of items edited one at a time."""
