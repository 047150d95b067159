"""Every editor in Voila, in Debian's chromium with no internet: the main interaction by clicks
and typing, charts drawn and redrawn, hostile text shown as text. Screenshots are kept."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from browsing import click, editor_with, field, status
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE_TIMEOUT_MS = 90_000
TEAM = "south"


def open_page(tab, url: str, notebook: str, editors: int = 1):
    tab.goto(f"{url}voila/render/{notebook}?team={TEAM}", timeout=PAGE_TIMEOUT_MS)
    tab.wait_for_selector(".jk-editor", timeout=PAGE_TIMEOUT_MS)
    found = tab.locator(".jk-editor")
    found.nth(editors - 1).wait_for(timeout=PAGE_TIMEOUT_MS)
    return found


def test_personas_are_built_in_the_browser(
    editing_url: str, page, save_screenshot, hostile: str
) -> None:
    tab, guard = page
    open_page(tab, editing_url, "01-discovery.ipynb", 2)
    editor = editor_with(tab, "Persona")
    field(editor, "Persona", "select").select_option(label="+ New persona")
    field(editor, "Name").fill("Night-shift nurse")
    field(editor, "Goals", "textarea").fill("Order supplies after midnight")
    click(editor, "researched")
    expect(editor.locator(".jk-card h4")).to_have_text("Night-shift nurse")
    click(editor, "Add persona")
    status(editor, "Saved persona 'Night-shift nurse'")
    expect(editor.locator(".jk-card .jk-badge")).to_have_text("researched")
    save_screenshot(tab, "editor-personas")
    field(editor, "Persona", "select").select_option(label="+ New persona")
    field(editor, "Name").fill(hostile)
    field(editor, "Quote").fill(hostile)
    click(editor, "Add persona")
    status(editor, f"Saved persona '{hostile}'")
    expect(editor.locator(".jk-card h4")).to_have_text(hostile)
    assert editor.locator(".jk-card img").count() == 0
    options = field(editor, "Persona", "select").evaluate("s => [...s.options].map(o => o.text)")
    assert hostile in [o.replace("\xa0", " ") for o in options]
    tab.wait_for_timeout(500)
    guard.check()


def test_leaving_a_page_with_unsaved_typing_asks_first(
    editing_url: str, editing_store: Path, page
) -> None:
    """Typing a persona and pressing "Next" without saving: the browser asks before the page
    is left, and the page still works for who stays; once saved, "Next" leaves at once; who
    leaves with typing unsaved gives the page's kernel back all the same."""
    tab, guard = page
    open_page(tab, editing_url, "01-discovery.ipynb", 2)
    first_kernel = json.loads(tab.locator("#jupyter-config-data").text_content())["kernelId"]
    editor = editor_with(tab, "Persona")
    click(editor, "New")
    field(editor, "Name").fill("Weekend shopper")
    status(editor, "Not saved yet")
    guard.leave = False
    tab.get_by_role("link", name="Next: Employee workshop").click()
    tab.wait_for_timeout(1000)
    assert len(guard.leaving) == 1 and "01-discovery" in guard.leaving[0]
    expect(field(editor, "Name")).to_have_value("Weekend shopper")
    click(editor, "Add persona")
    status(editor, "Saved persona 'Weekend shopper'")
    tab.get_by_role("link", name="Next: Employee workshop").click()
    tab.wait_for_selector('.jk-step-page[data-step="2"]', timeout=PAGE_TIMEOUT_MS)
    assert len(guard.leaving) == 1
    log = editing_store.parent / "serve.log"
    assert f"Kernel shutdown: {first_kernel}" in log.read_text(errors="replace")
    # leaving with typing unsaved: asked, left, and the kernel is shut down
    catalog = editor_with(tab, "Channel")
    second_kernel = json.loads(tab.locator("#jupyter-config-data").text_content())["kernelId"]
    field(catalog, "Name").fill("Kiosk")
    status(catalog, "Not saved yet")
    guard.leave = True
    tab.get_by_role("link", name="Next: Qualitative validation").click()
    tab.wait_for_selector('.jk-step-page[data-step="3"]', timeout=PAGE_TIMEOUT_MS)
    assert len(guard.leaving) == 2
    deadline = time.monotonic() + 30
    while f"Kernel shutdown: {second_kernel}" not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline, "the kernel of the page left was not shut down"
        time.sleep(0.5)
    guard.check()


def test_touchpoints_and_the_journey_map_redraw_after_an_edit(
    editing_url: str, page, save_screenshot
) -> None:
    tab, guard = page
    catalog, journey = open_page(tab, editing_url, "02-employee-workshop.ipynb", 2).all()[:2]
    field(catalog, "Touchpoint", "select").select_option(label="+ New touchpoint")
    field(catalog, "Name").fill("Printed leaflet")
    field(catalog, "Channel").fill("post")
    catalog.get_by_text("Digital", exact=True).click()
    click(catalog, "Add touchpoint")
    status(catalog, "Saved touchpoint 'Printed leaflet'")
    click(catalog, "physical")
    table = catalog.locator("table.jk-touchpoints")
    expect(table.locator("td", has_text="digital")).to_have_count(0)
    expect(table.locator("tr", has_text="Printed leaflet")).to_be_visible()
    chart = journey.locator(".vega-embed svg").first
    chart.wait_for(timeout=PAGE_TIMEOUT_MS)
    field(journey, "Stage", "select").select_option(index=1)
    click(journey, "New step")
    field(journey, "Action").fill("Asks a colleague")
    field(journey, "Pain points", "textarea").fill("Nobody knows the tool")
    click(journey, "Add step")
    status(journey, "Saved journey")
    journey.locator(".vega-embed svg text", has_text="Nobody knows").wait_for(timeout=30_000)
    save_screenshot(tab, "editor-journey")
    # a click on a step of the curve opens it in the form
    targets = journey.locator(".vega-embed svg g.mark-symbol.role-mark").last.locator("path")
    targets.first.click(force=True)
    status(journey, "Opened the step")
    opened = field(journey, "Action").input_value()
    assert opened and opened != "Asks a colleague"
    guard.check()


def test_evidence_is_checked_before_it_is_stored(
    editing_url: str, page, save_screenshot, tmp_path: Path
) -> None:
    tab, guard = page
    editor = open_page(tab, editing_url, "04-quantitative-validation.ipynb").first
    upload = tmp_path / "answers.csv"
    upload.write_text(
        "Response ID;Submitted;Touchpoint;Stage;How likely are you to recommend us?\n"
        "b1;2026-05-01 10:00;Website;Awareness;9\n"
        "b2;2026-05-02 11:00;Webshop;Awareness;۷\n",
        encoding="utf-8",
    )
    with tab.expect_file_chooser() as chooser:
        editor.locator(".widget-upload").click()
    chooser.value.set_files(str(upload))
    click(editor, "Check file")
    report = editor.locator(".jk-report")
    report.wait_for(timeout=30_000)
    assert "nearest:" in report.inner_text() and "refused 1" in report.inner_text()
    editor.get_by_text("Store only the valid rows", exact=True).click()
    click(editor, "Store only the valid: 1 row")
    status(editor, "Stored 1 row.")
    save_screenshot(tab, "editor-evidence")
    guard.check()


def test_a_finding_is_accepted_into_the_insights(editing_url: str, page, save_screenshot) -> None:
    tab, guard = page
    open_page(tab, editing_url, "05-final-map.ipynb", 2)
    editor = editor_with(tab, "Accepted insights")
    card = editor.locator(".jk-finding-card").first
    card.wait_for(timeout=PAGE_TIMEOUT_MS)
    card.locator("input[type=text]").fill("Onboarding stalls at the bank step")
    click(card, "Accept")
    status(editor, "Saved insight")
    accepted = editor.locator("table.jk-insights")
    expect(accepted.locator("td", has_text="Onboarding stalls at the bank step")).to_be_visible()
    save_screenshot(tab, "editor-insights")
    guard.check()


def test_an_action_lands_on_the_priority_matrix(editing_url: str, page, save_screenshot) -> None:
    tab, guard = page
    editor = open_page(tab, editing_url, "06-action-planning.ipynb").first
    editor.locator(".vega-embed svg").first.wait_for(timeout=PAGE_TIMEOUT_MS)
    field(editor, "Action", "select").select_option(label="+ New action")
    field(editor, "Change").fill("Weekend phone support")
    field(editor, "Owner").fill("Support lead")
    field(editor, "KPI").fill("calls answered within 2 minutes")
    click(editor, "Add action")
    status(editor, "Saved action 'Weekend phone support'")
    editor.locator(".vega-embed svg text", has_text="Weekend phone").wait_for(timeout=30_000)
    expect(editor.locator("table.jk-actions td", has_text="Support lead")).to_be_visible()
    save_screenshot(tab, "editor-actions")
    guard.check()


def test_a_note_is_coded_with_the_keyboard_on_the_coding_board(
    editing_url: str, editing_store: Path, page, save_screenshot
) -> None:
    """Step 3's board in chromium: tick a sentence as the quote, mark a pain point, Alt+S
    saves; "x of y coded" follows, the store holds this coder's code, and Alt+N saves and
    opens the next note."""
    from journeykit.analysis.coding import sentences
    from journeykit.model import InterviewNote
    from journeykit.store import Store

    tab, guard = page
    open_page(tab, editing_url, "03-qualitative-validation.ipynb", 3)
    board = tab.locator(".jk-coding").first
    board.wait_for(timeout=PAGE_TIMEOUT_MS)
    field(board, "Coder").fill("Keyboard coder")
    field(board, "Coder").press("Enter")
    expect(board.locator(".jk-progress")).to_contain_text("0 by you", timeout=30_000)
    with Store(editing_store) as store:
        picked = store.workspace(TEAM).interviews[0].id  # the first this coder has not coded
    board.locator(".widget-checkbox input").first.check()  # the first sentence
    board.get_by_label("pain point").check()
    save_screenshot(tab, "coding-board", width=1024)
    tab.keyboard.press("Alt+KeyS")
    status(board, "Saved your code")
    expect(board.locator(".jk-progress")).to_contain_text("1 by you", timeout=60_000)
    with Store(editing_store) as store:
        note = store.get(TEAM, InterviewNote, picked).item
    mine = next(c for c in note.codings if c.coder == "Keyboard coder")
    assert mine.tags == ["pain_point"] and mine.quote in note.text
    assert bool(mine.quote) == (len(sentences(note.text)) > 1)  # one of several, or the whole
    before = board.locator("select").first.input_value()
    board.get_by_label("need").check()
    tab.keyboard.press("Alt+KeyN")
    # the status still says the first save: wait for the count (a loaded CI kernel is slow)
    expect(board.locator(".jk-progress")).to_contain_text("2 by you", timeout=60_000)
    assert board.locator("select").first.input_value() != before
    guard.check()
