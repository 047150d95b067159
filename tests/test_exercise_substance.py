"""Exercise checks judge substance: nonsense a student might type (random keys, platforms or
journey steps where touchpoints are asked, a one-letter pain point, a KPI nobody can measure,
"everyone" as the owner, two actions for one insight) is refused with its own hint, in every
language, and answers with the right idea in the student's own words pass."""

from __future__ import annotations

import pytest

from journeykit.i18n import language
from journeykit.teaching.exercises import ACTIONS, QUALITATIVE, TOUCHPOINTS
from journeykit.teaching.judge import gibberish, keyboard_mash, measurable, vague_owner

LIST = TOUCHPOINTS.tasks[0]
PAINS = next(t for t in QUALITATIVE.tasks if t.kind == "rows")
PLAN = next(t for t in ACTIONS.tasks if t.kind == "rows")

NONSENSE = {
    "en": [
        (["asdf", "qwer", "zxcv", "uiop"], "not-a-moment"),
        (["Facebook", "Instagram", "Google", "TikTok"], "channel-not-touchpoint"),
        (["Searching", "Comparing", "Buying", "Wearing"], "journey-step-not-touchpoint"),
        (["banana", "car", "house", "tree"], "not-a-moment"),
        (["Website", "Email", "Phone", "Chat"], "channel-not-touchpoint"),
    ],
    "hu": [
        (["asdf", "qwer", "zxcv", "uiop"], "not-a-moment"),
        (["Keresés", "Összehasonlítás", "Vásárlás", "Viselés"], "journey-step-not-touchpoint"),
        (["Facebook", "Instagram", "Google", "TikTok"], "channel-not-touchpoint"),
    ],
    "ru": [
        (["фыва", "йцук", "ячсм", "олдж"], "not-a-moment"),
        (["Поиск", "Сравнение", "Покупка", "Носка"], "journey-step-not-touchpoint"),
        (["ВКонтакте", "Телеграм", "Яндекс", "Инстаграм"], "channel-not-touchpoint"),
    ],
    "fa": [
        (["اینستاگرام", "گوگل", "تلگرام", "واتساپ"], "channel-not-touchpoint"),
        (["جست‌وجو", "مقایسه", "خرید", "پوشیدن"], "journey-step-not-touchpoint"),
    ],
}
SENSIBLE = {
    "en": [
        ["Google search results", "The shop's website", "Next-day delivery", "Thank-you note"],
        ["Instagram advert", "Size guide", "Order confirmation email", "Parcel tracking"],
        ["Reviews of the sneakers", "Paying on the website", "Delivery", "The box"],
    ],
    "hu": [
        ["Weboldal fizetés", "Másnapi szállítás", "Kézzel írt köszönőlevél", "Keresési találatok"]
    ],
    "ru": [["Оплата на сайте", "Доставка на следующий день", "Записка в коробке", "Сайт магазина"]],
    "fa": [["پرداخت در وب‌سایت", "تحویل روز بعد", "یادداشت تشکر در جعبه", "وب‌سایت فروشگاه"]],
}


@pytest.mark.parametrize(
    ("code", "answer", "expected"),
    [(code, answer, key) for code, cases in NONSENSE.items() for answer, key in cases],
)
def test_nonsense_touchpoints_are_refused_with_what_they_are(
    code: str, answer: list[str], expected: str
) -> None:
    with language(code):
        feedback = LIST.answer(answer)
    assert not feedback.ok and feedback.mistake == expected, feedback
    assert answer[0] in feedback.message  # the hint names the line


@pytest.mark.parametrize(
    ("code", "answer"), [(code, a) for code, answers in SENSIBLE.items() for a in answers]
)
def test_touchpoints_in_the_students_words_pass(code: str, answer: list[str]) -> None:
    with language(code):
        feedback = LIST.answer(answer)
    assert feedback.ok, feedback


def row(change: str, insight: str, owner: str, kpi: str) -> dict[str, str]:
    return {"change": change, "answers insight": insight, "owner": owner, "KPI": kpi}


GOOD_PLAN = [
    row("Retry the bank connection", "I1", "Integrations team", "90% connect on the first try"),
    row("Month-end support rota", "I2", "Support lead", "answers within 4 hours"),
]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [row("Retry the bank connection", "I1", "Everyone", "90% connect"), GOOD_PLAN[1]],
            "vague-owner",
        ),
        (
            [row("Retry the bank connection", "I1", "mindenki", "90% connect"), GOOD_PLAN[1]],
            "vague-owner",
        ),
        (
            [
                row("Retry the bank connection", "I1", "Bank team", "happier customers"),
                GOOD_PLAN[1],
            ],
            "kpi-not-measurable",
        ),
        (
            [
                row("Retry the bank connection", "I1", "Bank team", "better experience"),
                GOOD_PLAN[1],
            ],
            "kpi-not-measurable",
        ),
        (
            [GOOD_PLAN[0], row("Faster bank page", "I1", "Web team", "loads under 2 s")],
            "same-insight",
        ),
    ],
)
def test_a_plan_needs_an_owner_a_measure_and_every_insight_answered(
    rows: list[dict[str, str]], expected: str
) -> None:
    feedback = PLAN.answer(rows)
    assert not feedback.ok and feedback.mistake == expected, feedback


@pytest.mark.parametrize(
    "kpi",
    [
        "NPS of new users up from 12 to 30",
        "CSAT of support ≥ 4.2",
        "conversion rate of setup",
        "время ответа поддержки",
        "۹۰٪ اتصال موفق",
        "válaszidő 4 óra alatt",
    ],
)
def test_measurable_kpis_in_any_language_pass(kpi: str) -> None:
    assert measurable(kpi)
    feedback = PLAN.answer([row("Retry the bank connection", "I1", "Bank team", kpi), GOOD_PLAN[1]])
    assert feedback.ok, feedback


@pytest.mark.parametrize("pain", ["x", "bad", "asdf qwer", "????"])
def test_a_pain_point_must_say_what_goes_wrong(pain: str) -> None:
    feedback = PAINS.answer(
        [
            {"pain point": pain, "evidence": "1"},
            {"pain point": "Support unreachable", "evidence": "4"},
        ]
    )
    assert not feedback.ok and feedback.mistake == "vague-pain", feedback


def test_the_judges_on_their_own() -> None:
    assert keyboard_mash("asdf") and keyboard_mash("фыва") and keyboard_mash("bcdfg")
    assert not keyboard_mash("delivery") and not keyboard_mash("szállítás")
    assert gibberish("qwer zxcv") and not gibberish("Slow setup")
    assert vague_owner("Everyone.") and vague_owner("все") and not vague_owner("Support lead")
