"""Who is working: a room's participant as the page kernel learns it (the room's gate sets a
header that Voila hands the kernel as an environment variable). A leaf module, so the command
line and the Voila server can name a participant without importing the widgets."""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass

from journeykit.settings import HUB_ROLE_ENV, HUB_USER_ENV

PARTICIPANT_HEADER = "X-JourneyKit-Participant"
PARTICIPANT_ENV = "HTTP_X_JOURNEYKIT_PARTICIPANT"
"""Where Voila puts the room's participant header in a page's kernel (rfc3875 naming)."""
FACILITATOR, PARTICIPANT = "facilitator", "participant"
NAME_LIMIT = 40


def clean_name(text: str) -> str:
    """A display name without control characters, trimmed (what the dashboard lists)."""
    kept = "".join(c for c in (text or "") if unicodedata.category(c)[0] != "C" or c == "\u200c")
    return " ".join(kept.split())[:NAME_LIMIT]


@dataclass(frozen=True)
class Participant:
    """Who opened a page: an id that stays with the browser, the display name and the role.
    Outside a room every page is the one local user's, who is also the facilitator."""

    id: str = "local"
    name: str = ""
    role: str = FACILITATOR

    @property
    def facilitator(self) -> bool:
        return self.role == FACILITATOR


def participant() -> Participant:
    """The participant of this page's kernel: from the header the room's gate set, or on
    JupyterHub the user whose server runs it."""
    raw = os.environ.get(PARTICIPANT_ENV, "")
    if not raw and os.environ.get(HUB_USER_ENV) and os.environ.get(HUB_ROLE_ENV):
        user = os.environ[HUB_USER_ENV]
        role = FACILITATOR if os.environ.get(HUB_ROLE_ENV) == FACILITATOR else PARTICIPANT
        return Participant(f"hub:{user}", clean_name(user), role)
    if not raw:
        return Participant()
    try:
        data = json.loads(raw)
        return Participant(str(data["id"]), clean_name(str(data["name"])), str(data["role"]))
    except (ValueError, KeyError, TypeError):
        return Participant(id="unknown", role=PARTICIPANT)
