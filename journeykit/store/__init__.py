"""Persistence of workshops: SQLite by default, any SQLAlchemy URL later; JSON exchange."""

from journeykit.errors import ConflictError, EvidenceError, NotFoundError, StoreError
from journeykit.store.core import (
    DEFAULT_STORE,
    STORE_ENV,
    Store,
    Stored,
    TeamSummary,
    shown_url,
    sqlite_path,
    store_url,
)
from journeykit.store.jsonio import (
    dumps,
    export_workspace,
    import_document,
    read_document,
    write_export,
)

__all__ = [
    "DEFAULT_STORE",
    "STORE_ENV",
    "ConflictError",
    "EvidenceError",
    "NotFoundError",
    "Store",
    "StoreError",
    "Stored",
    "TeamSummary",
    "dumps",
    "export_workspace",
    "import_document",
    "read_document",
    "shown_url",
    "sqlite_path",
    "store_url",
    "write_export",
]
