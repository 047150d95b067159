"""The exercises: one (or more) per workshop step and a concept quiz, drawn from METHOD.md.

Cases use the examples the source articles give (sneakers bought online, the B2B demo that
replaced a free trial, a late parcel, a hotel's guest journey); scores are checked with the
kit's own functions, so an exercise and the workshop compute NPS the same way.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from journeykit.analysis.scores import nps_from_counts
from journeykit.teaching.checks import (
    Exercise,
    Feedback,
    Hint,
    Task,
    choice,
    choices,
    custom,
    match,
    mistake,
    number,
    right,
)

# ----- 1 discovery ----------------------------------------------------------------------------

FIRST_TIMERS = "Freelancers sending their first invoice (most of our sign-ups)"
DISCOVERY = Exercise(
    key="01-discovery",
    step=1,
    title="Set the map's goal and scope",
    case=(
        "Paperleaf sells online invoicing to freelancers. Half of the people who sign up never "
        "send a second invoice. The team wants a journey map to find out why. Before drawing "
        "anything, they must agree whose journey they follow, whose point of view the map "
        "takes, and whom they will ask to check it."
    ),
    tasks=(
        choice(
            "Whose journey should the first map follow?",
            [
                "Every kind of customer at once",
                FIRST_TIMERS,
                "The two agencies that complain the most",
                "Our own sales team",
            ],
            FIRST_TIMERS,
            "a first map follows the most common persona on its first-time path.",
            {
                "Every kind of customer at once": Hint(
                    "too-many-personas",
                    "A map of everyone blurs: focus it on one or two personas. The first time, "
                    "take the most common persona on its first-time path.",
                ),
                "The two agencies that complain the most": Hint(
                    "loud-not-common",
                    "The loudest customers are not the most common ones. Start with the "
                    "persona most of your sign-ups look like.",
                ),
                "Our own sales team": Hint(
                    "staff-not-customer",
                    "The sales team is not the customer: staff give their view in the employee "
                    "workshop (step 2), the map follows a customer.",
                ),
            },
            key="whose",
        ),
        choice(
            "Whose point of view does the map take?",
            [
                "The customer's, step by step as they live it",
                "Our process, department by department",
                "The sales funnel in our CRM",
            ],
            "The customer's, step by step as they live it",
            "a journey cannot be studied from the company's point of view.",
            {
                "Our process, department by department": Hint(
                    "company-view",
                    "That is the company's point of view. Put yourself in the customer's "
                    "shoes: the map shows what they do, think and feel.",
                ),
                "The sales funnel in our CRM": Hint(
                    "funnel-view",
                    "The CRM funnel is how the company counts customers, not how they live the "
                    "journey. Draw it from the customer's side.",
                ),
            },
            key="view",
        ),
        choices(
            "Whom will you interview to check the map? Tick all that apply.",
            [
                "Freelancers who pay for Paperleaf",
                "Freelancers on the free plan who mean to buy",
                "Our support staff",
                "Friends who never send invoices",
            ],
            {
                "Freelancers who pay for Paperleaf",
                "Freelancers on the free plan who mean to buy",
            },
            "talk only to real or potential customers: people who bought, or mean to.",
            wrong={
                "Our support staff": Hint(
                    "staff-as-evidence",
                    "Support staff know a lot, but they are not customers: their view goes "
                    "into the employee workshop (step 2). Validation talks to real or "
                    "potential customers only.",
                ),
                "Friends who never send invoices": Hint(
                    "not-a-customer",
                    "People who will never buy cannot tell you about this journey: talk only "
                    "to people who bought, or mean to.",
                ),
            },
            missing={
                "Freelancers on the free plan who mean to buy": Hint(
                    "potential-left-out",
                    "Potential customers count too: people on the free plan who mean to buy "
                    "can tell you where they stall before paying.",
                ),
                "Freelancers who pay for Paperleaf": Hint(
                    "buyers-left-out",
                    "Ask the people who bought: they have walked the whole journey.",
                ),
            },
            key="interviews",
        ),
    ),
)

# ----- 2 employee workshop: personas and stages ------------------------------------------------

TRAVELLER = "Business traveller (62% of stays)"
FAMILY = "Family on holiday (25%)"
GUEST_STAGES = ("pre-arrival", "arrival", "stay", "departure", "post-stay")


def _guest_stages(lines: list[str]) -> Feedback:
    typed = [line.strip().lower() for line in lines if line.strip()]
    if "post-stay" not in typed and typed[-1:] == ["departure"]:
        return mistake(
            "journey-ends-at-departure",
            "The journey does not end when the guest leaves: add the post-stay stage (the "
            "review, the invoice, the next booking).",
        )
    unknown = [s for s in typed if s not in GUEST_STAGES]
    if unknown:
        return mistake(
            "unknown-stage",
            f"'{unknown[0]}' is not a stage of the guest journey: use pre-arrival, arrival, "
            "stay, departure, post-stay.",
        )
    if typed != list(GUEST_STAGES):
        for place, (got, want) in enumerate(zip(typed, GUEST_STAGES, strict=False), start=1):
            if got != want:
                return mistake(
                    "stage-order",
                    f"Stage {place} should be '{want}', not '{got}': stages follow the "
                    "guest in time.",
                )
        return mistake("stage-missing", f"A stage is missing: there are {len(GUEST_STAGES)}.")
    return right("Right: pre-arrival, arrival, stay, departure, post-stay.")


PERSONAS = Exercise(
    key="02-personas",
    step=2,
    title="One or two personas on a map",
    case=(
        "Lakeside Hotels runs four hotels. Booking data and 30 guest interviews show four "
        "segments: business travellers (62% of stays), families on holiday (25%), wedding "
        "party organisers (8%) and conference planners (5%). The staff workshop starts today."
    ),
    tasks=(
        choices(
            "Pick the personas for the first journey map.",
            [TRAVELLER, FAMILY, "Wedding party organiser (8%)", "Conference planner (5%)"],
            {TRAVELLER},
            "one map, one or two personas; start with the most common one.",
            wrong={
                "Wedding party organiser (8%)": Hint(
                    "rare-persona",
                    "Start with the most common persona: 8% of stays is a later map.",
                ),
                "Conference planner (5%)": Hint(
                    "rare-persona",
                    "Start with the most common persona: 5% of stays is a later map.",
                ),
            },
            missing={
                TRAVELLER: Hint(
                    "common-left-out",
                    "The business traveller makes 62% of stays: the first map follows them.",
                ),
            },
            key="personas",
            at_most=(
                2,
                Hint(
                    "three-personas",
                    "Three or more personas on one map blur it: keep one or two, and give "
                    "the others maps of their own.",
                ),
            ),
        ),
        choice(
            "What is the 'Business traveller' persona built from?",
            [
                "Booking data and the guest interviews",
                "What we in this room believe about them",
                "The general manager's picture of the ideal guest",
            ],
            "Booking data and the guest interviews",
            "a persona is a fictional customer built from research, not guesses.",
            {
                "What we in this room believe about them": Hint(
                    "persona-from-guesses",
                    "Beliefs make a hypothesis, not a persona: build it from research, or mark "
                    "it 'assumed' until interviews back it.",
                ),
                "The general manager's picture of the ideal guest": Hint(
                    "ideal-not-real",
                    "An ideal guest is a wish: a persona stands for a real segment and comes "
                    "from research.",
                ),
            },
            key="evidence",
        ),
        custom(
            "stages",
            "Write the stages of the hotel guest journey in order, one per line.",
            "lines",
            _guest_stages,
        ),
    ),
)

# ----- 2 employee workshop: touchpoints --------------------------------------------------------

CHANNELS = {
    "web",
    "website",
    "online",
    "email",
    "e-mail",
    "phone",
    "social media",
    "store",
    "shop",
    "app",
    "chat",
    "sms",
    "mail",
}
"""Channels: where a touchpoint happens, not the touchpoint itself."""
MIN_TOUCHPOINTS = 4


def _touchpoint_list(lines: list[str]) -> Feedback:
    typed = [line.strip() for line in lines if line.strip()]
    channels = [line for line in typed if line.lower() in CHANNELS]
    if channels:
        return mistake(
            "channel-not-touchpoint",
            f"'{channels[0]}' is a channel, not a touchpoint: name the moment the customer "
            f"meets the brand there, for example 'order confirmation {channels[0].lower()}' "
            "or 'size guide on the product page'.",
        )
    if len({t.lower() for t in typed}) < len(typed):
        return mistake("repeated", "A touchpoint is listed twice: each line names a new one.")
    if len(typed) < MIN_TOUCHPOINTS:
        return mistake(
            "too-few",
            f"{len(typed)} so far: list at least {MIN_TOUCHPOINTS}. Think before, during and "
            "after the purchase (an advert, the search, the delivery, the thank-you note).",
        )
    return right(f"Right: {len(typed)} touchpoints, each a moment the customer meets the shop.")


DIRECT, INDIRECT = "direct contact", "indirect contact"
TOUCHPOINTS = Exercise(
    key="03-touchpoints",
    step=2,
    title="Touchpoints, not channels",
    case=(
        "Ana searches online for running sneakers, compares two shops, buys from one on its "
        "website and wears the shoes the next day. The website was easy, delivery came the "
        "next day and a hand-written thank-you note was in the box. Searching, buying and "
        "wearing are the journey; the easy site, the fast delivery and the note are the "
        "experience."
    ),
    tasks=(
        custom(
            "list",
            "List the touchpoints of Ana's journey, one per line (at least four).",
            "lines",
            _touchpoint_list,
        ),
        match(
            "Is each one direct or indirect contact?",
            [
                "A friend recommends the shop",
                "Paying at the website's checkout",
                "A blog review of the shop",
                "Calling support about a late parcel",
                "An advert on a bus",
            ],
            [DIRECT, INDIRECT],
            {
                "A friend recommends the shop": INDIRECT,
                "Paying at the website's checkout": DIRECT,
                "A blog review of the shop": INDIRECT,
                "Calling support about a late parcel": DIRECT,
                "An advert on a bus": INDIRECT,
            },
            "direct contact happens in purchase, use and service and is started by the "
            "customer; word of mouth, reviews and adverts are indirect.",
            {
                ("A friend recommends the shop", DIRECT): Hint(
                    "word-of-mouth-direct",
                    "Word of mouth is indirect contact: an unplanned encounter with the brand "
                    "that the company does not take part in.",
                ),
                ("An advert on a bus", DIRECT): Hint(
                    "advert-direct",
                    "An advert is indirect contact: the customer did not start it and is not "
                    "buying, using or asking for service.",
                ),
                ("Calling support about a late parcel", INDIRECT): Hint(
                    "service-indirect",
                    "A support call is direct contact: service is one of purchase, use and "
                    "service, and the customer started it.",
                ),
                ("A blog review of the shop", DIRECT): Hint(
                    "review-direct",
                    "A review is indirect contact: it reaches the customer without the company.",
                ),
            },
            key="contact",
        ),
        choice(
            "Is word of mouth a touchpoint?",
            ["Yes", "No"],
            "Yes",
            "any moment a potential customer comes in contact with the brand is a touchpoint, "
            "word of mouth included.",
            {
                "No": Hint(
                    "word-of-mouth-not-touchpoint",
                    "It is one: a touchpoint is any moment someone meets the brand, before, "
                    "during or after buying, including what friends say.",
                )
            },
            key="word-of-mouth",
        ),
    ),
)

# ----- 3 qualitative validation -----------------------------------------------------------------

PAIN, NEED, DELIGHT = "pain point", "need", "delight"
QUOTES = (
    "1. 'I gave up connecting my bank: the page kept timing out.'",
    "2. 'I wish I could send invoices from my phone.'",
    "3. 'The first invoice took me two minutes. Lovely.'",
    "4. 'Support never answered at month end, when I needed them.'",
    "5. 'I need to know when a client has opened my invoice.'",
)


def _evidenced_pains(rows: list[dict[str, str]]) -> Feedback:
    filled = [r for r in rows if r.get("pain point", "").strip()]
    if len(filled) < 2:
        return mistake("too-few", "Write two pain points, each on its own row.")
    for row in filled:
        pain, quote = row["pain point"].strip(), row.get("evidence", "").strip()
        if not quote:
            return mistake(
                "pain-without-evidence",
                f"'{pain}' has no evidence: name the quote (1-5) that shows it. A pain point "
                "nobody said is a guess, not a finding.",
            )
        if quote not in {"1", "4"}:
            what = {"3": "praise (a delight)", "2": "a wish (a need)", "5": "a wish (a need)"}
            return mistake(
                "evidence-not-pain",
                f"Quote {quote} is {what.get(quote, 'not one of the five quotes')}, not a "
                f"difficulty: evidence for '{pain}' must show the customer struggling.",
            )
    if len({r["evidence"].strip() for r in filled}) < len(filled):
        return mistake("same-evidence", "Each pain point needs its own quote as evidence.")
    return right("Right: both pain points rest on what customers said.")


QUALITATIVE = Exercise(
    key="04-interviews",
    step=3,
    title="Code what customers say",
    case=(
        "Paperleaf's team interviewed eight freelancers who signed up last month. Five quotes "
        "from the notes:\n" + "\n".join(QUOTES)
    ),
    tasks=(
        match(
            "Code each quote as a pain point, a need or a delight.",
            QUOTES,
            [PAIN, NEED, DELIGHT],
            dict(zip(QUOTES, [PAIN, NEED, DELIGHT, PAIN, NEED], strict=True)),
            "difficulties are pain points, wishes are needs, praise is a delight.",
            {
                (QUOTES[1], PAIN): Hint(
                    "wish-as-pain",
                    "Quote 2 is a wish, not a difficulty they met: code it as a need.",
                ),
                (QUOTES[2], PAIN): Hint(
                    "delight-as-pain",
                    "Quote 3 is praise: code it as a delight, and keep what works.",
                ),
                (QUOTES[0], NEED): Hint(
                    "pain-as-need",
                    "Quote 1 describes a failure they lived (they gave up): that is a pain point.",
                ),
            },
            key="code",
        ),
        custom(
            "pains",
            "Write two pain points, each with the number of the quote that is its evidence.",
            "rows",
            _evidenced_pains,
            fields=("pain point", "evidence"),
        ),
        choice(
            "Which quote marks a moment of truth?",
            [q.split(".")[0] for q in QUOTES],
            "1",
            "a moment of truth is where the customer takes an important decision or feels a "
            "strong emotion: quote 1 is where they gave up.",
            {
                "3": Hint(
                    "pleasant-not-decisive",
                    "Quote 3 is pleasant, but no decision hangs on it. Look for the moment "
                    "the customer decides to go on or to leave.",
                ),
                "2": Hint(
                    "wish-not-moment",
                    "A wish is a need, not a moment: look for where the customer decides or "
                    "feels strongly.",
                ),
            },
            key="moment",
        ),
    ),
)

# ----- 4 quantitative validation: scores -------------------------------------------------------

RECOMMEND = (2, 1, 3, 2, 4, 5, 8, 15, 20, 25, 15)
"""How many answered 0, 1, ... 10 to 'how likely are you to recommend us?'"""
SATISFACTION = (5, 10, 25, 40, 20)
"""How many answered 1 ... 5 to 'how satisfied are you with the checkout?'"""


def _nps(detractor_top: int = 6, passives: bool = True) -> float:
    counts = np.asarray(RECOMMEND)
    promoters, detractors = counts[9:].sum(), counts[: detractor_top + 1].sum()
    middle = counts[detractor_top + 1 : 9].sum() if passives else 0
    value, _, _ = nps_from_counts(promoters, middle, detractors)
    return round(float(value), 1)


def _csat(lowest_satisfied: int = 4) -> float:
    counts = np.asarray(SATISFACTION)
    return round(float(counts[lowest_satisfied - 1 :].sum() / counts.sum() * 100), 1)


SCORES = Exercise(
    key="05-scores",
    step=4,
    title="Score a touchpoint: NPS and CSAT",
    case=(
        "After the checkout, Paperleaf asked 100 customers two questions. How many gave each "
        "answer:\n- 'How likely are you to recommend us?' (0-10): "
        + ", ".join(f"{score}: {n}" for score, n in enumerate(RECOMMEND))
        + "\n- 'How satisfied are you with the checkout?' (1-5): "
        + ", ".join(f"{score}: {n}" for score, n in enumerate(SATISFACTION, start=1))
    ),
    tasks=(
        choice(
            "Which answers make a detractor?",
            ["0-6", "0-7", "0-4", "0-5"],
            "0-6",
            "detractors answer 0-6, passives 7-8, promoters 9-10.",
            {
                "0-7": Hint(
                    "detractors-0-7",
                    "7 is a passive, not a detractor: detractors answer 0-6, passives 7-8, "
                    "promoters 9-10.",
                ),
                "0-4": Hint(
                    "detractors-too-few",
                    "5 and 6 are detractors too: everyone who answers 0-6.",
                ),
            },
            key="detractors",
        ),
        number(
            "What is the NPS?",
            _nps(),
            f"promoters {sum(RECOMMEND[9:])}% minus detractors {sum(RECOMMEND[:7])}% of all "
            f"{sum(RECOMMEND)} answers, passives included: {_nps():g}.",
            [
                (
                    _nps(detractor_top=7),
                    Hint(
                        "detractors-0-7",
                        "You counted the 7s as detractors: detractors answer 0-6, passives "
                        "7-8. Count again.",
                    ),
                ),
                (
                    _nps(passives=False),
                    Hint(
                        "passives-left-out",
                        "You left the passives (7-8) out of the denominator: NPS divides by "
                        "everyone who answered, passives included.",
                    ),
                ),
                (
                    float(sum(RECOMMEND[9:])),
                    Hint(
                        "promoters-only",
                        "That is the share of promoters: NPS is promoters minus detractors, "
                        "in percent of all answers.",
                    ),
                ),
            ],
            key="nps",
        ),
        number(
            "What is the CSAT of the checkout, in percent?",
            _csat(),
            "CSAT is the share of 4 and 5 answers on the 1-5 scale.",
            [
                (
                    _csat(3),
                    Hint(
                        "csat-counts-3",
                        "3 is neutral, not satisfied: CSAT counts only the 4 and 5 answers.",
                    ),
                ),
                (
                    round(float(np.dot(SATISFACTION, range(1, 6)) / sum(SATISFACTION)), 1),
                    Hint(
                        "csat-as-mean",
                        "That is the mean answer: CSAT is a share, the percent of answers that "
                        "are 4 or 5.",
                    ),
                ),
            ],
            key="csat",
            unit="%",
            tolerance=0.1,
        ),
    ),
)

# ----- 4 quantitative validation: the funnel ---------------------------------------------------

FUNNEL = {
    "awareness": 10_000,
    "consideration": 3_000,
    "purchase": 600,
    "retention": 420,
    "advocacy": 90,
}
STEPS = [f"{a} → {b}" for a, b in pairwise(FUNNEL)]


def _worst_step() -> str:
    counts = list(FUNNEL.values())
    kept = [b / a for a, b in pairwise(counts)]
    return STEPS[int(np.argmin(kept))]


DROP_OFF = Exercise(
    key="06-drop-off",
    step=4,
    title="Where do customers leave?",
    case=(
        "Usage data of Paperleaf's five-stage journey last quarter, people reaching each "
        "stage: " + ", ".join(f"{stage} {n:,}" for stage, n in FUNNEL.items()) + "."
    ),
    tasks=(
        choice(
            "Between which stages is the drop-off worst?",
            STEPS,
            _worst_step(),
            "only 20% of those considering go on to buy: the smallest share kept.",
            {
                STEPS[0]: Hint(
                    "people-not-share",
                    "Most people are lost there in number (7,000), but 30% go on. Compare the "
                    "share who move on at each step, not the head count.",
                ),
                STEPS[3]: Hint(
                    "advocacy-close",
                    "Close: 21% go on from retention to advocacy. One step keeps an even "
                    "smaller share.",
                ),
            },
            key="worst",
        ),
        number(
            "What percent of those in consideration go on to purchase?",
            FUNNEL["purchase"] / FUNNEL["consideration"] * 100,
            "600 of 3,000 is 20%.",
            [
                (
                    FUNNEL["purchase"] / FUNNEL["awareness"] * 100,
                    Hint(
                        "wrong-base",
                        "That is purchase out of awareness: the question starts at "
                        "consideration (3,000).",
                    ),
                ),
                (
                    100 - FUNNEL["purchase"] / FUNNEL["consideration"] * 100,
                    Hint(
                        "lost-not-kept",
                        "That is the share lost: the question asks for those who go on.",
                    ),
                ),
            ],
            key="conversion",
            unit="%",
        ),
        choice(
            "Customers use fewer touchpoints than you expected. What may that mean?",
            [
                "They leave early",
                "The path is too complex",
                "Nothing: fewer touchpoints is always better",
            ],
            "They leave early",
            "fewer touchpoints used than expected may mean people leave early; more may mean "
            "the path is too complex.",
            {
                "The path is too complex": Hint(
                    "more-is-complex",
                    "That is what more touchpoints than expected suggests. Fewer suggests "
                    "people leave before the end.",
                ),
                "Nothing: fewer touchpoints is always better": Hint(
                    "fewer-is-fine",
                    "Fewer than expected is a signal to check: people may be leaving early.",
                ),
            },
            key="fewer",
        ),
    ),
)

# ----- 5 the final map -------------------------------------------------------------------------

MAP_STEPS = (
    "Reads a comparison blog (emotion +1, from 6 interviews)",
    "Starts the free plan (emotion +1, from usage data)",
    "Bank connection times out; decides whether to stay (emotion -2, from 5 interviews)",
    "Invoice template looks dated (emotion -1, no evidence yet)",
    "Gets paid through the invoice link (emotion +2, from survey comments)",
)

FINAL_MAP = Exercise(
    key="07-final-map",
    step=5,
    title="Read the validated map",
    case=(
        "The team's map of a freelancer's first month, each step with its emotion (-2..+2) "
        "and the evidence behind it:\n" + "\n".join(f"- {s}" for s in MAP_STEPS)
    ),
    tasks=(
        choice(
            "Which step is the moment of truth?",
            MAP_STEPS,
            MAP_STEPS[2],
            "the customer decides whether to stay, with the strongest emotion on the map.",
            {
                MAP_STEPS[4]: Hint(
                    "best-not-decisive",
                    "A high point is welcome, but nothing is decided there: the moment of "
                    "truth is where the customer decides or feels strongly enough to leave.",
                ),
                MAP_STEPS[3]: Hint(
                    "mild-not-moment",
                    "A mild dip with no evidence is not a moment of truth: look for the decision.",
                ),
            },
            key="moment",
        ),
        choices(
            "Which steps may the validated map show as pain points? Tick all that apply.",
            MAP_STEPS,
            {MAP_STEPS[2]},
            "a pain point on the final map is one customers named; the dated template has no "
            "evidence yet.",
            wrong={
                MAP_STEPS[3]: Hint(
                    "pain-without-evidence",
                    "The dated template has no evidence yet: it stays a hypothesis to check, "
                    "not a pain point of the validated map.",
                ),
                MAP_STEPS[4]: Hint(
                    "delight-as-pain",
                    "Getting paid is a high point (+2): a delight, not a pain point.",
                ),
            },
            missing={
                MAP_STEPS[2]: Hint(
                    "evidenced-pain-left-out",
                    "The bank connection failure is backed by five interviews: it belongs on "
                    "the map as a pain point.",
                )
            },
            key="pains",
        ),
    ),
)

# ----- 6 action planning -----------------------------------------------------------------------

INSIGHTS = ("I1 bank connection times out", "I2 support unreachable at month end")
ACTION_FIELDS = ("change", "answers insight", "owner", "KPI")


def _actions(rows: list[dict[str, str]]) -> Feedback:
    filled = [r for r in rows if r.get("change", "").strip()]
    if len(filled) < 2:
        return mistake("too-few", "Plan two actions, one per row.")
    for row in filled:
        change = row["change"].strip()
        insight = row.get("answers insight", "").strip().upper()
        if not insight:
            return mistake(
                "blind-change",
                f"'{change}' answers no insight: no blind changes, every action ties to a "
                "pain point customers named (I1 or I2).",
            )
        if insight not in {"I1", "I2"}:
            return mistake("unknown-insight", f"'{insight}' is not an insight: use I1 or I2.")
        if not row.get("owner", "").strip():
            return mistake(
                "no-owner",
                f"'{change}' has no owner: name the team that will make it happen, or it will not.",
            )
        if not row.get("KPI", "").strip():
            return mistake(
                "no-kpi",
                f"'{change}' has no KPI: say what you will measure to know it worked (for "
                "example 'bank connected on the first try for 90%').",
            )
    return right("Right: each action answers a pain point, has an owner and a KPI.")


QUICK_WIN = "High impact, low effort"
ACTIONS = Exercise(
    key="08-actions",
    step=6,
    title="Plan actions that answer pain points",
    case=(
        "The validated map of Paperleaf has two top insights: "
        + "; ".join(INSIGHTS)
        + ". A B2B software company in the articles found in interviews that its ideal "
        "customers wanted a demo, not a free trial; it made 'book a demo' its main call to "
        "action (the article claims demo requests doubled)."
    ),
    tasks=(
        custom(
            "plan",
            "Plan two actions: the change, the insight it answers (I1 or I2), its owner and "
            "its KPI.",
            "rows",
            _actions,
            fields=ACTION_FIELDS,
        ),
        choice(
            "Which action goes first?",
            [QUICK_WIN, "High impact, high effort", "Low impact, low effort"],
            QUICK_WIN,
            "quick wins first: most change for the least work.",
            {
                "High impact, high effort": Hint(
                    "big-bet-first",
                    "A big bet is worth doing, but after the quick wins: it takes longer to "
                    "show results.",
                ),
                "Low impact, low effort": Hint(
                    "easy-not-useful",
                    "Easy but with little effect on the journey: it comes after what moves "
                    "customers along.",
                ),
            },
            key="first",
        ),
        choice(
            "What did the B2B company change after its interviews?",
            [
                "Its main call to action, from free trial to 'book a demo'",
                "Its prices",
                "Nothing: interviews are anecdotes",
            ],
            "Its main call to action, from free trial to 'book a demo'",
            "the change answered what its ideal customers said they wanted.",
            {
                "Its prices": Hint(
                    "not-in-evidence",
                    "Nobody asked for other prices: the change answered what customers said "
                    "(a demo instead of a trial).",
                ),
                "Nothing: interviews are anecdotes": Hint(
                    "ignore-customers",
                    "Listening to customers first is the rule: their words pointed at the change.",
                ),
            },
            key="demo",
        ),
    ),
)

# ----- 7 new experience design -----------------------------------------------------------------

KEEP, DROP = "keep and strengthen", "drop"
GAP_ITEMS = (
    "Onboarding webinar (moves trial users to purchase)",
    "Printed catalogue (no effect on any stage)",
    "Invoice-paid email (customers share it with colleagues)",
    "Cold calls to paying customers (no effect, annoys them)",
)

NEW_EXPERIENCE = Exercise(
    key="09-new-experience",
    step=7,
    title="Design the to-be journey",
    case=(
        "Paperleaf's gap analysis lays its touchpoints over the journey stages. On the as-is "
        "map the purchase stage averages emotion -1.5; the team's to-be design (bank "
        "connection on the first try, chat at month end) aims at +0.5. Paperleaf sells to "
        "businesses."
    ),
    tasks=(
        match(
            "Which touchpoints do you keep and strengthen, which do you drop?",
            GAP_ITEMS,
            [KEEP, DROP],
            dict(zip(GAP_ITEMS, [KEEP, DROP, KEEP, DROP], strict=True)),
            "keep what moves customers along the journey, drop what has no effect on it.",
            {
                (GAP_ITEMS[1], KEEP): Hint(
                    "keep-without-effect",
                    "The catalogue moves nobody along the journey: drop it and spend the "
                    "effort where customers are.",
                ),
                (GAP_ITEMS[0], DROP): Hint(
                    "drop-what-works",
                    "The webinar moves trial users to purchase: keep it and make it stronger.",
                ),
                (GAP_ITEMS[3], KEEP): Hint(
                    "keep-annoying",
                    "Cold calls have no effect and annoy customers: drop them.",
                ),
            },
            key="gap",
        ),
        number(
            "By how much does the to-be design lift the purchase stage's emotion?",
            2.0,
            "from -1.5 to +0.5 is a lift of 2.0.",
            [
                (
                    -1.0,
                    Hint(
                        "added-signs",
                        "-1.5 + 0.5 adds the two: the lift is to-be minus as-is, 0.5 - (-1.5).",
                    ),
                ),
                (
                    1.0,
                    Hint(
                        "sign-dropped",
                        "The minus of -1.5 got lost: 0.5 - (-1.5) = 0.5 + 1.5.",
                    ),
                ),
            ],
            key="lift",
            tolerance=0.05,
        ),
        choice(
            "In business-to-business, a good experience is above all ...",
            ["hassle-free", "thrilling", "cheap"],
            "hassle-free",
            "in B2B a good experience is hassle-free rather than thrilling.",
            {
                "thrilling": Hint(
                    "b2b-thrill",
                    "Thrills suit some consumer brands; a business buyer wants things to just "
                    "work: hassle-free.",
                ),
                "cheap": Hint(
                    "price-not-experience",
                    "Price is not the experience: in B2B it is above all hassle-free.",
                ),
            },
            key="b2b",
        ),
    ),
)

# ----- the concept quiz ------------------------------------------------------------------------


def _quiz(key: str, prompt: str, options: list[str], why: str, hints: dict[str, str]) -> Task:
    """A quiz question written with the right answer first, shown with it elsewhere."""
    turn = len(prompt) % len(options)
    return choice(
        prompt,
        options[turn:] + options[:turn],
        options[0],
        why,
        {option: Hint(f"{key}-{n}", text) for n, (option, text) in enumerate(hints.items())},
        key=key,
    )


QUIZ = Exercise(
    key="10-quiz",
    step=0,
    title="Concept quiz",
    case="Eight questions on the words and rules of journey mapping. Each answer is explained.",
    tasks=(
        _quiz(
            "insight",
            "Customers air grievances about late parcels in public posts. Which touchpoint "
            "could you use to act on this insight?",
            ["Social media", "Printed catalogue", "Invoice footer"],
            "the grievance is aired on social media, so that is where you answer it.",
            {
                "Printed catalogue": "A catalogue cannot answer a public post: act where the "
                "customers speak, on social media.",
                "Invoice footer": "Customers who complain publicly will not read it there: "
                "answer on social media.",
            },
        ),
        _quiz(
            "wom",
            "Is word of mouth a touchpoint?",
            ["Yes", "No"],
            "any contact with the brand counts, word of mouth included (indirect contact).",
            {
                "No": "It is: a touchpoint is any moment someone meets the brand, even through a "
                "friend."
            },
        ),
        _quiz(
            "pioneers",
            "Who pioneered journey mapping?",
            ["Ron Zemke and Chip Bell", "Steve Jobs", "Philip Kotler"],
            "the articles credit Ron Zemke and Chip Bell.",
            {
                "Steve Jobs": "Apple is an example of experience design, not the origin of "
                "journey mapping: the articles name Ron Zemke and Chip Bell.",
                "Philip Kotler": "Kotler shaped marketing; the articles credit Ron Zemke and "
                "Chip Bell with journey mapping.",
            },
        ),
        _quiz(
            "personas",
            "How many personas may one map show at most?",
            ["Two", "Three", "As many as we have"],
            "one or two personas per map; more blur it.",
            {
                "Three": "Three blur the map: at most two.",
                "As many as we have": "A map for everyone shows no one: at most two personas.",
            },
        ),
        _quiz(
            "moment",
            "What is a moment of truth?",
            [
                "A critical moment where the customer decides or feels strongly",
                "The moment the invoice is paid",
                "Any touchpoint with a survey",
            ],
            "a moment of truth is where an important decision is taken or a strong emotion felt.",
            {
                "The moment the invoice is paid": "Payment can be one, but it is defined by "
                "the decision or the emotion, not by money.",
                "Any touchpoint with a survey": "A survey measures; a moment of truth is a "
                "decision or a strong feeling of the customer.",
            },
        ),
        _quiz(
            "hypothesis",
            "When is the employee workshop's map more than a hypothesis?",
            [
                "When real customers have confirmed it",
                "When the whole staff agrees",
                "When it is printed",
            ],
            "the map stays a hypothesis until customers (interviews, surveys, data) confirm it.",
            {
                "When the whole staff agrees": "Agreement among staff is still the company's "
                "view: customers must confirm it.",
                "When it is printed": "Printing does not validate: customers do.",
            },
        ),
        _quiz(
            "internal",
            "A partner delivers your product to the end user. Who is the partner?",
            ["An internal customer", "A competitor", "Not part of the journey"],
            "someone with a relationship to the company who may not buy is an internal "
            "customer; the end user is the external one.",
            {
                "A competitor": "The partner works with you, not against you: an internal "
                "customer.",
                "Not part of the journey": "The partner shapes the end user's experience: an "
                "internal customer.",
            },
        ),
        _quiz(
            "experience-starts",
            "According to the articles, when does Apple's customer experience start?",
            [
                "Before the device is switched on",
                "When the device is switched on",
                "At the first support call",
            ],
            "advertising and packaging are part of the experience, before the device is on.",
            {
                "When the device is switched on": "Earlier: the advert and the box already "
                "shape the experience.",
                "At the first support call": "Much earlier: the experience starts with the "
                "advert and the packaging.",
            },
        ),
    ),
)

EXERCISES: dict[str, Exercise] = {
    e.key: e
    for e in (
        DISCOVERY,
        PERSONAS,
        TOUCHPOINTS,
        QUALITATIVE,
        SCORES,
        DROP_OFF,
        FINAL_MAP,
        ACTIONS,
        NEW_EXPERIENCE,
        QUIZ,
    )
}
