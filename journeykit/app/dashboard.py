"""The facilitator's dashboard: every team's progress through the seven steps, their maps side
by side, their top insights and the students' exercises; all teams exported in one file; the
workshop archived and a fresh one started without losing the old."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from html import escape
from pathlib import Path

import ipywidgets as w

from journeykit.app.export import Shared, chart_html, report_html, shareable_document
from journeykit.app.export_panel import download_link
from journeykit.app.steps import STEPS, link, next_step, progress
from journeykit.charts import map_of
from journeykit.model import Workspace
from journeykit.store import Store, StoreError, TeamSummary, dumps, sqlite_path
from journeykit.widgets import on_address
from journeykit.widgets.base import button, status_html

TOP_INSIGHTS = 3


def progress_table(teams: list[tuple[Workspace, TeamSummary]]) -> str:
    """Teams down, the seven steps across: a tick where done, the next step marked."""
    if not teams:
        return '<p class="jk-empty">No teams yet: they create theirs on the start page.</p>'
    head = "".join(f'<th title="{escape(s.name)}">{s.number}. {escape(s.name)}</th>' for s in STEPS)
    rows = []
    for workspace, summary in teams:
        done = progress(workspace, summary)
        upcoming = next_step(done)
        cells = []
        for s in STEPS:
            state = "done" if done[s.number] else "next" if s.number == upcoming else "todo"
            mark = {"done": "&#10003;", "next": "next", "todo": ""}[state]
            cells.append(
                f'<td class="jk-cell-{state}"><a href="{escape(link(s.number, workspace.id))}">'
                f"{mark}</a></td>"
            )
        rows.append(
            f'<tr data-team="{escape(workspace.id)}"><th>{escape(workspace.name)}</th>'
            f'{"".join(cells)}<td class="jk-count">{sum(done.values())} of 7</td></tr>'
        )
    return (
        f'<table class="jk-table jk-progress"><tr><th>Team</th>{head}<th>Done</th></tr>'
        f"{''.join(rows)}</table>"
    )


def top_insights(workspace: Workspace, top: int = TOP_INSIGHTS) -> str:
    """The team's most severe accepted insights, with how much evidence each has."""
    found = sorted(workspace.insights, key=lambda i: -i.severity)[:top]
    if not found:
        return '<p class="jk-empty">No insights accepted yet.</p>'
    items = "".join(
        f"<li><b>{escape(i.title)}</b> <span class='jk-meta'>"
        f"{escape(i.kind.replace('_', ' '))} &middot; "
        f"severity {i.severity} &middot; {len(i.evidence)} evidence</span></li>"
        for i in found
    )
    return f'<ol class="jk-top-insights">{items}</ol>'


def first_map(workspace: Workspace) -> str:
    """The team's first journey with steps (as-is first) as inline SVG, with its name."""
    journeys = sorted((j for j in workspace.journeys if j.steps), key=lambda j: j.kind != "as-is")
    if not journeys:
        return '<p class="jk-empty">No journey with steps yet.</p>'
    shown = journeys[0]
    chart = map_of(shown, journeys, workspace.touchpoint_names(), workspace.persona_names())
    kind = "" if shown.kind in shown.name else f" ({shown.kind})"
    return f"<div class='jk-map-name'>{escape(shown.name + kind)}</div>{chart_html(chart)}"


def team_cards(teams: list[tuple[Workspace, TeamSummary]]) -> str:
    """Each team's map and top insights, side by side."""
    cards = [
        f'<section class="jk-team-card" data-team="{escape(workspace.id)}">'
        f"<h3>{escape(workspace.name)}</h3>{first_map(workspace)}<h4>Top insights</h4>"
        f"{top_insights(workspace)}</section>"
        for workspace, _ in teams
    ]
    return f'<div class="jk-team-cards">{"".join(cards)}</div>'


def students_table(store: Store) -> str:
    found = store.students()
    if not found:
        return '<p class="jk-empty">No exercise answers kept yet.</p>'
    rows = "".join(
        f"<tr><td>{escape(name)}</td><td>{right}</td></tr>" for name, right in found.items()
    )
    return (
        f'<table class="jk-table jk-students"><tr><th>Student</th><th>Tasks right</th></tr>'
        f"{rows}</table>"
    )


def export_all(store: Store) -> bytes:
    """Every team's shareable workspace (JSON, importable) and report (HTML) in one zip; what
    a team marked private stays out, as in its own exports."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for summary in store.teams():
            document = shareable_document(store, summary.id)  # read once, written twice
            archive.writestr(f"{summary.id}/workspace.json", dumps(document))
            archive.writestr(f"{summary.id}/report.html", report_html(Shared(document)))
    return buffer.getvalue()


def archive_path(store: Store, name: str) -> Path:
    """Where an archive called `name` goes: an `archive` folder beside the store's file."""
    cleaned = re.sub(r"[^\w.-]+", "-", name.strip()).strip("-.")
    if not cleaned:
        raise StoreError("give the archive a name, for example spring-2026")
    live = sqlite_path(store.url)
    if live is None:
        raise StoreError(f"archiving copies a SQLite file; {store.url} is not one")
    return live.parent / "archive" / f"{cleaned}.db"


class Dashboard(w.VBox):
    """The dashboard page: read from the store when opened and on Refresh."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.overview = w.HTML()
        self.status = w.HTML()
        self.download = w.HTML()
        self.archive_name = w.Text(
            value=f"workshop-{dt.date.today():%Y-%m-%d}", description="Archive as"
        )
        self.confirm = w.Checkbox(
            description="I have exported what the teams need", indent=False, value=False
        )
        self.confirm.layout.width = "auto"
        self.buttons = [
            button("Refresh", self.refresh, icon="refresh"),
            button("Export all teams (ZIP)", self.export, icon="download"),
        ]
        self.archive_button = button(
            "Archive and start afresh", self.archive, icon="archive", button_style="danger"
        )
        for made in (*self.buttons, self.archive_button):
            made.layout.width = "auto"
        super().__init__(
            [
                w.HTML(
                    '<div class="jk-page jk-dashboard"><h1>Facilitator dashboard</h1>'
                    '<p><a href="00-start.ipynb">Start page</a> &middot; every team, as saved '
                    "now. Refresh to read again.</p></div>"
                ),
                w.HBox(self.buttons),
                self.download,
                self.status,
                self.overview,
                w.HTML(
                    "<h2>Archive this workshop</h2><p>The whole workshop is copied to a file "
                    "of its own (open it again with <code>journeykit serve --store FILE</code>)"
                    " and this one starts empty for the next group.</p>"
                ),
                w.HBox([self.archive_name, self.confirm, self.archive_button]),
            ]
        )
        self.add_class("jk-dashboard-page")
        self.refresh()

    def refresh(self) -> None:
        summaries = self.store.teams()
        teams = [(self.store.workspace(s.id), s) for s in summaries]
        self.overview.value = (
            f"<h2>Progress &middot; {len(teams)} teams</h2>{progress_table(teams)}"
            f"<h2>Maps and top insights</h2>{team_cards(teams)}"
            f"<h2>Exercises</h2>{students_table(self.store)}"
        )

    def say(self, message: str, tone: str = "ok") -> None:
        self.status.value = status_html(message, tone)

    def export(self) -> None:
        teams = self.store.teams()
        if not teams:
            self.say("There are no teams to export yet.", "error")
            return
        name = f"journeykit-teams-{dt.date.today():%Y-%m-%d}.zip"
        self.download.value = download_link(export_all(self.store), name)
        self.say(f"Exported {len(teams)} teams: each team's workspace (JSON) and report.")

    def archive(self) -> None:
        if not self.confirm.value:
            self.say(
                "Tick 'I have exported what the teams need' first: the archive empties this "
                "workshop.",
                "error",
            )
            return
        try:
            target = self.store.archive(archive_path(self.store, self.archive_name.value))
        except StoreError as err:
            self.say(f"Not archived: {err}", "error")
            return
        self.confirm.value = False
        self.refresh()
        self.say(
            f"Archived to {target}. This workshop is empty and ready for the next group; open "
            f"the old one with: journeykit serve --store {target}"
        )


def show_dashboard(location: str | None = None) -> None:
    """Display the facilitator dashboard (read when the page is asked for)."""
    from IPython.display import display

    store = Store(location)
    display(on_address(lambda _query: [Dashboard(store)], store))
