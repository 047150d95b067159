"""Limits a workshop never reaches and an attack always does, each with a message that says
what and how much: names and texts, columns in a file, nesting in JSON, comments in a survey."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from journeykit.analysis.importing import EvidenceImportError, import_evidence
from journeykit.model import InterviewNote, Persona, Workspace
from journeykit.model.base import MAX_NAME, MAX_TEXT
from journeykit.store import Store, StoreError, read_document


@pytest.fixture
def team(store: Store) -> str:
    store.create_team(Workspace(id="t", name="T"))
    return "t"


def test_a_name_or_a_text_beyond_the_limit_is_refused_with_its_length() -> None:
    assert Persona(id="p", name="n" * MAX_NAME).name
    with pytest.raises(ValidationError, match="is 201 characters long: a name or title"):
        Persona(id="p", name="n" * (MAX_NAME + 1))
    with pytest.raises(ValidationError, match="at most 20,000; split it"):
        InterviewNote(id="n", interviewee="A", text="t" * (MAX_TEXT + 1))
    with pytest.raises(ValidationError, match="at most 20,000"):
        Persona(id="p", name="P", goals=["g" * (MAX_TEXT + 1)])


def test_a_file_of_too_many_columns_is_refused_in_a_short_message(store: Store, team: str) -> None:
    header = ",".join(f"c{k}" for k in range(100_000))
    data = (header + "\n" + ",".join("1" for _ in range(100_000)) + "\n").encode()
    with pytest.raises(EvidenceImportError) as refused:
        import_evidence(store, team, data, "wide.csv", "survey")
    assert "100,000 columns" in str(refused.value) and len(str(refused.value)) < 300


def test_the_column_list_in_a_message_is_cut_short(store: Store, team: str) -> None:
    header = ",".join(f"column {k}" for k in range(300))
    with pytest.raises(EvidenceImportError) as refused:
        import_evidence(
            store, team, (header + "\n" + "x," * 299 + "x\n").encode(), "a.csv", "survey"
        )
    assert "and 280 more" in str(refused.value) and len(str(refused.value)) < 1_000


def test_json_nested_too_deeply_is_a_clear_error(tmp_path: Path, store: Store, team: str) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    path = tmp_path / "deep.json"
    path.write_text(deep, encoding="utf-8")
    with pytest.raises(StoreError, match="nested too deeply"):
        read_document(path)
    with pytest.raises(EvidenceImportError, match="nested too deeply"):
        import_evidence(store, team, deep.encode(), "deep.json", "survey")


def test_a_survey_comment_beyond_the_limit_refuses_its_row(store: Store, team: str) -> None:
    data = f"id,nps,comment\nr1,9,fine\nr2,3,{'x' * (MAX_TEXT + 1)}\n".encode()
    report = import_evidence(store, team, data, "s.csv", "survey")
    assert [(r.row, r.column) for r in report.refused] == [(3, "comment")]
    assert report.stored == 0 and store.survey_responses(team).empty
