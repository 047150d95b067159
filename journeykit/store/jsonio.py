"""A workspace as one JSON document: the format teams exchange and the kit imports.

The document is versioned; exporting, importing and exporting again gives the same bytes, so
a file can be checked into version control or compared with `diff`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from journeykit.errors import EvidenceError, StoreError
from journeykit.files import file_bytes
from journeykit.i18n import N_, _
from journeykit.store.core import Store, validate_workspace
from journeykit.store.schema import EVENT_COLUMNS, SCORE_COLUMNS, SURVEY_COLUMNS

FORMAT = "journeykit-workspace"
FORMAT_VERSION = 4
"""3: interview notes carry theme labels; 2: a step names its touchpoints (a list); 1: one
touchpoint per step. All three are read."""
READABLE_VERSIONS = (1, 2, 3, 4)
DOCUMENT_KEYS = frozenset(
    {"format", "version", "workspace", "survey_responses", "usage_events", "exported_at"}
)
REFERENCE_NAMES = {"touchpoint": N_("touchpoint"), "stage": N_("stage"), "persona": N_("persona")}


def export_workspace(store: Store, team: str) -> dict[str, Any]:
    """Everything a team holds, as plain JSON-ready data."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "workspace": store.workspace(team).model_dump(mode="json"),
        "survey_responses": store.evidence_records(team, "survey_responses"),
        "usage_events": store.evidence_records(team, "usage_events"),
    }


BULK_KEYS = ("survey_responses", "usage_events")


def dumps(document: dict[str, Any]) -> str:
    """The one way the kit writes a workspace: stable, diff-friendly, non-ASCII kept as is.

    The workspace is indented; bulk evidence has one compact record per line, so a file with
    100,000 events stays small and a changed response shows as one changed line.
    """

    def one(value: Any, **options: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, **options)

    lines = []
    for key in sorted(document):
        value = document[key]
        if key in BULK_KEYS and value:
            records = ",\n".join("  " + one(r, separators=(",", ":")) for r in value)
            text = "[\n" + records + "\n ]"
        else:
            text = one(value, indent=1).replace("\n", "\n ")
        lines.append(f" {one(key)}: {text}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_export(store: Store, team: str, path: Path) -> None:
    path.write_text(dumps(export_workspace(store, team)), encoding="utf-8")


def read_document(path: Path) -> dict[str, Any]:
    """Parse a workspace file, or StoreError saying what is wrong with it and where."""
    try:
        text = file_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise StoreError(
            _(
                "{path}: not UTF-8 text (byte {start}): is this a JourneyKit workspace export?"
            ).format(path=path, start=err.start)
        ) from None
    try:
        document = json.loads(text)
    except RecursionError:
        raise StoreError(
            _("{path}: nested too deeply to be a workspace export: export the team again").format(
                path=path
            )
        ) from None
    except json.JSONDecodeError as err:
        raise StoreError(
            _(
                "{path}: line {lineno}, column {colno}: not valid JSON ({msg}); was the file "
                "cut short or edited by hand?"
            ).format(path=path, lineno=err.lineno, colno=err.colno, msg=err.msg)
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise StoreError(
            _(
                '{path}: not a JourneyKit workspace export (expected "format": "{FORMAT}"): '
                "export one with `journeykit export TEAM --out FILE.json`"
            ).format(path=path, FORMAT=FORMAT)
        )
    if document.get("version") not in READABLE_VERSIONS:
        raise StoreError(
            _(
                "{path}: workspace format version {value2!r} is not supported (this JourneyKit "
                "reads versions {FORMAT_VERSION}): upgrade JourneyKit"
            ).format(
                path=path,
                value2=document.get("version"),
                FORMAT_VERSION=", ".join(str(v) for v in READABLE_VERSIONS),
            )
        )
    return document


def import_document(
    store: Store, document: dict[str, Any], source: str, as_team: str | None = None
) -> str:
    """Add the team in `document` to the store, all or nothing; returns the team id."""
    data = document.get("workspace")
    if not isinstance(data, dict):
        raise StoreError(
            _('{source}: "workspace" is missing or not an object').format(source=source)
        )
    if as_team is not None:
        data = {**data, "id": as_team}
    unknown = sorted(set(document) - DOCUMENT_KEYS)
    if unknown:
        raise StoreError(
            _("{source}: {field}: this field is not known: check its spelling or remove it").format(
                source=source, field=unknown[0]
            )
        )
    workspace = validate_workspace(data, source)
    known = {
        "touchpoint": {t.id for t in workspace.touchpoints},
        "stage": {s.id for j in workspace.journeys for s in j.stages},
        "persona": {p.id for p in workspace.personas},
    }
    try:
        surveys = records_frame(document, "survey_responses", SURVEY_COLUMNS, source, known)
        events = records_frame(document, "usage_events", EVENT_COLUMNS, source, known)
        store.import_workspace(workspace, surveys, events)
    except EvidenceError as err:
        raise StoreError(f"{source}: {err}") from None
    return workspace.id


def records_frame(
    document: dict[str, Any],
    key: str,
    columns: tuple[str, ...],
    source: str,
    known: dict[str, set[str]] | None = None,
) -> pd.DataFrame:
    """The evidence records of a document as a frame with every column, also those that no
    record has (a survey without an effort question still has its `ces` column, empty).

    Each record is checked as strictly as the workspace: no field the kit does not know, text
    fields hold text, scores whole numbers (not true/false), and touchpoints, stages and
    personas are ones of the workspace (`known`); the first problem is named by its path."""
    records = document.get(key, [])
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise StoreError(
            _('{source}: "{key}" must be a list of objects').format(source=source, key=key)
        )
    allowed = set(columns)
    for number, record in enumerate(records):
        for name, value in record.items():
            where = f"{source}: {key}.{number}.{name}"
            if name not in allowed:
                raise StoreError(
                    _("{where}: this field is not known: check its spelling or remove it").format(
                        where=where
                    )
                )
            if value is None:
                continue
            if name in SCORE_COLUMNS:
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise StoreError(
                        _("{where}: {value!r} is not a whole number").format(
                            where=where, value=value
                        )
                    )
            elif not isinstance(value, str):
                raise StoreError(
                    _("{where}: {value!r} is not text: write it in quotes").format(
                        where=where, value=value
                    )
                )
            elif known is not None and name in known and value not in known[name]:
                raise StoreError(
                    _("{where}: {value!r} is not a {name} of this workspace").format(
                        where=where, value=value, name=_(REFERENCE_NAMES[name])
                    )
                )
    return pd.DataFrame.from_records(records, columns=list(columns))
