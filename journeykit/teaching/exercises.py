"""The exercises: one (or more) per workshop step and a concept quiz, drawn from METHOD.md.

Cases use the examples the source articles give (sneakers bought online, the B2B demo that
replaced a free trial, a late parcel, a hotel's guest journey); scores are checked with the
kit's own functions, so an exercise and the workshop compute NPS the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from difflib import get_close_matches
from itertools import pairwise

import numpy as np

from journeykit.analysis.scores import nps_from_counts
from journeykit.i18n import N_, _, format_number, text_key
from journeykit.model import TEMPLATES, Journey, Step, stages_of
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
    shown,
)
from journeykit.teaching.company import answer_counts, funnel_users
from journeykit.teaching.judge import (
    gibberish,
    known_words,
    measurable,
    platform,
    says_something,
    vague,
    vague_owner,
)

# ----- 1 discovery ----------------------------------------------------------------------------

FIRST_TIMERS = N_("Freelancers sending their first invoice (most of our sign-ups)")
DISCOVERY = Exercise(
    key="01-discovery",
    terms={"whose": "persona", "view": "point-of-view", "interviews": "point-of-view"},
    step=1,
    title=N_("Set the map's goal and scope"),
    case=(
        N_(
            "Paperleaf sells online invoicing to freelancers. Half of the people who sign up never "
            "send a second invoice. The team wants a journey map to find out why. Before drawing "
            "anything, they must agree whose journey they follow, whose point of view the map "
            "takes, and whom they will ask to check it."
        )
    ),
    tasks=(
        choice(
            N_("Whose journey should the first map follow?"),
            [
                N_("Every kind of customer at once"),
                FIRST_TIMERS,
                N_("The two agencies that complain the most"),
                N_("Our own sales team"),
            ],
            FIRST_TIMERS,
            N_("a first map follows the most common persona on its first-time path."),
            {
                "Every kind of customer at once": Hint(
                    "too-many-personas",
                    N_(
                        "A map of everyone blurs: focus it on one or two personas. The first time, "
                        "take the most common persona on its first-time path."
                    ),
                ),
                "The two agencies that complain the most": Hint(
                    "loud-not-common",
                    N_(
                        "The loudest customers are not the most common ones. Start with the "
                        "persona most of your sign-ups look like."
                    ),
                ),
                "Our own sales team": Hint(
                    "staff-not-customer",
                    N_(
                        "The sales team is not the customer: staff give their view in the employee "
                        "workshop (step 2), the map follows a customer."
                    ),
                ),
            },
            key="whose",
        ),
        choice(
            N_("Whose point of view does the map take?"),
            [
                N_("The customer's, step by step as they live it"),
                N_("Our process, department by department"),
                N_("The sales funnel in our CRM"),
            ],
            N_("The customer's, step by step as they live it"),
            N_("a journey cannot be studied from the company's point of view."),
            {
                "Our process, department by department": Hint(
                    "company-view",
                    N_(
                        "That is the company's point of view. Put yourself in the customer's "
                        "shoes: the map shows what they do, think and feel."
                    ),
                ),
                "The sales funnel in our CRM": Hint(
                    "funnel-view",
                    N_(
                        "The CRM funnel is how the company counts customers, not how they live the "
                        "journey. Draw it from the customer's side."
                    ),
                ),
            },
            key="view",
        ),
        choices(
            N_("Whom will you interview to check the map? Tick all that apply."),
            [
                N_("Freelancers who pay for Paperleaf"),
                N_("Freelancers on the free plan who mean to buy"),
                N_("Our support staff"),
                N_("Friends who never send invoices"),
            ],
            {
                N_("Freelancers who pay for Paperleaf"),
                N_("Freelancers on the free plan who mean to buy"),
            },
            N_("talk only to real or potential customers: people who bought, or mean to."),
            wrong={
                "Our support staff": Hint(
                    "staff-as-evidence",
                    N_(
                        "Support staff know a lot, but they are not customers: their view goes "
                        "into the employee workshop (step 2). Validation talks to real or "
                        "potential customers only."
                    ),
                ),
                "Friends who never send invoices": Hint(
                    "not-a-customer",
                    N_(
                        "People who will never buy cannot tell you about this journey: talk only "
                        "to people who bought, or mean to."
                    ),
                ),
            },
            missing={
                "Freelancers on the free plan who mean to buy": Hint(
                    "potential-left-out",
                    N_(
                        "Potential customers count too: people on the free plan who mean to buy "
                        "can tell you where they stall before paying."
                    ),
                ),
                "Freelancers who pay for Paperleaf": Hint(
                    "buyers-left-out",
                    N_("Ask the people who bought: they have walked the whole journey."),
                ),
            },
            key="interviews",
        ),
    ),
)

# ----- 2 employee workshop: personas and stages ------------------------------------------------

TRAVELLER = N_("Business traveller (62% of stays)")
FAMILY = N_("Family on holiday (25%)")
GUEST_STAGES = ("pre-arrival", "arrival", "stay", "departure", "post-stay")


def _stage_ids(lines: list[str]) -> list[str]:
    """Typed stage names as the hospitality model's ids: 'post-stay', 'Post stay', a near
    spelling ('Pre-arival') and the stage's name in the student's language all read as
    post-stay (difflib's closest match, so a typo is not a wrong answer)."""
    names = {text_key(s.id): s.id for s in TEMPLATES["hospitality"].stages}
    names |= {text_key(_(s.name)): s.id for s in TEMPLATES["hospitality"].stages}
    names = {k.replace("-", " "): v for k, v in names.items()}

    def closest(typed: str) -> str:
        found = get_close_matches(typed, names, n=1, cutoff=0.8)
        return names[found[0]] if found else typed

    return [closest(text_key(line).replace("-", " ")) for line in lines if line.strip()]


def _guest_stages(lines: list[str]) -> Feedback:
    typed = _stage_ids(lines)
    if "post-stay" not in typed and typed[-1:] == ["departure"]:
        return mistake(
            "journey-ends-at-departure",
            _(
                "The journey does not end when the guest leaves: add the post-stay stage (the "
                "review, the invoice, the next booking)."
            ),
        )
    written = [line.strip() for line in lines if line.strip()]
    unknown = [written[i] for i, s in enumerate(typed) if s not in GUEST_STAGES]
    if not unknown and len(set(typed)) < len(typed):
        twice = next(s for s in typed if typed.count(s) > 1)
        return mistake(
            "stage-repeated",
            _(
                "'{stage}' is written twice: each stage comes once, and the journey moves on "
                "through it."
            ).format(stage=shown(twice)),
        )
    if unknown:
        return mistake(
            "unknown-stage",
            _("'{typed}' is not a stage of the guest journey: use {stages}.").format(
                typed=unknown[0], stages=", ".join(shown(s) for s in GUEST_STAGES)
            ),
        )
    if typed != list(GUEST_STAGES):
        for place, (got, want) in enumerate(zip(typed, GUEST_STAGES, strict=False), start=1):
            if got != want:
                return mistake(
                    "stage-order",
                    _(
                        "Stage {place} should be '{want}', not '{got}': stages follow the guest "
                        "in time."
                    ).format(place=place, want=shown(want), got=shown(got)),
                )
        return mistake(
            "stage-missing",
            _("A stage is missing: there are {value1}.").format(value1=len(GUEST_STAGES)),
        )
    return right(_("Right: {stages}.").format(stages=", ".join(shown(s) for s in GUEST_STAGES)))


PERSONAS = Exercise(
    key="02-personas",
    terms={"personas": "persona", "evidence": "persona", "stages": "stage"},
    step=2,
    title=N_("One or two personas on a map"),
    case=(
        N_(
            "Lakeside Hotels runs four hotels. Booking data and 30 guest interviews show four "
            "segments: business travellers (62% of stays), families on holiday (25%), wedding "
            "party organisers (8%) and conference planners (5%). The staff workshop starts today."
        )
    ),
    tasks=(
        choices(
            N_("Pick the personas for the first journey map."),
            [TRAVELLER, FAMILY, N_("Wedding party organiser (8%)"), N_("Conference planner (5%)")],
            {TRAVELLER},
            N_("one map, one or two personas; start with the most common one."),
            wrong={
                "Wedding party organiser (8%)": Hint(
                    "rare-persona",
                    N_("Start with the most common persona: 8% of stays is a later map."),
                ),
                "Conference planner (5%)": Hint(
                    "rare-persona",
                    N_("Start with the most common persona: 5% of stays is a later map."),
                ),
            },
            missing={
                TRAVELLER: Hint(
                    "common-left-out",
                    N_("The business traveller makes 62% of stays: the first map follows them."),
                ),
            },
            key="personas",
            also=frozenset({FAMILY}),
            at_most=(
                2,
                Hint(
                    "three-personas",
                    N_(
                        "Three or more personas on one map blur it: keep one or two, and give "
                        "the others maps of their own."
                    ),
                ),
            ),
        ),
        choice(
            N_("What is the 'Business traveller' persona built from?"),
            [
                N_("Booking data and the guest interviews"),
                N_("What we in this room believe about them"),
                N_("The general manager's picture of the ideal guest"),
            ],
            N_("Booking data and the guest interviews"),
            N_("a persona is a fictional customer built from research, not guesses."),
            {
                "What we in this room believe about them": Hint(
                    "persona-from-guesses",
                    N_(
                        "Beliefs make a hypothesis, not a persona: build it from research, or mark "
                        "it 'assumed' until interviews back it."
                    ),
                ),
                "The general manager's picture of the ideal guest": Hint(
                    "ideal-not-real",
                    N_(
                        "An ideal guest is a wish: a persona stands for a real segment and comes "
                        "from research."
                    ),
                ),
            },
            key="evidence",
        ),
        custom(
            "stages",
            N_("Write the stages of the hotel guest journey in order, one per line."),
            "lines",
            _guest_stages,
            worked=lambda: " → ".join(_(stage.name) for stage in TEMPLATES["hospitality"].stages),
        ),
    ),
)

# ----- 2 employee workshop: touchpoints --------------------------------------------------------

CHANNELS = {
    N_("web"),
    N_("website"),
    N_("online"),
    N_("email"),
    N_("e-mail"),
    N_("phone"),
    N_("social media"),
    N_("store"),
    N_("shop"),
    N_("app"),
    N_("chat"),
    N_("sms"),
    N_("mail"),
}
"""Channels: where a touchpoint happens, not the touchpoint itself."""
MIN_TOUCHPOINTS = 4


JOURNEY_STEPS = (N_("searching"), N_("comparing"), N_("buying"), N_("wearing"))
"""What Ana does (the journey), which students list where the moments she meets the shop
(the touchpoints) are asked."""
JOURNEY_VERBS = ("search", "compare", "buy", "wear", "purchase")
PEOPLE = (N_("customer"), N_("the customer"), N_("client"), N_("buyer"), N_("shopper"), "Ana")
"""Who meets the shop, which students list where the moment of meeting is asked."""
TOUCHPOINT_WORDS = (
    *("advert", "ad", "banner", "billboard", "review", "rating", "recommendation", "friend"),
    *("search result", "product page", "size guide", "photos", "price", "checkout", "payment"),
    *("order confirmation", "receipt", "invoice", "delivery", "courier", "parcel", "tracking"),
    *("packaging", "box", "thank-you note", "unboxing", "return", "refund", "support", "call"),
    *("newsletter", "coupon", "loyalty", "store", "staff", "cashier", "fitting", "survey"),
)
"""English names of moments of contact beyond the case's own words (any language's student
is also understood by the words the exercise shows them)."""


def _touchpoint_vocabulary() -> set[str]:
    case = TOUCHPOINTS.case
    shown = [*([case] if isinstance(case, str) else case), *TOUCHPOINT_WORDS]
    for task in TOUCHPOINTS.tasks:
        shown += [task.prompt, *task.options, *task.items]
    return known_words([*shown, *(_(t) for t in shown)])


def _not_a_touchpoint(line: str, channels: set[str], vocabulary: set[str]) -> Feedback | None:
    """What a line names if not a moment the customer meets the shop: a channel or a
    platform, a step of the journey, or nothing the case speaks of."""
    key = text_key(line).replace("\u200c", "")
    if key in channels or platform(line):
        return mistake(
            "channel-not-touchpoint",
            _(
                "'{value1}' is a channel, not a touchpoint: name the moment the customer meets "
                "the brand there, for example 'order confirmation {value2}' or 'size guide on "
                "the product page'."
            ).format(value1=line, value2=line.lower()),
        )
    steps = {text_key(t).replace("\u200c", "") for s in JOURNEY_STEPS for t in (s, _(s))}
    if key in steps or key in JOURNEY_VERBS:
        return mistake(
            "journey-step-not-touchpoint",
            _(
                "'{value1}' is a step of Ana's journey (what she does), not a touchpoint (where "
                "she meets the shop while doing it): for searching, that is the search results "
                "or an advert."
            ).format(value1=line),
        )
    if key in {text_key(p) for person in PEOPLE for p in (person, _(person))}:
        return mistake(
            "person-not-touchpoint",
            _(
                "'{value1}' is who meets the shop, not where: a touchpoint is a moment of "
                "contact, such as the search results or the delivery."
            ).format(value1=line),
        )
    if not says_something(line, vocabulary):
        return mistake(
            "not-a-moment",
            _(
                "'{value1}' names no moment of Ana's story: write where she meets the shop, in "
                "words of the case (the website, the delivery, the note in the box ...)."
            ).format(value1=line),
        )
    return None


def _touchpoint_list(lines: list[str]) -> Feedback:
    typed = [line.strip() for line in lines if line.strip()]
    channels = {text_key(c) for c in CHANNELS} | {text_key(_(c)) for c in CHANNELS}
    vocabulary = _touchpoint_vocabulary()
    for line in typed:
        problem = _not_a_touchpoint(line, channels, vocabulary)
        if problem is not None:
            return problem
    if len({text_key(t) for t in typed}) < len(typed):
        return mistake("repeated", _("A touchpoint is listed twice: each line names a new one."))
    if len(typed) < MIN_TOUCHPOINTS:
        return mistake(
            "too-few",
            _(
                "{value1} so far: list at least {MIN_TOUCHPOINTS}. Think before, during and "
                "after the purchase (an advert, the search, the delivery, the thank-you note)."
            ).format(
                value1=format_number(len(typed)), MIN_TOUCHPOINTS=format_number(MIN_TOUCHPOINTS)
            ),
        )
    return right(
        _("Right: {value1} touchpoints, each a moment the customer meets the shop.").format(
            value1=format_number(len(typed))
        )
    )


DIRECT, INDIRECT = N_("direct contact"), N_("indirect contact")
TOUCHPOINTS = Exercise(
    key="03-touchpoints",
    terms={"list": "touchpoint", "contact": "contact", "word-of-mouth": "touchpoint"},
    step=2,
    title=N_("Touchpoints, not channels"),
    case=(
        N_(
            "Ana searches online for running sneakers, compares two shops, buys from one on its "
            "website and wears the shoes the next day. The website was easy, delivery came the "
            "next day and a hand-written thank-you note was in the box. Searching, buying and "
            "wearing are the journey; the easy site, the fast delivery and the note are the "
            "experience."
        )
    ),
    tasks=(
        custom(
            "list",
            N_("List the touchpoints of Ana's journey, one per line (at least four)."),
            "lines",
            _touchpoint_list,
            worked=N_(
                "for example the search results for running sneakers; the product page with "
                "the size guide; the checkout on the shop's website; the next-day delivery; the "
                "thank-you note in the box. Each is a moment Ana is in contact with the shop."
            ),
        ),
        match(
            N_("Is each one direct or indirect contact?"),
            [
                N_("A friend recommends the shop"),
                N_("Paying at the website's checkout"),
                N_("A blog review of the shop"),
                N_("Calling support about a late parcel"),
                N_("An advert on a bus"),
            ],
            [DIRECT, INDIRECT],
            {
                "A friend recommends the shop": INDIRECT,
                "Paying at the website's checkout": DIRECT,
                "A blog review of the shop": INDIRECT,
                "Calling support about a late parcel": DIRECT,
                "An advert on a bus": INDIRECT,
            },
            N_(
                "direct contact happens in purchase, use and service and is started by the "
                "customer; word of mouth, reviews and adverts are indirect."
            ),
            {
                (N_("A friend recommends the shop"), DIRECT): Hint(
                    "word-of-mouth-direct",
                    N_(
                        "Word of mouth is indirect contact: an unplanned encounter with the brand "
                        "that the company does not take part in."
                    ),
                ),
                (N_("An advert on a bus"), DIRECT): Hint(
                    "advert-direct",
                    N_(
                        "An advert is indirect contact: the customer did not start it and is not "
                        "buying, using or asking for service."
                    ),
                ),
                (N_("Calling support about a late parcel"), INDIRECT): Hint(
                    "service-indirect",
                    N_(
                        "A support call is direct contact: service is one of purchase, use and "
                        "service, and the customer started it."
                    ),
                ),
                (N_("Paying at the website's checkout"), INDIRECT): Hint(
                    "purchase-indirect",
                    N_(
                        "Paying at the checkout is a purchase the customer makes with the shop "
                        "itself: direct contact."
                    ),
                ),
                (N_("A blog review of the shop"), DIRECT): Hint(
                    "review-direct",
                    N_(
                        "A review is indirect contact: it reaches the customer without the company."
                    ),
                ),
            },
            key="contact",
        ),
        choice(
            N_("Is word of mouth a touchpoint?"),
            [N_("Yes"), N_("No")],
            N_("Yes"),
            N_(
                "any moment a potential customer comes in contact with the brand is a touchpoint, "
                "word of mouth included."
            ),
            {
                "No": Hint(
                    "word-of-mouth-not-touchpoint",
                    N_(
                        "It is one: a touchpoint is any moment someone meets the brand, before, "
                        "during or after buying, including what friends say."
                    ),
                )
            },
            key="word-of-mouth",
        ),
    ),
)

# ----- 3 qualitative validation -----------------------------------------------------------------

PAIN, NEED, DELIGHT = N_("pain point"), "need", "delight"
QUOTES = (
    N_("1. 'I gave up connecting my bank: the page kept timing out.'"),
    N_("2. 'I wish I could send invoices from my phone.'"),
    N_("3. 'The first invoice took me two minutes. Lovely.'"),
    N_("4. 'Support never answered at month end, when I needed them.'"),
    N_("5. 'I need to know when a client has opened my invoice.'"),
)


def _evidenced_pains(rows: list[dict[str, str]]) -> Feedback:
    filled = [r for r in rows if r.get("pain point", "").strip()]
    if len(filled) < 2:
        return mistake("too-few", _("Write two pain points, each on its own row."))
    for row in filled:
        pain, quote = row["pain point"].strip(), row.get("evidence", "").strip()
        if vague(pain) or gibberish(pain):
            return mistake(
                "vague-pain",
                _(
                    "'{pain}' does not say what goes wrong: name the difficulty in a few words "
                    "(for example 'bank connection times out')."
                ).format(pain=pain),
            )
        if not quote:
            return mistake(
                "pain-without-evidence",
                _(
                    "'{pain}' has no evidence: name the quote (1-5) that shows it. A pain "
                    "point nobody said is a guess, not a finding."
                ).format(pain=pain),
            )
        if quote not in {str(n) for n in range(1, len(QUOTES) + 1)}:
            return mistake(
                "no-such-quote",
                _(
                    "There is no quote '{quote}': the case gives five, numbered 1 to 5. Write "
                    "the number of the quote that shows '{pain}'."
                ).format(quote=quote, pain=pain),
            )
        if quote not in {"1", "4"}:
            what = {
                "3": _("praise (a delight)"),
                "2": _("a wish (a need)"),
                "5": _("a wish (a need)"),
            }
            return mistake(
                "evidence-not-pain",
                _(
                    "Quote {quote} is {value2}, not a difficulty: evidence for '{pain}' must "
                    "show the customer struggling."
                ).format(
                    quote=quote,
                    value2=what[quote],
                    pain=pain,
                ),
            )
    if len({text_key(r["pain point"]) for r in filled}) < len(filled):
        return mistake(
            "same-pain",
            _("Both rows name the same pain point: find a second difficulty in the quotes."),
        )
    if len({r["evidence"].strip() for r in filled}) < len(filled):
        return mistake("same-evidence", _("Each pain point needs its own quote as evidence."))
    return right(_("Right: both pain points rest on what customers said."))


QUALITATIVE = Exercise(
    key="04-interviews",
    terms={"code": "pain-point", "pains": "pain-point", "moment": "moment-of-truth"},
    step=3,
    title=N_("Code what customers say"),
    case=(
        N_(
            "Paperleaf's team interviewed eight freelancers who signed up last month. Five quotes "
            "from the notes:"
        ),
        *(part for q in QUOTES for part in ("\n", q)),
    ),
    tasks=(
        match(
            N_("Code each quote as a pain point, a need or a delight."),
            QUOTES,
            [PAIN, NEED, DELIGHT],
            dict(zip(QUOTES, [PAIN, NEED, DELIGHT, PAIN, NEED], strict=True)),
            N_("difficulties are pain points, wishes are needs, praise is a delight."),
            {
                (QUOTES[1], PAIN): Hint(
                    "wish-as-pain",
                    N_("Quote 2 is a wish, not a difficulty they met: code it as a need."),
                ),
                (QUOTES[2], PAIN): Hint(
                    "delight-as-pain",
                    N_("Quote 3 is praise: code it as a delight, and keep what works."),
                ),
                (QUOTES[0], NEED): Hint(
                    "pain-as-need",
                    N_(
                        "Quote 1 describes a failure they lived (they gave up): that is a pain "
                        "point."
                    ),
                ),
            },
            key="code",
            filed={
                PAIN: Hint(
                    "not-a-difficulty",
                    N_(
                        "{item}: a pain point is a difficulty the customer met, and this quote "
                        "tells of none. Is it a wish (a need) or praise (a delight)?"
                    ),
                ),
                NEED: Hint(
                    "not-a-wish",
                    N_(
                        "{item}: a need is something the customer asks for ('I wish', 'I need'), "
                        "and this quote asks for nothing. Did something go wrong, or did they "
                        "like it?"
                    ),
                ),
                DELIGHT: Hint(
                    "not-praise",
                    N_(
                        "{item}: a delight is something the customer liked and says so, and this "
                        "quote praises nothing. Is it a difficulty or a wish?"
                    ),
                ),
            },
        ),
        custom(
            "pains",
            N_("Write two pain points, each with the number of the quote that is its evidence."),
            "rows",
            _evidenced_pains,
            fields=(N_("pain point"), N_("evidence")),
            worked=N_(
                "for example 'the bank connection times out at setup', evidence quote 1; "
                "'support cannot be reached at month end', evidence quote 4."
            ),
        ),
        choice(
            N_("Which quote marks a moment of truth?"),
            [q.split(".")[0] for q in QUOTES],
            "1",
            N_(
                "a moment of truth is where the customer takes an important decision or feels a "
                "strong emotion: quote 1 is where they gave up."
            ),
            {
                "3": Hint(
                    "pleasant-not-decisive",
                    N_(
                        "Quote 3 is pleasant, but no decision hangs on it. Look for the moment "
                        "the customer decides to go on or to leave."
                    ),
                ),
                "2": Hint(
                    "wish-not-moment",
                    N_(
                        "A wish is a need, not a moment: look for where the customer decides or "
                        "feels strongly."
                    ),
                ),
                "5": Hint(
                    "wish-not-moment",
                    N_(
                        "Quote 5 asks for something (a need): nothing is decided there. Look for "
                        "where the customer decides or feels strongly."
                    ),
                ),
                "4": Hint(
                    "pain-not-decision",
                    N_(
                        "Quote 4 is a real pain point, but the quote does not say what the "
                        "customer did next. Look for the quote where a decision was taken."
                    ),
                ),
            },
            key="moment",
        ),
    ),
)

# ----- 4 quantitative validation: scores -------------------------------------------------------

RECOMMEND = answer_counts("nps")
"""How many of the sample company's customers answered 0, 1, ... 10 to 'how likely are you to
recommend us?' about its setup wizard (Team North's survey)."""
SATISFACTION = answer_counts("csat")
"""How many answered 1 ... 5 to 'how satisfied were you?' about the setup wizard."""


def _nps(detractor_top: int = 6, passives: bool = True) -> float:
    counts = np.asarray(RECOMMEND)
    promoters, detractors = counts[9:].sum(), counts[: detractor_top + 1].sum()
    middle = counts[detractor_top + 1 : 9].sum() if passives else 0
    value, _, _ = nps_from_counts(*(np.asarray(c) for c in (promoters, middle, detractors)))
    return round(float(value), 1)


def _csat(lowest_satisfied: int = 4) -> float:
    counts = np.asarray(SATISFACTION)
    return round(float(counts[lowest_satisfied - 1 :].sum() / counts.sum() * 100), 1)


def _answers(counts: tuple[int, ...], first: int) -> Callable[[], str]:
    """A scale's answers and how many gave each ("0: 20, 1: 22 ..."), written when shown."""
    return lambda: ", ".join(
        f"{format_number(score)}: {format_number(n)}" for score, n in enumerate(counts, first)
    )


def _nps_why() -> str:
    return _(
        "{promoters} promoters (9-10) minus {detractors} detractors (0-6), divided by all "
        "{answers} answers, passives (7-8) included, in percent: {nps}."
    ).format(
        promoters=format_number(sum(RECOMMEND[9:])),
        detractors=format_number(sum(RECOMMEND[:7])),
        answers=format_number(sum(RECOMMEND)),
        nps=format_number(_nps()),
    )


def _csat_why() -> str:
    return _("{satisfied} of {answers} answers are 4 or 5: {csat}%.").format(
        satisfied=format_number(sum(SATISFACTION[3:])),
        answers=format_number(sum(SATISFACTION)),
        csat=format_number(_csat()),
    )


SCORES = Exercise(
    key="05-scores",
    terms={"detractors": "nps", "nps": "nps", "csat": "csat"},
    step=4,
    title=N_("Score a touchpoint: NPS and CSAT"),
    case=(
        N_(
            "Brightledger, the company of the sample workshop, asks its customers two questions "
            "after the setup wizard (Team North's survey on step 4). How many gave each answer:"
        ),
        "\n- ",
        N_("'How likely are you to recommend us?' (0-10):"),
        " ",
        _answers(RECOMMEND, 0),
        "\n- ",
        N_("'How satisfied were you with the setup wizard?' (1-5):"),
        " ",
        _answers(SATISFACTION, 1),
    ),
    tasks=(
        choice(
            N_("Which answers make a detractor?"),
            ["0-6", "0-7", "0-4", "0-5"],
            "0-6",
            N_("detractors answer 0-6, passives 7-8, promoters 9-10."),
            {
                "0-7": Hint(
                    "detractors-0-7",
                    N_(
                        "7 is a passive, not a detractor: detractors answer 0-6, passives 7-8, "
                        "promoters 9-10."
                    ),
                ),
                "0-4": Hint(
                    "detractors-too-few",
                    N_("5 and 6 are detractors too: everyone who answers 0-6."),
                ),
                "0-5": Hint(
                    "six-left-out",
                    N_(
                        "A 6 is not a passive: passives answer only 7 and 8, and everything "
                        "below 7 makes a detractor."
                    ),
                ),
            },
            key="detractors",
        ),
        number(
            N_("What is the NPS?"),
            _nps(),
            _nps_why,
            [
                (
                    _nps(detractor_top=7),
                    Hint(
                        "detractors-0-7",
                        N_(
                            "You counted the 7s as detractors: detractors answer 0-6, passives "
                            "7-8. Count again."
                        ),
                    ),
                ),
                (
                    _nps(passives=False),
                    Hint(
                        "passives-left-out",
                        N_(
                            "You left the passives (7-8) out of the denominator: NPS divides by "
                            "everyone who answered, passives included."
                        ),
                    ),
                ),
                (
                    round(sum(RECOMMEND[9:]) / sum(RECOMMEND) * 100, 1),
                    Hint(
                        "promoters-only",
                        N_(
                            "That is the share of promoters: NPS is promoters minus detractors, "
                            "in percent of all answers."
                        ),
                    ),
                ),
                (
                    -_nps(),
                    Hint(
                        "sign-flipped",
                        N_(
                            "The size is right, the sign is not: NPS is promoters minus "
                            "detractors, so more detractors than promoters make it negative."
                        ),
                    ),
                ),
                (
                    round(_nps() / 100, 3),
                    Hint(
                        "nps-as-fraction",
                        N_(
                            "That is the NPS as a fraction: NPS is written in points from -100 "
                            "to 100 (multiply by 100)."
                        ),
                    ),
                ),
            ],
            key="nps",
            tolerance=0.2,
            bounds=(-100, 100),
        ),
        number(
            N_("What is the CSAT of the setup wizard, in percent?"),
            _csat(),
            _csat_why,
            [
                (
                    _csat(3),
                    Hint(
                        "csat-counts-3",
                        N_("3 is neutral, not satisfied: CSAT counts only the 4 and 5 answers."),
                    ),
                ),
                (
                    round(float(np.dot(SATISFACTION, range(1, 6)) / sum(SATISFACTION)), 1),
                    Hint(
                        "csat-as-mean",
                        N_(
                            "That is the mean answer: CSAT is a share, the percent of answers that "
                            "are 4 or 5."
                        ),
                    ),
                ),
                (
                    round(_csat() / 100, 3),
                    Hint(
                        "csat-as-fraction",
                        N_("That is the CSAT as a fraction of one: write it in percent (x 100)."),
                    ),
                ),
            ],
            key="csat",
            unit="%",
            tolerance=0.1,
            bounds=(0, 100),
        ),
    ),
)

# ----- 4 quantitative validation: the funnel ---------------------------------------------------

FUNNEL = funnel_users()
"""Users reaching each stage of the sample company's ordered funnel (Team North, step 4)."""
COUNTS = list(FUNNEL.values())
STEPS = [f"{a} → {b}" for a, b in pairwise(FUNNEL)]
KEPT = [FUNNEL[b] / FUNNEL[a] * 100 for a, b in pairwise(FUNNEL)]
"""The percent of a stage's users who reach the next, step by step."""
WORST = int(np.argmin(KEPT))


def _counted(n: int) -> Callable[[], str]:
    """ ": 35,912", written when shown (the page's digits and grouping)."""
    return lambda: ": " + format_number(n)


def _share(index: int) -> str:
    return format_number(round(KEPT[index]), 0) + "%"


def _most_lost() -> int:
    return int(np.argmax([a - b for a, b in pairwise(COUNTS)]))


def _people_not_share() -> str:
    step = _most_lost()
    return _(
        "Most users are lost there in number ({lost}), but {share} go on. Compare the share who "
        "move on at each step, not the head count."
    ).format(lost=format_number(COUNTS[step] - COUNTS[step + 1]), share=_share(step))


def _close_second() -> str:
    second = sorted(range(len(KEPT)), key=KEPT.__getitem__)[1]
    return _("Close: {share} go on there. One step keeps an even smaller share.").format(
        share=_share(second)
    )


def _most_go_on(index: int) -> Callable[[], str]:
    """The hint for a step that keeps most of its users: the share it keeps, to compare."""
    return lambda: _(
        "{share} of the users go on at that step, most of them. Work out the share kept at "
        "every step and compare."
    ).format(share=_share(index))


def _worst_why() -> str:
    return _("only {share} of those users reach the next stage: the smallest share kept.").format(
        share=_share(WORST)
    )


def _conversion_why() -> str:
    return _("{kept} of {entered} users go on: {share}.").format(
        kept=format_number(COUNTS[WORST + 1]),
        entered=format_number(COUNTS[WORST]),
        share=format_number(round(KEPT[WORST], 1)) + "%",
    )


DROP_OFF = Exercise(
    key="06-drop-off",
    terms={"worst": "drop-off", "conversion": "drop-off", "fewer": "touchpoint"},
    step=4,
    title=N_("Where do customers leave?"),
    case=(
        N_(
            "Brightledger's usage data (Team North's funnel on step 4): users who reached each "
            "stage, each counted only after the stage before it:"
        ),
        *(part for stage, n in FUNNEL.items() for part in ("\n- ", stage, _counted(n))),
    ),
    tasks=(
        choice(
            N_("Between which stages is the drop-off worst?"),
            STEPS,
            STEPS[WORST],
            _worst_why,
            {
                **{
                    STEPS[i]: Hint("people-not-share", _people_not_share)
                    for i in [_most_lost()]
                    if i != WORST
                },
                **{
                    STEPS[i]: Hint("close-second", _close_second)
                    for i in sorted(range(len(KEPT)), key=KEPT.__getitem__)[1:2]
                    if i != _most_lost()
                },
                **{
                    STEPS[i]: Hint("most-go-on", _most_go_on(i))
                    for i in sorted(range(len(KEPT)), key=KEPT.__getitem__)[2:]
                    if i != _most_lost()
                },
            },
            key="worst",
        ),
        number(
            N_("At the step where the drop-off is worst, what percent of the users go on?"),
            KEPT[WORST],
            _conversion_why,
            [
                (
                    COUNTS[WORST + 1] / COUNTS[0] * 100,
                    Hint(
                        "wrong-base",
                        N_(
                            "That is out of everyone at the first stage: the question starts at "
                            "the stage before the worst step."
                        ),
                    ),
                ),
                (
                    100 - KEPT[WORST],
                    Hint(
                        "lost-not-kept",
                        N_("That is the share lost: the question asks for those who go on."),
                    ),
                ),
                (
                    round(KEPT[WORST] / 100, 3),
                    Hint(
                        "conversion-as-fraction",
                        N_(
                            "That is the share kept as a fraction of one: the question asks for "
                            "percent (x 100)."
                        ),
                    ),
                ),
            ],
            key="conversion",
            unit="%",
            tolerance=0.3,
            bounds=(0, 100),
        ),
        choice(
            N_("Customers use fewer touchpoints than you expected. What may that mean?"),
            [
                N_("They leave early"),
                N_("The path is too complex"),
                N_("Nothing: fewer touchpoints is always better"),
            ],
            N_("They leave early"),
            N_(
                "fewer touchpoints used than expected may mean people leave early; more may mean "
                "the path is too complex."
            ),
            {
                "The path is too complex": Hint(
                    "more-is-complex",
                    N_(
                        "That is what more touchpoints than expected suggests. Fewer suggests "
                        "people leave before the end."
                    ),
                ),
                "Nothing: fewer touchpoints is always better": Hint(
                    "fewer-is-fine",
                    N_("Fewer than expected is a signal to check: people may be leaving early."),
                ),
            },
            key="fewer",
        ),
    ),
)

# ----- 5 the final map -------------------------------------------------------------------------

MAP_STEPS = (
    N_("Sees a post shared by a fellow owner (emotion +1, from survey comments)"),
    N_(
        "Reads reviews and asks the accountant; misses a list of banks (emotion 0, no evidence yet)"
    ),
    N_("Buys the small plan with a card (emotion +1, from usage data)"),
    N_(
        "Asks live chat for help at month end; nobody answers, decides whether to stay "
        "(emotion -2, from interviews and chat scores)"
    ),
    N_("Recommends it to a neighbour's shop (emotion +2, from interviews)"),
)
"""Team North's customer lifecycle in the sample workshop (Brightledger), one step a stage,
with the evidence behind each."""

MAP_EMOTIONS = (1, 0, 1, -2, 2)
MAP_STAGES = ("awareness", "consideration", "purchase", "retention", "advocacy")
"""Where each step of MAP_STEPS sits on the five-stage model, and its emotion."""
FIRST, UNPROVEN, BUY, MOMENT, HIGH = range(5)
"""Which step is the first contact, which a pain without evidence, the purchase, the moment of
truth (and the evidenced pain), the high point."""


def final_map() -> tuple[Journey, dict[str, str]]:
    """The case's map as the kit draws it, and its persona's name: its steps and emotions,
    nothing marked (marking the moment of truth or the pain points is the student's task)."""
    journey = Journey(
        id="north-lifecycle",
        name=_("Customer lifecycle (as-is)"),
        kind="as-is",
        personas=["finance-lead"],
        template="five-stage",
        stages=stages_of("five-stage"),
        steps=[
            Step(id=f"s{n}", stage=stage, action=_(text).split(" (")[0], emotion=emotion)
            for n, (text, stage, emotion) in enumerate(
                zip(MAP_STEPS, MAP_STAGES, MAP_EMOTIONS, strict=True)
            )
        ],
    )
    return journey, {"finance-lead": _("Finance lead at a growing company")}


FINAL_MAP = Exercise(
    key="07-final-map",
    journey=final_map,
    terms={"moment": "moment-of-truth", "pains": "pain-point"},
    step=5,
    title=N_("Read the validated map"),
    case=(
        N_(
            "Team North's map of Brightledger's customer lifecycle (the sample workshop), each "
            "step with its emotion (-2..+2) and the evidence behind it:"
        ),
        *(part for step in MAP_STEPS for part in ("\n- ", step)),
    ),
    tasks=(
        choice(
            N_("Which step is the moment of truth?"),
            MAP_STEPS,
            MAP_STEPS[MOMENT],
            N_("the customer decides whether to stay, with the strongest emotion on the map."),
            {
                MAP_STEPS[HIGH]: Hint(
                    "best-not-decisive",
                    N_(
                        "A high point is welcome, but nothing is decided there: the moment of "
                        "truth is where the customer decides or feels strongly enough to leave."
                    ),
                ),
                MAP_STEPS[UNPROVEN]: Hint(
                    "mild-not-moment",
                    N_(
                        "A step with no strong feeling and no evidence is not a moment of truth: "
                        "look for the decision."
                    ),
                ),
                MAP_STEPS[FIRST]: Hint(
                    "first-contact-not-moment",
                    N_(
                        "Seeing a post is a mild first contact (+1): nothing is decided yet. Look "
                        "for the step where the customer decides whether to stay."
                    ),
                ),
                MAP_STEPS[BUY]: Hint(
                    "calm-purchase-not-moment",
                    N_(
                        "Buying is a decision, but a calm one here (+1, and the usage data shows "
                        "it goes smoothly): look for where a decision meets the strongest feeling "
                        "on the map."
                    ),
                ),
            },
            key="moment",
        ),
        choices(
            N_("Which steps may the validated map show as pain points? Tick all that apply."),
            MAP_STEPS,
            {MAP_STEPS[MOMENT]},
            N_(
                "a pain point on the final map is one customers named; the missing list of "
                "banks has no evidence yet."
            ),
            wrong={
                MAP_STEPS[UNPROVEN]: Hint(
                    "pain-without-evidence",
                    N_(
                        "The missing list of banks has no evidence yet: it stays a hypothesis to "
                        "check, not a pain point of the validated map."
                    ),
                ),
                MAP_STEPS[HIGH]: Hint(
                    "delight-as-pain",
                    N_("Recommending it is a high point (+2): a delight, not a pain point."),
                ),
                MAP_STEPS[FIRST]: Hint(
                    "pleasant-as-pain",
                    N_(
                        "Seeing a fellow owner's post is pleasant (+1, from survey comments): "
                        "nothing there hurts the customer."
                    ),
                ),
                MAP_STEPS[BUY]: Hint(
                    "smooth-as-pain",
                    N_(
                        "Buying with a card goes smoothly (+1, from usage data): a pain point is "
                        "where something goes wrong."
                    ),
                ),
            },
            missing={
                MAP_STEPS[MOMENT]: Hint(
                    "evidenced-pain-left-out",
                    N_(
                        "Support out of reach at month end is backed by interviews and low chat "
                        "scores: it belongs on the map as a pain point."
                    ),
                )
            },
            key="pains",
        ),
    ),
)

# ----- 6 action planning -----------------------------------------------------------------------

INSIGHTS = (N_("I1 bank connection times out"), N_("I2 support unreachable at month end"))
ACTION_FIELDS = (N_("change"), N_("answers insight"), N_("owner"), N_("KPI"))


def _actions(rows: list[dict[str, str]]) -> Feedback:
    filled = [r for r in rows if r.get("change", "").strip()]
    if len(filled) < 2:
        return mistake("too-few", _("Plan two actions, one per row."))
    for row in filled:
        change = row["change"].strip()
        insight = row.get("answers insight", "").strip().upper()
        if gibberish(change) or vague(change, least_words=1):
            return mistake(
                "vague-change",
                _(
                    "'{change}' does not say what will change: name it in a few words a "
                    "colleague can act on (for example 'retry the bank connection')."
                ).format(change=change),
            )
        if not insight:
            return mistake(
                "blind-change",
                _(
                    "'{change}' answers no insight: no blind changes, every action ties to a "
                    "pain point customers named (I1 or I2)."
                ).format(change=change),
            )
        if insight not in {N_("I1"), N_("I2")}:
            return mistake(
                "unknown-insight",
                _("'{insight}' is not an insight: use I1 or I2.").format(insight=insight),
            )
        owner = row.get("owner", "").strip()
        if owner and vague_owner(owner):
            return mistake(
                "vague-owner",
                _(
                    "'{owner}' is nobody in particular: name one team or role that will make "
                    "'{change}' happen (support lead, the onboarding team ...)."
                ).format(owner=owner, change=change),
            )
        if not owner:
            return mistake(
                "no-owner",
                _(
                    "'{change}' has no owner: name the team that will make it happen, or it "
                    "will not."
                ).format(change=change),
            )
        if not row.get(N_("KPI"), "").strip():
            return mistake(
                "no-kpi",
                _(
                    "'{change}' has no KPI: say what you will measure to know it worked (for "
                    "example 'bank connected on the first try for 90%')."
                ).format(change=change),
            )
        kpi = row.get(N_("KPI"), "").strip()
        if not measurable(kpi):
            return mistake(
                "kpi-not-measurable",
                _(
                    "'{kpi}' cannot be measured: say what you will count and the target, with "
                    "a number or a time (for example 'support answers within 4 hours at month "
                    "end')."
                ).format(kpi=kpi),
            )
    if len({text_key(r["change"]) for r in filled}) < len(filled):
        return mistake(
            "same-change",
            _("Both rows plan the same change: each insight needs the change that answers it."),
        )
    answered = [r.get("answers insight", "").strip().upper() for r in filled]
    if len(set(answered)) < len(answered):
        left = sorted({"I1", "I2"} - set(answered))
        return mistake(
            "same-insight",
            _(
                "Both actions answer {insight}: {other} is left without one. Plan one action for "
                "each insight."
            ).format(insight=answered[0], other=", ".join(left) or "-"),
        )
    return right(_("Right: each action answers a pain point, has an owner and a KPI."))


QUICK_WIN = N_("High impact, low effort")
ACTIONS = Exercise(
    key="08-actions",
    terms={"plan": "action-plan", "first": "action-plan", "demo": "action-plan"},
    step=6,
    title=N_("Plan actions that answer pain points"),
    case=(
        N_(
            "Brightledger's validated map (Team North in the sample workshop) has two top "
            "pain points, both heard in its interviews and seen in its scores:"
        ),
        " ",
        INSIGHTS[0],
        "; ",
        INSIGHTS[1],
        ". ",
        N_(
            "A B2B software company in the articles found in interviews that its ideal "
            "customers wanted a demo, not a free trial; it made 'book a demo' its main call to "
            "action (the article claims demo requests doubled)."
        ),
    ),
    tasks=(
        custom(
            "plan",
            N_(
                "Plan two actions: the change, the insight it answers (I1 or I2), its owner and "
                "its KPI."
            ),
            "rows",
            _actions,
            fields=ACTION_FIELDS,
            worked=N_(
                "for example: retry the bank connection and let people skip it, answering I1, "
                "owned by the product team, KPI '90% connect on the first try by June'; chat "
                "support staffed at month end, answering I2, owned by the support lead, KPI "
                "'month-end replies within 1 hour'."
            ),
        ),
        choice(
            N_("Which action goes first?"),
            [QUICK_WIN, N_("High impact, high effort"), N_("Low impact, low effort")],
            QUICK_WIN,
            N_("quick wins first: most change for the least work."),
            {
                "High impact, high effort": Hint(
                    "big-bet-first",
                    N_(
                        "A big bet is worth doing, but after the quick wins: it takes longer to "
                        "show results."
                    ),
                ),
                "Low impact, low effort": Hint(
                    "easy-not-useful",
                    N_(
                        "Easy but with little effect on the journey: it comes after what moves "
                        "customers along."
                    ),
                ),
            },
            key="first",
        ),
        choice(
            N_("What did the B2B company change after its interviews?"),
            [
                N_("Its main call to action, from free trial to 'book a demo'"),
                N_("Its prices"),
                N_("Nothing: interviews are anecdotes"),
            ],
            N_("Its main call to action, from free trial to 'book a demo'"),
            N_("the change answered what its ideal customers said they wanted."),
            {
                "Its prices": Hint(
                    "not-in-evidence",
                    N_(
                        "Nobody asked for other prices: the change answered what customers said "
                        "(a demo instead of a trial)."
                    ),
                ),
                "Nothing: interviews are anecdotes": Hint(
                    "ignore-customers",
                    N_(
                        "Listening to customers first is the rule: their words pointed at the "
                        "change."
                    ),
                ),
            },
            key="demo",
        ),
    ),
)

# ----- 7 new experience design -----------------------------------------------------------------

KEEP, DROP = N_("keep and strengthen"), N_("drop")
GAP_ITEMS = (
    N_("Onboarding webinar (moves trial users to purchase)"),
    N_("Printed catalogue (no effect on any stage)"),
    N_("Invoice-paid email (customers share it with colleagues)"),
    N_("Cold calls to paying customers (no effect, annoys them)"),
)

NEW_EXPERIENCE = Exercise(
    key="09-new-experience",
    terms={"gap": "gap", "lift": "gap", "b2b": "b2b"},
    step=7,
    title=N_("Design the to-be journey"),
    case=(
        N_(
            "Paperleaf's gap analysis lays its touchpoints over the journey stages. On the as-is "
            "map the purchase stage averages emotion -1.5; the team's to-be design (bank "
            "connection on the first try, chat at month end) aims at +0.5. Paperleaf sells to "
            "businesses."
        )
    ),
    tasks=(
        match(
            N_("Which touchpoints do you keep and strengthen, which do you drop?"),
            GAP_ITEMS,
            [KEEP, DROP],
            dict(zip(GAP_ITEMS, [KEEP, DROP, KEEP, DROP], strict=True)),
            N_("keep what moves customers along the journey, drop what has no effect on it."),
            {
                (GAP_ITEMS[1], KEEP): Hint(
                    "keep-without-effect",
                    N_(
                        "The catalogue moves nobody along the journey: drop it and spend the "
                        "effort where customers are."
                    ),
                ),
                (GAP_ITEMS[0], DROP): Hint(
                    "drop-what-works",
                    N_("The webinar moves trial users to purchase: keep it and make it stronger."),
                ),
                (GAP_ITEMS[2], DROP): Hint(
                    "drop-what-spreads",
                    N_(
                        "Customers share the invoice-paid email with colleagues: it brings new "
                        "customers, so keep it and make it stronger."
                    ),
                ),
                (GAP_ITEMS[3], KEEP): Hint(
                    "keep-annoying",
                    N_("Cold calls have no effect and annoy customers: drop them."),
                ),
            },
            key="gap",
        ),
        number(
            N_("By how much does the to-be design lift the purchase stage's emotion?"),
            2.0,
            N_("from -1.5 to +0.5 is a lift of 2.0."),
            [
                (
                    -1.0,
                    Hint(
                        "added-signs",
                        N_("-1.5 + 0.5 adds the two: the lift is to-be minus as-is, 0.5 - (-1.5)."),
                    ),
                ),
                (
                    1.0,
                    Hint(
                        "sign-dropped",
                        N_("The minus of -1.5 got lost: 0.5 - (-1.5) = 0.5 + 1.5."),
                    ),
                ),
            ],
            key="lift",
            tolerance=0.05,
            bounds=(-4, 4),
        ),
        choice(
            N_("In business-to-business, a good experience is above all ..."),
            [N_("hassle-free"), N_("thrilling"), N_("cheap")],
            N_("hassle-free"),
            N_("in B2B a good experience is hassle-free rather than thrilling."),
            {
                "thrilling": Hint(
                    "b2b-thrill",
                    N_(
                        "Thrills suit some consumer brands; a business buyer wants things to just "
                        "work: hassle-free."
                    ),
                ),
                "cheap": Hint(
                    "price-not-experience",
                    N_("Price is not the experience: in B2B it is above all hassle-free."),
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
    terms={
        "insight": "touchpoint",
        "wom": "touchpoint",
        "pioneers": "journey-map",
        "personas": "persona",
        "moment": "moment-of-truth",
        "hypothesis": "validation",
        "internal": "internal-customer",
        "experience-starts": "customer-experience",
    },
    step=0,
    title=N_("Concept quiz"),
    case=N_("Eight questions on the words and rules of journey mapping. Each answer is explained."),
    tasks=(
        _quiz(
            "insight",
            N_(
                "Customers air grievances about late parcels in public posts. Which touchpoint "
                "could you use to act on this insight?"
            ),
            [N_("Social media"), N_("Printed catalogue"), N_("Invoice footer")],
            N_("the grievance is aired on social media, so that is where you answer it."),
            {
                "Printed catalogue": N_(
                    "A catalogue cannot answer a public post: act where the "
                    "customers speak, on social media."
                ),
                "Invoice footer": N_(
                    "Customers who complain publicly will not read it there: "
                    "answer on social media."
                ),
            },
        ),
        _quiz(
            "wom",
            N_("Is word of mouth a touchpoint?"),
            [N_("Yes"), N_("No")],
            N_("any contact with the brand counts, word of mouth included (indirect contact)."),
            {
                "No": N_(
                    "It is: a touchpoint is any moment someone meets the brand, even through a "
                    "friend."
                )
            },
        ),
        _quiz(
            "pioneers",
            N_("Who pioneered journey mapping?"),
            [N_("Ron Zemke and Chip Bell"), N_("Steve Jobs"), N_("Philip Kotler")],
            N_("the articles credit Ron Zemke and Chip Bell."),
            {
                "Steve Jobs": N_(
                    "Apple is an example of experience design, not the origin of "
                    "journey mapping: the articles name Ron Zemke and Chip Bell."
                ),
                "Philip Kotler": N_(
                    "Kotler shaped marketing; the articles credit Ron Zemke and "
                    "Chip Bell with journey mapping."
                ),
            },
        ),
        _quiz(
            "personas",
            N_("How many personas may one map show at most?"),
            [N_("Two"), N_("Three"), N_("As many as we have")],
            N_("one or two personas per map; more blur it."),
            {
                "Three": N_("Three blur the map: at most two."),
                "As many as we have": N_("A map for everyone shows no one: at most two personas."),
            },
        ),
        _quiz(
            "moment",
            N_("What is a moment of truth?"),
            [
                N_("A critical moment where the customer decides or feels strongly"),
                N_("The moment the invoice is paid"),
                N_("Any touchpoint with a survey"),
            ],
            N_(
                "a moment of truth is where an important decision is taken or a strong emotion "
                "felt."
            ),
            {
                "The moment the invoice is paid": N_(
                    "Payment can be one, but it is defined by "
                    "the decision or the emotion, not by money."
                ),
                "Any touchpoint with a survey": N_(
                    "A survey measures; a moment of truth is a "
                    "decision or a strong feeling of the customer."
                ),
            },
        ),
        _quiz(
            "hypothesis",
            N_("When is the employee workshop's map more than a hypothesis?"),
            [
                N_("When real customers have confirmed it"),
                N_("When the whole staff agrees"),
                N_("When it is printed"),
            ],
            N_(
                "the map stays a hypothesis until customers (interviews, surveys, data) confirm it."
            ),
            {
                "When the whole staff agrees": N_(
                    "Agreement among staff is still the company's view: customers must confirm it."
                ),
                "When it is printed": N_("Printing does not validate: customers do."),
            },
        ),
        _quiz(
            "internal",
            N_("A partner delivers your product to the end user. Who is the partner?"),
            [N_("An internal customer"), N_("A competitor"), N_("Not part of the journey")],
            N_(
                "someone with a relationship to the company who may not buy is an internal "
                "customer; the end user is the external one."
            ),
            {
                "A competitor": N_(
                    "The partner works with you, not against you: an internal customer."
                ),
                "Not part of the journey": N_(
                    "The partner shapes the end user's experience: an internal customer."
                ),
            },
        ),
        _quiz(
            "experience-starts",
            N_("When does Apple's customer experience start?"),
            [
                N_("Before the device is switched on"),
                N_("When the device is switched on"),
                N_("At the first support call"),
            ],
            N_("advertising and packaging are part of the experience, before the device is on."),
            {
                "When the device is switched on": N_(
                    "Earlier: the advert and the box already shape the experience."
                ),
                "At the first support call": N_(
                    "Much earlier: the experience starts with the advert and the packaging."
                ),
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
