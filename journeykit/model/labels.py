"""How the model's fixed values read on a page, a chart or a report ("as-is", "pain_point" ...).

The values themselves are stored and exchanged as they are (a Persian team's JSON says "as-is"
too); only what a reader sees goes through the language's catalog.
"""

from __future__ import annotations

from journeykit.i18n import N_, _

LABELS: dict[str, str] = {
    # evidence of a persona
    "assumed": N_("assumed"),
    "researched": N_("researched"),
    "validated": N_("validated"),
    # contact of a touchpoint
    "direct": N_("direct"),
    "indirect": N_("indirect"),
    # kind of journey
    "as-is": N_("as-is"),
    "to-be": N_("to-be"),
    # kind of insight
    "pain_point": N_("pain point"),
    "need": N_("need"),
    "delight": N_("delight"),
    "moment_of_truth": N_("moment of truth"),
    "untagged": N_("not coded yet"),
    # status of an action
    "idea": N_("idea"),
    "planned": N_("planned"),
    "in_progress": N_("in progress"),
    "done": N_("done"),
    "dropped": N_("dropped"),
    # words of filters and tables
    "all": N_("all"),
    "digital": N_("digital"),
    "physical": N_("physical"),
    "yes": N_("yes"),
    "no": N_("no"),
    # what stays private
    "names": N_("names"),
    "quotes": N_("quotes"),
}


ITEM_NAMES: dict[str, str] = {
    "personas": N_("persona"),
    "touchpoints": N_("touchpoint"),
    "journeys": N_("journey"),
    "interviews": N_("interview note"),
    "insights": N_("insight"),
    "actions": N_("action"),
}
"""How a message names one item of each kind a workspace holds (by its list's name)."""


def item_name(kind: str) -> str:
    """One item of a kind ("personas") as the reader's language names it ("persona")."""
    return _(ITEM_NAMES[kind]) if kind in ITEM_NAMES else kind.removesuffix("s")


def label(value: str) -> str:
    """A fixed value as the reader's language names it (unknown values as they are)."""
    return _(LABELS[value]) if value in LABELS else value


def labelled(values: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    """Options for a picker: each value shown by its label, read back as the value."""
    return [(label(v), v) for v in values]


def kind_title(name: str, kind: str) -> str:
    """A journey's name with its kind ("as-is", "to-be") in the reader's language, unless the
    name already says it, in that language or in English ("Buying (as-is)" stays as it is)."""
    said = label(kind)
    if said.lower() in name.lower() or kind in name.lower():
        return name
    return f"{name} ({said})"
