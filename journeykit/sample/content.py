"""What the sample workshop is about: a fictional invoicing software company and two teams.

The content follows METHOD.md: a B2B buyer journey on the seven-stage template, a second journey
on another template, touchpoints direct and indirect, digital and physical, and evidence with
patterns planted on purpose (see PLANTED) so analysis has something true to find.
"""

from __future__ import annotations

from journeykit.i18n import N_
from journeykit.model.workspace import ActionStatus, Contact, InsightKind, NoteTag

# the rows' shapes, so the kinds they name are checked against the model's
TouchpointRow = tuple[str, str, str, bool, Contact, str, bool, bool]
QuoteRow = tuple[str, str, list[NoteTag], int, str]
InsightRow = tuple[str, InsightKind, str, str, int, str, str]
ActionRow = tuple[str, str, list[str], str, int, int, ActionStatus, str]

COMPANY = N_("Brightledger (a fictional invoicing and bookkeeping software company)")

PLANTED = {
    "onboarding": "The setup wizard's bank connection fails often: onboarding has the lowest "
    "CSAT, the highest effort (CES) and the largest drop-off, worst on Android, and "
    "interviewees complain about it.",
    "incident": "In the week of 2026-04-13 a bank-feed outage halved bank connections: "
    "conversion from onboarding to first invoice drops that week.",
    "demo": "Interviewees prefer a demo to a free trial (METHOD.md section 7): demo bookers "
    "convert to purchase about twice as often as trial starters.",
    "support": "Support is hard to reach at month end: live chat CSAT is low in the last days of "
    "each month.",
    "delight": "Automatic payment reminders delight: high CSAT and warm comments.",
}

# (id, name, channel, digital, contact, owner, used_today, should_use)
TOUCHPOINTS: list[TouchpointRow] = [
    ("search-ads", N_("Search ads"), N_("search"), True, "indirect", N_("Marketing"), True, True),
    (
        "review-sites",
        N_("Software review sites"),
        N_("web"),
        True,
        "indirect",
        N_("Marketing"),
        True,
        True,
    ),
    (
        "word-of-mouth",
        N_("Word of mouth"),
        N_("people"),
        False,
        "indirect",
        N_("Everyone"),
        True,
        True,
    ),
    (
        "accountant-referral",
        N_("Accountant referral"),
        N_("people"),
        False,
        "indirect",
        N_("Partners"),
        True,
        True,
    ),
    (
        "social-media",
        N_("Social media posts"),
        N_("social"),
        True,
        "indirect",
        N_("Marketing"),
        True,
        True,
    ),
    (
        "direct-mail",
        N_("Printed direct mail"),
        N_("post"),
        False,
        "direct",
        N_("Marketing"),
        True,
        False,
    ),
    ("trade-fair", N_("Trade fair stand"), N_("event"), False, "direct", N_("Sales"), True, True),
    ("website", N_("Website"), N_("web"), True, "direct", N_("Marketing"), True, True),
    ("pricing-page", N_("Pricing page"), N_("web"), True, "direct", N_("Marketing"), True, True),
    ("free-trial", N_("Free trial sign-up"), N_("web"), True, "direct", N_("Product"), True, False),
    ("demo-booking", N_("Book-a-demo form"), N_("web"), True, "direct", N_("Sales"), False, True),
    ("sales-call", N_("Sales call"), N_("phone"), False, "direct", N_("Sales"), True, True),
    (
        "contract-email",
        N_("Contract and invoice email"),
        N_("email"),
        True,
        "direct",
        N_("Finance"),
        True,
        True,
    ),
    ("setup-wizard", N_("Setup wizard"), N_("app"), True, "direct", N_("Product"), True, True),
    (
        "onboarding-call",
        N_("Onboarding call"),
        N_("video call"),
        True,
        "direct",
        N_("Customer success"),
        True,
        True,
    ),
    (
        "welcome-pack",
        N_("Printed welcome pack"),
        N_("post"),
        False,
        "direct",
        N_("Customer success"),
        True,
        True,
    ),
    (
        "help-centre",
        N_("Help centre articles"),
        N_("web"),
        True,
        "direct",
        N_("Support"),
        True,
        True,
    ),
    ("live-chat", N_("Live chat"), N_("chat"), True, "direct", N_("Support"), True, True),
    (
        "payment-reminders",
        N_("Automatic payment reminders"),
        N_("email"),
        True,
        "direct",
        N_("Product"),
        True,
        True,
    ),
    ("mobile-app", N_("Mobile app"), N_("app"), True, "direct", N_("Product"), True, True),
    (
        "user-community",
        N_("User community forum"),
        N_("web"),
        True,
        "direct",
        N_("Customer success"),
        False,
        True,
    ),
    (
        "account-review",
        N_("Quarterly account review"),
        N_("meeting"),
        False,
        "direct",
        N_("Customer success"),
        False,
        True,
    ),
]

# Usage events: name -> journey stage (B2B seven-stage ids); the funnel runs in this order.
EVENT_STAGES = {
    "site_visited": "research",
    "pricing_viewed": "research",
    "demo_booked": "evaluation",
    "trial_started": "evaluation",
    "plan_purchased": "commitment",
    "wizard_started": "onboarding",
    "bank_connected": "onboarding",
    "first_invoice_sent": "onboarding",
    "user_invited": "expansion",
    "plan_upgraded": "expansion",
}
EVENT_TOUCHPOINTS = {
    "site_visited": "website",
    "pricing_viewed": "pricing-page",
    "demo_booked": "demo-booking",
    "trial_started": "free-trial",
    "plan_purchased": "contract-email",
    "wizard_started": "setup-wizard",
    "bank_connected": "setup-wizard",
    "first_invoice_sent": "setup-wizard",
    "user_invited": "mobile-app",
    "plan_upgraded": "pricing-page",
}

# Per stage of the B2B journey: (touchpoint, customer action, thoughts, emotion, pain points,
# opportunities, moment of truth)
B2B_STEPS = {
    "status-quo": [
        (
            "word-of-mouth",
            N_("Keeps invoices in spreadsheets and chases payments by hand"),
            N_("It works, more or less."),
            0,
            [],
            [N_("Show what late payments cost")],
            False,
        ),
    ],
    "motivation": [
        (
            "accountant-referral",
            N_("Hears from the accountant that overdue invoices are rising"),
            N_("We are losing money to late payers."),
            -1,
            [N_("Cash flow worries")],
            [],
            False,
        ),
    ],
    "research": [
        (
            "search-ads",
            N_("Searches for invoicing software and reads reviews"),
            N_("So many tools; which one fits us?"),
            0,
            [N_("Hard to compare prices")],
            [N_("Plain comparison table")],
            False,
        ),
        (
            "pricing-page",
            N_("Compares plans on the pricing page"),
            N_("Which plan do we need for five users?"),
            -1,
            [N_("Plan limits unclear")],
            [],
            False,
        ),
    ],
    "evaluation": [
        (
            "demo-booking",
            N_("Books a demo to see it with their own invoices"),
            N_("Show me it handles our VAT cases."),
            1,
            [],
            [N_("Make 'book a demo' the main call to action")],
            True,
        ),
        (
            "free-trial",
            N_("Starts a free trial, gets lost alone"),
            N_("Where do I even begin?"),
            -1,
            [N_("Empty trial account")],
            [N_("Guided sample data")],
            False,
        ),
    ],
    "commitment": [
        (
            "sales-call",
            N_("Agrees terms and launch date with sales"),
            N_("Good, a clear plan."),
            1,
            [],
            [],
            False,
        ),
        (
            "contract-email",
            N_("Signs the contract and pays the first invoice"),
            N_("Done. Now it has to work."),
            1,
            [],
            [],
            False,
        ),
    ],
    "onboarding": [
        (
            "setup-wizard",
            N_("Connects the bank account in the setup wizard"),
            N_("Why does the bank connection keep failing?"),
            -3,
            [N_("Bank connection fails"), N_("No way to reach a person from the wizard")],
            [N_("Hand-holding onboarding call before the bank step")],
            True,
        ),
        (
            "onboarding-call",
            N_("Waits for the onboarding call"),
            N_("A week to get a call?"),
            -2,
            [N_("Long wait for onboarding call")],
            [N_("Book the call at purchase")],
            False,
        ),
    ],
    "expansion": [
        (
            "payment-reminders",
            N_("Sees payment reminders bring money in on time"),
            N_("This pays for itself."),
            3,
            [],
            [N_("Ask for a review now")],
            True,
        ),
        (
            "account-review",
            N_("Adds colleagues and upgrades the plan"),
            N_("Let's roll it out."),
            2,
            [],
            [N_("Quarterly account review")],
            False,
        ),
    ],
}

FIVE_STEPS = {
    "awareness": [
        (
            "social-media",
            N_("Sees a post shared by a fellow owner"),
            N_("Looks simple."),
            1,
            [],
            [],
            False,
        )
    ],
    "consideration": [
        (
            "review-sites",
            N_("Reads reviews and asks the accountant"),
            N_("Will it work with my bank?"),
            0,
            [N_("Bank support not listed")],
            [],
            False,
        )
    ],
    "purchase": [
        (
            "pricing-page",
            N_("Buys the small plan with a card"),
            N_("Quick, good."),
            1,
            [],
            [],
            False,
        )
    ],
    "retention": [
        (
            "live-chat",
            N_("Asks live chat for help at month end"),
            N_("Nobody answers when I need it most."),
            -2,
            [N_("Support unreachable at month end")],
            [N_("Month-end chat cover")],
            True,
        )
    ],
    "advocacy": [
        (
            "word-of-mouth",
            N_("Recommends it to a neighbour's shop"),
            N_("It saved me hours."),
            2,
            [],
            [N_("Referral reward")],
            False,
        )
    ],
}

THREE_STEPS = {
    "awareness": [
        (
            "trade-fair",
            N_("Meets the company at a trade fair stand"),
            N_("Nice people."),
            1,
            [],
            [],
            False,
        )
    ],
    "consideration": [
        (
            "demo-booking",
            N_("Books a demo instead of a trial"),
            N_("I want to see it with my numbers."),
            1,
            [],
            [],
            True,
        )
    ],
    "conversion": [
        (
            "setup-wizard",
            N_("Buys and tries to connect the bank"),
            N_("It failed twice; I nearly gave up."),
            -2,
            [N_("Bank connection fails")],
            [],
            True,
        )
    ],
}

TEAMS = [
    {
        "id": "north",
        "name": N_("Team North: growing companies"),
        "goals": [
            N_("Understand why growing companies stall between purchase and first invoice"),
            N_("Find the moments of truth in the buying process"),
        ],
        "scope": N_(
            "Mid-sized companies (10-200 staff) buying Brightledger, from the first "
            "trigger to expansion, in the first year."
        ),
        "personas": [
            {
                "id": "finance-lead",
                "name": N_("Finance lead at a growing company"),
                "segment": N_("mid-market"),
                "goals": [N_("Get paid on time"), N_("Close the month faster")],
                "needs": [N_("Bank feeds that just work"), N_("VAT handled right")],
                "frustrations": [N_("Chasing late payers by hand"), N_("Tools that need IT")],
                "motivations": [N_("Cash flow"), N_("Fewer evenings at the office")],
                "channels": [N_("email"), N_("web"), N_("accountant")],
                "quote": N_("I need to see it handle our real invoices before I sign."),
                "evidence": "researched",
            },
            {
                "id": "it-admin",
                "name": N_("IT administrator"),
                "segment": N_("mid-market"),
                "goals": [N_("Roll out tools without tickets piling up")],
                "needs": [N_("Single sign-on"), N_("Clear setup steps")],
                "frustrations": [N_("Setup that stalls on a third-party connection")],
                "motivations": [N_("Quiet helpdesk")],
                "channels": [N_("web"), N_("chat")],
                "quote": N_("If setup fails, the tickets land on my desk."),
                "evidence": "assumed",
            },
        ],
        "journeys": [
            (
                "north-b2b",
                N_("Buying and starting Brightledger (as-is)"),
                "b2b-seven",
                B2B_STEPS,
                ["finance-lead", "it-admin"],
                N_("A finance lead replaces spreadsheets with invoicing software."),
                N_("Quick setup, bank feed on day one, fewer late payments."),
            ),
            (
                "north-lifecycle",
                N_("Customer lifecycle (as-is)"),
                "five-stage",
                FIVE_STEPS,
                ["finance-lead"],
                N_("From first hearing of Brightledger to recommending it."),
                N_("Help when needed, especially at month end."),
            ),
        ],
    },
    {
        "id": "south",
        "name": N_("Team South: small shops"),
        "goals": [
            N_("See the journey of shop owners who buy alone, without a sales contact"),
            N_("Decide where support must be reachable"),
        ],
        "scope": N_("Small shops and freelancers (1-9 staff) who sign up online."),
        "personas": [
            {
                "id": "shop-owner",
                "name": N_("Small shop owner"),
                "segment": N_("small business"),
                "goals": [N_("Spend less time on paperwork")],
                "needs": [N_("Works on the phone"), N_("Help at month end")],
                "frustrations": [N_("Support closed when the shop is")],
                "motivations": [N_("Time with customers, not invoices")],
                "channels": [N_("mobile"), N_("social media"), N_("word of mouth")],
                "quote": N_("I do my invoices at night, after closing."),
                "evidence": "researched",
            },
            {
                "id": "freelance-bookkeeper",
                "name": N_("Freelance bookkeeper"),
                "segment": N_("small business"),
                "goals": [N_("Serve many small clients from one place")],
                "needs": [N_("Switch between client accounts quickly")],
                "frustrations": [N_("One login per client")],
                "motivations": [N_("More clients in the same hours")],
                "channels": [N_("web"), N_("email"), N_("community")],
                "quote": N_("I recommend whatever saves my clients' time and mine."),
                "evidence": "assumed",
            },
        ],
        "journeys": [
            (
                "south-b2b",
                N_("Self-serve purchase (as-is)"),
                "b2b-seven",
                B2B_STEPS,
                ["shop-owner"],
                N_("A shop owner buys invoicing software online, alone."),
                N_("Set up in one evening, on the phone if need be."),
            ),
            (
                "south-quick",
                N_("First contact to purchase (as-is)"),
                "three-stage",
                THREE_STEPS,
                ["shop-owner", "freelance-bookkeeper"],
                N_("From a trade fair to the first invoice."),
                N_("A person to talk to, then a setup that works."),
            ),
        ],
    },
]

# Interview quotes: (stage, touchpoint, tags, emotion, text). Planted themes repeat on purpose.
INTERVIEW_QUOTES: list[QuoteRow] = [
    (
        "onboarding",
        "setup-wizard",
        ["pain_point"],
        -3,
        N_(
            "The bank connection failed three times in the setup wizard and there was nobody "
            "to ask."
        ),
    ),
    (
        "onboarding",
        "setup-wizard",
        ["pain_point", "need"],
        -2,
        N_(
            "We bought it on Monday and sent the first invoice two weeks later, because of the "
            "bank step."
        ),
    ),
    (
        "onboarding",
        "onboarding-call",
        ["pain_point"],
        -2,
        N_("Waiting a week for the onboarding call felt like being left alone right after paying."),
    ),
    (
        "onboarding",
        "setup-wizard",
        ["need"],
        -1,
        N_("I needed someone to walk me through the bank step; the help article was out of date."),
    ),
    (
        "onboarding",
        "mobile-app",
        ["pain_point"],
        -2,
        N_("On my Android phone the bank login page never came back to the app."),
    ),
    (
        "evaluation",
        "demo-booking",
        ["need", "delight"],
        2,
        N_("I did not want a trial. I wanted someone to show me it with our own VAT cases."),
    ),
    (
        "evaluation",
        "free-trial",
        ["pain_point"],
        -1,
        N_("The trial account was empty; I did not know what to try first and gave up."),
    ),
    (
        "evaluation",
        "demo-booking",
        ["delight"],
        2,
        N_("The demo convinced our director in twenty minutes."),
    ),
    (
        "research",
        "pricing-page",
        ["pain_point"],
        -1,
        N_("I could not tell from the pricing page which plan covers five users."),
    ),
    (
        "research",
        "review-sites",
        ["need"],
        0,
        N_("I read the reviews first; what other finance people say matters more than ads."),
    ),
    (
        "expansion",
        "payment-reminders",
        ["delight"],
        3,
        N_("The automatic reminders brought in money we had given up on."),
    ),
    (
        "expansion",
        "account-review",
        ["need"],
        1,
        N_("Nobody from the company has asked us how it is going since we started."),
    ),
    (
        "retention",
        "live-chat",
        ["pain_point"],
        -2,
        N_("At month end the chat says twenty minutes' wait, exactly when I am closing the books."),
    ),
    (
        "commitment",
        "sales-call",
        ["delight"],
        1,
        N_("The sales call was clear: price, launch date, who does what."),
    ),
    (
        "motivation",
        "accountant-referral",
        ["need"],
        -1,
        N_("Our accountant told us late payments were eating our cash; that is why we looked."),
    ),
    (
        "onboarding",
        "welcome-pack",
        ["delight"],
        2,
        N_("The printed welcome pack with a hand-written note was a nice surprise."),
    ),
    (
        "onboarding",
        "help-centre",
        ["pain_point"],
        -2,
        "Az ügyfélszolgálat nem válaszolt, a bankkapcsolat pedig nem működött.",
    ),
    (
        "retention",
        "live-chat",
        ["pain_point"],
        -2,
        "В конце месяца до поддержки невозможно дозвониться.",
    ),
    (
        "onboarding",
        "setup-wizard",
        ["pain_point"],
        -3,
        "اتصال حساب بانکی در راه‌اندازی سه بار خطا داد و کسی پاسخ نداد.",
    ),
    (
        "advocacy",
        "word-of-mouth",
        ["delight"],
        2,
        N_("I have told two other shop owners to use it; it saves me hours each month."),
    ),
]

# Low-score comments that belong to a touchpoint; others draw from COMMENTS["low"].
LOW_COMMENTS = {
    "setup-wizard": [
        N_("Bank connection failed again."),
        N_("Took far too long to get set up."),
        "A bankkapcsolat nem működött.",
        "راه‌اندازی خیلی سخت بود.",
    ],
    "onboarding-call": [N_("Waited days for the onboarding call."), N_("Nobody called back.")],
    "live-chat": [
        N_("Could not reach anyone when I needed help."),
        "Слишком долго ждать поддержку.",
    ],
    "free-trial": [N_("Empty trial, did not know where to start.")],
    "pricing-page": [N_("Which plan do I need? Not clear.")],
}
# How strongly satisfaction at a touchpoint moves the NPS (planted importance); default 0.35.
IMPORTANCE = {
    "setup-wizard": 1.0,
    "onboarding-call": 0.8,
    "live-chat": 0.9,
    "demo-booking": 0.8,
    "pricing-page": 0.6,
}
IMPORTANCE_DEFAULT = 0.35

COMMENTS = {
    "low": [
        N_("Confusing steps, I had to guess."),
        N_("Not what I expected."),
        N_("Too slow."),
    ],
    "mid": [
        N_("OK, but could be simpler."),
        N_("Fine once it was working."),
        N_("Does the job."),
        N_("The pricing was not clear at first."),
    ],
    "high": [
        N_("Reminders bring our money in on time!"),
        N_("Great demo, very clear."),
        N_("Easy and quick."),
        N_("Support was friendly and fast."),
        "Nagyon egyszerű.",
        "Очень удобно.",
    ],
}

# Mean CSAT (1-5) per touchpoint; touchpoints not listed get the default. Planted patterns.
CSAT_MEANS = {
    "setup-wizard": 2.5,
    "onboarding-call": 2.9,
    "live-chat": 3.4,
    "payment-reminders": 4.6,
    "demo-booking": 4.3,
    "free-trial": 3.1,
    "pricing-page": 3.4,
}
CSAT_DEFAULT = 3.9

INSIGHTS: list[InsightRow] = [
    (
        "bank-step-fails",
        "pain_point",
        N_("The bank connection in the setup wizard fails"),
        N_("Customers stall at the bank step; many wait days for help."),
        5,
        "onboarding",
        "setup-wizard",
    ),
    (
        "demo-over-trial",
        "need",
        N_("Buyers want a demo, not a trial"),
        N_("Finance leads want to see their own cases handled before they commit."),
        4,
        "evaluation",
        "demo-booking",
    ),
    (
        "reminders-delight",
        "delight",
        N_("Payment reminders bring money in"),
        N_("The feature customers praise most; ask for reviews at that moment."),
        2,
        "expansion",
        "payment-reminders",
    ),
]

ACTIONS: list[ActionRow] = [
    (
        "fix-bank-step",
        N_("Rebuild the bank step with a retry and a 'call me' button"),
        ["bank-step-fails"],
        N_("Product"),
        5,
        4,
        "planned",
        N_("Share of new customers who send a first invoice within 3 days"),
    ),
    (
        "book-a-demo-cta",
        N_("Make 'Book a demo' the main call to action"),
        ["demo-over-trial"],
        N_("Marketing"),
        4,
        1,
        "in_progress",
        N_("Demo requests per week"),
    ),
    (
        "review-ask",
        N_("Ask for a review after the first paid reminder"),
        ["reminders-delight"],
        N_("Customer success"),
        2,
        1,
        "idea",
        N_("Reviews per month"),
    ),
]
