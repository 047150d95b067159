"""Import of survey responses, interview notes and usage events, with a report of what was
taken and what was refused (file, row, column, value, reason).

By default nothing is stored when any row is refused; storing only the valid rows is an
explicit choice (`valid_only`). Either way the store is changed in one transaction or not at
all.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict, Unpack

import pandas as pd

from journeykit.errors import EvidenceImportError
from journeykit.evidence import cells
from journeykit.evidence.columns import (
    match_columns,
    normalise,
)
from journeykit.evidence.events import parse_events
from journeykit.evidence.interviews import is_prose, parse_interviews, read_prose
from journeykit.evidence.reading import DATES
from journeykit.evidence.report import KINDS, ImportReport
from journeykit.evidence.survey import parse_survey
from journeykit.files import file_bytes
from journeykit.i18n import _, format_number, ngettext
from journeykit.model import InterviewNote
from journeykit.sample.practice import PRACTICE_FILES
from journeykit.store import Store

CATEGORY_FIELDS = ("touchpoint", "stage", "persona")


def type_chooser(kind: str, columns: Mapping[str, str] | None = None) -> Any:
    """For the CSV reader: read the touchpoint, stage and persona columns as categories and
    the date as dates (where the first rows are plain ISO 8601)."""

    def choose(headers: list[str]) -> dict[str, str]:
        match = match_columns(headers, kind, columns)
        chosen = {match.columns[f]: "category" for f in CATEGORY_FIELDS if f in match.columns}
        if "submitted_at" in match.columns:
            chosen[match.columns["submitted_at"]] = DATES
        return chosen

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
    if kind == "interviews" and is_prose(data, name, columns):
        table = read_prose(data, name, encoding)
    else:
        table = cells.read(data, name, encoding, type_chooser(kind, columns))
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


class ReadOptions(TypedDict, total=False):
    """How to read a file, as `check_evidence` takes them (the command line's options)."""

    columns: Mapping[str, str] | None
    stages: Mapping[str, str] | None
    labels: Mapping[str, Mapping[str, int]] | None
    encoding: str | None
    reverse: Collection[str]
    dates: str


def import_evidence(
    store: Store,
    team: str,
    data: bytes,
    name: str,
    kind: str,
    *,
    valid_only: bool = False,
    **options: Unpack[ReadOptions],
) -> ImportReport:
    """Read, check and (if nothing is refused, or valid_only) store one file of evidence."""
    checked = check_evidence(store, team, data, name, kind, **options)
    return store_checked(store, team, checked, valid_only=valid_only)


def import_practice(store: Store, team: str) -> list[ImportReport]:
    """The practice survey, notes and events imported into `team`, as a team imports them."""
    return [
        import_evidence(store, team, write().encode("utf-8"), name, kind)
        for kind, (name, write) in PRACTICE_FILES.items()
    ]


def load_mapping(path: Path) -> dict[str, str]:
    """A small two-column table (CSV: from,to) or a JSON object, for --columns and --stages."""
    data = file_bytes(path)
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
    table = cells.read(data, path.name, None)
    if table.frame.shape[1] < 2:
        raise EvidenceImportError(_("{path}: expected two columns (from, to)").format(path=path))
    first, second = table.frame.columns[:2]
    pairs = {str(first): str(second)}  # the header row is a pair too when there is no header
    if normalise(str(first)) in ("field", "event", "from", "name", "touchpoint"):
        pairs = {}
    given = table.frame[[first, second]].fillna("").astype(str)
    pairs.update(dict(zip(given[first], given[second], strict=True)))
    half = [k.strip() or v.strip() for k, v in pairs.items() if bool(k.strip()) != bool(v.strip())]
    if half:
        raise EvidenceImportError(
            _("{path}: {name!r} has no partner in the other column: fill both cells").format(
                path=path, name=half[0]
            )
        )
    return {k.strip(): v.strip() for k, v in pairs.items() if k.strip()}
