"""The start page served by `journeykit serve`, opened in Debian's chromium with no internet."""

from __future__ import annotations

import pytest
from browsing import guarded_context

from journeykit.app.steps import STEPS
from journeykit.model import Workspace
from journeykit.store import Store

pytestmark = pytest.mark.browser

PAGE_TIMEOUT_MS = 90_000


def open_start(tab, url: str) -> None:
    tab.goto(url, timeout=PAGE_TIMEOUT_MS)
    tab.wait_for_selector(".jk-start", timeout=PAGE_TIMEOUT_MS)


def test_the_start_page_shows_the_sample_teams_offline(
    workshop_url: str, page, save_screenshot
) -> None:
    tab, guard = page
    open_start(tab, workshop_url)
    assert tab.url.endswith("/voila/render/00-start.ipynb"), "the root should open the start page"
    teams = tab.locator("section.jk-team")
    assert teams.count() == 3
    north = tab.locator('section[data-team="north"]')
    assert north.locator("h2").inner_text() == "Team North: growing companies"
    for persona in ("Finance lead at a growing company", "IT administrator"):
        assert north.locator(".jk-persona h4", has_text=persona).is_visible()
    south = tab.locator('section[data-team="south"]')
    for persona in ("Small shop owner", "Freelance bookkeeper"):
        assert south.locator(".jk-persona h4", has_text=persona).is_visible()
    assert "B2B buyer, seven stages" in north.locator("table.jk-table").inner_text()
    assert "100,000 usage events" in north.locator(".jk-counts").inner_text()
    assert tab.locator("text=def ").count() == 0, "notebook sources must be stripped"
    save_screenshot(tab, "start-page")
    guard.check()


def test_a_hostile_name_is_shown_as_text_and_runs_nothing(
    workshop_url: str, page, hostile: str
) -> None:
    tab, guard = page
    open_start(tab, workshop_url)
    team = tab.locator('section[data-team="hostile"]')
    assert team.locator("h2").inner_text() == f"Team {hostile}"
    assert team.locator(".jk-persona h4").first.inner_text() == hostile
    assert team.locator("img").count() == 0
    tab.wait_for_timeout(500)
    guard.check()


READY = """() => {
  const nav = document.querySelector('.jk-nav');
  const embeds = [...document.querySelectorAll('.vega-embed')];
  return nav && embeds.every(e => e.querySelector('svg, canvas'));
}"""


def test_pages_opened_at_once_all_finish_and_read_the_store_when_asked(
    editing_url: str, editing_store, browser, save_screenshot
) -> None:
    # Made after the server started (and its ready kernels ran the notebooks): a page must
    # read the store when it is asked for, not when its kernel was started.
    with Store(editing_store) as opened:
        opened.create_team(Workspace(id="late", name="Team Late"))
    context, outside = guarded_context(browser)
    start = context.new_page()
    start.goto(editing_url, timeout=PAGE_TIMEOUT_MS)
    start.locator('section[data-team="late"] h2', has_text="Team Late").wait_for(
        timeout=PAGE_TIMEOUT_MS
    )
    tabs = []
    for number, team in ((2, "late"), (4, "north"), (5, "north"), (6, "south")):
        tab = context.new_page()
        tab.goto(
            f"{editing_url}voila/render/{STEPS[number - 1].notebook}?team={team}",
            wait_until="commit",
            timeout=PAGE_TIMEOUT_MS,
        )
        tabs.append((number, team, tab))
    for number, team, tab in tabs:  # all four render at once on the server
        tab.wait_for_function(READY, timeout=PAGE_TIMEOUT_MS, polling=200)
        header = tab.locator(".jk-step-page").first
        assert header.get_attribute("data-step") == str(number)
        name = {"late": "Team Late", "north": "Team North", "south": "Team South"}[team]
        assert name in header.inner_text()
    save_screenshot(tabs[1][2], "concurrent-step-4")
    context.close()
    assert not outside, f"requests left 127.0.0.1: {outside}"


def test_an_unknown_team_gets_a_message_that_says_what_to_do(workshop_url: str, page) -> None:
    tab, guard = page
    tab.goto(f"{workshop_url}voila/render/{STEPS[0].notebook}?team=nobody", timeout=PAGE_TIMEOUT_MS)
    problem = tab.locator(".jk-problem")
    problem.wait_for(timeout=PAGE_TIMEOUT_MS)
    text = problem.inner_text()
    assert "no team 'nobody'" in text and "north" in text and "start page" in text
    guard.check()


def test_pasted_and_hostile_text_opens_every_page_as_plain_text(
    workshop_url: str, page, hostile: str
) -> None:
    """A team whose names hold markup, a formula and characters pasted from a word processor:
    the steps with its map and the facilitator's dashboard open, show the text cleaned and as
    text, and run nothing."""
    tab, guard = page
    for notebook in (STEPS[0].notebook, STEPS[1].notebook, "facilitator.ipynb"):
        tab.goto(f"{workshop_url}voila/render/{notebook}?team=hostile", timeout=PAGE_TIMEOUT_MS)
        if notebook == "facilitator.ipynb":  # every team's card, its map drawn
            tab.locator('section.jk-team-card[data-team="hostile"] svg').first.wait_for(
                timeout=PAGE_TIMEOUT_MS
            )
        else:
            tab.wait_for_function(READY, timeout=PAGE_TIMEOUT_MS, polling=200)
        body = tab.locator("body").inner_text()
        assert hostile in body, notebook
        assert "\x1b" not in body and "\u202e" not in body and "\x0b" not in body
        assert tab.locator("img[src=x]").count() == 0
        if notebook == STEPS[1].notebook:  # the map draws the step's text as SVG text
            svg = tab.locator(".vega-embed svg").first.inner_html()
            assert "HYPERLINK" in svg and "<img" not in svg
    guard.check()
