"""Each language in a real browser: the start page and one workshop step with its charts, laid
out in the language's direction, labelled from its catalog, drawn with the kit's own fonts and
with nothing fetched from outside. Screenshots: artifacts/screenshots/lang-*.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeykit.app.steps import STEPS, step
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


SCANNED = (
    "00-start.ipynb",
    *(f"{s.notebook}?team=north" for s in STEPS),
    "facilitator.ipynb",
)
"""Every page of the workshop app: the start page, the seven steps, the facilitator's."""

SETTLED = """() => {
  const page = document.querySelector('.jk-nav, .jk-start, .jk-dashboard-page');
  const embeds = [...document.querySelectorAll('.vega-embed')];
  return page && embeds.every(e => e.querySelector('svg text'));
}"""

TEAM_IDS = {"north", "south"}
"""The sample teams' ids, as the dashboard shows them beside their names (to tell two teams of
one name apart): ids are what a facilitator typed, in any language."""

OWN_DIGITS = """() => [...document.querySelectorAll('.widget-readout, .widget-upload')]
  .map(e => getComputedStyle(e).fontFeatureSettings)"""


@pytest.fixture(scope="module", params=["fa", "hu", "ru"])
def sample_in(request, tmp_path_factory) -> Iterator[tuple[str, str, Path]]:
    """A workshop whose language is fa, hu or ru, with the sample made in it, served."""
    from browsing import serving

    from journeykit.sample import create_sample
    from journeykit.store import Store

    code = request.param
    path = tmp_path_factory.mktemp(f"sample-{code}") / "sample.db"
    with Store(path) as store:
        store.set_setting("language", code)
        create_sample(store, responses=1500, events=6000, interviews=8, code=code)
    with serving(path, path.parent, pool=0) as url:
        yield code, url, path


def test_no_english_and_in_persian_no_latin_digit_on_any_page(
    sample_in: tuple[str, str, Path], page, save_screenshot
) -> None:
    """Every page of a workshop in Persian, Hungarian or Russian, its sample made in that
    language: no word of the kit's English (its messages and sample content) that the
    language's own catalog does not use itself, in the text, titles and placeholders, the
    charts' SVG text included, and no "null" tooltip; in Persian no Latin digit either. The
    numbers a widget writes itself (a slider's readout, the file chooser's count) are Latin in
    the text and drawn as Persian digits by the page's font (its stylistic set 1): checked on
    their style."""
    from languages import SHOWN_TEXT, english_left, latin_digits_left

    code, url, _store = sample_in
    tab, guard = page
    found: dict[str, object] = {}
    for address in SCANNED:
        joined = "&" if "?" in address else "?"
        tab.goto(f"{url}voila/render/{address}{joined}lang={code}", timeout=PAGE_TIMEOUT_MS)
        tab.wait_for_function(SETTLED, timeout=PAGE_TIMEOUT_MS, polling=250)
        tab.wait_for_timeout(500)  # a page's last widgets arrive just after its charts
        tab.wait_for_function(SETTLED, timeout=PAGE_TIMEOUT_MS, polling=250)
        text = tab.evaluate(SHOWN_TEXT)
        if english := english_left(code, text) - TEAM_IDS:
            found[f"{address}: English"] = sorted(english)
        if tab.locator('[title="null"]').count():
            found[f"{address}: a 'null' tooltip"] = tab.locator('[title="null"]').count()
        if code == "fa":
            if digits := latin_digits_left(text):
                found[f"{address}: Latin digits"] = digits
            styles = tab.evaluate(OWN_DIGITS)
            if [s for s in styles if "ss01" not in s]:
                found[f"{address}: widget numbers not drawn Persian"] = styles
        if address.startswith(STEPS[1].notebook):
            save_screenshot(tab, f"lang-{code}-sample-map", width=1024)
    assert not found, found
    guard.check()


TEXT_BOXES = """svg => { const r = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
    const b = t.getBoundingClientRect();
    return [t.textContent, (b.left - r.left) / r.width, (b.right - r.left) / r.width,
            (b.top + b.height / 2 - r.top) / r.height];
  }); }"""
"""Each text of a chart's SVG with its box across the chart (0 = left edge, 1 = right)."""


def _boxes(svg) -> dict[str, tuple[float, float, float]]:
    """The texts a chart writes once, each with where it sits (a word met twice cannot be
    paired with its twin in another drawing)."""
    found: dict[str, list[tuple[float, float, float]]] = {}
    for text, left, right, middle in svg.evaluate(TEXT_BOXES):
        found.setdefault(text, []).append((left, right, middle))
    return {text: places[0] for text, places in found.items() if len(places) == 1}


def test_the_map_drawn_for_the_dashboard_and_the_report_is_laid_out_as_the_live_one(
    sample_in: tuple[str, str, Path], browser
) -> None:
    """The journey map as the dashboard's thumbnail and the report draw it (SVG made without a
    browser, by vl-convert) and as the step page draws it live: the same texts, each inside
    the chart and where the live chart puts it (within 2% of its width and height), none cut
    short with "...". A Persian
    map once had every column's text one column to the left over the lane labels, its last
    column empty and its title missing. Pictures: artifacts/screenshots/lang-CODE-map-*.png."""
    from browsing import ARTIFACTS, guarded_context

    from journeykit.app.export.documents import report_html
    from journeykit.app.export.figures import Shared
    from journeykit.store import Store

    code, url, store = sample_in
    with Store(store) as opened:
        report = report_html(Shared.of(opened, "north"), language=code)
    context, outside = guarded_context(browser, viewport={"width": 1600, "height": 1000})
    tab = context.new_page()
    pictures = ARTIFACTS / "screenshots"
    pictures.mkdir(parents=True, exist_ok=True)

    cut: dict[str, list[str]] = {}

    def drawn(svg, name: str) -> dict[str, tuple[float, float, float]]:
        svg.screenshot(path=str(pictures / f"lang-{code}-map-{name}.png"))
        texts = svg.evaluate("s => [...s.querySelectorAll('text')].map(t => t.textContent)")
        cut[name] = [t for t in texts if t.endswith("…") or t.endswith("...")]
        return _boxes(svg)

    tab.goto(
        f"{url}voila/render/{STEPS[1].notebook}?team=north&lang={code}", timeout=PAGE_TIMEOUT_MS
    )
    live_map = tab.locator(".jk-editor").nth(1).locator(".vega-embed svg").first
    live_map.wait_for(timeout=PAGE_TIMEOUT_MS)
    live = drawn(live_map, "live")
    tab.goto(f"{url}voila/render/facilitator.ipynb?lang={code}", timeout=PAGE_TIMEOUT_MS)
    thumbnail = tab.locator('section.jk-team-card[data-team="north"] svg').first
    thumbnail.wait_for(timeout=PAGE_TIMEOUT_MS)
    static = {"thumbnail": drawn(thumbnail, "thumbnail")}
    tab.set_content(report)
    charts = tab.locator("div.chart svg")
    # the report's map: of its charts, the one that writes the live map's texts
    best = max(range(charts.count()), key=lambda i: len(set(_boxes(charts.nth(i))) & set(live)))
    static["report"] = drawn(charts.nth(best), "report")
    context.close()
    assert outside == []
    assert len(live) > 50, "the live map wrote too few texts to compare"
    assert not any(cut.values()), f"texts cut short: {cut}"
    for name, boxes in static.items():
        missing = sorted(set(live) - set(boxes))
        assert not missing, f"{name} lacks {missing[:5]}"
        moved = [
            (text, live[text], boxes[text])
            for text in live
            if max(abs(a - b) for a, b in zip(live[text], boxes[text], strict=True)) > 0.02
        ]
        assert not moved, f"{name}: texts not where the live map has them: {moved[:3]}"
        past = [t for t, (left, right, _m) in boxes.items() if left < -0.001 or right > 1.001]
        assert not past, f"{name}: texts past the chart's edge: {past[:5]}"
