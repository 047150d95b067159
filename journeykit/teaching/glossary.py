"""The words of the method an exercise relies on, each defined once (from METHOD.md).

A page shows the definitions of the words its tasks use, and the first hint on a wrong answer
points there, so no hint sends a student to material they do not have.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeykit.i18n import N_


@dataclass(frozen=True)
class Term:
    """A word of the method and what it means (both marked for translation)."""

    name: str
    meaning: str


TERMS: dict[str, Term] = {
    "persona": Term(
        N_("Persona"),
        N_(
            "A fictional customer who stands for a large group of real ones, built from "
            "research (interviews, surveys, usage and booking data), not from guesses. A map "
            "follows one or two personas; the first time, the most common one on its "
            "first-time path."
        ),
    ),
    "point-of-view": Term(
        N_("The customer's point of view"),
        N_(
            "A journey map shows what customers do, think and feel, not how the company is "
            "organised. Only real or potential customers (people who bought, or mean to) can "
            "confirm it."
        ),
    ),
    "stage": Term(
        N_("Stage"),
        N_(
            "A phase of the journey, named after what the customer does: for example "
            "awareness, consideration, purchase, retention, advocacy. The case says which "
            "stages its journey has."
        ),
    ),
    "touchpoint": Term(
        N_("Touchpoint"),
        N_(
            "Any moment a customer comes in contact with the company or its brand, before, "
            "during or after buying: a search result, a page, an email, a call, a delivery, a "
            "friend's recommendation. A channel or platform (social media) is where "
            "touchpoints happen, not one itself. Fewer touchpoints used than expected may mean "
            "people leave early."
        ),
    ),
    "contact": Term(
        N_("Direct and indirect contact"),
        N_(
            "Direct contact happens while buying, using and getting service, usually started "
            "by the customer. Indirect contact is unplanned: word of mouth, reviews, news, "
            "advertising."
        ),
    ),
    "pain-point": Term(
        N_("Pain point, need, delight"),
        N_(
            "A pain point is a place on the journey where customers meet difficulty or "
            "dissatisfaction, shown by what they say or do. A need is something they want and "
            "do not get yet; a delight is something that pleased them."
        ),
    ),
    "moment-of-truth": Term(
        N_("Moment of truth"),
        N_(
            "A critical moment where the customer takes an important decision or feels a "
            "strong emotion."
        ),
    ),
    "nps": Term(
        N_("NPS (Net Promoter Score)"),
        N_(
            "On 'how likely are you to recommend us' (0 to 10): the percent of promoters "
            "(9-10) minus the percent of detractors (0-6). Passives (7-8) count in the total "
            "only. It runs from -100 to 100 and is written as a number of points, not a ratio."
        ),
    ),
    "csat": Term(
        N_("CSAT (customer satisfaction)"),
        N_("The percent of answers of 4 or 5 on a 1-5 satisfaction scale."),
    ),
    "drop-off": Term(
        N_("Conversion and drop-off"),
        N_(
            "Conversion from one stage to the next: the people who reach the next stage as a "
            "percent of those in this one. Drop-off is the rest: the share who leave between "
            "the two."
        ),
    ),
    "action-plan": Term(
        N_("Action plan"),
        N_(
            "Every change answers a pain point customers named, has one owner (a role or a "
            "person) and a KPI: a measure with a number, a direction and a time. Quick wins "
            "(high impact, low effort) go first."
        ),
    ),
    "gap": Term(
        N_("As-is, to-be and the gap"),
        N_(
            "The as-is map shows the journey today; the to-be map, the one you design. The "
            "gap between them says what to change: keep and strengthen what moves customers "
            "along the journey, drop what has no effect on it."
        ),
    ),
    "b2b": Term(
        N_("Business to business"),
        N_(
            "When the customer is a company, a good experience is hassle-free rather than "
            "thrilling, and touchpoints are not owned by sales and marketing alone."
        ),
    ),
    "journey-map": Term(
        N_("Customer journey map"),
        N_(
            "A diagram of the stages customers go through with a company, with their "
            "touchpoints, actions, thoughts and emotions. The method is credited to Ron Zemke "
            "and Chip Bell."
        ),
    ),
    "validation": Term(
        N_("Hypothesis and validation"),
        N_(
            "The map the staff draw from what they believe is a hypothesis; it becomes more "
            "when customers confirm it in interviews, surveys and usage data."
        ),
    ),
    "internal-customer": Term(
        N_("Internal and external customer"),
        N_(
            "An internal customer has a relationship with the company and may or may not buy, "
            "such as a partner who delivers the product to the end user; the end user is the "
            "external customer."
        ),
    ),
    "customer-experience": Term(
        N_("Customer experience"),
        N_(
            "The customer's response to any direct or indirect contact with the company: "
            "before buying (an advert, the packaging, the first time they hear of it), while "
            "buying and using, and after."
        ),
    ),
}
