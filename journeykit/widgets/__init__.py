"""ipywidgets editors over the store: thin views, each testable by setting values from Python."""

from __future__ import annotations

import os
from urllib.parse import parse_qs

from journeykit.store import Store, StoreError
from journeykit.widgets.actions import ActionPlanner
from journeykit.widgets.base import StoreView, offline_chart
from journeykit.widgets.evidence import EvidenceImporter
from journeykit.widgets.insights import InsightBoard
from journeykit.widgets.journey import JourneyEditor
from journeykit.widgets.personas import PersonaBuilder
from journeykit.widgets.touchpoints import TouchpointCatalog

EDITORS: dict[str, type[StoreView]] = {
    "personas": PersonaBuilder,
    "touchpoints": TouchpointCatalog,
    "journey": JourneyEditor,
    "evidence": EvidenceImporter,
    "insights": InsightBoard,
    "actions": ActionPlanner,
}


def team_from_address(default: str = "") -> str:
    """The team named in the page's address (?team=north): Voila passes the query string to
    the kernel, so a link to a step can be shared within a team."""
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    return (query.get("team") or [default])[0]


def editor(name: str, team: str | None = None, store: Store | None = None) -> StoreView:
    """One editor for the team in the address (or `team`), on the workshop's store."""
    opened = store or Store()
    teams = [t.id for t in opened.teams()]
    chosen = team or team_from_address() or (teams[0] if teams else "")
    if chosen not in teams:
        raise StoreError(
            f"no team {chosen!r} in this workshop: open the page with ?team= and one of "
            f"{', '.join(teams) or '(none yet: create a team first)'}"
        )
    return EDITORS[name](opened, chosen)


__all__ = [
    "EDITORS",
    "ActionPlanner",
    "EvidenceImporter",
    "InsightBoard",
    "JourneyEditor",
    "PersonaBuilder",
    "StoreView",
    "TouchpointCatalog",
    "editor",
    "offline_chart",
    "team_from_address",
]
