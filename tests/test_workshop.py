"""The facilitator's materials in workshop/: agendas that add up and point at real notebooks
and exercises, a guide that names real commands, and a deck with the articles' figures given
as the articles' claims."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeykit.app.cli import build_parser, main
from journeykit.teaching import EXERCISES
from journeykit.teaching.deck import SOURCE, deck_html, slides

ROOT = Path(__file__).resolve().parents[1]
WORKSHOP = ROOT / "workshop"
AGENDAS = {"90-minutes": 90, "half-day": 210, "full-day": 420}


def agenda(name: str) -> list[tuple[int, int, str, list[str]]]:
    """(start minute, minutes, block, materials) of each row of an agenda's table."""
    rows = []
    for line in (WORKSHOP / "agendas" / f"{name}.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"\d+:\d\d", cells[0]):
            hours, minutes = map(int, cells[0].split(":"))
            materials = [m.strip() for m in cells[3].split(",") if m.strip()]
            rows.append((hours * 60 + minutes, int(cells[1]), cells[2], materials))
    return rows


@pytest.mark.parametrize(("name", "total"), AGENDAS.items())
def test_an_agenda_adds_up_and_points_at_real_material(name: str, total: int) -> None:
    rows = agenda(name)
    assert rows and sum(minutes for _, minutes, _, _ in rows) == total
    clock = 0
    for start, minutes, block, materials in rows:
        assert start == clock, f"{name}: '{block}' starts at {start}, expected {clock}"
        clock += minutes
        for material in materials:
            assert (WORKSHOP / material).is_file() or (ROOT / material).is_file(), material


@pytest.mark.parametrize("name", ["half-day", "full-day"])
def test_the_longer_agendas_run_all_seven_steps(name: str) -> None:
    used = {m for *_, materials in agenda(name) for m in materials}
    for number in range(1, 8):
        assert any(m.startswith(f"notebooks/0{number}-") for m in used), (name, number)


def test_the_full_day_uses_every_exercise() -> None:
    used = {m for *_, materials in agenda("full-day") for m in materials}
    assert {f"exercises/{key}.ipynb" for key in EXERCISES} <= used


def test_the_materials_name_only_real_commands_and_files() -> None:
    commands = set(build_parser()._subparsers._group_actions[0].choices)
    texts = [ROOT / "README.md", *WORKSHOP.glob("**/*.md")]
    for path in texts:
        text = path.read_text(encoding="utf-8")
        for command in re.findall(r"`journeykit ([a-z]+)", text):
            assert command in commands, f"{path.name} names `journeykit {command}`"
        for link in re.findall(r"\]\(([^)#:]+)\)", text):
            assert (path.parent / link).exists(), f"{path.name} links to {link}"


def test_the_guide_covers_preparing_roles_steps_and_questions() -> None:
    guide = (WORKSHOP / "facilitator-guide.md").read_text(encoding="utf-8")
    for part in ("The day before", "Roles in a team", "What to say at each step", "Questions"):
        assert part in guide
    for number in range(1, 8):
        assert f"\n{number}. **" in guide, f"step {number} has no words in the guide"


def test_the_deck_gives_the_articles_figures_as_their_claims() -> None:
    source = SOURCE.read_text(encoding="utf-8")
    shown = slides(source)
    assert len(shown) == source.count("\n---\n") + 1 >= 8
    for line in source.splitlines():
        if re.search(r"\d+(%|x\b)", line) and "NPS" not in line and "CSAT" not in line:
            assert "claim" in line, f"a figure not given as a claim: {line}"
    html = deck_html(source)
    assert html.count("<section") == len(shown) and "http" not in html


def test_deck_text_is_escaped() -> None:
    assert "<script>" not in slides("# <script>alert(1)</script>")[0]


@pytest.mark.browser
def test_the_deck_prints_one_slide_a_page(tmp_path: Path, capsys) -> None:
    import pypdfium2 as pdfium

    assert main(["deck", "--out", str(tmp_path / "deck.html"), "--pdf"]) == 0
    document = pdfium.PdfDocument(tmp_path / "deck.pdf")
    try:
        assert len(document) == len(slides(SOURCE.read_text(encoding="utf-8")))
    finally:
        document.close()
    assert "deck.pdf" in capsys.readouterr().out
