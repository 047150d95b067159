"""Usage data along the journey: funnel and drop-off, time between stages, common paths, and
conversion over time (so an incident shows)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from journeykit.analysis.scores import share_from_counts
from journeykit.i18n import N_, _
from journeykit.model import Journey
from journeykit.store.schema import EVENT_COLUMNS

HOUR_NS = 3_600 * 1_000_000_000
FUNNEL_COLUMNS = (
    "stage",
    "users",
    "conversion",
    "drop_off",
    "median_hours_to_next",
    "p90_hours_to_next",
)


def funnel_journey(journeys: Sequence[Journey], events: pd.DataFrame) -> Journey:
    """The journey whose stages the events are mapped to most."""
    if not journeys:
        raise ValueError(_("the team has no journey: build one before analysing usage data"))
    seen = set(events["stage"].dropna().unique())
    return max(journeys, key=lambda j: (len(seen & set(j.stage_ids())), -journeys.index(j)))


def usage_stages(
    journeys: Sequence[Journey], events: pd.DataFrame
) -> tuple[list[str], dict[str, str]]:
    """The stages usage data is read along (those of the as-is journey the events are mapped
    to most, from the first they reach) and the names of the journeys' stages."""
    mapped = [j for j in journeys if j.kind == "as-is"] or list(journeys)
    names = {s.id: s.name for j in mapped for s in j.stages}
    if not mapped or events.empty:
        return [], names
    return observed_stages(events, funnel_journey(mapped, events).stage_ids()), names


def observed_stages(events: pd.DataFrame, stages: Sequence[str]) -> list[str]:
    """The journey's stages from the first one the events reach: usage data cannot see the
    stages before a customer first visits (status quo, motivation), so they are left out."""
    seen = set(events["stage"].dropna().unique())
    first = next((i for i, s in enumerate(stages) if s in seen), len(stages))
    return list(stages[first:])


def _stage_codes(events: pd.DataFrame, stages: Sequence[str]) -> np.ndarray:
    """Each event's stage as its place in `stages` (-1: not one of them)."""
    order = {stage: index for index, stage in enumerate(stages)}
    codes, uniques = pd.factorize(events["stage"])  # a few names: look each up once
    lookup = np.array([order.get(u, -1) for u in uniques] + [-1], dtype=np.int64)
    return np.asarray(lookup[codes])  # a missing stage's code, -1, takes the last entry: -1


def _first_entries(events: pd.DataFrame, stages: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """users x stages matrix of first-entry times (ns; -1 where never), and the user index."""
    stage_code = _stage_codes(events, stages)
    keep = stage_code >= 0
    users, uniques = pd.factorize(events["user_id"].to_numpy()[keep])
    times = events["timestamp"].to_numpy(dtype="datetime64[ns]").astype(np.int64)[keep]
    codes = stage_code[keep].astype(np.int64)
    first = np.full((len(uniques), len(stages)), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, (users, codes), times)
    first[first == np.iinfo(np.int64).max] = -1
    return first, uniques


def _ordered_entries(
    events: pd.DataFrame, stages: Sequence[str], window: pd.Timedelta | None
) -> np.ndarray:
    """users x stages matrix of the time (ns; -1 where never) each user reached each stage in
    order: stage k counts from the first event mapped to it at or after the user reached stage
    k-1, and within `window` of their first stage."""
    frame = pd.DataFrame(
        {
            "user": pd.factorize(events["user_id"].to_numpy())[0],
            "stage": _stage_codes(events, stages),
            "time": events["timestamp"].to_numpy(dtype="datetime64[ns]").astype(np.int64),
        }
    )
    frame = frame[frame["stage"] >= 0]
    users = int(frame["user"].max()) + 1 if len(frame) else 0
    reached = np.full((users, len(stages)), -1, dtype=np.int64)
    if not users:
        return reached
    limit = np.iinfo(np.int64).max if window is None else int(window.value)
    start = frame[frame["stage"] == 0].groupby("user")["time"].min()
    reached[start.index.to_numpy(), 0] = start.to_numpy()
    for k in range(1, len(stages)):
        before = reached[:, k - 1]
        here = frame[frame["stage"] == k]
        after = before[here["user"].to_numpy()]
        began = reached[here["user"].to_numpy(), 0]
        keep = (after >= 0) & (here["time"].to_numpy() >= after)
        keep &= here["time"].to_numpy() - began <= limit
        first = here[keep].groupby("user")["time"].min()
        reached[first.index.to_numpy(), k] = first.to_numpy()
    return reached


def _funnel_from_first(
    first: np.ndarray, stages: Sequence[str], seen: np.ndarray | None = None
) -> pd.DataFrame:
    reached = first >= 0
    users = reached.sum(axis=0)
    rows = []
    for k, stage in enumerate(stages):
        previous = users[k - 1] if k else users[k]
        conversion = users[k] / previous if previous else np.nan
        if k + 1 < len(stages):
            drop_off = 1 - users[k + 1] / users[k] if users[k] else np.nan
            both = reached[:, k] & reached[:, k + 1] & (first[:, k + 1] >= first[:, k])
            hours = (first[both, k + 1] - first[both, k]) / HOUR_NS
            median = float(np.median(hours)) if len(hours) else np.nan
            p90 = float(np.percentile(hours, 90)) if len(hours) else np.nan
        else:
            drop_off = median = p90 = np.nan
        row = {
            "stage": stage,
            "users": int(users[k]),
            "conversion": float(conversion) if k else 1.0,
            "drop_off": drop_off,
            "median_hours_to_next": median,
            "p90_hours_to_next": p90,
        }
        if seen is not None:
            row["first_seen_here"] = int(seen[k])
        rows.append(row)
    columns = [*FUNNEL_COLUMNS, *(["first_seen_here"] if seen is not None else [])]
    return pd.DataFrame(rows, columns=columns)


def _first_seen(events: pd.DataFrame, stages: Sequence[str]) -> np.ndarray:
    """Per stage: users whose first event in the journey is there (for a later stage: users
    who entered mid-journey, whom an ordered funnel leaves out)."""
    first, _users = _first_entries(events, stages)
    if not first.size:
        return np.zeros(len(stages), dtype=int)
    stamped = np.where(first >= 0, first, np.iinfo(np.int64).max)
    earliest = stamped.argmin(axis=1)[(first >= 0).any(axis=1)]
    return np.bincount(earliest, minlength=len(stages))


SESSION_GAP = pd.Timedelta(minutes=30)
"""Inactivity that ends a session when the events carry no session id (Google Analytics' and
most analytics tools' default)."""


def sessions(events: pd.DataFrame, gap: pd.Timedelta = SESSION_GAP) -> pd.Series:
    """Each event's session number: the export's session id where it has one (with the user,
    since tools number sessions per user), else a new session after `gap` without an event
    (`_session_numbers`, the one home of the rule)."""
    every = np.ones(len(events), dtype=bool)
    order, numbers = _session_numbers(events, every, gap)
    found = np.empty(len(events), dtype=np.int64)
    found[order] = numbers
    return pd.Series(found, index=events.index)


def funnel(
    events: pd.DataFrame,
    stages: Sequence[str],
    by: str | None = None,
    window: pd.Timedelta | None = None,
    per: str = "user",
    gap: pd.Timedelta = SESSION_GAP,
) -> pd.DataFrame:
    """Per stage in journey order, as analytics tools count an ordered funnel: users who
    reached it after the stage before (within `window` of their first stage, when given),
    conversion from the stage before (never above 100 %), the share lost before the next
    stage, and median / 90th percentile hours to the next.

    Users first seen at a later stage (they entered mid-journey) are not counted in the
    funnel; `first_seen_here` says how many there are per stage. With `by` (say 'platform'),
    one funnel per value, a user counted under each value their events carry. With
    `per="session"` the funnel counts sessions instead of users (the export's session ids,
    else sessions cut by `gap` of inactivity): a stage counts only within the same visit.
    """
    stages = observed_stages(events, stages)
    if per == "session":
        events = events.assign(user_id=sessions(events, gap))
    elif per != "user":
        raise ValueError(_("count per 'user' or per 'session', not {per!r}").format(per=per))

    def one(part: pd.DataFrame) -> pd.DataFrame:
        return _funnel_from_first(
            _ordered_entries(part, stages, window), stages, _first_seen(part, stages)
        )

    if by is None:
        return one(events)
    parts = []
    for value, group in events.groupby(by, sort=True, dropna=True):
        if value == "":
            continue
        part = one(group)
        part.insert(0, by, value)
        parts.append(part)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


COMPARABLE = {"platform": N_("platform"), "channel": N_("channel")}
"""Event fields a funnel can be compared by (side by side), as a picker or a heading names
them."""


MOST_GROUPS = 12
"""Groups a side-by-side funnel shows at most: a field with more (a user id, a free text)
is no segment."""


def comparable_fields(events: pd.DataFrame) -> list[str]:
    """The fields worth comparing a funnel by: platform, channel and the export's other
    columns kept with each event (cohort, plan ...), those holding 2 to `MOST_GROUPS` values."""
    fields = [*COMPARABLE, *(c for c in events.columns if c not in EVENT_COLUMNS)]
    return [
        f
        for f in fields
        if f in events and 2 <= events[f].replace("", pd.NA).nunique() <= MOST_GROUPS
    ]


def field_name(field: str) -> str:
    """A field as a picker or a heading names it: the kit's own in the reader's language, an
    export's column as the export wrote it."""
    return _(COMPARABLE[field]) if field in COMPARABLE else field


def compare_funnels(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Side-by-side funnels (`funnel(..., by=by)`) end to end: per value, who entered the first
    stage, who reached the last, the conversion with its 95 % Wilson interval, and its difference
    from the largest group with Newcombe's interval for a difference of two proportions (built
    from the two Wilson intervals; it stays inside -100..100 points even for small groups).
    Shares in percent, differences in points."""
    columns = [by, "entered", "converted", "conversion", "low", "high", "difference"]
    columns += ["difference_low", "difference_high"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    ends = table.groupby(by, sort=False)["users"].agg(entered="first", converted="last")
    ends = ends.reset_index().sort_values("entered", ascending=False, kind="stable")
    share, low, high = share_from_counts(ends["converted"].to_numpy(), ends["entered"].to_numpy())
    ends["conversion"], ends["low"], ends["high"] = share, low, high
    p0, l0, h0 = share[0], low[0], high[0]  # the largest group: what the others are set against
    ends["difference"] = share - p0
    ends["difference_low"] = ends["difference"] - np.sqrt((share - low) ** 2 + (h0 - p0) ** 2)
    ends["difference_high"] = ends["difference"] + np.sqrt((high - share) ** 2 + (p0 - l0) ** 2)
    return ends[columns].reset_index(drop=True)


def ever_reached(events: pd.DataFrame, stages: Sequence[str]) -> pd.DataFrame:
    """Per stage: users who ever had an event there, in any order, over the whole period. Not
    a funnel (a stage may hold more users than the one before); shown under this name only."""
    stages = observed_stages(events, stages)
    table = _funnel_from_first(_first_entries(events, stages)[0], stages)
    return table[["stage", "users"]]


def paths(events: pd.DataFrame, stages: Sequence[str], top: int = 10) -> pd.DataFrame:
    """The most common stage sequences (repeats in a row collapsed), and whether each loops
    back to an earlier stage."""
    order = {s: i for i, s in enumerate(stages)}
    data = events.loc[events["stage"].isin(order), ["user_id", "timestamp", "stage"]]
    data = data.sort_values(["user_id", "timestamp"], kind="stable")
    changed = (data["stage"] != data["stage"].shift()) | (
        data["user_id"] != data["user_id"].shift()
    )
    data = data[changed]
    sequences = data.groupby("user_id", sort=False)["stage"].agg(" > ".join)
    counts = sequences.value_counts().head(top)
    total = len(sequences)

    def loops(path: str) -> bool:
        seen_max = -1
        for stage in path.split(" > "):
            if order[stage] < seen_max:
                return True
            seen_max = max(seen_max, order[stage])
        return False

    return pd.DataFrame(
        {
            "path": counts.index,
            "users": counts.to_numpy(),
            "share": counts.to_numpy() / total if total else np.nan,
            "loops_back": [loops(p) for p in counts.index],
        }
    )


FLOW_COLUMNS = ("from_stage", "to_stage", "moves", "sessions", "share", "back")


def _by_then_time(key: np.ndarray, times: np.ndarray) -> np.ndarray:
    """The order by `key` (any 64-bit values), then time to the millisecond, events of the
    same millisecond as given: one stable sort of one number (the key's rank above the
    milliseconds since the first event), a fifth of `np.lexsort`'s time on three columns."""
    if not times.size:
        return np.arange(0)
    rank = pd.factorize(key)[0].astype(np.int64)
    millis = (times - times.min()) // 1_000_000
    if int(rank.max()) * (int(millis.max()) + 1) >= 2**62:  # decades of events
        order = np.argsort(times, kind="stable")
        return order[np.argsort(rank[order], kind="stable")]
    return np.argsort(rank * (millis.max() + 1) + millis, kind="stable")


def _hashed(values: pd.Series, keep: np.ndarray) -> np.ndarray:
    """64-bit hashes of the kept texts (a blank as ""): grouping by them is grouping by the
    texts (two of ten million ids share a hash with odds of about 3 in a million). Python's
    own string hash, read straight off the objects, takes two thirds of the time of pandas'
    `hash_array` (which encodes every text to UTF-8 first) and a third of `pd.factorize`'s;
    it differs between processes, and the groups never leave this one."""
    texts = values.to_numpy(dtype=object, na_value="")[keep]
    return np.fromiter(map(hash, texts), dtype=np.int64, count=len(texts)).view(np.uint64)


BLANK_HASH = np.int64(hash("")).view(np.uint64)
"""What `_hashed` gives a blank: a file whose session ids are all blank has none."""


def _session_numbers(
    events: pd.DataFrame, keep: np.ndarray, gap: pd.Timedelta, by_id: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """The kept events' order by session then time, and each one's session number in that
    order: the export's session ids where it has them (per user, as tools number them; not
    with `by_id=False`), else a new session after `gap` without an event. On numbers, not
    strings: ten million events."""
    users = _hashed(events["user_id"], keep)
    times = events["timestamp"].to_numpy(dtype="datetime64[ns]").astype(np.int64)[keep]
    ids = _hashed(events["session_id"], keep) if by_id and "session_id" in events else None
    if ids is not None and (ids != BLANK_HASH).any():
        session = users * np.uint64(1_000_003) ^ ids  # wraps: still one number per pair
        order = _by_then_time(session, times)
        key = session[order]
        new = np.r_[True, key[1:] != key[:-1]]
    else:
        order = _by_then_time(users, times)
        key_u, key_t = users[order], times[order]
        new = np.r_[True, (key_u[1:] != key_u[:-1]) | (np.diff(key_t) > gap.value)]
    return order, np.cumsum(new)


def flows(
    events: pd.DataFrame,
    stages: Sequence[str],
    gap: pd.Timedelta = SESSION_GAP,
    per: str = "session",
) -> pd.DataFrame:
    """Stage-to-stage moves within a session, as a Sankey draws them: from each stage, where
    people went next (events at the same stage in a row are one visit to it), how often, in
    how many sessions, the share of the moves out of that stage, and whether the move goes
    back to an earlier stage (a loop: comparing offers again, a payment retried). A session
    is the export's session id, else `gap` of inactivity; a return visit the next day starts
    a new session, so it is no move. With `per="user"` a person's whole history is one
    sequence (journeys that take days: a move is the next stage they were seen at)."""
    if per not in ("user", "session"):
        raise ValueError(_("count per 'user' or per 'session', not {per!r}").format(per=per))
    gap = pd.Timedelta.max if per == "user" else gap  # a person's history: one sequence
    codes = _stage_codes(events, stages)
    keep = codes >= 0
    if not keep.any():
        return pd.DataFrame(columns=list(FLOW_COLUMNS))
    order, session = _session_numbers(events, keep, gap, by_id=per == "session")
    stage = codes[keep][order]
    # a visit: a run of events at one stage within a session
    visit = np.r_[True, (stage[1:] != stage[:-1]) | (session[1:] != session[:-1])]
    stage, session = stage[visit], session[visit]
    move = session[1:] == session[:-1]
    frm, to, where = stage[:-1][move], stage[1:][move], session[1:][move]
    if not frm.size:
        return pd.DataFrame(columns=list(FLOW_COLUMNS))
    n = len(stages)
    pair = frm * n + to
    moves = np.bincount(pair, minlength=n * n)
    distinct = pd.unique(pair * (int(where.max()) + 1) + where) // (int(where.max()) + 1)
    in_sessions = np.bincount(distinct, minlength=n * n)
    out_of = moves.reshape(n, n).sum(axis=1)
    found = np.flatnonzero(moves)
    table = pd.DataFrame(
        {
            "from_stage": [stages[int(k) // n] for k in found],
            "to_stage": [stages[int(k) % n] for k in found],
            "moves": moves[found],
            "sessions": in_sessions[found],
            "share": moves[found] / out_of[found // n],
            "back": (found % n) < (found // n),
        }
    )
    return table.sort_values("moves", ascending=False, kind="stable").reset_index(drop=True)


def shown_flows(events: pd.DataFrame, stages: Sequence[str]) -> tuple[pd.DataFrame, str]:
    """The moves a page and the report draw: within sessions, else (journeys whose stages are
    days apart, so no visit holds a move) per person; with which of the two it is."""
    table = flows(events, stages)
    if not table.empty:
        return table, "session"
    return flows(events, stages, per="user"), "user"


def conversion_over_time(
    events: pd.DataFrame, stages: Sequence[str], period: str = "W"
) -> pd.DataFrame:
    """For each pair of consecutive stages and each period of first entry into the first one:
    how many entered, and the share that went on to the next stage."""
    stages = observed_stages(events, stages)
    first, _rest = _first_entries(events, stages)
    rows = []
    for k in range(len(stages) - 1):
        entered = first[:, k] >= 0
        if not entered.any():
            continue
        when = pd.to_datetime(first[entered, k]).to_period(period).astype(str)
        went_on = first[entered, k + 1] >= first[entered, k]
        table = pd.DataFrame({"period": when, "on": went_on}).groupby("period")["on"]
        for period_name, users, converted in zip(
            table.size().index, table.size().to_numpy(), table.sum().to_numpy(), strict=True
        ):
            rows.append(
                {
                    "stage": stages[k],
                    "next_stage": stages[k + 1],
                    "period": period_name,
                    "starts": pd.Period(period_name, freq=period).start_time,
                    "users": int(users),
                    "conversion": converted / users,
                }
            )
    return pd.DataFrame(
        rows, columns=["stage", "next_stage", "period", "starts", "users", "conversion"]
    )
