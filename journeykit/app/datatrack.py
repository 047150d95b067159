"""What the data-track notebooks call: the task on top, a check cell under the student's code,
the worked answer when asked for. Works in JupyterLab (with the kit's styling) and under nbval.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from journeykit.app.lab import kit_style
from journeykit.i18n import _, format_number
from journeykit.teaching import Exercise, Feedback, Ladder
from journeykit.teaching.datatrack import DATA_EXERCISES, TeamData, loaded, team_data
from journeykit.templates import macros
from journeykit.widgets.exercise import feedback_html, glossary_html

_LADDERS: dict[tuple[str, str], Ladder] = {}


def data_exercise(key: str) -> Exercise:
    """A data exercise by its key (`d1-nps`), or a message naming the ones there are."""
    try:
        return DATA_EXERCISES[key]
    except KeyError:
        raise KeyError(
            _("no data exercise {key!r}: the data exercises are {keys}").format(
                key=key, keys=", ".join(DATA_EXERCISES)
            )
        ) from None


def _ladder(key: str, task: str) -> Ladder:
    """The student's tries at one data task in this kernel (kept across runs of the cell)."""
    item = data_exercise(key)
    return _LADDERS.setdefault((key, task), Ladder(item.task(task), item.terms.get(task, "")))


class NotYet(Exception):
    """A data-track answer that is not right yet. The message is the hint; IPython shows only
    it (no traceback), nbval reports it as the cell's failure."""

    def _render_traceback_(self) -> list[str]:
        return [f"\x1b[1;31m{_('Not yet')}\x1b[0m", str(self)]


def show_task(key: str, team: str | None = None, location: str | None = None) -> TeamData:
    """Show a data exercise (its case, tasks and the words it uses) and load the team's data."""
    from IPython.display import HTML, display

    item = data_exercise(key)
    data = team_data(team, location)
    source = _(
        "Data: {team}, from {source}: {responses} survey responses, {events} events."
    ).format(
        team=data.name,
        source=data.source,
        responses=format_number(len(data.responses)),
        events=format_number(len(data.events)),
    )
    display(
        HTML(
            str(
                macros("page_parts.html.j2").exercise(
                    Markup(kit_style()),
                    _(item.title),
                    item.case_text(),
                    [_(t.prompt) for t in item.tasks],
                    source,
                    Markup(glossary_html(item.glossary())),
                )
            )
        )
    )
    return data


def check(key: str, task: str, answer: Any) -> Feedback:
    """Judge a data-track answer: right, or NotYet with the hint of this try (a nudge first,
    then the mistake; after two wrong tries `show_answer` gives the worked answer)."""
    from IPython.display import HTML, display

    ladder = _ladder(key, task)
    loaded()
    result = ladder.respond(ladder.task.answer(answer))
    if result.ok:
        display(HTML(kit_style() + feedback_html(result)))
        return result
    message = result.message
    if ladder.answer_offered:
        message += "\n" + _("To see the worked answer, run: show_answer({key!r}, {task!r})").format(
            key=key, task=task
        )
    raise NotYet(message)


def show_answer(key: str, task: str) -> None:
    """The worked answer of a data-track task, when the student asks for it."""
    from IPython.display import HTML, display

    display(HTML(kit_style() + feedback_html(_ladder(key, task).worked())))
