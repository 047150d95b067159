"""The workshop's start page: every team with its personas and journeys, read from the store."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from journeykit.app.steps import link, progress, step_list
from journeykit.model import TEMPLATES, Workspace
from journeykit.store import Store, TeamSummary
from journeykit.widgets import on_address
from journeykit.widgets.goals import TeamCreator

INTRO = (
    "Customer journey mapping follows every experience a customer has with a company, from "
    "first hearing of it to buying, using, getting support and recommending it. Each team "
    "below maps one or two personas through the stages of their journey."
)
EVIDENCE_BADGES = {
    "assumed": "assumed (not yet checked with customers)",
    "researched": "researched",
    "validated": "validated with customers",
}


def _persona_card(workspace: Workspace) -> str:
    cards = []
    for p in workspace.personas:
        quote = f'<blockquote>"{escape(p.quote)}"</blockquote>' if p.quote else ""
        goals = ", ".join(escape(g) for g in p.goals) or "no goals written yet"
        cards.append(
            f'<div class="jk-persona"><h4>{escape(p.name)}</h4>'
            f'<div class="jk-meta">{escape(p.segment or "no segment")} &middot; '
            f'<span class="jk-badge jk-{p.evidence}">{EVIDENCE_BADGES[p.evidence]}</span></div>'
            f"{quote}<div><b>Goals:</b> {goals}</div></div>"
        )
    return "".join(cards) or '<p class="jk-empty">No personas yet.</p>'


def _journey_rows(workspace: Workspace) -> str:
    names = workspace.persona_names()
    rows = []
    for j in workspace.journeys:
        template = TEMPLATES[j.template].name if j.template in TEMPLATES else "custom stages"
        flow = " &rarr; ".join(escape(s.name) for s in j.stages)
        personas = ", ".join(escape(names.get(p, p)) for p in j.personas)
        moments = sum(s.moment_of_truth for s in j.steps)
        rows.append(
            f"<tr><td>{escape(j.name)}</td><td>{escape(j.kind)}</td>"
            f"<td><b>{escape(template)}</b><br>{flow}</td><td>{personas}</td>"
            f"<td>{len(j.steps)}</td><td>{moments}</td></tr>"
        )
    if not rows:
        return '<p class="jk-empty">No journeys yet.</p>'
    head = (
        "<tr><th>Journey</th><th>Kind</th><th>Stages</th><th>Personas</th><th>Steps</th>"
        "<th>Moments of truth</th></tr>"
    )
    return f'<table class="jk-table">{head}{"".join(rows)}</table>'


def team_section(workspace: Workspace, summary: TeamSummary) -> str:
    """One team's card: goals, personas, journeys and how much evidence it holds."""
    goals = "".join(f"<li>{escape(g)}</li>" for g in workspace.goals)
    return (
        f'<section class="jk-team" data-team="{escape(workspace.id)}">'
        f"<h2>{escape(workspace.name)}</h2>"
        f'<div class="jk-meta">{escape(workspace.scope)}</div>'
        f"<ul>{goals}</ul>"
        f'<div class="jk-counts">{summary.touchpoints} touchpoints &middot; '
        f"{len(workspace.interviews)} interview notes &middot; "
        f"{summary.survey_responses:,} survey responses &middot; "
        f"{summary.usage_events:,} usage events</div>"
        f"<h3>Workshop steps</h3>{step_list(workspace.id, progress(workspace, summary))}"
        f'<h3>Personas</h3><div class="jk-personas">{_persona_card(workspace)}</div>'
        f"<h3>Journeys</h3>{_journey_rows(workspace)}</section>"
    )


def start_html(store: Store) -> str:
    """The start page as HTML; every text from the store is escaped."""
    summaries = store.teams()
    if not summaries:
        return (
            '<div class="jk-start"><h1>JourneyKit workshop</h1><p class="jk-empty">'
            "This workshop has no teams yet. Create one below, or create the sample workshop "
            "with <code>journeykit sample</code>, or import a team with "
            "<code>journeykit import FILE.json</code>.</p></div>"
        )
    workspaces = [store.workspace(s.id) for s in summaries]
    sections = "".join(team_section(w, s) for w, s in zip(workspaces, summaries, strict=True))
    company = workspaces[0].company
    subtitle = f'<p class="jk-meta">{escape(company)}</p>' if company else ""
    return (
        f'<div class="jk-start"><h1>JourneyKit workshop</h1>{subtitle}<p>{INTRO}</p>'
        f'<p><b>{len(summaries)} teams</b> &middot; facilitators: <a class="jk-dashboard-link" '
        f'href="facilitator.ipynb">dashboard of all teams</a></p>{sections}</div>'
    )


def start_page(store: Store) -> list[w.Widget]:
    """The teams as they are now, and a form for a new team."""
    opened = w.HTML()

    def created(team: str) -> None:
        opened.value = (
            f'<p class="jk-page">Team created: <a class="jk-next" href="{escape(link(1, team))}">'
            "start with step 1, discovery &rarr;</a></p>"
        )

    # a widget keeps its links working (see steps.step_page)
    return [w.HTML(start_html(store)), TeamCreator(store, created), opened]


def show_start_page(location: str | None = None) -> None:
    """Display the start page in a notebook or Voila page; read when the page is asked for,
    so a kernel started early still shows the teams created since."""
    from IPython.display import display

    store = Store(location)
    display(on_address(lambda _query: start_page(store), store))
