"""The kit in Persian, Hungarian and Russian beside English: complete catalogs, the language
chosen by link, team and workshop, locale numbers with Persian digits as an option, text kept
as typed but sorted and compared the way each language's readers expect, fonts that hold every
letter, and a Persian report laid out right to left."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from journeykit.app.cli import main
from journeykit.app.export.documents import SECTIONS, report_html
from journeykit.app.export.figures import Shared
from journeykit.app.fonts import embedded_fonts, font_files
from journeykit.i18n import (
    LANGUAGES,
    _,
    current,
    format_date,
    format_number,
    format_percent,
    language,
    latin_digits,
    ngettext,
    set_language,
    sort_key,
    text_key,
)
from journeykit.i18n import catalogs as catalogs_module
from journeykit.i18n.catalogs import extract, placeholders, problems, read, write
from journeykit.model import Persona, Workspace, stages_of
from journeykit.store import Store
from journeykit.teaching import exercise
from journeykit.widgets.address import on_address, speak
from journeykit.widgets.exercise import parse_number
from journeykit.widgets.goals import GoalsEditor

OTHERS = [code for code in LANGUAGES if code != "en"]


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


# ----- catalogs -----------------------------------------------------------------------------


def test_every_message_is_translated_in_every_catalog() -> None:
    found = [str(p) for p in problems()]
    assert not found, f"{len(found)} catalog problems, e.g.:\n" + "\n".join(found[:20])


def test_the_catalog_check_finds_a_missing_a_stale_and_a_broken_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(catalogs_module.LOCALES, tmp_path / "locales")
    monkeypatch.setattr(catalogs_module, "LOCALES", tmp_path / "locales")
    catalog = read("hu")
    catalog["Save goals"].string = ""
    catalog["Step {number} of {total}"].string = "{szám}. lépés"
    catalog.add("A message the code no longer has", "Régi üzenet")
    write("hu", catalog)
    found = {(p.language, p.message, p.what) for p in problems()}
    assert ("hu", "Save goals", "not translated") in found
    assert ("hu", "Step {number} of {total}", "placeholders differ from the English") in found
    assert ("hu", "A message the code no longer has", "no longer in the code (stale)") in found
    assert len(found) == 3


def test_messages_inside_f_strings_are_extracted_too() -> None:
    messages = {m.id for m in extract() if m.id}
    assert {"Your task:", "Checklist", "Facilitator dashboard", "Next: {step}"} <= messages


def test_placeholders_are_compared_by_name() -> None:
    assert placeholders("{count:,} rows of {file!r}") == {"count", "file"}


# ----- speaking -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", OTHERS)
def test_labels_stage_templates_and_hints_speak_each_language(code: str) -> None:
    with language(code):
        assert _("Save goals") not in ("", "Save goals")
        stages = stages_of("five-stage")
        assert next(s.id for s in stages) == "awareness", "ids stay the same in every language"
        assert stages[0].name == _("Awareness") != "Awareness"
        feedback = exercise("05-scores").task("detractors").answer("0-7")
        assert feedback.mistake == "detractors-0-7"
        assert feedback.message == _(
            "7 is a passive, not a detractor: detractors answer 0-6, passives 7-8, promoters 9-10."
        )
        assert feedback.message.isascii() is False


def test_russian_plurals_follow_the_count() -> None:
    with language("ru"):
        shown = [ngettext("{count} team", "{count} teams", n).format(count=n) for n in (1, 3, 5)]
    assert shown == ["1 команда", "3 команды", "5 команд"]


def test_numbers_and_dates_follow_the_locale_and_persian_digits_are_an_option() -> None:
    import datetime as dt

    day = dt.date(2026, 11, 25)
    with language("hu"):
        assert format_number(1234.5) == "1\xa0234,5"
        assert format_date(day) == "2026. nov. 25."
    with language("ru"):
        assert format_percent(0.42) == "42\xa0%"
    with language("fa"):
        assert format_number(1234.5) == "۱٬۲۳۴٫۵"
        assert format_percent(0.42) == "۴۲٪"
    with language("fa", persian_digits=False):
        assert format_number(1234.5) == "1,234.5"
    assert format_number(1234.5) == "1,234.5"


def test_a_number_typed_with_persian_or_arabic_digits_is_read() -> None:
    assert parse_number("۴۲") == 42
    assert parse_number("٣٫٥") == 3.5
    assert parse_number("۲۰٪") == 20
    assert latin_digits("۱۲۳") == "123"


def test_the_link_wins_over_the_team_which_wins_over_the_workshop(store: Store) -> None:
    store.create_team(Workspace(id="west", name="West", language="hu"))
    store.create_team(Workspace(id="east", name="East"))
    assert speak(store, "team=east") == "en"
    store.set_setting("language", "ru")
    assert speak(store, "team=east") == "ru", "a team without a language speaks the workshop's"
    assert speak(store, "team=west") == "hu", "a team's own language wins over the workshop's"
    assert speak(store, "team=west&lang=fa") == "fa", "a link's ?lang= wins over both"
    assert speak(store, "team=west&lang=xx") == "hu", "a mistyped ?lang= is passed over"
    assert current() == "hu"


def test_a_persian_page_is_marked_right_to_left(store: Store) -> None:
    store.create_team(Workspace(id="north", name="North"))
    box = on_address(lambda _query: [GoalsEditor(store, "north")], store)
    assert "jk-rtl" not in box._dom_classes
    store.set_setting("language", "fa")
    box = on_address(lambda _query: [GoalsEditor(store, "north")], store)
    assert {"jk-rtl", "jk-lang-fa"} <= set(box._dom_classes)
    editor = box.children[0]
    assert editor.save_button.description == _("Save goals") != "Save goals"


def test_a_team_chooses_its_language_on_its_goals(store: Store) -> None:
    store.create_team(Workspace(id="north", name="North"))
    editor = GoalsEditor(store, "north")
    editor.language.value = "ru"
    editor.submit()
    assert store.header("north").item.language == "ru"
    assert store.language_of("north") == "ru"
    with pytest.raises(ValueError, match="no language 'xx'"):
        Workspace(id="t", name="T", language="xx")


# ----- what participants type ----------------------------------------------------------------


def test_typed_text_is_kept_exactly(store: Store) -> None:
    typed = "مدیر مالی در شرکتي که می‌خواهد رشد کند"  # Arabic yeh, a half-space (ZWNJ)
    store.create_team(Workspace(id="t", name="Kovács Zsófia csapata"))
    store.add("t", Persona(id="p", name=typed, quote="«Нужно быстрее»"))
    persona = store.workspace("t").personas[0]
    assert persona.name == typed and "\u200c" in persona.name and "ي" in persona.name
    assert persona.quote == "«Нужно быстрее»"
    assert store.header("t").item.name == "Kovács Zsófia csapata"


def test_two_spellings_of_one_word_compare_equal() -> None:
    assert text_key("علي") == text_key("علی")  # Arabic and Persian yeh
    assert text_key("كتاب") == text_key("کتاب")  # Arabic kaf and keheh
    assert text_key("می‌خواهم") == text_key("می خواهم")  # half-space and space
    assert text_key("  Ügyfél ") == text_key("ügyfél")
    assert text_key("Ёлка") == text_key("ёлка") != text_key("елка")


@pytest.mark.parametrize(
    ("code", "words", "ordered"),
    [
        (
            "hu",
            ["zsák", "cukor", "csiga", "cica", "öröm", "orr", "ár", "alma", "Zoltán"],
            ["alma", "ár", "cica", "cukor", "csiga", "orr", "öröm", "Zoltán", "zsák"],
        ),
        (
            "fa",
            ["گل", "کتاب", "پدر", "بابا", "چای", "جان", "ژاله", "زن", "آب"],
            ["آب", "بابا", "پدر", "جان", "چای", "زن", "ژاله", "کتاب", "گل"],
        ),
        (
            "ru",
            ["ёлка", "ель", "яблоко", "арбуз", "Жук", "ежик"],
            ["арбуз", "ежик", "ёлка", "ель", "Жук", "яблоко"],
        ),
    ],
)
def test_names_sort_in_each_alphabets_order(code: str, words: list[str], ordered: list[str]):
    assert sorted(words, key=lambda w: sort_key(w, code)) == ordered
    assert sorted(words) != ordered, "code point order would have been wrong"


def test_the_touchpoint_catalogue_lists_names_in_the_teams_alphabet(store: Store) -> None:
    from journeykit.model import Touchpoint
    from journeykit.widgets.touchpoints import TouchpointCatalog

    store.create_team(Workspace(id="t", name="T"))
    for number, name in enumerate(["گفتگو", "پیامک", "ایمیل", "چت‌بات"]):
        store.add("t", Touchpoint(id=f"t{number}", name=name, channel="وب", digital=True))
    with language("fa"):
        catalogue = TouchpointCatalog(store, "t")
        names = [label for label, _value in catalogue.choice.options][:-1]
        table = re.findall(r'<tr data-id="[^"]+"><td>([^<]+)</td>', catalogue.table.value)
    assert names == table == ["ایمیل", "پیامک", "چت‌بات", "گفتگو"]


def test_an_exercise_takes_answers_typed_in_the_students_language() -> None:
    stages = exercise("02-personas").task("stages")
    with language("ru"):
        names = [_(n) for n in ("Pre-arrival", "Arrival", "Stay", "Departure", "Post-stay")]
        assert stages.answer(names).ok
        wrong = stages.answer(names[:4])
        assert wrong.mistake == "journey-ends-at-departure"
        touchpoints = exercise("03-touchpoints").task("list")
        told = touchpoints.answer([_("email"), "Страница размеров", "Доставка", "Записка"])
        assert told.mistake == "channel-not-touchpoint"


# ----- fonts and the report ------------------------------------------------------------------


def test_the_shipped_fonts_hold_every_letter_of_every_catalog() -> None:
    covered: set[int] = set()
    for path in font_files():
        covered |= set(TTFont(path).getBestCmap())
    missing = {}
    for code in OTHERS:
        for message in read(code):
            texts = [message.string] if isinstance(message.string, str) else message.string
            for text in texts or ():
                for char in set(text) - {"\n"}:
                    if ord(char) not in covered and not char.isspace():
                        missing.setdefault(code, set()).add(char)
    assert not missing, f"letters no shipped font draws: {missing}"


def test_a_report_carries_only_the_faces_its_text_needs() -> None:
    assert "font/ttf" in embedded_fonts("سلام")  # Vazirmatn for Persian
    assert "font/ttf" not in embedded_fonts("Hello")
    assert embedded_fonts("Привет").count("@font-face") >= 2  # Latin and Cyrillic faces


def test_the_persian_report_is_right_to_left_and_complete(sample_store_path: Path) -> None:
    with Store(sample_store_path) as store:
        shared = Shared.of(store, "north")
        english = report_html(shared, language="en")
        persian = report_html(Shared.of(store, "north"), language="fa")
    assert re.search(r'<html lang="fa" dir="rtl">', persian)
    assert '<html lang="en" dir="ltr">' in english
    for key, title in SECTIONS.items():
        assert f'<section id="{key}">' in persian and f'<section id="{key}">' in english
        with language("fa"):
            assert f"<h2>{_(title)}</h2>" in persian
        assert f"<h2>{title}</h2>" not in persian
    assert english.count("<svg") == persian.count("<svg") > 0, "every chart is in both"
    assert english.count("<tr>") == persian.count("<tr>"), "every table row is in both"
    assert "data:font/ttf;base64," in persian, "the Persian face travels with the report"
    with language("fa"):
        assert _("Emotion curves") in persian and _("Priority matrix") in persian


def test_the_report_command_writes_in_the_language_asked(
    sample_store_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "north-ru.html"
    assert main(["report", "north", "--out", str(out), "--store", str(sample_store_path),
                 "--language", "ru"]) == 0  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert '<html lang="ru" dir="ltr">' in html and "Карты пути клиента" in html


def test_a_published_app_speaks_the_teams_language(store: Store, tmp_path: Path) -> None:
    import json

    from journeykit.app.publish import publish

    store.create_team(Workspace(id="t", name="T", language="fa"))
    folder = publish(store, "t", tmp_path / "app")
    report = json.loads((folder / "data" / "report.json").read_text(encoding="utf-8"))
    assert report["language"] == "fa" and "direction: rtl" in report["header"]
    with language("fa"):
        assert [s["title"] for s in report["sections"]][:2] == [_("Goals and scope"), _("Personas")]
        assert report["journey"] == _("Journey")
    assert (folder / "share/jupyter/voila/templates/journeykit/static/fonts/fonts.css").exists()


def test_serve_with_a_language_sets_the_workshops_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = []
    monkeypatch.setattr("journeykit.app.serve.serve", lambda *args, **kw: served.append(args))
    path = tmp_path / "w.db"
    assert main(["serve", "--store", str(path), "--language", "hu"]) == 0
    assert served, "the app was started"
    with Store(path) as store:
        assert store.setting("language") == "hu"


def test_chart_axes_write_persian_digits_when_the_page_does() -> None:
    import pandas as pd

    from journeykit.charts.matrices import funnel_chart

    table = pd.DataFrame(
        {
            "stage": ["a", "b"],
            "users": [1200, 300],
            "conversion": [1, 0.25],
            "drop_off": [0.75, None],
        }
    )
    with language("fa"):
        spec = funnel_chart(table).to_dict()
    assert "'۷'" in spec["config"]["axis"]["labelExpr"]
    assert "۱٬۲۰۰" in str(spec), "the kit's own labels use Persian digits"
    labels = [row["label"] for rows in spec["datasets"].values() for row in rows]
    assert labels[0].startswith("\u202b۱٬۲۰۰"), "a Persian label reads right to left"
    with language("fa", persian_digits=False):
        assert "axis" not in funnel_chart(table).to_dict()["config"]
    with language("ru"):
        assert "axis" not in funnel_chart(table).to_dict()["config"]


def test_charts_drawn_by_vl_convert_use_the_kits_persian_face(
    sample_store_path: Path, tmp_path: Path
) -> None:
    """vl-convert draws PNG and PDF charts with the fonts it knows: the kit registers its own,
    so Persian text has its glyphs even where the system has no Arabic-script font."""
    import altair as alt
    import vl_convert

    from journeykit.app.export.tables import write_charts
    from journeykit.charts.style import chart_config

    with Store(sample_store_path) as store, language("fa"):
        written = write_charts(store, "north", tmp_path, "png")
        chart = (
            alt.Chart(alt.Data(values=[{"x": 1}]))
            .mark_point()
            .properties(title=_("Priority matrix"))
            .configure(**chart_config())
        )
    assert written and all(p.stat().st_size > 1000 for p in written)
    pdf = vl_convert.vegalite_to_pdf(chart.to_dict())
    assert b"Vazirmatn" in pdf, "the Persian title is set in the kit's Persian face"


def test_no_middle_dot_stands_beside_persian_digits(store, catalogue_team: str) -> None:
    """The Persian zero (۰) is a dot: "۲۴ · یادداشت" reads as 240, so a Persian team card and
    coding board separate their counts with a dash; the other languages keep the middle dot."""
    from journeykit.app.start import team_section
    from journeykit.i18n import language
    from journeykit.widgets.coding import CodingBoard

    workspace = store.workspace(catalogue_team)
    summary = next(s for s in store.teams() if s.id == catalogue_team)
    with language("fa"):
        card = team_section(workspace, summary)
        board = CodingBoard(store, catalogue_team)
        board.coder.value = "مریم"
    assert "·" not in card and "۳" in card
    assert "·" not in board.progress.value
    with language("hu"):
        assert " · " in team_section(workspace, summary)
