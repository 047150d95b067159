"""Bulk evidence (survey responses, usage events) as pandas frames: checked before it is stored.

Surveys and event logs run to millions of rows, too many to validate one pydantic object at a
time, so the same rules as the model's are applied here column by column.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from journeykit.i18n import _
from journeykit.model import SCORE_SCALES
from journeykit.model.base import BREAKS, PASTED, UNSEEN
from journeykit.store.schema import EVENT_COLUMNS, SCORE_COLUMNS, SURVEY_COLUMNS

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S"


class EvidenceError(ValueError):
    """Bulk evidence that cannot be stored as it is; the message says which rows and why."""


def _rows(mask: pd.Series, limit: int = 5) -> str:
    """Row numbers (1-based, as a spreadsheet shows them) of the first offending rows."""
    where = [str(i + 1) for i in mask.to_numpy().nonzero()[0][:limit]]
    more = int(mask.sum()) - len(where)
    label = "row" if len(where) == 1 and more <= 0 else "rows"
    return f"{label} " + ", ".join(where) + (f" and {more} more" if more > 0 else "")


def repeated(values: pd.Series) -> pd.Series:
    """True where a value already appeared above (the first one stays), so a report can name
    the later copies. `duplicated` is about twice as fast as `is_unique` on a million ids."""
    return values.duplicated(keep="first")


def _times(frame: pd.DataFrame, column: str, what: str, optional: bool = False) -> pd.Series:
    """ISO 8601 text as stored; with `optional`, a blank (or absent column) stays blank (a
    survey exported without dates)."""
    if optional and column not in frame:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    try:
        stamps = pd.to_datetime(frame[column], format="ISO8601", utc=True)
    except (ValueError, TypeError) as err:
        raise EvidenceError(
            _(
                "{what}: column {column!r} holds a value that is not a date and time ({err}): "
                "use ISO 8601, for example 2026-03-01T14:30:00"
            ).format(what=what, column=column, err=err)
        ) from None
    if optional:
        text = stamps.dt.tz_localize(None).dt.strftime(TIME_FORMAT)
        return text.astype(object).where(stamps.notna(), None)
    if stamps.isna().any():
        raise EvidenceError(
            _(
                "{what}: column {column!r} is empty in {value3}: every row needs a date and time"
            ).format(what=what, column=column, value3=_rows(stamps.isna()))
        )
    return stamps.dt.tz_localize(None).dt.strftime(TIME_FORMAT)


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """Text with blanks as None, so 'no answer' is stored the same way whatever the source;
    without the characters no one can see, as every field of the model (`BREAKS`, `UNSEEN`)."""
    if column not in frame:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    values = frame[column]
    if isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype(object)
    text = values.astype("string")
    if text.str.contains(PASTED.pattern, regex=True).any():
        text = text.str.replace(BREAKS.pattern, " ", regex=True)
        text = text.str.replace(UNSEEN.pattern, "", regex=True)
    text = text.str.strip()
    text = text.mask(text == "")
    return text.astype(object).where(text.notna(), None)


def _required(
    frame: pd.DataFrame, columns: tuple[str, ...], allowed: tuple[str, ...], what: str
) -> None:
    missing = [c for c in columns if c not in frame]
    if missing:
        raise EvidenceError(
            _(
                "{what}: column {value2!r} is missing: the table needs {value3} (it has {value4})"
            ).format(
                what=what,
                value2=missing[0],
                value3=", ".join(columns),
                value4=", ".join(map(str, frame.columns)) or ("none"),
            )
        )
    unknown = [c for c in frame.columns if c not in allowed]
    if unknown:
        raise EvidenceError(
            _(
                "{what}: column {value2!r} is not known: rename it to one of {value3} or leave "
                "it out"
            ).format(what=what, value2=unknown[0], value3=", ".join(allowed))
        )


def clean_survey_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Survey responses in the stored shape, or EvidenceError naming the rows that break a rule."""
    what = _("survey responses")
    _required(frame, ("id",), SURVEY_COLUMNS, what)
    out = pd.DataFrame(index=frame.index)
    out["id"] = _text(frame, "id")
    if out["id"].isna().any():
        raise EvidenceError(
            _("{what}: no id in {value2}: give each response an id").format(
                what=what, value2=_rows(out["id"].isna())
            )
        )
    if (dup := repeated(out["id"])).any():
        raise EvidenceError(
            _(
                "{what}: id {value2!r} appears more than once ({value3}): each response needs "
                "its own id"
            ).format(what=what, value2=out["id"][dup].iloc[0], value3=_rows(dup))
        )
    out["respondent"] = _text(frame, "respondent")
    out["submitted_at"] = _times(frame, "submitted_at", what, optional=True)
    for column in ("touchpoint", "stage", "persona", "segment"):
        out[column] = _text(frame, column)
    no_score = pd.Series(True, index=frame.index)
    for column in SCORE_COLUMNS:
        low, high = SCORE_SCALES[column]
        if column not in frame:
            out[column] = pd.Series(pd.NA, index=frame.index, dtype="Int64")
            continue
        values = pd.to_numeric(frame[column], errors="coerce")
        bad_type = values.isna() & frame[column].notna()
        bad = bad_type | (values.notna() & ((values < low) | (values > high) | (values % 1 != 0)))
        if bad.any():
            raise EvidenceError(
                _(
                    "{what}: column {column!r} must hold whole numbers from {low} to {high}; "
                    "not so in {value5} (first: '{value6}')"
                ).format(
                    what=what,
                    column=column,
                    low=low,
                    high=high,
                    value5=_rows(bad),
                    value6=frame[column][bad].iloc[0],
                )
            )
        out[column] = values.astype("Int64")
        no_score &= values.isna()
    if no_score.any():
        raise EvidenceError(
            _(
                "{what}: no score in {value2}: give at least one of nps (0-10), csat (1-5) or "
                "ces (1-7)"
            ).format(what=what, value2=_rows(no_score))
        )
    out["comment"] = _text(frame, "comment")
    return out.reset_index(drop=True)[list(SURVEY_COLUMNS)]


def clean_event_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Usage events in the stored shape, or EvidenceError naming the rows that break a rule."""
    what = _("usage events")
    _required(frame, ("user_id", "event", "timestamp"), EVENT_COLUMNS, what)
    out = pd.DataFrame(index=frame.index)
    for column in ("user_id", "event"):
        out[column] = _text(frame, column)
        if out[column].isna().any():
            raise EvidenceError(
                _(
                    "{what}: no {column} in {value3}: every event needs a user (or case) id, "
                    "an event name and a time"
                ).format(what=what, column=column, value3=_rows(out[column].isna()))
            )
    out["timestamp"] = _times(frame, "timestamp", what)
    for column in EVENT_COLUMNS[3:]:
        out[column] = _text(frame, column)
    _check_attributes(out["attributes"], what)
    return out.reset_index(drop=True)[list(EVENT_COLUMNS)]


def _attribute_object(text: object) -> dict[str, Any] | None:
    """An event's attributes as stored (a JSON object of texts), or None when it is not one."""
    try:
        found = json.loads(str(text))
    except ValueError:
        return None
    if not isinstance(found, dict):
        return None
    if not all(isinstance(v, str) or v is None for v in found.values()):
        return None
    return found


def _check_attributes(values: pd.Series, what: str) -> None:
    """Every event's attributes a JSON object of texts (a file edited by hand may say else)."""
    given = values.dropna()
    given = given[given != ""]
    if given.empty:
        return
    codes, uniques = pd.factorize(given)  # few distinct: each read once
    bad = np.array([_attribute_object(u) is None for u in uniques], dtype=bool)
    if bad.any():
        rows = pd.Series(False, index=values.index)
        rows[given.index[bad[codes]]] = True
        raise EvidenceError(
            _(
                "{what}: attributes in {value2} are not an object of texts: write them as "
                '{{"cohort": "new", "plan": "pro"}}, or leave them out'
            ).format(what=what, value2=_rows(rows))
        )


def spread_attributes(frame: pd.DataFrame) -> pd.DataFrame:
    """Stored events with their `attributes` as columns of their own (empty where an event
    has none); a name the kit uses itself keeps its place (the export's column is left out)."""
    given = frame.pop("attributes") if "attributes" in frame else pd.Series(dtype=object)
    if given.isna().all():
        return frame
    codes, uniques = pd.factorize(given)  # attributes repeat: each distinct one parsed once
    parsed = [_attribute_object(u) or {} for u in uniques]
    names = list(dict.fromkeys(k for p in parsed for k in p if k not in frame.columns))
    for name in names:
        lookup = np.array([p.get(name) for p in parsed] + [None], dtype=object)
        frame[name] = pd.array(lookup[codes], dtype="string")
    return frame
