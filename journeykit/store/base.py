"""The store's foundation: where a store is (URLs, engines for SQLite and a server), how a
write transaction begins, what a database error means for a person, and the opened store the
parts of `Store` build on: every team's workspace in one database, one transaction per edit.

Voila runs one kernel per open page, so several processes write to the same file at once.
Each item carries a revision; an edit names the revision it was based on and is refused with a
conflict if a teammate saved since, so nobody's work is silently overwritten.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, Self, TypeVar

import numpy as np
import pandas as pd
from pydantic import ValidationError
from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    create_engine,
    event,
    func,
    insert,
    make_url,
    or_,
    select,
    true,
)
from sqlalchemy import delete as sql_delete
from sqlalchemy import update as sql_update
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError

from journeykit.errors import NotFoundError, StoreError
from journeykit.i18n import _
from journeykit.model import (
    ITEM_KINDS,
    Item,
    Workspace,
    explain,
    item_name,
)
from journeykit.settings import DEFAULT_STORE, STORE_ENV
from journeykit.store import migrations, schema

HEADER_FIELDS = ("id", "name", "company", "goals", "scope", "language", "private", "rejected")

EVIDENCE_TABLES = {
    "survey_responses": (schema.survey_responses, schema.SURVEY_COLUMNS),
    "usage_events": (schema.usage_events, schema.EVENT_COLUMNS),
}

ARCHIVE_CHUNK = 20_000
"""Rows copied at a time when a server's store is archived to a file."""
BATCH_ROWS = 50_000
BATCH_PAUSE = 0.15
"""Seconds between batches: longer than SQLite's longest wait between tries for the lock
(0.1 s), so a save that waits gets in instead of finding the next batch there first."""
"""Evidence larger than this is written in batches of it, each its own short transaction, and
shown all at once when the last is in (`schema.pending_imports`): a million responses held
another team's single save for 10 s in one transaction."""

T = TypeVar("T", bound=Item)
Held = TypeVar("Held")
KIND_OF: dict[type[Item], str] = {cls: kind for kind, cls in ITEM_KINDS.items()}


ARCHIVED = (
    schema.items,
    schema.survey_responses,
    schema.usage_events,
    schema.teams,
    schema.progress,
    schema.pending_imports,
)
"""Every table of a workshop's work (what an archive takes away from the live store)."""


def _fingerprint(conn: Connection) -> list[tuple[Any, ...]]:
    """Enough of a store to tell whether anything was saved since: rows and revisions."""
    found = []
    for table in ARCHIVED:
        revisions = func.sum(table.c.version) if "version" in table.c else func.count()
        found.append(tuple(conn.execute(select(func.count(), revisions).select_from(table)).one()))
    return found


def storage_problem(url: str, err: Exception) -> str:
    """What a database error means for the person saving, and what to do: nothing of the
    edit was kept (the transaction was rolled back)."""
    text = str(getattr(err, "orig", err)).lower()
    if "full" in text:
        fix = _("free some disk space, then save again")
    elif "readonly" in text or "read-only" in text or "permission" in text:
        fix = _(
            "the store's folder is read-only: run the kit where it may write, or move the store"
        )
    elif "locked" in text or "busy" in text:
        fix = _("another program holds the store: close it, then save again")
    else:
        fix = _("check the disk and the store's folder, then save again")
    return _("not saved, the store {url} could not be written ({reason}): {fix}").format(
        url=url, reason=str(getattr(err, "orig", err)), fix=fix
    )


def unreachable(url: str, err: Exception) -> str:
    """Why a store could not be opened at all, and what to check."""
    reason = str(getattr(err, "orig", err)).strip().splitlines()[0]
    if sqlite_path(url) is not None:
        return _(
            "the store {url} could not be opened ({reason}): check that its folder exists and "
            "may be written"
        ).format(url=url, reason=reason)
    return _(
        "the store {url} could not be opened ({reason}): check that the database server is "
        "running and that the URL's user, host, port and database are right"
    ).format(url=shown_url(url), reason=reason)


def _dbapi(conn: Connection) -> Any:
    """The driver's own connection under SQLAlchemy's (sqlite3 or psycopg): for what only
    the driver does (BEGIN IMMEDIATE, VACUUM INTO, a plain executemany)."""
    raw = conn.connection.driver_connection
    assert raw is not None, "a connection that is open has its driver's connection"
    return raw


@dataclass(frozen=True)
class Stored(Generic[Held]):
    """An item (or a team's header) as read from the store, with the revision an edit of it
    must name."""

    item: Held
    revision: int


@dataclass(frozen=True)
class TeamSummary:
    id: str
    name: str
    personas: int
    touchpoints: int
    journeys: int
    survey_responses: int
    usage_events: int


def store_url(location: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from a flag, else JOURNEYKIT_STORE, else ./journeykit.db."""
    text = str(location or os.environ.get(STORE_ENV) or DEFAULT_STORE)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def shown_url(url: str) -> str:
    """A store's URL as messages and logs may show it: a database password as ***."""
    if url.startswith("sqlite"):
        return url
    return make_url(url).render_as_string(hide_password=True)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite store URL; None for another database or an in-memory one."""
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return None
    return Path(url.split("///", 1)[-1])


def _sqlite_engine(url: str) -> tuple[Engine, Engine]:
    """A reader and a writer engine on one pool: writers take SQLite's lock at BEGIN.

    A deferred transaction that reads and then writes fails at once with "database is locked"
    when another process wrote in between; BEGIN IMMEDIATE makes it wait its turn instead.
    """
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun below, not by sqlite3
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed edit survives a power cut too, not only a killed process.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        mode = "IMMEDIATE" if conn.get_execution_options().get("journeykit_write") else "DEFERRED"
        _dbapi(conn).execute(f"BEGIN {mode}")

    return engine, engine.execution_options(journeykit_write=True)


WRITE_LOCK = 0x4A4B_5354_4F52
"""PostgreSQL's advisory lock a write transaction takes first: writes follow one another as
SQLite's do, so an edit's revision check, the next row number and an archive's last look
see no write in between (each holds it for one short transaction)."""


def _server_engine(url: str) -> tuple[Engine, Engine]:
    """A reader and a writer engine for a database server (PostgreSQL): the writer's
    transactions take `WRITE_LOCK` when they begin, as SQLite's BEGIN IMMEDIATE does."""
    if make_url(url).get_backend_name() != "postgresql":
        raise StoreError(
            _(
                "{url} is not a store the kit can use: give a SQLite file or a PostgreSQL URL "
                "(postgresql+psycopg://user@host/database)"
            ).format(url=shown_url(url))
        )
    engine = create_engine(url, pool_pre_ping=True)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if conn.get_execution_options().get("journeykit_write"):
            _dbapi(conn).execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))

    return engine, engine.execution_options(journeykit_write=True)


def _driver_errors(engine: Engine, name: str) -> tuple[type[Exception], ...]:
    """The driver's own exception class `name` (the hot paths use the driver's cursor, whose
    errors SQLAlchemy does not wrap), with SQLAlchemy's."""
    wrapped = {"OperationalError": OperationalError, "IntegrityError": IntegrityError}[name]
    return (wrapped, getattr(engine.dialect.loaded_dbapi, name))


def _visible(conn: Connection, table: Any) -> Any:
    """Evidence rows of finished imports only: a large import under way is seen whole or not
    at all. With none under way (nearly always) no condition, so counts and maxima keep to
    the indexes (the condition made the start page's count of a team's rows 2.6x slower)."""
    if conn.execute(select(schema.pending_imports.c.id).limit(1)).first() is None:
        return true()
    return or_(
        table.c.batch.is_(None),
        table.c.batch.not_in(select(schema.pending_imports.c.id).scalar_subquery()),
    )


def _let_others_in() -> None:
    """Between two batches of a large import: a save that waits gets its turn."""
    time.sleep(BATCH_PAUSE)


def _process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # someone else's process: alive
        return False
    return False


SETTINGS: dict[str, str] = {"language": "en", "persian_digits": "yes"}
"""The workshop's own settings and their defaults (the language every team speaks unless its
own is set; whether Persian pages write Persian digits)."""


class StoreBase:
    """A workshop's store opened: its engines, transactions, settings and the lookups every
    part of the store shares (`Store` puts the parts together)."""

    def __init__(self, location: str | os.PathLike[str] | None = None) -> None:
        self.url = store_url(location)
        if self.url.startswith("sqlite"):
            self._reader, self._writer = _sqlite_engine(self.url)
        else:
            self._reader, self._writer = _server_engine(self.url)
        try:
            self._open()
        except _driver_errors(self._writer, "OperationalError") as err:
            self._reader.dispose()
            raise StoreError(unreachable(self.url, err)) from None
        except DatabaseError as err:  # a file that is not a database at all
            self._reader.dispose()
            reason = str(getattr(err, "orig", err)).strip().splitlines()[0]
            raise StoreError(
                _(
                    "{url} is not a workshop store ({reason}): give the path of a store the kit "
                    "made, or a file name that does not exist yet to start a new one"
                ).format(url=sqlite_path(self.url) or shown_url(self.url), reason=reason)
            ) from None

    def _open(self) -> None:
        """Create or upgrade the schema (`migrations`) and clear dead imports, in one
        transaction: the first write of a store."""
        with self._writer.begin() as conn:
            schema.metadata.create_all(conn)  # a new store whole; an old one's new tables
            found = conn.execute(
                select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
            ).scalar()
            if found is None:
                conn.execute(
                    insert(schema.meta).values(
                        key="schema_version", value=str(schema.SCHEMA_VERSION)
                    )
                )
                migrations.stamp(conn, migrations.head())
            else:
                stamped = migrations.current(conn)
                revision = stamped or f"s{found}"  # a store from before the migrations
                if int(found) > schema.SCHEMA_VERSION or not migrations.known(revision):
                    raise StoreError(
                        _(
                            "the store {url} was written by a newer JourneyKit (schema {found}, "
                            "this one knows {SCHEMA_VERSION}): upgrade JourneyKit to open it"
                        ).format(
                            url=shown_url(self.url),
                            found=found,
                            SCHEMA_VERSION=schema.SCHEMA_VERSION,
                        )
                    )
                if revision != migrations.head():
                    if stamped is None:
                        migrations.stamp(conn, revision)
                    migrations.upgrade(conn)
                    conn.execute(
                        sql_update(schema.meta)
                        .where(schema.meta.c.key == "schema_version")
                        .values(value=str(schema.SCHEMA_VERSION))
                    )
            migrations.add_score_columns(conn)
            self._drop_dead_imports(conn)

    def close(self) -> None:
        self._reader.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction: all of it or none. A store that cannot be written (a full
        disk, a read-only folder, a lock held beyond the wait) is one line with the fix."""
        try:
            with self._writer.begin() as conn:
                yield conn
        except _driver_errors(self._writer, "OperationalError") as err:
            raise StoreError(storage_problem(shown_url(self.url), err)) from None

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._reader.begin() as conn:
            yield conn

    def setting(self, key: str) -> str:
        """One workshop setting, its default when never set."""
        with self._read() as conn:
            found = conn.execute(
                select(schema.meta.c.value).where(schema.meta.c.key == f"setting:{key}")
            ).scalar()
        return SETTINGS[key] if found is None else str(found)

    def set_setting(self, key: str, value: str) -> None:
        """Change a workshop setting for every page opened from now on."""
        if key not in SETTINGS:
            raise StoreError(
                _("no workshop setting {key!r}: the settings are {value2}").format(
                    key=key, value2=", ".join(SETTINGS)
                )
            )
        name = f"setting:{key}"
        with self._write() as conn:
            conn.execute(sql_delete(schema.meta).where(schema.meta.c.key == name))
            conn.execute(insert(schema.meta).values(key=name, value=value))

    def _drop_dead_imports(self, conn: Connection) -> None:
        """Rows of an import whose process died (killed mid-import): no one ever sees them,
        and they go when a store is next opened. On SQLite the importer's process is looked
        for on this machine; on PostgreSQL the importer holds a lock of its session for the
        whole import, which the server lets go when its client is gone, from any machine."""
        pending = schema.pending_imports
        server = sqlite_path(self.url) is None
        for batch, pid in conn.execute(select(pending.c.id, pending.c.pid)).all():
            if server:
                gone = conn.exec_driver_sql(
                    "SELECT pg_try_advisory_xact_lock(%(key)s)", {"key": _import_lock(batch)}
                ).scalar()
            else:
                gone = _process_gone(pid)
            if gone:
                for table in (schema.survey_responses, schema.usage_events):
                    conn.execute(sql_delete(table).where(table.c.batch == batch))
                conn.execute(sql_delete(pending).where(pending.c.id == batch))

    @staticmethod
    def _team_row(conn: Connection, team: str) -> Any:
        return conn.execute(
            select(schema.teams.c.data, schema.teams.c.version).where(schema.teams.c.id == team)
        ).first()

    def _require_team(self, conn: Connection, team: str) -> Any:
        row = self._team_row(conn, team)
        if row is None:
            known = conn.execute(select(schema.teams.c.id).order_by(schema.teams.c.seq)).scalars()
            listed = ", ".join(known) or _("none yet")
            raise NotFoundError(
                _(
                    "there is no team {team!r} in this workshop (teams: {listed}): check the "
                    "spelling, or create it first"
                ).format(team=team, listed=listed)
            )
        return row

    def _item_rows(self, conn: Connection, team: str, kind: str) -> list[Any]:
        return list(
            conn.execute(
                select(schema.items.c.id, schema.items.c.data, schema.items.c.version)
                .where(schema.items.c.team == team, schema.items.c.kind == kind)
                .order_by(schema.items.c.seq, schema.items.c.id)
            )
        )

    def _item_row(self, conn: Connection, team: str, kind: str, item_id: str) -> Any:
        self._require_team(conn, team)
        row = conn.execute(
            select(schema.items.c.data, schema.items.c.version).where(
                *_item_key(team, kind, item_id)
            )
        ).first()
        if row is None:
            raise NotFoundError(
                _(
                    "{value1} {item_id!r} is not in team {team!r}: a teammate may have deleted "
                    "it; reload to see the current list"
                ).format(value1=item_name(kind), item_id=item_id, team=team)
            )
        return row

    def _ids(self, conn: Connection, team: str, kind: str) -> set[str]:
        return set(
            conn.execute(
                select(schema.items.c.id).where(
                    schema.items.c.team == team, schema.items.c.kind == kind
                )
            ).scalars()
        )


_ITEM_BY_KEY = (
    schema.items.c.team == bindparam("k_team"),
    schema.items.c.kind == bindparam("k_kind"),
    schema.items.c.id == bindparam("k_id"),
)
# Built once: edits are the hottest path of a workshop; building SQL costs more than running it.
_UPDATE_ITEM = (
    sql_update(schema.items)
    .where(*_ITEM_BY_KEY, schema.items.c.version == bindparam("k_revision"))
    .values(version=bindparam("new_revision"), data=bindparam("new_data"))
)
_DELETE_ITEM = sql_delete(schema.items).where(
    *_ITEM_BY_KEY, schema.items.c.version == bindparam("k_revision")
)


def _import_lock(batch: str) -> int:
    """The number of a large import's advisory lock on PostgreSQL (from its id: 60 bits)."""
    return int(batch[:15], 16)


def _item_key(team: str, kind: str, item_id: str) -> tuple[Any, ...]:
    return (
        schema.items.c.team == team,
        schema.items.c.kind == kind,
        schema.items.c.id == item_id,
    )


def _bulk(
    dialect: Any, table: Any, team: str, clean: pd.DataFrame, start: int, batch: str | None = None
) -> tuple[str, list[Any]]:
    """A frame as one INSERT and its rows of parameters (seqs from `start`; `batch`: the large
    import they belong to), ready for the driver's executemany."""
    columns = ["team", "seq", *clean.columns, *(["batch"] if batch else [])]
    compiled = insert(table).compile(dialect=dialect, column_keys=columns)
    values = clean.astype(object).where(clean.notna(), None)
    values.insert(0, "seq", range(start, start + len(values)))
    # plain object columns: a text scalar would make a string array, which itertuples walks
    # one boxed cell at a time (three seconds of a million rows' storing)
    values.insert(0, "team", _same(values.index, team))
    if batch:
        values["batch"] = _same(values.index, batch)
    order = list(compiled.positiontup or ()) if compiled.positional else columns
    tuples = list(values[order].itertuples(index=False, name=None))
    rows: list[Any] = (
        tuples if compiled.positional else [dict(zip(order, t, strict=True)) for t in tuples]
    )
    return compiled.string, rows


def _same(index: pd.Index, text: str) -> pd.Series:
    return pd.Series(np.full(len(index), text, dtype=object), index=index, dtype=object)


def _execute_bulk(conn: Connection, statement: str, rows: list[Any]) -> None:
    cursor = _dbapi(conn).cursor()
    try:
        cursor.executemany(statement, rows)
    finally:
        cursor.close()


@lru_cache(maxsize=64)
def _compiled(statement: Any, dialect: Any) -> Any:
    return statement.compile(dialect=dialect)


def _driver_cursor(conn: Connection, statement: Any, params: dict[str, Any] | None = None) -> Any:
    """Run a Core statement on the driver's own cursor, in the connection's transaction.

    For the two hot paths, edits and large reads: SQLAlchemy's per-call work costs more than
    SQLite's, and pandas builds frames several times faster from plain tuples than from rows.
    The SQL is still compiled by SQLAlchemy for the connection's dialect.
    """
    compiled = _compiled(statement, conn.dialect)
    values: Any = compiled.construct_params(params)
    if compiled.positional:
        values = tuple(values[name] for name in compiled.positiontup or ())
    cursor = _dbapi(conn).cursor()
    cursor.execute(compiled.string, values)
    return cursor


def _rowcount(conn: Connection, statement: Any, params: dict[str, Any]) -> int:
    cursor = _driver_cursor(conn, statement, params)
    try:
        return int(cursor.rowcount)
    finally:
        cursor.close()


def _fetch_tuples(conn: Connection, query: Any) -> list[tuple[Any, ...]]:
    cursor = _driver_cursor(conn, query)
    try:
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _conflict_message(what: str, team: str) -> str:
    return _(
        "{what} of team {team!r} was changed by someone else after you opened it, so your "
        "edit was not saved (theirs is kept): reload to see their change, then make yours "
        "again"
    ).format(what=what, team=team)


def _header_json(workspace: Workspace) -> str:
    return workspace.model_dump_json(include=set(HEADER_FIELDS))


def validate_workspace(data: Any, source: str) -> Workspace:
    """A workspace from untrusted data, or StoreError listing every problem with its place."""
    try:
        return Workspace.model_validate(data)
    except ValidationError as err:
        raise StoreError(explain(err, source)) from None
