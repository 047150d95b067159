"""Survey exports as the survey tools write them, not as the kit writes them: Qualtrics' three
header rows and question ids, SurveyMonkey's two header rows and matrix questions, exports with
no date column or the date under the tool's own name, a touchpoint column whose header says
nothing, a CES scale that runs the other way, legacy code pages, gzip, zip and ODS, and the same
export imported twice."""

from __future__ import annotations

import csv
import datetime
import gzip
import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.errors import EvidenceImportError
from journeykit.evidence import import_evidence, load_mapping
from journeykit.evidence.survey import ces_direction
from journeykit.model import Workspace
from journeykit.store import Store
from journeykit.store.schema import SCHEMA_VERSION


@pytest.fixture
def team(catalogue_team: str) -> str:
    return catalogue_team


def as_csv(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


QUALTRICS = [
    [
        "StartDate",
        "EndDate",
        "Status",
        "Progress",
        "Finished",
        "RecordedDate",
        "ResponseId",
        "Q1",
        "Q_TP",
        "Q3",
        "Q4",
    ],
    [
        "Start Date",
        "End Date",
        "Response Type",
        "Progress",
        "Finished",
        "Recorded Date",
        "Response ID",
        "How likely are you to recommend Acme to a friend or colleague?",
        "Which part of Acme did you use last?",
        "How easy was it to get what you needed? (1 = very difficult, 7 = very easy)",
        "Anything else you want to tell us?",
    ],
    [
        '{"ImportId":"startDate","timeZone":"Europe/Budapest"}',
        '{"ImportId":"endDate","timeZone":"Europe/Budapest"}',
        '{"ImportId":"status"}',
        '{"ImportId":"progress"}',
        '{"ImportId":"finished"}',
        '{"ImportId":"recordedDate","timeZone":"Europe/Budapest"}',
        '{"ImportId":"_recordId"}',
        '{"ImportId":"QID1"}',
        '{"ImportId":"QID2"}',
        '{"ImportId":"QID3"}',
        '{"ImportId":"QID4_TEXT"}',
    ],
    [
        "2026-03-01 09:58:00",
        "2026-03-01 10:00:00",
        "IP Address",
        "100",
        "True",
        "2026-03-01 10:00:01",
        "R_1abc",
        "9",
        "Website",
        "7",
        "Quick",
    ],
    [
        "2026-03-02 11:20:00",
        "2026-03-02 11:30:00",
        "IP Address",
        "100",
        "True",
        "2026-03-02 11:30:02",
        "R_2def",
        "3",
        "Setup wizard",
        "2",
        "The bank step failed",
    ],
    [
        "2026-03-03 09:10:00",
        "2026-03-03 09:15:00",
        "IP Address",
        "100",
        "True",
        "2026-03-03 09:15:03",
        "R_3ghi",
        "10",
        "Live chat",
        "6",
        "",
    ],
]


def test_a_qualtrics_export_reads_with_its_three_header_rows(store: Store, team: str) -> None:
    report = import_evidence(store, team, as_csv(QUALTRICS), "qualtrics.csv", "survey")
    assert report.complete and report.stored == 3, report.text()
    assert report.columns["submitted_at"] == "RecordedDate"
    assert report.columns["id"] == "ResponseId"
    assert report.columns["nps"] == "Q1"
    assert report.columns["touchpoint"] == "Q_TP"  # by its values: the header says nothing
    assert report.columns["ces"] == "Q3"
    text = report.text()
    assert "3 header rows" in text and "CES turned around" in text
    assert "How likely are you to recommend" in text  # the question beside its id
    frame = store.survey_responses(team).set_index("id")
    assert frame.loc["R_1abc", "touchpoint"] == "web"
    # 7 = very easy in the file is 1 = very easy in the kit; 2 (hard) is 6
    assert frame.loc["R_1abc", "ces"] == 1 and frame.loc["R_2def", "ces"] == 6
    assert str(frame.loc["R_2def", "submitted_at"]) == "2026-03-02 11:30:02"


def test_a_refused_row_is_named_by_its_spreadsheet_row_under_three_header_rows(
    store: Store, team: str
) -> None:
    rows = [list(r) for r in QUALTRICS]
    rows[4][7] = "eleven"  # the second response: spreadsheet row 5
    report = import_evidence(store, team, as_csv(rows), "qualtrics.csv", "survey")
    assert not report.complete and report.stored == 0
    assert [(r.row, r.column, r.value) for r in report.refused] == [(5, "Q1", "eleven")]


SURVEYMONKEY = [
    [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "How likely is it that you would recommend us to a friend?",
        "How satisfied were you with each of these?",
        "",
        "",
        "Any comments?",
    ],
    ["", "", "", "", "Response", "Website", "Live chat", "Setup wizard", "Open-Ended Response"],
    ["11401", "4321", "03/01/2026 09:58:00 AM", "03/01/2026 10:00:00 AM", "9", "5", "4", "", ""],
    ["11402", "4321", "03/02/2026 11:20:00 AM", "03/02/2026 11:30:00 AM", "2", "2", "", "1", "Bad"],
]


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_surveymonkey_export_with_a_matrix_question_reads_as_a_wide_table(
    store: Store, team: str, form: str
) -> None:
    if form == "csv":
        data, name = as_csv(SURVEYMONKEY), "monkey.csv"
    else:
        out = io.BytesIO()
        pd.DataFrame(SURVEYMONKEY).to_excel(out, header=False, index=False)
        data, name = out.getvalue(), "monkey.xlsx"
    report = import_evidence(store, team, data, name, "survey")
    assert report.complete, report.text()
    assert set(report.wide["csat"].values()) == {"web", "chat", "wizard"}
    assert report.columns["submitted_at"] == "End Date"
    assert not any(h.startswith("__") for h in report.columns.values())  # no internal names
    frame = store.survey_responses(team)
    per_touchpoint = frame.dropna(subset=["csat"]).groupby("touchpoint")["csat"].apply(list)
    assert per_touchpoint.to_dict() == {"chat": [4], "web": [5, 2], "wizard": [1]}
    assert sorted(frame["nps"].dropna().tolist()) == [2, 9]  # once per respondent


def test_a_survey_without_dates_is_kept_without_dates(store: Store, team: str) -> None:
    rows = [["#", "Touchpoint", "NPS"], ["a1", "Website", "9"], ["a2", "Live chat", "4"]]
    report = import_evidence(store, team, as_csv(rows), "typeform.csv", "survey")
    assert report.complete and report.stored == 2
    assert "no date column" in report.text()
    frame = store.survey_responses(team)
    assert frame["submitted_at"].isna().all()
    from journeykit.analysis.scores import metric_records, score_table

    assert not metric_records(frame).empty  # scores work without dates
    assert score_table(frame, ["touchpoint"], period="W").empty  # and none over time


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Submitted At", "Submitted At"),  # Typeform
        ("Timestamp", "Timestamp"),  # Google Forms
        ("Completion time", "Completion time"),  # Microsoft Forms
        ("RecordedDate", "RecordedDate"),
        ("Submit Date (UTC)", "Submit Date (UTC)"),  # Typeform
    ],
)
def test_dates_are_found_under_the_names_tools_give_them(
    store: Store, team: str, header: str, expected: str
) -> None:
    rows = [["ID", "Start time", header, "NPS"], ["1", "2026-03-01 09:00", "2026-03-01 10:00", "9"]]
    report = import_evidence(store, team, as_csv(rows), "form.csv", "survey")
    assert report.columns["submitted_at"] == expected


def test_the_same_export_imported_twice_skips_what_is_stored(store: Store, team: str) -> None:
    data = as_csv(QUALTRICS)
    import_evidence(store, team, data, "qualtrics.csv", "survey")
    again = import_evidence(store, team, data, "qualtrics.csv", "survey")
    assert again.complete and again.stored == 0 and again.already_stored == 3
    assert "3 responses are already stored" in again.text()
    longer = [*QUALTRICS, [*QUALTRICS[-1][:6], "R_4jkl", "8", "Website", "5", ""]]
    third = import_evidence(store, team, as_csv(longer), "qualtrics-2.csv", "survey")
    assert third.stored == 1 and third.already_stored == 3
    assert len(store.survey_responses(team)) == 4


HUNGARIAN = [
    ["Azonosító", "Dátum", "Érintkezési pont", "Ajánlaná?", "Megjegyzés"],
    ["h1", "2026-03-01", "Website", "9", "Őszintén szólva, a fizetés túl bonyolult volt"],
    ["h2", "2026-03-02", "Live chat", "7", "Az ügyfélszolgálat gyors és kedves, köszönöm"],
]
RUSSIAN = [
    ["ид", "дата", "точка контакта", "NPS", "комментарий"],
    ["r1", "2026-03-01", "Website", "9", "Оплата была слишком сложной"],
    ["r2", "2026-03-02", "Live chat", "6", "Спасибо за быструю доставку"],
]


@pytest.mark.parametrize(
    ("rows", "encoding"),
    [
        (HUNGARIAN, "cp1250"),
        (HUNGARIAN, "utf-16-le"),
        (HUNGARIAN, "utf-16-be"),
        (RUSSIAN, "koi8_r"),
        (RUSSIAN, "cp1251"),
        (
            [["id", "date", "NPS", "comment"], ["m1", "2026-03-01", "9", "Café très naïve"]],
            "mac_roman",
        ),
    ],
)
def test_legacy_encodings_are_read_right_and_said(
    store: Store, team: str, rows: list[list[str]], encoding: str
) -> None:
    report = import_evidence(store, team, as_csv(rows, encoding), "export.csv", "survey")
    assert report.complete, report.text()
    assert report.encoding.replace("_", "-") == encoding.replace("_", "-")
    assert encoding.replace("_", "-") in report.text().replace("_", "-")
    comments = store.survey_responses(team)["comment"].tolist()
    assert comments == [r[-1] for r in rows[1:]]


def test_compressed_exports_and_ods_are_read(store: Store, team: str) -> None:
    plain = as_csv(QUALTRICS)
    report = import_evidence(store, team, gzip.compress(plain), "q.csv.gz", "survey")
    assert report.stored == 3 and "gzip" in report.format
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr(
            "export/q.csv",
            as_csv([*QUALTRICS[:3], [*QUALTRICS[3][:6], "R_9", "5", "Website", "4", ""]]),
        )
    report = import_evidence(store, team, packed.getvalue(), "q.zip", "survey")
    assert report.stored == 1 and "zip" in report.format
    ods = io.BytesIO()
    pd.DataFrame(
        {"id": ["o1", "o2"], "date": ["2026-03-01", "2026-03-02"], "nps": ["9", "10"]}
    ).to_excel(ods, engine="odf", index=False)
    report = import_evidence(store, team, ods.getvalue(), "calc.ods", "survey")
    assert report.stored == 2 and report.format == "ods"


def test_broken_and_ambiguous_archives_are_refused_with_the_fix(store: Store, team: str) -> None:
    with pytest.raises(EvidenceImportError, match="damaged gzip"):
        import_evidence(store, team, b"\x1f\x8bnot gzip", "q.csv.gz", "survey")
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("a.csv", "id,nps\n1,9\n")
        archive.writestr("b.csv", "id,nps\n1,9\n")
    with pytest.raises(EvidenceImportError, match=r"one table.*a\.csv, b\.csv"):
        import_evidence(store, team, packed.getvalue(), "two.zip", "survey")
    assert store.survey_responses(team).empty


@pytest.mark.parametrize(
    ("question", "direction"),
    [
        ("How easy was it? (1 = very difficult, 7 = very easy)", "reversed"),
        ("Effort: 1 = very hard ... 7 = very easy", "reversed"),
        ("Effort (1 = very easy, 7 = very difficult)", "stated"),
        ("How easy was it to solve your problem?", ""),
        ("Mennyire volt könnyű? 1 = nagyon nehéz, 7 = nagyon könnyű", "reversed"),
        ("1 - Very difficult", "reversed"),  # an answer label
        ("Very easy (7)", "reversed"),
        ("7. Very difficult", "stated"),
        ("Very easy - 1", "stated"),
        ("17 - very easy", ""),  # not the scale's end
    ],
)
def test_the_ces_direction_is_read_from_the_question(question: str, direction: str) -> None:
    assert ces_direction([question]) == direction


def test_a_ces_the_question_does_not_explain_is_asked_about(store: Store, team: str) -> None:
    rows = [["id", "date", "How easy was it?"], ["e1", "2026-03-01", "2"]]
    report = import_evidence(store, team, as_csv(rows), "ces.csv", "survey")
    assert "--reverse ces" in report.text()
    assert store.survey_responses(team)["ces"].tolist() == [2]
    rows[1][0] = "e2"
    import_evidence(store, team, as_csv(rows), "ces.csv", "survey", reverse=["ces"])
    assert store.survey_responses(team)["ces"].tolist() == [2, 6]


def test_a_column_map_with_an_empty_cell_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "columns.csv"
    path.write_text("field,column\nnps,Q1\ntouchpoint,\n", encoding="utf-8")
    with pytest.raises(EvidenceImportError, match="'touchpoint' has no partner"):
        load_mapping(path)


def test_json_output_says_why_an_import_could_not_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from journeykit.app.cli import main

    store_path = tmp_path / "w.db"
    with Store(store_path) as store:
        store.create_team(Workspace(id="t", name="T"))
    export = tmp_path / "empty.csv"
    export.write_bytes(b"id,comment\n1,hello\n")
    argv = ["evidence", "t", str(export), "--kind", "survey", "--store", str(store_path)]
    assert main([*argv, "--json"]) == 1
    said = json.loads(capsys.readouterr().out)
    assert "no column found for a score" in said["error"] and said["file"].endswith("empty.csv")


HEADER_STYLES = st.sampled_from(["plain", "qualtrics", "surveymonkey"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1250", "cp1252"])
PACKING = st.sampled_from(["", "gzip", "zip"])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    scores=st.lists(st.integers(0, 10), min_size=1, max_size=12),
    style=HEADER_STYLES,
    encoding=ENCODINGS,
    packing=PACKING,
    dated=st.booleans(),
)
def test_any_export_style_encoding_and_packing_gives_the_same_scores(
    store: Store, team: str, scores: list[int], style: str, encoding: str, packing: str, dated: bool
) -> None:
    before = set(store.survey_responses(team)["id"])
    tag = f"{style}-{encoding}-{packing}-{dated}-{len(before)}"  # ids new to this store
    comment = "Őszintén ő ű" if encoding != "cp1252" else "Café très naïve"
    header = ["Response ID", *(["Date"] if dated else []), "NPS", "Kommentár"]
    body = [
        [f"{tag}-{i}", *(["2026-03-01"] if dated else []), str(s), comment]
        for i, s in enumerate(scores)
    ]
    if style == "qualtrics":
        rows = [
            [f"Q{i}" for i in range(len(header))],
            header,
            [json.dumps({"ImportId": f"QID{i}"}) for i in range(len(header))],
            *body,
        ]
    elif style == "surveymonkey":
        rows = [header, ["" for _ in header[:-2]] + ["Response", "Open-Ended Response"], *body]
    else:
        rows = [header, *body]
    data, name = as_csv(rows, encoding), "export.csv"
    if packing == "gzip":
        data, name = gzip.compress(data), name + ".gz"
    elif packing == "zip":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("export.csv", data)
        data, name = out.getvalue(), "export.zip"
    report = import_evidence(store, team, data, name, "survey")
    assert report.complete, report.text()
    frame = store.survey_responses(team)
    new = frame[~frame["id"].isin(before)]
    assert sorted(new["nps"].tolist()) == sorted(scores)
    assert set(new["comment"]) == {comment}


def _dated(cells: list[str]) -> bytes:
    rows = [["id", "date", "nps"], *[[f"d{i}", c, "9"] for i, c in enumerate(cells)]]
    return as_csv(rows)


def test_day_and_month_order_is_read_from_the_column(store: Store, team: str) -> None:
    report = import_evidence(store, team, _dated(["03/04/2026", "25/04/2026"]), "a.csv", "survey")
    frame = store.survey_responses(team).set_index("id")
    assert str(frame.loc["d0", "submitted_at"].date()) == "2026-04-03"  # 25 can only be a day
    assert not any("two ways" in n for n in report.notes)


def test_month_first_is_read_when_the_second_part_is_a_day(store: Store, team: str) -> None:
    import_evidence(store, team, _dated(["03/04/2026", "04/25/2026"]), "b.csv", "survey")
    frame = store.survey_responses(team).set_index("id")
    assert str(frame.loc["d0", "submitted_at"].date()) == "2026-03-04"


def test_ambiguous_dates_are_said_and_can_be_given(store: Store, team: str) -> None:
    report = import_evidence(store, team, _dated(["03/04/2026 10:00 AM"]), "c.csv", "survey")
    assert "can be read two ways" in report.text() and "--dates day-first" in report.text()
    assert str(store.survey_responses(team)["submitted_at"][0].date()) == "2026-03-04"
    rows = [["id", "date", "nps"], ["e0", "03.04.2026", "9"]]
    report = import_evidence(store, team, as_csv(rows), "d.csv", "survey", dates="month-first")
    assert not report.notes
    frame = store.survey_responses(team).set_index("id")
    assert str(frame.loc["e0", "submitted_at"].date()) == "2026-03-04"


def test_persian_calendar_dates_are_converted(store: Store, team: str) -> None:
    rows = [["id", "تاریخ", "nps"], ["p1", "۱۴۰۴/۰۹/۱۱", "۹"], ["p2", "1404/12/29 14:30", "7"]]
    report = import_evidence(store, team, as_csv(rows), "fa.csv", "survey")
    assert report.complete, report.text()
    assert any("Jalali" in n for n in report.notes)
    frame = store.survey_responses(team).set_index("id")
    assert str(frame.loc["p1", "submitted_at"]) == "2025-12-02 00:00:00"
    assert str(frame.loc["p2", "submitted_at"]) == "2026-03-20 14:30:00"
    bad = [["id", "date", "nps"], ["p3", "1404/13/40", "9"]]
    report = import_evidence(store, team, as_csv(bad), "fa2.csv", "survey")
    assert [r.value for r in report.refused] == ["1404/13/40"]


def test_a_store_from_before_undated_responses_is_upgraded(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    with Store(path) as store:
        store.create_team(Workspace(id="t", name="T"))
        store.add_survey_responses(
            "t", pd.DataFrame({"id": ["old"], "submitted_at": ["2026-01-01T10:00:00"], "nps": [9]})
        )
    # as the schema-1 kit left it: submitted_at NOT NULL, version 1
    with sqlite3.connect(path) as conn:
        sql = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'survey_responses'"
        ).fetchone()[0]
        conn.executescript(
            "ALTER TABLE survey_responses RENAME TO s_old; DROP INDEX survey_team_seq;"
            + sql.replace("submitted_at VARCHAR(32)", "submitted_at VARCHAR(32) NOT NULL")
            + "; INSERT INTO survey_responses SELECT * FROM s_old; DROP TABLE s_old;"
            "CREATE INDEX survey_team_seq ON survey_responses (team, seq);"
            "UPDATE meta SET value = '1' WHERE key = 'schema_version';"
            "DROP TABLE alembic_version;"  # schema 1 came before the migrations
        )
    with Store(path) as store:
        store.add_survey_responses("t", pd.DataFrame({"id": ["new"], "nps": [7]}))
        frame = store.survey_responses("t").set_index("id")
    assert str(frame.loc["old", "submitted_at"]) == "2026-01-01 10:00:00"
    assert pd.isna(frame.loc["new", "submitted_at"])
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
            str(SCHEMA_VERSION),
        )


def _upload_bytes(importer: object, name: str, data: bytes) -> None:
    importer.upload.value = (  # type: ignore[attr-defined]
        {
            "name": name,
            "type": "",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC),
        },
    )


def test_the_page_turns_ces_around_and_skips_what_is_stored(store: Store, team: str) -> None:
    from html import unescape

    from journeykit.widgets.evidence import EvidenceImporter

    rows = [["id", "date", "How easy was it?"], ["e1", "2026-03-01", "2"]]
    importer = EvidenceImporter(store, team)
    _upload_bytes(importer, "ces.csv", as_csv(rows))
    importer.check()
    said = unescape(importer.report.value)
    assert "the choice 'CES in the file: 1 = very difficult'" in said and "--reverse" not in said
    importer.ces_scale.value = "reversed"
    assert importer.confirm_button.disabled  # a changed option: check again first
    importer.check()
    importer.confirm()
    assert store.survey_responses(team)["ces"].tolist() == [6]
    importer.check()  # the same file again
    assert "1 response is already stored" in unescape(importer.report.value)
    assert (
        importer.confirm_button.disabled and importer.confirm_button.description == "Store 0 rows"
    )


def _date_cell() -> st.SearchStrategy[str]:
    """Date cells as exports write them: ISO with a space or a T, seconds or not, a fraction,
    a zone; day/month orders; Persian years; epoch seconds; words; blanks."""
    moment = st.datetimes(
        min_value=datetime.datetime(1850, 1, 1), max_value=datetime.datetime(2300, 12, 31)
    )
    return st.one_of(
        moment.map(lambda m: m.strftime("%Y-%m-%d %H:%M:%S")),
        moment.map(lambda m: m.strftime("%Y-%m-%dT%H:%M")),
        moment.map(lambda m: m.strftime("%Y-%m-%d")),
        moment.map(lambda m: m.isoformat(timespec="microseconds")),
        moment.map(lambda m: m.strftime("%Y-%m-%dT%H:%M:%SZ")),
        moment.map(lambda m: m.strftime("%Y-%m-%dT%H:%M:%S+02:00")),
        moment.map(lambda m: m.strftime("%d/%m/%Y")),
        st.sampled_from(["1404-09-11", "۱۴۰۴/۰۹/۱۱", "1772359200", "2026", "", "soon"]),
    )


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(cells=st.lists(_date_cell(), min_size=1, max_size=8), text=st.booleans())
def test_the_quick_reading_of_dates_equals_the_full_one(
    cells: list[str], text: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quick path for a plain ISO column (numpy's parser) gives what the full reading
    gives, to the second the store keeps, for any column: it takes a column only when it is
    sure (a bare number read as a year, a zone, a Persian year all go the full way)."""
    from journeykit.evidence import cells as reading
    from journeykit.evidence import reading as tables

    values = pd.Series(cells, dtype="str" if text else object)
    quick = reading.times(values.copy())
    with monkeypatch.context() as patched:  # undone after each example
        patched.setattr(tables, "plain_iso", lambda values: None)
        full = reading.times(values.copy())
    assert quick.isna().tolist() == full.isna().tolist()
    pairs = zip(quick.dropna(), full.dropna(), strict=True)
    assert all(q.floor("s") == f.floor("s") for q, f in pairs), (cells, quick, full)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(cells=st.lists(_date_cell(), min_size=1, max_size=8), lead=st.sampled_from([0, 3, 600]))
def test_dates_the_reader_takes_as_dates_equal_the_full_reading(
    cells: list[str], lead: int
) -> None:
    """The reader reads a date column as dates when its first rows are plain ISO 8601; any
    file gives what the full reading of the column as text gives, whatever comes after the
    first rows (another form, a zone, a Persian year in ISO form, a word, a blank)."""
    from journeykit.evidence import cells as reading
    from journeykit.evidence import type_chooser
    from journeykit.evidence.reading import read_table

    column = ["2026-03-01 10:00:00"] * lead + cells
    data = as_csv([["id", "date", "nps"], *[[f"r{i}", c, "9"] for i, c in enumerate(column)]])
    typed = read_table(data, "s.csv", dtypes=type_chooser("survey")).frame["date"]
    text = read_table(data, "s.csv").frame["date"]
    quick, full = reading.times(typed.copy()), reading.times(text.copy())
    assert quick.isna().tolist() == full.isna().tolist()
    pairs = zip(quick.dropna(), full.dropna(), strict=True)
    assert all(q.floor("s") == f.floor("s") for q, f in pairs), (cells, quick, full)


def test_a_persian_year_in_iso_form_after_plain_rows_is_read_as_persian() -> None:
    """The reader took the column as dates from its first rows; a Persian year further down
    sends it back to text, so the importer converts it (not the Gregorian year 1404)."""
    from journeykit.evidence import type_chooser
    from journeykit.evidence.reading import read_table

    rows = [["id", "date", "nps"], *[[f"r{i}", "2026-03-01 10:00", "9"] for i in range(600)]]
    rows.append(["fa", "1404-09-11", "9"])
    frame = read_table(as_csv(rows), "s.csv", dtypes=type_chooser("survey")).frame
    assert frame["date"].dtype == object and frame["date"].iloc[-1] == "1404-09-11"
    assert frame["date"].iloc[0] == "2026-03-01 10:00"


@pytest.mark.parametrize(
    "question",
    [
        "Anything else you want to tell us?",
        "What could we improve?",
        "Please explain your score",
        "Miért adta ezt a pontszámot?",
        "Расскажите подробнее",
        "پیشنهاد شما چیست؟",
    ],
)
def test_the_open_question_is_the_comment_however_it_is_asked(
    store: Store, team: str, question: str
) -> None:
    rows = [["ID", "NPS", question], ["1", "9", "Fine"], ["2", "3", "Too slow"]]
    report = import_evidence(store, team, as_csv(rows), "form.csv", "survey")
    assert report.columns["comment"] == question and not report.unused_columns
    assert sorted(store.survey_responses(team)["comment"]) == ["Fine", "Too slow"]


def test_a_column_of_peoples_own_words_is_the_comment_whatever_its_header(
    store: Store, team: str
) -> None:
    """A question id says nothing, but the cells are sentences: that is the comment, said
    so in the report; names, e-mails and labels are not taken for it."""
    rows = [
        ["ResponseId", "Q1", "Q2", "Q7", "Q8", "Email"],
        ["R1", "9", "Ana Kis", "The checkout asked for my card twice", "Yes", "a@x.io"],
        ["R2", "4", "Oleg Ivanov", "Nobody answered the phone for two days", "No", "b@x.io"],
        ["R3", "10", "Sara Ahmadi", "", "Yes", "c@x.io"],
    ]
    report = import_evidence(
        store, team, as_csv(rows), "qualtrics.csv", "survey", columns={"nps": "Q1"}
    )
    assert report.columns["comment"] == "Q7"
    assert "people's own words" in report.text()
    assert report.unused_columns == ["Q2", "Q8"]
    assert "not used: 'Q2', 'Q8'; if one of them is the submitted_at, touchpoint" in report.text()
    assert "name it with --columns FIELD,COLUMN" in report.text()
    comments = store.survey_responses(team).set_index("id")["comment"]
    assert comments["R2"] == "Nobody answered the phone for two days"
    assert pd.isna(comments["R3"])  # no answer, not an empty text


@settings(max_examples=100, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime.datetime(1950, 1, 1), max_value=datetime.datetime(2150, 12, 31)
    ).map(lambda m: m.replace(microsecond=0)),
    form=st.sampled_from(
        ["%Y-%m-%d %H:%M:%S", "%Y.%m.%d. %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y.%m.%d %H:%M:%S"]
    ),
)
def test_a_date_written_year_first_is_read_as_written(moment: datetime.datetime, form: str) -> None:
    """Year first is year, month, day in every country ("2026.03.01." is Hungarian Google
    Forms' 1 March): never read with the day first."""
    from journeykit.evidence.cells import times

    read = times(pd.Series([moment.strftime(form)], dtype=object))
    assert read.iloc[0] == pd.Timestamp(moment)


@pytest.mark.parametrize(
    ("rows", "date"),
    [
        (  # Google Forms in Hungarian: the timestamp, year first with dots
            [
                ["Időbélyeg", "Melyik érintkezési pont?", "Mennyire ajánlana minket?"],
                ["2026.03.01. 10:11:12", "Website", "9"],
            ],
            "2026-03-01 10:11:12",
        ),
        (  # in Russian: day first
            [["Отметка времени", "Точка контакта", "NPS"], ["13.03.2026 11:00:00", "Website", "9"]],
            "2026-03-13 11:00:00",
        ),
        (  # in Persian: the Persian calendar, Persian digits
            [["زمان ثبت", "کدام نقطه تماس؟", "NPS"], ["۱۴۰۴/۱۲/۱۰ ۱۰:۱۱:۱۲", "Website", "۹"]],
            "2026-03-01 10:11:12",
        ),
    ],
)
def test_google_forms_exports_in_other_languages_keep_their_dates_and_touchpoints(
    store: Store, team: str, rows: list[list[str]], date: str
) -> None:
    report = import_evidence(store, team, as_csv(rows), "form.csv", "survey")
    assert report.complete and not report.unused_columns, report.text()
    frame = store.survey_responses(team)
    assert str(frame["submitted_at"].iloc[0]) == date
    assert frame["touchpoint"].iloc[0] == "web"


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["10 - Extremely likely", "0 - Not at all likely"], {"nps": [10, 0]}),
        (["Satisfied (4)", "5 - Very satisfied"], {"csat": [4, 5]}),
        (["Very satisfied - 5", "۲ - ناراضی"], {"csat": [5, 2]}),
        (["4) Satisfied", "1. Very dissatisfied"], {"csat": [4, 1]}),
    ],
)
def test_answers_exported_as_a_number_and_its_label_are_read(
    store: Store, team: str, cells: list[str], expected: dict[str, list[int]]
) -> None:
    """Survey tools export a choice as its number and text ("10 - Extremely likely")."""
    score = next(iter(expected))
    rows = [["id", score], *[[f"a{i}", c] for i, c in enumerate(cells)]]
    report = import_evidence(store, team, as_csv(rows), "labels.csv", "survey")
    assert report.complete, report.text()
    assert store.survey_responses(team)[score].tolist() == expected[score]
    assert f"answer labels for {score}: {cells[0]!r}" in report.text()


def test_a_ces_labelled_with_its_ends_is_turned_by_its_labels(store: Store, team: str) -> None:
    """The question says nothing, the answers say 1 is very difficult: the kit's 1 is very
    easy, so the file's numbers are turned around, and the report says why."""
    rows = [
        ["id", "How much effort did it take?"],
        ["c1", "1 - Very difficult"],
        ["c2", "7 - Very easy"],
        ["c3", "6"],
    ]
    report = import_evidence(store, team, as_csv(rows), "ces.csv", "survey")
    assert "as its answer labels say" in report.text()
    assert store.survey_responses(team)["ces"].tolist() == [7, 1, 2]


def test_answers_that_say_there_is_none_are_blanks_not_errors(store: Store, team: str) -> None:
    rows = [
        ["id", "NPS", "CSAT"],
        ["n1", "N/A", "4"],
        ["n2", "9", "Don't know"],
        ["n3", "–", "Не знаю"],
        ["n4", "9", "2-3 times"],  # a wrong answer stays wrong
    ]
    report = import_evidence(store, team, as_csv(rows), "na.csv", "survey", valid_only=True)
    assert "2 nps answers such as 'N/A' read as no answer" in report.text()
    assert [r.value for r in report.refused] == ["2-3 times"]
    assert "1 response has no answer at all (begun, not finished): left out" in report.text()
    frame = store.survey_responses(team).set_index("id")
    assert frame["nps"].isna()["n1"] and frame["csat"].isna()["n2"] and "n3" not in frame.index


FORMS = ["{n} - {l}", "{l} ({n})", "{n}. {l}", "{l} - {n}", "{n} = {l}", "{n}) {l}"]


@settings(max_examples=150, deadline=None)
@given(
    number=st.integers(min_value=0, max_value=10),
    label=st.sampled_from(["Extremely likely", "Not at all likely", "Neutral", "Kicsit", "خوب"]),
    form=st.sampled_from(FORMS),
)
def test_any_number_written_with_a_label_is_that_number(number: int, label: str, form: str) -> None:
    from journeykit.evidence.survey import _numbered

    cell = form.format(n=number, l=label)
    assert _numbered(pd.Series([cell])).tolist() == [float(number)]


def test_responses_begun_and_left_empty_are_left_out_not_refused(store: Store, team: str) -> None:
    """A Qualtrics export holds responses begun and never answered: they are said and left
    out; the file is not refused for them. A comment without a score is still refused (the
    store keeps a response by its scores), as is an empty row with a repeated id."""
    rows = [
        ["ResponseId", "Finished", "NPS", "Comment"],
        ["R1", "True", "9", "Fine"],
        ["R2", "False", "", ""],
        ["R3", "False", "", ""],
        ["R4", "True", "", "No score, only words"],
        ["R1", "False", "", ""],
    ]
    report = import_evidence(store, team, as_csv(rows), "partial.csv", "survey", valid_only=True)
    assert "2 responses have no answer at all (begun, not finished): left out" in report.text()
    assert report.accepted == 1 and report.refused_rows == 2 and report.stored == 1
    assert sorted(r.row for r in report.refused) == [5, 6]
    assert store.survey_responses(team)["id"].tolist() == ["R1"]
    rows = [rows[0], rows[1], rows[2]]
    report = import_evidence(store, team, as_csv(rows), "partial2.csv", "survey")
    assert report.complete and report.stored == 0 and report.already_stored == 1


def test_a_later_export_without_response_ids_adds_only_the_new_responses(
    store: Store, team: str
) -> None:
    """SurveyMonkey writes "Respondent ID" (one per response) and no other id, newest first:
    the respondent column is the id, so importing next week's export, one response longer,
    stores only that one; a column of dates and times is not taken for comments."""
    header = ["Respondent ID", "Start Date", "End Date", "IP Address", "How likely to recommend?"]
    first = [
        ["114102", "03/02/2026 11:00:00 AM", "03/02/2026 11:02:00 AM", "1.2.3.5", "4"],
        ["114101", "03/01/2026 10:00:00 AM", "03/01/2026 10:05:00 AM", "1.2.3.4", "9"],
    ]
    report = import_evidence(store, team, as_csv([header, *first]), "sm.csv", "survey")
    assert report.columns["id"] == "Respondent ID" and "comment" not in report.columns
    assert "a different value in every row" in report.text()
    newer = [["114103", "03/03/2026 09:00:00 AM", "03/03/2026 09:01:00 AM", "1.2.3.6", "10"]]
    again = import_evidence(store, team, as_csv([header, *newer, *first]), "sm.csv", "survey")
    assert again.stored == 1 and again.already_stored == 2
    assert sorted(store.survey_responses(team)["id"]) == ["114101", "114102", "114103"]


def test_a_typeform_export_keeps_its_response_token_and_submit_date(
    store: Store, team: str
) -> None:
    rows = [
        ["#", "How likely are you to recommend us?", "Start Date (UTC)", "Submit Date (UTC)"],
        ["ab12cd", "9", "2026-03-01 10:00:00", "2026-03-01 10:02:00"],
    ]
    report = import_evidence(store, team, as_csv(rows), "typeform.csv", "survey")
    assert report.columns["id"] == "#" and report.columns["submitted_at"] == "Submit Date (UTC)"
    frame = store.survey_responses(team)
    assert frame["id"].tolist() == ["ab12cd"]
    assert str(frame["submitted_at"][0]) == "2026-03-01 10:02:00"
