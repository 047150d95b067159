"""The evidence importer's state and rules, apart from its page: the file chosen and how to
read it, the check (nothing stored), and storing what the check accepted, only when the
person says so and only as checked."""

from __future__ import annotations

from traitlets import Dict, Int

from journeykit.editing.edits import Editor, Outcome
from journeykit.errors import EvidenceImportError, JourneyKitError
from journeykit.evidence import KINDS, CheckedEvidence, ImportReport, check_evidence, store_checked
from journeykit.i18n import N_, _
from journeykit.store import Store

STEPS = (N_("reading the file"), N_("matching columns and checking rows"), N_("storing"))
"""What an import is doing, as its progress bar says."""
OPTIONS = ("kind", "columns", "ces", "dates", "valid_only")
"""How to read the file: the kind of evidence, column overrides (`field = column` lines), the
CES scale's direction ("" or "reversed"), the day/month order of dates, and whether to store
the valid rows when some are refused."""


def mapping_from(text: str) -> dict[str, str]:
    """'field = column' lines, as typed in the override box, to a mapping."""
    pairs = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if "=" not in line:
            raise EvidenceImportError(
                _(
                    "column override, line {number} ({line!r}): write it as field = column, "
                    "for example: nps = How likely are you to recommend us?"
                ).format(number=number, line=line.strip())
            )
        field, column = (part.strip() for part in line.split("=", 1))
        pairs[field] = column
    return pairs


class ImportModel(Editor):
    """One import on a page: `values` (OPTIONS), the file, the last check (which any change
    of the file or of how to read it forgets), and `step` for the progress bar."""

    values = Dict()
    step = Int(0)

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        self.file: tuple[str, bytes] | None = None
        self.checked: CheckedEvidence | None = None
        self.report: ImportReport | None = None
        """The report of the last check, or of the last import once stored."""
        self.values = {"kind": KINDS[0], "columns": "", "ces": "", "dates": "", "valid_only": False}

    def reload(self, pick: str | None = None) -> None:
        self.loaded += 1

    def choose(self, name: str, data: bytes) -> None:
        self.file = (name, data)
        self.forget()

    def set(self, field: str, value: object) -> None:
        if field not in OPTIONS:
            raise KeyError(field)
        self.values = {**self.values, field: value}
        if field != "valid_only":
            self.checked = None  # the last check no longer holds
        self.loaded += 1

    def forget(self) -> None:
        self.checked = None
        self.loaded += 1

    @property
    def store_label(self) -> tuple[str, bool]:
        """What the store button says it will store, and whether it may: not while it would
        refuse (rows refused and the valid ones not asked for), nor with nothing new."""
        if self.checked is None:
            return _("Store it"), False
        report, new = self.checked.report, self.checked.count
        rows = report.rows_text(new)
        if report.refused_rows:
            text = _("Store only the valid: {rows}").format(rows=rows)
            return text, bool(self.values["valid_only"]) and new > 0
        return _("Store {rows}").format(rows=rows), new > 0

    def check(self) -> Outcome:
        """Read and check the file against the team; nothing is stored."""
        self.checked, self.report = None, None
        if self.file is None:
            return Outcome("refused", _("Choose a file first (CSV, Excel or JSON)."))
        name, data = self.file
        self.step = 0
        values = self.values
        try:
            columns = mapping_from(str(values["columns"]))
            self.step = 1
            checked = check_evidence(
                self.store,
                self.team,
                data,
                name,
                str(values["kind"]),
                columns=columns or None,
                reverse=("ces",) if values["ces"] == "reversed" else (),
                dates=str(values["dates"]),
            )
        except JourneyKitError as err:
            self.loaded += 1
            return Outcome("refused", str(err))
        self.checked, self.report = checked, checked.report
        self.loaded += 1
        if checked.report.complete:
            return Outcome(
                "checked", _("Checked. Nothing is stored yet: read the report, then store it.")
            )
        return Outcome(
            "refused",
            _(
                "Some rows are refused (see the report). Fix the file, or tick "
                "'Store only the valid rows'."
            ),
            tone="conflict",
        )

    def confirm(self) -> Outcome | None:
        """Store what the last check accepted, in one transaction (None: nothing checked)."""
        checked = self.checked
        if checked is None:
            return None
        if checked.report.refused_rows and not self.values["valid_only"]:
            return Outcome(
                "refused",
                _(
                    "Nothing stored: some rows are refused. Fix them, or tick "
                    "'Store only the valid rows'."
                ),
            )
        self.step = 2
        try:
            report = store_checked(self.store, self.team, checked, valid_only=True)
        except (JourneyKitError, ValueError) as err:
            return Outcome("refused", _("Nothing stored: {problem}").format(problem=err))
        self.step = 3
        self.checked, self.report = None, report
        self.loaded += 1
        return Outcome("saved", _("Stored {rows}.").format(rows=report.rows_text(report.stored)))
