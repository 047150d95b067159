"""Seeded generation of the sample workshop: same seed, same data, any size."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from journeykit.i18n import _, language, local_digits
from journeykit.model import (
    SCORE_KEYS,
    Action,
    Insight,
    InterviewNote,
    Journey,
    Persona,
    Step,
    Touchpoint,
    Workspace,
    stages_of,
)
from journeykit.sample import content
from journeykit.store import Store

DEFAULT_SEED = 7
PERIOD_START = np.datetime64("2026-01-05T00:00:00")
PERIOD_DAYS = 175
INCIDENT = (np.datetime64("2026-04-13"), np.datetime64("2026-04-20"))
PERSONA_TEXTS = frozenset(
    {"name", "segment", "goals", "needs", "frustrations", "motivations", "channels", "quote"}
)
"""What a sample persona says in words (translated), beside its id and evidence level."""
PLATFORMS = ("web", "ios", "android")
CHANNELS = ("search", "referral", "social", "trade fair")


def _said(value: Any) -> Any:
    """Sample content (marked in content.py) in the language the sample is built in; a text or
    a list of texts."""
    if isinstance(value, str):
        return _(value)
    return [_(v) for v in value]


def _steps(steps_by_stage: dict[str, list[tuple[Any, ...]]], prefix: str) -> list[Step]:
    steps = []
    for stage, rows in steps_by_stage.items():
        for n, (tp, action, thoughts, emotion, pains, opps, mot) in enumerate(rows, start=1):
            steps.append(
                Step(
                    id=f"{prefix}-{stage}-{n}",
                    stage=stage,
                    touchpoints=[tp] if tp else [],
                    action=_said(action),
                    thoughts=_said(thoughts),
                    emotion=emotion,
                    pain_points=_said(pains),
                    opportunities=_said(opps),
                    moment_of_truth=mot,
                )
            )
    return steps


def _interviews(
    spec: dict[str, Any], stage_ids: set[str], rng: np.random.Generator, count: int
) -> list[InterviewNote]:
    quotes = [q for q in content.INTERVIEW_QUOTES if q[0] in stage_ids]
    personas = [p["id"] for p in spec["personas"]]
    named = {p["id"]: _said(p["name"]) for p in spec["personas"]}
    notes = []
    for n in range(count):
        stage, touchpoint, tags, emotion, text = quotes[n % len(quotes)]
        persona = personas[int(rng.integers(len(personas)))]
        notes.append(
            InterviewNote(
                id=f"{spec['id']}-interview-{n + 1:02d}",
                interviewee=_("Interviewee {number} ({persona})").format(
                    number=local_digits(f"{n + 1:02d}"), persona=named[persona]
                ),
                date=dt.date(2026, 2, 2) + dt.timedelta(days=int(rng.integers(0, 45))),
                persona=persona,
                stage=stage,
                touchpoint=touchpoint,
                text=_said(text),
                tags=tags,
                emotion=emotion,
            )
        )
    return notes


def sample_workspace(spec: dict[str, Any], rng: np.random.Generator, interviews: int) -> Workspace:
    """One team's personas, catalogue, journeys, interview notes, insights and actions."""
    journeys = []
    for jid, name, template_id, steps, personas, scenario, expectations in spec["journeys"]:
        journeys.append(
            Journey(
                id=jid,
                name=_said(name),
                personas=personas,
                scenario=_said(scenario),
                expectations=_said(expectations),
                template=template_id,
                stages=stages_of(template_id),
                steps=_steps(steps, jid),
            )
        )
    stage_ids = {s for j in journeys for s in j.stage_ids()}
    notes = _interviews(spec, stage_ids, rng, interviews)
    for journey in journeys:
        for step in journey.steps:
            step.evidence = [
                n.id for n in notes if (n.stage, n.touchpoint) == (step.stage, step.touchpoint)
            ][:3]
    first_journey = journeys[0].id
    return Workspace(
        id=spec["id"],
        name=_said(spec["name"]),
        company=_said(content.COMPANY),
        goals=_said(spec["goals"]),
        scope=_said(spec["scope"]),
        personas=[
            Persona(**{k: _said(v) if k in PERSONA_TEXTS else v for k, v in p.items()})
            for p in spec["personas"]
        ],
        touchpoints=[
            Touchpoint(
                id=i,
                name=_said(n),
                channel=_said(c),
                digital=d,
                contact=k,
                owner=_said(o),
                used_today=u,
                should_use=s,
            )
            for i, n, c, d, k, o, u, s in content.TOUCHPOINTS
        ],
        journeys=journeys,
        interviews=notes,
        insights=[
            Insight(
                id=i,
                kind=k,
                title=_said(t),
                description=_said(d),
                severity=sev,
                journey=first_journey,
                stage=st,
                touchpoint=tp,
                evidence=[n.text for n in notes if n.touchpoint == tp][:2],
            )
            for i, k, t, d, sev, st, tp in content.INSIGHTS
        ],
        actions=[
            Action(
                id=i,
                title=_said(t),
                insights=ins,
                owner=_said(o),
                impact=imp,
                effort=eff,
                status=status,
                kpi=_said(kpi),
                due=dt.date(2026, 9, 30),
            )
            for i, t, ins, o, imp, eff, status, kpi in content.ACTIONS
        ],
    )


def _times(rng: np.random.Generator, n: int) -> np.ndarray:
    seconds = rng.integers(0, PERIOD_DAYS * 86_400, n)
    return PERIOD_START + seconds.astype("timedelta64[s]")


def sample_surveys(workspace: Workspace, rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Survey responses with the planted patterns of content.PLANTED."""
    untouched: list[str | None] = [None]  # a step with no touchpoint still gets answers
    pairs = [
        (s.stage, t)
        for j in workspace.journeys
        for s in j.steps
        for t in (s.touchpoints or untouched)
    ]
    weights = np.array([3.0 if stage == "onboarding" else 1.0 for stage, _ in pairs])
    pick = rng.choice(len(pairs), size=n, p=weights / weights.sum())
    stages = np.array([pairs[i][0] for i in pick], dtype=object)
    touchpoints = np.array([pairs[i][1] for i in pick], dtype=object)
    when = _times(rng, n)
    means = np.array([content.CSAT_MEANS.get(t, content.CSAT_DEFAULT) for t in touchpoints])
    day = pd.DatetimeIndex(when).day.to_numpy()
    means = means - np.where((touchpoints == "live-chat") & (day >= 26), 1.0, 0.0)
    csat = np.clip(np.rint(rng.normal(means, 0.9)), 1, 5).astype(int)
    weight = np.array([content.IMPORTANCE.get(t, content.IMPORTANCE_DEFAULT) for t in touchpoints])
    loyalty = 7.6 + (csat - 3.5) * 2.6 * weight + rng.normal(0, 1.3, n)
    nps = np.clip(np.rint(loyalty), 0, 10).astype(int)
    ces = np.clip(np.rint(8.2 - csat * 1.3 + rng.normal(0, 0.8, n)), 1, 7).astype(int)
    personas = [p.id for p in workspace.personas]
    segments = {p.id: p.segment for p in workspace.personas}
    persona = np.array(personas, dtype=object)[rng.integers(0, len(personas), n)]
    band = np.where(csat <= 2, "low", np.where(csat == 3, "mid", "high"))

    said = {b: _said(texts) for b, texts in content.COMMENTS.items()}
    low = {t: _said(texts) for t, texts in content.LOW_COMMENTS.items()}

    def pool(b: str, touchpoint: str) -> list[str]:
        return low.get(touchpoint, said[b]) if b == "low" else said[b]

    comments = np.array(
        [
            pool(b, t)[int(k) % len(pool(b, t))]
            for b, t, k in zip(band, touchpoints, rng.integers(0, 1000, n), strict=True)
        ],
        dtype=object,
    )
    frame = pd.DataFrame(
        {
            "id": [f"{workspace.id}-r{i + 1:07d}" for i in range(n)],
            "respondent": [f"c{int(r):05d}" for r in rng.integers(0, max(n // 3, 1), n)],
            "submitted_at": when,
            "touchpoint": touchpoints,
            "stage": stages,
            "persona": persona,
            "segment": [segments[p] for p in persona],
            "nps": pd.array(np.where(rng.random(n) < 0.7, nps, -1), dtype="Int64"),
            "csat": pd.array(np.where(rng.random(n) < 0.95, csat, -1), dtype="Int64"),
            "ces": pd.array(np.where(rng.random(n) < 0.6, ces, -1), dtype="Int64"),
            "comment": np.where(rng.random(n) < 0.45, comments, np.full(n, None, dtype=object)),
        }
    )
    for column in SCORE_KEYS:
        frame[column] = frame[column].mask(frame[column] == -1)
    none = frame[list(SCORE_KEYS)].isna().all(axis=1)
    frame.loc[none, "csat"] = pd.array(csat, dtype="Int64")[none.to_numpy()]
    return frame.sort_values("submitted_at", kind="stable").reset_index(drop=True)


def sample_events(rng: np.random.Generator, n: int, prefix: str = "u") -> pd.DataFrame:
    """Product analytics events of a funnel with the planted onboarding drop and incident."""
    users = max(int(n / 2.6 * 1.15), 1)
    platform = rng.choice(len(PLATFORMS), users, p=[0.6, 0.15, 0.25])
    channel = rng.choice(len(CHANNELS), users, p=[0.45, 0.25, 0.2, 0.1])
    t = _times(rng, users).astype("datetime64[s]").astype(np.int64).astype(float)
    hours = 3600.0
    rows: list[tuple[np.ndarray, np.ndarray, str]] = []

    def step(reached: np.ndarray, start: np.ndarray, event: str, median_h: float) -> np.ndarray:
        when = start + rng.lognormal(np.log(median_h * hours), 0.8, users)
        rows.append((reached, when, event))
        return when

    everyone = np.ones(users, dtype=bool)
    t_visit = step(everyone, t, "site_visited", 0.01)
    priced = rng.random(users) < 0.7
    t_price = step(priced, t_visit, "pricing_viewed", 0.3)
    roll = rng.random(users)
    demo = priced & (roll < 0.25)
    trial = priced & (roll >= 0.25) & (roll < 0.7)
    t_demo = step(demo, t_price, "demo_booked", 20)
    t_trial = step(trial, t_price, "trial_started", 2)
    bought = (demo & (rng.random(users) < 0.55)) | (trial & (rng.random(users) < 0.25))
    t_buy = step(bought, np.where(demo, t_demo, t_trial), "plan_purchased", 72)
    wizard = bought & (rng.random(users) < 0.95)
    t_wizard = step(wizard, t_buy, "wizard_started", 2)
    wizard_day = t_wizard.astype("datetime64[s]")
    p_bank = np.where(PLATFORMS.index("android") == platform, 0.35, 0.62)
    in_incident = (wizard_day >= INCIDENT[0]) & (wizard_day < INCIDENT[1])
    p_bank = np.where(in_incident, p_bank * 0.4, p_bank)
    bank = wizard & (rng.random(users) < p_bank)
    looped = wizard & ~bank & (rng.random(users) < 0.35)
    step(looped, t_wizard, "pricing_viewed", 6)
    t_bank = step(bank, t_wizard, "bank_connected", 20)
    invoice = bank & (rng.random(users) < 0.9)
    t_invoice = step(invoice, t_bank, "first_invoice_sent", 18)
    invited = invoice & (rng.random(users) < 0.5)
    t_invite = step(invited, t_invoice, "user_invited", 240)
    upgraded = invited & (rng.random(users) < 0.3)
    step(upgraded, t_invite, "plan_upgraded", 600)

    user_ids = np.array([f"{prefix}{i + 1:07d}" for i in range(users)], dtype=object)
    frames = [
        pd.DataFrame(
            {
                "user": np.flatnonzero(reached),
                "seconds": when[reached],
                "event": event,
            }
        )
        for reached, when, event in rows
    ]
    log = pd.concat(frames, ignore_index=True).sort_values(["user", "seconds"], kind="stable")
    log = log.head(n).reset_index(drop=True)
    gap = log.groupby("user")["seconds"].diff().fillna(np.inf) > 2 * hours
    session = gap.astype(int).groupby(log["user"]).cumsum()
    stamp = pd.to_datetime(log["seconds"].round(), unit="s")
    return pd.DataFrame(
        {
            "user_id": user_ids[log["user"].to_numpy()],
            "event": log["event"],
            "timestamp": stamp.dt.strftime("%Y-%m-%dT%H:%M:%S"),
            "session_id": user_ids[log["user"].to_numpy()] + "-s" + session.astype(str),
            "stage": log["event"].map(content.EVENT_STAGES),
            "touchpoint": log["event"].map(content.EVENT_TOUCHPOINTS),
            "platform": np.array(PLATFORMS, dtype=object)[platform[log["user"]]],
            "channel": np.array(CHANNELS, dtype=object)[channel[log["user"]]],
        }
    )


def sample_team(
    index: int,
    seed: int = DEFAULT_SEED,
    responses: int = 5_000,
    events: int = 100_000,
    interviews: int = 24,
    code: str = "en",
) -> tuple[Workspace, pd.DataFrame, pd.DataFrame]:
    """One sample team (content.TEAMS[index]) with its survey responses and usage events, as
    `create_sample` stores it: the same seed and sizes give the same data, which the
    exercises read too."""
    spec = content.TEAMS[index]
    rng = np.random.default_rng([seed, index])
    with language(code):
        workspace = sample_workspace(spec, rng, interviews)
        surveys = sample_surveys(workspace, rng, responses)
    log = sample_events(rng, events, prefix=f"{spec['id'][0]}")
    return workspace, surveys, log


def create_sample(
    store: Store,
    seed: int = DEFAULT_SEED,
    responses: int = 5_000,
    events: int = 100_000,
    interviews: int = 24,
    code: str = "en",
) -> list[str]:
    """Add the sample teams to a store (one transaction each), their names, personas, maps,
    notes and comments written in the language `code`; returns their ids (the same in every
    language, as are the numbers: the same seed gives the same findings)."""
    created = []
    for index in range(len(content.TEAMS)):
        workspace, surveys, log = sample_team(index, seed, responses, events, interviews, code)
        store.import_workspace(workspace, surveys, log)
        created.append(workspace.id)
    return created
