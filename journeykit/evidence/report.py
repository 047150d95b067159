"""What an import took and refused, and how it read the file: the report a person reads at
the end of every import (command line and page alike)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from journeykit.evidence.columns import FIELDS_BY_KIND
from journeykit.i18n import N_, _, format_choices, format_number, ngettext

KINDS = ("survey", "interviews", "events")
KIND_NAMES = {"survey": N_("survey"), "interviews": N_("interviews"), "events": N_("usage events")}
"""How a report and a page name each kind of evidence."""
MATCH_RULES = {
    "exact": N_("exact name"),
    "keyword": N_("keyword"),
    "given": N_("given by you"),
    "values": N_("its values are known names"),
    "text": N_("its cells are people's own words"),
    "unique": N_("a different value in every row"),
}
UNKNOWN_NAMES = {"touchpoint": N_("touchpoint"), "stage": N_("stage")}
MAX_LISTED = 200
CLI_HINTS = {
    "reverse-ces": "--reverse ces",
    "dates-day-first": "--dates day-first",
    "dates-month-first": "--dates month-first",
    "columns-date": "--columns submitted_at,COLUMN",
    "columns": "--columns FIELD,COLUMN",
}
"""How to say an import option on the command line; a page names its own controls."""


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
            line = _("not used: {columns}").format(
                columns=", ".join(repr(c) for c in self.unused_columns)
            )
            unread = [
                f for f in FIELDS_BY_KIND[self.kind] if f not in {**self.columns, **self.wide}
            ]
            if unread:
                line += "; " + _("if one of them is the {fields}, name it with {how}").format(
                    fields=format_choices(unread), how=hints.get("columns", CLI_HINTS["columns"])
                )
            lines.append("  " + line)
        for note in self.notes:
            for token, said in hints.items():
                note = note.replace(f"[[{token}]]", said)
            lines.append(note)
        for score, answers in self.labels.items():
            shown = ", ".join(f"{label!r}={value}" for label, value in answers.items())
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


class Checker:
    """Collects refusals row by row while the columns are converted."""

    def __init__(self, frame: pd.DataFrame, offset: int) -> None:
        self.frame = frame
        self.offset = offset
        self.bad = pd.Series(False, index=frame.index)
        self.skipped = pd.Series(False, index=frame.index)
        """Rows left out without a fault: a response begun and left with no answer at all."""
        self.refused: list[Refusal] = []

    @property
    def kept(self) -> pd.Series:
        """The rows to store: neither refused nor left out."""
        return ~(self.bad | self.skipped)

    def skip(self, mask: pd.Series) -> None:
        self.skipped |= mask.fillna(False).astype(bool) & ~self.bad

    def refuse(self, mask: pd.Series, column: str, values: pd.Series, reason: str) -> None:
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        self.bad |= mask
        rows = mask.index[mask.to_numpy()] + self.offset
        for row, value in zip(rows, values[mask], strict=True):
            self.refused.append(Refusal(int(row), column, str(value), reason))
