"""A team's charts as PNG or SVG files and its tables as CSV or XLSX, for a spreadsheet or a
slide: cells that a spreadsheet would run as formulas written as text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from journeykit.app.export.figures import Shared
from journeykit.app.fonts import register_chart_fonts
from journeykit.charts import (
    save_chart,
)
from journeykit.errors import InputError
from journeykit.i18n import (
    _,
    format_choices,
)
from journeykit.store import Store

TABLE_FORMATS = ("csv", "xlsx")
CHART_FORMATS = ("png", "svg")


def write_charts(store: Store, team: str, folder: Path, kind: str) -> list[Path]:
    """Every chart of the report as PNG or SVG files in `folder`."""
    if kind not in CHART_FORMATS:
        raise InputError(
            _("charts are written as {formats}, not {kind!r}").format(
                formats=format_choices(CHART_FORMATS), kind=kind
            )
        )
    folder.mkdir(parents=True, exist_ok=True)
    register_chart_fonts()
    return [
        save_chart(chart, folder / f"{name}.{kind}")
        for name, chart in Shared.of(store, team).charts.items()
    ]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def as_text_cell(value: object) -> object:
    """A cell a spreadsheet shows as the text it is: text that would start a formula gets a
    leading apostrophe, as spreadsheets themselves mark text ('=SUM(A1) stays text)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_tables(store: Store, team: str, out: Path, kind: str) -> list[Path]:
    """The tables as one XLSX workbook (a sheet each) or as CSV files in a folder; text that
    a spreadsheet would run as a formula is written as text."""
    tables = {
        name: frame.map(as_text_cell) if not frame.empty else frame
        for name, frame in Shared.of(store, team).tables().items()
    }
    if kind == "xlsx":
        with pd.ExcelWriter(out, engine="openpyxl") as book:
            for name, frame in tables.items():
                frame.to_excel(book, sheet_name=name, index=False)
        return [out]
    if kind != "csv":
        raise InputError(
            _("tables are written as {formats}, not {kind!r}").format(
                formats=format_choices(TABLE_FORMATS), kind=kind
            )
        )
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in tables.items():
        path = out / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8")
        paths.append(path)
    return paths
