"""The start page served by `journeykit serve`, opened in Debian's chromium with no internet."""

from __future__ import annotations

import pytest

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
    assert team.locator(".jk-persona h4").inner_text() == hostile
    assert team.locator("img").count() == 0
    tab.wait_for_timeout(500)
    guard.check()
