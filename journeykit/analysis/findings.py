"""Findings a team can accept into its workspace: ranked pain points, moments of truth and the
gap analysis of touchpoints x stages (METHOD.md sections 3, 5 and 6). Each names its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from journeykit.analysis.scores import DEFAULT_CSAT, CsatRule, score_table
from journeykit.analysis.themes import coded_evidence, telling_quotes, themes
from journeykit.i18n import _, format_number, format_percent, ngettext
from journeykit.model import Insight, InsightKind, Workspace, make_id
from journeykit.store import Store

MIN_PAIRS = 30
"""Answers with both CSAT and NPS needed before a touchpoint's importance is estimated."""


@dataclass
class Finding:
    """Something the evidence shows, with the numbers and quotes behind it."""

    id: str
    kind: str
    title: str
    stage: str | None
    touchpoint: str | None
    severity: int
    frequency: int = 0
    reach: float = 0.0
    detail: str = ""
    evidence: list[str] = field(default_factory=list)

    @property
    def insight_kind(self) -> InsightKind:
        """What the finding becomes on the board: a pain point or a moment of truth as
        itself, any other finding (a gap, a drop) as a need."""
        if self.kind == "pain_point":
            return "pain_point"
        return "moment_of_truth" if self.kind == "moment_of_truth" else "need"

    def to_insight(self, journey: str | None = None) -> Insight:
        return Insight(
            id=self.id,
            kind=self.insight_kind,
            title=self.title,
            description=self.detail,
            severity=self.severity,
            journey=journey,
            stage=self.stage,
            touchpoint=self.touchpoint,
            evidence=self.evidence,
        )


def _names(workspace: Workspace) -> tuple[dict[str, str], dict[str, str]]:
    return workspace.stage_names(), workspace.touchpoint_names()


def pain_points(workspace: Workspace, surveys: pd.DataFrame, top: int = 10) -> list[Finding]:
    """Pain-point themes ranked by severity x reach, frequency breaking ties.

    Severity: 1-5 from the mean emotion of the mentions (-3 gives 5). Frequency: mentions in
    interviews and comments. Reach: the share of all people heard (interviewees and
    commenting respondents) who raised it.
    """
    coded = coded_evidence(workspace, surveys)
    if coded.empty:
        return []
    people = max(coded["who"].nunique(), 1)
    table = themes(coded)
    table = table[table["tag"] == "pain_point"].copy()
    table["severity"] = np.clip(np.rint(1 - table["emotion"].fillna(-1) * 4 / 3), 1, 5).astype(int)
    table["reach"] = table["people"] / people
    table["rank"] = table["severity"] * table["reach"]
    table = table.sort_values(["rank", "mentions"], ascending=False, kind="stable").head(top)
    stage_names, touchpoint_names = _names(workspace)
    found = []
    for row in table.itertuples():
        stage = None if row.stage == "(any)" else row.stage
        touchpoint = None if row.touchpoint == "(any)" else row.touchpoint
        place = touchpoint_names.get(touchpoint or ""), stage_names.get(stage or "")
        where = row.theme or (
            _("{touchpoint} at {stage}").format(touchpoint=place[0], stage=place[1])
            if all(place)
            else place[0] or place[1] or _("across the journey")
        )
        found.append(
            Finding(
                id=make_id("pain", row.theme or stage, touchpoint, fallback="finding"),
                kind="pain_point",
                title=_("Pain point: {where}").format(where=where),
                stage=stage,
                touchpoint=touchpoint,
                severity=int(row.severity),
                frequency=int(row.mentions),
                reach=float(row.reach),
                detail=_(
                    "{mentions} ({interviews} in interviews, {comments} in survey comments) "
                    "{by_people}, {reach} of those heard; mean emotion {emotion}"
                ).format(
                    mentions=ngettext("{n} mention", "{n} mentions", row.mentions).format(
                        n=format_number(row.mentions)
                    ),
                    interviews=format_number(row.interviews),
                    comments=format_number(row.comments),
                    by_people=ngettext("by {n} person", "by {n} people", row.people).format(
                        n=format_number(row.people)
                    ),
                    reach=format_percent(row.reach),
                    emotion=_("unknown")
                    if pd.isna(row.emotion)
                    else ("+" if row.emotion >= 0 else "") + format_number(row.emotion, 1),
                ),
                evidence=telling_quotes(
                    coded, "pain_point", row.stage, row.touchpoint, theme=row.theme
                ),
            )
        )
    return found


def touchpoint_importance(surveys: pd.DataFrame, rule: CsatRule = DEFAULT_CSAT) -> pd.DataFrame:
    """Per touchpoint: CSAT with its interval and a derived importance.

    Importance is estimated, not asked: the correlation between a touchpoint's CSAT answer and
    the NPS given in the same response (how much satisfaction there moves loyalty), over the
    responses holding both (at least 30, else unknown).
    """
    table = score_table(surveys, ("touchpoint",), ("csat",), rule=rule).set_index("touchpoint")
    both = surveys.dropna(subset=["touchpoint", "csat", "nps"])
    correlation = {}
    for touchpoint, group in both.groupby("touchpoint"):
        if len(group) >= MIN_PAIRS and group["csat"].nunique() > 1 and group["nps"].nunique() > 1:
            correlation[touchpoint] = float(
                np.corrcoef(group["csat"].astype(float), group["nps"].astype(float))[0, 1]
            )
    table["importance"] = pd.Series(correlation)
    return table.rename(columns={"value": "csat"}).reset_index()


def moments_of_truth(
    workspace: Workspace, surveys: pd.DataFrame, rule: CsatRule = DEFAULT_CSAT
) -> list[Finding]:
    """Touchpoints where importance is above the median and CSAT below it: where a bad
    experience costs most loyalty. The map's own moment-of-truth flags are shown beside."""
    table = touchpoint_importance(surveys, rule).dropna(subset=["importance", "csat"])
    if table.empty:
        return []
    important = table["importance"] >= table["importance"].median()
    unhappy = table["csat"] <= table["csat"].median()
    _stages, touchpoint_names = _names(workspace)
    flagged = {
        t for j in workspace.journeys for s in j.steps if s.moment_of_truth for t in s.touchpoints
    }
    stage_of = (
        surveys.dropna(subset=["touchpoint", "stage"])
        .groupby("touchpoint")["stage"]
        .agg(lambda s: s.mode().iloc[0])
    )
    found = []
    for row in table[important & unhappy].sort_values("csat").itertuples():
        on_map = _("marked") if row.touchpoint in flagged else _("not yet marked")
        found.append(
            Finding(
                id=make_id("moment", row.touchpoint, fallback="finding"),
                kind="moment_of_truth",
                title=_("Moment of truth: {value1}").format(
                    value1=touchpoint_names.get(row.touchpoint, row.touchpoint)
                ),
                stage=stage_of.get(row.touchpoint),
                touchpoint=row.touchpoint,
                severity=5 if row.csat < 50 else 4,
                frequency=int(row.n),
                reach=0.0,
                detail=(
                    _(
                        "CSAT {csat} (95% interval {low}-{high}, n={n}); "
                        "importance (CSAT-NPS correlation) {importance}, above the "
                        "median; {on_map} as a moment of truth on the map"
                    ).format(
                        csat=format_percent(row.csat / 100),
                        low=format_number(row.low, 0),
                        high=format_number(row.high, 0),
                        n=format_number(row.n),
                        importance=format_number(row.importance, 2),
                        on_map=on_map,
                    )
                ),
                evidence=[
                    _("CSAT {csat} from {n} answers").format(
                        csat=format_percent(row.csat / 100), n=format_number(row.n)
                    )
                ],
            )
        )
    return found


def gap_analysis(
    workspace: Workspace, surveys: pd.DataFrame, events: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Touchpoints x stages: where the company acts today, where it should, and where customers
    report contact (survey answers, interview notes, usage events), with the outcome."""
    on_map = {(t, s.stage) for j in workspace.journeys for s in j.steps for t in s.touchpoints}
    reported = pd.concat(
        [
            surveys[["touchpoint", "stage"]],
            pd.DataFrame(
                [(n.touchpoint, n.stage) for n in workspace.interviews],
                columns=["touchpoint", "stage"],
            ),
            events[["touchpoint", "stage"]] if events is not None else None,
        ]
    ).dropna()
    counts = reported.value_counts()
    stages = list(dict.fromkeys(s.id for j in workspace.journeys for s in j.stages))
    rows = []
    for touchpoint in workspace.touchpoints:
        for stage in stages:
            customers = int(counts.get((touchpoint.id, stage), 0))
            mapped = (touchpoint.id, stage) in on_map
            if not mapped and not customers:
                continue
            used, should = touchpoint.used_today, touchpoint.should_use
            if customers and not mapped:
                outcome = _("add to the map: customers meet it here")
            elif used and not should:
                outcome = _("drop: activity with no wanted effect on the journey")
            elif used and customers:
                outcome = _("keep and strengthen")
            elif used:
                outcome = _("check: no customer reports it")
            elif should:
                outcome = _("add: planned on the map, not in use yet")
            else:
                outcome = _("decide: customers use it unprompted")
            rows.append(
                {
                    "touchpoint": touchpoint.id,
                    "stage": stage,
                    "on_map": mapped,
                    "used_today": used,
                    "should_use": should,
                    "customers_report": customers,
                    "outcome": outcome,
                }
            )
    return pd.DataFrame(rows)


def accept(store: Store, team: str, finding: Finding, journey: str | None = None) -> Insight:
    """Save a finding as an insight of the team's workspace (with its evidence)."""
    insight = finding.to_insight(journey)
    store.add(team, insight)
    return insight
