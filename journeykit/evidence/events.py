"""Usage events (a clickstream or an event log): users, events and times, each event mapped
to a stage, the export's other columns kept with it."""

from __future__ import annotations

import json
from collections.abc import Mapping

import numpy as np
import pandas as pd

from journeykit.errors import EvidenceImportError
from journeykit.evidence import cells
from journeykit.evidence.columns import normalise
from journeykit.evidence.reading import RawTable
from journeykit.evidence.report import Checker, ImportReport
from journeykit.i18n import _
from journeykit.model import Workspace
from journeykit.store.frames import event_rules


def parse_events(
    table: RawTable,
    workspace: Workspace,
    columns: Mapping[str, str] | None = None,
    stages: Mapping[str, str] | None = None,
    dates: str = "",
) -> tuple[pd.DataFrame, ImportReport]:
    """Usage events in the store's shape, each mapped to a stage where one is known."""
    frame, match = cells.prepare(table, "events", columns, workspace)
    notes: list[str] = []
    check = Checker(frame, cells.offset(table))
    known = cells.known(workspace)
    unknown: dict[str, dict[str, list[str]]] = {}
    users, events = cells.text(frame, match, "user_id"), cells.text(frame, match, "event")
    for broken in event_rules(users, events):
        values = users if broken.column == "user_id" else events
        header = match.columns[broken.column]
        check.refuse(pd.Series(broken.rows, index=frame.index), header, values, broken.rule)
    raw_time = cells.text(frame, match, "timestamp")
    stamps = cells.times(raw_time, dates, notes)
    check.refuse(
        stamps.isna(),
        match.columns["timestamp"],
        raw_time,
        _("not a time: use ISO 8601 (2026-03-01T14:30:00) or epoch seconds"),
    )
    if "stage" in match.columns:
        stage = cells.resolve(
            check,
            cells.text(frame, match, "stage"),
            known["stage"],
            "stage",
            match.columns["stage"],
            unknown,
        )
    else:
        table_map = cells.lookup(known["stage"])
        given = {normalise(e): table_map.get(normalise(s), s) for e, s in (stages or {}).items()}
        bad = {e: s for e, s in (stages or {}).items() if normalise(s) not in table_map}
        if bad:
            event, name = next(iter(bad.items()))
            raise EvidenceImportError(
                _(
                    "--stages maps {event!r} to stage {name!r}, which no journey of this team "
                    "has (stages: {value3})"
                ).format(
                    event=event, name=name, value3=", ".join(sorted(set(known["stage"].values())))
                )
            )
        keys = events.map(normalise)
        stage = keys.map(given).astype(object).fillna(keys.map(table_map).astype(object))
        stage = stage.where(stage.notna(), None)
    touchpoint = cells.resolve(
        check,
        cells.text(frame, match, "touchpoint"),
        known["touchpoint"],
        "touchpoint",
        match.columns.get("touchpoint", "touchpoint"),
        unknown,
    )
    clean = pd.DataFrame(
        {
            "user_id": users,
            "event": events,
            "timestamp": stamps,
            "session_id": cells.text(frame, match, "session_id"),
            "stage": stage,
            "touchpoint": touchpoint,
            "platform": cells.text(frame, match, "platform"),
            "channel": cells.text(frame, match, "channel"),
            "attributes": _attributes(frame, match.unused[:KEPT_ATTRIBUTES]),
        }
    )
    report = cells.start_report(table, "events", match, check, len(table.frame))
    report.kept_columns = list(match.unused[:KEPT_ATTRIBUTES])
    report.unused_columns = list(match.unused[KEPT_ATTRIBUTES:])
    report.notes.extend(notes)
    report.unknown = unknown
    unmapped = clean.loc[clean["stage"].isna() & ~check.bad, "event"].value_counts()
    report.unmapped_events = {str(k): int(v) for k, v in unmapped.head(50).items()}
    return cells.keep_valid(clean, check), report


KEPT_ATTRIBUTES = 20
"""An event export's other columns kept with each event (cohort, plan, lifecycle ...): the
first this many; the rest are listed as not used."""


def _attributes(frame: pd.DataFrame, headers: list[str]) -> pd.Series:
    """Each row's other columns as a JSON object of texts (None where all are blank). Built
    column by column from each column's distinct values: a clickstream runs to millions."""
    if not headers:
        return pd.Series(None, index=frame.index, dtype=object)
    whole = pd.Series("", index=frame.index, dtype=object)
    blank = np.ones(len(frame), dtype=bool)
    for number, header in enumerate(headers):
        text = cells.column_text(frame[header]).str.strip()
        codes, uniques = pd.factorize(text)
        quoted = np.array([json.dumps(u, ensure_ascii=False) for u in uniques] + ["null"])
        filled = np.where(text.to_numpy(dtype=object) == "", "null", quoted[codes])
        blank &= text.to_numpy(dtype=object) == ""
        key = json.dumps(str(header), ensure_ascii=False)
        whole = whole + (", " if number else "") + key + ": " + filled
    return ("{" + whole + "}").where(~blank, None)
