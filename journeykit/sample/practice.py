"""A small practice survey for a team that starts from an empty workshop (the walkthrough of
the seven steps): three touchpoints any team can add by name, on the five-stage model.

The file is bundled as `workshop/data/practice-survey.csv`; `practice_survey()` writes the same
text, and a test keeps the two equal.
"""

from __future__ import annotations

import csv
import io

import numpy as np

from journeykit.store import Store

PRACTICE_TOUCHPOINTS = {
    # name: (stage, mean CSAT 1-5, comments when unhappy)
    "Website": ("consideration", 4.2, ("Prices were hard to find.",)),
    "Setup wizard": (
        "purchase",
        2.1,
        (
            "The bank connection failed twice.",
            "I got stuck and nobody answered.",
            "Setup took me a whole afternoon.",
        ),
    ),
    "Live chat": ("retention", 3.9, ("Waited ten minutes for an answer.",)),
}
HAPPY = ("Quick and clear.", "Worked the first time.")
HEADER = (
    "Response ID",
    "Submitted",
    "Touchpoint",
    "Stage",
    "How likely are you to recommend us?",
    "How satisfied were you with this step?",
    "Comment",
)


def practice_survey(rows: int = 360, seed: int = 5) -> str:
    """The practice survey as CSV text (same seed, same file)."""
    rng = np.random.default_rng(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    names = list(PRACTICE_TOUCHPOINTS)
    for number in range(rows):
        name = names[number % len(names)]
        stage, mean, complaints = PRACTICE_TOUCHPOINTS[name]
        csat = int(np.clip(np.rint(rng.normal(mean, 0.9)), 1, 5))
        nps = int(np.clip(np.rint(csat * 2 + rng.normal(0, 1.5)), 0, 10))
        comment = ""
        if rng.random() < 0.4:
            pool = complaints if csat <= 2 else HAPPY if csat >= 4 else ("",)
            comment = pool[int(rng.integers(len(pool)))]
        day = 1 + number % 28
        writer.writerow(
            (
                f"p{number + 1:04d}",
                f"2026-03-{day:02d} {9 + number % 8:02d}:15",
                name,
                stage,
                nps,
                csat,
                comment,
            )
        )
    return out.getvalue()


INTERVIEW_HEADER = ("Interviewee", "Date", "Touchpoint", "Stage", "Note", "Tags", "Emotion")
PRACTICE_NOTES = (
    # (touchpoint, stage, what was said, tags, emotion); in the four languages of the kit,
    # some not coded yet (tags and emotion left blank, as notes come from an interview)
    (
        "Website",
        "consideration",
        "I could not find the prices without booking a demo.",
        "pain point",
        "-2",
    ),
    ("Website", "consideration", "The comparison with our old tool was useful.", "delight", "2"),
    (
        "Website",
        "consideration",
        "Nem találtam meg az árakat, demót kellett kérnem.",
        "pain point",
        "-2",
    ),
    ("Website", "consideration", "Хотелось бы видеть цены сразу, без звонка.", "need", "-1"),
    ("Website", "consideration", "قیمت‌ها را پیدا نکردم و مجبور شدم تماس بگیرم.", "", ""),
    (
        "Setup wizard",
        "purchase",
        "The bank connection failed twice and I gave up for the day.",
        "pain point",
        "-3",
    ),
    (
        "Setup wizard",
        "purchase",
        "I needed someone to tell me which account to connect.",
        "need",
        "-1",
    ),
    ("Setup wizard", "purchase", "A bankkapcsolat kétszer is megszakadt.", "pain point", "-3"),
    (
        "Setup wizard",
        "purchase",
        "Настройка заняла целый день, я застрял на банке.",
        "pain point",
        "-3",
    ),
    (
        "Setup wizard",
        "purchase",
        "اتصال به بانک دو بار خطا داد و کسی جواب نداد.",
        "pain point",
        "-3",
    ),
    (
        "Setup wizard",
        "purchase",
        "Once the bank was connected, the first invoice took a minute.",
        "",
        "",
    ),
    (
        "Live chat",
        "retention",
        "The chat answered in ten minutes, at month end it took longer.",
        "pain point",
        "-1",
    ),
    ("Live chat", "retention", "A chaten gyorsan és kedvesen segítettek.", "delight", "2"),
    ("Live chat", "retention", "В чате помогли, но пришлось ждать.", "", ""),
    ("Live chat", "retention", "پشتیبانی گفتگو سریع بود و مشکلم حل شد.", "delight", "3"),
    ("Live chat", "retention", "I would like the chat to be open on Saturdays.", "need", "0"),
)


def practice_interviews() -> str:
    """Interview notes for the practice team (step 3) as a spreadsheet saves them: about the
    practice survey's touchpoints and stages, in English, Persian, Hungarian and Russian."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(INTERVIEW_HEADER)
    for number, (touchpoint, stage, text, tags, emotion) in enumerate(PRACTICE_NOTES):
        writer.writerow(
            (
                f"Interviewee {chr(ord('A') + number)}",
                f"2026-03-{2 + number:02d}",
                touchpoint,
                stage,
                text,
                tags,
                emotion,
            )
        )
    return out.getvalue()


EVENT_HEADER = ("User ID", "Event", "Timestamp", "Platform", "Stage", "Touchpoint")
PRACTICE_FUNNEL = (
    # event, stage, touchpoint, share of the users before who get here, hours after the last
    ("pricing_viewed", "consideration", "Website", 1.0, 0),
    ("signed_up", "purchase", "Website", 0.45, 24),
    ("bank_connected", "purchase", "Setup wizard", 0.55, 6),
    ("invoice_sent", "retention", "Setup wizard", 0.8, 12),
    ("chat_opened", "retention", "Live chat", 0.35, 72),
    ("colleague_invited", "advocacy", "Website", 0.3, 240),
)


def practice_events(users: int = 400, seed: int = 7) -> str:
    """Usage events for the practice team (step 4's funnel) as an analytics export gives them:
    rows in no particular order, some users first seen in the middle of the journey (they
    signed up at a fair), times in UTC."""
    rng = np.random.default_rng(seed)
    rows = []
    for user in range(users):
        mid_funnel = rng.random() < 0.08
        when = np.datetime64("2026-03-01T08:00") + np.timedelta64(
            int(rng.integers(0, 20 * 24 * 60)), "m"
        )
        platform = ("web", "ios", "android")[int(rng.integers(3))]
        for index, (event, stage, touchpoint, share, hours) in enumerate(PRACTICE_FUNNEL):
            if index == 0 and mid_funnel:
                continue
            if index and rng.random() > share:
                break
            when = when + np.timedelta64(int(rng.exponential(max(hours, 0.2)) * 60) + 1, "m")
            rows.append(
                (f"u{user + 1:04d}", event, str(when) + ":00Z", platform, stage, touchpoint)
            )
    order = rng.permutation(len(rows))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVENT_HEADER)
    writer.writerows(rows[i] for i in order)
    return out.getvalue()


def practice_team(store: Store, team: str = "practice") -> str:
    """A team as a new one builds it for the practice data: a persona, the three touchpoints
    and an as-is journey on the five-stage model with a step per touchpoint (the evidence is
    imported as a team would: `journeykit.evidence.import_practice`)."""
    from journeykit.model import Journey, Persona, Step, Touchpoint, Workspace, make_id
    from journeykit.model.templates import stages_of

    store.create_team(Workspace(id=team, name="Practice team"))
    store.add(team, Persona(id="owner", name="Owner of a small company"))
    steps = []
    for name, (stage, _mean, complaints) in PRACTICE_TOUCHPOINTS.items():
        store.add(team, Touchpoint(id=make_id(name), name=name, channel="web", digital=True))
        steps.append(
            Step(
                id=make_id(stage, name),
                stage=stage,
                touchpoints=[make_id(name)],
                action=f"Uses the {name.lower()}",
                pain_points=list(complaints[:1]),
            )
        )
    store.add(
        team,
        Journey(
            id="today",
            name="Today",
            personas=["owner"],
            template="five-stage",
            stages=stages_of("five-stage"),
            steps=steps,
        ),
    )
    return team


PRACTICE_FILES = {
    "survey": ("practice-survey.csv", practice_survey),
    "interviews": ("practice-interviews.csv", practice_interviews),
    "events": ("practice-events.csv", practice_events),
}
"""The bundled practice files (in workshop/data/) and what writes each."""
