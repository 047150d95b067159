"""The seven workshop steps of the method (METHOD.md section 2), each a Voila page: why the step
matters, the team's task, the checklist that belongs there, what "done" looks like, the editors
to do it, and the way on. The team travels in the address (?team=ID) so a link can be shared."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import quote

import ipywidgets as w
from ipywidgets import Widget
from markupsafe import Markup

from journeykit.app.export_panel import ExportPanel
from journeykit.app.lab import show_style
from journeykit.i18n import N_, _, backward, format_number, forward
from journeykit.model import Workspace
from journeykit.store import Store, TeamSummary
from journeykit.templates import macros
from journeykit.widgets import EDITORS, JourneyEditor, StoreView, on_address
from journeykit.widgets.address import team_in
from journeykit.widgets.base import enable_offline_charts
from journeykit.widgets.goals import GoalsEditor
from journeykit.widgets.live import follow, present
from journeykit.widgets.views import CurveComparison, EvidenceCharts, MapView, ThemeView


@dataclass(frozen=True)
class WorkshopStep:
    number: int
    slug: str
    title: str
    why: str
    task: str
    done_when: str
    checklist: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The step's short name ("Discovery") in the page's language, for lists and links."""
        return _(self.title).split(":")[0]

    @property
    def notebook(self) -> str:
        return f"{self.number:02d}-{self.slug}.ipynb"


STEPS: tuple[WorkshopStep, ...] = (
    WorkshopStep(
        1,
        "discovery",
        N_("Discovery: what the map is for, and for whom"),
        N_(
            "A journey map answers a question. Agree on its goals and scope, which customers and "
            "which experience, before drawing anything. A persona is a fictional customer who "
            "stands for a large segment of real ones, built from research, not guesses."
        ),
        N_("Write the goals and scope. Build the one or two personas the map follows."),
        N_("the goals are written and at least one persona exists."),
        (
            N_("Focus a map on one or two personas: more blur it."),
            N_("First time? Take the most common persona on its first-time path."),
            N_("Talk only to real or potential customers: people who bought, or mean to."),
        ),
    ),
    WorkshopStep(
        2,
        "employee-workshop",
        N_("Employee workshop: the journey as the team believes it is"),
        N_(
            "Staff put down what they believe the journey is: the as-is hypothesis. It stays a "
            "hypothesis until customers confirm it."
        ),
        N_(
            "List every touchpoint customers use now and those they should use. Pick a stage model "
            "and add the steps: what the customer does, thinks and feels, where it hurts, and the "
            "moments of truth."
        ),
        N_("the catalogue has touchpoints and an as-is journey has steps."),
        (
            N_("Put yourself in the customer's shoes, not the company's."),
            N_("List the touchpoints customers use now and those they should use."),
            N_("Walk the journey yourself: follow it through social media, email and search."),
        ),
    ),
    WorkshopStep(
        3,
        "qualitative-validation",
        N_("Qualitative validation: what customers say"),
        N_(
            "Interviews and direct feedback test the hypothesis. Code what customers say into pain "
            "points, needs and delights, with the stage, the touchpoint and the emotion."
        ),
        N_("Import the interview notes (choose 'interviews') and read the themes they raise."),
        N_("interview notes are imported and coded with tags."),
        (N_("Listen first: use customers' own words."), N_("Where are needs unmet?")),
    ),
    WorkshopStep(
        4,
        "quantitative-validation",
        N_("Quantitative validation: what customers do and score"),
        N_(
            "Surveys and usage data measure the journey: satisfaction per touchpoint and stage, "
            "and how many leave between stages."
        ),
        N_(
            "Import the survey export and usage events; read the heatmap, the funnel and the gap "
            "analysis."
        ),
        N_("survey responses or usage events are imported."),
        (
            N_("How many leave before buying?"),
            N_("Cells marked * have fewer than 30 answers: read them with care."),
        ),
    ),
    WorkshopStep(
        5,
        "final-map",
        N_("Final map and report: the validated journey"),
        N_(
            "The map now rests on evidence. Keep the findings that hold, with the quotes and "
            "numbers behind them, as the team's insights."
        ),
        N_("Accept the findings that hold (edit their title and severity first), reject the rest."),
        N_("at least one insight is accepted."),
        (N_("Find the moments of truth: where customers decide, or feel strongly."),),
    ),
    WorkshopStep(
        6,
        "action-planning",
        N_("Action planning: what to change, who owns it, in which order"),
        N_("Every change ties to a pain point customers named: no blind changes."),
        N_(
            "Plan actions against the insights: owner, impact, effort, due date and the KPI that "
            "shows it worked. Start with the quick wins."
        ),
        N_("an action has an owner and a KPI."),
        (N_("Keep and strengthen what moves customers along; drop what has no effect."),),
    ),
    WorkshopStep(
        7,
        "new-experience",
        N_("New experience design: the journey as it should be"),
        N_("Design the future (to-be) journey and compare it with today's."),
        N_(
            "Create a to-be journey for the same personas and add its steps and emotions; compare "
            "the two curves."
        ),
        N_("a to-be journey has steps."),
        (N_("Design for the moments of truth first."),),
    ),
)


def step(number: int) -> WorkshopStep:
    return STEPS[number - 1]


DONE: dict[int, Callable[[Workspace, TeamSummary], bool]] = {
    1: lambda w, _s: bool(w.goals) and bool(w.personas),
    2: lambda w, _s: bool(w.touchpoints) and any(j.kind == "as-is" and j.steps for j in w.journeys),
    3: lambda w, _s: any(n.tags for n in w.interviews),
    4: lambda _w, s: s.survey_responses > 0 or s.usage_events > 0,
    5: lambda w, _s: bool(w.insights),
    6: lambda w, _s: any(a.owner and a.kpi for a in w.actions),
    7: lambda w, _s: any(j.kind == "to-be" and j.steps for j in w.journeys),
}
"""What "done" means for each step, read from the team's workspace."""


def progress(workspace: Workspace, summary: TeamSummary) -> dict[int, bool]:
    return {number: done(workspace, summary) for number, done in DONE.items()}


def next_step(done: dict[int, bool]) -> int | None:
    """The first step not done yet (None when all are): where a team goes on."""
    return next((n for n in sorted(done) if not done[n]), None)


def link(number: int, team: str) -> str:
    return f"{step(number).notebook}?team={quote(team)}"


def page_parts() -> Any:
    """The pieces of the workshop's pages (`page_parts.html.j2`)."""
    return macros("page_parts.html.j2")


def step_list(team: str, done: dict[int, bool]) -> str:
    """The seven steps as links, each marked done or not, the next one to do highlighted."""
    upcoming = next_step(done)
    items = [
        {
            "state": "done" if done[s.number] else "next" if s.number == upcoming else "todo",
            "done": done[s.number],
            "link": link(s.number, team),
            "number": format_number(s.number),
            "name": s.name,
        }
        for s in STEPS
    ]
    return str(page_parts().steps(items))


def header_html(number: int, workspace: Workspace, summary: TeamSummary) -> str:
    s = step(number)
    done = progress(workspace, summary)
    page = {
        "number": number,
        "where": _("Step {number} of {total}").format(
            number=format_number(number), total=format_number(len(STEPS))
        ),
        "team": workspace.name,
        "title": _(s.title),
        "why": _(s.why),
        "task": _(s.task),
        "done_when": _(s.done_when),
        "done": done[number],
        "state": _("done") if done[number] else _("not done yet"),
        "checks": [_(c) for c in s.checklist],
        "steps": Markup(step_list(workspace.id, done)),
    }
    return str(page_parts().step_header(page))


def footer_html(number: int, team: str) -> str:
    links = []
    if number > 1:
        text = f"{backward()} {step(number - 1).name}"
        links.append({"kind": "jk-prev", "href": link(number - 1, team), "text": text})
    if number < len(STEPS):
        text = f"{_('Next: {step}').format(step=step(number + 1).name)} {forward()}"
        links.append({"kind": "jk-next", "href": link(number + 1, team), "text": text})
    else:
        text = f"{_('Back to all teams')} {forward()}"
        links.append({"kind": "jk-next", "href": "00-start.ipynb", "text": text})
    return str(page_parts().nav(links))


EDITORS_OF_STEP: dict[int, tuple[str, ...]] = {
    1: ("goals", "personas"),
    2: ("touchpoints", "journey"),
    3: ("evidence:interviews", "notes", "coding", "suggestions", "affinity", "themes"),
    4: ("evidence:survey", "charts"),
    5: ("map", "insights", "export"),
    6: ("actions",),
    7: ("journey:to-be", "curves"),
}


def _widgets(name: str, store: Store, team: str) -> Widget:
    kind, _sep, option = name.partition(":")
    if kind == "evidence":
        importer = EDITORS["evidence"](store, team)
        importer.kind.value = option
        return importer
    if kind == "journey":
        return JourneyEditor(store, team, kind=option or None)
    views = {
        "goals": GoalsEditor,
        "themes": ThemeView,
        "charts": EvidenceCharts,
        "curves": CurveComparison,
        "map": MapView,
        "export": ExportPanel,
    }
    return (views.get(kind) or EDITORS[kind])(store, team)


def problem(message: str) -> w.HTML:
    """A message on the page itself (not a traceback): what is wrong and what to do."""
    return w.HTML(str(page_parts().problem(message)))


def step_page(number: int, store: Store, team: str) -> list[Widget]:
    """What one step's page shows for a team: header, editors, the way on."""
    teams = {t.id: t for t in store.teams()}
    team = team or next(iter(teams), "")
    if team not in teams:
        return [
            problem(
                _(
                    "There is no team {team!r} in this workshop: open the step from the start "
                    "page, or add ?team= and one of {teams} to the address."
                ).format(team=team, teams=", ".join(teams) or _("(none yet)"))
            )
        ]
    # HTML widgets, not HTML outputs: JupyterLab's output renderer takes over relative links
    # (to open files in the lab), so a click on "Next" would go nowhere in Voila.
    header = w.HTML(header_html(number, store.workspace(team), teams[team]))
    editors = [_widgets(name, store, team) for name in EDITORS_OF_STEP[number]]

    def redraw_header() -> None:  # "done" and the ticks follow the team's work
        summary = next(t for t in store.teams() if t.id == team)
        header.value = header_html(number, store.workspace(team), summary)

    def redraw(source: Widget | None = None) -> None:  # a teammate, or a part of this page
        for part in editors:
            if part is source:  # it has shown its own save
                continue
            if isinstance(part, StoreView):
                part.follow()
            elif hasattr(part, "refresh"):
                part.refresh()
        redraw_header()

    watch = follow(store, team, redraw, owner=header)

    def saved_here(editor: StoreView) -> None:  # the rest of the page follows at once
        redraw(editor)
        watch.sync()

    for editor in editors:
        if isinstance(editor, StoreView):
            editor.on_change(partial(saved_here, editor))
    present(store, team)
    return [header, *editors, w.HTML(footer_html(number, team))]


def show_step(number: int, location: str | None = None) -> None:
    """Display one step's page for the team in the address."""
    from IPython.display import display

    enable_offline_charts()  # before the address is known: a preheated kernel does it early
    store = Store(location)
    show_style()
    display(on_address(lambda query: step_page(number, store, team_in(query)), store))
