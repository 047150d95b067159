"""What the sample workshop is about: a fictional invoicing software company and two teams.

The content follows METHOD.md: a B2B buyer journey on the seven-stage template, a second journey
on another template, touchpoints direct and indirect, digital and physical, and evidence with
patterns planted on purpose (see PLANTED) so analysis has something true to find.
"""

from __future__ import annotations

COMPANY = "Brightledger (a fictional invoicing and bookkeeping software company)"

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
TOUCHPOINTS = [
    ("search-ads", "Search ads", "search", True, "indirect", "Marketing", True, True),
    ("review-sites", "Software review sites", "web", True, "indirect", "Marketing", True, True),
    ("word-of-mouth", "Word of mouth", "people", False, "indirect", "Everyone", True, True),
    (
        "accountant-referral",
        "Accountant referral",
        "people",
        False,
        "indirect",
        "Partners",
        True,
        True,
    ),
    ("social-media", "Social media posts", "social", True, "indirect", "Marketing", True, True),
    ("direct-mail", "Printed direct mail", "post", False, "direct", "Marketing", True, False),
    ("trade-fair", "Trade fair stand", "event", False, "direct", "Sales", True, True),
    ("website", "Website", "web", True, "direct", "Marketing", True, True),
    ("pricing-page", "Pricing page", "web", True, "direct", "Marketing", True, True),
    ("free-trial", "Free trial sign-up", "web", True, "direct", "Product", True, False),
    ("demo-booking", "Book-a-demo form", "web", True, "direct", "Sales", False, True),
    ("sales-call", "Sales call", "phone", False, "direct", "Sales", True, True),
    (
        "contract-email",
        "Contract and invoice email",
        "email",
        True,
        "direct",
        "Finance",
        True,
        True,
    ),
    ("setup-wizard", "Setup wizard", "app", True, "direct", "Product", True, True),
    (
        "onboarding-call",
        "Onboarding call",
        "video call",
        True,
        "direct",
        "Customer success",
        True,
        True,
    ),
    (
        "welcome-pack",
        "Printed welcome pack",
        "post",
        False,
        "direct",
        "Customer success",
        True,
        True,
    ),
    ("help-centre", "Help centre articles", "web", True, "direct", "Support", True, True),
    ("live-chat", "Live chat", "chat", True, "direct", "Support", True, True),
    (
        "payment-reminders",
        "Automatic payment reminders",
        "email",
        True,
        "direct",
        "Product",
        True,
        True,
    ),
    ("mobile-app", "Mobile app", "app", True, "direct", "Product", True, True),
    (
        "user-community",
        "User community forum",
        "web",
        True,
        "direct",
        "Customer success",
        False,
        True,
    ),
    (
        "account-review",
        "Quarterly account review",
        "meeting",
        False,
        "direct",
        "Customer success",
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
            "Keeps invoices in spreadsheets and chases payments by hand",
            "It works, more or less.",
            0,
            [],
            ["Show what late payments cost"],
            False,
        ),
    ],
    "motivation": [
        (
            "accountant-referral",
            "Hears from the accountant that overdue invoices are rising",
            "We are losing money to late payers.",
            -1,
            ["Cash flow worries"],
            [],
            False,
        ),
    ],
    "research": [
        (
            "search-ads",
            "Searches for invoicing software and reads reviews",
            "So many tools; which one fits us?",
            0,
            ["Hard to compare prices"],
            ["Plain comparison table"],
            False,
        ),
        (
            "pricing-page",
            "Compares plans on the pricing page",
            "Which plan do we need for five users?",
            -1,
            ["Plan limits unclear"],
            [],
            False,
        ),
    ],
    "evaluation": [
        (
            "demo-booking",
            "Books a demo to see it with their own invoices",
            "Show me it handles our VAT cases.",
            1,
            [],
            ["Make 'book a demo' the main call to action"],
            True,
        ),
        (
            "free-trial",
            "Starts a free trial, gets lost alone",
            "Where do I even begin?",
            -1,
            ["Empty trial account"],
            ["Guided sample data"],
            False,
        ),
    ],
    "commitment": [
        (
            "sales-call",
            "Agrees terms and launch date with sales",
            "Good, a clear plan.",
            1,
            [],
            [],
            False,
        ),
        (
            "contract-email",
            "Signs the contract and pays the first invoice",
            "Done. Now it has to work.",
            1,
            [],
            [],
            False,
        ),
    ],
    "onboarding": [
        (
            "setup-wizard",
            "Connects the bank account in the setup wizard",
            "Why does the bank connection keep failing?",
            -3,
            ["Bank connection fails", "No way to reach a person from the wizard"],
            ["Hand-holding onboarding call before the bank step"],
            True,
        ),
        (
            "onboarding-call",
            "Waits for the onboarding call",
            "A week to get a call?",
            -2,
            ["Long wait for onboarding call"],
            ["Book the call at purchase"],
            False,
        ),
    ],
    "expansion": [
        (
            "payment-reminders",
            "Sees payment reminders bring money in on time",
            "This pays for itself.",
            3,
            [],
            ["Ask for a review now"],
            True,
        ),
        (
            "account-review",
            "Adds colleagues and upgrades the plan",
            "Let's roll it out.",
            2,
            [],
            ["Quarterly account review"],
            False,
        ),
    ],
}

FIVE_STEPS = {
    "awareness": [
        ("social-media", "Sees a post shared by a fellow owner", "Looks simple.", 1, [], [], False)
    ],
    "consideration": [
        (
            "review-sites",
            "Reads reviews and asks the accountant",
            "Will it work with my bank?",
            0,
            ["Bank support not listed"],
            [],
            False,
        )
    ],
    "purchase": [
        ("pricing-page", "Buys the small plan with a card", "Quick, good.", 1, [], [], False)
    ],
    "retention": [
        (
            "live-chat",
            "Asks live chat for help at month end",
            "Nobody answers when I need it most.",
            -2,
            ["Support unreachable at month end"],
            ["Month-end chat cover"],
            True,
        )
    ],
    "advocacy": [
        (
            "word-of-mouth",
            "Recommends it to a neighbour's shop",
            "It saved me hours.",
            2,
            [],
            ["Referral reward"],
            False,
        )
    ],
}

THREE_STEPS = {
    "awareness": [
        ("trade-fair", "Meets the company at a trade fair stand", "Nice people.", 1, [], [], False)
    ],
    "consideration": [
        (
            "demo-booking",
            "Books a demo instead of a trial",
            "I want to see it with my numbers.",
            1,
            [],
            [],
            True,
        )
    ],
    "conversion": [
        (
            "setup-wizard",
            "Buys and tries to connect the bank",
            "It failed twice; I nearly gave up.",
            -2,
            ["Bank connection fails"],
            [],
            True,
        )
    ],
}

TEAMS = [
    {
        "id": "north",
        "name": "Team North: growing companies",
        "goals": [
            "Understand why growing companies stall between purchase and first invoice",
            "Find the moments of truth in the buying process",
        ],
        "scope": "Mid-sized companies (10-200 staff) buying Brightledger, from the first "
        "trigger to expansion, in the first year.",
        "personas": [
            {
                "id": "finance-lead",
                "name": "Finance lead at a growing company",
                "segment": "mid-market",
                "goals": ["Get paid on time", "Close the month faster"],
                "needs": ["Bank feeds that just work", "VAT handled right"],
                "frustrations": ["Chasing late payers by hand", "Tools that need IT"],
                "motivations": ["Cash flow", "Fewer evenings at the office"],
                "channels": ["email", "web", "accountant"],
                "quote": "I need to see it handle our real invoices before I sign.",
                "evidence": "researched",
            },
            {
                "id": "it-admin",
                "name": "IT administrator",
                "segment": "mid-market",
                "goals": ["Roll out tools without tickets piling up"],
                "needs": ["Single sign-on", "Clear setup steps"],
                "frustrations": ["Setup that stalls on a third-party connection"],
                "motivations": ["Quiet helpdesk"],
                "channels": ["web", "chat"],
                "quote": "If setup fails, the tickets land on my desk.",
                "evidence": "assumed",
            },
        ],
        "journeys": [
            (
                "north-b2b",
                "Buying and starting Brightledger (as-is)",
                "b2b-seven",
                B2B_STEPS,
                ["finance-lead", "it-admin"],
                "A finance lead replaces spreadsheets with invoicing software.",
                "Quick setup, bank feed on day one, fewer late payments.",
            ),
            (
                "north-lifecycle",
                "Customer lifecycle (as-is)",
                "five-stage",
                FIVE_STEPS,
                ["finance-lead"],
                "From first hearing of Brightledger to recommending it.",
                "Help when needed, especially at month end.",
            ),
        ],
    },
    {
        "id": "south",
        "name": "Team South: small shops",
        "goals": [
            "See the journey of shop owners who buy alone, without a sales contact",
            "Decide where support must be reachable",
        ],
        "scope": "Small shops and freelancers (1-9 staff) who sign up online.",
        "personas": [
            {
                "id": "shop-owner",
                "name": "Small shop owner",
                "segment": "small business",
                "goals": ["Spend less time on paperwork"],
                "needs": ["Works on the phone", "Help at month end"],
                "frustrations": ["Support closed when the shop is"],
                "motivations": ["Time with customers, not invoices"],
                "channels": ["mobile", "social media", "word of mouth"],
                "quote": "I do my invoices at night, after closing.",
                "evidence": "researched",
            },
            {
                "id": "freelance-bookkeeper",
                "name": "Freelance bookkeeper",
                "segment": "small business",
                "goals": ["Serve many small clients from one place"],
                "needs": ["Switch between client accounts quickly"],
                "frustrations": ["One login per client"],
                "motivations": ["More clients in the same hours"],
                "channels": ["web", "email", "community"],
                "quote": "I recommend whatever saves my clients' time and mine.",
                "evidence": "assumed",
            },
        ],
        "journeys": [
            (
                "south-b2b",
                "Self-serve purchase (as-is)",
                "b2b-seven",
                B2B_STEPS,
                ["shop-owner"],
                "A shop owner buys invoicing software online, alone.",
                "Set up in one evening, on the phone if need be.",
            ),
            (
                "south-quick",
                "First contact to purchase (as-is)",
                "three-stage",
                THREE_STEPS,
                ["shop-owner", "freelance-bookkeeper"],
                "From a trade fair to the first invoice.",
                "A person to talk to, then a setup that works.",
            ),
        ],
    },
]

# Interview quotes: (stage, touchpoint, tags, emotion, text). Planted themes repeat on purpose.
INTERVIEW_QUOTES = [
    (
        "onboarding",
        "setup-wizard",
        ["pain_point"],
        -3,
        "The bank connection failed three times in the setup wizard and there was nobody to ask.",
    ),
    (
        "onboarding",
        "setup-wizard",
        ["pain_point", "need"],
        -2,
        "We bought it on Monday and sent the first invoice two weeks later, because of the bank "
        "step.",
    ),
    (
        "onboarding",
        "onboarding-call",
        ["pain_point"],
        -2,
        "Waiting a week for the onboarding call felt like being left alone right after paying.",
    ),
    (
        "onboarding",
        "setup-wizard",
        ["need"],
        -1,
        "I needed someone to walk me through the bank step; the help article was out of date.",
    ),
    (
        "onboarding",
        "mobile-app",
        ["pain_point"],
        -2,
        "On my Android phone the bank login page never came back to the app.",
    ),
    (
        "evaluation",
        "demo-booking",
        ["need", "delight"],
        2,
        "I did not want a trial. I wanted someone to show me it with our own VAT cases.",
    ),
    (
        "evaluation",
        "free-trial",
        ["pain_point"],
        -1,
        "The trial account was empty; I did not know what to try first and gave up.",
    ),
    (
        "evaluation",
        "demo-booking",
        ["delight"],
        2,
        "The demo convinced our director in twenty minutes.",
    ),
    (
        "research",
        "pricing-page",
        ["pain_point"],
        -1,
        "I could not tell from the pricing page which plan covers five users.",
    ),
    (
        "research",
        "review-sites",
        ["need"],
        0,
        "I read the reviews first; what other finance people say matters more than ads.",
    ),
    (
        "expansion",
        "payment-reminders",
        ["delight"],
        3,
        "The automatic reminders brought in money we had given up on.",
    ),
    (
        "expansion",
        "account-review",
        ["need"],
        1,
        "Nobody from the company has asked us how it is going since we started.",
    ),
    (
        "retention",
        "live-chat",
        ["pain_point"],
        -2,
        "At month end the chat says twenty minutes' wait, exactly when I am closing the books.",
    ),
    (
        "commitment",
        "sales-call",
        ["delight"],
        1,
        "The sales call was clear: price, launch date, who does what.",
    ),
    (
        "motivation",
        "accountant-referral",
        ["need"],
        -1,
        "Our accountant told us late payments were eating our cash; that is why we looked.",
    ),
    (
        "onboarding",
        "welcome-pack",
        ["delight"],
        2,
        "The printed welcome pack with a hand-written note was a nice surprise.",
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
        "I have told two other shop owners to use it; it saves me hours each month.",
    ),
]

# Low-score comments that belong to a touchpoint; others draw from COMMENTS["low"].
LOW_COMMENTS = {
    "setup-wizard": [
        "Bank connection failed again.",
        "Took far too long to get set up.",
        "A bankkapcsolat nem működött.",
        "راه‌اندازی خیلی سخت بود.",
    ],
    "onboarding-call": ["Waited days for the onboarding call.", "Nobody called back."],
    "live-chat": [
        "Could not reach anyone when I needed help.",
        "Слишком долго ждать поддержку.",
    ],
    "free-trial": ["Empty trial, did not know where to start."],
    "pricing-page": ["Which plan do I need? Not clear."],
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
        "Confusing steps, I had to guess.",
        "Not what I expected.",
        "Too slow.",
    ],
    "mid": [
        "OK, but could be simpler.",
        "Fine once it was working.",
        "Does the job.",
        "The pricing was not clear at first.",
    ],
    "high": [
        "Reminders bring our money in on time!",
        "Great demo, very clear.",
        "Easy and quick.",
        "Support was friendly and fast.",
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

INSIGHTS = [
    (
        "bank-step-fails",
        "pain_point",
        "The bank connection in the setup wizard fails",
        "Customers stall at the bank step; many wait days for help.",
        5,
        "onboarding",
        "setup-wizard",
    ),
    (
        "demo-over-trial",
        "need",
        "Buyers want a demo, not a trial",
        "Finance leads want to see their own cases handled before they commit.",
        4,
        "evaluation",
        "demo-booking",
    ),
    (
        "reminders-delight",
        "delight",
        "Payment reminders bring money in",
        "The feature customers praise most; ask for reviews at that moment.",
        2,
        "expansion",
        "payment-reminders",
    ),
]

ACTIONS = [
    (
        "fix-bank-step",
        "Rebuild the bank step with a retry and a 'call me' button",
        ["bank-step-fails"],
        "Product",
        5,
        4,
        "planned",
        "Share of new customers who send a first invoice within 3 days",
    ),
    (
        "book-a-demo-cta",
        "Make 'Book a demo' the main call to action",
        ["demo-over-trial"],
        "Marketing",
        4,
        1,
        "in_progress",
        "Demo requests per week",
    ),
    (
        "review-ask",
        "Ask for a review after the first paid reminder",
        ["reminders-delight"],
        "Customer success",
        2,
        1,
        "idea",
        "Reviews per month",
    ),
]
