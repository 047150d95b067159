"""A team as it may be shown outside, read once: the workspace and evidence after the privacy
marks, with the score table, the funnel and the charts every document and table draws from."""

from __future__ import annotations

from functools import cached_property
from typing import Any

import altair as alt
import pandas as pd

from journeykit.analysis.funnel import (
    funnel,
    shown_flows,
    usage_stages,
)
from journeykit.analysis.scores import metric_records
from journeykit.app.export.privacy import shareable_document
from journeykit.charts import (
    emotion_curve,
    flow_chart,
    funnel_chart,
    map_of,
    priority_matrix,
    score_bars,
)
from journeykit.i18n import (
    N_,
    _,
    format_date,
    format_number,
    format_percent,
)
from journeykit.model import Workspace, label
from journeykit.store import Store
from journeykit.store.frames import clean_event_frame, spread_attributes
from journeykit.store.jsonio import records_frame
from journeykit.store.schema import EVENT_COLUMNS, SURVEY_COLUMNS


def _share(value: float) -> str:
    return "" if pd.isna(value) else format_percent(value)


def _cell(value: object) -> object:
    return "; ".join(map(str, value)) if isinstance(value, list) else value


BY_NAMES = {"overall": N_("overall"), "touchpoint": N_("touchpoint"), "stage": N_("stage")}


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
