"""What every parser does to a table: the column match, cells to numbers, texts and dates,
names to ids, row numbers as a person sees them."""

from __future__ import annotations

import re
import statistics
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from journeykit.errors import EvidenceImportError, ReadError
from journeykit.evidence import reading
from journeykit.evidence.columns import (
    REQUIRED,
    SCORE_FIELDS,
    ColumnMatch,
    match_columns,
    nearest,
    normalise,
)
from journeykit.evidence.reading import DIGITS, RawTable, read_table, to_number
from journeykit.evidence.report import Checker, ImportReport
from journeykit.i18n import _, format_choices, format_number
from journeykit.model import Workspace, make_id
from journeykit.store.frames import blank_cells

VALUE_FIELDS = ("touchpoint", "stage", "persona")
"""Fields a column can be recognised by from what it holds, whatever its header says."""
SAMPLE_VALUES = 2000
VALUE_SAMPLE = 200
"""The filled cells (of the first SAMPLE_VALUES rows) a column is told by its values from."""
FREE_TEXT_FIELDS = {"survey": "comment", "interviews": "text"}
"""The field that holds people's own words, for a column recognised by them."""
FREE_TEXT_WORDS = 3
FREE_TEXT_LENGTH = 15
"""A column whose filled cells have at least FREE_TEXT_WORDS words (the median) and
FREE_TEXT_LENGTH characters (the mean), mostly different, holds people's own words (the
FREE_TEXT_FIELDS field of its kind)."""


def text(frame: pd.DataFrame, match: ColumnMatch, name: str) -> pd.Series:
    """A field as text, "" where blank (numbers the reader typed are written back plainly)."""
    header = match.columns.get(name)
    if header is None:
        return pd.Series("", index=frame.index, dtype=object)
    return column_text(frame[header])


def column_text(column: pd.Series) -> pd.Series:
    """A column as text, "" where blank (whole numbers written without '.0')."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.astype(object).where(column.notna(), "").astype(str)
    if pd.api.types.is_numeric_dtype(column):
        whole = column.dropna() % 1 == 0
        if whole.all():
            column = column.astype("Int64")
        return column.astype(str).where(column.notna(), "")
    return column.fillna("").astype(str)


def column(frame: pd.DataFrame, match: ColumnMatch, name: str) -> pd.Series:
    """A field's column as read (a category column stays one), "" where the file lacks it."""
    header = match.columns.get(name)
    if header is None:
        return pd.Series("", index=frame.index, dtype=object)
    column = frame[header]
    if isinstance(column.dtype, pd.CategoricalDtype) or _texts(column):
        return column
    return text(frame, match, name)


def _texts(column: pd.Series) -> bool:
    """Whether every filled cell is text (a blank one may be missing): such a column is used
    as read, where writing it out as text again costs a tenth of a million rows' import."""
    if pd.api.types.is_object_dtype(column):
        return str(pd.api.types.infer_dtype(column, skipna=True)) in ("string", "empty")
    return bool(pd.api.types.is_string_dtype(column))


def present(column: pd.Series) -> np.ndarray:
    """Which cells hold something (not blank, not missing)."""
    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_datetime64_any_dtype(column):
        return np.asarray(column.notna().to_numpy(), dtype=bool)
    return np.asarray((column.fillna("").astype(str).str.strip() != "").to_numpy(), dtype=bool)


def present_where(column: pd.Series, among: np.ndarray) -> np.ndarray:
    """`present` for the cells `among` picks (False elsewhere): a check that needs it only
    where a conversion failed looks at those few, not at a million good ones."""
    found = np.zeros(len(column), dtype=bool)
    if among.any():
        found[among] = present(column[among])
    return found


def digits(values: pd.Series) -> pd.Series:
    if values.str.contains(r"[۰-۹٠-٩٫]", regex=True).any():
        values = values.str.translate(DIGITS).str.replace("\u066b", ".", regex=False)
    return values


def numbers(values: pd.Series) -> pd.Series:
    """Numbers from cells; Persian digits and decimal commas only where plain parsing failed,
    so the common case (a column the reader already typed as numbers) stays fast."""
    if pd.api.types.is_numeric_dtype(values):
        return values.astype(float)
    values = values.fillna("").astype(str)
    blank = values == ""
    numbers = pd.to_numeric(values.where(~blank), errors="coerce").astype(float)
    retry = numbers.isna() & ~blank
    if retry.any():
        fixed = digits(values[retry]).str.replace(r"^([+-]?\d+),(\d+)$", r"\1.\2", regex=True)
        numbers[retry] = pd.to_numeric(fixed, errors="coerce")
    return numbers


YEAR_FIRST = re.compile(r"^\s*(\d{4})[./](\d{1,2})[./](\d{1,2})\.?(?=[\sT]|$)")
"""A date written year first with dots or slashes ("2026.03.01.", as Hungarian Google Forms
writes it, or 2026/3/1): always year, month, day, never the day first."""


def _iso_date(found: re.Match[str]) -> str:
    year, month, day = found.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


DATE_ORDERS = ("day-first", "month-first")
SLASHED = re.compile(r"^\s*(\d{1,2})([./-])(\d{1,2})[./-](\d{2,4})\b")
JALALI = re.compile(
    r"^\s*(1[34]\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$"
)
"""A Persian (solar hijri) date: years 1300-1499, today about 1405 (Gregorian 2026)."""


def jalali(cells: pd.Series) -> pd.Series:
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


def day_first(cells: pd.Series, order: str, notes: list[str]) -> bool:
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
    return bool(day_first)


def times(values: pd.Series, order: str = "", notes: list[str] | None = None) -> pd.Series:
    """Dates and times from cells: ISO 8601 first (one fast pass), then, for the cells that
    failed, Persian digits, epoch seconds or milliseconds, Persian (Jalali) calendar dates, and
    dates such as 03/04/2026 in the day/month order the column shows or `order` says
    ("day-first", "month-first"). What the reader should know lands in `notes`."""
    notes = [] if notes is None else notes
    if pd.api.types.is_datetime64_dtype(values):  # the reader took them as plain ISO dates
        return pd.Series(values.to_numpy(dtype="datetime64[s]"), index=values.index).astype(
            "datetime64[us]"
        )
    if pd.api.types.is_numeric_dtype(values):
        return _from_numbers(values)
    plain = reading.plain_iso(values)
    if plain is not None:
        return plain
    parsed = pd.to_datetime(values, format="ISO8601", errors="coerce", utc=True)
    failed = parsed.isna() & values.notna()
    if failed.any():
        failed[failed] = values[failed].astype(str).str.strip() != ""
    persian_years = parsed.dt.year.between(1300, 1499)  # ISO in form, Jalali in fact
    if persian_years.any():
        parsed.loc[persian_years] = pd.NaT
        failed |= persian_years
    if failed.any():
        cleaned = digits(values[failed].astype(str).str.strip())
        numeric = pd.to_numeric(cleaned, errors="coerce")
        if numeric.notna().all():
            retry = _from_numbers(numeric).dt.tz_localize("UTC")
        else:
            retry = pd.Series(pd.NaT, index=cleaned.index, dtype=parsed.dtype)
            persian = cleaned.str.match(JALALI)
            if persian.any():
                retry.loc[persian] = jalali(cleaned[persian]).astype(parsed.dtype)
                notes.append(
                    _(
                        "Persian (Jalali) dates such as {example} converted to the Gregorian "
                        "calendar"
                    ).format(example=cleaned[persian].iloc[0])
                )
            rest = ~persian
            retry.loc[rest] = pd.to_datetime(
                cleaned[rest].str.replace(YEAR_FIRST, _iso_date, regex=True),
                format="ISO8601",
                errors="coerce",
                utc=True,
            ).astype(parsed.dtype)
            still = retry.isna() & rest
            if still.any():
                first = day_first(cleaned[still], order, notes)
                retry.loc[still] = pd.to_datetime(
                    cleaned[still], format="mixed", dayfirst=first, errors="coerce", utc=True
                ).astype(parsed.dtype)
        parsed.loc[failed] = retry.astype(parsed.dtype)
    return parsed.dt.tz_localize(None)


def _from_numbers(numbers: pd.Series) -> pd.Series:
    """Dates from numbers: a date written as YYYYMMDD (GA4's event_date), else time since
    1970 in seconds, milliseconds, microseconds (GA4's event_timestamp) or nanoseconds, told
    apart by size (a day of 2026 is about 1.8e9 seconds)."""
    numbers = numbers.astype(float)
    filled = numbers.dropna()
    if len(filled) and (filled % 1 == 0).all() and filled.between(19000101, 22001231).all():
        days = pd.to_datetime(
            numbers.astype("Int64").astype("string"), format="%Y%m%d", errors="coerce"
        )
        if days[filled.index].notna().all():
            return days.astype("datetime64[us]")
    size = abs(filled.median()) if len(filled) else 0
    unit = "ns" if size > 1e17 else "us" if size > 1e14 else "ms" if size > 1e11 else "s"
    return pd.to_datetime(numbers, unit=unit, errors="coerce")


def lookup(names: Mapping[str, str]) -> dict[str, str]:
    """normalised name or id -> id."""
    return {normalise(k): v for k, v in names.items()}


def resolve(
    check: Checker,
    values: pd.Series,
    known: Mapping[str, str],
    what: str,
    column: str,
    unknown: dict[str, dict[str, list[str]]],
) -> pd.Series:
    """Names or ids -> ids (a category column); unknown ones refused and listed with the nearest
    known names. Each distinct name is looked up once, whatever the number of rows."""
    table = lookup(known)
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


def references(
    check: Checker,
    frame: pd.DataFrame,
    match: ColumnMatch,
    known: Mapping[str, Mapping[str, str]],
    unknown: dict[str, dict[str, list[str]]],
) -> dict[str, pd.Series]:
    """The touchpoint, stage and persona of each row as ids (`resolve`), blank where the file
    has no such column."""
    none = pd.Categorical.from_codes(
        np.full(len(frame), -1, dtype=np.int8), categories=pd.Index([], dtype=object)
    )
    return {
        what: resolve(
            check,
            column(frame, match, what),
            known[what],
            what,
            match.columns[what],
            unknown,
        )
        if what in match.columns
        else pd.Series(none, index=frame.index)
        for what in ("touchpoint", "stage", "persona")
    }


def known(workspace: Workspace) -> dict[str, dict[str, str]]:
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


def widen(frame: pd.DataFrame, match: ColumnMatch) -> tuple[pd.DataFrame, ColumnMatch]:
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
            answered |= present(part[f"__{score}"]) if header else False
        parts.append(part[answered])
    long = pd.concat(parts).sort_index(kind="stable")
    columns = dict(match.columns)
    columns["touchpoint"] = "__touchpoint"
    for score in SCORE_FIELDS:
        if score in match.wide or score in overall:
            columns[score] = f"__{score}"
    return long, ColumnMatch(columns, match.how, match.wide, match.unused)


def read(data: bytes, name: str, encoding: str | None, chooser: Any = None) -> RawTable:
    try:
        return read_table(data, name, encoding, dtypes=chooser)
    except ReadError as err:
        raise EvidenceImportError(str(err)) from None


def offset(table: RawTable) -> int:
    """What to add to a row's position to get the number a person sees: the spreadsheet row
    (the header is row 1), or the record's place in a JSON list."""
    return 1 if table.format == "json" else 1 + table.header_rows


def fallback_ids(ids: pd.Series, table: RawTable) -> pd.Series:
    """Rows with no id get one from the file name and row number (stable on re-import)."""
    blank = pd.Series(blank_cells(ids), index=ids.index)
    if not blank.any():
        return ids
    stem = make_id(Path(table.name).stem, fallback="row")
    numbers = pd.Series(ids.index[blank.to_numpy()] + offset(table), index=ids.index[blank])
    return ids.where(~blank, stem + "-" + numbers.astype(str))


def prepare(
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
                    value4=listed(frame.columns),
                )
            )
    touchpoints = {normalise(t.name): t.id for t in workspace.touchpoints}
    touchpoints |= {normalise(t.id): t.id for t in workspace.touchpoints}
    match = match_columns(frame.columns, kind, columns, touchpoints, table.titles)
    if kind != "events":
        match_by_values(frame, match, known(workspace), kind)
    if kind == "survey":
        _id_from_respondent(frame, match)
    missing = [f for f in REQUIRED[kind] if f not in match.columns]
    if kind == "survey" and not match.wide and not any(s in match.columns for s in SCORE_FIELDS):
        missing.append(_("a score ({scores})").format(scores=format_choices(SCORE_FIELDS)))
    if missing:
        raise EvidenceImportError(
            _(
                "{name}: no column found for {value2} (columns: {value3}): rename the column, or "
                "say which one it is with --columns (field,column)"
            ).format(
                name=table.name,
                value2=", ".join(missing),
                value3=listed(frame.columns),
            )
        )
    if match.wide:
        widened, long_match = widen(frame, match)
        return widened, ColumnMatch(
            long_match.columns, match.how, match.wide, match.unused, shown=dict(match.columns)
        )
    return frame, match


def listed(columns: Any, most: int = 20) -> str:
    """Column names for a message: the first `most`, then how many more."""
    names = [repr(str(c)) for c in columns]
    more = len(names) - most
    shown = ", ".join(names[:most])
    return shown + (
        " " + _("and {count} more").format(count=format_number(more)) if more > 0 else ""
    )


def match_by_values(
    frame: pd.DataFrame,
    match: ColumnMatch,
    known: Mapping[str, Mapping[str, str]],
    kind: str = "survey",
) -> None:
    """A column whose header says nothing (a question id such as "Q_TP") but whose cells are
    mostly the workspace's touchpoint (stage, persona) names is that field: left unmatched,
    every per-touchpoint score would silently be lost. The unmatched column of people's own
    words is a survey's comment, an interview's text."""
    samples = {h: _sample(frame[h]) for h in match.unused}
    for field_name in VALUE_FIELDS:
        if field_name in match.columns or field_name in match.wide:
            continue
        names = {normalise(k) for k in known[field_name]}
        for header in match.unused:
            if samples[header].share_in(names) >= 0.5:
                match.columns[field_name], match.how[field_name] = header, "values"
                match.unused.remove(header)
                break
    words = FREE_TEXT_FIELDS.get(kind)
    if words is not None and words not in match.columns:
        wordy = {h: samples[h].words() for h in match.unused}
        wordiest = max(wordy, key=lambda h: wordy[h], default=None)
        if wordiest is not None and wordy[wordiest] >= FREE_TEXT_WORDS:
            match.columns[words], match.how[words] = wordiest, "text"
            match.unused.remove(wordiest)


def _id_from_respondent(frame: pd.DataFrame, match: ColumnMatch) -> None:
    """With no id column, a respondent column with a different value in every row is the
    responses' id (SurveyMonkey's "Respondent ID"): ids from row numbers would shift when a
    later export of the same survey is imported again."""
    header = match.columns.get("respondent")
    if "id" in match.columns or header is None:
        return
    who = column_text(frame[header])
    if not blank_cells(who).any() and not who.duplicated().any():
        match.columns["id"], match.how["id"] = header, "unique"


@dataclass
class _Sample:
    """A few filled cells from the top of a column, as text, and each normalised (a distinct
    text once): what telling a column by its values needs, whatever the file's size (plain
    lists: pandas' cost per call is most of the time on a few hundred cells)."""

    cells: list[str]
    keys: list[str]

    def share_in(self, names: Collection[str]) -> float:
        """How many of the cells are one of `names` (normalised), as a share."""
        return sum(k in names for k in self.keys) / len(self.keys) if self.keys else 0.0

    def words(self) -> float:
        """The median count of words (with a letter in them: not a date's parts or a number)
        in the cells when they read as people's own words (mostly different from each other,
        not numbers); 0 otherwise. An open question asked as "Q7" or "Anything else?" is the
        comment, not a column silently left out."""
        cells = [c.strip() for c in self.cells]
        if not cells or len(set(cells)) < 0.5 * len(cells):
            return 0.0
        if sum(_is_number(c) for c in cells) > 0.1 * len(cells):
            return 0.0
        if sum(map(len, cells)) / len(cells) < FREE_TEXT_LENGTH:
            return 0.0
        return float(statistics.median(_lettered(c) for c in cells))


def _lettered(text: str) -> int:
    return sum(any(ch.isalpha() for ch in word) for word in text.split())


def _is_number(text: str) -> bool:
    try:
        to_number(text)
    except ValueError:
        return False
    return True


def _sample(values: pd.Series) -> _Sample:
    if pd.api.types.is_numeric_dtype(values):  # neither names nor words
        return _Sample([], [])
    head = values.head(SAMPLE_VALUES).dropna().head(2 * VALUE_SAMPLE).tolist()
    cells = [text for text in map(str, head) if text.strip()][:VALUE_SAMPLE]
    distinct = {text: normalise(text) for text in set(cells)}
    return _Sample(cells, [distinct[text] for text in cells])


def start_report(
    table: RawTable, kind: str, match: ColumnMatch, check: Checker, rows: int
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
        columns=shown_columns(match),
        matched_by=match.how,
        wide=match.wide,
        unused_columns=match.unused,
        labels={},
        rows=rows,
        accepted=int(check.kept.sum()),
        refused_rows=int(check.bad.sum()),
        refused=sorted(check.refused, key=lambda r: r.row),
        row_word="record" if table.format == "json" else "row",
    )


def shown_columns(match: ColumnMatch) -> dict[str, str]:
    """The field -> header pairs as the file has them (not the internal wide-table names)."""
    return dict(match.shown or match.columns)


def keep_valid(clean: pd.DataFrame, check: Checker) -> pd.DataFrame:
    """The rows nothing was refused in (the frame itself when all are fine: no copy)."""
    kept = check.kept.to_numpy()
    if kept.all():
        return clean
    return clean[kept].reset_index(drop=True)
