"""The store's schema in versions: Alembic migrations, run in the transaction that opens a store.

A new store is made whole from `schema` and stamped with the newest revision; a store made by
an earlier JourneyKit is brought up to it one revision at a time. Stores made before the
migrations existed say their schema in `meta.schema_version` (1 to 4): revision `s1` to `s4`
stand for those, so they join the same line. `meta.schema_version` is still written, so an
older JourneyKit refuses a store this one has changed instead of misreading it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Column, Connection, Integer, insert, select, update
from sqlalchemy import inspect as sa_inspect

from journeykit.store import schema

FOLDER = Path(__file__).resolve().parent


def _config(conn: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(FOLDER))
    config.attributes["connection"] = conn
    return config


@cache
def _scripts() -> ScriptDirectory:
    """The revisions, read once a process (every page opens the store)."""
    return ScriptDirectory(str(FOLDER))


@cache
def head() -> str:
    """The newest revision this JourneyKit knows."""
    found = _scripts().get_current_head()
    assert found is not None
    return found


def current(conn: Connection) -> str | None:
    """The revision a store is at; None for a store from before the migrations."""
    return MigrationContext.configure(conn).get_current_revision()


def known(revision: str) -> bool:
    """Whether this JourneyKit knows a revision (a newer one wrote a store it does not)."""
    try:
        return _scripts().get_revision(revision) is not None
    except CommandError:
        return False


def stamp(conn: Connection, revision: str) -> None:
    """Record that a store is at `revision` without running anything."""
    command.stamp(_config(conn), revision)


def upgrade(conn: Connection) -> None:
    """Run every migration from the store's revision to the newest."""
    command.upgrade(_config(conn), "head")


def add_score_columns(conn: Connection) -> None:
    """A column for each score of the registry the store has none for yet (a score added to
    `journeykit.model.metrics` after the store was made, empty for the responses it holds):
    no revision to write for a new score, and one read of `meta` when nothing is new."""
    wanted = ",".join(schema.SCORE_COLUMNS)
    where = schema.meta.c.key == "scores"
    listed = conn.execute(select(schema.meta.c.value).where(where)).scalar()
    if listed == wanted:
        return
    has = {c["name"] for c in sa_inspect(conn).get_columns("survey_responses")}
    operations = Operations(MigrationContext.configure(conn))
    for key in schema.SCORE_COLUMNS:
        if key not in has:
            operations.add_column("survey_responses", Column(key, Integer))
    if listed is None:
        conn.execute(insert(schema.meta).values(key="scores", value=wanted))
    else:
        conn.execute(update(schema.meta).where(where).values(value=wanted))
