"""The workshop's start page: every team with its personas and journeys, read from the store."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from journeykit.app.room import join_panel
from journeykit.app.steps import link, progress, step_list
from journeykit.i18n import N_, _, format_number, forward, local_digits, ngettext, separator
from journeykit.model import TEMPLATES, Workspace, label
from journeykit.participants import participant
from journeykit.store import Store, TeamSummary
from journeykit.widgets import on_address
from journeykit.widgets.base import empty_note, head_html
from journeykit.widgets.goals import TeamCreator
from journeykit.widgets.live import follow, present

INTRO = N_(
    "Customer journey mapping follows every experience a customer has with a company, from "
    "first hearing of it to buying, using, getting support and recommending it. Each team "
    "below maps one or two personas through the stages of their journey."
)
NO_TEAMS = N_(
    "This workshop has no teams yet. Create one below, or create the sample workshop with "
    "'journeykit sample', or import a team with 'journeykit import FILE.json'."
)
JOURNEY_HEADERS = (
    N_("Journey"),
    N_("Kind"),
    N_("Stages"),
    N_("Personas"),
    N_("Steps"),
    N_("Moments of truth"),
)
EVIDENCE_BADGES = {
    "assumed": N_("assumed (not yet checked with customers)"),
    "researched": N_("researched"),
    "validated": N_("validated with customers"),
}


def _persona_card(workspace: Workspace) -> str:
    cards = []
    for p in workspace.personas:
        quote = f'<blockquote>"{escape(p.quote)}"</blockquote>' if p.quote else ""
        goals = ", ".join(escape(g) for g in p.goals) or escape(_("no goals written yet"))
        cards.append(
            f'<div class="jk-persona"><h4>{escape(p.name)}</h4>'
            f'<div class="jk-meta">{escape(p.segment or _("no segment"))} &middot; '
            f'<span class="jk-badge jk-{p.evidence}">{escape(_(EVIDENCE_BADGES[p.evidence]))}'
            f"</span></div>{quote}<div><b>{escape(_('Goals:'))}</b> {goals}</div></div>"
        )
    return "".join(cards) or empty_note(N_("No personas yet."))


def _journey_rows(workspace: Workspace) -> str:
    names = workspace.persona_names()
    rows = []
    for j in workspace.journeys:
        template = _(TEMPLATES[j.template].name if j.template in TEMPLATES else "custom stages")
        flow = f" {forward()} ".join(escape(s.name) for s in j.stages)
        personas = ", ".join(escape(names.get(p, p)) for p in j.personas)
        moments = sum(s.moment_of_truth for s in j.steps)
        rows.append(
            f"<tr><td>{escape(j.name)}</td><td>{escape(label(j.kind))}</td>"
            f"<td><b>{escape(template)}</b><br>{flow}</td><td>{personas}</td>"
            f"<td>{format_number(len(j.steps))}</td><td>{format_number(moments)}</td></tr>"
        )
    if not rows:
        return empty_note(N_("No journeys yet."))
    head = head_html(JOURNEY_HEADERS)
    return f'<table class="jk-table">{head}{"".join(rows)}</table>'


def team_section(workspace: Workspace, summary: TeamSummary) -> str:
    """One team's card: goals, personas, journeys and how much evidence it holds."""
    goals = "".join(f"<li>{escape(g)}</li>" for g in workspace.goals)
    interviews = len(workspace.interviews)
    counts = separator().join(
        text.format(count=format_number(n))
        for text, n in (
            (
                ngettext("{count} touchpoint", "{count} touchpoints", summary.touchpoints),
                summary.touchpoints,
            ),
            (ngettext("{count} interview note", "{count} interview notes", interviews), interviews),
            (
                ngettext(
                    "{count} survey response", "{count} survey responses", summary.survey_responses
                ),
                summary.survey_responses,
            ),
            (
                ngettext("{count} usage event", "{count} usage events", summary.usage_events),
                summary.usage_events,
            ),
        )
    )
    return (
        f'<section class="jk-team" data-team="{escape(workspace.id)}">'
        f"<h2>{escape(workspace.name)}</h2>"
        f'<div class="jk-meta">{escape(workspace.scope)}</div>'
        f"<ul>{goals}</ul>"
        f'<div class="jk-counts">{escape(counts)}</div>'
        f"<h3>{escape(_('Workshop steps'))}</h3>"
        f"{step_list(workspace.id, progress(workspace, summary))}"
        f"<h3>{escape(_('Personas'))}</h3>"
        f'<div class="jk-personas">{_persona_card(workspace)}</div>'
        f"<h3>{escape(_('Journeys'))}</h3>{_journey_rows(workspace)}</section>"
    )


def you_html() -> str:
    """Who this page's participant is, in a room (empty for the one local user)."""
    who = participant()
    if not who.name:
        return ""
    return f'<p class="jk-you">{escape(_("Joined as {name}").format(name=who.name))}</p>'


def start_html(store: Store) -> str:
    """The start page as HTML; every text from the store is escaped."""
    summaries = store.teams()
    room = join_panel(compact=not participant().facilitator) + you_html()
    if not summaries:
        return (
            f'<div class="jk-start"><h1>{escape(_("JourneyKit workshop"))}</h1>{room}'
            f'<p class="jk-empty">{escape(_(NO_TEAMS))}</p></div>'
        )
    workspaces = [store.workspace(s.id) for s in summaries]
    sections = "".join(team_section(w, s) for w, s in zip(workspaces, summaries, strict=True))
    company = workspaces[0].company
    count = len(summaries)
    teams = ngettext("{count} team", "{count} teams", count).format(count=format_number(count))
    subtitle = f'<p class="jk-meta">{escape(company)}</p>' if company else ""
    return (
        f'<div class="jk-start"><h1>{escape(_("JourneyKit workshop"))}</h1>{subtitle}{room}'
        f"<p>{escape(_(INTRO))}</p><p><b>{escape(teams)}</b> &middot; "
        f"{escape(_('facilitators:'))} "
        f'<a class="jk-dashboard-link" href="facilitator.ipynb">'
        f"{escape(_('dashboard of all teams'))}</a></p>{sections}</div>"
    )


def start_page(store: Store) -> list[w.Widget]:
    """The teams as they are now, and a form for a new team."""
    opened = w.HTML()

    def created(team: str) -> None:
        opened.value = (
            f'<p class="jk-page">{escape(_("Team created:"))} '
            f'<a class="jk-next" href="{escape(link(1, team))}">'
            f"{escape(local_digits(_('start with step 1, discovery')))} {forward()}</a></p>"
        )

    # a widget keeps its links working (see steps.step_page)
    teams = w.HTML(start_html(store))
    # a team created on another laptop shows up here without a reload
    follow(store, "", lambda: setattr(teams, "value", start_html(store)), owner=teams)
    present(store, "")
    return [teams, TeamCreator(store, created), opened]


def show_start_page(location: str | None = None) -> None:
    """Display the start page in a notebook or Voila page; read when the page is asked for,
    so a kernel started early still shows the teams created since."""
    from IPython.display import display

    store = Store(location)
    display(on_address(lambda _query: start_page(store), store))
