"""ipywidgets editors over the store: thin views, each testable by setting values from Python."""

from __future__ import annotations

from journeykit.errors import NotFoundError
from journeykit.i18n import _
from journeykit.store import Store
from journeykit.widgets.actions import ActionPlanner
from journeykit.widgets.address import on_address, team_from_address
from journeykit.widgets.base import StoreView, offline_chart
from journeykit.widgets.coding import AffinityBoard, CodingBoard
from journeykit.widgets.evidence import EvidenceImporter
from journeykit.widgets.insights import InsightBoard
from journeykit.widgets.journey import JourneyEditor
from journeykit.widgets.personas import PersonaBuilder
from journeykit.widgets.themes import NoteForm, ThemeSuggestions
from journeykit.widgets.touchpoints import TouchpointCatalog

EDITORS: dict[str, type[StoreView]] = {
    "personas": PersonaBuilder,
    "touchpoints": TouchpointCatalog,
    "journey": JourneyEditor,
    "evidence": EvidenceImporter,
    "insights": InsightBoard,
    "actions": ActionPlanner,
    "notes": NoteForm,
    "suggestions": ThemeSuggestions,
    "coding": CodingBoard,
    "affinity": AffinityBoard,
}


def editor(name: str, team: str | None = None, store: Store | None = None) -> StoreView:
    """One editor for the team in the address (or `team`), on the workshop's store."""
    opened = store or Store()
    teams = [t.id for t in opened.teams()]
    chosen = team or team_from_address() or (teams[0] if teams else "")
    if chosen not in teams:
        raise NotFoundError(
            _(
                "no team {team!r} in this workshop: open the page with ?team= and one of {teams}"
            ).format(team=chosen, teams=", ".join(teams) or _("(none yet: create a team first)"))
        )
    return EDITORS[name](opened, chosen)


__all__ = [
    "EDITORS",
    "ActionPlanner",
    "AffinityBoard",
    "CodingBoard",
    "EvidenceImporter",
    "InsightBoard",
    "JourneyEditor",
    "PersonaBuilder",
    "StoreView",
    "TouchpointCatalog",
    "editor",
    "offline_chart",
    "on_address",
    "team_from_address",
]
