"""Shared field types and the error wording every model uses.

Messages are written for workshop participants: each names the field and says how to fix it,
because a form that only says "invalid" stalls a team in the middle of a session.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from journeykit.i18n import N_, _, format_number
from journeykit.model.metrics import METRICS

ID_PATTERN = re.compile(r"^[\w][\w.-]{0,63}$")

EMOTION_MIN, EMOTION_MAX = -3, 3
"""The emotion lane: -3 (furious) .. 0 (neutral) .. +3 (delighted)."""

SCORE_SCALES = {key: metric.scale for key, metric in METRICS.items()}
"""The answer scale of each standard score (from the metric registry, `model.metrics`)."""
NPS_SCALE, CSAT_SCALE, CES_SCALE = SCORE_SCALES["nps"], SCORE_SCALES["csat"], SCORE_SCALES["ces"]


def _check_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise ValueError(
            _(
                "{value!r} is not a usable id: use 1-64 letters, digits, '-', '_' or '.', "
                "starting with a letter or digit and without spaces (for example 'team-north')"
            ).format(value=value)
        )
    return value


def make_id(*parts: str | None, taken: Collection[str] = (), fallback: str = "item") -> str:
    """A usable id made from names or ids ("Live chat" -> "live-chat"; "pain", "onboarding"
    -> "pain-onboarding"), numbered ("-2", "-3") while it is taken. Any script is kept."""
    text = "-".join(p for p in parts if p).lower()
    base = re.sub(r"[^\w.]+", "-", text).strip("-._")[:56] or fallback
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError(_("must not be blank: write at least a few words"))
    return value.strip()


MAX_NAME = 200
"""Characters in a name or title: a workshop never needs more, and a page, a map and a report
lay out each one many times (a 100 KB name made a report take a minute)."""
MAX_TEXT = 20_000
"""Characters in any text (a note, a description): a long interview is pasted as notes."""
MAX_ITEMS = 1_000
"""Personas, touchpoints, journeys, insights or actions in a team, and steps in a journey: a
workshop has tens; a million made every start page take 56 s and 3 GB."""
MAX_NOTES = 20_000
"""Interview notes in a team (imported by the file, so more than the other items)."""
MAX_LINES = 200
"""Lines in a list of a form (a persona's goals, a step's pain points)."""


def most_items(kind: str) -> int:
    """How many items of a kind a team may hold."""
    return MAX_NOTES if kind == "interviews" else MAX_ITEMS


def _check_name(value: str) -> str:
    value = _check_text(value)
    if len(value) > MAX_NAME:
        raise ValueError(
            _(
                "is {count} characters long: a name or title has at most {most}; put the rest "
                "in a description or a note"
            ).format(count=format_number(len(value)), most=format_number(MAX_NAME))
        )
    return value


Id = Annotated[str, AfterValidator(_check_id)]
Text = Annotated[str, AfterValidator(_check_text)]
Name = Annotated[str, AfterValidator(_check_name)]
"""A name or a title: text of at most MAX_NAME characters."""
Emotion = Annotated[int, Field(ge=EMOTION_MIN, le=EMOTION_MAX)]
Rating = Annotated[int, Field(ge=1, le=5)]


BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1f\x85]")
"""Line and page breaks of other tools (a word processor's soft return): read as a space."""
UNSEEN = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x9f\u202d\u202e]")
"""Characters no one means to type (control characters but tab and new line, and the
right-to-left override that disguises a name): a word processor pastes them, and they break
the SVG, XML and spreadsheet writers of every export."""
PASTED = re.compile(f"{BREAKS.pattern}|{UNSEEN.pattern}")
"""Either kind: what a text loses or changes when it is cleaned (said once to the person)."""


def unseen_removed(value: object) -> object:
    """`value` (a text, or a list of them) without UNSEEN characters; a text longer than
    MAX_TEXT is refused."""
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise ValueError(
                _("is {count} characters long: at most {most}; split it into several notes").format(
                    count=format_number(len(value)), most=format_number(MAX_TEXT)
                )
            )
        return UNSEEN.sub("", BREAKS.sub(" ", value))
    if isinstance(value, list):
        return [unseen_removed(v) for v in value]
    return value


class Record(BaseModel):
    """Base of every model: unknown fields are refused so typos in JSON do not vanish; text
    never keeps characters no one can see."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, validate_assignment=True, frozen=False
    )

    @field_validator("*", mode="before")
    @classmethod
    def _no_unseen_characters(cls, value: object) -> object:
        return unseen_removed(value)


class Item(Record):
    """Something a team creates and edits one at a time: it has an id unique in its kind."""

    id: Id


def duplicates(ids: Iterable[str]) -> list[str]:
    """The ids that appear more than once, in first-seen order."""
    seen: set[str] = set()
    repeated: list[str] = []
    for item_id in ids:
        if item_id in seen and item_id not in repeated:
            repeated.append(item_id)
        seen.add(item_id)
    return repeated


_HINTS = {
    "missing": N_("this field is required: fill it in"),
    "extra_forbidden": N_("this field is not known: check its spelling or remove it"),
    "string_unicode": N_(
        "holds a broken character (half of a pair, such as \\ud800 in a JSON file): remove it"
    ),
    "less_than_equal": None,
    "greater_than_equal": None,
}


def explain(error: ValidationError, what: str = "") -> str:
    """Turn a pydantic error into one line per problem: where, what is wrong, how to fix it."""
    lines = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem["loc"]) or "value"
        message = problem["msg"].removeprefix("Value error, ")
        hint = _HINTS.get(problem["type"])
        if hint:
            message = _(hint)
        elif problem["type"] == "too_long":
            message = _("holds {count}: at most {most} are kept; remove some").format(
                count=format_number(problem["ctx"]["actual_length"]),
                most=format_number(problem["ctx"]["max_length"]),
            )
        elif problem["type"] in ("less_than_equal", "greater_than_equal"):
            message += f" (you gave {problem.get('input')!r})"
        prefix = f"{what}: " if what else ""
        lines.append(f"{prefix}{where}: {message}")
    return "\n".join(lines)
