"""InsightBoard: the findings the evidence shows (ranked pain points, moments of truth), each to
accept into the team's insights as it is or edited, or to reject."""

from __future__ import annotations

import ipywidgets as w
from pydantic import ValidationError

from journeykit.analysis.findings import Finding, moments_of_truth, pain_points
from journeykit.errors import JourneyKitError
from journeykit.i18n import N_, _, format_number, ngettext
from journeykit.model import Insight, Journey, Workspace, label
from journeykit.store import Store
from journeykit.widgets.base import StoreView, button, empty_note, heading, html_table, parts

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


class InsightBoard(StoreView):
    """Findings from the analysis on one side, the team's accepted insights below."""

    PAGE = 6
    """Findings shown at once: a projected page stays readable (and opens fast)."""

    def __init__(self, store: Store, team: str, top: int = 8) -> None:
        super().__init__(store, team)
        self.top = top
        self.showing = self.PAGE
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
        self.refresh()

    def findings(self, workspace: Workspace) -> list[Finding]:
        surveys = self.store.survey_responses(self.team)
        if surveys.empty:
            return []
        return pain_points(workspace, surveys, self.top) + moments_of_truth(workspace, surveys)

    def refresh(self, message: str = "") -> None:
        workspace = self.store.workspace(self.team)  # one read for findings and the list
        insights = workspace.insights
        taken = {i.id for i in insights}
        found = self.findings(workspace)
        rejected = set(workspace.rejected)
        open_findings = [f for f in found if f.id not in taken and f.id not in rejected]
        titles = [(f.title, f.id) for f in found if f.id in rejected and f.id not in taken]
        kept = self.rejected_choice.value
        self.rejected_choice.options = titles
        ids = [i for _t, i in titles]
        self.rejected_choice.value = kept if kept in ids else (ids[0] if ids else None)
        self.rejected_box.layout.display = "flex" if titles else "none"
        hidden = len(open_findings) - self.showing
        self.more_button.description = _("Show {count} more of {total} findings").format(
            count=format_number(min(hidden, self.PAGE)), total=format_number(hidden)
        )
        self.more_button.layout.display = "flex" if hidden > 0 else "none"
        shown = open_findings[: self.showing]
        names = workspace.names()
        self.cards.children = [FindingCard(f, self, names) for f in shown] or [
            w.HTML(empty_note(NO_FINDINGS))
        ]
        self.accepted.value = insight_list(insights, names)
        super().refresh(message)

    def show_more(self) -> None:
        self.showing += self.PAGE
        self.refresh()

    def accept(self, card: FindingCard) -> None:
        try:
            insight = card.finding.to_insight().model_copy(
                update={"title": card.title.value, "severity": card.severity.value}
            )
            insight = Insight.model_validate(insight.model_dump())
        except ValidationError as err:
            self.fail(err)
            return
        if self.save(insight, None) and card.finding.kind == "moment_of_truth":
            self.mark_moment(card.finding)

    def mark_moment(self, finding: Finding) -> None:
        """An accepted moment of truth is flagged on every step of the map through its
        touchpoint (as-is journeys: the to-be is the team's design)."""
        marked = 0
        for stored in self.store.items(self.team, Journey):
            journey = stored.item
            if journey.kind != "as-is":
                continue
            steps = [
                s.model_copy(update={"moment_of_truth": True})
                if finding.touchpoint in s.touchpoints and not s.moment_of_truth
                else s
                for s in journey.steps
            ]
            changed = sum(a != b for a, b in zip(steps, journey.steps, strict=True))
            if changed and self.save(
                journey.model_copy(update={"steps": steps}), stored.revision, journey
            ):
                marked += changed
        place = finding.title.split(": ", 1)[-1]
        self.say(
            ngettext(
                "Saved the moment of truth '{place}' and marked {count} step on the map.",
                "Saved the moment of truth '{place}' and marked {count} steps on the map.",
                marked,
            ).format(place=place, count=format_number(marked))
            if marked
            else _(
                "Saved the moment of truth '{place}'. No step of the as-is map goes through it "
                "yet: add one on step 2 and tick Moment of truth."
            ).format(place=place)
        )

    def set_rejected(self, finding_id: str, rejected: bool) -> bool:
        """Keep a finding off the board (or bring it back), for the whole team."""

        def mark(header: Workspace) -> Workspace:
            kept = [i for i in header.rejected if i != finding_id]
            return header.model_copy(update={"rejected": kept + [finding_id] * rejected})

        try:
            self.store.amend_header(self.team, mark)
        except JourneyKitError as err:
            self.fail(err)
            return False
        self.changed()
        return True

    def reject(self, card: FindingCard) -> None:
        if self.set_rejected(card.finding.id, True):
            self.refresh(
                _("Rejected '{title}'. It stays off the board; Restore brings it back.").format(
                    title=card.finding.title
                )
            )

    def restore(self) -> None:
        chosen = self.rejected_choice.value
        if chosen and self.set_rejected(chosen, False):
            self.refresh(
                _("Restored '{title}' to the findings.").format(title=self.rejected_choice.label)
            )
