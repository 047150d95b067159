"""The workshop store: every team's workspace in one database, one transaction per edit.

Voila runs one kernel per open page, so several processes write to the same file at once.
Each item carries a revision; an edit names the revision it was based on and is refused with a
conflict if a teammate saved since, so nobody's work is silently overwritten.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np
import pandas as pd
from pydantic import ValidationError
from sqlalchemy import (
    ColumnElement,
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
from sqlalchemy.exc import IntegrityError, OperationalError

from journeykit.errors import ConflictError, NotFoundError, StoreError
from journeykit.i18n import _, choose, format_number
from journeykit.model import (
    ITEM_KINDS,
    Action,
    Insight,
    Item,
    Journey,
    Workspace,
    action_problems,
    explain,
    item_name,
    journey_problems,
    most_items,
)
from journeykit.store import migrations, schema
from journeykit.store.frames import (
    TIME_FORMAT,
    clean_event_frame,
    clean_survey_frame,
    spread_attributes,
)

DEFAULT_STORE = "journeykit.db"
STORE_ENV = "JOURNEYKIT_STORE"
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


class Store:
    """One workshop: the workspaces of all its teams and their evidence."""

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

    def __enter__(self) -> Store:
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

    # ----- workshop settings -----------------------------------------------------------------

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

    def language_of(self, team: str = "") -> str:
        """The language a team speaks: its own when set, else the workshop's."""
        own = ""
        if team:
            try:
                own = self.header(team).item.language
            except StoreError:  # no such team: the workshop's language says so
                pass
        return choose(own, self.setting("language"))

    # ----- teams ---------------------------------------------------------------------------

    def create_team(self, workspace: Workspace) -> int:
        """Create a team with its goals and scope; the items of `workspace` are added too."""
        with self._write() as conn:
            self._insert_workspace(conn, workspace)
        return 1

    def _insert_workspace(self, conn: Connection, workspace: Workspace) -> None:
        if self._team_row(conn, workspace.id) is not None:
            raise ConflictError(
                _(
                    "team {id!r} already exists: choose another id (with import: --as NEW_ID), "
                    "or export and delete the old one first"
                ).format(id=workspace.id)
            )
        seq = conn.execute(select(func.coalesce(func.max(schema.teams.c.seq), 0))).scalar_one()
        conn.execute(
            insert(schema.teams).values(
                id=workspace.id, seq=seq + 1, version=1, data=_header_json(workspace)
            )
        )
        rows = [
            {
                "team": workspace.id,
                "kind": kind,
                "id": item.id,
                "seq": position,
                "version": 1,
                "data": item.model_dump_json(),
            }
            for kind in ITEM_KINDS
            for position, item in enumerate(getattr(workspace, kind), start=1)
        ]
        if rows:
            conn.execute(insert(schema.items), rows)

    def teams(self) -> list[TeamSummary]:
        """Every team with counts of what it holds, in the order teams were created."""
        with self._read() as conn:
            headers = conn.execute(
                select(schema.teams.c.id, schema.teams.c.data).order_by(schema.teams.c.seq)
            ).all()
            counts: dict[tuple[str, str], int] = {
                (team, kind): n
                for team, kind, n in conn.execute(
                    select(schema.items.c.team, schema.items.c.kind, func.count()).group_by(
                        schema.items.c.team, schema.items.c.kind
                    )
                )
            }
            for table, kind in (
                (schema.survey_responses, "survey_responses"),
                (schema.usage_events, "usage_events"),
            ):
                for team, n in conn.execute(
                    select(table.c.team, func.count())
                    .where(_visible(conn, table))
                    .group_by(table.c.team)
                ):
                    counts[(team, kind)] = n
        return [
            TeamSummary(
                id=team,
                name=json.loads(data)["name"],
                **{
                    kind: counts.get((team, kind), 0)
                    for kind in (
                        "personas",
                        "touchpoints",
                        "journeys",
                        "survey_responses",
                        "usage_events",
                    )
                },
            )
            for team, data in headers
        ]

    def revision(self, team: str = "") -> tuple[int, ...]:
        """A cheap mark of a team's saved work (of every team's, without `team`) that changes
        whenever anything is added, edited, removed or imported: pages poll it to show what
        teammates saved."""
        items, teams = schema.items, schema.teams
        with self._read() as conn:
            mark = [
                *conn.execute(
                    select(
                        func.count(),
                        func.coalesce(func.sum(items.c.version), 0),
                        func.coalesce(func.max(items.c.seq), 0),
                        func.coalesce(func.sum(func.length(items.c.id)), 0),
                    ).where(items.c.team == team if team else true())
                ).one(),
                *conn.execute(
                    select(func.count(), func.coalesce(func.sum(teams.c.version), 0)).where(
                        teams.c.id == team if team else true()
                    )
                ).one(),
            ]
            for table in (schema.survey_responses, schema.usage_events):
                mark.append(
                    conn.execute(
                        select(func.coalesce(func.max(table.c.seq), 0)).where(
                            table.c.team == team if team else true(), _visible(conn, table)
                        )
                    ).scalar_one()
                )
        return tuple(int(v) for v in mark)

    # ----- who is in the room --------------------------------------------------------------

    def seen(
        self, participant: str, name: str, role: str, team: str, page: str, acted: bool = False
    ) -> None:
        """A participant's page is open now (and, with `acted`, they just saved something)."""
        table, now = schema.presence, time.time()
        key = (table.c.participant == participant) & (table.c.page == page)
        with self._write() as conn:
            before = conn.execute(select(table.c.acted).where(key)).scalar()
            conn.execute(sql_delete(table).where(key))
            conn.execute(
                insert(table).values(
                    participant=participant,
                    page=page,
                    name=name,
                    role=role,
                    team=team,
                    seen=now,
                    acted=now if acted else before,
                )
            )

    def gone(self, participant: str, page: str) -> None:
        """A participant's page was closed."""
        table = schema.presence
        with self._write() as conn:
            conn.execute(
                sql_delete(table).where(
                    (table.c.participant == participant) & (table.c.page == page)
                )
            )

    def present(self, within: float = 45.0) -> list[dict[str, Any]]:
        """Everyone whose page was open in the last `within` seconds, one row a person and
        team: their pages, when last seen and when they last saved."""
        table = schema.presence
        since = time.time() - within
        with self._read() as conn:
            rows = conn.execute(
                select(table).where(table.c.seen >= since).order_by(table.c.team, table.c.name)
            ).mappings()
            people: dict[tuple[str, str], dict[str, Any]] = {}
            for row in rows:
                person = people.setdefault(
                    (row["participant"], row["team"]),
                    {
                        "participant": row["participant"],
                        "name": row["name"],
                        "role": row["role"],
                        "team": row["team"],
                        "pages": [],
                        "seen": row["seen"],
                        "acted": row["acted"],
                    },
                )
                person["pages"].append(row["page"])
                person["seen"] = max(person["seen"], row["seen"])
                if row["acted"] is not None:
                    person["acted"] = max(person["acted"] or 0.0, row["acted"])
        return list(people.values())

    def header(self, team: str) -> Stored[Workspace]:
        """A team's name, company, goals and scope (no items), with its revision."""
        with self._read() as conn:
            row = self._require_team(conn, team)
        return Stored(Workspace.model_validate_json(row.data), row.version)

    def update_header(self, workspace: Workspace, revision: int) -> int:
        """Change a team's name, goals or scope; its items are left as they are."""
        with self._write() as conn:
            self._require_team(conn, workspace.id)
            result = conn.execute(
                sql_update(schema.teams)
                .where(schema.teams.c.id == workspace.id, schema.teams.c.version == revision)
                .values(version=revision + 1, data=_header_json(workspace))
            )
            if result.rowcount == 0:
                raise ConflictError(_conflict_message(_("the goals and scope"), workspace.id))
        return revision + 1

    def amend_header(self, team: str, change: Callable[[Workspace], Workspace]) -> int:
        """Apply `change` to the team's header as it is now, in one write transaction: for
        changes that never conflict with a teammate's (adding to or taking from a list, as
        rejecting a finding does), so no revision is asked for and none can be stale."""
        with self._write() as conn:
            row = self._require_team(conn, team)
            changed = change(Workspace.model_validate_json(row.data))
            conn.execute(
                sql_update(schema.teams)
                .where(schema.teams.c.id == team)
                .values(version=row.version + 1, data=_header_json(changed))
            )
        return int(row.version) + 1

    def delete_team(self, team: str) -> None:
        """Remove a team and everything it holds (export it first to keep a copy)."""
        with self._write() as conn:
            self._require_team(conn, team)
            for table in (schema.items, schema.survey_responses, schema.usage_events):
                conn.execute(sql_delete(table).where(table.c.team == team))
            conn.execute(sql_delete(schema.teams).where(schema.teams.c.id == team))

    def workspace(self, team: str) -> Workspace:
        """The whole workspace of a team, read in one consistent snapshot."""
        with self._read() as conn:
            row = self._require_team(conn, team)
            data = json.loads(row.data)
            for kind in ITEM_KINDS:
                data[kind] = [json.loads(r.data) for r in self._item_rows(conn, team, kind)]
        return Workspace.model_validate(data)

    # ----- items ---------------------------------------------------------------------------

    def items(self, team: str, kind: type[T]) -> list[Stored[T]]:
        """All items of one kind, in the order they were added."""
        with self._read() as conn:
            self._require_team(conn, team)
            rows = self._item_rows(conn, team, KIND_OF[kind])
        return [Stored(kind.model_validate_json(r.data), r.version) for r in rows]

    def get(self, team: str, kind: type[T], item_id: str) -> Stored[T]:
        with self._read() as conn:
            row = self._item_row(conn, team, KIND_OF[kind], item_id)
        return Stored(kind.model_validate_json(row.data), row.version)

    def add(self, team: str, item: Item) -> int:
        """Save a new item; returns its first revision."""
        return self.add_many(team, [item])

    def add_many(self, team: str, items: Sequence[Item]) -> int:
        """Save several new items in one transaction: all of them, or none; returns 1."""
        with self._write() as conn:
            self._require_team(conn, team)
            self._check_room(conn, team, items)
            self._insert_items(conn, team, items)
        return 1

    @staticmethod
    def _check_room(conn: Connection, team: str, items: Sequence[Item]) -> None:
        """A team holds at most `most_items(kind)` of each kind: a workshop never comes near,
        an attack always does (a million personas made every page take a minute)."""
        adding: dict[str, int] = {}
        for item in items:
            kind = KIND_OF[type(item)]
            adding[kind] = adding.get(kind, 0) + 1
        for kind, count in adding.items():
            held = conn.execute(
                select(func.count()).where(schema.items.c.team == team, schema.items.c.kind == kind)
            ).scalar_one()
            if held + count > most_items(kind):
                raise StoreError(
                    _(
                        "{what}: team {team!r} may hold at most {most} of these and has {held}: "
                        "remove some before adding more"
                    ).format(
                        team=team,
                        held=format_number(held),
                        what=item_name(kind),
                        most=format_number(most_items(kind)),
                    )
                )

    def _insert_items(self, conn: Connection, team: str, items: Sequence[Item]) -> None:
        """Insert new items, each after the last of its kind (one statement for them all: a
        survey's 2,000 comments taken to the board, an import of 10,000 notes)."""
        rows = []
        seqs: dict[str, int] = {}
        ids: dict[str, set[str]] = {}
        for item in items:
            kind = KIND_OF[type(item)]
            self._check_references(conn, team, item)
            if item.id in ids.setdefault(kind, set()):
                self._refuse_taken(kind, item.id, team)
            ids[kind].add(item.id)
            if kind not in seqs:
                seqs[kind] = conn.execute(
                    select(func.coalesce(func.max(schema.items.c.seq), 0)).where(
                        schema.items.c.team == team, schema.items.c.kind == kind
                    )
                ).scalar_one()
            seqs[kind] += 1
            rows.append(
                {
                    "team": team,
                    "kind": kind,
                    "id": item.id,
                    "seq": seqs[kind],
                    "version": 1,
                    "data": item.model_dump_json(),
                }
            )
        for kind, new in ids.items():
            wanted = sorted(new)
            for start in range(0, len(wanted), 500):  # under any database's bound parameters
                taken = conn.execute(
                    select(schema.items.c.id).where(
                        schema.items.c.team == team,
                        schema.items.c.kind == kind,
                        schema.items.c.id.in_(wanted[start : start + 500]),
                    )
                ).first()
                if taken is not None:
                    self._refuse_taken(kind, taken.id, team)
        if rows:
            conn.execute(insert(schema.items), rows)

    @staticmethod
    def _refuse_taken(kind: str, item_id: str, team: str) -> None:
        raise ConflictError(
            _(
                "{value1} {id!r} already exists in team {team!r}: choose another id, or "
                "reload to edit the existing one"
            ).format(value1=item_name(kind), id=item_id, team=team)
        )

    def update(self, team: str, item: Item, revision: int) -> int:
        """Save an edit made on `revision` of the item; returns the new revision.

        Raises ConflictError when someone saved the item since that revision.
        """
        with self._write() as conn:
            self._update_item(conn, team, item, revision)
        return revision + 1

    def save_together(
        self, team: str, edits: Sequence[tuple[Item, int]], added: Sequence[Item] = ()
    ) -> None:
        """Edits (each made on its revision) and new items in one transaction: all, or none
        when any edit conflicts (accepting a theme codes its notes and adds its insight)."""
        with self._write() as conn:
            self._require_team(conn, team)
            for item, revision in edits:
                self._update_item(conn, team, item, revision)
            self._check_room(conn, team, added)
            self._insert_items(conn, team, added)

    def _update_item(self, conn: Connection, team: str, item: Item, revision: int) -> None:
        kind = KIND_OF[type(item)]
        self._check_references(conn, team, item)
        changed = _rowcount(
            conn,
            _UPDATE_ITEM,
            {
                "k_team": team,
                "k_kind": kind,
                "k_id": item.id,
                "k_revision": revision,
                "new_revision": revision + 1,
                "new_data": item.model_dump_json(),
            },
        )
        if changed == 0:
            self._item_row(conn, team, kind, item.id)  # says which is missing, if one is
            raise ConflictError(_conflict_message(f"{item_name(kind)} {item.id!r}", team))

    def delete(self, team: str, kind: type[Item], item_id: str, revision: int) -> None:
        """Remove an item that nothing else refers to, if nobody changed it since `revision`."""
        name = KIND_OF[kind]
        with self._write() as conn:
            self._check_unused(conn, team, name, item_id)
            removed = _rowcount(
                conn,
                _DELETE_ITEM,
                {"k_team": team, "k_kind": name, "k_id": item_id, "k_revision": revision},
            )
            if removed == 0:
                self._item_row(conn, team, name, item_id)
                raise ConflictError(_conflict_message(f"{item_name(name)} {item_id!r}", team))

    def _check_references(self, conn: Connection, team: str, item: Item) -> None:
        if isinstance(item, Journey):
            problems = journey_problems(
                item,
                self._ids(conn, team, "personas"),
                self._ids(conn, team, "touchpoints"),
                self._ids(conn, team, "interviews"),
            )
        elif isinstance(item, Action):
            problems = action_problems(item, self._ids(conn, team, "insights"))
        else:
            return
        if problems:
            raise StoreError("; ".join(problems))

    def _check_unused(self, conn: Connection, team: str, kind: str, item_id: str) -> None:
        """Refuse to remove what another item refers to, naming both as people see them."""
        users: list[str] = []
        if kind in ("personas", "touchpoints", "interviews"):
            for row in self._item_rows(conn, team, "journeys"):
                journey = Journey.model_validate_json(row.data)
                if kind == "personas" and item_id in journey.personas:
                    users.append(_("journey {name!r}").format(name=journey.name))
                users += [
                    _("step {action!r} of journey {name!r}").format(
                        action=s.action, name=journey.name
                    )
                    for s in journey.steps
                    if (kind == "touchpoints" and item_id in s.touchpoints)
                    or (kind == "interviews" and item_id in s.evidence)
                ]
        elif kind == "insights":
            users = [
                _("action {title!r}").format(title=action.title)
                for r in self._item_rows(conn, team, "actions")
                if item_id in (action := Action.model_validate_json(r.data)).insights
            ]
        elif kind == "journeys":
            users = [
                _("insight {title!r}").format(title=insight.title)
                for r in self._item_rows(conn, team, "insights")
                if (insight := Insight.model_validate_json(r.data)).journey == item_id
            ]
        if users:
            row = self._item_row(conn, team, kind, item_id)
            data = json.loads(row.data)
            shown = data.get("name") or data.get("title") or data.get("interviewee") or item_id
            raise StoreError(
                _(
                    "{value1} {item_id!r} is still used by {value3}{value4}: remove it there first"
                ).format(
                    value1=item_name(kind),
                    item_id=shown,
                    value3=", ".join(users[:5]),
                    value4=_(" and more") if len(users) > 5 else (""),
                )
            )

    # ----- bulk evidence -------------------------------------------------------------------

    def add_survey_responses(self, team: str, frame: pd.DataFrame) -> int:
        """Store survey responses, all or none; returns how many were stored."""
        clean = clean_survey_frame(frame)
        if len(clean) > BATCH_ROWS:
            with self._read() as conn:
                self._require_team(conn, team)
                self._refuse_clashes(conn, team, clean)
            self._insert_batches(team, schema.survey_responses, clean)
            return len(clean)
        with self._write() as conn:
            self._require_team(conn, team)
            self._insert_surveys(conn, team, clean)
        return len(clean)

    def stored_survey_ids(self, team: str, ids: Iterable[str]) -> set[str]:
        """Which of these survey response ids the team already has (an export imported
        twice, or a newer export that repeats the older responses)."""
        wanted = set(ids)
        table = schema.survey_responses
        found: set[str] = set()
        with self._reader.connect() as conn:
            if len(wanted) <= 10_000:
                chunks = [sorted(wanted)[i : i + 500] for i in range(0, len(wanted), 500)]
                for chunk in chunks:
                    found.update(
                        conn.execute(
                            select(table.c.id).where(
                                table.c.team == team, table.c.id.in_(chunk), _visible(conn, table)
                            )
                        ).scalars()
                    )
            else:
                stored = conn.execute(
                    select(table.c.id).where(table.c.team == team, _visible(conn, table))
                ).scalars()
                found = wanted.intersection(stored)
        return found

    def _insert_surveys(self, conn: Connection, team: str, clean: pd.DataFrame) -> None:
        self._refuse_clashes(conn, team, clean)
        start = self._next_seq(conn, schema.survey_responses, team)
        self._insert_frame(conn, schema.survey_responses, team, clean, start)

    @staticmethod
    def _refuse_clashes(conn: Connection, team: str, clean: pd.DataFrame) -> None:
        """Responses the team has already (an export imported twice) refuse the import."""
        table = schema.survey_responses
        taken = set(
            conn.execute(
                select(table.c.id).where(table.c.team == team, table.c.id.in_(clean["id"].tolist()))
            ).scalars()
            if len(clean) <= 10_000
            else conn.execute(select(table.c.id).where(table.c.team == team)).scalars()
        )
        clash = [i for i in clean["id"] if i in taken]
        if clash:
            raise ConflictError(
                _(
                    "survey response {value1!r} is already stored for team {team!r} ({value3} "
                    "ids clash): these responses may have been imported before"
                ).format(value1=clash[0], team=team, value3=len(clash))
            )

    def add_usage_events(self, team: str, frame: pd.DataFrame) -> int:
        """Store usage events, all or none; returns how many were stored."""
        clean = clean_event_frame(frame)
        if len(clean) > BATCH_ROWS:
            self._insert_batches(team, schema.usage_events, clean)
            return len(clean)
        with self._write() as conn:
            self._require_team(conn, team)
            start = self._next_seq(conn, schema.usage_events, team)
            self._insert_frame(conn, schema.usage_events, team, clean, start)
        return len(clean)

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
    def _next_seq(conn: Connection, table: Any, team: str) -> int:
        """The next free seq of a team's evidence: after its rows and after what large imports
        under way have set aside."""
        pending = schema.pending_imports
        last = conn.execute(
            select(func.coalesce(func.max(table.c.seq), 0)).where(table.c.team == team)
        ).scalar_one()
        held = conn.execute(
            select(func.coalesce(func.max(pending.c.last_seq), 0)).where(
                pending.c.team == team, pending.c.kind == table.name
            )
        ).scalar_one()
        return max(int(last), int(held)) + 1

    @staticmethod
    def _insert_frame(
        conn: Connection, table: Any, team: str, clean: pd.DataFrame, start: int
    ) -> None:
        """Bulk rows through the driver's executemany: a million survey answers in seconds."""
        if not clean.empty:
            _execute_bulk(conn, *_bulk(conn.dialect, table, team, clean, start))

    def _insert_batches(self, team: str, table: Any, clean: pd.DataFrame) -> None:
        """Evidence in batches of `BATCH_ROWS`, each a short transaction that lets other saves
        in between; no reader sees any of it until the last batch is in, and a failure takes
        every batch out again (all or none, as in one transaction)."""
        batch = uuid.uuid4().hex
        with self._importing(batch):
            self._write_batches(team, table, clean, batch)

    @contextmanager
    def _importing(self, batch: str) -> Iterator[None]:
        """On a database server, hold the import's own lock in a session of its own while it
        runs: if this process dies, the server ends the session and the lock is free, which is
        how the next store opened anywhere knows the import is dead (`_drop_dead_imports`)."""
        if sqlite_path(self.url) is not None:
            yield
            return
        with self._reader.connect() as conn:
            key = {"key": _import_lock(batch)}
            conn.exec_driver_sql("SELECT pg_advisory_lock(%(key)s)", key)
            conn.commit()  # the session's lock outlives the transaction: none is left open
            try:
                yield
            finally:
                conn.exec_driver_sql("SELECT pg_advisory_unlock(%(key)s)", key)
                conn.commit()

    def _write_batches(self, team: str, table: Any, clean: pd.DataFrame, batch: str) -> None:
        pending = schema.pending_imports
        with self._write() as conn:
            self._require_team(conn, team)
            start = self._next_seq(conn, table, team)
            conn.execute(
                insert(pending).values(
                    id=batch,
                    team=team,
                    kind=table.name,
                    last_seq=start + len(clean) - 1,
                    pid=os.getpid(),
                    started=time.time(),
                )
            )
        try:
            for first in range(0, len(clean), BATCH_ROWS):
                part = clean.iloc[first : first + BATCH_ROWS]
                # made before the lock is taken: the lock is held only to write them
                rows = _bulk(self._writer.dialect, table, team, part, start + first, batch)
                with self._write() as conn:
                    _execute_bulk(conn, *rows)
                _let_others_in()
            with self._write() as conn:
                self._require_team(conn, team)  # not removed in the meantime
                conn.execute(sql_delete(pending).where(pending.c.id == batch))
        except BaseException as err:
            with self._write() as conn:
                conn.execute(sql_delete(table).where(table.c.batch == batch))
                conn.execute(sql_delete(pending).where(pending.c.id == batch))
            if isinstance(err, _driver_errors(self._writer, "IntegrityError")):
                raise ConflictError(
                    _(
                        "some of these rows were stored for team {team!r} by someone else while "
                        "they were being imported: nothing of this import was kept; import it "
                        "again to add what is new"
                    ).format(team=team)
                ) from None
            raise

    def survey_responses(self, team: str, commented: bool = False) -> pd.DataFrame:
        """A team's survey responses: one row each, scores as nullable integers; with
        `commented`, only those holding a comment (what the coding board reads, without the
        rest of a large survey)."""
        table = schema.survey_responses
        only = (table.c.comment.is_not(None), table.c.comment != "") if commented else ()
        frame = self._evidence_frame(team, "survey_responses", *only)
        frame["submitted_at"] = pd.to_datetime(frame["submitted_at"], format=TIME_FORMAT)
        for column in schema.SCORE_COLUMNS:
            frame[column] = frame[column].astype("Int64")
        return frame

    def usage_events(self, team: str) -> pd.DataFrame:
        """A team's usage events, in the order they were stored; the export's other columns
        (`attributes`) as columns of their own, so a funnel can be compared by any of them."""
        frame = self._evidence_frame(team, "usage_events")
        frame["timestamp"] = pd.to_datetime(frame["timestamp"], format=TIME_FORMAT)
        return spread_attributes(frame)

    def evidence_records(self, team: str, kind: str) -> list[dict[str, Any]]:
        """Stored survey responses or usage events exactly as stored, for JSON export."""
        columns, rows = self._evidence_rows(team, kind)
        return [{k: v for k, v in zip(columns, row, strict=True) if v is not None} for row in rows]

    def _evidence_frame(self, team: str, kind: str, *where: ColumnElement[bool]) -> pd.DataFrame:
        columns, rows = self._evidence_rows(team, kind, *where)
        return pd.DataFrame(rows, columns=list(columns))

    def _evidence_rows(
        self, team: str, kind: str, *where: ColumnElement[bool]
    ) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
        table, columns = EVIDENCE_TABLES[kind]
        with self._read() as conn:
            self._require_team(conn, team)
            query = (
                select(*(table.c[c] for c in columns))
                .where(table.c.team == team, _visible(conn, table), *where)
                .order_by(table.c.seq)
            )
            return columns, _fetch_tuples(conn, query)

    def import_workspace(
        self, workspace: Workspace, surveys: pd.DataFrame, events: pd.DataFrame
    ) -> None:
        """Add a whole team with its evidence in one transaction: all of it, or nothing."""
        clean_surveys = clean_survey_frame(surveys)
        clean_events = clean_event_frame(events)
        with self._write() as conn:
            self._insert_workspace(conn, workspace)
            self._insert_frame(conn, schema.survey_responses, workspace.id, clean_surveys, 1)
            self._insert_frame(conn, schema.usage_events, workspace.id, clean_events, 1)

    # ----- exercises and the workshop as a whole -------------------------------------------

    def save_answer(self, student: str, exercise: str, task: str, answer: Any, ok: bool) -> None:
        """Keep a student's latest answer to a task (JSON), so they go on where they stopped."""
        name = student.strip()
        if not name or len(name) > 64:
            raise StoreError(_("type your name (1 to 64 characters) to keep your answers"))
        row = {
            "student": name,
            "exercise": exercise,
            "task": task,
            "answer": json.dumps(answer, ensure_ascii=False),
            "ok": int(ok),
            "at": pd.Timestamp.now(tz="UTC").strftime(TIME_FORMAT),
        }
        table = schema.progress
        with self._write() as conn:
            conn.execute(
                sql_delete(table).where(
                    (table.c.student == name)
                    & (table.c.exercise == exercise)
                    & (table.c.task == task)
                )
            )
            conn.execute(insert(table).values(**row))

    def answers(self, student: str) -> dict[str, dict[str, tuple[Any, bool]]]:
        """A student's saved answers: exercise -> task -> (answer, whether it was right)."""
        table = schema.progress
        query = select(table.c.exercise, table.c.task, table.c.answer, table.c.ok).where(
            table.c.student == student.strip()
        )
        found: dict[str, dict[str, tuple[Any, bool]]] = {}
        with self._read() as conn:
            for exercise, task, answer, ok in conn.execute(query):
                found.setdefault(exercise, {})[task] = (json.loads(answer), bool(ok))
        return found

    def students(self) -> dict[str, int]:
        """Every student who saved an answer, with how many tasks they have right."""
        table = schema.progress
        query = (
            select(table.c.student, func.sum(table.c.ok))
            .group_by(table.c.student)
            .order_by(table.c.student)
        )
        with self._read() as conn:
            return {student: int(right) for student, right in conn.execute(query)}

    def archive(self, to: str | os.PathLike[str]) -> Path:
        """Copy the whole workshop to `to` (a SQLite store of its own, servable as it is, from
        a SQLite or a PostgreSQL store) and start this one afresh. The copy is checked before
        anything here is removed."""
        target = Path(to).expanduser().resolve()
        if target.exists():
            raise StoreError(
                _("{target} already exists: choose a new name for the archive").format(
                    target=target
                )
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        if sqlite_path(self.url) is not None:
            with self._writer.connect() as conn:
                _dbapi(conn).execute("VACUUM INTO ?", (str(target),))
        else:
            self._copy_to(target)
        with Store(target) as copy, copy._read() as conn:
            kept = _fingerprint(conn)
        with self._write() as conn:  # holds the write lock: nobody saves in between
            if _fingerprint(conn) != kept:
                target.unlink(missing_ok=True)
                raise StoreError(
                    _(
                        "a team saved while the archive was being written: nothing was removed, "
                        "archive again"
                    )
                )
            for table in ARCHIVED:
                conn.execute(sql_delete(table))
        return target

    def _copy_to(self, target: Path) -> None:
        """Every table of this store into a new SQLite store at `target`, read from one
        snapshot (a repeatable-read transaction) in chunks."""
        with Store(target) as copy:
            source = self._reader.connect().execution_options(
                isolation_level="REPEATABLE READ", yield_per=ARCHIVE_CHUNK
            )
            with source, source.begin(), copy._writer.begin() as into:
                into.execute(sql_delete(schema.meta))
                for table in schema.metadata.sorted_tables:
                    rows = source.execute(select(table))
                    for chunk in rows.partitions():
                        into.execute(insert(table), [row._asdict() for row in chunk])

    # ----- helpers -------------------------------------------------------------------------

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
