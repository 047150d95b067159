"""EvidenceImporter: upload a survey export, interview notes or usage events; see how the columns
were matched (and change it), read the report, and only then store it."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from journeykit.editing import Outcome
from journeykit.editing.evidence import STEPS, ImportModel, mapping_from
from journeykit.evidence import KINDS, ImportReport
from journeykit.evidence.report import KIND_NAMES
from journeykit.i18n import _
from journeykit.store import Store
from journeykit.widgets.base import ModelView, button, parts

__all__ = ["EvidenceImporter", "mapping_from", "report_html"]


def page_hints() -> dict[str, str]:
    """How the page says the import options the report may suggest."""
    return {
        "reverse-ces": _("the choice 'CES in the file: 1 = very difficult'"),
        "dates-day-first": _("'Dates: day first'"),
        "dates-month-first": _("'Dates: month first'"),
        "columns-date": _("the Columns box (submitted_at = COLUMN)"),
        "columns": _("the Columns box (FIELD = COLUMN)"),
    }


def report_html(report: ImportReport) -> str:
    """The import report as the command line prints it, in a box that keeps its lines."""
    tone = "ok" if report.complete else "error"
    how = _("tick 'Store only the valid rows'")
    text = report.text(keep_valid=how, hints=page_hints())
    return str(parts().report(text, tone))


class EvidenceImporter(ModelView):
    """Upload, check, look, then confirm: nothing is saved before the user says so."""

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        self.upload = w.FileUpload(
            accept=".csv,.tsv,.txt,.md,.xlsx,.xlsm,.ods,.json,.jsonl,.ndjson,.gz,.zip",
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
        self.use(ImportModel(store, team))
        self.model: ImportModel
        self.upload.observe(lambda _c: self._chosen(), "value")
        for field, control in (
            ("kind", self.kind),
            ("columns", self.columns),
            ("ces", self.ces_scale),
            ("dates", self.dates),
            ("valid_only", self.valid_only),
        ):
            control.observe(lambda c, f=field: self.model.set(f, c["new"]), "value")
        self.model.observe(lambda _c: self.show_confirm(), "loaded")
        self.model.observe(lambda c: self._step(c["new"]), "step")
        self.children = [
            w.HBox([self.upload, self.kind]),
            self.columns,
            w.HBox([self.ces_scale, self.dates]),
            w.HBox([self.check_button, self.valid_only, self.confirm_button]),
            w.HBox([self.progress, self.progress_label]),
            self.report,
            self.status,
        ]

    def _chosen(self) -> None:
        if self.upload.value:
            upload = self.upload.value[0]
            self.model.choose(upload["name"], bytes(upload["content"]))

    def _step(self, number: int) -> None:
        self.progress.value = number
        self.progress_label.value = _(STEPS[number]) if number < len(STEPS) else _("done")

    def check(self) -> None:
        """Read and check the uploaded file against the team; show the report."""
        self._chosen()
        said = self.model.check()
        report = self.model.report
        self.report.value = report_html(report) if report is not None else ""
        if report is None:
            self.progress.bar_style = "danger"
        else:
            self.progress.bar_style = "success" if report.complete else "warning"
        self.say(said.message, {"checked": "ok"}.get(said.state, said.tone or "error"))

    def show_confirm(self) -> None:
        """The store button says what it will store, and is off while it would refuse."""
        text, allowed = self.model.store_label
        if self.model.checked is not None:
            self.confirm_button.description = text
        self.confirm_button.disabled = not allowed

    def confirm(self, then: Callable[[ImportReport], None] | None = None) -> None:
        """Store what the last check accepted, in one transaction."""
        said: Outcome | None = self.model.confirm()
        if said is None:
            return
        if not said.saved:
            if self.model.step == 2:
                self.progress.bar_style = "danger"
            self.say(said.message, "error")
            return
        self.progress.bar_style = "success"
        report = self.model.report
        assert report is not None
        self.report.value = report_html(report)
        self.say(said.message)
        self.changed()
        if then:
            then(report)
