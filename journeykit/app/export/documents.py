"""The report: one self-contained HTML page (fonts, styles and charts inside, no network), in
the team's language, rendered from the templates in `journeykit.templates`."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import altair as alt
import pandas as pd
from markupsafe import Markup

from journeykit import __version__
from journeykit.analysis.funnel import (
    comparable_fields,
    field_name,
)
from journeykit.app.export.figures import Shared
from journeykit.app.fonts import FAMILY, embedded_fonts, register_chart_fonts
from journeykit.charts import (
    chart_svg,
)
from journeykit.i18n import (
    N_,
    _,
    current,
    format_date,
    format_number,
)
from journeykit.i18n import language as speaking
from journeykit.model import Journey, kind_title, label
from journeykit.templates import environment, render

PAGE_STYLE = """
body { font-family: %s; color: #1f2328;
  max-width: 1120px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.9em; margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #d0d7de;
  padding-bottom: 0.2em; margin-top: 2em; }
"""
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
    return str(Markup('<div class="chart" dir="ltr">{}</div>').format(Markup(svg)))


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

    def block(title: str = "", table: Any = None, html: str = "") -> dict[str, Any]:
        return {"title": title, "table": table, "html": Markup(html)}

    blocks = [block(title, table_cells(frame, N_("No moves."))) for title, frame in tables]
    if "funnel" in charts:
        blocks.insert(0, block(html=chart_html(charts["funnel"])))
    if "flows" in charts:
        blocks.insert(2, block(html=chart_html(charts["flows"])))
    for field in comparable_fields(shared.events):
        title = _("Conversion from first to last stage by {field}").format(field=field_name(field))
        blocks.append(block(title, html=comparison_table(shared.events, stages, field)))
    return render("usage.html.j2", blocks=blocks)


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
