"""Survey exports: scores (numbers or answer labels), the CES direction, dates, touchpoints
and stages by name."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from journeykit.evidence import cells
from journeykit.evidence.cells import digits
from journeykit.evidence.columns import (
    DEFAULT_LABELS,
    NO_ANSWER,
    SCORE_FIELDS,
    ColumnMatch,
    normalise,
)
from journeykit.evidence.reading import RawTable
from journeykit.evidence.report import Checker, ImportReport
from journeykit.i18n import _, format_number, ngettext
from journeykit.model import SCORE_SCALES, Workspace
from journeykit.store import frames


@dataclass
class Answers:
    """One score's answers as numbers (a label mapped, an unknown one missing), which cells
    hold a number, and the column as the file has it (for the report)."""

    numbers: pd.Series
    given: np.ndarray
    header: str
    raw: pd.Series
    numbered: list[str] = dataclasses.field(default_factory=list)
    """Answers written as a number and its label ("1 - Very difficult"), a few of each: what
    the file says about the direction of its scale."""

    def kept(self, refused: np.ndarray) -> pd.Series:
        """The answers the rules left, as whole numbers (missing where none or refused)."""
        keep = self.given & ~refused
        numbers = self.numbers.to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):  # a missing one casts to any number: masked
            whole = numbers.astype(np.int64)  # the rules refused any that are not whole
        answers = pd.arrays.IntegerArray(whole, ~keep)
        return pd.Series(answers, index=self.numbers.index)


def _scores(
    check: Checker,
    frame: pd.DataFrame,
    match: ColumnMatch,
    labels: Mapping[str, Mapping[str, int]],
    seen: dict[str, dict[str, int]],
    skipped: dict[str, tuple[str, int]],
) -> dict[str, Answers]:
    """Each score's answers, the numbers as given and the labels mapped; a cell that is neither
    is refused here (a reading problem), the rules are the store's (`survey_rules`). `seen`
    gets the labels read, `skipped` the answers that say there is none ("N/A": an example and
    how many)."""
    out = {}
    for score in SCORE_FIELDS:
        if score not in match.columns:
            continue
        header = match.columns[score]
        if header.startswith("__"):
            header = _("{score} (one column per touchpoint)").format(score=score)
        column = frame[match.columns[score]]
        values = cells.numbers(column)
        raw = column if pd.api.types.is_numeric_dtype(column) else cells.text(frame, match, score)
        label_map = {normalise(k): v for k, v in labels.get(score, {}).items()}
        filled = pd.Series(cells.present(column), index=frame.index)
        is_label = values.isna() & filled
        numbered: list[str] = []
        if is_label.any():
            labelled: dict[str, int] = {}
            numbered, silent = _labels(values, raw, is_label, label_map, labelled)
            if labelled:
                seen[score] = labelled
            filled &= ~silent
            if silent.any():
                skipped[score] = raw[silent].iloc[0], int(silent.sum())
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
        out[score] = Answers(values, values.notna().to_numpy(), header, raw, numbered)
    return out


def _labels(
    values: pd.Series,
    raw: pd.Series,
    is_label: pd.Series,
    label_map: Mapping[str, int],
    seen: dict[str, int],
) -> tuple[list[str], pd.Series]:
    """Reads the cells `is_label` marks into `values`: an answer label, a number written with
    its label ("10 - Extremely likely"), or no answer ("N/A", "Don't know": returned, so they
    count as blank). Also returns the numbered labels (a few: what the file says of its scale's
    direction); `seen` gets every label read, for the report."""
    names = raw[is_label].map(normalise)
    values[is_label] = names.map(label_map)
    for label in raw[is_label & values.notna()].unique():
        seen[label] = int(label_map[normalise(label)])
    silent = is_label & values.isna() & raw.map(normalise).isin(NO_ANSWER)
    unmapped = is_label & values.isna() & ~silent
    if not unmapped.any():
        return [], silent
    found = _numbered(raw[unmapped])
    values[unmapped] = found
    known = found.dropna()
    firsts = known[~raw[known.index].duplicated()][:MAX_NUMBERED]
    for i, number in firsts.items():
        seen[str(raw[i])] = int(number)
    return [str(raw[i]) for i in firsts.index], silent


NUMBER_FIRST = re.compile(r"^\s*(\d{1,2})\s*(?:[-–—:=.)]\s*|\s)\s*\D")
NUMBER_LAST = re.compile(r"\D(?:\s*[-–—:=(]\s*|\s)(\d{1,2})\s*\)?\s*$")
MAX_NUMBERED = 20


def _numbered(answers: pd.Series) -> pd.Series:
    """The number of an answer written with its label, as survey tools export a choice
    ("10 - Extremely likely", "Satisfied (4)", "۵ - خیلی راضی"); missing for anything else."""
    text = digits(answers.astype(str))
    first = text.str.extract(NUMBER_FIRST, expand=False)
    last = text.str.extract(NUMBER_LAST, expand=False)
    return pd.to_numeric(first.fillna(last), errors="coerce").astype(float)


VERY = r"(?:very |extremely |nagyon |очень |خیلی )?"
HARD = VERY + r"(?:hard|difficult|much effort|nehéz|сложно|трудно|دشوار|سخت)"
EASY = VERY + r"(?:easy|little effort|könnyű|легко|آسان)"
IS = r"\s*[=:\-–—.)]?\s*"  # "1 = ", "1 - ", "1. ", "1) "
SAYS = r"\s*[=:\-–—(]?\s*"  # " = 1", " - 1", " (1"


def _ends(one: str, other: str) -> re.Pattern[str]:
    """1 is `one` and 7 is `other`, written either way round ("1 = very hard", "Very hard (1)")."""
    return re.compile(rf"\b1{IS}{one}|\b7{IS}{other}|{one}{SAYS}1\b(?!\d)|{other}{SAYS}7\b(?!\d)")


HARD_FIRST = _ends(HARD, EASY)
EASY_FIRST = _ends(EASY, HARD)


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
    headers = [cells.shown_columns(match).get("ces", "")]
    headers += list(match.wide.get("ces", {}))
    return [t for h in headers if h for t in (h, titles.get(h, ""))]


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
    frame, match = cells.prepare(table, "survey", columns, workspace)
    notes: list[str] = []
    check = Checker(frame, cells.offset(table))
    known = cells.known(workspace)
    unknown: dict[str, dict[str, list[str]]] = {}
    seen: dict[str, dict[str, int]] = {}
    merged = {k: {**DEFAULT_LABELS.get(k, {}), **(labels or {}).get(k, {})} for k in SCORE_FIELDS}
    ids = cells.fallback_ids(cells.column(frame, match, "id"), table)
    respondents = cells.column(frame, match, "respondent")
    if match.wide:
        respondents = respondents.fillna("").astype(str)
        respondents = respondents.where(respondents != "", ids)
        ids = ids + "-" + frame["__part"]
    if "submitted_at" in match.columns:
        raw_time = frame[match.columns["submitted_at"]]
        submitted = cells.times(raw_time, dates, notes)
        check.refuse(
            pd.Series(cells.present_where(raw_time, submitted.isna().to_numpy()), frame.index),
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
    skipped: dict[str, tuple[str, int]] = {}
    scores = _scores(check, frame, match, merged, seen, skipped)
    for score, (example, count) in skipped.items():
        notes.append(
            ngettext(
                "{count} {score} answer such as {example!r} read as no answer",
                "{count} {score} answers such as {example!r} read as no answer",
                count,
            ).format(count=format_number(count), score=score, example=example)
        )
    if "ces" in scores:
        asked = ces_direction(_ces_texts(match, table.titles))
        answered = ces_direction(scores["ces"].numbered)
        direction = "reversed" if "ces" in reverse else asked or answered
        low, high = SCORE_SCALES["ces"]
        if direction == "reversed":
            scores["ces"].numbers = (low + high) - scores["ces"].numbers
            why = (
                _("as you said")
                if "ces" in reverse
                else _("as the question says")
                if asked
                else _("as its answer labels say")
            )
            notes.append(
                _(
                    "CES turned around: the file's scale runs 1 = very difficult .. 7 = very "
                    "easy ({why}); the kit counts 1 = very easy"
                ).format(why=why)
            )
        elif direction == "" and normalise(cells.shown_columns(match).get("ces", "ces")) != "ces":
            notes.append(
                _(
                    "CES read as 1 = very easy .. 7 = very difficult (the question does not say "
                    "which end is easy): if yours runs the other way, import with [[reverse-ces]]"
                )
            )
    refs = cells.references(check, frame, match, known, unknown)
    comments = cells.column(frame, match, "comment")
    shown = {
        "id": (match.columns.get("id", "id"), ids),
        "scores": ("(scores)", None),  # nothing to show: a row without any score
        "comment": (match.columns.get("comment", "comment"), comments),
        **{s: (a.header, a.raw) for s, a in scores.items()},
    }
    before = check.bad.to_numpy().copy()
    refused = {s: np.zeros(len(frame), dtype=bool) for s in scores}
    rules = frames.survey_rules(
        ids,
        {s: a.numbers for s, a in scores.items()},
        comments,
        {s: a.given for s, a in scores.items()},
        blank=np.zeros(len(ids), dtype=bool),  # fallback_ids gave every row an id
    )
    for broken in rules:
        rows = broken.rows & ~before if broken.column == "scores" else broken.rows
        if broken.column == "scores":  # no answer at all: begun, not finished; left out
            empty = rows & frames.blank_cells(comments)
            check.skip(pd.Series(empty, index=frame.index))
            rows = rows & ~empty
        header, raw = shown[broken.column]
        if raw is None:
            raw = pd.Series("", index=frame.index)
        if broken.column == "comment":  # only the refused ones, cut short for the report
            cut = pd.Series("", index=frame.index, dtype=object)
            cut[rows] = raw[rows].fillna("").astype(str).str.slice(0, 40) + "..."
            raw = cut
        check.refuse(pd.Series(rows, index=frame.index), header, raw, broken.rule)
        if broken.column in refused:
            refused[broken.column] |= rows
    if "comment" in match.columns and not pd.api.types.is_numeric_dtype(comments):
        pasted = frames.pasted(comments)
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
            "segment": cells.column(frame, match, "segment"),
            **{
                s: scores[s].kept(refused[s])
                if s in scores
                else pd.Series(pd.NA, index=frame.index, dtype="Int64")
                for s in SCORE_FIELDS
            },
            "comment": comments,
        },
        copy=False,  # copy-on-write keeps shared columns safe; a copy costs a tenth of the import
    )
    left_out = int(check.skipped.sum())
    if left_out:
        notes.append(
            ngettext(
                "{count} response has no answer at all (begun, not finished): left out",
                "{count} responses have no answer at all (begun, not finished): left out",
                left_out,
            ).format(count=format_number(left_out))
        )
    report = cells.start_report(table, "survey", match, check, len(table.frame))
    report.labels, report.unknown = seen, unknown
    report.notes.extend(notes)
    return cells.keep_valid(clean, check), report
