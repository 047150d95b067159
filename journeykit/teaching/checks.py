"""Exercises and the checks that answer a student at once.

A check never just says "wrong": it recognises the typical mistakes of the method (detractors
taken as 0-7, three personas on one map, a channel where a touchpoint is asked ...) and names
each with its own hint, or says what is right and why. Exercises are data (a case, tasks, the
right answers and the hints), so a widget, a test and a facilitator read the same thing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from journeykit.i18n import N_, _, format_number, latin_digits, local_digits
from journeykit.model import TEMPLATES, Journey
from journeykit.teaching.glossary import TERMS

Kind = Literal["choice", "choices", "number", "lines", "match", "rows", "code"]
STAGE_NAMES = {s.id: s.name for t in TEMPLATES.values() for s in t.stages}
"""Stage ids of every stage model by their (English) names, for `shown`."""
BLANK = "blank"
"""The mistake named when a task has no answer yet."""


@dataclass(frozen=True)
class Feedback:
    """What a check says: right or not, in words, and which typical mistake it recognised."""

    ok: bool
    message: str
    mistake: str = ""
    stage: str = ""
    """Where on the ladder of hints this stands (`Ladder`): "nudge", "mistake", "worked",
    or "" for feedback given straight from a check."""


def right(message: str) -> Feedback:
    return Feedback(True, message)


Why = str | Callable[[], str]
"""Why an answer is right: a text marked for translation, or a function that writes it with
its figures (called when shown, so in the student's language)."""


def because(why: Why) -> str:
    """`why` in the student's language."""
    return why() if callable(why) else _(why)


def right_because(why: Why) -> Feedback:
    """Right, and why, in the student's language: how every check built from data confirms."""
    return right(_("Right: {why}").format(why=because(why)))


def mistake(key: str, message: str) -> Feedback:
    return Feedback(False, message, key)


@dataclass(frozen=True)
class Hint:
    """A typical mistake: its name and what to tell the student who makes it."""

    key: str
    text: Why
    """Marked for translation, or a function that writes it with the case's figures."""


def hinted(hint: Hint | None, key: str, text: str) -> Feedback:
    """The typical mistake's own hint when there is one, else a plain pointer."""
    return said(hint) if hint else mistake(key, text)


def said(hint: Hint) -> Feedback:
    """A typical mistake named, with its hint in the student's language."""
    return mistake(hint.key, because(hint.text))


def shown(text: str) -> str:
    """An option, item or part of a case as the student reads it: in their language, the stage
    ids of a stage model by their names ("consideration → purchase"), its digits as the page
    writes them."""
    return local_digits(" → ".join(_(STAGE_NAMES.get(part, part)) for part in text.split(" → ")))


@dataclass(frozen=True)
class Task:
    """One question of an exercise. `kind` says which form answers it:
    choice: one of `options`; choices: a set of `options`; number: a float;
    lines: a list of texts; match: each of `items` mapped to one of `options`;
    rows: a list of dicts with the fields named in `items`."""

    key: str
    prompt: str
    kind: Kind
    check: Callable[[Any], Feedback]
    options: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    unit: str = ""
    worked: Callable[[], str] | None = None
    """The worked answer in the student's language, shown only when asked for (`Ladder`)."""

    def answer(self, value: Any) -> Feedback:
        """Feedback on `value`: a blank answer is told how to answer, never just refused."""
        if is_blank(value, self.kind):
            return mistake(
                BLANK, _("Not answered yet: {how}").format(how=_(HOW_TO_ANSWER[self.kind]))
            )
        return self.check(typed(value))


HOW_TO_ANSWER: dict[str, str] = {
    "choice": N_("pick one option, then Check."),
    "choices": N_("tick every option that applies, then Check."),
    "number": N_("type a number, then Check."),
    "lines": N_("write one item per line, then Check."),
    "match": N_("choose a category for every item, then Check."),
    "rows": N_("fill in at least one row, then Check."),
    "code": N_("replace the ... in the cell above with your code, run it, then run this cell."),
}


def typed(value: Any) -> Any:
    """An answer as the checks read it: Persian and Arabic-Indic digits typed in ids, quote
    numbers and counts ("I۱", "۴") read as the Latin ones the case's answers use."""
    if isinstance(value, str):
        return latin_digits(value)
    if isinstance(value, list):
        return [typed(v) for v in value]
    if isinstance(value, tuple):
        return tuple(typed(v) for v in value)
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    return value


def is_blank(value: Any, kind: Kind) -> bool:
    """Whether an answer is still empty (an untouched form)."""
    if value is None or value is Ellipsis:  # a data notebook's `answer = ...` left as given
        return True
    if kind == "code":
        return False
    if kind == "number":
        return isinstance(value, float) and math.isnan(value)
    if kind == "match":
        return not any(value.values())
    if kind == "rows":
        return not any(any(str(v).strip() for v in row.values()) for row in value)
    if kind == "lines":
        return not [line for line in value if line.strip()]
    return not value


@dataclass(frozen=True)
class Exercise:
    """A short case, its tasks, and where it sits in the workshop (method step 1-7; 0 for the
    concept quiz)."""

    key: str
    step: int
    title: str
    case: str | tuple[str | Callable[[], str], ...]
    """The case, or its parts: texts marked for translation, figures, and functions that
    write a part with the case's figures in the student's language."""
    tasks: tuple[Task, ...]
    terms: Mapping[str, str] = field(default_factory=dict)
    """Task key -> the word of the method (`glossary.TERMS`) it is about: the page defines
    each, and the first hint on a wrong answer points there."""
    journey: Callable[[], tuple[Journey, dict[str, str]]] | None = None
    """A journey the page draws as a map beside the case, with its personas' names (in the
    student's language)."""

    def glossary(self) -> list[str]:
        """The words this exercise's page defines, in the order its tasks meet them."""
        return list(dict.fromkeys(self.terms[t.key] for t in self.tasks if t.key in self.terms))

    def case_text(self) -> str:
        """The case in the student's language (a case may be written in parts: its texts and
        the figures between them)."""
        parts = (self.case,) if isinstance(self.case, str) else self.case
        return "".join(local_digits(part()) if callable(part) else shown(part) for part in parts)

    def task(self, key: str) -> Task:
        """One task by its key, or a message naming the tasks there are (a check cell typed
        by hand)."""
        found = next((t for t in self.tasks if t.key == key), None)
        if found is None:
            raise KeyError(
                _("no task {task!r} in exercise {exercise}: its tasks are {tasks}").format(
                    task=key, exercise=self.key, tasks=", ".join(t.key for t in self.tasks)
                )
            )
        return found

    def check(self, answers: Mapping[str, Any]) -> dict[str, Feedback]:
        """Feedback on every task (a missing answer counts as blank)."""
        return {t.key: t.answer(answers.get(t.key)) for t in self.tasks}


# ----- hints in stages ------------------------------------------------------------------------

PASS_THROUGH = {BLANK, "not-a-number"}
"""Feedback that says how to answer, not what is wrong: never held back by the ladder."""
SECOND_TRY = 2
"""Wrong tries after which the worked answer may be asked for."""


@dataclass
class Ladder:
    """Hints in stages for one task, as a teacher gives them: the first wrong answer gets a
    nudge (the concept, and where on the page it is explained), the next ones the specific
    mistake; the worked answer only when the student asks for it, after a second wrong try.
    The page and the data-track notebooks both climb it."""

    task: Task
    term: str = ""
    wrong: int = 0

    def respond(self, feedback: Feedback) -> Feedback:
        """What to show for this check's feedback, counting the wrong tries."""
        if feedback.ok or feedback.mistake in PASS_THROUGH:
            return feedback
        self.wrong += 1
        if self.wrong == 1 and self.term:
            return Feedback(False, nudge(self.term), feedback.mistake, "nudge")
        return Feedback(False, feedback.message, feedback.mistake, "mistake")

    @property
    def answer_offered(self) -> bool:
        """Whether the worked answer may be asked for now."""
        return self.wrong >= SECOND_TRY and self.task.worked is not None

    def worked(self) -> Feedback:
        """The worked answer, when the student asked for it."""
        text = self.task.worked() if self.task.worked else ""
        return Feedback(False, _("Worked answer: {answer}").format(answer=text), "", "worked")


def nudge(term: str) -> str:
    """The first hint: names the concept and sends the student to its definition on the page."""
    return _(
        "Not yet. This task is about {term}: read what it means under 'Words used here' on "
        "this page, then look at the case again."
    ).format(term=_(TERMS[term].name))


# ----- checks built from data ----------------------------------------------------------------


def choice(
    prompt: str,
    options: Sequence[str],
    correct: str,
    why: Why,
    hints: Mapping[str, Hint],
    key: str,
) -> Task:
    """One right option; each wrong one has its own hint (an exercise is refused when one has
    none: a student who picks it learns why)."""

    def check(value: str) -> Feedback:
        if value == correct:
            return right_because(why)
        return hinted(
            hints.get(value),
            "other",
            _("Not '{option}'. Read the case again, then try another.").format(option=shown(value)),
        )

    _require(correct in options and set(hints) == set(options) - {correct}, key)
    return Task(
        key,
        prompt,
        "choice",
        check,
        options=tuple(options),
        worked=_worked(lambda: shown(correct), why),
    )


def choices(
    prompt: str,
    options: Sequence[str],
    correct: set[str],
    why: Why,
    wrong: Mapping[str, Hint],
    missing: Mapping[str, Hint],
    key: str,
    at_most: tuple[int, Hint] | None = None,
    also: frozenset[str] = frozenset(),
) -> Task:
    """A set of right options, and `also` those that may be picked with them (a second persona
    the rule allows). Every wrong pick, a right one left out, or too many picks each get their
    own hint: an exercise is refused when a wrong option has none."""

    def check(value: set[str] | Sequence[str]) -> Feedback:
        picked = set(value)
        if at_most and len(picked) > at_most[0]:
            return said(at_most[1])
        for option in options:
            if option in picked and option not in correct | also:
                return hinted(
                    wrong.get(option),
                    "other",
                    _("'{option}' does not belong here.").format(option=shown(option)),
                )
        for option in options:
            if option in correct and option not in picked:
                return hinted(
                    missing.get(option),
                    "incomplete",
                    _("One is missing: look again at '{option}'.").format(option=shown(option)),
                )
        return right_because(why)

    _require(
        correct <= set(options)
        and set(wrong) | set(missing) | also <= set(options)
        and set(options) - correct - also <= set(wrong)
        and correct <= set(missing),
        key,
    )
    picks = [o for o in options if o in correct]
    return Task(
        key,
        prompt,
        "choices",
        check,
        options=tuple(options),
        worked=_worked(lambda: "; ".join(shown(o) for o in picks), why),
    )


def number(
    prompt: str,
    correct: float,
    why: Why,
    traps: Sequence[tuple[float, Hint]],
    key: str,
    unit: str = "",
    tolerance: float = 0.6,
    bounds: tuple[float, float] | None = None,
) -> Task:
    """A number within `tolerance`; a number a typical slip gives (detractors as 0-7, passives
    left out ...) gets that slip's hint. Past the slips a teacher foresees, a number the
    figure can never take (outside `bounds`), one off by more than rounding (within
    `NEAR_MISS` tolerances) and one far off each get their own hint, none giving the answer."""

    def check(value: float) -> Feedback:
        if abs(value - correct) <= tolerance:
            return right_because(why)
        for trap, hint in traps:
            if abs(value - trap) <= tolerance:
                return said(hint)
        shown_value = format_number(value) + unit
        if bounds and not bounds[0] <= value <= bounds[1]:
            return mistake(
                "impossible-value",
                _(
                    "{value} cannot be: this figure always lies between {low} and {high}. Go "
                    "through your working again: what is divided by what, and in which unit?"
                ).format(
                    value=shown_value,
                    low=format_number(bounds[0]) + unit,
                    high=format_number(bounds[1]) + unit,
                ),
            )
        if abs(value - correct) <= NEAR_MISS * tolerance:
            return mistake(
                "near-miss",
                _(
                    "{value} is close, but off by more than rounding: keep every decimal until "
                    "the last step, and check each figure you took from the case."
                ).format(value=shown_value),
            )
        if value > correct:
            return mistake(
                "too-high",
                _("{value} is too high. Work it out step by step from the case.").format(
                    value=shown_value
                ),
            )
        return mistake(
            "too-low",
            _("{value} is too low. Work it out step by step from the case.").format(
                value=shown_value
            ),
        )

    return Task(
        key,
        prompt,
        "number",
        check,
        unit=unit,
        worked=_worked(lambda: f"{format_number(correct)}{unit}", why),
    )


NEAR_MISS = 5
"""How many tolerances off a number may be and still be called close: the slip of rounding
the parts before subtracting them, or of one count left out."""


def match(
    prompt: str,
    items: Sequence[str],
    categories: Sequence[str],
    correct: Mapping[str, str],
    why: Why,
    hints: Mapping[tuple[str, str], Hint],
    key: str,
    filed: Mapping[str, Hint] | None = None,
) -> Task:
    """Each item to its category; a typical misfiling of an item has its own hint, any other
    the hint of the category it was wrongly filed under (`filed`: what that category is, and
    why this item is not one). An exercise is refused when a misfiling has neither."""
    filed = filed or {}

    def check(value: Mapping[str, str]) -> Feedback:
        unsorted = [item for item in items if not value.get(item)]
        if unsorted:
            return mistake(
                "incomplete",
                _("Choose a category for: {items}.").format(
                    items="; ".join(shown(i) for i in unsorted)
                ),
            )
        for item in items:
            if value[item] != correct[item]:
                if (item, value[item]) not in hints and value[item] in filed:
                    hint = filed[value[item]]
                    return mistake(hint.key, because(hint.text).format(item=shown(item)))
                return hinted(
                    hints.get((item, value[item])),
                    "other",
                    _("'{item}' is not {category}: read the definitions again.").format(
                        item=shown(item), category=shown(value[item])
                    ),
                )
        return right_because(why)

    _require(
        set(correct) == set(items)
        and set(correct.values()) <= set(categories)
        and all(
            (item, category) in hints or category in filed
            for item in items
            for category in categories
            if category != correct[item]
        ),
        key,
    )
    return Task(
        key,
        prompt,
        "match",
        check,
        options=tuple(categories),
        items=tuple(items),
        worked=_worked(lambda: "; ".join(f"{shown(i)} → {shown(correct[i])}" for i in items), why),
    )


def custom(
    key: str,
    prompt: str,
    kind: Kind,
    check: Callable[[Any], Feedback],
    fields: Sequence[str] = (),
    worked: str | Callable[[], str] = "",
) -> Task:
    """A task whose check is code (lists typed by the student, rows of a plan); `worked`: an
    answer that passes, written for the student (a text marked for translation)."""
    return Task(
        key,
        prompt,
        kind,
        check,
        items=tuple(fields),
        worked=(worked if callable(worked) else (lambda: shown(_(worked)))) if worked else None,
    )


def _worked(answer: str | Callable[[], str], why: Why) -> Callable[[], str]:
    """A worked answer: the answer, and why it is right (both in the student's language)."""

    def text() -> str:
        given = answer() if callable(answer) else answer
        return _("{answer}: {why}").format(answer=given, why=because(why))

    return text


def _require(consistent: bool, key: str) -> None:
    """An exercise's answers and hints must name its own options, and every wrong option or
    misfiling must have a hint (caught when it is defined)."""
    if not consistent:
        raise ValueError(
            f"task {key!r}: answers or hints name an option the task does not offer, "
            "or a wrong answer has no hint of its own"
        )  # found by the developer who writes the exercise: stays in English
