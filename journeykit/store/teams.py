"""A workshop's teams and their items: each edit checked against the revision it was based
on, every reference checked, nothing half-saved."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from sqlalchemy import (
    Connection,
    func,
    insert,
    select,
    true,
)
from sqlalchemy import delete as sql_delete
from sqlalchemy import update as sql_update

from journeykit.errors import ConflictError, StoreError
from journeykit.i18n import _, choose, format_number
from journeykit.model import (
    ITEM_KINDS,
    Action,
    Insight,
    Item,
    Journey,
    Workspace,
    action_problems,
    item_name,
    journey_problems,
    most_items,
)
from journeykit.store import schema
from journeykit.store.base import (
    _DELETE_ITEM,
    _UPDATE_ITEM,
    KIND_OF,
    StoreBase,
    Stored,
    T,
    TeamSummary,
    _conflict_message,
    _header_json,
    _rowcount,
    _visible,
)


class Teams(StoreBase):
    """A workshop's teams and their items (a part of `Store`)."""

    def language_of(self, team: str = "") -> str:
        """The language a team speaks: its own when set, else the workshop's."""
        own = ""
        if team:
            try:
                own = self.header(team).item.language
            except StoreError:  # no such team: the workshop's language says so
                pass
        return choose(own, self.setting("language"))

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
