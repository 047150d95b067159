"""Limits a workshop never reaches and an attack always does, each with a message that says
what and how much: names and texts, columns in a file, nesting in JSON, comments in a survey."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from journeykit.errors import EvidenceImportError, StoreError
from journeykit.evidence import import_evidence
from journeykit.model import InterviewNote, Persona, Workspace
from journeykit.model.base import MAX_NAME, MAX_TEXT
from journeykit.store import Store, read_document


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


def test_a_team_holds_at_most_so_many_items_of_a_kind(store: Store, team: str, monkeypatch) -> None:
    """A million personas made every start page take a minute: each kind has a limit the store
    keeps, with what and how many in the refusal; a batch over it is refused whole."""
    from journeykit.model import base

    monkeypatch.setattr(base, "MAX_ITEMS", 3)
    store.add_many(team, [Persona(id=f"p{n}", name=f"P {n}") for n in range(2)])
    with pytest.raises(StoreError, match="persona: team 't' may hold at most 3 of these and has 2"):
        store.add_many(team, [Persona(id=f"q{n}", name=f"Q {n}") for n in range(2)])
    assert len(store.items(team, Persona)) == 2
    store.add(team, Persona(id="p2", name="P 2"))
    with pytest.raises(StoreError, match="at most 3"):
        store.add(team, Persona(id="p3", name="P 3"))
    store.add(team, InterviewNote(id="n", interviewee="A", text="notes have their own limit"))


def test_a_workspace_file_of_too_many_items_is_refused_with_the_count() -> None:
    personas = [{"id": f"p{n}", "name": f"P {n}"} for n in range(1001)]
    with pytest.raises(ValidationError) as refused:
        Workspace.model_validate({"id": "t", "name": "T", "personas": personas})
    from journeykit.model import explain

    assert "personas: holds 1,001: at most 1,000 are kept" in explain(refused.value)


def test_a_page_table_of_many_items_shows_the_first_ones_and_says_so() -> None:
    from journeykit.widgets.base import TABLE_ROWS, html_table

    rows = [(f"t{n}", [f"Touchpoint {n}", "web"]) for n in range(250)]
    html = html_table("touchpoints", ["Name", "Channel"], rows, "none yet")
    assert html.count("<tr data-id=") == TABLE_ROWS
    assert f"The first {TABLE_ROWS} of 250 are shown" in html
    assert "The first" not in html_table("touchpoints", ["Name"], rows[:5], "none yet")


def test_survey_comments_and_event_fields_lose_what_no_one_can_see(store: Store, team: str) -> None:
    """Bulk evidence is cleaned as every field of the model is: a word processor's soft return
    reads as a space; NUL, ESC and the right-to-left override are dropped."""
    import pandas as pd

    store.add_survey_responses(
        team,
        pd.DataFrame({"id": ["r1"], "nps": [3], "comment": ["slow\x0bpage\x00 \x1b[31m\u202eok"]}),
    )
    assert store.survey_responses(team)["comment"].tolist() == ["slow page [31mok"]
    store.add_usage_events(
        team,
        pd.DataFrame(
            {"user_id": ["u\x001"], "event": ["visit\u202e"], "timestamp": ["2026-03-01"]}
        ),
    )
    events = store.usage_events(team)
    assert (events["user_id"].tolist(), events["event"].tolist()) == (["u1"], ["visit"])


def test_a_workbook_that_unpacks_to_too_much_is_refused_at_once(store: Store, team: str) -> None:
    """A zip bomb dressed as XLSX took 99 s to refuse: what it says it unpacks to refuses it
    before anything is unpacked."""
    import io
    import zipfile

    from journeykit.evidence.reading import MAX_UNPACKED

    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as workbook:
        workbook.writestr("[Content_Types].xml", "<Types/>")
        with workbook.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b"<row/>" * 100_000
            for _ in range(MAX_UNPACKED // len(block) + 1):
                sheet.write(block)
    with pytest.raises(EvidenceImportError, match="unpacks to more than 512 MB"):
        import_evidence(store, team, packed.getvalue(), "bomb.xlsx", "survey")


def test_a_file_larger_than_a_workshop_needs_is_refused_by_its_size(
    store: Store, team: str, monkeypatch
) -> None:
    from journeykit.evidence import reading

    monkeypatch.setattr(reading, "MAX_UNPACKED", 1024 * 1024)
    data = b"id,nps\n" + b"r,9\n" * 300_000
    with pytest.raises(EvidenceImportError, match=r"big.csv: 1 MB, more than the 1 MB a file"):
        import_evidence(store, team, data, "big.csv", "survey")


def test_a_broken_character_from_a_json_file_is_named_in_the_readers_language() -> None:
    """Half of a surrogate pair (\\ud800 written in a JSON file) cannot be stored or shown."""
    from journeykit.i18n import language
    from journeykit.model import explain

    with pytest.raises(ValidationError) as refused:
        Persona(id="p", name="x\ud800y")
    assert "name: holds a broken character" in explain(refused.value)
    with language("hu"):
        assert "hibás karaktert" in explain(refused.value)


def test_an_import_says_once_that_pasted_characters_were_left_out(store: Store, team: str) -> None:
    data = b"id,nps,comment\nr1,9,fine\nr2,3,slow\x0bpage\nr3,4,\x1b[31mred\n"
    report = import_evidence(store, team, data, "pasted.csv", "survey")
    assert report.stored == 3
    assert "2 comments held characters no one can see" in report.text()
    assert store.survey_responses(team)["comment"].tolist()[1] == "slow page"
