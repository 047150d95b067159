"""The insight board's state and rules, apart from its page: the findings the evidence shows
(ranked pain points, moments of truth), which are open, rejected or shown, and what accepting
(as found or edited), rejecting and restoring one come to."""

from __future__ import annotations

from pydantic import ValidationError
from traitlets import Int, List

from journeykit.analysis.findings import Finding, moments_of_truth, pain_points
from journeykit.editing.edits import Editor, Outcome, refusal
from journeykit.errors import JourneyKitError
from journeykit.i18n import _, format_number, ngettext
from journeykit.model import Insight, Journey, Workspace
from journeykit.store import Store

PAGE = 6
"""Findings shown at once: a projected page stays readable (and opens fast)."""


class InsightsModel(Editor):
    """The findings to judge and the team's insights. `shown` are the open findings on the
    page (`showing` of them), `rejected` the ones kept off the board, as (title, id)."""

    shown: List[Finding] = List()
    rejected: List[tuple[str, str]] = List()
    hidden = Int(0)
    """Open findings beyond the page (Show more brings the next page)."""

    def __init__(self, store: Store, team: str, top: int = 8) -> None:
        super().__init__(store, team)
        self.top, self.showing = top, PAGE
        self.workspace = Workspace(id=team, name=team)
        self.findings: dict[str, Finding] = {}

    def reload(self, pick: str | None = None) -> None:
        """Read the team (one read for findings and the list) and its survey responses."""
        self.workspace = workspace = self.store.workspace(self.team)
        surveys = self.store.survey_responses(self.team)
        found = (
            []
            if surveys.empty
            else pain_points(workspace, surveys, self.top) + moments_of_truth(workspace, surveys)
        )
        self.findings = {f.id: f for f in found}
        taken, rejected = {i.id for i in workspace.insights}, set(workspace.rejected)
        open_findings = [f for f in found if f.id not in taken and f.id not in rejected]
        with self.hold_trait_notifications():
            self.rejected = [
                (f.title, f.id) for f in found if f.id in rejected and f.id not in taken
            ]
            self.shown = open_findings[: self.showing]
            self.hidden = max(0, len(open_findings) - self.showing)
        self.loaded += 1

    def show_more(self) -> None:
        self.showing += PAGE
        self.reload()

    def accept(self, finding_id: str, title: str, severity: int) -> Outcome:
        """The finding as an insight, with the title and severity the team gave it; an
        accepted moment of truth is flagged on every step of the as-is map through its
        touchpoint."""
        finding = self.findings[finding_id]
        try:
            insight = finding.to_insight().model_copy(update={"title": title, "severity": severity})
            insight = Insight.model_validate(insight.model_dump())
        except ValidationError as err:
            return Outcome("refused", refusal(err))
        outcome = self.settle(self.edits.save(insight, None))
        if outcome.saved and finding.kind == "moment_of_truth":
            return self.mark_moment(finding)
        return outcome

    def mark_moment(self, finding: Finding) -> Outcome:
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
            edited = journey.model_copy(update={"steps": steps})
            if changed and self.edits.save(edited, stored.revision, journey).saved:
                marked += changed
        self.reload()
        place = finding.title.split(": ", 1)[-1]
        return Outcome(
            "saved",
            ngettext(
                "Saved the moment of truth '{place}' and marked {count} step on the map.",
                "Saved the moment of truth '{place}' and marked {count} steps on the map.",
                marked,
            ).format(place=place, count=format_number(marked))
            if marked
            else _(
                "Saved the moment of truth '{place}'. No step of the as-is map goes through it "
                "yet: add one on step 2 and tick Moment of truth."
            ).format(place=place),
        )

    def reject(self, finding_id: str) -> Outcome:
        """Keep a finding off the board for the whole team (Restore brings it back)."""
        title = self.findings[finding_id].title
        return self._mark(
            finding_id,
            True,
            _("Rejected '{title}'. It stays off the board; Restore brings it back.").format(
                title=title
            ),
        )

    def restore(self, finding_id: str) -> Outcome | None:
        if finding_id not in self.findings:
            return None
        title = self.findings[finding_id].title
        return self._mark(
            finding_id, False, _("Restored '{title}' to the findings.").format(title=title)
        )

    def _mark(self, finding_id: str, rejected: bool, said: str) -> Outcome:
        def mark(header: Workspace) -> Workspace:
            kept = [i for i in header.rejected if i != finding_id]
            return header.model_copy(update={"rejected": kept + [finding_id] * rejected})

        try:  # adding to or taking from a list never conflicts with a teammate's change
            self.store.amend_header(self.team, mark)
        except JourneyKitError as err:
            return Outcome("refused", refusal(err))
        self.reload()
        return Outcome("saved", said)
