"""ActionPlanner: what the team will change, tied to the insights it answers (no blind changes),
with owner, impact, effort, due date, KPI and status, and the live priority matrix."""

from __future__ import annotations

import altair as alt
import ipywidgets as w

from journeykit.charts import priority_matrix, quadrant
from journeykit.editing import ActionForm
from journeykit.i18n import N_, _, format_date
from journeykit.model import Action, label, labelled
from journeykit.store import Store
from journeykit.widgets.base import FormView, html_table, offline_chart

STATUSES = ("idea", "planned", "in_progress", "done", "dropped")


def action_table(actions: list[Action], insights: dict[str, str]) -> str:
    return html_table(
        "actions",
        [
            N_("Action"),
            N_("Quadrant"),
            N_("Owner"),
            N_("Due"),
            N_("Status"),
            N_("KPI"),
            N_("Answers"),
        ],
        [
            (
                a.id,
                [
                    a.title,
                    _(quadrant(a.impact, a.effort)),
                    a.owner,
                    format_date(a.due) if a.due else "",
                    label(a.status),
                    a.kpi,
                    ", ".join(insights.get(i, i) for i in a.insights),
                ],
            )
            for a in sorted(actions, key=lambda a: (-a.impact, a.effort))
        ],
        N_("No actions yet."),
    )


class ActionPlanner(FormView[Action]):
    """One form for add and edit; the table and the priority matrix follow every save."""

    add_label = N_("Add action")
    save_label = N_("Save action")
    model: ActionForm

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        self.choice = w.Dropdown(description=_("Action"))
        self.title = w.Text(description=_("Change"), placeholder=_("what will change"))
        self.insights = w.SelectMultiple(description=_("Answers"), rows=4)
        self.owner = w.Text(description=_("Owner"), placeholder=_("who makes it happen"))
        self.impact = w.IntSlider(value=3, min=1, max=5, description=_("Impact"))
        self.effort = w.IntSlider(value=3, min=1, max=5, description=_("Effort"))
        self.due = w.DatePicker(description=_("Due"))
        self.kpi = w.Text(description=_("KPI"), placeholder=_("the number that shows it worked"))
        self.status_choice = w.Dropdown(options=labelled(STATUSES), description=_("Status"))
        self.fields = {
            "title": self.title,
            "insights": self.insights,
            "owner": self.owner,
            "impact": self.impact,
            "effort": self.effort,
            "due": self.due,
            "kpi": self.kpi,
            "status": self.status_choice,
        }
        self.table = w.HTML()
        self.chart: alt.JupyterChart | None = None
        self.chart_box = w.Box()
        form = w.VBox(
            [
                self.choice,
                self.title,
                self.insights,
                self.owner,
                self.impact,
                self.effort,
                self.due,
                self.kpi,
                self.status_choice,
                self.form_buttons(),
            ]
        )
        self.children = [
            w.HBox([form, self.chart_box]),
            self.status,
            self.conflict_box,
            self.toolbar,
            self.table,
        ]
        model = ActionForm(store, team)
        model.observe(self._show_insights, "insights")
        self.bind(model)
        self.refresh()

    def _show_insights(self, _change: object) -> None:
        """The insights an action may answer, before the form shows which it does."""
        with self.showing():
            self.insights.options = [(title, iid) for iid, title in self.model.insights.items()]

    def shown(self, message: str = "") -> None:
        actions = [a for a, _r in self.model.stored.values()]
        self.table.value = action_table(actions, self.model.insights)
        self.redraw(actions)
        super().shown(message)

    def redraw(self, actions: list[Action]) -> None:
        chart = priority_matrix(actions)
        if self.chart is None:
            self.chart = offline_chart(chart)
            self.chart_box.children = (self.chart,)
        else:
            self.chart.chart = chart
