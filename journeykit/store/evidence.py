"""A team's bulk evidence (survey responses, usage events): imported whole or not at all, in
batches that other teams' saves can pass between, read back as frames."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Connection,
    func,
    insert,
    select,
)
from sqlalchemy import delete as sql_delete

from journeykit.errors import ConflictError
from journeykit.i18n import _
from journeykit.model import (
    Workspace,
)
from journeykit.store import base, schema
from journeykit.store.base import (
    EVIDENCE_TABLES,
    _bulk,
    _driver_errors,
    _fetch_tuples,
    _import_lock,
    _visible,
    sqlite_path,
)
from journeykit.store.frames import (
    TIME_FORMAT,
    clean_event_frame,
    clean_survey_frame,
    spread_attributes,
)
from journeykit.store.teams import Teams


class Evidence(Teams):
    """A team's survey responses and usage events (a part of `Store`)."""

    def add_survey_responses(self, team: str, frame: pd.DataFrame) -> int:
        """Store survey responses, all or none; returns how many were stored."""
        clean = clean_survey_frame(frame)
        if len(clean) > base.BATCH_ROWS:
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
        if len(clean) > base.BATCH_ROWS:
            self._insert_batches(team, schema.usage_events, clean)
            return len(clean)
        with self._write() as conn:
            self._require_team(conn, team)
            start = self._next_seq(conn, schema.usage_events, team)
            self._insert_frame(conn, schema.usage_events, team, clean, start)
        return len(clean)

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
            base._execute_bulk(conn, *_bulk(conn.dialect, table, team, clean, start))

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
            for first in range(0, len(clean), base.BATCH_ROWS):
                part = clean.iloc[first : first + base.BATCH_ROWS]
                # made before the lock is taken: the lock is held only to write them
                rows = _bulk(self._writer.dialect, table, team, part, start + first, batch)
                with self._write() as conn:
                    base._execute_bulk(conn, *rows)
                base._let_others_in()
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
