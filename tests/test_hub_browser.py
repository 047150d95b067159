"""The kit on JupyterHub, for real: `journeykit hub` on 127.0.0.1 with a PostgreSQL store (the
tests' own cluster), configurable-http-proxy from npm, two participants and the facilitator
logging in with chromium; each participant saves in their team, the facilitator's dashboard
shows both. No request leaves 127.0.0.0/8."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import click, editor_with, field, guarded_context, status

from journeykit.app.hub import PROXY, find_proxy, running
from journeykit.errors import ServerError
from journeykit.model import Persona
from journeykit.sample import create_sample
from journeykit.store import Store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "room-4-journeys"
FACILITATOR_PASSWORD = "facilitator-" + "x" * 24
WAIT_MS = 180_000


@pytest.fixture(scope="module")
def hub(postgres, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A hub serving the sample workshop from a PostgreSQL store: (its URL, the store URL)."""
    try:
        proxy = find_proxy(str(ROOT / "var" / "node" / "node_modules" / ".bin" / PROXY))
    except ServerError as missing:
        pytest.fail(f"{missing} (`make test` installs it with npm)")
    store = postgres.database()
    with Store(store) as opened:
        create_sample(opened, responses=150, events=600, interviews=3)
    folder = tmp_path_factory.mktemp("hub")
    with (
        (folder / "hub.log").open("wb") as log,
        running(store, folder / "data", PASSWORD, FACILITATOR_PASSWORD, proxy, log) as url,
    ):
        yield url, store


def log_in(browser, url: str, name: str, password: str):
    """A participant's own browser (its own cookies), logged in and landed on their page."""
    context, outside = guarded_context(browser, viewport={"width": 1024, "height": 768})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(f"{tab.url}: {e}"))
    tab.goto(url + "hub/login", timeout=WAIT_MS)
    tab.fill("#username_input", name)
    tab.fill("#password_input", password)
    tab.click("#login_submit")
    tab.wait_for_url("**/voila/render/**", timeout=WAIT_MS)
    return context, tab, outside, errors


def test_two_participants_and_the_facilitator_work_on_one_store_through_the_hub(
    hub: tuple[str, str], browser, save_screenshot
) -> None:
    url, store = hub
    for name, team, persona in (
        ("ana", "north", "Hub persona of Ana"),
        ("bea", "south", "Hub persona of Bea"),
    ):
        context, tab, outside, errors = log_in(browser, url, name, PASSWORD)
        assert f"/user/{name}/voila/render/00-start.ipynb" in tab.url  # the kit's start page
        tab.locator(".jk-editor, .jk-start, h1").first.wait_for(timeout=WAIT_MS)
        base = tab.url.split("/voila/")[0]
        tab.goto(f"{base}/voila/render/01-discovery.ipynb?team={team}", timeout=WAIT_MS)
        tab.locator(".jk-editor").nth(1).wait_for(timeout=WAIT_MS)
        editor = editor_with(tab, "Persona")
        field(editor, "Persona", "select").select_option(label="+ New persona")
        field(editor, "Name").fill(persona)
        click(editor, "Add persona")
        status(editor, f"Saved persona '{persona}'")
        save_screenshot(tab, f"hub-{name}-saved", width=1024)
        assert not outside and not errors, (outside, errors)
        context.close()

    with Store(store) as opened:  # both saves are in the one shared store
        assert "Hub persona of Ana" in {s.item.name for s in opened.items("north", Persona)}
        assert "Hub persona of Bea" in {s.item.name for s in opened.items("south", Persona)}

    context, tab, outside, errors = log_in(browser, url, "facilitator", FACILITATOR_PASSWORD)
    assert "/user/facilitator/voila/render/facilitator.ipynb" in tab.url  # lands on the dashboard
    people = tab.locator(".jk-people")
    people.wait_for(timeout=WAIT_MS)
    for name, team in (("ana", "north"), ("bea", "south")):
        row = people.locator(f'tr[data-team="{team}"]', has_text=name)
        row.wait_for(timeout=30_000)
        assert "no saves yet" not in row.inner_text()
    save_screenshot(tab, "hub-facilitator-dashboard", width=1024)
    assert not outside and not errors, (outside, errors)
    context.close()


def test_a_participant_cannot_open_the_facilitators_dashboard_on_the_hub(
    hub: tuple[str, str], browser
) -> None:
    url, _store = hub
    context, tab, outside, _errors = log_in(browser, url, "cem", PASSWORD)
    base = tab.url.split("/voila/")[0]
    tab.goto(f"{base}/voila/render/facilitator.ipynb", timeout=WAIT_MS)
    tab.get_by_text("This dashboard is the facilitator's").wait_for(timeout=WAIT_MS)
    assert tab.locator(".jk-people").count() == 0
    assert tab.get_by_role("button", name="Export all teams (ZIP)").count() == 0
    assert not outside
    context.close()
