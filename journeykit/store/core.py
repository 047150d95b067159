"""The store: one workshop's teams, items, evidence and progress in SQLite or PostgreSQL.

`Store` is assembled from its parts, one module a concern (the same face as ever): `base`
(opening, transactions, settings, shared lookups), `teams` (teams and their items),
`evidence` (bulk survey responses and usage events), `progress` (who is in the room, the
students' answers) and `archive` (a copy of the whole workshop).
"""

from __future__ import annotations

from journeykit.settings import DEFAULT_STORE, STORE_ENV
from journeykit.store.archive import Archive
from journeykit.store.base import (
    KIND_OF,
    SETTINGS,
    Stored,
    TeamSummary,
    shown_url,
    sqlite_path,
    storage_problem,
    store_url,
    unreachable,
    validate_workspace,
)
from journeykit.store.evidence import Evidence
from journeykit.store.progress import Progress


class Store(Evidence, Progress, Archive):
    """One workshop: the workspaces of all its teams and their evidence."""


__all__ = [
    "DEFAULT_STORE",
    "KIND_OF",
    "SETTINGS",
    "STORE_ENV",
    "Store",
    "Stored",
    "TeamSummary",
    "shown_url",
    "sqlite_path",
    "storage_problem",
    "store_url",
    "unreachable",
    "validate_workspace",
]
