"""The facilitator dashboard and an exercise, served by the kit and used in chromium offline."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import click, field, serving

from journeykit.store import Store

pytestmark = pytest.mark.browser

LOAD_MS = 90_000
EXERCISES = Path(__file__).resolve().parents[1] / "exercises"


def test_the_dashboard_shows_three_teams_at_different_steps_and_exports_them(
    workshop_url: str, page, save_screenshot, tmp_path: Path
) -> None:
    tab, guard = page
    tab.goto(f"{workshop_url}voila/render/facilitator.ipynb", timeout=LOAD_MS)
    tab.wait_for_selector("table.jk-progress", timeout=LOAD_MS)
    counts = {
        team: tab.locator(f'tr[data-team="{team}"] .jk-count').inner_text()
        for team in ("north", "south", "hostile")
    }
    assert counts["hostile"] == "1 of 7" and counts["north"] != counts["hostile"]
    assert tab.locator('tr[data-team="hostile"] .jk-cell-next').count() == 1
    cards = tab.locator("section.jk-team-card")
    assert cards.count() == 3
    assert cards.nth(0).locator("svg").count() >= 1 and cards.nth(0).locator("ol li").count() == 3
    save_screenshot(tab, "dashboard")
    click(tab, "Export all teams (ZIP)")
    link = tab.locator("a.jk-download")
    link.wait_for(timeout=60_000)
    with tab.expect_download() as download:
        link.click()
    saved = tmp_path / "teams.zip"
    download.value.save_as(saved)
    names = zipfile.ZipFile(io.BytesIO(saved.read_bytes())).namelist()
    assert sorted(names) == sorted(
        f"{t}/{n}" for t in ("north", "south", "hostile") for n in ("workspace.json", "report.html")
    )
    guard.check()


@pytest.fixture(scope="module")
def exercises_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The exercises served as a room would (`journeykit exercises`), on an empty store."""
    folder = tmp_path_factory.mktemp("exercises")
    store = folder / "class.db"
    Store(store).close()
    with serving(store, folder, pool=0, notebooks=EXERCISES) as url:
        yield url, store


def test_a_student_gets_a_hint_then_the_answer_and_finds_it_after_a_reload(
    exercises_url: tuple[str, Path], page, save_screenshot
) -> None:
    url, store = exercises_url
    tab, guard = page
    tab.goto(f"{url}voila/render/05-scores.ipynb?student=Ana", timeout=LOAD_MS)
    tab.wait_for_selector(".jk-exercise", timeout=LOAD_MS)
    forms = tab.locator(".jk-task-form")
    assert "NPS (Net Promoter Score)" in tab.locator(".jk-terms").inner_text()
    forms.nth(0).get_by_text("0-7", exact=True).click()
    click(forms.nth(0), "Check")  # first a nudge to the definition on the page
    forms.nth(0).locator(".jk-feedback.jk-nudge", has_text="Words used here").wait_for(
        timeout=30_000
    )
    click(forms.nth(0), "Check")  # then the mistake itself
    forms.nth(0).locator(".jk-feedback", has_text="7 is a passive").wait_for(timeout=30_000)
    forms.nth(1).locator("input").fill("-75.1")  # passives left out
    click(forms.nth(1), "Check")
    forms.nth(1).locator(".jk-feedback.jk-nudge").wait_for(timeout=30_000)
    click(forms.nth(1), "Check")
    forms.nth(1).locator(".jk-feedback", has_text="denominator").wait_for(timeout=30_000)
    click(forms.nth(1), "Show the worked answer")  # only when asked for
    forms.nth(1).locator(".jk-feedback.jk-worked", has_text="51 promoters").wait_for(timeout=30_000)
    save_screenshot(tab, "exercise-hints")
    forms.nth(1).locator("input").fill("-63.4")
    click(forms.nth(1), "Check")
    forms.nth(1).locator(".jk-feedback.jk-ok").wait_for(timeout=30_000)
    tab.reload(timeout=LOAD_MS)
    tab.wait_for_selector(".jk-exercise", timeout=LOAD_MS)
    tab.locator(".jk-status", has_text="Welcome back, Ana: 2 answers loaded.").wait_for(
        timeout=30_000
    )
    assert tab.locator(".jk-task-form").nth(1).locator("input").input_value() == "-63.4"
    assert "1 of 3 tasks right" in tab.locator(".jk-score").inner_text()
    log = store.parent / "serve.log"  # the page left behind gave its kernel back
    deadline = time.monotonic() + 30
    while "Kernel shutdown" not in log.read_text(errors="replace") and time.monotonic() < deadline:
        time.sleep(0.5)
    assert "Kernel shutdown" in log.read_text(errors="replace")
    with Store(store) as opened:
        assert opened.answers("Ana")["05-scores"]["nps"] == (-63.4, True)
    save_screenshot(tab, "exercise-after-reload")
    guard.check()


def test_the_concept_quiz_answers_in_the_page(
    exercises_url: tuple[str, Path], page, save_screenshot
) -> None:
    url, _ = exercises_url
    tab, guard = page
    tab.goto(f"{url}voila/render/00-start.ipynb", timeout=LOAD_MS)
    tab.wait_for_selector("table.jk-exercises", timeout=LOAD_MS)
    field(tab, "Your name").fill("Bo")
    field(tab, "Your name").press("Enter")
    tab.locator('a[href="10-quiz.ipynb?student=Bo"]').click()
    tab.wait_for_selector(".jk-exercise", timeout=LOAD_MS)
    question = tab.locator(".jk-task-form", has_text="Is word of mouth a touchpoint?")
    question.get_by_text("No", exact=True).click()
    click(question, "Check")
    question.locator(".jk-feedback.jk-nudge", has_text="Touchpoint").wait_for(timeout=30_000)
    click(question, "Check")
    question.locator(".jk-feedback.jk-error", has_text="even through a friend").wait_for(
        timeout=30_000
    )
    save_screenshot(tab, "quiz")
    guard.check()


def test_an_exercise_in_persian_hints_in_persian_and_reads_persian_digits(
    exercises_url: tuple[str, Path], page, save_screenshot
) -> None:
    from journeykit.i18n import _, language

    with language("fa"):
        check, passive = (
            _("Check"),
            _(
                "7 is a passive, not a detractor: detractors answer 0-6, passives 7-8, promoters "
                "9-10."
            ),
        )
        denominator = _(
            "You left the passives (7-8) out of the denominator: NPS divides by everyone who "
            "answered, passives included."
        )
        title = _("Score a touchpoint: NPS and CSAT")
        words = _("Words used here")
    url, _store = exercises_url
    tab, guard = page
    tab.goto(f"{url}voila/render/05-scores.ipynb?student=Sara&lang=fa", timeout=LOAD_MS)
    tab.wait_for_selector(".jk-exercise", timeout=LOAD_MS)
    assert tab.locator(".jk-exercise-title").inner_text() == title
    assert tab.evaluate("getComputedStyle(document.body).direction") == "rtl"
    forms = tab.locator(".jk-task-form")
    forms.nth(0).get_by_text("۰-۷", exact=True).click()  # options in Persian digits
    click(forms.nth(0), check)
    forms.nth(0).locator(".jk-feedback.jk-nudge", has_text=words).wait_for(timeout=30_000)
    click(forms.nth(0), check)
    forms.nth(0).locator(".jk-feedback", has_text=passive).wait_for(timeout=30_000)
    forms.nth(1).locator("input").fill("-۷۵٫۱")  # typed on a Persian keyboard
    click(forms.nth(1), check)
    forms.nth(1).locator(".jk-feedback.jk-nudge").wait_for(timeout=30_000)
    click(forms.nth(1), check)
    forms.nth(1).locator(".jk-feedback", has_text=denominator).wait_for(timeout=30_000)
    save_screenshot(tab, "lang-fa-exercise")
    guard.check()


def test_the_final_map_exercise_draws_its_map_in_persian_on_a_projector(
    exercises_url: tuple[str, Path], page, save_screenshot
) -> None:
    """The final-map exercise shows the case's map drawn by the kit (offline), its steps in
    Persian inside the page at 1024 px, before the tasks."""
    from journeykit.i18n import _, language

    with language("fa"):
        bank = _(
            "Asks live chat for help at month end; nobody answers, decides whether to stay "
            "(emotion -2, from interviews and chat scores)"
        ).split(" (")[0]
    url, _store = exercises_url
    tab, guard = page
    tab.set_viewport_size({"width": 1024, "height": 768})
    tab.goto(f"{url}voila/render/07-final-map.ipynb?lang=fa", timeout=LOAD_MS)
    drawn = tab.locator(".jk-exercise-map svg, .jk-exercise-map canvas").first
    drawn.wait_for(timeout=LOAD_MS)
    box = drawn.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1024, box  # nothing cut
    assert box["width"] > 600
    spec_text = tab.locator(".jk-exercise-map").evaluate("e => e.textContent || ''")
    assert bank[:12] in spec_text or tab.locator(".jk-exercise-map canvas").count()
    save_screenshot(tab, "lang-fa-final-map-exercise", width=1024)
    guard.check()


@pytest.mark.parametrize("code", ["fa", "hu", "ru"])
def test_every_exercise_page_speaks_the_language_to_the_last_word(
    code: str, exercises_url: tuple[str, Path], page
) -> None:
    """The exercise list and each exercise in Persian, Hungarian and Russian, with a wrong
    answer checked on each (its hint shown): no word of the kit's English the language's own
    catalog does not use itself; in Persian no Latin digit (a slider's readout and the file
    chooser's count are drawn as Persian digits by the page's font)."""
    from languages import SHOWN_TEXT, english_left, latin_digits_left

    url, _store = exercises_url
    tab, guard = page
    found: dict[str, object] = {}
    for notebook in sorted(p.name for p in EXERCISES.glob("*.ipynb")):
        tab.goto(f"{url}voila/render/{notebook}?student=Lena&lang={code}", timeout=LOAD_MS)
        tab.wait_for_selector(".jk-exercise, table.jk-exercises", timeout=LOAD_MS)
        tab.wait_for_timeout(500)
        checks = tab.locator(".jk-task-form button", has_text=_check(code))
        if checks.count():  # a blank answer checked: the nudge in the language
            checks.first.click()
            tab.locator(".jk-task-form .jk-feedback").first.wait_for(timeout=30_000)
        text = tab.evaluate(SHOWN_TEXT)
        if english := english_left(code, text):
            found[f"{notebook}: English"] = sorted(english)
        if code == "fa" and (digits := latin_digits_left(text)):
            found[f"{notebook}: Latin digits"] = digits
    assert not found, found
    guard.check()


def _check(code: str) -> str:
    from journeykit.i18n import _, language

    with language(code):
        return _("Check")
