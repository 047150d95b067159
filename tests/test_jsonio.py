"""A workspace as JSON: round trips byte for byte; bad files are refused whole, with a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.errors import ReadError, StoreError
from journeykit.model import (
    Action,
    Insight,
    InterviewNote,
    Journey,
    Persona,
    Step,
    Touchpoint,
    Workspace,
    stages_of,
)
from journeykit.store import Store, dumps, export_workspace, import_document, read_document

ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True)
words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda s: s.strip() == s and s.strip())
loose = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@st.composite
def workspaces(draw: st.DrawFn) -> tuple[Workspace, pd.DataFrame, pd.DataFrame]:
    persona_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    touchpoint_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    note_ids = draw(st.lists(ids, max_size=3, unique=True))
    template = draw(st.sampled_from(["three-stage", "five-stage", "b2b-seven", "hospitality"]))
    stages = stages_of(template)
    steps = [
        Step(
            id=f"s{n}",
            stage=draw(st.sampled_from([s.id for s in stages])),
            touchpoint=draw(st.none() | st.sampled_from(touchpoint_ids)),
            action=draw(words),
            thoughts=draw(loose).strip(),
            emotion=draw(st.integers(-3, 3)),
            pain_points=draw(st.lists(words, max_size=2)),
            moment_of_truth=draw(st.booleans()),
            evidence=draw(st.lists(st.sampled_from(note_ids), max_size=2)) if note_ids else [],
        )
        for n in range(draw(st.integers(0, 6)))
    ]
    workspace = Workspace(
        id=draw(ids),
        name=draw(words),
        goals=draw(st.lists(words, max_size=3)),
        scope=draw(loose).strip(),
        personas=[Persona(id=p, name=draw(words), quote=draw(loose).strip()) for p in persona_ids],
        touchpoints=[
            Touchpoint(id=t, name=draw(words), channel=draw(words), digital=draw(st.booleans()))
            for t in touchpoint_ids
        ],
        journeys=[
            Journey(
                id="j",
                name=draw(words),
                personas=persona_ids[:2],
                template=template,
                stages=stages,
                steps=steps,
            )
        ],
        interviews=[
            InterviewNote(id=n, interviewee=draw(words), text=draw(words)) for n in note_ids
        ],
        insights=[
            Insight(id="i", kind="pain_point", title=draw(words), severity=draw(st.integers(1, 5)))
        ],
        actions=[Action(id="a", title=draw(words), insights=["i"], owner=draw(loose).strip())],
    )
    n = draw(st.integers(0, 20))
    surveys = pd.DataFrame(
        {
            "id": [f"r{i}" for i in range(n)],
            "submitted_at": [f"2026-0{1 + i % 9}-1{i % 10}T0{i % 10}:30:00" for i in range(n)],
            "nps": draw(st.lists(st.integers(0, 10), min_size=n, max_size=n)),
            "comment": draw(st.lists(loose, min_size=n, max_size=n)),
        }
    )
    m = draw(st.integers(0, 20))
    events = pd.DataFrame(
        {
            "user_id": draw(st.lists(words, min_size=m, max_size=m)),
            "event": ["visit"] * m,
            "timestamp": [f"2026-03-0{1 + i % 9}T10:00:0{i % 10}" for i in range(m)],
        }
    )
    return workspace, surveys, events


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=workspaces())
def test_export_import_export_gives_identical_json(
    tmp_path_factory: pytest.TempPathFactory, data: tuple[Workspace, pd.DataFrame, pd.DataFrame]
) -> None:
    workspace, surveys, events = data
    folder = tmp_path_factory.mktemp("roundtrip")
    with Store(folder / "a.db") as first:
        first.import_workspace(workspace, surveys, events)
        exported = dumps(export_workspace(first, workspace.id))
    with Store(folder / "b.db") as second:
        import_document(second, json.loads(exported), "export.json")
        again = dumps(export_workspace(second, workspace.id))
        assert second.workspace(workspace.id) == workspace
    assert again == exported


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_sample_team_round_trips_through_the_file(
    tmp_path: Path, store: Store, team: str
) -> None:
    store.add(team, Persona(id="p", name="Vevő", quote="«Быстро» و آسان"))
    exported = dumps(export_workspace(store, team))
    path = _write(tmp_path / "north.json", exported)
    assert "Vevő" in path.read_text(encoding="utf-8")
    with Store(tmp_path / "other.db") as other:
        assert import_document(other, read_document(path), str(path), as_team="copy") == "copy"
        assert other.workspace("copy").personas[0].quote == "«Быстро» و آسان"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "journeykit-workspace", "version": 1, "workspace": {', "line 1, column"),
        ("[1, 2]", "not a JourneyKit workspace export"),
        ('{"format": "journeykit-workspace", "version": 7}', "version 7 is not supported"),
    ],
)
def test_unreadable_files_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        read_document(_write(tmp_path / "bad.json", text))


def test_a_file_of_the_first_format_version_is_still_read(tmp_path: Path) -> None:
    """Version 1 wrote one `touchpoint` per step; it imports as a step with that one."""
    document = {
        "format": "journeykit-workspace",
        "version": 1,
        "workspace": {
            "id": "old",
            "name": "Old team",
            "personas": [{"id": "p", "name": "Buyer"}],
            "touchpoints": [{"id": "web", "name": "Website", "channel": "web", "digital": True}],
            "journeys": [
                {
                    "id": "j",
                    "name": "Buying",
                    "personas": ["p"],
                    "stages": [{"id": "a", "name": "Awareness"}],
                    "steps": [{"id": "s", "stage": "a", "touchpoint": "web", "action": "Visits"}],
                }
            ],
        },
    }
    path = _write(tmp_path / "old.json", json.dumps(document))
    with Store(tmp_path / "w.db") as store:
        import_document(store, read_document(path), str(path))
        assert store.workspace("old").journeys[0].steps[0].touchpoints == ["web"]


def test_a_missing_file_or_a_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "nope.json")
    with pytest.raises(ReadError, match="is a folder: give the file in it"):
        read_document(tmp_path)


def test_an_invalid_workspace_is_refused_whole_with_every_place_named(
    tmp_path: Path, store: Store, team: str
) -> None:
    store.add(team, Persona(id="p", name="Buyer"))
    document = export_workspace(store, team)
    document["workspace"]["personas"].append({"id": "q", "name": "  "})
    document["workspace"]["personas"].append({"id": "r", "name": "R", "mood": "?"})
    with Store(tmp_path / "empty.db") as empty:
        with pytest.raises(StoreError) as error:
            import_document(empty, document, "north.json", as_team="south")
        assert empty.teams() == []
    text = str(error.value)
    assert "north.json: personas.1.name: must not be blank" in text
    assert "north.json: personas.2.mood: this field is not known" in text


def test_bad_evidence_rows_refuse_the_whole_import(tmp_path: Path, store: Store, team: str) -> None:
    document = export_workspace(store, team)
    document["survey_responses"] = [
        {"id": "r1", "submitted_at": "2026-03-01T10:00:00", "csat": 4},
        {"id": "r2", "submitted_at": "yesterday", "csat": 4},
    ]
    with Store(tmp_path / "empty.db") as empty:
        with pytest.raises(StoreError, match="'submitted_at' holds a value that is not a date"):
            import_document(empty, document, "north.json")
        assert empty.teams() == []


def test_importing_over_an_existing_team_keeps_the_saved_one(store: Store, team: str) -> None:
    store.add(team, Persona(id="p", name="Saved"))
    document = export_workspace(store, team)
    document["workspace"]["personas"][0]["name"] = "Incoming"
    with pytest.raises(StoreError, match=r"team 'north' already exists.*--as"):
        import_document(store, document, "north.json")
    assert store.workspace(team).personas[0].name == "Saved"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["survey_responses"][0].update(nps=True),
            r"survey_responses\.0\.nps: True is not",
        ),
        (
            lambda d: d["survey_responses"][0].update(comment={"a": 1}),
            r"0\.comment: .* is not text",
        ),
        (lambda d: d["survey_responses"][0].update(colour="red"), r"0\.colour: this field is not"),
        (
            lambda d: d["survey_responses"][0].update(touchpoint="nowhere"),
            r"'nowhere' is not a touchpoint of this workspace",
        ),
        (lambda d: d["usage_events"].append({"user_id": 7}), r"usage_events\.0\.user_id: 7 is not"),
        (lambda d: d.update(extra=1), r"north\.json: extra: this field is not known"),
        (lambda d: d.update(version=9), r"reads versions 1, 2, 3"),
    ],
)
def test_evidence_in_a_workspace_file_is_checked_as_strictly_as_the_workspace(
    tmp_path: Path, store: Store, team: str, change, message: str
) -> None:
    document = export_workspace(store, team)
    document["survey_responses"] = [{"id": "r1", "submitted_at": "2026-03-01T10:00:00", "nps": 9}]
    change(document)
    path = tmp_path / "north.json"
    path.write_text(dumps(document), encoding="utf-8")
    with Store(tmp_path / "empty.db") as empty:
        with pytest.raises(StoreError, match=message):
            import_document(empty, read_document(path), "north.json")
        assert empty.teams() == []
