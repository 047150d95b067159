"""A team walks all seven steps in chromium on a fresh, empty workshop: creates itself, builds a
persona, adds touchpoints, builds the map, imports the bundled notes, survey and events, accepts
findings, plans two actions and draws the to-be curve; every page is reloaded and all of it is
still there; the day ends with every file downloaded and checked. Any request leaving 127/8 or
console error fails it; each step is kept as a screenshot."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from browsing import click, editor_with, field, guarded_context, serving, status
from playwright.sync_api import expect

from journeykit.app.export_panel import FILES
from journeykit.app.steps import STEPS
from journeykit.store import Store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
LOAD_MS = 90_000


@pytest.fixture(scope="module")
def fresh_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("fresh")
    Store(folder / "fresh.db").close()
    with serving(folder / "fresh.db", folder) as url:
        yield url


def upload(importer, name: str, rows: int) -> None:
    """Check, then store, one of the bundled practice files."""
    tab = importer.page
    with tab.expect_file_chooser() as chooser:
        importer.locator(".widget-upload").click()
    chooser.value.set_files(str(ROOT / "workshop" / "data" / name))
    click(importer, "Check file")
    expect(importer.locator(".jk-report")).to_contain_text(f"accepted {rows}, refused 0")
    click(importer, f"Store {rows} rows")
    status(importer, f"Stored {rows} rows.")


def open_step(tab, url: str, number: int, team: str = "team-delta"):
    tab.goto(f"{url}voila/render/{STEPS[number - 1].notebook}?team={team}", timeout=LOAD_MS)
    tab.wait_for_selector(f'.jk-step-page[data-step="{number}"]', timeout=LOAD_MS)
    tab.locator(".jk-nav").wait_for(timeout=LOAD_MS)
    return tab.locator(".jk-editor")


def add_step(journey, stage: str, touchpoint: str, action: str, arrows: str = "") -> None:
    field(journey, "Stage", "select").select_option(label=stage)
    click(journey, "New step")
    field(journey, "Touchpoints", "select").select_option(label=touchpoint)
    field(journey, "Action").fill(action)
    if arrows:
        handle = journey.locator(".widget-hslider .noUi-handle, .widget-hslider .ui-slider-handle")
        handle.first.focus()
        for key in arrows.split():
            handle.first.press(key)
        # the slider sends its last value when its move ends: a person is slower than this
        journey.page.wait_for_timeout(500)
    click(journey, "Add step")
    expect(journey.locator(".jk-status")).to_contain_text("Saved journey")
    # a long action wraps onto lines of its own: its start is on the map
    journey.locator(".vega-embed svg text", has_text=action[:12]).first.wait_for(timeout=30_000)


def test_a_team_walks_the_seven_steps_and_finds_its_work_after_reloading(
    fresh_url: str, page, browser, save_screenshot, tmp_path: Path
) -> None:
    tab, guard = page
    # home: a new team on an empty workshop
    tab.goto(fresh_url, timeout=LOAD_MS)
    tab.get_by_text("This workshop has no teams yet").wait_for(timeout=LOAD_MS)
    creator = tab.locator(".jk-editor").first
    field(creator, "New team").fill("Team Delta")
    click(creator, "Create team")
    tab.get_by_role("link", name="start with step 1").click()

    # 1 discovery
    tab.wait_for_selector('.jk-step-page[data-step="1"]', timeout=LOAD_MS)
    goals = editor_with(tab, "Save goals")
    field(goals, "Goals", "textarea").fill("Find where new customers stall")
    click(goals, "Save goals")
    status(goals, "Saved the goals and scope.")
    personas = editor_with(tab, "Persona")
    field(personas, "Name").fill("Office manager")
    click(personas, "Add persona")
    status(personas, "Saved persona 'Office manager'")
    save_screenshot(tab, "walk-1-discovery")
    tab.get_by_role("link", name="Next: Employee workshop").click()

    # 2 employee workshop
    tab.wait_for_selector('.jk-step-page[data-step="2"]', timeout=LOAD_MS)
    catalog = editor_with(tab, "Channel")
    for name, channel in (("Website", "web"), ("Setup wizard", "app"), ("Live chat", "chat")):
        click(catalog, "New")
        field(catalog, "Name").fill(name)
        field(catalog, "Channel").fill(channel)
        click(catalog, "Add touchpoint")
        status(catalog, f"Saved touchpoint '{name}'")
    journey = editor_with(tab, "Create journey")
    journey.get_by_role("button", name="Refresh").click()
    field(journey, "Name").fill("Buying today")
    field(journey, "Personas", "select").select_option(label="Office manager")
    field(journey, "Stages", "select").select_option(label="Five stages")
    click(journey, "Create journey")
    status(journey, "Saved journey 'Buying today'")
    add_step(journey, "Consideration", "Website", "Compares prices")
    add_step(journey, "Purchase", "Setup wizard", "Connects the bank", "ArrowLeft ArrowLeft")
    save_screenshot(tab, "walk-2-employee-workshop")

    # 3 qualitative validation: the bundled practice interview notes, in four languages
    editors = open_step(tab, fresh_url, 3)
    expect(tab.locator(".jk-task")).to_contain_text("interview notes")
    upload(editors.first, "practice-interviews.csv", 16)
    themes = editors.last  # the themes follow the import without Refresh
    expect(themes.locator("table.jk-themes")).to_contain_text("The bank connection failed")
    expect(themes.locator("table.jk-themes")).to_contain_text("Настройка заняла")
    expect(themes.locator("table.jk-themes")).to_contain_text("Setup wizard")  # names, not ids
    suggestions = editor_with(tab, "Suggested themes")  # from the notes, none coded yet
    card = suggestions.locator(".jk-card").first
    expect(card.locator(".jk-suggestion")).to_be_visible()
    field(card, "Theme").fill("Setup troubles")
    click(card, "Accept")
    status(suggestions, "Setup troubles is an insight now")
    save_screenshot(tab, "walk-3-qualitative-validation")

    # 4 quantitative validation: the bundled practice survey and usage events
    editors = open_step(tab, fresh_url, 4)
    upload(editors.first, "practice-survey.csv", 360)
    charts = editors.nth(1)  # the views follow the import without Refresh
    expect(charts.locator(".vega-embed svg")).to_have_count(2, timeout=60_000)
    click(editors.first, "usage events")
    upload(editors.first, "practice-events.csv", 766)
    # the funnel, its conversion week by week and where people went next join the heatmap
    # and the gap matrix
    expect(charts.locator(".vega-embed svg")).to_have_count(5, timeout=60_000)
    save_screenshot(tab, "walk-4-quantitative-validation")

    # 5 final map: accept two findings
    open_step(tab, fresh_url, 5)
    board = editor_with(tab, "Accepted insights")
    for _ in range(2):
        board.locator(".jk-finding-card").first.get_by_role("button", name="Accept").click()
        status(board, "Saved insight")
        board.locator(".jk-status").evaluate("e => e.textContent = ''")
    # the header row, the theme accepted on step 3, and the two findings
    expect(board.locator("table.jk-insights tr")).to_have_count(4)
    expect(board.locator("table.jk-insights")).to_contain_text("Setup troubles")
    save_screenshot(tab, "walk-5-final-map")

    # 6 action planning: two actions
    open_step(tab, fresh_url, 6)
    planner = editor_with(tab, "Change")
    for title, owner in (("Rebuild the bank step", "Product"), ("Chat at month end", "Support")):
        click(planner, "New")
        field(planner, "Change").fill(title)
        field(planner, "Answers", "select").select_option(index=0)
        field(planner, "Owner").fill(owner)
        field(planner, "KPI").fill("first invoice within 3 days")
        click(planner, "Add action")
        status(planner, f"Saved action '{title}'")
    save_screenshot(tab, "walk-6-action-planning")

    # 7 new experience design: the to-be journey and its curve
    editors = open_step(tab, fresh_url, 7)
    to_be = editor_with(tab, "Create journey")
    field(to_be, "Name").fill("Buying tomorrow")
    field(to_be, "Personas", "select").select_option(label="Office manager")
    field(to_be, "Stages", "select").select_option(label="Five stages")
    click(to_be, "Create journey")
    status(to_be, "Saved journey 'Buying tomorrow'")
    add_step(to_be, "Purchase", "Setup wizard", "Bank connects at once", "ArrowRight ArrowRight")
    curves = editors.nth(1)  # the comparison follows the new to-be journey without Refresh
    curves.locator(".vega-embed svg text", has_text="Buying tomorrow").first.wait_for(
        timeout=30_000
    )
    save_screenshot(tab, "walk-7-new-experience")

    # everything is still there after a reload of every page
    editors = open_step(tab, fresh_url, 1)
    expect(field(editor_with(tab, "Save goals"), "Goals", "textarea")).to_have_value(
        "Find where new customers stall"
    )
    expect(editor_with(tab, "Save persona").locator(".jk-card h4")).to_have_text("Office manager")
    open_step(tab, fresh_url, 2)
    expect(tab.locator("table.jk-touchpoints tr")).to_have_count(4)
    # a name typed in another script or with a mark of direction cannot reorder its cell
    cell = tab.locator("table.jk-touchpoints td").first
    assert cell.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
    tab.locator(".vega-embed svg text", has_text="Connects the bank").first.wait_for()
    open_step(tab, fresh_url, 4)
    expect(tab.locator(".jk-done-when .jk-badge")).to_have_text("done")
    open_step(tab, fresh_url, 5)
    expect(tab.locator("table.jk-insights tr")).to_have_count(4)
    open_step(tab, fresh_url, 6)
    expect(tab.locator("table.jk-actions tr")).to_have_count(3)
    open_step(tab, fresh_url, 7)
    tab.locator(".vega-embed svg text", has_text="Bank connects").first.wait_for()
    tab.goto(fresh_url, timeout=LOAD_MS)
    team = tab.locator('section[data-team="team-delta"]')
    team.wait_for(timeout=LOAD_MS)
    expect(team.locator(".jk-step.jk-done")).to_have_count(7)
    save_screenshot(tab, "walk-home-after")

    # the day ends with every file the team takes away, from the final map step
    editors = open_step(tab, fresh_url, 5)
    panel = editor_with(tab, "Share the journey")
    files = {}
    for label, (name, _write) in FILES.items():
        click(panel, label)
        link = panel.locator("a.jk-download", has_text=f"team-delta-{name}")
        link.wait_for(timeout=60_000)
        with tab.expect_download() as download:
            link.click()
        files[name] = tmp_path / name
        download.value.save_as(files[name])
    check_files(files, browser)
    guard.check()


def check_files(files: dict[str, Path], browser) -> None:
    """Each downloaded file is what it says: the report opens offline with its charts, the
    workbook and CSVs read back, the images are images, the mini-app can run."""
    context, requests = guarded_context(browser, allowed=("file://",))
    report = context.new_page()
    report.goto(files["report.html"].as_uri())
    assert report.locator(".chart svg").count() >= 3
    assert "Buying today" in report.content() and "Rebuild the bank step" in report.content()
    context.close()
    assert requests == []
    document = json.loads(files["workspace.json"].read_text(encoding="utf-8"))
    assert document["workspace"]["name"] == "Team Delta" and len(document["usage_events"]) == 766
    sheets = pd.read_excel(files["tables.xlsx"], sheet_name=None)
    assert {"touchpoints", "steps", "actions"} <= set(sheets)
    assert len(sheets["touchpoints"]) == 3
    assert zipfile.ZipFile(files["tables.zip"]).namelist()
    assert "team-delta-mini-app/run.py" in zipfile.ZipFile(files["mini-app.zip"]).namelist()
    assert files["map.png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in files["map.svg"].read_bytes()[:2000]
    pngs = zipfile.ZipFile(files["charts.zip"]).namelist()
    assert any(n.endswith(".png") for n in pngs)
    assert any(n.endswith(".svg") for n in zipfile.ZipFile(files["charts-svg.zip"]).namelist())
