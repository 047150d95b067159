"""Colours and fonts every chart shares, chosen to read on a projector in a bright room."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import altair as alt
from altair.utils.schemapi import debug_mode

from journeykit.i18n import N_, _, current, format_number, latin_digits, persian_digits
from journeykit.model import METRICS
from journeykit.model.lanes import MAP_LANES

P = ParamSpec("P")
R = TypeVar("R")

FONTS = (
    "JourneyKit Sans",
    "Vazirmatn",
    "DejaVu Sans",
    "Noto Sans",
    "Noto Sans Arabic",
    "sans-serif",
)
"""The kit's own fonts first (served with every page and embedded in reports), then the system's
ones (vl-convert draws PNGs with them): Persian, Hungarian and Russian all render."""

EMOTION_DOMAIN = (-3, 3)

KIND_COLOURS = {"as-is": "#1f5fa8", "to-be": "#2e9e5b"}

LANE_COLOURS = {lane.name: lane.colour for lane in MAP_LANES if lane.charted}

QUADRANT_COLOURS = {
    N_("quick wins"): "#d9f0d3",
    N_("big bets"): "#dbe7f6",
    N_("fill-ins"): "#f2f2f2",
    N_("money pits"): "#f9dcd8",
}

OUTCOME_COLOURS = {
    N_("keep and strengthen"): "#2e9e5b",
    N_("add to the map: customers meet it here"): "#e08a00",
    N_("add: planned on the map, not in use yet"): "#1f5fa8",
    N_("drop: activity with no wanted effect on the journey"): "#c0392b",
    N_("check: no customer reports it"): "#8e8e8e",
    N_("decide: customers use it unprompted"): "#8e44ad",
}


def palette(field: str, colours: dict[str, str], legend: Any = None) -> alt.Color:
    """A colour encoding that gives each known value its own fixed colour (lanes, quadrants,
    gap outcomes), so a colour means the same thing in every chart and every language (the
    values are named in the reader's language, as the data holds them)."""
    return alt.Color(
        field,
        scale=alt.Scale(domain=[_(k) for k in colours], range=list(colours.values())),
        legend=legend,
    )


TIP_TITLES = {
    "journey": N_("journey"),
    "stage": N_("stage"),
    "emotion": N_("emotion"),
    "action": N_("action"),
    "lane": N_("lane"),
    "count": N_("count"),
    "touchpoint": N_("touchpoint"),
    "users": N_("users"),
    "conversion": N_("conversion"),
    "drop_off": N_("drop-off"),
    "low": N_("low"),
    "high": N_("high"),
    "n": N_("answers"),
    **{key: metric.name for key, metric in METRICS.items()},
    "outcome": N_("what to do"),
    "customers_report": N_("customers who report contact"),
    "titles": N_("actions"),
    "value": N_("value"),
    "move": N_("move"),
    "moves": N_("moves"),
    "sessions": N_("sessions"),
    "share": N_("share of the moves out"),
}
"""What a tooltip calls each field, in the reader's language."""


def layered(*charts: Any, **properties: Any) -> alt.LayerChart:
    """Charts drawn on top of each other, with the whole's properties (as `alt.layer`, typed
    as the layer chart it makes)."""
    return alt.LayerChart(layer=list(charts), **properties)


def tip(shorthand: str, **options: Any) -> alt.Tooltip:
    """A tooltip line titled in the reader's language ("stage:N" reads "مرحله" in Persian)."""
    field = shorthand.split(":")[0]
    return alt.Tooltip(shorthand, title=_(TIP_TITLES.get(field, field)), **options)


def chart_config() -> dict[str, object]:
    """What every chart's top level is configured with: the kit's fonts, and in a Persian page
    with Persian digits, axis labels written with them too (vega formats numbers
    itself, in Latin digits)."""
    config: dict[str, object] = {"font": font(), "locale": chart_locale()}
    if persian_digits():
        config["axis"] = {"labelExpr": PERSIAN_LABEL}
    return config


PERSIAN_LABEL = "datum.label"
for _latin, _persian in (*zip("0123456789", "۰۱۲۳۴۵۶۷۸۹", strict=True), ("[.]", "٫")):
    PERSIAN_LABEL = f"replace({PERSIAN_LABEL}, regexp('{_latin}', 'g'), '{_persian}')"
"""A label's Latin digits (and decimal point) written as Persian ones, as vega reads it."""


def number_legend(**options: Any) -> alt.Legend:
    """A legend of numbers (a colour scale): vega writes them in Latin digits and a legend
    cannot be configured for all charts at once, so a Persian page gets them here."""
    if persian_digits():
        options.setdefault("labelExpr", PERSIAN_LABEL)
    return alt.Legend(**options)


def chart_locale() -> dict[str, object]:
    """Vega's number and time locale for the reader's language, from the locale data the kit
    writes its own numbers and dates with (Babel): a decimal comma in Hungarian and Russian,
    month and day names on time axes in each language."""
    from babel import Locale

    code = current()
    names = Locale.parse(code)
    sample = latin_digits(format_number(1234.5, 1))  # "1,234.5", "1 234,5"
    group, decimal = sample[1], sample[-2]
    sunday_first = [6, 0, 1, 2, 3, 4, 5]
    return {
        "number": {
            "decimal": decimal,
            "thousands": "" if group.isdigit() else group,
            "grouping": [3],
            "currency": ["", ""],
        },
        "time": {
            "dateTime": "%x %X",
            "date": "%Y-%m-%d",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"] if code == "en" else ["", ""],
            "days": [names.days["format"]["wide"][d] for d in sunday_first],
            "shortDays": [names.days["format"]["abbreviated"][d] for d in sunday_first],
            "months": [names.months["format"]["wide"][m] for m in range(1, 13)],
            "shortMonths": [names.months["format"]["abbreviated"][m] for m in range(1, 13)],
        },
    }


THEME = "journeykit"


@alt.theme.register(THEME, enable=True)
def kit_theme() -> alt.theme.ThemeConfig:
    """The kit's one chart theme (altair's registry), enabled for every chart drawn in a
    process that uses the kit, standalone or composed: read when a chart is drawn, so in the
    reader's language (fonts, Persian digits on the axes). A chart's own configuration still
    wins."""
    return {"config": chart_config()}  # type: ignore[typeddict-item]


def font() -> str:
    return ", ".join(FONTS)


def checked_once(build: Callable[P, R]) -> Callable[P, R]:
    """A chart builder that does not have altair validate every part as it is made (its
    debug mode: a third of a journey map's build, paid again by every page that opens); the
    whole spec is still validated once, when it is drawn or saved (`to_dict`)."""

    @functools.wraps(build)
    def built(*args: P.args, **kwargs: P.kwargs) -> R:
        with debug_mode(False):
            return build(*args, **kwargs)

    return built
