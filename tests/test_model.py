"""The method's rules, enforced by the model with messages that name the field and the fix."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from journeykit.model import (
    EMOTION_MAX,
    TEMPLATES,
    Action,
    Insight,
    InterviewNote,
    Journey,
    Persona,
    Step,
    SurveyResponse,
    Touchpoint,
    UsageEvent,
    Workspace,
    explain,
    stages_of,
    template,
)


def journey(**changes: object) -> Journey:
    fields: dict[str, object] = {
        "id": "asis",
        "name": "As-is",
        "personas": ["buyer"],
        "template": "three-stage",
        "stages": stages_of("three-stage"),
        "steps": [Step(id="s1", stage="awareness", touchpoint="web", action="Sees an ad")],
    }
    fields.update(changes)
    return Journey(**fields)


def workspace(**changes: object) -> Workspace:
    fields: dict[str, object] = {
        "id": "north",
        "name": "Team North",
        "personas": [Persona(id="buyer", name="Buyer"), Persona(id="admin", name="Admin")],
        "touchpoints": [Touchpoint(id="web", name="Website", channel="web", digital=True)],
        "journeys": [journey()],
    }
    fields.update(changes)
    return Workspace(**fields)


def problems(error: pytest.ExceptionInfo[ValidationError], what: str = "") -> str:
    return explain(error.value, what)


def test_a_valid_workspace_keeps_what_it_was_given() -> None:
    w = workspace()
    assert [p.id for p in w.personas] == ["buyer", "admin"]
    assert w.journeys[0].stage_ids() == ["awareness", "consideration", "conversion"]
    assert w.journeys[0].steps[0].emotion == 0


def test_two_personas_are_allowed_and_a_third_is_refused_with_the_reason() -> None:
    assert journey(personas=["buyer", "admin"]).personas == ["buyer", "admin"]
    with pytest.raises(ValidationError) as error:
        journey(personas=["buyer", "admin", "boss"])
    text = problems(error, "journey")
    assert text.startswith("journey: personas:")
    assert "at most 2 personas" in text and "blur the map" in text
    assert "second journey" in text


def test_emotion_outside_its_scale_names_the_step_field_and_value() -> None:
    with pytest.raises(ValidationError) as error:
        journey(steps=[{"id": "s1", "stage": "awareness", "action": "x", "emotion": 5}])
    text = problems(error)
    assert "steps.0.emotion" in text
    assert f"less than or equal to {EMOTION_MAX}" in text
    assert "you gave 5" in text


def test_a_step_on_a_stage_the_journey_lacks_is_refused_with_the_choices() -> None:
    with pytest.raises(ValidationError) as error:
        journey(steps=[Step(id="s1", stage="onboarding", action="Sets up")])
    text = problems(error)
    assert "'onboarding'" in text
    assert "awareness, consideration, conversion" in text


def test_a_step_touchpoint_must_be_in_the_catalogue() -> None:
    with pytest.raises(ValidationError) as error:
        workspace(touchpoints=[])
    text = problems(error)
    assert "touchpoint 'web'" in text and "not in the catalogue" in text


def test_a_step_may_go_through_several_touchpoints_and_reads_the_old_single_one() -> None:
    """A call that follows an email: one step, two touchpoints. Steps stored by an earlier
    version with one `touchpoint` read as a step with that one."""
    old = Step.model_validate({"id": "s", "stage": "awareness", "touchpoint": "web", "action": "A"})
    assert old.touchpoints == ["web"] and old.touchpoint == "web"
    assert "touchpoint" not in old.model_dump() and old.model_dump()["touchpoints"] == ["web"]
    none = Step.model_validate({"id": "s", "stage": "awareness", "touchpoint": None, "action": "A"})
    assert none.touchpoints == [] and none.touchpoint is None
    both = Step(id="s", stage="awareness", touchpoints=["web", "call", "web"], action="Asks")
    assert both.touchpoints == ["web", "call"]
    with pytest.raises(ValidationError) as error:
        workspace(journeys=[journey(steps=[both])])
    assert "touchpoint 'call'" in problems(error) and "touchpoint 'web'" not in problems(error)


def test_a_journey_persona_must_exist() -> None:
    with pytest.raises(ValidationError) as error:
        workspace(journeys=[journey(personas=["ghost"])])
    assert "persona 'ghost', which does not exist" in problems(error)


def test_ids_must_be_unique_within_a_kind_and_a_journey() -> None:
    with pytest.raises(ValidationError) as error:
        workspace(personas=[Persona(id="buyer", name="A"), Persona(id="buyer", name="B")])
    assert "personas: id 'buyer' is used twice" in problems(error)
    with pytest.raises(ValidationError) as error:
        journey(
            steps=[
                Step(id="s1", stage="awareness", action="a"),
                Step(id="s1", stage="conversion", action="b"),
            ]
        )
    assert "step id 's1' is used twice" in problems(error)


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_required_text_must_not_be_blank(blank: str) -> None:
    with pytest.raises(ValidationError) as error:
        Persona(id="p", name=blank)
    assert (
        problems(error, "persona") == "persona: name: must not be blank: write at least a few words"
    )


@pytest.mark.parametrize("bad", ["two words", "", "-starts-with-dash", "a/b", "x" * 65])
def test_ids_with_spaces_or_slashes_are_refused_with_an_example(bad: str) -> None:
    with pytest.raises(ValidationError) as error:
        Touchpoint(id=bad, name="Web", channel="web", digital=True)
    assert "not a usable id" in problems(error) and "team-north" in problems(error)


def test_ids_may_be_written_in_the_participants_script() -> None:
    assert Persona(id="مشتری-۱", name="مشتری").id == "مشتری-۱"
    assert Persona(id="vevő", name="Vevő").name == "Vevő"


def test_unknown_and_missing_fields_say_how_to_fix_them() -> None:
    with pytest.raises(ValidationError) as error:
        Touchpoint(id="web", name="Website", chanel="web", digital=True)
    text = problems(error)
    assert "channel: this field is required" in text
    assert "chanel: this field is not known" in text


def test_an_action_must_answer_insights_that_exist() -> None:
    insight = Insight(id="slow", kind="pain_point", title="Slow setup")
    ok = workspace(insights=[insight], actions=[Action(id="a", title="Fix", insights=["slow"])])
    assert ok.actions[0].insights == ["slow"]
    with pytest.raises(ValidationError) as error:
        workspace(actions=[Action(id="a", title="Fix", insights=["slow"])])
    assert "insight 'slow', which does not exist" in problems(error)


def test_step_evidence_must_point_at_interview_notes() -> None:
    note = InterviewNote(id="n1", interviewee="Customer 1", text="The ad was loud")
    step = Step(id="s1", stage="awareness", action="Sees an ad", evidence=["n1"])
    assert workspace(interviews=[note], journeys=[journey(steps=[step])]).interviews == [note]
    with pytest.raises(ValidationError) as error:
        workspace(journeys=[journey(steps=[step])])
    assert "cites interview 'n1', which does not exist" in problems(error)


def test_a_survey_response_needs_a_score_within_its_scale() -> None:
    at = dt.datetime(2026, 3, 1, 9, 0)
    assert SurveyResponse(id="r1", submitted_at=at, nps=10).nps == 10
    with pytest.raises(ValidationError) as error:
        SurveyResponse(id="r1", submitted_at=at)
    assert "has no score" in problems(error)
    for field, bad in (("nps", 11), ("csat", 0), ("ces", 8)):
        with pytest.raises(ValidationError) as error:
            SurveyResponse(id="r1", submitted_at=at, **{field: bad})
        assert field in problems(error) and f"you gave {bad}" in problems(error)


def test_usage_event_needs_who_what_and_when() -> None:
    event = UsageEvent(user_id="u1", event="signed_up", timestamp="2026-03-01T10:00:00")
    assert event.timestamp == dt.datetime(2026, 3, 1, 10)
    with pytest.raises(ValidationError) as error:
        UsageEvent(user_id=" ", event="signed_up", timestamp="2026-03-01T10:00:00")
    assert "user_id: must not be blank" in problems(error)


def test_the_four_stage_templates_of_the_method() -> None:
    sizes = {t.id: len(t.stages) for t in TEMPLATES.values()}
    assert sizes == {"three-stage": 3, "five-stage": 5, "b2b-seven": 7, "hospitality": 5}
    assert [s.id for s in template("b2b-seven").stages] == [
        "status-quo",
        "motivation",
        "research",
        "evaluation",
        "commitment",
        "onboarding",
        "expansion",
    ]
    with pytest.raises(ValueError, match="choose one of three-stage, five-stage"):
        template("seven-dwarfs")


def test_custom_stages_and_template_copies_are_independent() -> None:
    stages = stages_of("five-stage")
    stages[0].name = "Hearing of us"
    assert template("five-stage").stages[0].name == "Awareness"
    custom = journey(template="custom", stages=[{"id": "browse", "name": "Browse"}], steps=[])
    assert custom.stage_ids() == ["browse"]


def test_the_main_journey_is_the_as_is_one_and_a_drawn_map_needs_steps() -> None:
    to_be = journey(id="tobe", name="To-be", kind="to-be")
    empty = journey(id="blank", name="Blank as-is", steps=[])
    drawn = journey()
    assert workspace(journeys=[to_be, drawn]).main_journey().id == "asis"
    assert workspace(journeys=[to_be, empty, drawn]).main_journey().id == "blank"
    assert workspace(journeys=[to_be, empty, drawn]).main_journey(drawn=True).id == "asis"
    assert workspace(journeys=[to_be]).main_journey(drawn=True).id == "tobe"
    assert workspace(journeys=[empty]).main_journey(drawn=True) is None
    assert workspace(journeys=[]).main_journey() is None
