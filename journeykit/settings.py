"""The environment variables the kit reads and sets, in one place: what each is for and who
sets it. The workshop's own settings (its language, Persian digits) are kept in the store
(`journeykit.store.base.SETTINGS`); the facilitator changes them on the dashboard.

This module imports nothing, so a light process (the hub's) reads it without the kit's
libraries.
"""

from __future__ import annotations

DEFAULT_STORE = "journeykit.db"
"""The store when none is named: a SQLite file in the folder the kit was started from."""
STORE_ENV = "JOURNEYKIT_STORE"
"""The workshop's store (a SQLite path or a SQLAlchemy URL): read by every command and page;
`journeykit serve`, `lab` and `hub` set it for the kernels they start."""
ROOM_ENV = "JOURNEYKIT_ROOM"
"""The room's secrets for the Voila process alone: read once and removed from the
environment, so no page kernel inherits the facilitator key."""
JOIN_ENV = "JOURNEYKIT_JOIN"
"""What the pages show on the join panel (the addresses and the workshop code, never the key)."""
CACHE_ENV = "JOURNEYKIT_CHART_CACHE"
"""Where the pages of one server keep the charts they drew, for each other."""
CHART_MODULE_ENV = "JOURNEYKIT_CHART_MODULE"
"""Set by `journeykit serve`: the path (under the server's base URL) of the chart JavaScript."""
HUB_USER_ENV = "JUPYTERHUB_USER"
"""On JupyterHub: the user a server belongs to (JupyterHub sets it)."""
HUB_ROLE_ENV = "JOURNEYKIT_ROLE"
"""On JupyterHub: the user's role in the kit (journeykit.app.hub sets it: the hub's admin is
the facilitator)."""
HUB_PREFIX = "JOURNEYKIT_HUB_"
"""The hub's own settings (`journeykit hub` sets them; deploy/jupyterhub/README.md lists them)."""
