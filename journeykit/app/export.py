"""What leaves the workshop: a team's report (one self-contained HTML file, or PDF), charts as
PNG or SVG, tables as CSV or XLSX and the workspace as JSON (the import format). Only the team's
own data goes out, without the store's location, and with what the team marked private
(`Workspace.private`) replaced: names by stable pseudonyms, customers' words by a marker."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from functools import cached_property
from html import escape
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from journeykit import __version__
from journeykit.analysis.funnel import (
    comparable_fields,
    field_name,
    funnel,
    shown_flows,
    usage_stages,
)
from journeykit.analysis.scores import metric_records
from journeykit.app.fonts import FAMILY, embedded_fonts, register_chart_fonts
from journeykit.app.templates import environment, render
from journeykit.charts import (
    chart_svg,
    emotion_curve,
    flow_chart,
    funnel_chart,
    map_of,
    priority_matrix,
    save_chart,
    score_bars,
)
from journeykit.errors import InputError, ServerError
from journeykit.i18n import (
    N_,
    _,
    current,
    format_choices,
    format_date,
    format_number,
    format_percent,
)
from journeykit.i18n import language as speaking
from journeykit.model import Journey, Workspace, kind_title, label
from journeykit.store import Store
from journeykit.store.frames import clean_event_frame, spread_attributes
from journeykit.store.jsonio import dumps, export_workspace, records_frame
from journeykit.store.schema import EVENT_COLUMNS, SURVEY_COLUMNS

KEPT_PRIVATE = "(kept private)"
"""What stands in an export for a customer's words the team marked private."""
EVIDENCE_KINDS = ("survey_responses", "usage_events")
NAME_FIELDS = {"survey_responses": ("respondent",), "usage_events": ("user_id", "session_id")}
PSEUDONYM_PREFIX = {
    "respondent": "respondent",
    "user_id": "user",
    "session_id": "session",
    "interviewee": "interviewee",
}
TABLE_FORMATS = ("csv", "xlsx")
CHART_FORMATS = ("png", "svg")
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


# ----- what may leave ---------------------------------------------------------------------


def _pseudonyms(values: Iterable[str], prefix: str) -> dict[str, str]:
    """Stable stand-ins in order of first appearance: the same person keeps one name."""
    names: dict[str, str] = {}
    for value in values:
        if value and value not in names:
            names[value] = f"{prefix}-{len(names) + 1}"
    return names


def shareable_document(store: Store, team: str) -> dict[str, Any]:
    """The team's JSON export with what it marked private replaced (the import format)."""
    document = export_workspace(store, team)
    private = set(document["workspace"].get("private", []))
    workspace = document["workspace"]
    if "names" in private:
        names = _pseudonyms((n["interviewee"] for n in workspace["interviews"]), "interviewee")
        for note in workspace["interviews"]:
            note["interviewee"] = names.get(note["interviewee"], note["interviewee"])
        for kind in EVIDENCE_KINDS:
            for field in NAME_FIELDS[kind]:
                names = _pseudonyms(
                    (r.get(field) or "" for r in document[kind]), PSEUDONYM_PREFIX[field]
                )
                for record in document[kind]:
                    if record.get(field):
                        record[field] = names[record[field]]
    if "quotes" in private:
        for note in workspace["interviews"]:
            note["text"] = KEPT_PRIVATE
            note["quote"] = ""  # a passage of the text: private with it
            for coding in note.get("codings", []):
                coding["quote"] = ""
        for record in document["survey_responses"]:
            if record.get("comment"):
                record["comment"] = KEPT_PRIVATE
        for insight in workspace["insights"]:
            insight["evidence"] = [KEPT_PRIVATE for _ in insight["evidence"]]
    return document


def write_json(store: Store, team: str, path: Path) -> Path:
    """The workspace as JSON, ready for `journeykit import` on another machine."""
    path.write_text(dumps(shareable_document(store, team)), encoding="utf-8")
    return path


class Shared:
    """A team as it may be shown outside: its workspace and survey answers after the privacy
    marks, read once. Built from the store, or from an export (the two give the same report)."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.workspace = Workspace.model_validate(document["workspace"])
        source = document["workspace"].get("id", "")
        self.surveys = records_frame(document, "survey_responses", SURVEY_COLUMNS, source)
        self.events = spread_attributes(
            clean_event_frame(records_frame(document, "usage_events", EVENT_COLUMNS, source))
        )

    @classmethod
    def of(cls, store: Store, team: str) -> Shared:
        return cls(shareable_document(store, team))

    @cached_property
    def names(self) -> dict[str, str]:
        return self.workspace.names()

    @cached_property
    def scores(self) -> pd.DataFrame:
        """NPS, CSAT and CES overall, per touchpoint and per stage, with 95% intervals."""
        columns = ["metric", "by", "where", "value", "low", "high", "n", "few"]
        if self.surveys.empty:
            return pd.DataFrame(columns=columns)
        table = metric_records(self.surveys)
        table = table[table["touchpoint"].isna() | table["stage"].isna()].copy()
        names = self.names
        places = list(zip(table["touchpoint"], table["stage"], strict=True))
        table["by"] = ["touchpoint" if t else ("stage" if s else "overall") for t, s in places]
        table["where"] = [names.get(t or s, t or s) if t or s else _("overall") for t, s in places]
        table["metric"] = table["metric"].str.upper()
        table["rank"] = table["by"].map({"overall": 0, "touchpoint": 1, "stage": 2})
        table = table.sort_values(["rank", "where", "metric"], kind="stable")
        return table[columns].reset_index(drop=True)

    def score_grid(self) -> pd.DataFrame:
        """The scores a row per place, a column per metric: value [95% interval] (answers)."""
        scores = self.scores.copy()
        if scores.empty:
            return pd.DataFrame()
        rows = zip(
            scores["value"], scores["low"], scores["high"], scores["n"], scores["few"], strict=True
        )
        scores["shown"] = [
            f"{format_number(v, 1)} [{format_number(lo, 1)}, {format_number(hi, 1)}] "
            f"n={format_number(n)}" + (f" ({_('few')})" if few else "")
            for v, lo, hi, n, few in rows
        ]
        scores["by"] = [_(BY_NAMES[b]) for b in scores["by"]]
        grid = scores.pivot_table(
            index=["by", "where"], columns="metric", values="shown", aggfunc="first", sort=False
        )
        metrics = [m for m in ("NPS", "CSAT", "CES") if m in grid.columns]
        return grid[metrics].reset_index().fillna("")

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table a team may want in a spreadsheet, by sheet name."""
        ws, names = self.workspace, self.names
        steps = [
            {
                "journey": j.name,
                "kind": j.kind,
                "stage": names.get(s.stage, s.stage),
                "touchpoint": ", ".join(names.get(t, t) for t in s.touchpoints),
                "action": s.action,
                "thoughts": s.thoughts,
                "emotion": s.emotion,
                "pain points": "; ".join(s.pain_points),
                "opportunities": "; ".join(s.opportunities),
                "moment of truth": s.moment_of_truth,
            }
            for j in ws.journeys
            for s in j.steps
        ]
        return {
            "personas": pd.DataFrame([p.model_dump(exclude={"id"}) for p in ws.personas]).map(
                _cell
            ),
            "touchpoints": pd.DataFrame([t.model_dump(exclude={"id"}) for t in ws.touchpoints]),
            "steps": pd.DataFrame(steps),
            "insights": pd.DataFrame(
                [
                    {
                        "insight": i.title,
                        "kind": i.kind.replace("_", " "),
                        "severity": i.severity,
                        "stage": names.get(i.stage or "", i.stage or ""),
                        "touchpoint": names.get(i.touchpoint or "", i.touchpoint or ""),
                        "evidence": "; ".join(i.evidence),
                    }
                    for i in ws.insights
                ]
            ),
            "actions": self.action_table(),
            "scores": self.scores,
        }

    def action_table(self) -> pd.DataFrame:
        """The action plan, each action with the titles of the insights it answers."""
        titles = {i.id: i.title for i in self.workspace.insights}
        return pd.DataFrame(
            [
                {
                    "action": a.title,
                    "answers": "; ".join(titles.get(i, i) for i in a.insights),
                    "owner": a.owner,
                    "impact": a.impact,
                    "effort": a.effort,
                    "due": format_date(a.due) if a.due else "",
                    "status": label(a.status),
                    "kpi": a.kpi,
                }
                for a in self.workspace.actions
            ]
        )

    @cached_property
    def charts(self) -> dict[str, alt.TopLevelMixin]:
        """Every chart of the report, by a file-friendly name."""
        ws = self.workspace
        touchpoints, personas = ws.touchpoint_names(), ws.persona_names()
        journeys = [j for j in ws.journeys if j.steps]
        charts: dict[str, alt.TopLevelMixin] = {
            f"map-{j.id}": map_of(j, journeys, touchpoints, personas, ws.insights) for j in journeys
        }
        if journeys:
            charts["emotion-curves"] = emotion_curve(journeys, title=_("Emotion curves"))
        scores = self.scores
        per_touchpoint = scores[scores["by"] == "touchpoint"]
        if not per_touchpoint.empty:
            charts["scores"] = score_bars(per_touchpoint, "where", title=_("Scores by touchpoint"))
        stages, stage_names = self.usage
        if stages:
            charts["funnel"] = funnel_chart(self.funnel, stage_names)
            moves, per = self.flows
            if not moves.empty:
                charts["flows"] = flow_chart(moves, stages, stage_names, per=per)
        if ws.actions:
            charts["priority-matrix"] = priority_matrix(ws.actions)
        return charts

    @cached_property
    def usage(self) -> tuple[list[str], dict[str, str]]:
        """The stages usage is read along, and stage names (`analysis.funnel.usage_stages`)."""
        return usage_stages(self.workspace.journeys, self.events)

    @cached_property
    def funnel(self) -> pd.DataFrame:
        """The ordered funnel along the usage stages (the chart and the table show it)."""
        stages, _names = self.usage
        return funnel(self.events, stages) if stages else pd.DataFrame()

    @cached_property
    def flows(self) -> tuple[pd.DataFrame, str]:
        """Where people went next (`analysis.funnel.shown_flows`) along the usage stages."""
        stages, _names = self.usage
        return shown_flows(self.events, stages) if stages else (pd.DataFrame(), "session")

    def usage_tables(self) -> list[tuple[str, pd.DataFrame]]:
        """The report's usage tables with their titles: the funnel and the moves between
        stages."""
        stages, names = self.usage
        if not stages:
            return []
        named = lambda ids: [names.get(x, x) for x in ids]  # noqa: E731
        table = self.funnel
        found = [
            (
                _("Funnel"),
                pd.DataFrame(
                    {
                        _("stage"): named(table["stage"]),
                        _("users"): table["users"],
                        _("conversion"): [_share(v) for v in table["conversion"]],
                        _("drop-off"): [_share(v) for v in table["drop_off"]],
                    }
                ),
            )
        ]
        moves, _per = self.flows
        if not moves.empty:
            found.append(
                (
                    _("Where people went next"),
                    pd.DataFrame(
                        {
                            _("from"): named(moves["from_stage"]),
                            _("to"): named(moves["to_stage"]),
                            _("moves"): moves["moves"],
                            _("sessions"): moves["sessions"],
                            _("share of the moves out"): [_share(v) for v in moves["share"]],
                            _("back to an earlier stage"): moves["back"],
                        }
                    ),
                )
            )
        return found


def _share(value: float) -> str:
    return "" if pd.isna(value) else format_percent(value)


def _cell(value: object) -> object:
    return "; ".join(map(str, value)) if isinstance(value, list) else value


# ----- the report -------------------------------------------------------------------------

PAGE_STYLE = """
body { font-family: %s; color: #1f2328;
  max-width: 1120px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.9em; margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #d0d7de;
  padding-bottom: 0.2em; margin-top: 2em; }
"""
PARTS_STYLE = """
.meta { color: #57606a; }
th, td, h1, h2, h3, li { unicode-bidi: isolate; }
table { border-collapse: collapse; margin: 0.6em 0; } th, td { border: 1px solid #d0d7de;
  padding: 0.3em 0.6em; text-align: left; vertical-align: top; } th { background: #f6f8fa; }
.chart { margin: 1em 0; overflow-x: auto; } .chart svg { max-width: 100%; height: auto; }
.personas { display: flex; flex-wrap: wrap; gap: 1em; }
.persona { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.6em 1em; flex: 1 1 300px; }
.few { color: #9a6700; } .empty { color: #57606a; font-style: italic; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h2 { margin-top: 1.2em; } h2, h3, h4, .keep-next { break-after: avoid; }
  .chart, tr, .persona, blockquote { break-inside: avoid; }
  .chart svg { max-height: 235mm; width: auto; max-width: 100%; }
  .chart { overflow: visible; }
  .personas { display: block; } .persona { margin-bottom: 4mm; }
}
[dir=rtl] th, [dir=rtl] td { text-align: right; }
"""
BY_NAMES = {"overall": N_("overall"), "touchpoint": N_("touchpoint"), "stage": N_("stage")}
HEADERS = {
    "by": N_("by"),
    "where": N_("where"),
    "action": N_("action"),
    "answers": N_("answers insights"),
    "owner": N_("owner"),
    "impact": N_("impact"),
    "effort": N_("effort"),
    "due": N_("due"),
    "status": N_("status"),
    "kpi": N_("KPI"),
    "stage": N_("stage"),
    "touchpoint": N_("touchpoint"),
    "thoughts": N_("thoughts"),
    "emotion": N_("emotion"),
    "pain points": N_("pain points"),
    "opportunities": N_("opportunities"),
    "moment of truth": N_("moment of truth"),
}
"""How the report's tables head their columns, in the reader's language."""


def _parts() -> Any:
    """The report's template macros (lists, tables, cards), callable from here."""
    return environment().get_template("report_parts.html.j2").module


def table_cells(frame: pd.DataFrame, empty: str) -> dict[str, Any]:
    """A table's headings and cells as the reader reads them (`empty`: said when it has none)."""
    return {
        "head": [_(HEADERS.get(str(c), str(c))) for c in frame.columns],
        "rows": [[_text(v) for v in row] for row in frame.itertuples(index=False)],
        "empty": _(empty),
    }


def _table(frame: pd.DataFrame, empty: str) -> str:
    return str(_parts().table(table_cells(frame, empty)))


def _text(value: object) -> str:
    if isinstance(value, bool):
        return label("yes") if value else ""
    if isinstance(value, float):
        return "" if value != value else format_number(value, 1)
    if isinstance(value, int):
        return format_number(value)
    return str(value)


def chart_html(chart: alt.TopLevelMixin) -> str:
    """A chart as inline SVG in a div: drawn without script, prints as vectors."""
    register_chart_fonts()  # text is measured with the faces the reader's browser gets
    svg = chart_svg(chart)
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    # the chart lays out its own direction: an inline SVG would take the page's right-to-left
    # and anchor every text at its other end (columns shifted, titles off the edge)
    return f'<div class="chart" dir="ltr">{svg}</div>'


def journey_maps(shared: Shared) -> list[tuple[Journey, str]]:
    """Each journey that has steps, with its map as inline SVG."""
    return [
        (j, chart_html(shared.charts[f"map-{j.id}"]))
        for j in shared.workspace.journeys
        if f"map-{j.id}" in shared.charts
    ]


SECTIONS = {
    "goals-and-scope": N_("Goals and scope"),
    "personas": N_("Personas"),
    "journey-maps": N_("Journey maps"),
    "emotion-curves": N_("Emotion curves"),
    "scores": N_("Scores"),
    "usage": N_("Usage"),
    "insights": N_("Insights"),
    "action-plan": N_("Action plan"),
}
"""The report's sections, by the id each has in every language (links stay the same)."""
SCORES_NOTE = N_(
    "NPS (-100 to 100), CSAT (% satisfied) and CES (1-7, lower is easier), each with its 95% "
    "interval and number of answers; under 30 answers is marked 'few', not hidden."
)
PERSONA_LISTS = (
    ("goals", N_("Goals")),
    ("needs", N_("Needs")),
    ("frustrations", N_("Frustrations")),
)


def report_sections(shared: Shared, maps: bool = True) -> list[tuple[str, str, str]]:
    """The report as (id, title, HTML) sections in the current language: the file and the PDF
    show them all; the mini-app shows the maps apart (`maps=False`), one journey at a time.
    The HTML comes from `templates/report_section.html.j2`."""
    ws = shared.workspace
    charts = shared.charts
    steps = shared.tables()["steps"]
    personas = [
        {
            "name": p.name,
            "segment": p.segment,
            "evidence": label(p.evidence),
            "quote": p.quote,
            "lists": [
                (_(title), getattr(p, field)) for field, title in PERSONA_LISTS if getattr(p, field)
            ],
        }
        for p in ws.personas
    ]
    journeys = [
        {
            "title": journey_title(j),
            "scenario": j.scenario,
            "svg": svg,
            "steps": table_cells(
                steps[steps["journey"] == j.name].drop(columns=["journey", "kind"]),
                N_("No steps yet."),
            ),
        }
        for j, svg in (journey_maps(shared) if maps else [])
    ]
    insights = [
        {
            "title": i.title,
            "kind": label(i.kind),
            "severity": _("severity {severity}/5").format(severity=format_number(i.severity)),
            "where": [shared.names.get(x, x) for x in (i.stage, i.touchpoint) if x],
            "description": i.description,
            "evidence": i.evidence,
        }
        for i in ws.insights
    ]
    values: dict[str, dict[str, Any]] = {
        "goals-and-scope": {"goals": ws.goals, "scope": ws.scope},
        "personas": {"personas": personas, "empty": _(EMPTY["personas"])},
        "journey-maps": {"journeys": journeys, "empty": _(EMPTY["journey steps"])},
        "emotion-curves": {
            "html": chart_html(charts["emotion-curves"])
            if "emotion-curves" in charts
            else _empty("steps")
        },
        "scores": {
            "note": _(SCORES_NOTE),
            "table": table_cells(shared.score_grid(), N_("No survey responses.")),
            "chart": chart_html(charts["scores"]) if "scores" in charts else "",
        },
        "usage": {"html": usage_section(shared)},
        "insights": {"insights": insights, "empty": _(EMPTY["insights"])},
        "action-plan": {
            "table": table_cells(shared.action_table(), N_("No actions planned.")),
            "chart": chart_html(charts["priority-matrix"]) if "priority-matrix" in charts else "",
        },
    }
    return [
        (key, _(title), render("report_section.html.j2", key=key, **values[key]).strip())
        for key, title in SECTIONS.items()
        if maps or key != "journey-maps"
    ]


def usage_section(shared: Shared) -> str:
    """The funnel, where people went next, and the funnel side by side by platform or
    channel (with the difference from the largest group and its interval)."""
    tables = shared.usage_tables()
    if not tables:
        return _empty("usage")
    from journeykit.widgets.views import comparison_table  # the page's table, one home

    charts = shared.charts
    stages, _names = shared.usage
    parts = [chart_html(charts["funnel"])] if "funnel" in charts else []
    parts += [
        f"<h3>{escape(title)}</h3>" + _table(frame, N_("No moves.")) for title, frame in tables
    ]
    if "flows" in charts:
        parts.insert(2, chart_html(charts["flows"]))
    for field in comparable_fields(shared.events):
        title = _("Conversion from first to last stage by {field}").format(field=field_name(field))
        parts.append(f"<h3>{escape(title)}</h3>" + comparison_table(shared.events, stages, field))
    return "".join(parts)


def journey_title(journey: Journey) -> str:
    """A journey's name, with its kind when the name does not say it."""
    return kind_title(journey.name, journey.kind)


EMPTY = {
    "personas": N_("No personas yet."),
    "journey steps": N_("No journey steps yet."),
    "steps": N_("No steps yet."),
    "insights": N_("No insights yet."),
    "usage": N_("No usage events."),
}


def _empty(what: str) -> str:
    return str(_parts().empty(_(EMPTY[what])))


PAPER = {"a4": "A4", "letter": "letter"}
"""Paper the report is printed on: A4, or Letter where the reader's locale uses it."""
LETTER_TERRITORIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE"}


def paper_for(language: str) -> str:
    """A4, unless the language names a territory that prints on Letter (en_US, es_MX)."""
    territory = language.replace("-", "_").partition("_")[2].upper()
    return "letter" if territory in LETTER_TERRITORIES else "a4"


def report_html(
    shared: Shared,
    day: dt.date | None = None,
    language: str | None = None,
    paper: str | None = None,
) -> str:
    """One self-contained HTML page in the team's language (or `language`): styles and the
    fonts its text needs inline, charts as inline SVG, no script, no link; Persian reads right
    to left. Printed, it fills `paper` (A4 unless the locale prints on Letter)."""
    ws = shared.workspace
    code = language or ws.language or current()
    size = PAPER[paper or paper_for(code)]
    with speaking(code):
        day = day or dt.date.today()
        sections = report_sections(shared)
        title = _("{team}: customer journey report").format(team=ws.name)
        meta = " · ".join(
            [
                _("Customer journey report"),
                *([ws.company] if ws.company else []),
                format_date(day),
                f"JourneyKit {__version__}",
            ]
        )
        text = title + meta + "".join(html for _key, _title, html in sections)
        style = (
            f"{embedded_fonts(text)}{PAGE_STYLE % FAMILY}{PARTS_STYLE}"
            f"@page {{ size: {size}; margin: 14mm 12mm; }}"
        )
        page = render(
            "report.html.j2",
            title=title,
            team=ws.name,
            meta=meta,
            style=style,
            sections=sections,
        )
        return page + "\n"


def find_browser() -> str:
    """A Chromium-family browser to print the PDF with, or a message saying what to install."""
    from journeykit.app.serve import CHROMIUM

    for name in (CHROMIUM, *BROWSERS):
        found = shutil.which(name)
        if found:
            return found
    raise ServerError(
        _(
            "writing a PDF needs Chromium (Debian/Ubuntu: `apt install chromium`); or open the "
            "HTML report in any browser and print it to PDF"
        )
    )


def write_pdf(html: Path, pdf: Path) -> Path:
    """Print the report with headless Chromium: same layout, charts as vectors, offline."""
    browser = find_browser()
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf.resolve()}",
                html.resolve().as_uri(),
            ],
            capture_output=True,
            timeout=120,
        )
    if done.returncode != 0 or not pdf.is_file():
        raise ServerError(
            _("{browser} could not print {path} to PDF (exit {code}): {reason}").format(
                browser=browser,
                path=html,
                code=done.returncode,
                reason=done.stderr.decode(errors="replace")[-300:],
            )
        )
    return pdf


def write_report(
    store: Store,
    team: str,
    out: Path,
    pdf: bool = False,
    language: str | None = None,
    paper: str | None = None,
) -> Path:
    """`journeykit report`: the HTML file, and the PDF beside it (same name) when asked; in
    `language`, else the team's (its own, or the workshop's); on `paper` (a4 or letter)."""
    html = out.with_suffix(".html") if pdf and out.suffix.lower() == ".pdf" else out
    chosen = language or store.language_of(team)
    html.write_text(
        report_html(Shared.of(store, team), language=chosen, paper=paper), encoding="utf-8"
    )
    if pdf:
        return write_pdf(html, html.with_suffix(".pdf"))
    return html


# ----- charts and tables -------------------------------------------------------------------


def write_charts(store: Store, team: str, folder: Path, kind: str) -> list[Path]:
    """Every chart of the report as PNG or SVG files in `folder`."""
    if kind not in CHART_FORMATS:
        raise InputError(
            _("charts are written as {formats}, not {kind!r}").format(
                formats=format_choices(CHART_FORMATS), kind=kind
            )
        )
    folder.mkdir(parents=True, exist_ok=True)
    register_chart_fonts()
    return [
        save_chart(chart, folder / f"{name}.{kind}")
        for name, chart in Shared.of(store, team).charts.items()
    ]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def as_text_cell(value: object) -> object:
    """A cell a spreadsheet shows as the text it is: text that would start a formula gets a
    leading apostrophe, as spreadsheets themselves mark text ('=SUM(A1) stays text)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_tables(store: Store, team: str, out: Path, kind: str) -> list[Path]:
    """The tables as one XLSX workbook (a sheet each) or as CSV files in a folder; text that
    a spreadsheet would run as a formula is written as text."""
    tables = {
        name: frame.map(as_text_cell) if not frame.empty else frame
        for name, frame in Shared.of(store, team).tables().items()
    }
    if kind == "xlsx":
        with pd.ExcelWriter(out, engine="openpyxl") as book:
            for name, frame in tables.items():
                frame.to_excel(book, sheet_name=name, index=False)
        return [out]
    if kind != "csv":
        raise InputError(
            _("tables are written as {formats}, not {kind!r}").format(
                formats=format_choices(TABLE_FORMATS), kind=kind
            )
        )
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in tables.items():
        path = out / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8")
        paths.append(path)
    return paths


def export_kind(out: Path, kind: str | None) -> str:
    """The format asked for, or the one the file's suffix names."""
    chosen = (kind or out.suffix.lstrip(".")).lower()
    known = ("json", *TABLE_FORMATS, *CHART_FORMATS)
    if chosen not in known:
        raise InputError(
            _(
                "cannot tell what to write to {path}: name a .json or .xlsx file, or give "
                "--format {formats} (csv, png and svg write a folder)"
            ).format(path=out, formats=format_choices(known))
        )
    return chosen


WRITERS: dict[str, Callable[[Store, str, Path], object]] = {
    "json": write_json,
    "xlsx": lambda s, t, o: write_tables(s, t, o, "xlsx"),
    "csv": lambda s, t, o: write_tables(s, t, o, "csv"),
    "png": lambda s, t, o: write_charts(s, t, o, "png"),
    "svg": lambda s, t, o: write_charts(s, t, o, "svg"),
}


__all__ = [
    "KEPT_PRIVATE",
    "WRITERS",
    "Shared",
    "export_kind",
    "journey_maps",
    "report_html",
    "report_sections",
    "shareable_document",
    "write_charts",
    "write_json",
    "write_pdf",
    "write_report",
    "write_tables",
]
