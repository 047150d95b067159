"""Who is in the room now (pages open, last saves) and the students' answers to the exercises."""

from __future__ import annotations

import json
import time
from typing import Any

import pandas as pd
from sqlalchemy import delete as sql_delete
from sqlalchemy import (
    func,
    insert,
    select,
)

from journeykit.errors import StoreError
from journeykit.i18n import _
from journeykit.store import schema
from journeykit.store.base import StoreBase
from journeykit.store.frames import (
    TIME_FORMAT,
)


class Progress(StoreBase):
    """Who is in the room and the students' answers (a part of `Store`)."""

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
