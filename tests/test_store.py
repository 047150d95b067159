"""The workshop store: edits, conflicts, references, bulk evidence, processes and crashes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from journeykit.errors import ConflictError, EvidenceError, NotFoundError, StoreError
from journeykit.model import (
    Action,
    Insight,
    Journey,
    Persona,
    Step,
    Touchpoint,
    Workspace,
    stages_of,
)
from journeykit.sample import create_sample
from journeykit.store import Store, store_url

WORKER = Path(__file__).with_name("store_worker.py")


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    """Every test of this module runs on SQLite and on PostgreSQL (`location`)."""
    with Store(location) as opened:
        yield opened


def on_store(location: str, *statements: str) -> list[Any]:
    """Run SQL on a store as another program would, outside the kit; the last one's rows."""
    engine = create_engine(store_url(location))
    try:
        with engine.begin() as conn:
            rows: list[Any] = []
            for statement in statements:
                result = conn.exec_driver_sql(statement)
                rows = result.all() if result.returns_rows else []
            return rows
    finally:
        engine.dispose()


def test_an_edit_is_saved_and_its_revision_counts_up(store: Store, team: str) -> None:
    assert store.add(team, Persona(id="p", name="Buyer")) == 1
    stored = store.get(team, Persona, "p")
    stored.item.quote = "Show me it works"
    assert store.update(team, stored.item, stored.revision) == 2
    again = store.get(team, Persona, "p")
    assert (again.item.quote, again.revision) == ("Show me it works", 2)


def test_an_edit_based_on_a_stale_copy_is_refused_and_the_newer_edit_kept(
    store: Store, team: str
) -> None:
    store.add(team, Persona(id="p", name="Buyer"))
    mine, theirs = store.get(team, Persona, "p"), store.get(team, Persona, "p")
    theirs.item.quote = "theirs"
    store.update(team, theirs.item, theirs.revision)
    mine.item.quote = "mine"
    with pytest.raises(ConflictError, match=r"changed by someone else.*reload"):
        store.update(team, mine.item, mine.revision)
    assert store.get(team, Persona, "p").item.quote == "theirs"


def test_adding_an_id_that_exists_is_a_conflict_not_an_overwrite(store: Store, team: str) -> None:
    store.add(team, Persona(id="p", name="First"))
    with pytest.raises(ConflictError, match="already exists"):
        store.add(team, Persona(id="p", name="Second"))
    assert store.get(team, Persona, "p").item.name == "First"


def test_missing_team_and_item_are_named(store: Store, team: str) -> None:
    with pytest.raises(NotFoundError, match=r"no team 'south'.*teams: north"):
        store.add("south", Persona(id="p", name="Buyer"))
    with pytest.raises(NotFoundError, match="persona 'ghost' is not in team 'north'"):
        store.update(team, Persona(id="ghost", name="Ghost"), 1)


def test_a_journey_is_checked_against_the_team_when_saved(store: Store, team: str) -> None:
    store.add(team, Persona(id="p", name="Buyer"))
    journey = Journey(
        id="j",
        name="As-is",
        personas=["p"],
        stages=stages_of("three-stage"),
        steps=[Step(id="s", stage="awareness", touchpoint="web", action="Visits")],
    )
    with pytest.raises(StoreError, match="touchpoint 'web', which is not in the catalogue"):
        store.add(team, journey)
    store.add(team, Touchpoint(id="web", name="Website", channel="web", digital=True))
    store.add(team, journey)
    with pytest.raises(
        StoreError, match="touchpoint 'Website' is still used by step 'Visits' of journey 'As-is'"
    ):
        store.delete(team, Touchpoint, "web", 1)
    with pytest.raises(StoreError, match="persona 'Buyer' is still used by journey 'As-is'"):
        store.delete(team, Persona, "p", 1)
    store.add(team, Insight(id="i", kind="need", title="Faster setup", journey="j"))
    with pytest.raises(StoreError, match="journey 'As-is' is still used by insight 'Faster setup'"):
        store.delete(team, Journey, "j", 1)
    assert store.workspace(team).journeys[0].steps[0].touchpoint == "web"


def test_delete_needs_the_current_revision_and_nothing_pointing_at_it(
    store: Store, team: str
) -> None:
    store.add(team, Insight(id="i", kind="pain_point", title="Slow setup"))
    store.add(team, Action(id="a", title="Fix setup", insights=["i"]))
    with pytest.raises(
        StoreError, match="insight 'Slow setup' is still used by action 'Fix setup'"
    ):
        store.delete(team, Insight, "i", 1)
    stored = store.get(team, Action, "a")
    stored.item.owner = "Product"
    store.update(team, stored.item, stored.revision)
    with pytest.raises(ConflictError):
        store.delete(team, Action, "a", 1)
    store.delete(team, Action, "a", 2)
    store.delete(team, Insight, "i", 1)
    assert store.workspace(team).insights == []


def test_items_keep_the_order_they_were_added_in(store: Store, team: str) -> None:
    for name in ("zeta", "alpha", "mid"):
        store.add(team, Persona(id=name, name=name.title()))
    assert [s.item.id for s in store.items(team, Persona)] == ["zeta", "alpha", "mid"]


def test_team_header_edits_are_versioned_too(store: Store, team: str) -> None:
    header = store.header(team)
    header.item.goals = ["Find the moments of truth"]
    assert store.update_header(header.item, header.revision) == 2
    with pytest.raises(ConflictError):
        store.update_header(header.item, header.revision)
    assert store.workspace(team).goals == ["Find the moments of truth"]


def test_survey_responses_are_stored_all_or_nothing(store: Store, team: str) -> None:
    good = pd.DataFrame(
        {
            "id": ["r1", "r2"],
            "submitted_at": ["2026-03-01 10:00", "2026-03-02T11:30:00"],
            "nps": [10, None],
            "csat": [None, 2],
            "comment": ["Great", "  "],
        }
    )
    assert store.add_survey_responses(team, good) == 2
    loaded = store.survey_responses(team)
    assert loaded["nps"].tolist()[0] == 10 and pd.isna(loaded["nps"].tolist()[1])
    assert loaded["comment"].iloc[0] == "Great" and pd.isna(loaded["comment"].iloc[1])
    assert str(loaded["submitted_at"].iloc[1]) == "2026-03-02 11:30:00"
    bad = pd.DataFrame(
        {"id": ["r3", "r4", "r5"], "submitted_at": ["2026-03-03"] * 3, "nps": [5, 12, 3]}
    )
    with pytest.raises(
        EvidenceError, match=r"'nps', row 2.*nps answers are whole numbers from 0 to 10"
    ):
        store.add_survey_responses(team, bad)
    again = pd.DataFrame({"id": ["r9", "r1"], "submitted_at": ["2026-03-03"] * 2, "csat": [4, 4]})
    with pytest.raises(ConflictError, match="'r1' is already stored"):
        store.add_survey_responses(team, again)
    assert store.survey_responses(team)["id"].tolist() == ["r1", "r2"]


def test_evidence_as_exports_write_it_reads_back_the_same_from_either_database(
    store: Store, team: str
) -> None:
    """Ids, touchpoints and comments as long as an export makes them, in four scripts, with the
    control characters pasted text carries: SQLite keeps any length, a server enforces a
    column's; both read back the same."""
    long_id = "R_" + "x" * 198
    frame = pd.DataFrame(
        {
            "id": [long_id, "پاسخ-۱", "ответ 2", "válasz\x003"],
            "touchpoint": ["Checkout page / " * 8, "صفحه پرداخت", "Оплата", "Pénztár"],
            "stage": ["a" * 90, "خرید", "покупка", "vásárlás"],
            "nps": [9, 0, 10, 7],
            "comment": ["ok\x00 then \x0b more", "خوب بود 👍", "Всё ок", "Jó\u202e"],
        }
    )
    assert store.add_survey_responses(team, frame) == 4
    loaded = store.survey_responses(team)
    assert loaded["id"].tolist()[:3] == [long_id, "پاسخ-۱", "ответ 2"]
    assert loaded["touchpoint"].iloc[0] == ("Checkout page / " * 8).strip()
    assert len(loaded["stage"].iloc[0]) == 90 and loaded["comment"].iloc[1] == "خوب بود 👍"
    assert not any("\x00" in str(v) for v in loaded.to_numpy().ravel())
    events = pd.DataFrame(
        {
            "user_id": ["u" * 150, "کاربر"],
            "event": ["visit", "signup"],
            "timestamp": ["2026-03-01", "2026-03-02"],
            "touchpoint": ["t" * 120, "ثبت‌نام"],
        }
    )
    assert store.add_usage_events(team, events) == 2
    assert store.usage_events(team)["touchpoint"].tolist() == ["t" * 120, "ثبت‌نام"]


def test_usage_events_keep_their_order_and_refuse_rows_without_a_user(
    store: Store, team: str
) -> None:
    events = pd.DataFrame(
        {
            "user_id": ["u1", "u1"],
            "event": ["signed_up", "paid"],
            "timestamp": ["2026-03-01T10:00:00", "2026-03-01T09:00:00"],
            "platform": ["ios", None],
        }
    )
    assert store.add_usage_events(team, events) == 2
    assert store.usage_events(team)["event"].tolist() == ["signed_up", "paid"]
    broken = events.assign(user_id=["u2", None])
    with pytest.raises(EvidenceError, match="'user_id', row 2: user_id is empty"):
        store.add_usage_events(team, broken)
    assert len(store.usage_events(team)) == 2


def test_a_store_written_by_a_newer_kit_is_not_touched(location: str) -> None:
    Store(location).close()
    on_store(location, "UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=r"newer JourneyKit.*upgrade"):
        Store(location)


def test_the_store_location_comes_from_the_flag_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNEYKIT_STORE", str(tmp_path / "env.db"))
    assert store_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert store_url(tmp_path / "flag.db") == f"sqlite:///{tmp_path / 'flag.db'}"
    assert store_url("postgresql://host/db") == "postgresql://host/db"


def _run_workers(path: str, mode: str, count: int, workers: int = 4) -> list[str]:
    processes = [
        subprocess.Popen(
            [sys.executable, str(WORKER), str(path), "north", str(w), str(count), mode],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(workers)
    ]
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        outputs.append(out)
    return outputs


def test_four_processes_adding_to_one_workspace_lose_nothing(location: str) -> None:
    path = location
    with Store(path) as store:
        store.create_team(Workspace(id="north", name="Team North"))
    _run_workers(path, "add", 60)
    with Store(path) as store:
        ids = {s.item.id for s in store.items("north", Persona)}
    assert ids == {f"w{w}-{n}" for w in range(4) for n in range(60)}


def test_four_processes_editing_one_item_lose_no_update(location: str) -> None:
    path = location
    with Store(path) as store:
        store.create_team(Workspace(id="north", name="Team North"))
        store.add("north", Touchpoint(id="counter", name="C", channel="x", digital=True, owner="0"))
    outputs = _run_workers(path, "increment", 40)
    with Store(path) as store:
        final = store.get("north", Touchpoint, "counter")
    assert final.item.owner == "160"
    assert final.revision == 161
    assert all(o.startswith("conflicts ") for o in outputs)


def test_a_writer_killed_mid_write_leaves_every_committed_edit(location: str) -> None:
    path = location
    with Store(path) as store:
        store.create_team(Workspace(id="north", name="Team North"))
    writer = subprocess.Popen(
        [sys.executable, str(WORKER), str(path), "north", "0", "0", "forever"],
        stdout=subprocess.PIPE,
        text=True,
    )
    committed = []
    assert writer.stdout is not None
    for line in writer.stdout:
        committed.append(line.split())
        if len(committed) >= 60:
            break
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    if store_url(path).startswith("sqlite"):
        assert on_store(path, "PRAGMA integrity_check") == [("ok",)]
    with Store(path) as store:
        personas = {s.item.id for s in store.items("north", Persona)}
        responses = set(store.survey_responses("north")["id"])
    for kind, name in committed:
        if kind == "persona":
            assert name in personas
        else:
            assert {f"{name}-{i}" for i in range(500)} <= responses
    assert len(responses) % 500 == 0, "a batch was half-stored"


def test_a_students_answers_are_kept_and_the_last_one_counts(store: Store) -> None:
    store.save_answer("Zoë Ψ", "05-scores", "nps", 16.0, False)
    store.save_answer("Zoë Ψ", "05-scores", "nps", 15.0, True)
    store.save_answer("Zoë Ψ", "02-personas", "personas", ["Business traveller"], True)
    assert store.answers("Zoë Ψ") == {
        "05-scores": {"nps": (15.0, True)},
        "02-personas": {"personas": (["Business traveller"], True)},
    }
    assert store.students() == {"Zoë Ψ": 2} and store.answers("nobody") == {}
    with pytest.raises(StoreError, match="type your name"):
        store.save_answer("  ", "05-scores", "nps", 15.0, True)


def test_archiving_keeps_the_old_workshop_whole_and_starts_afresh(
    store: Store, tmp_path: Path
) -> None:
    create_sample(store, responses=200, events=300, interviews=3)
    store.save_answer("Ana", "05-scores", "nps", 15.0, True)
    before = {t.id: store.workspace(t.id) for t in store.teams()}
    archived = store.archive(tmp_path / "archive" / "spring.db")
    assert store.teams() == [] and store.students() == {}
    with Store(archived) as old:
        assert {t.id: old.workspace(t.id) for t in old.teams()} == before
        assert old.students() == {"Ana": 1} and len(old.survey_responses("north")) == 200
    store.create_team(Workspace(id="fresh", name="Fresh"))  # the live store goes on
    with pytest.raises(StoreError, match="already exists"):
        store.archive(archived)
    assert [t.id for t in store.teams()] == ["fresh"]


def test_an_archive_is_refused_when_a_team_saved_meanwhile(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    from journeykit.store import base

    store.create_team(Workspace(id="north", name="North"))
    states = iter([["copy"], ["live, saved since"]])
    monkeypatch.setattr(base, "_fingerprint", lambda _conn: next(states))
    with pytest.raises(StoreError, match="saved while the archive"):
        store.archive(tmp_path / "a.db")
    assert [t.id for t in store.teams()] == ["north"] and not (tmp_path / "a.db").exists()


def _fill_the_disk(store: Store) -> None:
    """From now on the store cannot grow (SQLite's page limit: what a full disk looks like
    to it), without filling this machine's disk."""
    from sqlalchemy import event

    with store._writer.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(store._writer, "connect")
    def _cap(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    store._writer.dispose()


def test_a_full_disk_is_one_line_with_the_fix_and_nothing_half_written(tmp_path: Path) -> None:
    from journeykit.widgets.personas import PersonaBuilder

    with Store(tmp_path / "w.db") as store:
        store.create_team(Workspace(id="t", name="T"))
        _fill_the_disk(store)
        rows = pd.DataFrame(
            {"id": [f"r{i}" for i in range(3000)], "nps": [9] * 3000, "comment": ["x" * 300] * 3000}
        )
        with pytest.raises(StoreError, match=r"disk is full.*free some disk space"):
            store.add_survey_responses("t", rows)
        assert store.survey_responses("t").empty
        builder = PersonaBuilder(store, "t")
        builder.name.value = "Persona with a long story"
        builder.lists["goals"].value = "\n".join(f"{k} " + "goal " * 3000 for k in range(5))
        builder.submit()
        assert "free some disk space" in builder.status.value
        assert store.workspace("t").personas == []


# ----- large imports: in batches, seen whole or not at all ----------------------------------


def _hidden_rows(location: str) -> tuple[int, int]:
    """Rows in the evidence tables and imports under way, as the database holds them."""
    ((surveys, events, pending),) = on_store(
        location,
        "SELECT (SELECT count(*) FROM survey_responses), (SELECT count(*) FROM usage_events), "
        "(SELECT count(*) FROM pending_imports)",
    )
    return surveys + events, pending


def test_a_large_import_lets_other_teams_save_and_is_seen_only_whole(
    location: str, monkeypatch
) -> None:
    """A million responses held another team's save for 10 s in one transaction; now the
    import writes batches with the lock free between them, and no reader sees a part."""
    from journeykit.store import base

    monkeypatch.setattr(base, "BATCH_ROWS", 100)
    monkeypatch.setattr(base, "BATCH_PAUSE", 0)
    path = location
    store, other = Store(path), Store(path)
    store.create_team(Workspace(id="north", name="Team North"))
    store.create_team(Workspace(id="south", name="Team South"))
    store.add_survey_responses("north", pd.DataFrame({"id": ["first"], "nps": [9]}))
    mark = other.revision("north")
    seen: list[tuple[int, int, bool]] = []

    def look() -> None:
        if len(seen) < 3:  # between batches: another team saves, readers see nothing new
            other.add("south", Persona(id=f"s{len(seen)}", name=f"Saved meanwhile {len(seen)}"))
            north = next(t for t in other.teams() if t.id == "north")
            seen.append(
                (
                    len(other.survey_responses("north")),
                    north.survey_responses,
                    other.revision("north") == mark,
                )
            )

    monkeypatch.setattr(base, "_let_others_in", look)
    frame = pd.DataFrame(
        {"id": [f"r{i}" for i in range(1000)], "nps": [i % 11 for i in range(1000)]}
    )
    assert store.add_survey_responses("north", frame) == 1000
    assert seen == [(1, 1, True)] * 3
    assert len(other.items("south", Persona)) == 3
    loaded = other.survey_responses("north")
    assert loaded["id"].tolist() == ["first", *frame["id"]]  # in the order given, after the first
    events = pd.DataFrame(
        {"user_id": [f"u{i % 7}" for i in range(450)], "event": "visit", "timestamp": "2026-03-01"}
    )
    assert store.add_usage_events("north", events) == 450
    assert len(other.usage_events("north")) == 450
    assert _hidden_rows(path) == (1451, 0)


def test_a_large_import_that_fails_midway_leaves_nothing(location: str, monkeypatch) -> None:
    from journeykit.store import base

    monkeypatch.setattr(base, "BATCH_ROWS", 100)
    monkeypatch.setattr(base, "BATCH_PAUSE", 0)
    path = location
    store = Store(path)
    store.create_team(Workspace(id="north", name="Team North"))
    write, calls = base._execute_bulk, []

    def fails_third(conn, statement, rows):
        calls.append(len(rows))
        if len(calls) == 3:
            raise OSError("the disk went away")
        write(conn, statement, rows)

    monkeypatch.setattr(base, "_execute_bulk", fails_third)
    frame = pd.DataFrame({"id": [f"r{i}" for i in range(1000)], "csat": 4})
    with pytest.raises(OSError):
        store.add_survey_responses("north", frame)
    assert _hidden_rows(path) == (0, 0)
    monkeypatch.setattr(base, "_execute_bulk", write)
    assert store.add_survey_responses("north", frame) == 1000  # and it can be imported again


def test_an_import_killed_midway_is_never_seen_and_cleared(location: str) -> None:
    path = location
    with Store(path) as store:
        store.create_team(Workspace(id="north", name="Team North"))
    importer = subprocess.Popen(
        [sys.executable, str(WORKER), str(path), "north", "0", "200000", "large"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _hidden_rows(path)[0] < 3000:
            time.sleep(0.05)
        assert _hidden_rows(path)[1] == 1, "the import did not start"
        with Store(path) as store:  # while it runs: nothing of it
            assert store.survey_responses("north").empty
    finally:
        os.kill(importer.pid, signal.SIGKILL)
        importer.wait()
    assert _hidden_rows(path)[0] >= 3000  # its batches are in the file ...
    with Store(path) as store:  # ... and gone once a store is opened after it died
        assert store.survey_responses("north").empty
        assert next(t for t in store.teams() if t.id == "north").survey_responses == 0
    assert _hidden_rows(path) == (0, 0)


def test_a_store_from_before_large_imports_is_upgraded(location: str) -> None:
    from journeykit.store.schema import SCHEMA_VERSION

    path = location
    with Store(path) as store:
        store.create_team(Workspace(id="t", name="T"))
        store.add_survey_responses("t", pd.DataFrame({"id": ["old"], "nps": [9]}))
    on_store(  # as schema 2 left it
        path,
        "ALTER TABLE survey_responses DROP COLUMN batch",
        "ALTER TABLE usage_events DROP COLUMN batch",
        "DROP TABLE pending_imports",
        "UPDATE meta SET value = '2' WHERE key = 'schema_version'",
        "DROP TABLE alembic_version",  # schema 2 came before the migrations
    )
    with Store(path) as store:
        store.add_usage_events(
            "t", pd.DataFrame({"user_id": ["u"], "event": ["visit"], "timestamp": ["2026-03-01"]})
        )
        assert store.survey_responses("t")["id"].tolist() == ["old"]
        assert len(store.usage_events("t")) == 1
    assert on_store(path, "SELECT value FROM meta WHERE key = 'schema_version'") == [
        (str(SCHEMA_VERSION),)
    ]


def test_a_store_from_before_event_attributes_is_upgraded_and_keeps_them(location: str) -> None:
    """Schema 4: usage events keep the export's other columns; a store of schema 3 gets the
    column when opened, its events read as before, and new ones keep theirs."""
    path = location
    with Store(path) as store:
        store.create_team(Workspace(id="t", name="T"))
        store.add_usage_events(
            "t", pd.DataFrame({"user_id": ["u1"], "event": ["visit"], "timestamp": ["2026-03-01"]})
        )
    on_store(  # as schema 3 left it
        path,
        "ALTER TABLE usage_events DROP COLUMN attributes",
        "UPDATE meta SET value = '3' WHERE key = 'schema_version'",
        "DROP TABLE alembic_version",
    )
    with Store(path) as store:
        assert store.usage_events("t")["user_id"].tolist() == ["u1"]
        store.add_usage_events(
            "t",
            pd.DataFrame(
                {
                    "user_id": ["u2", "u3"],
                    "event": ["visit", "visit"],
                    "timestamp": ["2026-03-01", "2026-03-02"],
                    "attributes": ['{"cohort": "new", "stage": "x"}', None],
                }
            ),
        )
        events = store.usage_events("t")
    assert events["cohort"].isna().tolist() == [True, False, True]
    assert events.loc[1, "cohort"] == "new"
    assert events["stage"].isna().all(), "an attribute never takes the place of a kit field"
    with Store(path) as store, pytest.raises(EvidenceError, match=r"attributes in row 1 .*cohort"):
        store.add_usage_events(
            "t",
            pd.DataFrame(
                {
                    "user_id": ["u4"],
                    "event": ["v"],
                    "timestamp": ["2026-03-03"],
                    "attributes": ["[1]"],
                }
            ),
        )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.text(),
            st.sampled_from([" edge", "edge ", "", " ", "a\nb", "x\x0by", "\u202eabc", "ok"]),
        ),
        min_size=1,
        max_size=12,
    ),
    st.booleans(),
)
def test_texts_are_stored_the_same_by_the_quick_path_and_the_cleaning_one(
    cells: list, as_category: bool
) -> None:
    """Texts that need no cleaning skip it (one pass over the joined column); whatever a
    column holds, the result is what cleaning every cell gives."""
    from unittest import mock

    from journeykit.store import frames

    column = pd.Series(cells, dtype=object)
    frame = pd.DataFrame({"c": column.astype("category") if as_category else column})
    quick = frames._text(frame, "c").tolist()
    with mock.patch.object(frames, "_plain_text", lambda _values: None):
        slow = frames._text(pd.DataFrame({"c": column}), "c").tolist()
    assert quick == slow


def test_the_commented_responses_are_read_without_the_rest(store: Store, team: str) -> None:
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "nps": [9, 3, 7, 10],
            "comment": ["Quick setup", None, "", "Рады"],
        }
    )
    store.add_survey_responses(team, frame)
    commented = store.survey_responses(team, commented=True)
    assert commented["id"].tolist() == ["a", "d"]
    assert commented["comment"].tolist() == ["Quick setup", "Рады"]
    assert list(commented.columns) == list(store.survey_responses(team).columns)
    assert commented["nps"].dtype == "Int64"


def test_the_command_line_takes_either_store_sample_teams_export_archive(
    location: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--store postgresql+psycopg://...` everywhere a store is taken: the sample, the team
    list, an export and an archive (into a SQLite file of its own) work on both."""
    from journeykit.app.cli import main

    small = ("--responses", "120", "--events", "400", "--interviews", "3")
    assert main(["sample", "--store", location, *small]) == 0
    capsys.readouterr()
    assert main(["teams", "--store", location, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [t["id"] for t in listed] == ["north", "south"]
    assert listed[0]["survey_responses"] == 120
    out = tmp_path / "north.json"
    assert main(["export", "north", "--out", str(out), "--store", location]) == 0
    assert json.loads(out.read_text())["workspace"]["id"] == "north"
    target = tmp_path / "spring.db"
    assert main(["archive", "--store", location, "--to", str(target)]) == 0
    with Store(location) as live, Store(target) as old:
        assert live.teams() == [] and [t.id for t in old.teams()] == ["north", "south"]
        assert len(old.survey_responses("north")) == 120
        assert len(old.usage_events("south")) == 400


def test_a_store_that_cannot_be_reached_is_one_line_and_shows_no_password(tmp_path: Path) -> None:
    """A server that is not there (a socket folder with no server in it: no traffic leaves the
    machine), a URL with a password, a database the kit cannot use."""
    url = f"postgresql+psycopg://kit:s3cret@/workshop?host={tmp_path}&port=5499"
    with pytest.raises(StoreError) as refused:
        Store(url)
    message = str(refused.value)
    assert "could not be opened" in message and "database server is running" in message
    assert "s3cret" not in message and "kit:***@" in message
    with pytest.raises(StoreError, match=r"u:\*\*\*@h/db is not a store the kit can use"):
        Store("mysql://u:pw@h/db")


def test_a_store_made_by_the_previous_schema_opens_upgraded_with_all_its_work(
    tmp_path: Path,
) -> None:
    """tests/data/stores/schema-4.db was made by JourneyKit before the migrations (schema 4:
    the sample, 60 responses and 300 events a team, one student's answer). It opens, is
    brought to the newest revision, keeps everything, and takes what schema 5 allows."""
    import shutil

    from journeykit.store import migrations
    from journeykit.store.schema import SCHEMA_VERSION

    path = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "data" / "stores" / "schema-4.db", path)
    with Store(path) as store:
        assert [t.id for t in store.teams()] == ["north", "south"]
        assert len(store.survey_responses("north")) == 60
        assert len(store.usage_events("south")) == 300
        assert store.workspace("north").journeys and store.students() == {"Ana": 1}
        long_id = "R_" + "q" * 120
        store.add_survey_responses("north", pd.DataFrame({"id": [long_id], "nps": [9]}))
        assert store.survey_responses("north")["id"].iloc[-1] == long_id
    assert on_store(path, "SELECT version_num FROM alembic_version") == [(migrations.head(),)]
    assert on_store(path, "SELECT value FROM meta WHERE key = 'schema_version'") == [
        (str(SCHEMA_VERSION),)
    ]


def test_a_server_store_of_the_previous_schema_gets_its_columns_widened(location: str) -> None:
    """Schema 5 on PostgreSQL: a store whose export columns were VARCHAR(64) takes longer ids
    after it is opened (on SQLite the revision changes nothing but the number)."""
    Store(location).close()
    statements = ["UPDATE alembic_version SET version_num = 's4'"]
    if not store_url(location).startswith("sqlite"):
        statements += [
            "ALTER TABLE survey_responses ALTER COLUMN id TYPE VARCHAR(64)",
            "ALTER TABLE usage_events ALTER COLUMN touchpoint TYPE VARCHAR(64)",
        ]
    on_store(location, *statements, "UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    with Store(location) as store:
        store.create_team(Workspace(id="t", name="T"))
        store.add_survey_responses("t", pd.DataFrame({"id": ["r" * 100], "nps": [9]}))
        events = pd.DataFrame(
            {
                "user_id": ["u"],
                "event": ["e"],
                "timestamp": ["2026-03-01"],
                "touchpoint": ["t" * 99],
            }
        )
        store.add_usage_events("t", events)
        assert store.survey_responses("t")["id"].tolist() == ["r" * 100]
    assert on_store(location, "SELECT version_num FROM alembic_version") == [("s5",)]


def test_a_store_a_newer_kit_migrated_is_refused_not_misread(location: str) -> None:
    Store(location).close()
    on_store(location, "UPDATE alembic_version SET version_num = 'z9_from_the_future'")
    with pytest.raises(StoreError, match="newer JourneyKit"):
        Store(location)
