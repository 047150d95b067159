"""The stage models a team can start a journey from (METHOD.md, section 4)."""

from __future__ import annotations

from dataclasses import dataclass

from journeykit.i18n import N_, _
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
            N_("Three stages"),
            "002",
            _stages(
                ("awareness", N_("Awareness"), N_("The customer learns the brand exists.")),
                (
                    "consideration",
                    N_("Consideration"),
                    N_("The customer weighs it against others."),
                ),
                ("conversion", N_("Conversion"), N_("The customer buys.")),
            ),
        ),
        StageTemplate(
            "five-stage",
            N_("Five stages"),
            "002",
            _stages(
                ("awareness", N_("Awareness"), N_("The customer learns the brand exists.")),
                (
                    "consideration",
                    N_("Consideration"),
                    N_("The customer weighs it against others."),
                ),
                ("purchase", N_("Purchase"), N_("The customer buys.")),
                ("retention", N_("Retention"), N_("The customer keeps using and buying.")),
                ("advocacy", N_("Advocacy"), N_("The customer recommends the brand to others.")),
            ),
        ),
        StageTemplate(
            "b2b-seven",
            N_("B2B buyer, seven stages"),
            "001",
            _stages(
                (
                    "status-quo",
                    N_("Status quo"),
                    N_("Looks for ways to improve the business, has no idea yet how."),
                ),
                (
                    "motivation",
                    N_("Motivation"),
                    N_("An opportunity appears (sales drop, complaints rise) and triggers change."),
                ),
                (
                    "research",
                    N_("Research"),
                    N_(
                        "Stakeholders list the market's brands, scope the project and needs: "
                        "a long list."
                    ),
                ),
                (
                    "evaluation",
                    N_("Evaluation"),
                    N_(
                        "The short list: meetings and demos; vendors judged on trust, expertise, "
                        "scalability."
                    ),
                ),
                (
                    "commitment",
                    N_("Commitment"),
                    N_("A vendor is chosen, the contract signed, KPIs and launch date set."),
                ),
                (
                    "onboarding",
                    N_("Onboarding"),
                    N_("The customer wants a fast, smooth launch: training, an account manager."),
                ),
                (
                    "expansion",
                    N_("Expansion"),
                    N_("Satisfied with results; the vendor follows up and usage grows."),
                ),
            ),
        ),
        StageTemplate(
            "hospitality",
            N_("Hospitality guest journey"),
            "002",
            _stages(
                ("pre-arrival", N_("Pre-arrival"), N_("Booking and the wait before the stay.")),
                ("arrival", N_("Arrival"), N_("Getting there and checking in.")),
                ("stay", N_("Stay"), N_("The room, the food, the staff, the services.")),
                ("departure", N_("Departure"), N_("Checking out and leaving.")),
                ("post-stay", N_("Post-stay"), N_("Reviews, follow-up and coming back.")),
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
            _("no stage template {template!r}: choose one of {known}, or 'custom'").format(
                template=template_id, known=known
            )
        ) from None


def stages_of(template_id: str) -> list[Stage]:
    """Fresh copies of a template's stages in the current language, ready to put on a new
    journey (the stage ids stay the same in every language)."""
    return [
        s.model_copy(update={"name": _(s.name), "description": _(s.description)})
        for s in template(template_id).stages
    ]
