"""What leaves the workshop, one module a job: `privacy` (what may leave, and pseudonyms),
`figures` (a team's tables and charts, computed once), `documents` (the report's HTML),
`printing` (PDF through Chromium) and `tables` (CSV, XLSX, PNG, SVG); here, the format a file
asks for and the writer of each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from journeykit.app.export.privacy import write_json
from journeykit.app.export.tables import CHART_FORMATS, TABLE_FORMATS, write_charts, write_tables
from journeykit.errors import InputError
from journeykit.i18n import _, format_choices
from journeykit.store import Store


def export_kind(out: Path, kind: str | None) -> str:
    """The format asked for, or the one the file's suffix names."""
    chosen = (kind or out.suffix.lstrip(".")).lower()
    known = ("json", *TABLE_FORMATS, *CHART_FORMATS)
    if chosen not in known:
        raise InputError(
            _(
                "cannot tell what to write to {path}: name a .json or .xlsx file, or give "
                "--format {formats} (csv, png and svg write a folder)"
            ).format(path=out, formats=format_choices(known))
        )
    return chosen


WRITERS: dict[str, Callable[[Store, str, Path], object]] = {
    "json": write_json,
    "xlsx": lambda s, t, o: write_tables(s, t, o, "xlsx"),
    "csv": lambda s, t, o: write_tables(s, t, o, "csv"),
    "png": lambda s, t, o: write_charts(s, t, o, "png"),
    "svg": lambda s, t, o: write_charts(s, t, o, "svg"),
}
"""The writer of each format `journeykit export` takes."""

__all__ = ["WRITERS", "export_kind"]
