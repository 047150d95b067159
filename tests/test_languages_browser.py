"""Each language in a real browser: the start page and one workshop step with its charts, laid
out in the language's direction, labelled from its catalog, drawn with the kit's own fonts and
with nothing fetched from outside. Screenshots: artifacts/screenshots/lang-*.png."""

from __future__ import annotations

import re

import pytest

from journeykit.app.steps import step
from journeykit.i18n import LANGUAGES, _, direction, language, ngettext

pytestmark = pytest.mark.browser

PAGE_TIMEOUT_MS = 120_000
STEP = 4  # quantitative validation: an importer, a heatmap, a funnel and the gap analysis

CHARTS_DRAWN = """() => {
  const embeds = [...document.querySelectorAll('.vega-embed')];
  return document.querySelector('.jk-nav') && embeds.length >= 3
    && embeds.every(e => e.querySelector('svg text'));
}"""

FONTS_LOADED = """() => [...document.fonts]
  .filter(f => f.family.replace(/"/g, '') === 'JourneyKit Sans' && f.status === 'loaded')
  .map(f => f.unicodeRange)"""


def expected(code: str, message: str) -> str:
    with language(code):
        return _(message)


def loaded_ranges(tab) -> list[str]:
    return tab.evaluate(FONTS_LOADED)


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_home_and_a_step_speak_the_language_of_the_link(
    code: str, workshop_url: str, page, save_screenshot
) -> None:
    tab, guard = page
    tab.goto(f"{workshop_url}voila/render/00-start.ipynb?lang={code}", timeout=PAGE_TIMEOUT_MS)
    tab.wait_for_selector(".jk-start h1", timeout=PAGE_TIMEOUT_MS)
    start = tab.locator(".jk-start").first
    assert start.locator("h1").inner_text() == expected(code, "JourneyKit workshop")
    assert expected(code, "Workshop steps") in start.inner_text()
    assert tab.get_by_role("button", name=expected(code, "Create team")).is_visible()
    want = direction(code)
    assert start.evaluate("e => getComputedStyle(e).direction") == want
    assert tab.evaluate("getComputedStyle(document.body).direction") == want
    tab.wait_for_function(f"document.documentElement.lang === '{code}'", timeout=10_000)
    assert tab.evaluate("document.documentElement.dir") == want
    ranges = loaded_ranges(tab)
    assert ranges, "the kit's own fonts were not used"
    if code == "fa":
        assert any("U+600-6FF" in r for r in ranges), f"Persian face not loaded: {ranges}"
    if code == "ru":
        assert any("U+400-45F" in r for r in ranges), f"Cyrillic face not loaded: {ranges}"
    save_screenshot(tab, f"lang-{code}-home")

    tab.goto(
        f"{workshop_url}voila/render/{step(STEP).notebook}?team=north&lang={code}",
        timeout=PAGE_TIMEOUT_MS,
    )
    tab.wait_for_function(CHARTS_DRAWN, timeout=PAGE_TIMEOUT_MS)
    header = tab.locator(".jk-step-page").first
    assert header.locator("h1").inner_text() == expected(code, step(STEP).title)
    assert header.evaluate("e => getComputedStyle(e).direction") == want
    assert tab.get_by_role("button", name=expected(code, "Check file")).is_visible()
    charts = tab.evaluate(
        "[...document.querySelectorAll('.vega-embed svg')].map(s => s.textContent).join(' ')"
    )
    for title in ("Gap analysis", "Funnel"):
        assert expected(code, title) in charts, f"chart title {title!r} not in {code}"
    if code != "en":
        assert "Gap analysis" not in charts, "an English chart title is left"
    persian_digits = re.search("[۰-۹]", charts) is not None
    assert persian_digits == (code == "fa"), "charts write Persian digits in Persian only"
    save_screenshot(tab, f"lang-{code}-step")
    guard.check()


def test_persian_digits_follow_the_link(workshop_url: str, page) -> None:
    tab, guard = page
    base = f"{workshop_url}voila/render/{step(1).notebook}?team=north&lang=fa"
    for digits, shown in (("", "۱"), ("&digits=latin", "1")):
        tab.goto(base + digits, timeout=PAGE_TIMEOUT_MS)
        tab.wait_for_selector(".jk-step-page .jk-meta", timeout=PAGE_TIMEOUT_MS)
        where = tab.locator(".jk-step-page .jk-meta").first.inner_text()
        assert where.startswith(expected("fa", "Step {number} of {total}").split("{")[0])
        assert shown in where, where
    guard.check()


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_the_map_reads_on_a_1024_projector(
    code: str, workshop_url: str, browser, save_screenshot
) -> None:
    """Step 2 at 1024x768, as a projector shows it: the whole map fits the width (the last
    stage is not cut off), its text is at least 14 px, nothing in it is cut with '...'."""
    from browsing import guarded_context

    context, outside = guarded_context(browser, viewport={"width": 1024, "height": 768})
    tab = context.new_page()
    tab.goto(
        f"{workshop_url}voila/render/02-employee-workshop.ipynb?team=north&lang={code}",
        timeout=PAGE_TIMEOUT_MS,
    )
    chart = tab.locator(".jk-editor").nth(1).locator(".vega-embed svg").first
    chart.wait_for(timeout=PAGE_TIMEOUT_MS)
    box = chart.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1024, box
    sizes = chart.evaluate(
        "s => [...s.querySelectorAll('.role-mark text')].map(t => parseFloat(t.style.fontSize"
        " || t.getAttribute('font-size')))"
    )
    assert sizes and min(sizes) >= 14, sorted(sizes)[:5]
    texts = chart.evaluate("s => [...s.querySelectorAll('text')].map(t => t.textContent)")
    assert not [t for t in texts if t.endswith("…") or t.endswith("...")]
    save_screenshot(tab, f"projector-{code}-map", width=1024)
    context.close()
    assert outside == []


def test_the_coding_board_in_persian_on_a_projector(
    workshop_url: str, page, save_screenshot
) -> None:
    """Step 3 at 1024x768 in Persian: the note in hand's key words and the button that takes
    the survey's comments to the board, in Persian, right to left, inside the page."""
    tab, guard = page
    tab.set_viewport_size({"width": 1024, "height": 768})
    tab.goto(
        f"{workshop_url}voila/render/{step(3).notebook}?team=north&lang=fa",
        timeout=PAGE_TIMEOUT_MS,
    )
    words = tab.locator(".jk-coding .jk-keywords").first
    words.wait_for(timeout=PAGE_TIMEOUT_MS)
    assert words.inner_text().startswith(expected("fa", "Key words"))
    assert words.evaluate("e => getComputedStyle(e).direction") == "rtl"
    with language("fa"):
        wanted = (
            ngettext(
                "Code the survey's comment here too",
                "Code the survey's {count} comments here too",
                2,
            )
            .split("{count}")[0]
            .strip()
        )
    button = tab.locator(".jk-coding button", has_text=wanted).first
    button.wait_for(timeout=PAGE_TIMEOUT_MS)
    box = button.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1024, "the button is cut"
    assert button.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "its label is cut"
    save_screenshot(tab, "lang-fa-coding", width=1024)
    guard.check()
