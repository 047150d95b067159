"""The workshop's start page: every team with its personas and journeys, read from the store."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from markupsafe import Markup

from journeykit.app.room import join_panel
from journeykit.app.steps import link, progress, step_list
from journeykit.i18n import N_, _, format_number, forward, local_digits, ngettext, separator
from journeykit.model import TEMPLATES, Workspace, label
from journeykit.participants import participant
from journeykit.store import Store, TeamSummary
from journeykit.templates import macros
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


def _parts() -> Any:
    """The start page's pieces (`start_parts.html.j2`)."""
    return macros("start_parts.html.j2")


def _persona_card(workspace: Workspace) -> str:
    cards = [
        str(
            _parts().persona(
                {
                    "name": p.name,
                    "segment": p.segment or _("no segment"),
                    "evidence": p.evidence,
                    "badge": _(EVIDENCE_BADGES[p.evidence]),
                    "quote": p.quote,
                    "goals": ", ".join(p.goals) or _("no goals written yet"),
                }
            )
        )
        for p in workspace.personas
    ]
    return "".join(cards) or empty_note(N_("No personas yet."))


def _journey_rows(workspace: Workspace) -> str:
    names = workspace.persona_names()
    rows = [
        {
            "name": j.name,
            "kind": label(j.kind),
            "template": _(
                TEMPLATES[j.template].name if j.template in TEMPLATES else "custom stages"
            ),
            "flow": f" {forward()} ".join(s.name for s in j.stages),
            "personas": ", ".join(names.get(p, p) for p in j.personas),
            "steps": format_number(len(j.steps)),
            "moments": format_number(sum(s.moment_of_truth for s in j.steps)),
        }
        for j in workspace.journeys
    ]
    if not rows:
        return empty_note(N_("No journeys yet."))
    return str(_parts().journeys(Markup(head_html(JOURNEY_HEADERS)), rows))


def team_section(workspace: Workspace, summary: TeamSummary) -> str:
    """One team's card: goals, personas, journeys and how much evidence it holds."""
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
    card = {
        "id": workspace.id,
        "name": workspace.name,
        "scope": workspace.scope,
        "goals": workspace.goals,
        "counts": counts,
        "steps": Markup(step_list(workspace.id, progress(workspace, summary))),
        "personas": Markup(_persona_card(workspace)),
        "journeys": Markup(_journey_rows(workspace)),
    }
    return str(_parts().team(card))


def you_html() -> str:
    """Who this page's participant is, in a room (empty for the one local user)."""
    who = participant()
    if not who.name:
        return ""
    return str(_parts().you(who.name))


def start_html(store: Store) -> str:
    """The start page as HTML; every text from the store is escaped."""
    summaries = store.teams()
    room = join_panel(compact=not participant().facilitator) + you_html()
    if not summaries:
        return str(_parts().page(Markup(room), "", empty=_(NO_TEAMS)))
    workspaces = [store.workspace(s.id) for s in summaries]
    sections = "".join(team_section(w, s) for w, s in zip(workspaces, summaries, strict=True))
    count = len(summaries)
    teams = ngettext("{count} team", "{count} teams", count).format(count=format_number(count))
    return str(
        _parts().page(
            Markup(room),
            _(INTRO),
            company=workspaces[0].company,
            teams=teams,
            sections=Markup(sections),
        )
    )


def start_page(store: Store) -> list[w.Widget]:
    """The teams as they are now, and a form for a new team."""
    opened = w.HTML()

    def created(team: str) -> None:
        opened.value = str(
            _parts().created(
                link(1, team), local_digits(_("start with step 1, discovery")), forward()
            )
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
