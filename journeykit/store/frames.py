"""Bulk evidence (survey responses, usage events) as pandas frames: checked before it is stored.

Surveys and event logs run to millions of rows, too many to validate one pydantic object at a
time, so the rules are applied column by column. They are stated once, here (`survey_rules`,
`event_rules`): the store's guard refuses a table that breaks one, the importer
(`journeykit.evidence`) refuses the rows that break one, and a workspace file's evidence goes
through the guard; all three say the same words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from journeykit.errors import EvidenceError
from journeykit.i18n import _, format_choices, format_number, ngettext
from journeykit.model import SCORE_SCALES
from journeykit.model.base import BREAKS, MAX_TEXT, PASTED, UNSEEN
from journeykit.store.schema import EVENT_COLUMNS, SCORE_COLUMNS, SURVEY_COLUMNS

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S"


def _rows(mask: pd.Series | np.ndarray, limit: int = 5) -> str:
    """Row numbers (1-based, as a spreadsheet shows them) of the first offending rows."""
    found = np.asarray(mask, dtype=bool).nonzero()[0]
    where = ", ".join(format_number(int(i) + 1) for i in found[:limit])
    more = len(found) - min(len(found), limit)
    text = ngettext("row {rows}", "rows {rows}", len(found)).format(rows=where)
    if more > 0:
        text += " " + _("and {count} more").format(count=format_number(more))
    return text


@dataclass(frozen=True)
class Broken:
    """The rows that break one rule of evidence, and the rule as a person reads it."""

    column: str
    rows: np.ndarray
    rule: str


def survey_rules(
    ids: pd.Series,
    scores: Mapping[str, pd.Series],
    comments: pd.Series,
    given: Mapping[str, np.ndarray] | None = None,
    blank: np.ndarray | None = None,
) -> list[Broken]:
    """Every rule a survey response keeps, checked on whole columns: an id of its own, scores
    as whole numbers on their scales (`given`: the cells that hold an answer, where a cell that
    is not a number is missing in `scores`), at least one score, a comment of at most
    MAX_TEXT characters. `blank`: which ids are blank, when the caller has found it already
    (a tenth of the import's checking time on a million rows)."""
    broken = []
    blank = blank_cells(ids) if blank is None else blank
    broken.append(Broken("id", blank, _("no id: give each response an id")))
    broken.append(
        Broken(
            "id",
            repeated(ids).to_numpy() & ~blank,
            _("this id appears earlier in the file: each response needs its own id"),
        )
    )
    answered = np.zeros(len(ids), dtype=bool)
    for score, values in scores.items():
        low, high = SCORE_SCALES[score]
        numbers = values.to_numpy(dtype=float, na_value=np.nan)
        filled = ~np.isnan(numbers) if given is None else np.asarray(given[score], dtype=bool)
        with np.errstate(invalid="ignore"):
            fits = (numbers >= low) & (numbers <= high) & (numbers == np.round(numbers))
        broken.append(
            Broken(
                score,
                filled & ~fits,
                _("{score} answers are whole numbers from {low} to {high}").format(
                    score=score, low=low, high=high
                ),
            )
        )
        answered |= filled
    broken.append(
        Broken(
            "scores",
            ~answered,
            _("no score in this row: give at least one of {scores}").format(
                scores=format_choices(SCORE_COLUMNS)
            ),
        )
    )
    if not pd.api.types.is_numeric_dtype(comments):
        long = _longer(comments, MAX_TEXT)
        broken.append(
            Broken(
                "comment",
                long,
                _("a comment of more than {most} characters: shorten it").format(
                    most=format_number(MAX_TEXT)
                ),
            )
        )
    return [b for b in broken if b.rows.any()]


def blank_cells(values: pd.Series) -> np.ndarray:
    """Which cells are missing or empty text."""
    cells = values.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(cells, skipna=False) == "string":
        # all texts (as nearly always for ids): only "" can be blank; a quarter of the time
        # of the three comparisons below on a million ids
        return np.asarray(cells == "", dtype=bool)
    # numpy compares objects several times faster than isna() and pandas' string array do;
    # only NaN differs from itself
    try:
        blank = (cells == "") | (cells != cells) | (cells == None)  # noqa: E711 (elementwise)
        return np.asarray(blank, dtype=bool)
    except TypeError:  # pd.NA answers neither == nor != with a truth value
        blank = values.isna().to_numpy() | (values.to_numpy(dtype=object, na_value=None) == "")
        return np.asarray(blank, dtype=bool)


def _longer(texts: pd.Series, most: int) -> np.ndarray:
    """Which texts have more than `most` characters. Only the filled cells are measured, and
    len() is read straight off the objects (a tenth of .str.len()'s time); when none is too
    long, as in nearly every file, no array of lengths is made."""
    every = texts.to_numpy(dtype=object)
    try:  # only NaN differs from itself: twice as quick as notna() where blanks are NaN
        filled = every == every
        cells = every[filled]
        longest = max(map(len, cells), default=0)
    except TypeError:  # None or pd.NA among the blanks, or a number among the texts
        filled = texts.notna().to_numpy()
        cells = np.array([str(c) for c in every[filled]], dtype=object)
        longest = max(map(len, cells), default=0)
    long = np.zeros(len(texts), dtype=bool)
    if longest > most:
        long[filled] = np.fromiter(map(len, cells), dtype=np.int64, count=len(cells)) > most
    return long


def event_rules(users: pd.Series, events: pd.Series) -> list[Broken]:
    """Every rule a usage event keeps that an importer can break: a user (or case) id and an
    event name (the time is read, and checked, where it is parsed)."""
    broken = []
    for name, values in (("user_id", users), ("event", events)):
        blank = blank_cells(values)
        broken.append(
            Broken(
                name,
                blank,
                _("{name} is empty: every event needs a user (or case) id and a name").format(
                    name=name
                ),
            )
        )
    return [b for b in broken if b.rows.any()]


def _refuse(what: str, frame: pd.DataFrame, broken: list[Broken]) -> None:
    """The guard's answer to a table that breaks a rule: the first rule, where, and a value."""
    if not broken:
        return
    first = broken[0]
    where = _rows(first.rows)
    value = frame[first.column][first.rows].iloc[0] if first.column in frame else None
    if value is not None and not pd.isna(value) and str(value).strip():
        where += ", " + _("first value {value!r}").format(value=str(value))
    raise EvidenceError(
        _("{what}: column {column!r}, {where}: {rule}").format(
            what=what, column=first.column, where=where, rule=first.rule
        )
    )


def pasted(texts: pd.Series) -> int:
    """How many texts hold characters no one can see (`PASTED`): the column is searched
    joined, once (a million comments: a tenth of the time of searching each), and each text
    only when something was found."""
    cells = texts.to_numpy(dtype=object)
    try:  # only NaN differs from itself
        joined = "\n".join(cells[cells == cells])
    except (TypeError, IndexError):  # None, pd.NA or a number among the texts
        joined = "\n".join(c for c in cells if isinstance(c, str))
    if not PASTED.search(joined):
        return 0
    return sum(1 for c in cells if isinstance(c, str) and PASTED.search(c))


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
    if not optional and stamps.isna().any():
        raise EvidenceError(
            _(
                "{what}: column {column!r} is empty in {value3}: every row needs a date and time"
            ).format(what=what, column=column, value3=_rows(stamps.isna()))
        )
    # numpy writes TIME_FORMAT ("2026-03-01T14:30:00") in C: a tenth of strftime's time
    naive = stamps.dt.tz_localize(None).to_numpy(dtype="datetime64[s]")
    text = pd.Series(np.datetime_as_string(naive, unit="s"), index=frame.index, dtype=object)
    return text.where(stamps.notna(), None)


EDGE_SPACE = re.compile(r"(?m)^[^\S\n]|[^\S\n]$")
"""A text of the joined column that starts or ends with a space (a line is one cell)."""


def _plain_text(values: pd.Series) -> pd.Series | None:
    """A column of texts as stored when nothing in it needs cleaning, found in one pass over
    the joined column (a million answers: a tenth of a second, where cleaning each one takes
    seconds); None when a cell is not text, holds a new line, or needs cleaning."""
    if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
        return None
    cells = values.to_numpy(dtype=object, na_value=None)
    given = [c for c in cells if c is not None]
    try:
        joined = "\n".join(given)
    except TypeError:  # numbers among the texts
        return None
    if joined.count("\n") != max(len(given) - 1, 0) or PASTED.search(joined):
        return None
    if EDGE_SPACE.search(joined):
        return None
    blank = cells == ""
    if blank.any():
        cells = np.where(blank, None, cells)
    return pd.Series(cells, index=values.index, dtype=object)


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """Text with blanks as None, so 'no answer' is stored the same way whatever the source;
    without the characters no one can see, as every field of the model (`BREAKS`, `UNSEEN`)."""
    if column not in frame:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    values = frame[column]
    if isinstance(values.dtype, pd.CategoricalDtype):  # a few names: each cleaned once
        names = _text(pd.DataFrame({column: values.cat.categories.astype(object)}), column)
        lookup = np.array([*names.tolist(), None], dtype=object)
        return pd.Series(lookup[values.cat.codes.to_numpy()], index=frame.index, dtype=object)
    quick = _plain_text(values)
    if quick is not None:
        return quick
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
    out["respondent"] = _text(frame, "respondent")
    out["submitted_at"] = _times(frame, "submitted_at", what, optional=True)
    for column in ("touchpoint", "stage", "persona", "segment"):
        out[column] = _text(frame, column)
    numbers, given = {}, {}
    for column in SCORE_COLUMNS:
        if column not in frame:
            numbers[column] = pd.Series(np.nan, index=frame.index)
            given[column] = np.zeros(len(frame), dtype=bool)
            continue
        numbers[column] = pd.to_numeric(frame[column], errors="coerce")
        given[column] = frame[column].notna().to_numpy()
    out["comment"] = _text(frame, "comment")
    _refuse(what, frame, survey_rules(out["id"], numbers, out["comment"], given))
    for column in SCORE_COLUMNS:
        out[column] = numbers[column].astype("Int64")
    return out.reset_index(drop=True)[list(SURVEY_COLUMNS)]


def clean_event_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Usage events in the stored shape, or EvidenceError naming the rows that break a rule."""
    what = _("usage events")
    _required(frame, ("user_id", "event", "timestamp"), EVENT_COLUMNS, what)
    out = pd.DataFrame(index=frame.index)
    out["user_id"], out["event"] = _text(frame, "user_id"), _text(frame, "event")
    _refuse(what, frame, event_rules(out["user_id"], out["event"]))
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
