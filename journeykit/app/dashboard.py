"""The facilitator's dashboard: every team's progress through the seven steps, their maps side
by side, their top insights and the students' exercises; all teams exported in one file; the
workshop archived and a fresh one started without losing the old."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import ipywidgets as w
from markupsafe import Markup

from journeykit.app.export.documents import chart_html, report_html
from journeykit.app.export.figures import Shared
from journeykit.app.export.privacy import shareable_document
from journeykit.app.export_panel import download_link
from journeykit.app.room import join_panel
from journeykit.app.steps import STEPS, link, next_step, page_parts, progress
from journeykit.charts import map_of
from journeykit.errors import InputError, JourneyKitError
from journeykit.i18n import LANGUAGES, N_, _, format_number, ngettext, sort_key
from journeykit.model import Workspace, label
from journeykit.participants import FACILITATOR, participant
from journeykit.store import Store, TeamSummary, dumps, sqlite_path
from journeykit.store.jsonio import export_workspace, import_document
from journeykit.templates import macros
from journeykit.widgets import on_address
from journeykit.widgets.base import button, empty_note, head_html, status_html
from journeykit.widgets.live import PRESENT_SECONDS, follow, present, watch

log = logging.getLogger(__name__)

TOP_INSIGHTS = 3
DASHBOARD_SECONDS = 10.0
"""The dashboard draws every team's map: it follows their saves at most this often."""
EXPORTED = N_("I have exported what the teams need")
LANGUAGE_HELP = N_(
    "The language every team's pages, exercises and reports speak. A team can choose its own "
    "on step 1, and a link can ask for one with ?lang=fa (or en, hu, ru)."
)
ARCHIVE_HELP = N_(
    "The whole workshop is copied to a file of its own (open it again with 'journeykit serve "
    "--store FILE') and this one starts empty for the next group."
)


def _cards() -> Any:
    """The dashboard's cards and tables (`dashboard_parts.html.j2`)."""
    return macros("dashboard_parts.html.j2")


def progress_table(teams: list[tuple[Workspace, TeamSummary]]) -> str:
    """Teams down, the seven steps across: a tick where done, the next step marked."""
    if not teams:
        return empty_note(N_("No teams yet: they create theirs on the start page."))
    rows = []
    for workspace, summary in teams:
        done = progress(workspace, summary)
        upcoming = next_step(done)
        count = _("{done} of {total}").format(
            done=format_number(sum(done.values())), total=format_number(len(STEPS))
        )
        cells = [
            {
                "state": "done" if done[s.number] else "next" if s.number == upcoming else "todo",
                "link": link(s.number, workspace.id),
            }
            for s in STEPS
        ]
        rows.append({"id": workspace.id, "name": workspace.name, "cells": cells, "count": count})
    steps = [(format_number(s.number), s.name) for s in STEPS]
    return str(_cards().progress(steps, rows))


def top_insights(workspace: Workspace, top: int = TOP_INSIGHTS) -> str:
    """The team's most severe accepted insights, with how much evidence each has."""
    found = sorted(workspace.insights, key=lambda i: -i.severity)[:top]
    if not found:
        return empty_note(N_("No insights accepted yet."))
    items = [
        {
            "title": i.title,
            "kind": label(i.kind),
            "detail": _("severity {severity} · evidence: {count}").format(
                severity=format_number(i.severity), count=format_number(len(i.evidence))
            ),
        }
        for i in found
    ]
    return str(_cards().top_insights(items))


def first_map(workspace: Workspace) -> str:
    """The team's first journey with steps (as-is first) as inline SVG, with its name."""
    shown = workspace.main_journey(drawn=True)
    if shown is None:
        return empty_note(N_("No journey with steps yet."))
    journeys = [j for j in workspace.journeys if j.steps]
    chart = map_of(
        shown,
        journeys,
        workspace.touchpoint_names(),
        workspace.persona_names(),
        workspace.insights,
    )
    kind = "" if label(shown.kind) in shown.name else f" ({label(shown.kind)})"
    return str(_cards().first_map(shown.name + kind, Markup(chart_html(chart))))


def team_cards(teams: list[tuple[Workspace, TeamSummary]]) -> str:
    """Each team's map and top insights, side by side."""
    cards = [
        {
            "id": workspace.id,
            "name": workspace.name,
            "map": Markup(first_map(workspace)),
            "insights": Markup(top_insights(workspace)),
        }
        for workspace, _summary in teams
    ]
    return str(_cards().team_cards(cards))


def students_table(store: Store) -> str:
    """Each student who answered exercises, with how many tasks they got right."""
    found = store.students()
    if not found:
        return empty_note(N_("No exercise answers kept yet."))
    rows = [(name, format_number(found[name])) for name in sorted(found, key=sort_key)]
    return str(_cards().students(rows))


def export_all(store: Store, failed: dict[str, str] | None = None) -> bytes:
    """Every team's shareable workspace (JSON, importable) and report (HTML) in one zip; what
    a team marked private stays out, as in its own exports. A report that cannot be made
    leaves its team's workspace in the zip, and its reason in `failed` (by team name)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for summary in store.teams():
            document = shareable_document(store, summary.id)  # read once, written twice
            archive.writestr(f"{summary.id}/workspace.json", dumps(document))
            try:
                report = report_html(Shared(document))
            except Exception as err:  # one team's fault never costs the others their files
                log.exception("journeykit: the report of team %s failed", summary.id)
                if failed is not None:
                    failed[summary.name] = f"{type(err).__name__}: {err}"
                continue
            archive.writestr(f"{summary.id}/report.html", report)
    return buffer.getvalue()


def archive_path(store: Store, name: str) -> Path:
    """Where an archive called `name` goes: an `archive` folder beside the store's file, or,
    for a database server's store, in the folder the dashboard runs in."""
    cleaned = re.sub(r"[^\w.-]+", "-", name.strip()).strip("-.")
    if not cleaned:
        raise InputError(_("give the archive a name, for example spring-2026"))
    live = sqlite_path(store.url)
    folder = live.parent if live is not None else Path.cwd()
    return folder / "archive" / f"{cleaned}.db"


def ago(seconds: float) -> str:
    """'just now', '3 min ago': how long since a participant last did something."""
    if seconds < 60:
        return _("just now")
    minutes = int(seconds // 60)
    return ngettext("{count} minute ago", "{count} minutes ago", minutes).format(
        count=format_number(minutes)
    )


def page_name(notebook: str) -> str:
    """A page of the app as a person names it: the step's number and name, the start page,
    this dashboard (the store keeps the notebook's file name)."""
    for each in STEPS:
        if each.notebook == notebook:
            return f"{format_number(each.number)}. {each.name}"
    pages = {"00-start.ipynb": N_("Start page"), "facilitator.ipynb": N_("Facilitator dashboard")}
    return _(pages[notebook]) if notebook in pages else notebook


def people_table(store: Store, names: dict[str, str], now: float | None = None) -> str:
    """Who has a page open now, per team: their pages and when they last saved."""
    people = store.present(PRESENT_SECONDS)
    if not people:
        return empty_note(N_("Nobody has a page open right now."))
    now = time.time() if now is None else now
    rows = []
    for person in sorted(people, key=lambda p: (sort_key(names.get(p["team"], "")), p["name"])):
        team = names.get(person["team"], person["team"]) or _("(start page)")
        pages = ", ".join(sorted({page_name(p) for p in person["pages"]}, key=sort_key))
        last = _("no saves yet") if person["acted"] is None else ago(now - person["acted"])
        who = person["name"] or _("(no name)")
        if person["role"] == FACILITATOR and who != _("Facilitator"):
            who = f"{who} ({_('facilitator')})"
        rows.append(
            {"team_id": person["team"], "team": team, "who": who, "pages": pages, "last": last}
        )
    head = head_html((N_("Team"), N_("Participant"), N_("Pages open"), N_("Last saved")))
    return str(_cards().people(Markup(head), rows))


REMOVE_HELP = N_(
    "A team made by mistake, or twice, can go: its work goes with it. Export it first to keep "
    "a copy; Undo removal puts it back until this page is closed."
)


class Dashboard(w.VBox):
    """The dashboard page: read from the store when opened and on Refresh."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.overview = w.HTML()
        self.people = w.HTML()
        self.status = w.HTML()
        self.download = w.HTML()
        self.archive_name = w.Text(
            value=f"workshop-{dt.date.today():%Y-%m-%d}", description=_("Archive as")
        )
        self.confirm = w.Checkbox(
            description=_(EXPORTED), indent=False, value=False, layout=w.Layout(width="auto")
        )
        self.buttons = [
            button(_("Refresh"), self.refresh, icon="refresh", fits_text=True),
            button(
                _("Export all teams (ZIP)"),
                self.export,
                icon="download",
                fits_text=True,
            ),
        ]
        self.archive_button = button(
            _("Archive and start afresh"),
            self.archive,
            icon="archive",
            button_style="danger",
            fits_text=True,
        )
        self.language = w.Dropdown(
            description=_("Language"),
            options=[(name, code) for code, name in LANGUAGES.items()],
            value=store.setting("language"),
        )
        self.persian_digits = w.Checkbox(
            description=_("Persian digits (۱۲۳) in Persian pages"),
            value=store.setting("persian_digits") == "yes",
            indent=False,
            layout=w.Layout(width="auto"),
        )
        self.language_button = button(_("Save language"), self.save_language, icon="globe")
        self.team_choice = w.Dropdown(description=_("Team"))
        self.remove_button = button(
            _("Remove team"),
            self.remove_team,
            icon="trash",
            button_style="danger",
            fits_text=True,
        )
        self.restore_button = button(
            _("Undo removal"),
            self.restore_team,
            icon="undo",
            fits_text=True,
        )
        self.restore_button.layout.display = "none"  # until a team is removed
        self.removed: dict | None = None
        """The last team removed, as its export document: what Undo puts back."""
        super().__init__(
            [
                w.HTML(str(page_parts().dashboard_header(Markup(join_panel())))),
                w.HBox(self.buttons),
                w.HTML(str(page_parts().section(_("Who is here")))),
                self.people,
                w.HTML(str(page_parts().section(_("Workshop language"), _(LANGUAGE_HELP)))),
                w.HBox([self.language, self.persian_digits, self.language_button]),
                self.download,
                self.status,
                self.overview,
                w.HTML(str(page_parts().section(_("Archive this workshop"), _(ARCHIVE_HELP)))),
                w.HBox([self.archive_name, self.confirm, self.archive_button]),
                w.HTML(str(page_parts().section(_("Remove a team"), _(REMOVE_HELP)))),
                w.HBox([self.team_choice, self.remove_button, self.restore_button]),
            ]
        )
        self.add_class("jk-dashboard-page")
        self.refresh()
        follow(store, "", self.refresh, owner=self.overview, every=DASHBOARD_SECONDS)
        watch(lambda: self._people_html(), self._show_people, owner=self.people)
        present(store, "")

    def _people_html(self) -> str:
        names = {t.id: t.name for t in self.store.teams()}
        return people_table(self.store, names)

    def _show_people(self) -> None:
        self.people.value = self._people_html()

    def allowed(self) -> bool:
        """Only the facilitator changes the workshop (the room's gate already keeps the page
        from participants; this holds if a page ever reached one)."""
        if participant().facilitator:
            return True
        self.say(_("Only the facilitator can do this: open the dashboard with the key."), "error")
        return False

    def refresh(self) -> None:
        summaries = self.store.teams()
        kept = self.team_choice.value
        self.team_choice.options = [(f"{s.name} ({s.id})", s.id) for s in summaries]
        ids = [s.id for s in summaries]
        self.team_choice.value = kept if kept in ids else (ids[0] if ids else None)
        self.remove_button.disabled = not ids
        teams = [(self.store.workspace(s.id), s) for s in summaries]
        count = ngettext("{count} team", "{count} teams", len(teams))
        self.overview.value = str(
            _cards().overview(
                count.format(count=format_number(len(teams))),
                Markup(progress_table(teams)),
                Markup(team_cards(teams)),
                Markup(students_table(self.store)),
            )
        )

    def save_language(self) -> None:
        """The workshop's language (and digits) for every page opened from now on."""
        if not self.allowed():
            return
        self.store.set_setting("language", self.language.value)
        self.store.set_setting("persian_digits", "yes" if self.persian_digits.value else "no")
        self.say(
            _(
                "Saved: pages opened from now on speak {language} (a team's own language and a "
                "link's ?lang= still win). Reload this page to see it."
            ).format(language=LANGUAGES[self.language.value])
        )

    def say(self, message: str, tone: str = "ok") -> None:
        self.status.value = status_html(message, tone)

    def remove_team(self) -> None:
        """Remove the team picked, everything it holds with it; Undo puts it back as it was
        (kept as its export document until the page closes)."""
        team = self.team_choice.value
        if not self.allowed() or not team:
            return
        try:
            document = export_workspace(self.store, team)
            self.store.delete_team(team)
        except JourneyKitError as err:
            self.say(_("Not removed: {problem}").format(problem=err), "error")
            return
        self.removed = document
        self.restore_button.layout.display = "flex"
        self.refresh()
        self.say(
            _(
                "Removed team '{name}' and all its work. Undo removal puts it back, until this "
                "page is closed."
            ).format(name=document["workspace"]["name"])
        )

    def restore_team(self) -> None:
        if not self.allowed() or self.removed is None:
            return
        name = self.removed["workspace"]["name"]
        try:
            import_document(self.store, self.removed, name)
        except JourneyKitError as err:
            self.say(_("Not restored: {problem}").format(problem=err), "error")
            return
        self.removed = None
        self.restore_button.layout.display = "none"
        self.refresh()
        self.say(_("Restored team '{name}' as it was.").format(name=name))

    def export(self) -> None:
        if not self.allowed():
            return
        teams = self.store.teams()
        if not teams:
            self.say(_("There are no teams to export yet."), "error")
            return
        name = f"journeykit-teams-{dt.date.today():%Y-%m-%d}.zip"
        failed: dict[str, str] = {}
        self.download.value = download_link(export_all(self.store, failed), name)
        done = _("Exported {teams}: each team's workspace (JSON) and report.").format(
            teams=ngettext("{count} team", "{count} teams", len(teams)).format(
                count=format_number(len(teams))
            )
        )
        if failed:
            self.say(
                done
                + " "
                + _(
                    "The report of {teams} could not be made ({problem}): a fault in "
                    "JourneyKit; their workspaces are in the file."
                ).format(teams=", ".join(failed), problem="; ".join(failed.values())),
                "error",
            )
            return
        self.say(done)

    def archive(self) -> None:
        if not self.allowed():
            return
        if not self.confirm.value:
            self.say(
                _("Tick '{box}' first: the archive empties this workshop.").format(box=_(EXPORTED)),
                "error",
            )
            return
        try:
            target = self.store.archive(archive_path(self.store, self.archive_name.value))
        except JourneyKitError as err:
            self.say(_("Not archived: {problem}").format(problem=err), "error")
            return
        self.confirm.value = False
        self.refresh()
        self.say(
            _(
                "Archived to {target}. This workshop is empty and ready for the next group; open "
                "the old one with: journeykit serve --store {target}"
            ).format(target=target)
        )


def show_dashboard(location: str | None = None) -> None:
    """Display the facilitator dashboard (read when the page is asked for)."""
    from IPython.display import display

    if not participant().facilitator:  # on a hub every user's server has this page
        display(w.HTML(empty_note(NOT_FACILITATOR)))
        return
    store = Store(location)
    display(on_address(lambda _query: [Dashboard(store)], store))


NOT_FACILITATOR = N_(
    "This dashboard is the facilitator's: the progress of every team, exports and the archive. "
    "Go back to the start page to work with your team."
)
