"""Step 3's coding board: passages kept as quotes, each coder's codes kept apart (two laptops
coding the same note at once lose nothing), "x of y coded", and Cohen's kappa per code checked
against hand-worked figures."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from themes_corpus import CORPUS

from journeykit.analysis.coding import (
    agreement,
    chosen_sentences,
    code_note,
    passage,
    progress,
    sentences,
    theme_groups,
)
from journeykit.errors import StoreError
from journeykit.evidence import import_evidence
from journeykit.i18n import language
from journeykit.model import Coding, InterviewNote
from journeykit.store import Store
from journeykit.store.jsonio import export_workspace, import_document
from journeykit.widgets.coding import CodingBoard
from journeykit.widgets.journey import JourneyEditor

NOTES = [
    ("n1", "Anna", "The bank login failed twice. I almost gave up! The chat helped though."),
    ("n2", "Béla", "A banki belépés kétszer nem sikerült. Végül a chat segített."),
    ("n3", "Ольга", "Вход через банк не работал. Поддержка ответила быстро."),
    ("n4", "مریم", "ورود با بانک کار نکرد. پشتیبانی سریع جواب داد؟ بله."),
]


@pytest.fixture
def team(store: Store, catalogue_team: str) -> str:
    store.add_many(
        catalogue_team,
        [InterviewNote(id=i, interviewee=who, text=text) for i, who, text in NOTES],
    )
    return catalogue_team


def test_sentences_in_four_scripts_and_the_passage_a_coder_keeps() -> None:
    assert sentences(NOTES[0][2]) == [
        "The bank login failed twice.",
        "I almost gave up!",
        "The chat helped though.",
    ]
    assert sentences(NOTES[3][2]) == ["ورود با بانک کار نکرد.", "پشتیبانی سریع جواب داد؟", "بله."]
    assert len(sentences(NOTES[2][2])) == 2 and len(sentences("one line\nsecond line")) == 2
    quote = passage(NOTES[0][2], [1, 0])
    assert quote == "The bank login failed twice. I almost gave up!"
    assert chosen_sentences(NOTES[0][2], quote) == [0, 1]
    assert passage(NOTES[0][2], []) == "" and passage(NOTES[0][2], [0, 1, 2]) == ""


def test_a_quote_that_is_not_in_the_note_is_refused_in_the_readers_language() -> None:
    with pytest.raises(ValueError, match="not a passage of the note"):
        InterviewNote(id="x", interviewee="A", text="Fine.", quote="Great service")
    with language("hu"), pytest.raises(ValueError) as err:
        InterviewNote(
            id="x",
            interviewee="A",
            text="Fine.",
            codings=[Coding(coder="Bea", quote="Great", tags=["need"])],
        )
    assert "not a passage" not in str(err.value)
    with pytest.raises(ValueError, match="at least a kind"):
        Coding(coder="Bea")


def test_two_coders_saving_the_same_note_keep_both_codes(store: Store, team: str) -> None:
    stale = store.get(team, InterviewNote, "n1")  # both laptops opened the note
    code_note(store, team, "n1", Coding(coder="Anna", tags=["pain_point"], themes=["Bank login"]))
    # the second save is made against the revision read before the first: merged, not lost
    code_note(store, team, "n1", Coding(coder="Bence", tags=["delight"], stage="onboarding"))
    note = store.get(team, InterviewNote, "n1").item
    assert store.get(team, InterviewNote, "n1").revision > stale.revision
    assert {c.coder for c in note.codings} == {"Anna", "Bence"}
    assert note.tags == ["pain_point", "delight"] and note.themes == ["Bank login"]
    assert note.stage == "onboarding"
    # a coder who takes a code away takes only their own
    code_note(store, team, "n1", Coding(coder="Anna", tags=["need"]))
    note = store.get(team, InterviewNote, "n1").item
    assert note.tags == ["delight", "need"] and note.themes == []
    assert note.stage == "onboarding"
    assert progress(store.workspace(team), "Anna") == (1, 4, 1)


def test_codes_survive_a_workspace_file_round_trip(store: Store, team: str) -> None:
    code_note(
        store,
        team,
        "n4",
        Coding(coder="مریم", quote="ورود با بانک کار نکرد.", tags=["pain_point"], emotion=-2),
    )
    document = export_workspace(store, team)
    assert document["version"] == 4
    copy = import_document(store, document, "north.json", as_team="copy")
    note = store.get(copy, InterviewNote, "n4").item
    assert note.quote == "ورود با بانک کار نکرد." and note.codings[0].emotion == -2
    broken = export_workspace(store, team)
    broken["workspace"]["interviews"][3]["codings"][0]["quote"] = "something else"
    with pytest.raises(StoreError, match="not a passage"):
        import_document(store, broken, "north.json", as_team="other")


def _code(store: Store, team: str, coder: str, tags: dict[str, list[str]]) -> None:
    for note, kinds in tags.items():
        code_note(store, team, note, Coding(coder=coder, tags=kinds))


def test_kappa_per_code_matches_the_hand_worked_figure(store: Store, team: str) -> None:
    # pain point: A = 1 1 0 0, B = 1 0 0 0 -> po = 0.75, pe = 0.5*0.25 + 0.5*0.75 = 0.5,
    # kappa = (0.75 - 0.5) / (1 - 0.5) = 0.5; need: both never -> undefined
    _code(
        store,
        team,
        "A",
        {"n1": ["pain_point"], "n2": ["pain_point"], "n3": ["delight"], "n4": ["delight"]},
    )
    _code(
        store,
        team,
        "B",
        {"n1": ["pain_point"], "n2": ["delight"], "n3": ["delight"], "n4": ["delight"]},
    )
    table = agreement(store.workspace(team)).set_index("code")
    assert table.loc["pain point", "kappa"] == pytest.approx(0.5)
    assert table.loc["pain point", "agreement"] == pytest.approx(0.75)
    assert table.loc["pain point", "notes"] == 4
    # delight: A = 0 0 1 1, B = 0 1 1 1 -> po 0.75, pe = 0.5*0.25 + 0.5*0.75 = 0.5 -> 0.5
    assert table.loc["delight", "kappa"] == pytest.approx(0.5)
    assert "need" not in table.index


def test_kappa_is_undefined_when_both_always_agree_by_default(store: Store, team: str) -> None:
    _code(store, team, "A", {n: ["pain_point"] for n in ("n1", "n2")})
    _code(store, team, "B", {n: ["pain_point"] for n in ("n1", "n2")})
    row = agreement(store.workspace(team)).iloc[0]
    assert row["agreement"] == 1.0 and math.isnan(row["kappa"])
    _code(store, team, "C", {"n1": ["pain_point"]})  # one note in common: too few
    assert set(agreement(store.workspace(team))["coders"]) == {"A / B"}


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), st.booleans()), min_size=2, max_size=12),
)
def test_kappa_agrees_with_its_definition_for_any_two_coders(pairs: list) -> None:
    from journeykit.model import Workspace

    notes = []
    for k, (a, b) in enumerate(pairs):
        codings = [
            Coding(coder="A", tags=["need"] + (["pain_point"] if a else [])),
            Coding(coder="B", tags=["need"] + (["pain_point"] if b else [])),
        ]
        notes.append(InterviewNote(id=f"n{k}", interviewee="x", text="t", codings=codings))
    table = agreement(Workspace(id="t", name="T", interviews=notes)).set_index("code")
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    if any(a or b for a, b in pairs):
        got = table.loc["pain point", "kappa"]
        if pe == 1:
            assert math.isnan(got)
        else:
            assert got == pytest.approx((po - pe) / (1 - pe))
    assert math.isnan(table.loc["need", "kappa"])  # both on every note


def test_the_board_codes_a_passage_and_moves_on(store: Store, team: str) -> None:
    board = CodingBoard(store, team)
    board.coder.value = "Anna"
    assert "0 of 4 notes coded" in board.progress.value
    assert board.notes.value == "n1" and len(board.boxes) == 3
    assert "Key words: <bdi>failed, helped, and login<" in board.heading.value
    board.boxes[0].value = True
    board.kinds["pain_point"].value = True
    board.stage.value = "onboarding"
    board.touchpoints.value = ["Website"]
    board.emotion.value = -2
    board.theme_entry.value = "Bank login"
    assert board.themes.value == ["Bank login"] and board.theme_entry.value == ""
    board.save_and_next()
    note = store.get(team, InterviewNote, "n1").item
    assert note.quote == "The bank login failed twice."
    assert note.codings[0].touchpoints == ["web"] and note.touchpoint == "web"
    assert note.emotion == -2 and note.stage == "onboarding"
    assert board.notes.value == "n2" and "1 of 4 notes coded" in board.progress.value
    assert "n1" not in [v for _t, v in board.notes.options]  # coded by Anna: out of her list
    board.theme_entry.value = "bank login"  # the same label in other case is not repeated
    board.theme_entry.value = "Bank login"
    assert board.themes.value == ["bank login"]
    board.save_code()
    # a teammate on another laptop sees the earlier label offered and Anna's codes on n1
    other = CodingBoard(store, team)
    other.coder.value = "Bence"
    assert "Bank login" in other.theme_entry.options
    other.filter.value = other.filter.options[1][1]
    other.notes.value = "n1"
    assert "Anna" in other.others.value and "pain point" in other.others.value


def test_the_board_asks_for_a_coder_and_a_code(store: Store, team: str) -> None:
    board = CodingBoard(store, team)
    board.save_code()
    assert "coder" in board.status.value and not store.get(team, InterviewNote, "n1").item.codings
    board.coder.value = "Anna"
    board.save_code()
    assert "at least a kind" in board.status.value
    with language("ru"):
        board = CodingBoard(store, team)
        board.coder.value = "Ольга"
        board.save_code()
    assert "at least a kind" not in board.status.value


def test_the_board_on_a_team_without_notes(store: Store, catalogue_team: str) -> None:
    board = CodingBoard(store, catalogue_team)
    assert "0 of 0" in board.progress.value and "No notes yet" in board.heading.value
    board.save_code()
    assert "Pick a note" in board.status.value


def _themed(store: Store, team: str, themes: dict[str, list[str]]) -> None:
    for note, labels in themes.items():
        code_note(store, team, note, Coding(coder="Anna", themes=labels, tags=["pain_point"]))


def test_the_wall_moves_a_quote_splits_renames_and_merges(store: Store, team: str) -> None:
    from journeykit.widgets.coding import AffinityBoard

    _themed(
        store,
        team,
        {"n1": ["Bank login"], "n2": ["bank login"], "n3": ["Bank login"], "n4": ["Support"]},
    )
    wall = AffinityBoard(store, team)
    assert "3 notes" in wall.columns.children[0].children[0].value
    first = wall.columns.children[0]
    # move n1's quote to a new theme: a split
    first.children[1].children[1].value = "Retries"
    groups = {k.casefold(): v for k, v in theme_groups(store.workspace(team)).items()}
    assert [n.id for n in groups["retries"]] == ["n1"] and len(groups["bank login"]) == 2
    assert "Moved the quote" in wall.status.value
    # Anna saving n1 again does not bring the old label back
    code_note(store, team, "n1", Coding(coder="Anna", themes=["Retries"], tags=["need"]))
    assert store.get(team, InterviewNote, "n1").item.themes == ["Retries"]
    # merge: rename "Support" to an existing theme's name, any case
    wall.move("Support", "retries")
    groups = {k.casefold(): v for k, v in theme_groups(store.workspace(team)).items()}
    assert set(groups) == {"bank login", "retries"} and len(groups["retries"]) == 2
    assert "Merged" in wall.status.value
    # rename
    wall.move("bank login", "Signing in with the bank")
    assert "Signing in with the bank" in theme_groups(store.workspace(team))


def test_a_theme_becomes_an_insight_with_its_quotes(store: Store, team: str) -> None:
    from journeykit.model import Insight
    from journeykit.widgets.coding import AffinityBoard

    code_note(
        store,
        team,
        "n1",
        Coding(
            coder="Anna",
            quote="The bank login failed twice.",
            themes=["Bank login"],
            stage="onboarding",
            tags=["pain_point"],
        ),
    )
    _themed(store, team, {"n3": ["bank login"]})
    wall = AffinityBoard(store, team)
    map_page = JourneyEditor(store, team)  # a teammate's step 2, open already
    assert "Bank login" not in json.dumps(map_page.chart.spec, ensure_ascii=False)
    wall.make_insight("Bank login", "pain_point")
    insights = [s.item for s in store.items(team, Insight)]
    assert len(insights) == 1
    made = insights[0]
    assert made.title == "Bank login" and made.stage == "onboarding"
    assert made.evidence[0] == "The bank login failed twice." and len(made.evidence) == 2
    assert "on the map at Onboarding" in wall.status.value
    map_page.follow()  # the theme shows on the map, in the pain points lane at its stage
    cells = [
        row
        for data in map_page.chart.spec["datasets"].values()
        for row in data
        if isinstance(row, dict) and "line" in row
    ]
    assert {(c["lane"], c["stage_id"]) for c in cells if "◆ Bank login" in c["line"]} == {
        ("Pain points", "onboarding")
    }
    wall.make_insight("Bank login", "pain_point")
    assert "already" in wall.status.value and len(store.items(team, Insight)) == 1


def test_the_wall_of_a_team_without_themes(store: Store, team: str) -> None:
    from journeykit.widgets.coding import AffinityBoard

    wall = AffinityBoard(store, team)
    assert "No themes yet" in wall.columns.children[0].value


def test_a_theme_six_notes_share_is_one_theme_however_unevenly_coded(
    store: Store, team: str
) -> None:
    """Six notes labelled "Bank login" with different tags, stages and touchpoints rank
    above a five-note theme coded evenly, and the findings name the label."""
    from journeykit.analysis.findings import pain_points
    from journeykit.analysis.themes import coded_evidence, themes

    notes = [
        InterviewNote(id=f"b{k}", interviewee=f"P{k}", text=f"The bank step failed {k}.")
        for k in range(6)
    ] + [
        InterviewNote(id=f"c{k}", interviewee=f"Q{k}", text=f"The chat was slow {k}.")
        for k in range(5)
    ]
    store.add_many(team, notes)
    places = [
        ("onboarding", "wizard"),
        ("onboarding", None),
        (None, "wizard"),
        ("evaluation", "web"),
        ("onboarding", "wizard"),
        (None, None),
    ]
    for k, (stage, touchpoint) in enumerate(places):
        code_note(
            store,
            team,
            f"b{k}",
            Coding(
                coder="Anna",
                tags=["pain_point"] if k % 3 else ["pain_point", "need"],
                stage=stage,
                touchpoints=[touchpoint] if touchpoint else [],
                themes=["Bank login" if k % 2 else "bank LOGIN"],
            ),
        )
    for k in range(5):
        code_note(
            store,
            team,
            f"c{k}",
            Coding(coder="Anna", tags=["pain_point"], stage="onboarding", touchpoints=["chat"]),
        )
    workspace = store.workspace(team)
    table = themes(coded_evidence(workspace, store.survey_responses(team)))
    top = table.iloc[0]
    assert top["theme"].casefold() == "bank login" and top["mentions"] == 6
    assert top["stage"] == "onboarding" and top["tag"] == "pain_point"
    assert table.iloc[1]["mentions"] == 5 and table.iloc[1]["theme"] == ""
    finding = pain_points(workspace, store.survey_responses(team))[0]
    assert "bank" in finding.title.casefold() and len(finding.evidence) == 3


def test_a_wall_of_many_themes_shows_the_most_quoted(store: Store, team: str) -> None:
    from journeykit.widgets.coding import THEMES_SHOWN, AffinityBoard

    notes = [
        InterviewNote(id=f"m{k}", interviewee="P", text=f"Said {k}.", themes=[f"Theme {k:02}"])
        for k in range(THEMES_SHOWN + 5)
    ]
    store.add_many(team, notes)
    wall = AffinityBoard(store, team)
    assert len(wall.columns.children) == THEMES_SHOWN + 1
    assert "5 more themes" in wall.columns.children[-1].value


def survey_export(comments: list[str]) -> bytes:
    """A survey tool's export: ids, who, when, the touchpoint by name, a score and a comment;
    one answer without a comment and one from an anonymous respondent."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Response ID", "Email", "Submitted at", "Touchpoint", "NPS", "Comment"])
    for number, text in enumerate(comments):
        who = "" if number == 1 else f"buyer{number}@example.org"
        writer.writerow([f"R_{number}", who, f"2026-03-{number + 1:02d}", "Live chat", 3, text])
    writer.writerow(["R_blank", "x@example.org", "2026-03-20", "Website", 9, ""])
    return out.getvalue().encode()


def test_survey_comments_are_coded_on_the_board_like_notes(store: Store, team: str) -> None:
    from journeykit.analysis.suggest import theme_suggestions

    comments = [*CORPUS["en"]["payment"], "Shipping took ages."]
    report = import_evidence(store, team, survey_export(comments), "export.csv", "survey")
    assert report.complete
    board = CodingBoard(store, team)
    before = len(store.workspace(team).interviews)
    assert board.comments_button.layout.display is None
    assert f"{len(comments)} comments" in board.comments_button.description
    board.take_comments()
    notes = {n.id: n for n in store.workspace(team).interviews}
    taken = [n for i, n in notes.items() if i.startswith("comment-")]
    assert len(notes) == before + len(comments) == before + len(taken)
    first = notes["comment-R_0"]
    assert first.interviewee == "buyer0@example.org" and first.touchpoint == "chat"
    assert str(first.date) == "2026-03-01" and first.text == comments[0]
    assert notes["comment-R_1"].interviewee == "respondent R_1"  # anonymous: the answer's id
    assert board.comments_button.layout.display == "none"
    assert "comments are notes on the board" in board.status.value
    suggested = theme_suggestions(store.workspace(team), store.survey_responses(team))
    assert not any(i.startswith("response:") for s in suggested for i in s.ids)
    # the board codes a comment like any note
    board.coder.value = "Anna"
    board.filter.value = "All notes"
    board.notes.value = "comment-R_0"
    board.kinds["pain_point"].value = True
    board.themes.value = ["Card declined"]
    assert board.save_code()
    assert "Card declined" in theme_groups(store.workspace(team))
    board.take_comments()  # nothing left to take: nothing doubled
    assert len(store.workspace(team).interviews) == len(notes)


def test_accepting_a_theme_of_comments_codes_them_and_it_is_not_suggested_again(
    store: Store, team: str
) -> None:
    from journeykit.analysis.suggest import accept_theme, theme_suggestions

    comments = [*CORPUS["en"]["payment"], *CORPUS["en"]["delivery"]]
    import_evidence(store, team, survey_export(comments), "export.csv", "survey")
    first = theme_suggestions(store.workspace(team), store.survey_responses(team))[0]
    assert all(i.startswith("response:") for i in first.ids)
    accept_theme(store, team, first, "pain_point", "From the survey", "j")
    grouped = theme_groups(store.workspace(team))["From the survey"]
    assert {n.id for n in grouped} == {"comment-" + i.split(":")[1] for i in first.ids}
    assert all(n.tags == ["pain_point"] for n in grouped)
    again = theme_suggestions(store.workspace(team), store.survey_responses(team))
    assert all(set(s.ids).isdisjoint(first.ids) for s in again)
    assert all(not {n.id for n in grouped} & set(s.ids) for s in again)
