"""Import of survey responses, interview notes and usage events, with a report of what was
taken and what was refused (file, row, column, value, reason).

By default nothing is stored when any row is refused; storing only the valid rows is an
explicit choice (`valid_only`). Either way the store is changed in one transaction or not at
all.
"""

from __future__ import annotations

import functools
import io
import json
import re
import zipfile
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from journeykit.analysis.columns import (
    DEFAULT_LABELS,
    INTERVIEW_FIELDS,
    REQUIRED,
    SCORE_FIELDS,
    ColumnMatch,
    match_columns,
    nearest,
    normalise,
)
from journeykit.analysis.reading import (
    DIGITS,
    RawTable,
    ReadError,
    decode,
    read_table,
    unpack,
)
from journeykit.i18n import LANGUAGES, N_, _, format_number, language, ngettext
from journeykit.model import SCORE_SCALES, InterviewNote, Workspace, label, make_id
from journeykit.model.base import MAX_TEXT, PASTED
from journeykit.sample.practice import PRACTICE_FILES
from journeykit.store import Store
from journeykit.store.frames import repeated

KINDS = ("survey", "interviews", "events")
KIND_NAMES = {"survey": N_("survey"), "interviews": N_("interviews"), "events": N_("usage events")}
"""How a report and a page name each kind of evidence."""
MATCH_RULES = {
    "exact": N_("exact name"),
    "keyword": N_("keyword"),
    "given": N_("given by you"),
    "values": N_("its values are known names"),
}
VALUE_FIELDS = ("touchpoint", "stage", "persona")
"""Fields a column can be recognised by from what it holds, whatever its header says."""
SAMPLE_VALUES = 2000
UNKNOWN_NAMES = {"touchpoint": N_("touchpoint"), "stage": N_("stage")}
MAX_LISTED = 200
CLI_HINTS = {
    "reverse-ces": "--reverse ces",
    "dates-day-first": "--dates day-first",
    "dates-month-first": "--dates month-first",
    "columns-date": "--columns submitted_at,COLUMN",
}
"""How to say an import option on the command line; a page names its own controls."""
TAG_WORDS = {
    "pain_point": ("pain point", "pain", "problem", "frustration", "complaint", "issue"),
    "need": ("need", "want", "wish", "request", "expectation"),
    "delight": ("delight", "positive", "praise", "love", "wow", "compliment"),
}


class EvidenceImportError(ValueError):
    """An import that cannot start (unreadable file, missing column); says how to fix it."""


@dataclass
class Refusal:
    row: int
    column: str
    value: str
    reason: str


@dataclass
class ImportReport:
    """What an import took and refused, and how it read the file."""

    file: str
    kind: str
    format: str
    encoding: str
    delimiter: str
    columns: dict[str, str]
    matched_by: dict[str, str]
    wide: dict[str, dict[str, str]]
    unused_columns: list[str]
    labels: dict[str, dict[str, int]]
    rows: int
    accepted: int
    refused_rows: int
    refused: list[Refusal] = field(default_factory=list)
    unknown: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    unmapped_events: dict[str, int] = field(default_factory=dict)
    stored: int = 0
    row_word: str = "row"
    already_stored: int = 0
    """Rows whose ids the team already has: skipped, not a conflict."""
    titles: dict[str, str] = field(default_factory=dict)
    """A matched column's question text, where a header row under the ids gives one."""
    notes: list[str] = field(default_factory=list)
    """What the reader should know once (no dates; header rows found; a guessed encoding)."""
    kept_columns: list[str] = field(default_factory=list)
    """An event export's other columns, kept with each event (`attributes`)."""

    @property
    def complete(self) -> bool:
        return self.refused_rows == 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def rows_text(self, count: int) -> str:
        """ "360 rows" (or records, for JSON) in the reader's language and its plural."""
        if self.row_word == "record":
            return ngettext("{count} record", "{count} records", count).format(
                count=format_number(count)
            )
        return ngettext("{count} row", "{count} rows", count).format(count=format_number(count))

    def text(self, keep_valid: str = "--valid-only", hints: Mapping[str, str] = CLI_HINTS) -> str:
        """The report as a person reads it at the end of an import; `keep_valid` and `hints`
        say how to store only the valid rows and how to give an option where it is read (the
        command line's options, or the page's controls)."""
        how = f"{self.format}" + (f", {self.encoding}" if self.encoding else "")
        if self.delimiter:
            how += ", " + _("delimiter {delimiter!r}").format(delimiter=self.delimiter)
        lines = [
            _("{file}: {kind}, read as {how}; {rows}").format(
                file=self.file,
                kind=_(KIND_NAMES[self.kind]),
                how=how,
                rows=self.rows_text(self.rows),
            ),
            _("columns:"),
        ]
        for name, header in self.columns.items():
            rule = _(MATCH_RULES.get(self.matched_by.get(name, ""), ""))
            title = f" {self.titles[header]!r}" if header in self.titles else ""
            lines.append(f"  {name:<13} <- {header!r}{title} ({rule})")
        for score, mapping in self.wide.items():
            for header, touchpoint in mapping.items():
                lines.append(
                    f"  {score:<13} <- {header!r} ("
                    + _("one column per touchpoint: {touchpoint}").format(touchpoint=touchpoint)
                    + ")"
                )
        if self.kept_columns:
            lines.append(
                "  "
                + _("kept with each event, to compare the funnel by: {columns}").format(
                    columns=", ".join(repr(c) for c in self.kept_columns)
                )
            )
        if self.unused_columns:
            lines.append(
                "  "
                + _("not used: {columns}").format(
                    columns=", ".join(repr(c) for c in self.unused_columns)
                )
            )
        for note in self.notes:
            for token, said in hints.items():
                note = note.replace(f"[[{token}]]", said)
            lines.append(note)
        for score, mapping in self.labels.items():
            shown = ", ".join(f"{label!r}={value}" for label, value in mapping.items())
            lines.append(_("answer labels for {score}: {shown}").format(score=score, shown=shown))
        for what, names in self.unknown.items():
            for name, close in names.items():
                hint = "; " + _("nearest: {names}").format(names=", ".join(close)) if close else ""
                lines.append(
                    _("unknown {what} {name!r}").format(
                        what=_(UNKNOWN_NAMES.get(what, what)), name=name
                    )
                    + hint
                )
        for event, count in self.unmapped_events.items():
            lines.append(
                _("event {event!r} ({rows}) has no stage: map it with --stages").format(
                    event=event, rows=self.rows_text(count)
                )
            )
        lines.append(
            _("accepted {accepted}, refused {refused}").format(
                accepted=format_number(self.accepted), refused=format_number(self.refused_rows)
            )
        )
        where = N_("{file}, record {row}") if self.row_word == "record" else N_("{file}, row {row}")
        for r in self.refused[:MAX_LISTED]:
            lines.append(
                "  "
                + _(where).format(file=self.file, row=r.row)
                + ", "
                + _("column {column!r}, value {value!r}: {reason}").format(
                    column=r.column, value=r.value, reason=r.reason
                )
            )
        if len(self.refused) > MAX_LISTED:
            lines.append(
                "  "
                + _("... and {count} more problems").format(count=len(self.refused) - MAX_LISTED)
            )
        if self.stored:
            lines.append(_("stored {rows}").format(rows=self.rows_text(self.stored)))
        elif self.refused_rows:
            lines.append(
                _(
                    "nothing was stored: fix the rows above, or import only the valid rows ({how})"
                ).format(how=keep_valid)
            )
        return "\n".join(lines)


class _Checker:
    """Collects refusals row by row while the columns are converted."""

    def __init__(self, frame: pd.DataFrame, offset: int) -> None:
        self.frame = frame
        self.offset = offset
        self.bad = pd.Series(False, index=frame.index)
        self.refused: list[Refusal] = []

    def refuse(self, mask: pd.Series, column: str, values: pd.Series, reason: str) -> None:
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        self.bad |= mask
        rows = mask.index[mask.to_numpy()] + self.offset
        for row, value in zip(rows, values[mask], strict=True):
            self.refused.append(Refusal(int(row), column, str(value), reason))


def _text(frame: pd.DataFrame, match: ColumnMatch, name: str) -> pd.Series:
    """A field as text, "" where blank (numbers the reader typed are written back plainly)."""
    header = match.columns.get(name)
    if header is None:
        return pd.Series("", index=frame.index, dtype=object)
    return _column_text(frame[header])


def _column_text(column: pd.Series) -> pd.Series:
    """A column as text, "" where blank (whole numbers written without '.0')."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.astype(object).where(column.notna(), "").astype(str)
    if pd.api.types.is_numeric_dtype(column):
        whole = column.dropna() % 1 == 0
        if whole.all():
            column = column.astype("Int64")
        return column.astype(str).where(column.notna(), "")
    return column.fillna("").astype(str)


def _column(frame: pd.DataFrame, match: ColumnMatch, name: str) -> pd.Series:
    """A field's column as read (a category column stays one), "" where the file lacks it."""
    header = match.columns.get(name)
    if header is None:
        return pd.Series("", index=frame.index, dtype=object)
    column = frame[header]
    if isinstance(column.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(column):
        return column
    return _text(frame, match, name)


def _present(column: pd.Series) -> np.ndarray:
    """Which cells hold something (not blank, not missing)."""
    if pd.api.types.is_numeric_dtype(column):
        return column.notna().to_numpy()
    return (column.fillna("").astype(str).str.strip() != "").to_numpy()


def _digits(values: pd.Series) -> pd.Series:
    if values.str.contains(r"[۰-۹٠-٩٫]", regex=True).any():
        values = values.str.translate(DIGITS).str.replace("\u066b", ".", regex=False)
    return values


def _numbers(values: pd.Series) -> pd.Series:
    """Numbers from cells; Persian digits and decimal commas only where plain parsing failed,
    so the common case (a column the reader already typed as numbers) stays fast."""
    if pd.api.types.is_numeric_dtype(values):
        return values.astype(float)
    values = values.fillna("").astype(str)
    blank = values == ""
    numbers = pd.to_numeric(values.where(~blank), errors="coerce").astype(float)
    retry = numbers.isna() & ~blank
    if retry.any():
        fixed = _digits(values[retry]).str.replace(r"^([+-]?\d+),(\d+)$", r"\1.\2", regex=True)
        numbers[retry] = pd.to_numeric(fixed, errors="coerce")
    return numbers


DATE_ORDERS = ("day-first", "month-first")
SLASHED = re.compile(r"^\s*(\d{1,2})([./-])(\d{1,2})[./-](\d{2,4})\b")
JALALI = re.compile(
    r"^\s*(1[34]\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$"
)
"""A Persian (solar hijri) date: years 1300-1499, today about 1405 (Gregorian 2026)."""


def _jalali(cells: pd.Series) -> pd.Series:
    """Persian calendar dates (۱۴۰۴/۰۹/۱۱ 14:30, digits already Latin) as Gregorian times."""
    import jdatetime

    def one(text: str) -> pd.Timestamp:
        found = JALALI.match(text)
        if found is None:
            return pd.NaT
        year, month, day, hour, minute, second = (int(g) if g else 0 for g in found.groups())
        try:
            moment = jdatetime.datetime(year, month, day, hour, minute, second).togregorian()
        except ValueError:
            return pd.NaT
        return pd.Timestamp(moment, tz="UTC")

    return pd.to_datetime(cells.map(one), utc=True)


def _day_first(cells: pd.Series, order: str, notes: list[str]) -> bool:
    """Whether dates such as 03/04/2026 put the day first: what the user said, else what the
    column shows (a first part over 12 is a day, a second part over 12 is a day), else the
    common reading of the separator (US month-first with "/", day-first otherwise), said in a
    note so that the user can say otherwise."""
    if order:
        return order == "day-first"
    parts = cells.str.extract(SLASHED)
    parts = parts[parts[0].notna()]
    if parts.empty:
        return True
    first, second = pd.to_numeric(parts[0]), pd.to_numeric(parts[2])
    if (first > 12).any() and not (second > 12).any():
        return True
    if (second > 12).any() and not (first > 12).any():
        return False
    example = cells[cells.str.match(SLASHED)].iloc[0].split()[0]
    if (first > 12).any():
        notes.append(
            _(
                "the dates mix day-first and month-first (such as {example}): correct the "
                "column, or say which with [[dates-day-first]] or [[dates-month-first]]"
            ).format(example=example)
        )
        return True
    day_first = (parts[1] != "/").any()
    notes.append(
        _(
            "dates such as {example} can be read two ways: read with the {which}; if that is "
            "wrong, import again with {other}"
        ).format(
            example=example,
            which=_("day first") if day_first else _("month first"),
            other="[[dates-month-first]]" if day_first else "[[dates-day-first]]",
        )
    )
    return day_first


def _times(values: pd.Series, order: str = "", notes: list[str] | None = None) -> pd.Series:
    """Dates and times from cells: ISO 8601 first (one fast pass), then, for the cells that
    failed, Persian digits, epoch seconds or milliseconds, Persian (Jalali) calendar dates, and
    dates such as 03/04/2026 in the day/month order the column shows or `order` says
    ("day-first", "month-first"). What the reader should know lands in `notes`."""
    notes = [] if notes is None else notes
    if pd.api.types.is_numeric_dtype(values):
        unit = "ms" if values.dropna().median() > 1e11 else "s"
        return pd.to_datetime(values, unit=unit, errors="coerce")
    parsed = pd.to_datetime(values, format="ISO8601", errors="coerce", utc=True)
    failed = parsed.isna() & values.notna()
    if failed.any():
        failed[failed] = values[failed].astype(str).str.strip() != ""
    persian_years = parsed.dt.year.between(1300, 1499)  # ISO in form, Jalali in fact
    if persian_years.any():
        parsed.loc[persian_years] = pd.NaT
        failed |= persian_years
    if failed.any():
        cleaned = _digits(values[failed].astype(str).str.strip())
        numeric = pd.to_numeric(cleaned, errors="coerce")
        if numeric.notna().all():
            unit = "ms" if numeric.median() > 1e11 else "s"
            retry = pd.to_datetime(numeric, unit=unit, errors="coerce", utc=True)
        else:
            retry = pd.Series(pd.NaT, index=cleaned.index, dtype=parsed.dtype)
            jalali = cleaned.str.match(JALALI)
            if jalali.any():
                retry.loc[jalali] = _jalali(cleaned[jalali]).astype(parsed.dtype)
                notes.append(
                    _(
                        "Persian (Jalali) dates such as {example} converted to the Gregorian "
                        "calendar"
                    ).format(example=cleaned[jalali].iloc[0])
                )
            rest = ~jalali
            retry.loc[rest] = pd.to_datetime(
                cleaned[rest], format="ISO8601", errors="coerce", utc=True
            ).astype(parsed.dtype)
            still = retry.isna() & rest
            if still.any():
                day_first = _day_first(cleaned[still], order, notes)
                retry.loc[still] = pd.to_datetime(
                    cleaned[still], format="mixed", dayfirst=day_first, errors="coerce", utc=True
                ).astype(parsed.dtype)
        parsed.loc[failed] = retry.astype(parsed.dtype)
    return parsed.dt.tz_localize(None)


def _lookup(names: Mapping[str, str]) -> dict[str, str]:
    """normalised name or id -> id."""
    return {normalise(k): v for k, v in names.items()}


def _resolve(
    check: _Checker,
    values: pd.Series,
    known: Mapping[str, str],
    what: str,
    column: str,
    unknown: dict[str, dict[str, list[str]]],
) -> pd.Series:
    """Names or ids -> ids (a category column); unknown ones refused and listed with the nearest
    known names. Each distinct name is looked up once, whatever the number of rows."""
    table = _lookup(known)
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, uniques = values.cat.codes.to_numpy(), values.cat.categories
    else:
        codes, uniques = pd.factorize(values)
    found = [table.get(normalise(str(u))) for u in uniques]
    named = [str(u).strip() != "" for u in uniques]
    categories = sorted({f for f in found if f is not None})
    position = {c: i for i, c in enumerate(categories)}
    # code -1 (missing) takes the last place of each lookup array
    recode = np.array([position.get(f, -1) if f else -1 for f in found] + [-1], dtype=np.int32)
    unresolved = np.array([n and f is None for n, f in zip(named, found, strict=True)] + [False])
    ids = pd.Series(
        pd.Categorical.from_codes(recode[codes], categories=pd.Index(categories, dtype=object)),
        index=values.index,
    )
    missing = pd.Series(unresolved[codes], index=values.index)
    names = [k for k, v in known.items() if k != v] or list(known)
    for u in [u for u, bad in zip(uniques, unresolved, strict=False) if bad][:50]:
        unknown.setdefault(what, {})[str(u)] = nearest(str(u), names)
    check.refuse(
        missing,
        column,
        values,
        _("no {what} of that name in this team: add it first, or correct the name").format(
            what=what
        ),
    )
    return ids


def _known(workspace: Workspace) -> dict[str, dict[str, str]]:
    """For touchpoints, stages and personas: every id and name (as written) -> id."""
    stages: dict[str, str] = {}
    for journey in workspace.journeys:
        for stage in journey.stages:
            stages.setdefault(stage.name, stage.id)
            stages.setdefault(stage.id, stage.id)
    return {
        "touchpoint": {
            **{t.name: t.id for t in workspace.touchpoints},
            **{t.id: t.id for t in workspace.touchpoints},
        },
        "stage": stages,
        "persona": {
            **{p.name: p.id for p in workspace.personas},
            **{p.id: p.id for p in workspace.personas},
        },
    }


def _widen(frame: pd.DataFrame, match: ColumnMatch) -> tuple[pd.DataFrame, ColumnMatch]:
    """A wide survey (one score column per touchpoint) as one row per answered touchpoint.

    Scores asked once per respondent (an overall NPS) go on a row of their own with no
    touchpoint, so they are not counted once per touchpoint.
    """
    touchpoints = sorted({t for mapping in match.wide.values() for t in mapping.values()})
    overall = [s for s in SCORE_FIELDS if s in match.columns]
    parts = []
    for touchpoint in [*touchpoints, None]:
        part = frame.copy()
        part["__touchpoint"] = touchpoint or ""
        part["__part"] = touchpoint or "overall"
        answered = np.zeros(len(part), dtype=bool)
        for score in SCORE_FIELDS:
            if touchpoint is None:
                header = match.columns.get(score) if score in overall else None
            else:
                mapping = match.wide.get(score, {})
                header = next((h for h, t in mapping.items() if t == touchpoint), None)
            part[f"__{score}"] = frame[header] if header else np.nan
            answered |= _present(part[f"__{score}"]) if header else False
        parts.append(part[answered])
    long = pd.concat(parts).sort_index(kind="stable")
    columns = dict(match.columns)
    columns["touchpoint"] = "__touchpoint"
    for score in SCORE_FIELDS:
        if score in match.wide or score in overall:
            columns[score] = f"__{score}"
    return long, ColumnMatch(columns, match.how, match.wide, match.unused)


def _scores(
    check: _Checker,
    frame: pd.DataFrame,
    match: ColumnMatch,
    labels: Mapping[str, Mapping[str, int]],
    seen: dict[str, dict[str, int]],
) -> dict[str, pd.Series]:
    out = {}
    for score in SCORE_FIELDS:
        if score not in match.columns:
            continue
        header = match.columns[score]
        if header.startswith("__"):
            header = _("{score} (one column per touchpoint)").format(score=score)
        column = frame[match.columns[score]]
        values = _numbers(column)
        raw = column if pd.api.types.is_numeric_dtype(column) else _text(frame, match, score)
        label_map = {normalise(k): v for k, v in labels.get(score, {}).items()}
        filled = pd.Series(_present(column), index=frame.index)
        is_label = values.isna() & filled
        if is_label.any():
            mapped = raw[is_label].map(normalise).map(label_map)
            values[is_label] = mapped
            for label in raw[is_label & values.notna()].unique():
                seen.setdefault(score, {})[label] = int(label_map[normalise(label)])
        low, high = SCORE_SCALES[score]
        known = ", ".join(list(labels.get(score, {}))[:4])
        check.refuse(
            values.isna() & filled,
            header,
            raw,
            _(
                "not a number from {low} to {high} nor a known answer label ({known}, ...): "
                "correct it, or add the label to the mapping"
            ).format(low=low, high=high, known=known),
        )
        numbers = values.to_numpy(dtype=float, na_value=np.nan)
        given = ~np.isnan(numbers)
        whole = np.round(numbers)
        outside = given & ((numbers < low) | (numbers > high) | (numbers != whole))
        check.refuse(
            pd.Series(outside, index=frame.index),
            header,
            raw,
            _("{score} answers are whole numbers from {low} to {high}").format(
                score=score, low=low, high=high
            ),
        )
        kept = given & ~outside
        answers = pd.arrays.IntegerArray(np.where(kept, whole, 0).astype(np.int64), ~kept)
        out[score] = pd.Series(answers, index=frame.index)
    return out


CATEGORY_FIELDS = ("touchpoint", "stage", "persona")
VERY = r"(?:very |extremely |nagyon |очень |خیلی )?"
HARD = VERY + r"(?:hard|difficult|much effort|nehéz|сложно|трудно|دشوار|سخت)"
EASY = VERY + r"(?:easy|little effort|könnyű|легко|آسان)"
HARD_FIRST = re.compile(rf"\b1\s*[=:-]\s*{HARD}|\b7\s*[=:-]\s*{EASY}|{HARD}\s*[=:-]?\s*1\b")
EASY_FIRST = re.compile(rf"\b1\s*[=:-]\s*{EASY}|\b7\s*[=:-]\s*{HARD}|{EASY}\s*[=:-]?\s*1\b")


def ces_direction(texts: list[str]) -> str:
    """ "reversed" when a CES question says 1 is hard (7 easy), "stated" when it says 1 is
    easy, "" when it says neither: the kit's CES is 1 = very easy .. 7 = very difficult."""
    for text in texts:
        folded = text.casefold()
        if HARD_FIRST.search(folded):
            return "reversed"
        if EASY_FIRST.search(folded):
            return "stated"
    return ""


def _ces_texts(match: ColumnMatch, titles: Mapping[str, str]) -> list[str]:
    headers = [_shown_columns(match).get("ces", "")]
    headers += list(match.wide.get("ces", {}))
    return [t for h in headers if h for t in (h, titles.get(h, ""))]


def _read(data: bytes, name: str, encoding: str | None, chooser: Any = None) -> RawTable:
    try:
        return read_table(data, name, encoding, dtypes=chooser)
    except ReadError as err:
        raise EvidenceImportError(str(err)) from None


def _offset(table: RawTable) -> int:
    """What to add to a row's position to get the number a person sees: the spreadsheet row
    (the header is row 1), or the record's place in a JSON list."""
    return 1 if table.format == "json" else 1 + table.header_rows


def _fallback_ids(ids: pd.Series, table: RawTable) -> pd.Series:
    """Rows with no id get one from the file name and row number (stable on re-import)."""
    # numpy compares objects about six times faster than pandas' string array does
    blank = pd.Series(ids.isna().to_numpy() | (ids.to_numpy(dtype=object) == ""), index=ids.index)
    if not blank.any():
        return ids
    stem = make_id(Path(table.name).stem, fallback="row")
    numbers = pd.Series(ids.index[blank.to_numpy()] + _offset(table), index=ids.index[blank])
    return ids.where(~blank, stem + "-" + numbers.astype(str))


def _prepare(
    table: RawTable, kind: str, columns: Mapping[str, str] | None, workspace: Workspace
) -> tuple[pd.DataFrame, ColumnMatch]:
    frame = table.frame
    if frame.empty:
        raise EvidenceImportError(_("{name}: the table has no rows").format(name=table.name))
    for field_name, header in (columns or {}).items():
        if header not in frame.columns:
            raise EvidenceImportError(
                _(
                    "{name}: column {header!r} given for {field_name} is not in the file (it has "
                    "{value4})"
                ).format(
                    name=table.name,
                    header=header,
                    field_name=field_name,
                    value4=_listed(frame.columns),
                )
            )
    touchpoints = {normalise(t.name): t.id for t in workspace.touchpoints}
    touchpoints |= {normalise(t.id): t.id for t in workspace.touchpoints}
    match = match_columns(frame.columns, kind, columns, touchpoints, table.titles)
    if kind != "events":
        _match_by_values(frame, match, _known(workspace))
    missing = [f for f in REQUIRED[kind] if f not in match.columns]
    if kind == "survey" and not match.wide and not any(s in match.columns for s in SCORE_FIELDS):
        missing.append(_("a score (nps, csat or ces)"))
    if missing:
        raise EvidenceImportError(
            _(
                "{name}: no column found for {value2} (columns: {value3}): rename the column, or "
                "say which one it is with --columns (field,column)"
            ).format(
                name=table.name,
                value2=", ".join(missing),
                value3=_listed(frame.columns),
            )
        )
    if match.wide:
        widened, long_match = _widen(frame, match)
        return widened, ColumnMatch(
            long_match.columns, match.how, match.wide, match.unused, shown=dict(match.columns)
        )
    return frame, match


def _listed(columns: Any, most: int = 20) -> str:
    """Column names for a message: the first `most`, then how many more."""
    names = [repr(str(c)) for c in columns]
    more = len(names) - most
    shown = ", ".join(names[:most])
    return shown + (
        " " + _("and {count} more").format(count=format_number(more)) if more > 0 else ""
    )


def _match_by_values(
    frame: pd.DataFrame, match: ColumnMatch, known: Mapping[str, Mapping[str, str]]
) -> None:
    """A column whose header says nothing (a question id such as "Q_TP") but whose cells are
    mostly the workspace's touchpoint (stage, persona) names is that field: left unmatched,
    every per-touchpoint score would silently be lost."""
    for field_name in VALUE_FIELDS:
        if field_name in match.columns or field_name in match.wide:
            continue
        names = {normalise(k) for k in known[field_name]}
        for header in match.unused:
            cells = frame[header].head(SAMPLE_VALUES).dropna().astype(str)
            cells = cells[cells.str.strip() != ""]
            if len(cells) and cells.map(normalise).isin(names).mean() >= 0.5:
                match.columns[field_name], match.how[field_name] = header, "values"
                match.unused.remove(header)
                break


def _report(
    table: RawTable, kind: str, match: ColumnMatch, check: _Checker, rows: int
) -> ImportReport:
    notes = []
    if table.header_rows > 1:
        notes.append(
            _(
                "the file has {count} header rows (as Qualtrics or SurveyMonkey write): the "
                "data starts on row {row}"
            ).format(count=table.header_rows, row=table.header_rows + 1)
        )
    return ImportReport(
        notes=notes,
        titles={h: t for h, t in table.titles.items() if h in match.columns.values()},
        file=table.name,
        kind=kind,
        format=table.format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        columns=_shown_columns(match),
        matched_by=match.how,
        wide=match.wide,
        unused_columns=match.unused,
        labels={},
        rows=rows,
        accepted=int((~check.bad).sum()),
        refused_rows=int(check.bad.sum()),
        refused=sorted(check.refused, key=lambda r: r.row),
        row_word="record" if table.format == "json" else "row",
    )


def _shown_columns(match: ColumnMatch) -> dict[str, str]:
    """The field -> header pairs as the file has them (not the internal wide-table names)."""
    return dict(match.shown or match.columns)


def _keep_valid(clean: pd.DataFrame, check: _Checker) -> pd.DataFrame:
    """The rows nothing was refused in (the frame itself when all are fine: no copy)."""
    if not check.bad.any():
        return clean
    return clean[~check.bad.to_numpy()].reset_index(drop=True)


def parse_survey(
    table: RawTable,
    workspace: Workspace,
    columns: Mapping[str, str] | None = None,
    labels: Mapping[str, Mapping[str, int]] | None = None,
    reverse: Collection[str] = (),
    dates: str = "",
) -> tuple[pd.DataFrame, ImportReport]:
    """Survey responses in the store's shape, and the report of what was refused. A score in
    `reverse` (only "ces" has a direction to turn) runs the other way in the file."""
    frame, match = _prepare(table, "survey", columns, workspace)
    notes: list[str] = []
    check = _Checker(frame, _offset(table))
    known = _known(workspace)
    unknown: dict[str, dict[str, list[str]]] = {}
    seen: dict[str, dict[str, int]] = {}
    merged = {k: {**DEFAULT_LABELS.get(k, {}), **(labels or {}).get(k, {})} for k in SCORE_FIELDS}
    ids = _fallback_ids(_column(frame, match, "id"), table)
    respondents = _column(frame, match, "respondent")
    if match.wide:
        respondents = respondents.fillna("").astype(str)
        respondents = respondents.where(respondents != "", ids)
        ids = ids + "-" + frame["__part"]
    if "submitted_at" in match.columns:
        raw_time = frame[match.columns["submitted_at"]]
        submitted = _times(raw_time, dates, notes)
        check.refuse(
            submitted.isna() & _present(raw_time),
            match.columns["submitted_at"],
            raw_time,
            _("not a date and time: write it as 2026-03-01 14:30 (ISO 8601)"),
        )
    else:
        submitted = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
        notes.append(
            _(
                "no date column: the responses are kept without dates, so scores over time "
                "leave them out (name the column with [[columns-date]] if there "
                "is one)"
            )
        )
    scores = _scores(check, frame, match, merged, seen)
    if "ces" in scores:
        direction = (
            "reversed" if "ces" in reverse else ces_direction(_ces_texts(match, table.titles))
        )
        low, high = SCORE_SCALES["ces"]
        if direction == "reversed":
            scores["ces"] = (low + high) - scores["ces"]
            notes.append(
                _(
                    "CES turned around: the file's scale runs 1 = very difficult .. 7 = very "
                    "easy ({why}); the kit counts 1 = very easy"
                ).format(why=_("as you said") if "ces" in reverse else _("as the question says"))
            )
        elif direction == "" and normalise(_shown_columns(match).get("ces", "ces")) != "ces":
            notes.append(
                _(
                    "CES read as 1 = very easy .. 7 = very difficult (the question does not say "
                    "which end is easy): if yours runs the other way, import with [[reverse-ces]]"
                )
            )
    answered = pd.Series(False, index=frame.index)
    for values in scores.values():
        answered |= values.notna()
    check.refuse(
        ~answered & ~check.bad,
        "(scores)",
        pd.Series("", index=frame.index),
        _("no score in this row: give at least one of nps, csat or ces"),
    )
    refs = {
        what: _resolve(
            check,
            _column(frame, match, what),
            known[what],
            what,
            match.columns.get(what, what),
            unknown,
        )
        for what in ("touchpoint", "stage", "persona")
    }
    check.refuse(
        repeated(ids),
        match.columns.get("id", "id"),
        ids,
        _("this id appears earlier in the file: each response needs its own id"),
    )
    comments = _column(frame, match, "comment")
    if "comment" in match.columns and not pd.api.types.is_numeric_dtype(comments):
        # .str.len() leaves blanks missing (never too long) and costs no copy of the column
        too_long = (comments.astype(object).str.len() > MAX_TEXT).fillna(False)
        check.refuse(
            too_long,
            match.columns["comment"],
            comments.fillna("").astype(str).str.slice(0, 40) + "...",
            _("a comment of more than {most} characters: shorten it").format(
                most=format_number(MAX_TEXT)
            ),
        )
        pasted = int(
            comments.astype("string").str.contains(PASTED.pattern, regex=True).fillna(False).sum()
        )
        if pasted:  # the store leaves them out, as every field of the model: said once, here
            notes.append(
                ngettext(
                    "{count} comment held characters no one can see (pasted with the text): "
                    "they are left out",
                    "{count} comments held characters no one can see (pasted with the text): "
                    "they are left out",
                    pasted,
                ).format(count=format_number(pasted))
            )
    clean = pd.DataFrame(
        {
            "id": ids,
            "respondent": respondents,
            "submitted_at": submitted,
            **refs,
            "segment": _column(frame, match, "segment"),
            **{
                s: scores.get(s, pd.Series(pd.NA, index=frame.index, dtype="Int64"))
                for s in SCORE_FIELDS
            },
            "comment": comments,
        },
        copy=False,  # copy-on-write keeps shared columns safe; a copy costs a tenth of the import
    )
    report = _report(table, "survey", match, check, len(table.frame))
    report.labels, report.unknown = seen, unknown
    report.notes.extend(notes)
    return _keep_valid(clean, check), report


def parse_events(
    table: RawTable,
    workspace: Workspace,
    columns: Mapping[str, str] | None = None,
    stages: Mapping[str, str] | None = None,
    dates: str = "",
) -> tuple[pd.DataFrame, ImportReport]:
    """Usage events in the store's shape, each mapped to a stage where one is known."""
    frame, match = _prepare(table, "events", columns, workspace)
    notes: list[str] = []
    check = _Checker(frame, _offset(table))
    known = _known(workspace)
    unknown: dict[str, dict[str, list[str]]] = {}
    users, events = _text(frame, match, "user_id"), _text(frame, match, "event")
    for name, values in (("user_id", users), ("event", events)):
        check.refuse(
            values == "",
            match.columns[name],
            values,
            _("{name} is empty: every event needs a user (or case) id and a name").format(
                name=name
            ),
        )
    raw_time = _text(frame, match, "timestamp")
    stamps = _times(raw_time, dates, notes)
    check.refuse(
        stamps.isna(),
        match.columns["timestamp"],
        raw_time,
        _("not a time: use ISO 8601 (2026-03-01T14:30:00) or epoch seconds"),
    )
    if "stage" in match.columns:
        stage = _resolve(
            check,
            _text(frame, match, "stage"),
            known["stage"],
            "stage",
            match.columns["stage"],
            unknown,
        )
    else:
        table_map = _lookup(known["stage"])
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
    touchpoint = _resolve(
        check,
        _text(frame, match, "touchpoint"),
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
            "session_id": _text(frame, match, "session_id"),
            "stage": stage,
            "touchpoint": touchpoint,
            "platform": _text(frame, match, "platform"),
            "channel": _text(frame, match, "channel"),
            "attributes": _attributes(frame, match.unused[:KEPT_ATTRIBUTES]),
        }
    )
    report = _report(table, "events", match, check, len(table.frame))
    report.kept_columns = list(match.unused[:KEPT_ATTRIBUTES])
    report.unused_columns = list(match.unused[KEPT_ATTRIBUTES:])
    report.notes.extend(notes)
    report.unknown = unknown
    unmapped = clean.loc[clean["stage"].isna() & ~check.bad, "event"].value_counts()
    report.unmapped_events = {str(k): int(v) for k, v in unmapped.head(50).items()}
    return _keep_valid(clean, check), report


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
        text = _column_text(frame[header]).str.strip()
        codes, uniques = pd.factorize(text)
        quoted = np.array([json.dumps(u, ensure_ascii=False) for u in uniques] + ["null"])
        cells = np.where(text.to_numpy(dtype=object) == "", "null", quoted[codes])
        blank &= text.to_numpy(dtype=object) == ""
        key = json.dumps(str(header), ensure_ascii=False)
        whole = whole + (", " if number else "") + key + ": " + cells
    return ("{" + whole + "}").where(~blank, None)


def _none(value: Any) -> Any:
    """A missing cell as None (pandas may hold it as NaN)."""
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else value


@functools.cache
def tag_words() -> dict[str, str]:
    """Every word a coder may write for a tag, in any of the kit's languages (the label the
    page shows in each, and English synonyms), to the tag it means."""
    words = {normalise(w): tag for tag, synonyms in TAG_WORDS.items() for w in (tag, *synonyms)}
    for code in LANGUAGES:
        with language(code):
            for tag in TAG_WORDS:
                words.setdefault(normalise(label(tag)), tag)
    return words


def _tags(value: str) -> list[str] | None:
    tags = []
    for part in re.split(r"[,;|/،]", value):
        key = normalise(part)
        if not key:
            continue
        tag = tag_words().get(key)
        if tag is None:
            return None
        if tag not in tags:
            tags.append(tag)
    return tags


def parse_interviews(
    table: RawTable,
    workspace: Workspace,
    columns: Mapping[str, str] | None = None,
    dates: str = "",
) -> tuple[list[InterviewNote], ImportReport]:
    """Interview notes as model items, checked one by one, with the report."""
    frame, match = _prepare(table, "interviews", columns, workspace)
    told: list[str] = []
    check = _Checker(frame, _offset(table))
    known = _known(workspace)
    unknown: dict[str, dict[str, list[str]]] = {}
    refs = {
        what: _resolve(
            check,
            _text(frame, match, what),
            known[what],
            what,
            match.columns.get(what, what),
            unknown,
        )
        for what in ("touchpoint", "stage", "persona")
    }
    tag_text = _text(frame, match, "tags")
    tags = tag_text.map(_tags)
    check.refuse(
        tags.isna(),
        match.columns.get("tags", "tags"),
        tag_text,
        _("tags must be pain point, need or delight (several separated by commas)"),
    )
    emotion_text = _text(frame, match, "emotion")
    emotion = _numbers(emotion_text)
    check.refuse(
        emotion.isna() & (emotion_text != ""),
        match.columns.get("emotion", "emotion"),
        emotion_text,
        _("emotion is a whole number from -3 to +3"),
    )
    when = _times(_text(frame, match, "date"), dates, told)
    ids = _fallback_ids(_text(frame, match, "id"), table)
    interviewees = _text(frame, match, "interviewee")
    texts = _text(frame, match, "text")
    notes: list[InterviewNote] = []
    existing = {n.id for n in workspace.interviews}
    for position, index in enumerate(frame.index):
        if check.bad[index]:
            continue
        fields = {
            "id": ids[index],
            "interviewee": interviewees[index],
            "date": None if pd.isna(when[index]) else when[index].date(),
            **{what: _none(refs[what][index]) for what in ("persona", "stage", "touchpoint")},
            "text": texts[index],
            "tags": tags[index],
            "emotion": None if pd.isna(emotion[index]) else int(emotion[index]),
        }
        one = pd.Series(False, index=frame.index)
        one.iloc[position] = True
        if fields["id"] in existing:
            check.refuse(
                one,
                match.columns.get("id", "id"),
                ids,
                _("a note with this id is already stored: it may have been imported before"),
            )
            continue
        try:
            notes.append(InterviewNote(**fields))
        except ValidationError as err:
            problem = err.errors()[0]
            name = str(problem["loc"][0]) if problem["loc"] else "row"
            column = match.columns.get(name, name)
            value = str(fields.get(name, ""))
            check.refuse(
                one,
                column,
                pd.Series(value, index=frame.index),
                problem["msg"].removeprefix("Value error, "),
            )
    report = _report(table, "interviews", match, check, len(table.frame))
    report.notes.extend(told)
    report.unknown = unknown
    return notes, report


PROSE_SUFFIXES = (".md", ".markdown", ".txt")
HEADER_LINE = re.compile(r"^\s*([^\W\d_][\w \-]{0,30}?)\s*:\s*(.+?)\s*$")


def _is_prose(data: bytes, name: str, columns: Mapping[str, str] | None) -> bool:
    """Whether an interview file is written text (one interview: Markdown or plain text, or
    a zip of such files) rather than a table of notes."""
    try:
        inner, inner_name, _packed = unpack(data, name)
    except ReadError:
        return _zip_of_prose(data)
    if Path(inner_name).suffix.lower() not in PROSE_SUFFIXES:
        return False
    if Path(inner_name).suffix.lower() != ".txt":
        return True
    try:
        table = read_table(inner, inner_name)
    except ReadError:
        return True
    match = match_columns(table.frame.columns, "interviews", columns)
    return not all(f in match.columns for f in REQUIRED["interviews"])


def _zip_of_prose(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [m for m in archive.namelist() if not m.endswith("/")]
    except (zipfile.BadZipFile, OSError):
        return False
    return bool(names) and all(Path(m).suffix.lower() in PROSE_SUFFIXES for m in names)


def prose_notes(text: str, name: str) -> list[dict[str, str]]:
    """One interview written as text: header lines such as "Interviewee: Anna" and "Date:
    2026-03-01" (in any of the four languages) at the top, then one note per paragraph
    (Markdown headings and list marks dropped). Who said it defaults to the file's name."""
    who_words = {normalise(n) for n in INTERVIEW_FIELDS["interviewee"][0]}
    who_words |= {"name", "név", "имя", "نام", "ügyfél", "клиент", "مشتری", "interjúalany"}
    date_words = {normalise(n) for n in INTERVIEW_FIELDS["date"][0]}
    date_words |= {"dátum", "дата", "تاریخ"}
    who, when = Path(name).stem, ""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[0].strip() == "---":  # Markdown front matter
        end = next((k for k in range(1, len(lines)) if lines[k].strip() == "---"), 0)
        header, lines = lines[1:end], lines[end + 1 :]
    else:
        header = []
        while lines and (not lines[0].strip() or lines[0].lstrip().startswith("#")):
            lines = lines[1:]
        while lines and HEADER_LINE.match(lines[0]):
            header.append(lines[0])
            lines = lines[1:]
    for line in header:
        found = HEADER_LINE.match(line)
        if not found:
            continue
        key, value = normalise(found.group(1)), found.group(2)
        if key in who_words:
            who = value
        elif key in date_words:
            when = value
    notes, paragraph = [], []
    for line in [*lines, ""]:
        stripped = line.strip()
        if stripped.startswith("#"):
            stripped = ""
        stripped = re.sub(r"^([-*+]|\d+[.)])\s+", "", stripped)
        if stripped:
            paragraph.append(stripped)
        elif paragraph:
            notes.append(" ".join(paragraph))
            paragraph = []
    return [{"interviewee": who, "date": when, "text": n} for n in notes]


def _read_prose(data: bytes, name: str, encoding: str | None) -> RawTable:
    files: list[tuple[str, bytes]] = []
    if data.startswith(b"PK\x03\x04") and _zip_of_prose(data):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in sorted(m for m in archive.namelist() if not m.endswith("/")):
                files.append((Path(member).name, archive.read(member)))
    else:
        try:
            inner, inner_name, _packed = unpack(data, name)
        except ReadError as err:
            raise EvidenceImportError(str(err)) from None
        files.append((inner_name, inner))
    rows: list[dict[str, str]] = []
    used = ""
    for file_name, content in files:
        try:
            text, used = decode(content, file_name, encoding)
        except ReadError as err:
            raise EvidenceImportError(str(err)) from None
        for number, note in enumerate(prose_notes(text.lstrip("\ufeff"), file_name), 1):
            note["id"] = f"{make_id(Path(file_name).stem, fallback='note')}-{number}"
            rows.append(note)
    if not rows:
        raise EvidenceImportError(
            _("{name}: no text found: write one paragraph per note").format(name=name)
        )
    frame = pd.DataFrame(rows, columns=["id", "interviewee", "date", "text"])
    return RawTable(name=name, frame=frame, format="text", encoding=used)


def category_chooser(kind: str, columns: Mapping[str, str] | None = None) -> Any:
    """For the CSV reader: read the touchpoint, stage and persona columns as categories."""

    def choose(headers: list[str]) -> dict[str, str]:
        match = match_columns(headers, kind, columns)
        return {match.columns[f]: "category" for f in CATEGORY_FIELDS if f in match.columns}

    return choose if kind == "survey" else None


@dataclass
class CheckedEvidence:
    """A file read and checked but not stored yet: what `store_checked` will save."""

    kind: str
    report: ImportReport
    rows: pd.DataFrame | None = None
    notes: list[InterviewNote] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many rows storing would add (the valid ones not stored before)."""
        if self.kind == "interviews":
            return len(self.notes)
        return 0 if self.rows is None else len(self.rows)


def check_evidence(
    store: Store,
    team: str,
    data: bytes,
    name: str,
    kind: str,
    *,
    columns: Mapping[str, str] | None = None,
    stages: Mapping[str, str] | None = None,
    labels: Mapping[str, Mapping[str, int]] | None = None,
    encoding: str | None = None,
    reverse: Collection[str] = (),
    dates: str = "",
) -> CheckedEvidence:
    """Read and check one file of evidence against the team's workspace; nothing is stored."""
    if kind not in KINDS:
        raise EvidenceImportError(
            _("kind must be one of {value1}, not {kind!r}").format(
                value1=", ".join(KINDS), kind=kind
            )
        )
    workspace = store.workspace(team)
    if kind == "interviews" and _is_prose(data, name, columns):
        table = _read_prose(data, name, encoding)
    else:
        table = _read(data, name, encoding, category_chooser(kind, columns))
    if kind == "survey":
        clean, report = parse_survey(table, workspace, columns, labels, reverse, dates)
        before = store.stored_survey_ids(team, clean["id"])
        if before:
            clean = clean[~clean["id"].isin(before)].reset_index(drop=True)
            report.already_stored = len(before)
            report.notes.append(
                ngettext(
                    "{count} response is already stored (imported before): it is skipped",
                    "{count} responses are already stored (imported before): they are skipped",
                    len(before),
                ).format(count=format_number(len(before)))
            )
        return CheckedEvidence(kind, report, rows=clean)
    if kind == "events":
        clean, report = parse_events(table, workspace, columns, stages, dates)
        return CheckedEvidence(kind, report, rows=clean)
    notes, report = parse_interviews(table, workspace, columns, dates)
    return CheckedEvidence(kind, report, notes=notes)


def store_checked(
    store: Store, team: str, checked: CheckedEvidence, *, valid_only: bool = False
) -> ImportReport:
    """Save what `check_evidence` accepted, in one transaction; nothing at all when a row was
    refused, unless `valid_only` says to keep the valid rows."""
    report = checked.report
    if report.refused_rows and not valid_only:
        return report
    if checked.kind == "interviews":
        if checked.notes:
            store.add_many(team, checked.notes)
        report.stored = len(checked.notes)
    elif checked.rows is not None and len(checked.rows):
        add = store.add_survey_responses if checked.kind == "survey" else store.add_usage_events
        report.stored = add(team, checked.rows)
    return report


def import_evidence(
    store: Store,
    team: str,
    data: bytes,
    name: str,
    kind: str,
    *,
    valid_only: bool = False,
    columns: Mapping[str, str] | None = None,
    stages: Mapping[str, str] | None = None,
    labels: Mapping[str, Mapping[str, int]] | None = None,
    encoding: str | None = None,
    reverse: Collection[str] = (),
    dates: str = "",
) -> ImportReport:
    """Read, check and (if nothing is refused, or valid_only) store one file of evidence."""
    checked = check_evidence(
        store,
        team,
        data,
        name,
        kind,
        columns=columns,
        stages=stages,
        labels=labels,
        encoding=encoding,
        reverse=reverse,
        dates=dates,
    )
    return store_checked(store, team, checked, valid_only=valid_only)


def import_practice(store: Store, team: str) -> list[ImportReport]:
    """The practice survey, notes and events imported into `team`, as a team imports them."""
    return [
        import_evidence(store, team, write().encode("utf-8"), name, kind)
        for kind, (name, write) in PRACTICE_FILES.items()
    ]


def load_mapping(path: Path) -> dict[str, str]:
    """A small two-column table (CSV: from,to) or a JSON object, for --columns and --stages."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EvidenceImportError(
            _("{path}: no such file: check the path").format(path=path)
        ) from None
    if path.suffix.lower() == ".json":
        try:
            mapping = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise EvidenceImportError(
                _("{path}: not a JSON object ({err})").format(path=path, err=err)
            ) from None
        if not isinstance(mapping, dict):
            raise EvidenceImportError(
                _('{path}: expected a JSON object such as {{"nps": "Q1"}}').format(path=path)
            )
        return {str(k): str(v) for k, v in mapping.items()}
    table = _read(data, path.name, None)
    if table.frame.shape[1] < 2:
        raise EvidenceImportError(_("{path}: expected two columns (from, to)").format(path=path))
    first, second = table.frame.columns[:2]
    pairs = {str(first): str(second)}  # the header row is a pair too when there is no header
    if normalise(str(first)) in ("field", "event", "from", "name", "touchpoint"):
        pairs = {}
    cells = table.frame[[first, second]].fillna("").astype(str)
    pairs.update(dict(zip(cells[first], cells[second], strict=True)))
    half = [k.strip() or v.strip() for k, v in pairs.items() if bool(k.strip()) != bool(v.strip())]
    if half:
        raise EvidenceImportError(
            _("{path}: {name!r} has no partner in the other column: fill both cells").format(
                path=path, name=half[0]
            )
        )
    return {k.strip(): v.strip() for k, v in pairs.items() if k.strip()}


__all__ = [
    "KINDS",
    "CheckedEvidence",
    "EvidenceImportError",
    "ImportReport",
    "Refusal",
    "check_evidence",
    "import_evidence",
    "import_practice",
    "load_mapping",
    "parse_events",
    "parse_interviews",
    "parse_survey",
    "store_checked",
]
