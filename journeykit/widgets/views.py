"""Read-only views of what the evidence says: themes with quotes (qualitative validation), scores,
funnel and gap analysis (quantitative validation), and the as-is against the to-be curve."""

from __future__ import annotations

import altair as alt
import ipywidgets as w
import pandas as pd

from journeykit.analysis.findings import gap_analysis
from journeykit.analysis.funnel import (
    comparable_fields,
    compare_funnels,
    conversion_over_time,
    field_name,
    funnel,
    shown_flows,
    usage_stages,
)
from journeykit.analysis.scores import score_table
from journeykit.analysis.themes import coded_evidence, telling_quotes, themes
from journeykit.charts import (
    FEW_USERS,
    conversion_chart,
    emotion_curve,
    flow_chart,
    funnel_chart,
    gap_matrix,
    heatmap,
)
from journeykit.i18n import N_, _, format_number
from journeykit.i18n import format_signed as signed
from journeykit.model import Workspace, label
from journeykit.store import Store
from journeykit.widgets.base import (
    button,
    empty_note,
    headers,
    heading,
    html_table,
    offline_chart,
    parts,
)

NO_STEPS = N_("No journey steps yet.")
THEME_HEADERS = (
    N_("Theme"),
    N_("Stage"),
    N_("Touchpoint"),
    N_("Mentions"),
    N_("People"),
    N_("Emotion"),
    N_("Telling quotes"),
)


class _View(w.VBox):
    """A view that redraws from the store when asked (after a teammate's import, say)."""

    def __init__(self, store: Store, team: str) -> None:
        self.store, self.team = store, team
        self.body = w.VBox()
        super().__init__([button(_("Refresh"), self.refresh, icon="refresh"), self.body])
        self.add_class("jk-editor")
        self.refresh()

    def refresh(self) -> None:  # pragma: no cover - every view defines it
        raise NotImplementedError


def theme_table(workspace: Workspace, surveys: pd.DataFrame) -> str:
    """The themes customers raise, most mentioned first, with their telling quotes."""
    coded = coded_evidence(workspace, surveys)
    if coded.empty:
        return empty_note(N_("No coded interview notes or comments yet: import them above."))
    names = workspace.names() | {"(any)": _("across the journey")}
    rows = [
        {
            "theme": row.theme,
            "kind": label(str(row.tag)),
            "stage": names.get(str(row.stage), str(row.stage)),
            "touchpoint": names.get(str(row.touchpoint), str(row.touchpoint)),
            "mentions": format_number(row.mentions),
            "people": format_number(row.people),
            "emotion": "" if row.emotion != row.emotion else signed(row.emotion),
            "quotes": telling_quotes(coded, row.tag, row.stage, row.touchpoint, 2, row.theme),
        }
        for row in themes(coded).head(12).itertuples()
    ]
    return str(parts().themes(headers(THEME_HEADERS), rows))


class ThemeView(_View):
    def refresh(self) -> None:
        workspace = self.store.workspace(self.team)
        surveys = self.store.survey_responses(self.team)
        self.body.children = [w.HTML(theme_table(workspace, surveys))]


COMPARE_HEADERS = (
    N_("Group"),
    N_("Entered"),
    N_("Converted"),
    N_("Conversion (95% interval)"),
    N_("Against the largest group"),
)


def comparison_table(events: pd.DataFrame, stages: list[str], by: str) -> str:
    """Each group's conversion from first to last stage, and its difference from the largest
    group, each with its 95 % interval (`compare_funnels`)."""
    table = compare_funnels(funnel(events, stages, by=by), by)
    if table.empty:
        return empty_note(N_("No events carry this field."))

    def share(value: float, low: float, high: float, with_sign: bool = False) -> str:
        shown = [signed(v) if with_sign else format_number(v, 1) for v in (value, low, high)]
        return _("{value} ({low} to {high})").format(value=shown[0], low=shown[1], high=shown[2])

    rows = [
        (
            str(row[by]),
            [
                row[by],
                format_number(row["entered"]),
                format_number(row["converted"]),
                share(row["conversion"], row["low"], row["high"]) + " %",
                _("the largest group")
                if n == 0
                else share(row["difference"], row["difference_low"], row["difference_high"], True)
                + " "
                + _("points"),
            ],
        )
        for n, row in table.iterrows()
    ]
    return html_table("compare", list(COMPARE_HEADERS), rows, N_("No events carry this field."))


class EvidenceCharts(_View):
    """CSAT by touchpoint x stage, the usage funnel, its conversion week by week (an incident
    shows as a dip), the funnel side by side by platform or channel, and the gap analysis."""

    compare_by = ""
    """The field the side-by-side funnel is drawn by (the person's choice, kept on refresh)."""

    def refresh(self) -> None:
        workspace = self.store.workspace(self.team)
        surveys = self.store.survey_responses(self.team)
        events = self.store.usage_events(self.team)
        if surveys.empty and events.empty:
            self.body.children = [
                w.HTML(empty_note(N_("No survey responses or usage events yet.")))
            ]
            return
        names = workspace.touchpoint_names()
        journeys = [j for j in workspace.journeys if j.kind == "as-is"] or workspace.journeys
        stage_ids = list(dict.fromkeys(s.id for j in journeys for s in j.stages))
        stage_names = {s.id: s.name for j in journeys for s in j.stages}
        charts: list[alt.TopLevelMixin] = []
        if not surveys.empty:
            table = score_table(surveys, ("touchpoint", "stage"), ("csat",))
            charts.append(
                heatmap(
                    table,
                    title=_("CSAT %"),
                    touchpoints=names,
                    stages=stage_ids,
                    stage_names=stage_names,
                )
            )
        stages, _names = usage_stages(workspace.journeys, events)
        if stages:
            charts.append(funnel_chart(funnel(events, stages), stage_names))
            over_time = conversion_over_time(events, stages, "W")
            enough = over_time[over_time["users"] >= FEW_USERS]
            if enough["period"].nunique() >= 2:  # a line needs two weeks worth showing
                charts.append(conversion_chart(over_time, stage_names))
            moves, per = shown_flows(events, stages)
            if not moves.empty:
                charts.append(flow_chart(moves, stages, stage_names, per=per))
        if not surveys.empty:
            charts.append(
                gap_matrix(gap_analysis(workspace, surveys), names, stage_ids, stage_names)
            )
        parts: list[w.Widget] = [offline_chart(c) for c in charts]
        if stages:
            compared = self.side_by_side(events, stages)
            if compared is not None:
                parts.insert(min(len(parts), 2), compared)  # under the funnel and its weeks
        self.body.children = parts

    def side_by_side(self, events: pd.DataFrame, stages: list[str]) -> w.Widget | None:
        """The funnel compared by a field the person picks (platform, channel ...), or None
        when no field holds two values."""
        fields = comparable_fields(events)
        if len(stages) < 2 or not fields:
            return None
        if self.compare_by not in fields:
            self.compare_by = fields[0]
        picker = w.Dropdown(
            description=_("Compare by"),
            options=[(field_name(f), f) for f in fields],
            value=self.compare_by,
        )
        table = w.HTML(comparison_table(events, stages, self.compare_by))

        def picked(change: dict) -> None:
            self.compare_by = change["new"]
            table.value = comparison_table(events, stages, self.compare_by)

        picker.observe(picked, "value")
        title = _("Conversion from first to last stage, side by side")
        return w.VBox([heading(title), picker, table])


class CurveComparison(_View):
    """The as-is and to-be emotion curves on one chart: what the new design changes."""

    def refresh(self) -> None:
        journeys = self.store.workspace(self.team).journeys
        if not any(j.steps for j in journeys):
            self.body.children = [w.HTML(empty_note(NO_STEPS))]
            return
        self.body.children = [
            offline_chart(emotion_curve(journeys, title=_("As-is and to-be, stage by stage")))
        ]


class MapView(_View):
    """The team's as-is journey map (with the to-be curve when there is one), as it stands."""

    def refresh(self) -> None:
        from journeykit.charts import map_of

        workspace = self.store.workspace(self.team)
        journeys = [j for j in workspace.journeys if j.steps]
        shown = workspace.main_journey(drawn=True)
        if shown is None:
            self.body.children = [w.HTML(empty_note(NO_STEPS))]
            return
        self.body.children = [
            offline_chart(
                map_of(
                    shown,
                    journeys,
                    workspace.touchpoint_names(),
                    workspace.persona_names(),
                    workspace.insights,
                )
            )
        ]
