"""InsightBoard: the findings the evidence shows (ranked pain points, moments of truth), each to
accept into the team's insights as it is or edited, or to reject."""

from __future__ import annotations

import ipywidgets as w

from journeykit.analysis.findings import Finding
from journeykit.editing.insights import PAGE, InsightsModel
from journeykit.i18n import N_, _, format_number
from journeykit.model import Insight, label
from journeykit.store import Store
from journeykit.widgets.base import ModelView, button, empty_note, heading, html_table, parts

NO_FINDINGS = N_(
    "No open findings: import survey responses, or every finding has been accepted or rejected."
)


def finding_html(finding: Finding, names: dict[str, str] | None = None) -> str:
    """A finding's kind, place (stage and touchpoint by name where `names` knows them),
    frequency, detail and first quotes."""
    names = names or {}
    places = [names.get(p, p) for p in (finding.stage, finding.touchpoint) if p]
    frequency = _("frequency {count}").format(count=format_number(finding.frequency))
    return str(
        parts().finding(
            label(finding.kind), places, frequency, finding.detail, finding.evidence[:3]
        )
    )


def insight_list(insights: list[Insight], names: dict[str, str] | None = None) -> str:
    """The accepted insights, stages and touchpoints by name where `names` knows them."""
    names = names or {}
    return html_table(
        "insights",
        [N_("Insight"), N_("Kind"), N_("Severity"), N_("Stage"), N_("Touchpoint"), N_("Evidence")],
        [
            (
                i.id,
                [
                    i.title,
                    label(i.kind),
                    i.severity,
                    names.get(i.stage or "", i.stage or ""),
                    names.get(i.touchpoint or "", i.touchpoint or ""),
                    len(i.evidence),
                ],
            )
            for i in insights
        ],
        N_("No insights accepted yet."),
    )


class FindingCard(w.VBox):
    """One finding: its title and severity editable, its evidence shown, accept or reject."""

    def __init__(
        self, finding: Finding, board: InsightBoard, names: dict[str, str] | None = None
    ) -> None:
        self.finding = finding
        self.title = w.Text(value=finding.title, layout=w.Layout(width="60%"))
        self.severity = w.IntSlider(value=finding.severity, min=1, max=5, description=_("Severity"))
        self.accept_button = button(_("Accept"), lambda: board.accept(self), button_style="success")
        self.reject_button = button(_("Reject"), lambda: board.reject(self), icon="times")
        super().__init__(
            [
                w.HBox([self.title, self.severity]),
                w.HTML(finding_html(finding, names)),
                w.HBox([self.accept_button, self.reject_button]),
            ]
        )
        self.add_class("jk-finding-card")


class InsightBoard(ModelView):
    """Findings from the analysis on one side, the team's accepted insights below. Its state
    and rules are an `journeykit.editing.insights.InsightsModel`."""

    PAGE = PAGE

    def __init__(self, store: Store, team: str, top: int = 8) -> None:
        super().__init__(store, team)
        self.cards = w.VBox()
        self.rejected_choice = w.Dropdown(description=_("Rejected"))
        self.restore_button = button(_("Restore"), self.restore, icon="undo")
        self.rejected_box = w.HBox([self.rejected_choice, self.restore_button], layout=w.Layout())
        self.more_button = button(
            _("Show more findings"),
            self.show_more,
            icon="chevron-down",
            fits_text=True,
        )
        self.accepted = w.HTML()
        self.children = [
            heading(_("Findings from the evidence"), 3),
            self.cards,
            self.more_button,
            self.rejected_box,
            self.status,
            self.conflict_box,
            self.toolbar,
            heading(_("Accepted insights"), 3),
            self.accepted,
        ]
        self.use(InsightsModel(store, team, top))
        self.model: InsightsModel
        self.model.observe(lambda _c: self.show_model(), "loaded")
        self.refresh()

    def show_model(self) -> None:
        model = self.model
        kept = self.rejected_choice.value
        ids = [i for _t, i in model.rejected]
        self.rejected_choice.options = model.rejected
        self.rejected_choice.value = kept if kept in ids else (ids[0] if ids else None)
        self.rejected_box.layout.display = "flex" if ids else "none"
        self.more_button.description = _("Show {count} more of {total} findings").format(
            count=format_number(min(model.hidden, PAGE)), total=format_number(model.hidden)
        )
        self.more_button.layout.display = "flex" if model.hidden > 0 else "none"
        names = model.workspace.names()
        self.cards.children = [FindingCard(f, self, names) for f in model.shown] or [
            w.HTML(empty_note(NO_FINDINGS))
        ]
        self.accepted.value = insight_list(model.workspace.insights, names)

    def show_more(self) -> None:
        self.model.show_more()

    def accept(self, card: FindingCard) -> None:
        self._answer(self.model.accept(card.finding.id, card.title.value, card.severity.value))

    def reject(self, card: FindingCard) -> None:
        self._answer(self.model.reject(card.finding.id))

    def restore(self) -> None:
        if self.rejected_choice.value:
            self._answer(self.model.restore(self.rejected_choice.value))
