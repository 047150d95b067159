"""What may leave the workshop: a team's own data, without the store's location, with what
the team marked private (`Workspace.private`) replaced: names by stable pseudonyms, customers'
words by a marker. The JSON export is this document."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from journeykit.store import Store
from journeykit.store.jsonio import dumps, export_workspace

KEPT_PRIVATE = "(kept private)"
"""What stands in an export for a customer's words the team marked private."""
EVIDENCE_KINDS = ("survey_responses", "usage_events")
NAME_FIELDS = {"survey_responses": ("respondent",), "usage_events": ("user_id", "session_id")}
PSEUDONYM_PREFIX = {
    "respondent": "respondent",
    "user_id": "user",
    "session_id": "session",
    "interviewee": "interviewee",
}


def _pseudonyms(values: Iterable[str], prefix: str) -> dict[str, str]:
    """Stable stand-ins in order of first appearance: the same person keeps one name."""
    names: dict[str, str] = {}
    for value in values:
        if value and value not in names:
            names[value] = f"{prefix}-{len(names) + 1}"
    return names


def shareable_document(store: Store, team: str) -> dict[str, Any]:
    """The team's JSON export with what it marked private replaced (the import format)."""
    document = export_workspace(store, team)
    private = set(document["workspace"].get("private", []))
    workspace = document["workspace"]
    if "names" in private:
        names = _pseudonyms((n["interviewee"] for n in workspace["interviews"]), "interviewee")
        for note in workspace["interviews"]:
            note["interviewee"] = names.get(note["interviewee"], note["interviewee"])
        for kind in EVIDENCE_KINDS:
            for field in NAME_FIELDS[kind]:
                names = _pseudonyms(
                    (r.get(field) or "" for r in document[kind]), PSEUDONYM_PREFIX[field]
                )
                for record in document[kind]:
                    if record.get(field):
                        record[field] = names[record[field]]
    if "quotes" in private:
        for note in workspace["interviews"]:
            note["text"] = KEPT_PRIVATE
            note["quote"] = ""  # a passage of the text: private with it
            for coding in note.get("codings", []):
                coding["quote"] = ""
        for record in document["survey_responses"]:
            if record.get("comment"):
                record["comment"] = KEPT_PRIVATE
        for insight in workspace["insights"]:
            insight["evidence"] = [KEPT_PRIVATE for _ in insight["evidence"]]
    return document


def write_json(store: Store, team: str, path: Path) -> Path:
    """The workspace as JSON, ready for `journeykit import` on another machine."""
    path.write_text(dumps(shareable_document(store, team)), encoding="utf-8")
    return path
