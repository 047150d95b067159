"""The facilitator dashboard: every team's progress, maps and insights; all teams exported in
one file; the workshop archived and started afresh."""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile
from html import unescape
from pathlib import Path

import pytest

from journeykit.app.dashboard import Dashboard, archive_path, export_all, progress_table
from journeykit.errors import InputError
from journeykit.model import Insight, Persona, Workspace
from journeykit.sample import create_sample
from journeykit.store import Store


@pytest.fixture
def workshop(store: Store) -> Store:
    create_sample(store, responses=200, events=400, interviews=3)  # north and south, far on
    store.create_team(
        Workspace(
            id="east",
            name="Team East",
            goals=["Know our buyers"],
            personas=[Persona(id="buyer", name="Office buyer")],
        )
    )
    store.add("south", Insight(id="i-top", kind="pain_point", title="Invoices bounce", severity=5))
    return store


def test_the_dashboard_shows_each_teams_progress_map_and_top_insights(workshop: Store) -> None:
    board = Dashboard(workshop)
    html = board.overview.value
    assert "Progress &middot; 3 teams" in html
    east = re.search(r'<tr data-team="east">(.*?)</tr>', html).group(1)
    assert "1 of 7" in east and east.count("jk-cell-done") == 1  # goals and a persona: step 1
    assert 'jk-cell-next"><a href="02-employee-workshop.ipynb?team=east">next' in east
    cards = re.findall(r'<section class="jk-team-card" data-team="(\w+)">', html)
    assert cards == ["north", "south", "east"]
    south = html.split('data-team="south">', 2)[2].split("</section>")[0]
    assert "<svg" in south and "Invoices bounce" in south.split("Top insights")[1]
    assert "No journey with steps yet" in html.split('data-team="east">', 2)[2]


def test_refresh_reads_the_store_again(workshop: Store) -> None:
    board = Dashboard(workshop)
    workshop.create_team(Workspace(id="west", name="Team West"))
    board.refresh()
    assert "4 teams" in board.overview.value and 'data-team="west"' in board.overview.value


def test_exporting_all_teams_gives_each_teams_workspace_and_report(workshop: Store) -> None:
    board = Dashboard(workshop)
    board.buttons[1].click()
    link = re.search(r'href="data:application/zip;base64,([^"]+)"', board.download.value)
    files = zipfile.ZipFile(io.BytesIO(base64.b64decode(link.group(1))))
    assert sorted(files.namelist()) == sorted(
        f"{team}/{name}"
        for team in ("north", "south", "east")
        for name in ("workspace.json", "report.html")
    )
    document = json.loads(files.read("south/workspace.json"))
    assert document["workspace"]["name"] == workshop.workspace("south").name
    assert "Invoices bounce" in files.read("south/report.html").decode("utf-8")
    assert "Exported 3 teams" in board.status.value


def test_private_data_stays_out_of_the_export_of_all(workshop: Store) -> None:
    assert "names" in workshop.workspace("north").private
    files = zipfile.ZipFile(io.BytesIO(export_all(workshop)))
    interviewee = workshop.workspace("north").interviews[0].interviewee
    assert interviewee not in files.read("north/workspace.json").decode("utf-8")


def test_archiving_needs_the_tick_then_keeps_the_old_workshop(
    workshop: Store, tmp_path: Path
) -> None:
    board = Dashboard(workshop)
    board.archive_name.value = "spring / 2026"
    board.archive_button.click()
    assert "Tick" in board.status.value and len(workshop.teams()) == 3
    board.confirm.value = True
    board.archive_button.click()
    target = archive_path(workshop, "spring / 2026")
    assert target.name == "spring-2026.db" and target.is_file()
    assert workshop.teams() == [] and "0 teams" in board.overview.value
    assert f"journeykit serve --store {target}" in board.status.value
    with Store(target) as old:
        assert [t.id for t in old.teams()] == ["north", "south", "east"]
    board.confirm.value = True
    board.archive_button.click()  # the same name again: refused, nothing lost
    assert "already exists" in board.status.value


def test_an_archive_needs_a_name(workshop: Store) -> None:
    with pytest.raises(InputError, match="give the archive a name"):
        archive_path(workshop, " / ")


def test_an_empty_workshop_says_so() -> None:
    assert "No teams yet" in progress_table([])


def test_a_team_made_by_mistake_is_removed_and_can_be_put_back(workshop: Store) -> None:
    board = Dashboard(workshop)
    before = len(workshop.survey_responses("north"))
    board.team_choice.value = "north"
    board.remove_button.click()
    assert "Removed team 'Team North: growing companies'" in unescape(board.status.value)
    assert "north" not in {t.id for t in workshop.teams()}
    assert "north" not in [v for _l, v in board.team_choice.options]
    board.restore_button.click()
    assert "Restored team" in board.status.value
    assert "north" in {t.id for t in workshop.teams()}
    assert len(workshop.survey_responses("north")) == before
    assert board.restore_button.layout.display == "none"


def test_a_report_that_fails_leaves_the_other_files_and_says_so(
    workshop: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeykit.app import dashboard

    real = dashboard.report_html

    def fussy(shared, *args, **kwargs):
        if shared.workspace.id == "south":
            raise KeyError("ces")
        return real(shared, *args, **kwargs)

    monkeypatch.setattr(dashboard, "report_html", fussy)
    board = Dashboard(workshop)
    board.buttons[1].click()
    said = unescape(board.status.value)
    assert "could not be made (KeyError: 'ces')" in said and "jk-error" in board.status.value
    link = re.search(r'href="data:application/zip;base64,([^"]+)"', board.download.value)
    names = zipfile.ZipFile(io.BytesIO(base64.b64decode(link.group(1)))).namelist()
    assert "south/workspace.json" in names and "south/report.html" not in names
    assert "north/report.html" in names
