"""Evidence import as people export it: formats, encodings, delimiters, digits, labels, wide
tables; refused rows named precisely; nothing stored unless asked; never an unhandled error."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.errors import EvidenceImportError, ReadError, StoreError
from journeykit.evidence import import_evidence
from journeykit.evidence.reading import decode, read_table
from journeykit.store import Store


@pytest.fixture
def team(catalogue_team: str) -> str:
    return catalogue_team


SURVEY = [
    [
        "Response ID",
        "Submitted",
        "Touchpoint",
        "Stage",
        "How likely are you to recommend us to a friend?",
        "How satisfied were you?",
        "Comment",
    ],
    ["r1", "2026-03-01 10:00", "Website", "Research", "9", "Very satisfied", "Great"],
    ["r2", "2026-03-02 11:30", "Setup wizard", "onboarding", "3", "2", "Bank failed"],
    ["r3", "2026-03-03 09:15", "Live chat", "Onboarding", "10", "5", "Fast"],
]
TEXTS = {
    "cp1252": "Très bien, café",
    "cp1251": "Слишком долго ждать поддержку",
    "cp1256": "راه اندازي خيلي سخت بود",
    "utf-8": "Vevő: nagyon jó; بانکی; Быстро",
    "utf-8-sig": "Vevő elégedett",
    "utf-16": "Вход через банк; Vevő; راه‌اندازی",
}


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    pd.DataFrame(rows[1:], columns=rows[0]).to_csv(out, sep=delimiter, index=False)
    return out.getvalue()


@pytest.mark.parametrize("encoding", list(TEXTS))
def test_every_encoding_keeps_the_text_exactly(store: Store, team: str, encoding: str) -> None:
    rows = [list(r) for r in SURVEY]
    rows[2][6] = TEXTS[encoding]
    data = _csv(rows, ";").encode(encoding)
    report = import_evidence(store, team, data, "export.csv", "survey")
    assert report.complete and report.stored == 3, report.text()
    assert report.encoding.replace("_", "-").startswith(encoding.split("-sig")[0][:5])
    comments = store.survey_responses(team)["comment"].tolist()
    assert comments[1] == TEXTS[encoding]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_every_common_delimiter(store: Store, team: str, delimiter: str) -> None:
    report = import_evidence(store, team, _csv(SURVEY, delimiter).encode(), "s.csv", "survey")
    assert report.delimiter == delimiter and report.stored == 3
    frame = store.survey_responses(team)
    assert frame["touchpoint"].tolist() == ["web", "wizard", "chat"]
    assert frame["stage"].tolist() == ["research", "onboarding", "onboarding"]


def test_a_space_after_each_delimiter_is_not_part_of_the_value(store: Store, team: str) -> None:
    text = (
        "id, submitted, touchpoint, stage, nps, comment\n"
        'r1, 2026-03-01 10:00, Website, Research, 9, "Quick, clear"\n'
        "r2, 2026-03-02 11:30, Live chat, Onboarding, 3, Slow\n"
    )
    report = import_evidence(store, team, text.encode(), "spaced.csv", "survey")
    assert report.complete, report.text()
    frame = store.survey_responses(team)
    assert frame["touchpoint"].tolist() == ["web", "chat"]
    assert frame["nps"].tolist() == [9, 3]
    assert frame["comment"].tolist() == ["Quick, clear", "Slow"]


def test_a_label_far_below_numeric_first_rows_is_still_read(store: Store, team: str) -> None:
    rows = [["id", "submitted", "touchpoint", "csat"]]
    rows += [[f"r{i}", "2026-03-01 10:00", "Website", "4.0"] for i in range(1200)]
    rows[-1][3] = "Very satisfied"
    report = import_evidence(store, team, _csv(rows).encode(), "late-label.csv", "survey")
    assert report.complete and report.stored == 1200, report.text()
    assert report.labels == {"csat": {"Very satisfied": 5}}
    assert store.survey_responses(team)["csat"].tolist()[-2:] == [4, 5]


def test_question_headers_and_labels_are_matched_and_shown(store: Store, team: str) -> None:
    report = import_evidence(store, team, _csv(SURVEY).encode(), "s.csv", "survey")
    assert report.columns["nps"] == "How likely are you to recommend us to a friend?"
    assert report.matched_by["nps"] == "keyword"
    assert report.labels == {"csat": {"Very satisfied": 5}}
    assert "answer labels for csat: 'Very satisfied'=5" in report.text()
    assert store.survey_responses(team)["csat"].tolist() == [5, 2, 5]


def test_persian_digits_decimal_commas_and_day_first_dates(store: Store, team: str) -> None:
    text = "id;date;csat;nps\nr1;13/03/2026 10:00;۴;۹\nr2;2026-03-14;4,0;١٠\n"
    report = import_evidence(store, team, text.encode(), "fa.csv", "survey")
    assert report.complete, report.text()
    frame = store.survey_responses(team)
    assert frame["csat"].tolist() == [4, 4] and frame["nps"].tolist() == [9, 10]
    assert str(frame["submitted_at"].iloc[0]) == "2026-03-13 10:00:00"


def test_a_wide_table_becomes_one_answer_per_touchpoint(store: Store, team: str) -> None:
    text = (
        "id,date,Satisfaction - Website,Satisfaction - Live chat,NPS\n"
        "1,2026-03-01,5,3,9\n2,2026-03-02,,2,4\n"
    )
    report = import_evidence(store, team, text.encode(), "wide.csv", "survey")
    assert report.complete and report.wide["csat"] == {
        "Satisfaction - Website": "web",
        "Satisfaction - Live chat": "chat",
    }
    frame = store.survey_responses(team).set_index("id")
    assert frame.loc["1-web", "csat"] == 5 and frame.loc["1-chat", "csat"] == 3
    assert frame.loc["1-overall", "nps"] == 9 and pd.isna(frame.loc["1-web", "nps"])
    assert "2-web" not in frame.index
    assert frame.loc["2-chat", "respondent"] == "2"


def test_excel_and_json_exports(store: Store, team: str, tmp_path) -> None:
    frame = pd.DataFrame(SURVEY[1:], columns=SURVEY[0])
    path = tmp_path / "survey.xlsx"
    frame.to_excel(path, index=False)
    report = import_evidence(store, team, path.read_bytes(), "survey.xlsx", "survey")
    assert report.format == "excel" and report.stored == 3
    records = [{"id": "j1", "timestamp": "2026-03-04T10:00:00", "csat": 4, "nps": None}]
    data = json.dumps({"responses": records}).encode()
    report = import_evidence(store, team, data, "survey.json", "survey")
    assert report.format == "json" and report.stored == 1 and report.row_word == "record"


def test_refused_rows_name_file_row_column_value_and_fix(store: Store, team: str) -> None:
    rows = [list(r) for r in SURVEY]
    rows[1][4] = "11"
    rows[2][2] = "Web site"
    rows[3][1] = "someday"
    report = import_evidence(store, team, _csv(rows).encode(), "bad.csv", "survey")
    assert (report.accepted, report.refused_rows, report.stored) == (0, 3, 0)
    problems = {(r.row, r.column, r.value) for r in report.refused}
    assert (2, "How likely are you to recommend us to a friend?", "11") in problems
    assert (3, "Touchpoint", "Web site") in problems
    assert (4, "Submitted", "someday") in problems
    assert report.unknown["touchpoint"]["Web site"][0] == "Website"
    text = report.text()
    assert "bad.csv, row 2, column 'How likely" in text and "0 to 10" in text
    assert "nothing was stored" in text and "--valid-only" in text
    assert store.survey_responses(team).empty


def test_valid_only_stores_the_good_rows_and_reports_the_rest(store: Store, team: str) -> None:
    rows = [list(r) for r in SURVEY]
    rows[1][5] = "Somewhat pleased"
    report = import_evidence(store, team, _csv(rows).encode(), "s.csv", "survey", valid_only=True)
    assert (report.accepted, report.refused_rows, report.stored) == (2, 1, 2)
    assert "known answer label" in report.refused[0].reason
    assert store.survey_responses(team)["id"].tolist() == ["r2", "r3"]


def test_column_overrides_and_label_overrides(store: Store, team: str) -> None:
    text = "key,when,q1\na,2026-03-01,Somewhat pleased\n"
    report = import_evidence(
        store,
        team,
        text.encode(),
        "s.csv",
        "survey",
        columns={"id": "key", "submitted_at": "when", "csat": "q1"},
        labels={"csat": {"Somewhat pleased": 4}},
    )
    assert report.complete and report.matched_by["csat"] == "given"
    assert store.survey_responses(team)["csat"].tolist() == [4]
    with pytest.raises(
        EvidenceImportError, match="column 'nope' given for csat is not in the file"
    ):
        import_evidence(store, team, text.encode(), "s.csv", "survey", columns={"csat": "nope"})


def test_missing_required_columns_are_named(store: Store, team: str) -> None:
    with pytest.raises(EvidenceImportError, match=r"no column found for a score.*--columns"):
        import_evidence(store, team, b"id,date,comment\n1,2026-03-01,ok\n", "s.csv", "survey")
    with pytest.raises(EvidenceImportError, match=r"no column found for user_id.*--columns"):
        import_evidence(store, team, b"event,time\nx,2026-03-01\n", "e.csv", "events")
    with pytest.raises(EvidenceImportError, match="has no rows"):
        import_evidence(store, team, b"id,date,csat\n", "s.csv", "survey")


def test_events_are_mapped_to_stages_and_unmapped_ones_listed(store: Store, team: str) -> None:
    text = (
        "distinct_id,event,time,platform\n"
        "u1,wizard_started,1772359200,android\n"
        "u1,first_invoice,1772362800,android\n"
        "u2,page_view,1772366400,web\n"
    )
    report = import_evidence(
        store,
        team,
        text.encode(),
        "events.csv",
        "events",
        stages={"wizard_started": "onboarding", "first_invoice": "Onboarding"},
    )
    assert report.complete and report.stored == 3
    assert report.unmapped_events == {"page_view": 1}
    events = store.usage_events(team)
    assert events["stage"].tolist()[:2] == ["onboarding", "onboarding"]
    assert str(events["timestamp"].iloc[0]) == "2026-03-01 10:00:00"
    with pytest.raises(EvidenceImportError, match="which no journey of this team has"):
        import_evidence(store, team, text.encode(), "e.csv", "events", stages={"x": "Nowhere"})


def test_interview_notes_with_tags_and_emotion(store: Store, team: str) -> None:
    text = (
        "Participant,Stage,Touchpoint,Quote,Tags,Emotion\n"
        "Customer 1,Onboarding,Setup wizard,Bank step failed,pain point,-3\n"
        'Customer 2,Onboarding,Setup wizard,بانک وصل نشد,"pain, need",-2\n'
        "Customer 3,Research,Website,,delight,2\n"
        "Customer 4,Research,Website,Loved the demo,joy,2\n"
    )
    report = import_evidence(store, team, text.encode(), "notes.csv", "interviews")
    assert report.refused_rows == 1 and report.stored == 0
    assert "must not be blank" in report.refused[0].reason and report.refused[0].row == 4
    assert "tags kept as the notes' themes: 'joy'" in report.text()
    report = import_evidence(store, team, text.encode(), "notes.csv", "interviews", valid_only=True)
    notes = store.workspace(team).interviews
    assert [n.text for n in notes] == ["Bank step failed", "بانک وصل نشد", "Loved the demo"]
    assert notes[1].tags == ["pain_point", "need"] and notes[1].emotion == -2
    assert notes[2].tags == [] and notes[2].themes == ["joy"]


def test_a_research_tools_export_keeps_its_tags_as_themes(store: Store, team: str) -> None:
    """Dovetail exports highlights with the team's own tags: the kit's tags are read, the
    others become the notes' themes (their codes), and the highlight is the note's text."""
    text = (
        "Highlight,Tags,Participant,Created\n"
        '"The bank step failed twice, I gave up","pain point, onboarding",Customer 4,2026-03-01\n'
        '"Support called me back in an hour","delight, Support",Customer 5,2026-03-02\n'
    )
    report = import_evidence(store, team, text.encode(), "dovetail.csv", "interviews")
    assert report.complete and report.columns["text"] == "Highlight", report.text()
    assert "themes: 'Support', 'onboarding'" in report.text()
    notes = store.workspace(team).interviews
    assert [(n.tags, n.themes) for n in notes] == [
        (["pain_point"], ["onboarding"]),
        (["delight"], ["Support"]),
    ]
    assert str(notes[0].date) == "2026-03-01"


def test_interview_notes_under_a_question_are_found_by_their_words(store: Store, team: str) -> None:
    text = (
        "Who,What happened\n"
        '"Customer 6","I could not find where to add my accountant, so I emailed support"\n'
        '"Customer 7","Setting up reminders took two minutes and saved me a day"\n'
    )
    report = import_evidence(store, team, text.encode(), "notes.csv", "interviews")
    assert report.complete and report.columns["text"] == "What happened", report.text()
    assert "people's own words" in report.text()


def test_tags_written_in_any_of_the_kits_languages_are_read(store: Store, team: str) -> None:
    """A coder writes the tag as the page shows it in their language."""
    text = (
        "Participant,Quote,Tags\n"
        "A,A bankkapcsolat megszakadt,fájdalompont\n"
        'B,Хочу отчёт в телефоне,"потребность, болевая точка"\n'
        "C,پشتیبانی عالی بود,نقطه درد،نیاز\n"
        "D,Loved it,Delight\n"
    )
    report = import_evidence(store, team, text.encode(), "notes.csv", "interviews")
    assert report.complete, report.text()
    tags = [n.tags for n in store.workspace(team).interviews]
    assert tags[0] == ["pain_point"] and tags[3] == ["delight"]
    assert set(tags[1]) == {"need", "pain_point"} and set(tags[2]) == {"pain_point", "need"}


def test_an_unreadable_file_is_a_clear_error(store: Store, team: str) -> None:
    with pytest.raises(EvidenceImportError, match="not a readable Excel or ODS workbook"):
        import_evidence(store, team, b"PK\x03\x04broken", "s.xlsx", "survey")
    with pytest.raises(EvidenceImportError, match="not valid JSON"):
        import_evidence(store, team, b'[{"id": 1', "s.json", "survey")


def test_code_page_guess_prefers_the_script_that_reads_naturally() -> None:
    for encoding, text in TEXTS.items():
        if encoding.startswith("cp"):
            assert decode(text.encode(encoding), "x")[1] == encoding


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_give_a_report_or_a_clear_error(
    store: Store, team: str, data: bytes
) -> None:
    for kind in ("survey", "events", "interviews"):
        try:
            report = import_evidence(store, team, data, "fuzz.csv", kind)
        except EvidenceImportError as err:
            assert "fuzz.csv" in str(err) or "kind" in str(err)
        else:
            assert report.rows >= 0 and isinstance(report.text(), str)


cells = st.one_of(
    st.text(max_size=12),
    st.integers(-5, 15).map(str),
    st.sampled_from(["", "Website", "9"]),
    st.sampled_from(  # what survey and analytics tools write in these columns
        [
            "10 - Extremely likely",
            "Satisfied (4)",
            "N/A",
            "-",
            "2-3 times",
            "2026.03.01.",
            "1772359200123456",
            "20260301",
            "1404-09-11",
            "Nobody answered the phone for two days",
        ]
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    headers=st.lists(
        st.sampled_from(
            [
                "id",
                "date",
                "csat",
                "nps",
                "ces",
                "Touchpoint",
                "Stage",
                "x",
                "user",
                "event",
                "time",
                "Quote",
                "Tags",
                "Emotion",
            ]
        ),
        min_size=1,
        max_size=6,
        unique=True,
    ),
    body=st.lists(st.lists(cells, min_size=6, max_size=6), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_random_tables_give_a_report_or_a_clear_error(
    store: Store, team: str, headers: list[str], body: list[list[str]], delimiter: str
) -> None:
    rows = [headers] + [row[: len(headers)] for row in body]
    data = "\n".join(delimiter.join(r) for r in rows).encode()
    for kind in ("survey", "events", "interviews"):
        before = (
            len(store.survey_responses(team)),
            len(store.usage_events(team)),
            len(store.workspace(team).interviews),
        )
        try:
            report = import_evidence(store, team, data, "t.csv", kind)
        except (EvidenceImportError, StoreError) as err:  # StoreError: an example imported twice
            assert str(err)
            assert before == (
                len(store.survey_responses(team)),
                len(store.usage_events(team)),
                len(store.workspace(team).interviews),
            ), "a refused import stores nothing"
            continue
        after = (
            len(store.survey_responses(team)),
            len(store.usage_events(team)),
            len(store.workspace(team).interviews),
        )
        if report.complete:
            assert sum(after) - sum(before) == report.stored
        else:
            assert report.stored == 0 and after == before


def test_read_table_reports_how_it_read() -> None:
    table = read_table("a;b\n1;2\n".encode("utf-16"), "x.csv")
    assert (table.format, table.encoding, table.delimiter) == ("csv", "utf-16", ";")
    assert table.frame.to_dict("records") == [{"a": 1, "b": 2}]  # numbers come typed


def test_an_exports_other_columns_are_kept_and_compared_by(
    store: Store, team: str, tmp_path
) -> None:
    """A clickstream as an analytics tool exports it, with columns the kit has no field for
    (cohort, plan, a free-text note, a column left empty): they are kept with each event, a
    funnel compares by the ones that are segments, the page offers them, and a workspace file
    carries them to another workshop."""
    from journeykit.analysis.funnel import comparable_fields, compare_funnels, funnel
    from journeykit.app.export.privacy import write_json
    from journeykit.store.jsonio import import_document, read_document

    rows = ["distinct_id,event,time,$os,cohort,plan,note,empty"]
    for n in range(40):
        cohort = "new" if n % 2 else "loyal"
        rows.append(f"u{n},site_visited,{1772359200 + n},web,{cohort},pro,note {n},")
        if n % 2 == 0 or n % 5 == 0:  # loyal users go on more often
            rows.append(f'u{n},trial_started,{1772362800 + n},web,{cohort},"pro, yearly",,')
    report = import_evidence(
        store,
        team,
        "\n".join(rows).encode(),
        "mixpanel.csv",
        "events",
        stages={"site_visited": "research", "trial_started": "evaluation"},
    )
    assert report.complete and report.kept_columns == ["cohort", "plan", "note", "empty"]
    assert "kept with each event, to compare the funnel by: 'cohort'" in report.text()
    events = store.usage_events(team)
    assert events.loc[1, "plan"] == "pro, yearly" and events["empty"].isna().all()
    assert comparable_fields(events) == ["cohort", "plan"]  # a note per user is no segment
    compared = compare_funnels(funnel(events, ["research", "evaluation"], by="cohort"), "cohort")
    assert compared.set_index("cohort")["converted"].to_dict() == {"loyal": 20, "new": 4}
    from ipywidgets import Dropdown

    from journeykit.widgets.views import EvidenceCharts

    page = EvidenceCharts(store, team)
    pickers = [
        w
        for box in page.body.children
        for w in getattr(box, "children", ())
        if isinstance(w, Dropdown)
    ]
    assert [value for _label, value in pickers[0].options] == ["cohort", "plan"]
    path = write_json(store, team, tmp_path / "team.json")
    with Store(tmp_path / "other.db") as other:
        copied = import_document(other, read_document(path), "team.json", as_team="copy")
        assert other.usage_events(copied)["cohort"].tolist() == events["cohort"].tolist()


BROKEN = {
    "an answer off its scale": ({"nps": 12}, "r1,12,,", "nps"),
    "a score that is not whole": ({"csat": 3.5}, "r1,,3.5,", "csat"),
    # words but no score (a row with nothing at all is left out of a file, said, not refused)
    "no score at all": ({"comment": "only words"}, "r1,,,only words", "scores"),
}


@pytest.mark.parametrize("code", ["en", "hu", "fa"])
@pytest.mark.parametrize("case", list(BROKEN))
def test_the_importer_the_store_and_a_workspace_file_state_one_rule_in_one_wording(
    store: Store, team: str, case: str, code: str
) -> None:
    """The survey rules have one home (`store.frames.survey_rules`): a response that breaks
    one is refused with the same words whether it comes in a CSV, as a frame given to the
    store, or in a workspace file, in the reader's language."""
    from journeykit.errors import EvidenceError
    from journeykit.i18n import language
    from journeykit.store.jsonio import export_workspace, import_document

    record, line, column = BROKEN[case]
    with language(code):
        report = import_evidence(
            store, team, f"id,nps,csat,comment\n{line}\n".encode(), "s.csv", "survey"
        )
        assert report.refused_rows == 1 and report.stored == 0, report.text()
        rule = report.refused[0].reason
        with pytest.raises(EvidenceError) as guard:
            store.add_survey_responses(team, pd.DataFrame([{"id": "r1", **record}]))
        document = export_workspace(store, team)
        document["survey_responses"] = [{"id": "r1", **record}]
        with pytest.raises(StoreError) as from_file:
            import_document(store, document, "team.json", as_team="copy")
    assert rule in str(guard.value) and rule in str(from_file.value)
    assert f"'{column}'" in str(guard.value), str(guard.value)
    if code != "en":
        with language("en"):
            english = import_evidence(
                store, team, f"id,nps,csat,comment\n{line}\n".encode(), "s.csv", "survey"
            )
        assert english.refused[0].reason != rule, "the rule is not in the reader's language"
    assert store.survey_responses(team).empty and "copy" not in store.teams()


def test_a_ga4_export_is_read_at_its_event_timestamp(store: Store, team: str) -> None:
    """GA4 writes event_date (YYYYMMDD) before event_timestamp (microseconds since 1970):
    the time of each event is the timestamp, the date is kept as an attribute."""
    text = (
        "event_date,event_timestamp,event_name,user_pseudo_id\n"
        "20260301,1772359200123456,page_view,u1\n"
        "20260301,1772359260000000,sign_up,u1\n"
    )
    report = import_evidence(store, team, text.encode(), "ga4.csv", "events")
    assert report.columns["timestamp"] == "event_timestamp"
    events = store.usage_events(team)
    assert [str(t) for t in events["timestamp"].tail(2)] == [
        "2026-03-01 10:00:00",
        "2026-03-01 10:01:00",
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("20260301", "2026-03-01 00:00:00"),  # a date as YYYYMMDD, not 1970-08-23
        ("1772359200", "2026-03-01 10:00:00"),  # seconds
        ("1772359200000", "2026-03-01 10:00:00"),  # milliseconds
        ("1772359200000000", "2026-03-01 10:00:00"),  # microseconds
        ("1772359200000000000", "2026-03-01 10:00:00"),  # nanoseconds
    ],
)
def test_times_written_as_numbers_are_read_by_their_size(cell: str, expected: str) -> None:
    from journeykit.evidence.cells import times

    for values in (pd.Series([int(cell)]), pd.Series([cell, "2026-03-02T00:00:00+01:00"])):
        assert str(times(values).iloc[0].floor("s")) == expected


@pytest.mark.parametrize(
    ("lines", "platforms"),
    [
        (  # Mixpanel: everything under "properties", time in seconds
            [
                {"event": "Sign Up", "properties": {"time": 1772359200, "distinct_id": "u1",
                                                     "$os": "iOS", "plan": "pro"}},
                {"event": "Purchase", "properties": {"time": 1772359300, "distinct_id": "u1",
                                                      "$os": "iOS", "plan": "pro"}},
            ],
            ["iOS", "iOS"],
        ),
        (  # Segment: userId, an ISO time with a zone, the system under context.os
            [
                {"type": "track", "event": "Sign Up", "userId": "u1",
                 "timestamp": "2026-03-01T10:00:00.000Z", "context": {"os": {"name": "iOS"}}},
                {"type": "track", "event": "Purchase", "userId": "u1",
                 "timestamp": "2026-03-01T10:01:40.000Z", "context": {"os": {"name": "Web"}}},
            ],
            ["iOS", "Web"],
        ),
        (  # Amplitude: event_type, event_time, its own ids before them
            [
                {"event_id": 1, "event_properties": {"plan": "pro"},
                 "event_time": "2026-03-01 10:00:00.123000", "event_type": "Sign Up",
                 "platform": "iOS", "user_id": "u1"},
                {"event_id": 2, "event_properties": {"plan": "pro"},
                 "event_time": "2026-03-01 10:01:40.000000", "event_type": "Purchase",
                 "platform": "iOS", "user_id": "u1"},
            ],
            ["iOS", "iOS"],
        ),
    ],
)  # fmt: skip
def test_event_exports_as_json_lines_are_read(
    store: Store, team: str, lines: list[dict[str, object]], platforms: list[str]
) -> None:
    """Analytics tools export events one JSON object per line, their fields nested."""
    data = "\n".join(json.dumps(line) for line in lines).encode()
    report = import_evidence(store, team, data, "export.json", "events")
    assert report.complete and report.stored == 2, report.text()
    events = store.usage_events(team).tail(2)
    assert events["user_id"].tolist() == ["u1", "u1"]
    assert events["event"].tolist() == ["Sign Up", "Purchase"]
    assert [str(t.floor("s")) for t in events["timestamp"]] == [
        "2026-03-01 10:00:00",
        "2026-03-01 10:01:40",
    ]
    assert events["platform"].tolist() == platforms


def test_a_json_lines_file_with_a_broken_line_says_where() -> None:
    data = b'{"event": "a", "user": "u1"}\n{"event": "b", "user": \n'
    with pytest.raises(ReadError, match=r"line 2, column 24: not valid JSON \(Expecting value\)"):
        read_table(data, "broken.json")


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10), cells),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["os", "name"]), inner)
    ),
    max_leaves=6,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.dictionaries(
            st.sampled_from(["event", "user_id", "time", "properties", "context", "nps", "x"]),
            json_values,
        ),
        max_size=5,
    ),
    broken=st.booleans(),
)
def test_any_json_lines_give_a_report_or_a_clear_error(
    store: Store, team: str, lines: list[dict[str, object]], broken: bool
) -> None:
    """Records one per line, nested any way, a line cut short: a report, or a refusal that
    names the file, for every kind."""
    text = "\n".join(json.dumps(line) for line in lines) + ('\n{"event": ' if broken else "")
    for kind in ("survey", "events", "interviews"):
        try:
            report = import_evidence(store, team, text.encode(), "lines.jsonl", kind)
        except EvidenceImportError as err:
            assert "lines.jsonl" in str(err) or "kind" in str(err), err
        else:
            assert report.rows >= 0 and isinstance(report.text(), str)
