"""The stage models a team can start a journey from (METHOD.md, section 4)."""

from __future__ import annotations

from dataclasses import dataclass

from journeykit.model.workspace import Stage


@dataclass(frozen=True)
class StageTemplate:
    """A named, ordered list of stages with the article it comes from."""

    id: str
    name: str
    source: str
    stages: tuple[Stage, ...]


def _stages(*rows: tuple[str, str, str]) -> tuple[Stage, ...]:
    return tuple(Stage(id=i, name=n, description=d) for i, n, d in rows)


TEMPLATES: dict[str, StageTemplate] = {
    t.id: t
    for t in (
        StageTemplate(
            "three-stage",
            "Three stages",
            "002",
            _stages(
                ("awareness", "Awareness", "The customer learns the brand exists."),
                ("consideration", "Consideration", "The customer weighs it against others."),
                ("conversion", "Conversion", "The customer buys."),
            ),
        ),
        StageTemplate(
            "five-stage",
            "Five stages",
            "002",
            _stages(
                ("awareness", "Awareness", "The customer learns the brand exists."),
                ("consideration", "Consideration", "The customer weighs it against others."),
                ("purchase", "Purchase", "The customer buys."),
                ("retention", "Retention", "The customer keeps using and buying."),
                ("advocacy", "Advocacy", "The customer recommends the brand to others."),
            ),
        ),
        StageTemplate(
            "b2b-seven",
            "B2B buyer, seven stages",
            "001",
            _stages(
                (
                    "status-quo",
                    "Status quo",
                    "Looks for ways to improve the business, has no idea yet how.",
                ),
                (
                    "motivation",
                    "Motivation",
                    "An opportunity appears (sales drop, complaints rise) and triggers change.",
                ),
                (
                    "research",
                    "Research",
                    "Stakeholders list the market's brands, scope the project and needs: "
                    "a long list.",
                ),
                (
                    "evaluation",
                    "Evaluation",
                    "The short list: meetings and demos; vendors judged on trust, expertise, "
                    "scalability.",
                ),
                (
                    "commitment",
                    "Commitment",
                    "A vendor is chosen, the contract signed, KPIs and launch date set.",
                ),
                (
                    "onboarding",
                    "Onboarding",
                    "The customer wants a fast, smooth launch: training, an account manager.",
                ),
                (
                    "expansion",
                    "Expansion",
                    "Satisfied with results; the vendor follows up and usage grows.",
                ),
            ),
        ),
        StageTemplate(
            "hospitality",
            "Hospitality guest journey",
            "002",
            _stages(
                ("pre-arrival", "Pre-arrival", "Booking and the wait before the stay."),
                ("arrival", "Arrival", "Getting there and checking in."),
                ("stay", "Stay", "The room, the food, the staff, the services."),
                ("departure", "Departure", "Checking out and leaving."),
                ("post-stay", "Post-stay", "Reviews, follow-up and coming back."),
            ),
        ),
    )
}


def template(template_id: str) -> StageTemplate:
    """Look a template up by id; the error lists the ones that exist."""
    try:
        return TEMPLATES[template_id]
    except KeyError:
        known = ", ".join(TEMPLATES)
        raise ValueError(
            f"no stage template {template_id!r}: choose one of {known}, or 'custom'"
        ) from None


def stages_of(template_id: str) -> list[Stage]:
    """Fresh copies of a template's stages, ready to put on a new journey."""
    return [s.model_copy() for s in template(template_id).stages]
