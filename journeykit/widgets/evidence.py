"""EvidenceImporter: upload a survey export, interview notes or usage events; see how the columns
were matched (and change it), read the report, and only then store it."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from journeykit.errors import EvidenceImportError, JourneyKitError
from journeykit.evidence import KINDS, CheckedEvidence, ImportReport, check_evidence, store_checked
from journeykit.evidence.report import KIND_NAMES
from journeykit.i18n import N_, _
from journeykit.store import Store
from journeykit.widgets.base import StoreView, button, parts

STEPS = (N_("reading the file"), N_("matching columns and checking rows"), N_("storing"))


def page_hints() -> dict[str, str]:
    """How the page says the import options the report may suggest."""
    return {
        "reverse-ces": _("the choice 'CES in the file: 1 = very difficult'"),
        "dates-day-first": _("'Dates: day first'"),
        "dates-month-first": _("'Dates: month first'"),
        "columns-date": _("the Columns box (submitted_at = COLUMN)"),
    }


def report_html(report: ImportReport) -> str:
    """The import report as the command line prints it, in a box that keeps its lines."""
    tone = "ok" if report.complete else "error"
    how = _("tick 'Store only the valid rows'")
    text = report.text(keep_valid=how, hints=page_hints())
    return str(parts().report(text, tone))


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


class EvidenceImporter(StoreView):
    """Upload, check, look, then confirm: nothing is saved before the user says so."""

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        self.upload = w.FileUpload(
            accept=".csv,.tsv,.txt,.md,.xlsx,.xlsm,.ods,.json,.gz,.zip",
            multiple=False,
            description=_("Choose file"),
            tooltip=_("CSV, Excel, ODS or JSON, also as .gz or .zip"),
        )
        self.kind = w.ToggleButtons(
            options=[(_(KIND_NAMES[k]), k) for k in KINDS], description=_("Evidence")
        )
        self.columns = w.Textarea(
            description=_("Columns"),
            placeholder=_("only to change the automatic match, one per line: field = column"),
        )
        self.valid_only = w.Checkbox(description=_("Store only the valid rows"), indent=True)
        self.ces_scale = w.Dropdown(
            options=[
                (_("CES in the file: as the question says (else 1 = very easy)"), ""),
                (_("CES in the file: 1 = very difficult"), "reversed"),
            ],
            layout=w.Layout(width="auto"),
        )
        self.dates = w.Dropdown(
            options=[
                (_("Dates: as the column shows"), ""),
                (_("Dates: day first"), "day-first"),
                (_("Dates: month first"), "month-first"),
            ],
            layout=w.Layout(width="auto"),
        )
        self.progress = w.IntProgress(min=0, max=len(STEPS), description="", bar_style="info")
        self.progress_label = w.Label()
        self.report = w.HTML()
        self.check_button = button(_("Check file"), self.check, icon="search", button_style="info")
        self.confirm_button = button(
            _("Store it"), self.confirm, icon="save", button_style="primary"
        )
        self.confirm_button.disabled = True
        self.checked: CheckedEvidence | None = None
        for control in (self.upload, self.kind, self.columns, self.ces_scale, self.dates):
            control.observe(lambda _c: self._forget(), "value")
        self.valid_only.observe(lambda _c: self.show_confirm(), "value")
        self.children = [
            w.HBox([self.upload, self.kind]),
            self.columns,
            w.HBox([self.ces_scale, self.dates]),
            w.HBox([self.check_button, self.valid_only, self.confirm_button]),
            w.HBox([self.progress, self.progress_label]),
            self.report,
            self.status,
        ]

    def _forget(self) -> None:
        """Anything changed: the last check no longer holds."""
        self.checked = None
        self.confirm_button.disabled = True

    def _step(self, number: int) -> None:
        self.progress.value = number
        self.progress_label.value = _(STEPS[number]) if number < len(STEPS) else _("done")

    def file(self) -> tuple[str, bytes] | None:
        if not self.upload.value:
            return None
        upload = self.upload.value[0]
        return upload["name"], bytes(upload["content"])

    def check(self) -> None:
        """Read and check the uploaded file against the team; show the report."""
        self._forget()
        uploaded = self.file()
        if uploaded is None:
            self.say(_("Choose a file first (CSV, Excel or JSON)."), "error")
            return
        name, data = uploaded
        self._step(0)
        try:
            columns = mapping_from(self.columns.value)
            self._step(1)
            checked = check_evidence(
                self.store,
                self.team,
                data,
                name,
                self.kind.value,
                columns=columns or None,
                reverse=("ces",) if self.ces_scale.value == "reversed" else (),
                dates=self.dates.value,
            )
        except JourneyKitError as err:
            self.progress.bar_style = "danger"
            self.report.value = ""
            self.say(str(err), "error")
            return
        self.checked = checked
        self.report.value = report_html(checked.report)
        self.progress.bar_style = "success" if checked.report.complete else "warning"
        self.show_confirm()
        self.say(
            _("Checked. Nothing is stored yet: read the report, then store it.")
            if checked.report.complete
            else _(
                "Some rows are refused (see the report). Fix the file, or tick "
                "'Store only the valid rows'."
            ),
            "ok" if checked.report.complete else "conflict",
        )

    def show_confirm(self) -> None:
        """The store button says what it will store, and is off while it would refuse (rows
        refused and 'Store only the valid rows' not ticked)."""
        if self.checked is None:
            self.confirm_button.disabled = True
            return
        report = self.checked.report
        new = self.checked.count
        rows = report.rows_text(new)
        if report.refused_rows:
            self.confirm_button.description = _("Store only the valid: {rows}").format(rows=rows)
            self.confirm_button.disabled = not self.valid_only.value or new == 0
        else:
            self.confirm_button.description = _("Store {rows}").format(rows=rows)
            self.confirm_button.disabled = new == 0

    def confirm(self, then: Callable[[ImportReport], None] | None = None) -> None:
        """Store what the last check accepted, in one transaction."""
        if self.checked is None:
            return
        if self.checked.report.refused_rows and not self.valid_only.value:
            self.say(
                _(
                    "Nothing stored: some rows are refused. Fix them, or tick "
                    "'Store only the valid rows'."
                ),
                "error",
            )
            return
        self._step(2)
        try:
            report = store_checked(self.store, self.team, self.checked, valid_only=True)
        except (JourneyKitError, ValueError) as err:
            self.progress.bar_style = "danger"
            self.say(_("Nothing stored: {problem}").format(problem=err), "error")
            return
        self._step(3)
        self.progress.bar_style = "success"
        self.report.value = report_html(report)
        self.say(_("Stored {rows}.").format(rows=report.rows_text(report.stored)))
        self.checked = None
        self.confirm_button.disabled = True
        self.changed()
        if then:
            then(report)
