"""An exercise on a page: the case, a form per task, and a Check that answers at once.

Works the same in JupyterLab and in Voila (no code to edit): each task has the input its kind
needs, the feedback names the mistake and the fix, and every checked answer is kept in the
workshop store under the student's name, so a reload or a new page goes on where they were.
"""

from __future__ import annotations

import math
from typing import Any, cast

import ipywidgets as w

from journeykit.errors import JourneyKitError
from journeykit.i18n import N_, _, format_number, latin_digits, ngettext, separator
from journeykit.store import Store
from journeykit.teaching import EXERCISES, Feedback, Task, exercise
from journeykit.teaching.checks import Ladder, shown
from journeykit.teaching.glossary import TERMS
from journeykit.widgets.base import headers, lines, offline_chart, parts, status_html

ROWS = 3
"""Rows offered by a task answered as a small table (two are asked for)."""


def case_html(text: str) -> str:
    """The case as paragraphs, with lines starting '- ' as a list (all text escaped)."""
    blocks: list[str | list[str]] = []
    for line in text.splitlines():
        if line.startswith("- "):
            if not blocks or isinstance(blocks[-1], str):
                blocks.append([])
            cast(list[str], blocks[-1]).append(line[2:])
        else:
            blocks.append(line)
    return str(parts().case(blocks))


def feedback_html(feedback: Feedback) -> str:
    tone = "ok" if feedback.ok else ("empty" if feedback.mistake == "blank" else "error")
    if feedback.stage in ("nudge", "worked"):
        tone = "hint"
    return str(parts().feedback(tone, feedback.stage, feedback.ok, feedback.message))


def glossary_html(terms: list[str]) -> str:
    """The definitions of the words a page's tasks rely on, where its hints point."""
    rows = [(_(TERMS[t].name), _(TERMS[t].meaning)) for t in terms]
    return str(parts().terms(_("Words used here"), rows))


def parse_number(text: str) -> float:
    """A typed number ("15", "-3,5", "20 %", Persian "۲۰٪"); NaN when blank. Refuses words
    with a fix."""
    cleaned = latin_digits(text).strip().rstrip("%٪").strip().replace(",", ".").replace("−", "-")
    if not cleaned:
        return math.nan
    try:
        return float(cleaned)
    except ValueError:
        raise ValueError(
            _("'{text}' is not a number: type digits only, for example 15 or -3.5").format(
                text=text.strip()
            )
        ) from None


class TaskForm(w.VBox):
    """One task: its prompt, the input its kind needs, Check, and the feedback."""

    def __init__(self, task: Task, term: str = "") -> None:
        self.task = task
        self.ladder = Ladder(task, term)
        self.result: Feedback | None = None
        """The last check's feedback (None until checked)."""
        self.feedback = w.HTML()
        self.check_button = w.Button(description=_("Check"), icon="check", button_style="primary")
        self.answer_button = w.Button(
            description=_("Show the worked answer"),
            icon="lightbulb-o",
            layout=w.Layout(display="none", width="auto"),
        )
        self.answer_button.on_click(lambda _b: self.show_answer())
        self.inputs = self._inputs()
        prompt = w.HTML(str(parts().para(_(task.prompt), "jk-prompt")))
        buttons = w.HBox([self.check_button, self.answer_button])
        super().__init__([prompt, self.inputs, buttons, self.feedback])
        self.add_class("jk-task-form")
        self.add_class(f"jk-kind-{task.kind}")

    def _inputs(self) -> w.Widget:
        task = self.task
        if task.kind == "choice":
            self.radio = w.RadioButtons(
                options=[(shown(o), o) for o in task.options],
                value=None,
                layout=w.Layout(width="auto"),
            )
            return self.radio
        if task.kind == "choices":
            self.boxes = {
                o: w.Checkbox(description=shown(o), indent=False, layout=w.Layout(width="auto"))
                for o in task.options
            }
            return w.VBox(list(self.boxes.values()))
        if task.kind == "number":
            self.text = w.Text(
                placeholder=_("a number in {unit}").format(unit=task.unit)
                if task.unit
                else _("a number")
            )
            return self.text
        if task.kind == "lines":
            self.area = w.Textarea(
                placeholder=_("one per line"), rows=6, layout=w.Layout(width="32em")
            )
            return self.area
        if task.kind == "match":
            self.pickers = {
                item: w.Dropdown(
                    options=[("", ""), *((shown(o), o) for o in task.options)], value=""
                )
                for item in task.items
            }
            rows = [
                w.HBox(
                    [
                        w.HTML(str(parts().span(shown(item))), layout=w.Layout(width="28em")),
                        picker,
                    ]
                )
                for item, picker in self.pickers.items()
            ]
            return w.VBox(rows)
        self.cells = [
            {name: w.Text(placeholder=shown(name)) for name in task.items} for _row in range(ROWS)
        ]
        head = w.HBox(
            [w.HTML(str(parts().bold(shown(name))), layout=_cell()) for name in task.items]
        )
        body = [w.HBox([_sized(t) for t in row.values()]) for row in self.cells]
        return w.VBox([head, *body])

    @property
    def value(self) -> Any:
        """The answer as the task's check takes it (JSON-ready: sets become sorted lists)."""
        kind = self.task.kind
        if kind == "choice":
            return self.radio.value
        if kind == "choices":
            return sorted(option for option, box in self.boxes.items() if box.value)
        if kind == "number":
            return parse_number(self.text.value)
        if kind == "lines":
            return lines(self.area.value)
        if kind == "match":
            return {item: picker.value for item, picker in self.pickers.items()}
        return [{name: t.value for name, t in row.items()} for row in self.cells]

    @value.setter
    def value(self, answer: Any) -> None:
        kind = self.task.kind
        if kind == "choice":
            self.radio.value = answer if answer in self.task.options else None
        elif kind == "choices":
            for option, box in self.boxes.items():
                box.value = option in answer
        elif kind == "number":
            self.text.value = "" if answer is None or math.isnan(answer) else f"{answer:g}"
        elif kind == "lines":
            self.area.value = "\n".join(answer)
        elif kind == "match":
            for item, picker in self.pickers.items():
                known = {value for _label, value in picker.options}
                picker.value = answer.get(item, "") if answer.get(item) in known else ""
        else:
            for row, saved in zip(self.cells, [*answer, *[{}] * ROWS], strict=False):
                for name, text in row.items():
                    text.value = str(saved.get(name, ""))

    def check(self) -> Feedback:
        """Check the answer now and show the feedback."""
        try:
            answer = self.value
        except ValueError as err:  # a word where a number is asked
            result = Feedback(False, str(err), "not-a-number")
        else:
            result = self.task.answer(answer if self.task.kind != "choices" else set(answer))
        self.result = result
        shown_now = self.ladder.respond(result)
        self.feedback.value = feedback_html(shown_now)
        self.answer_button.layout.display = (
            "" if self.ladder.answer_offered and not result.ok else "none"
        )
        return shown_now

    def show_answer(self) -> None:
        """The worked answer, below the last hint (asked for by the student)."""
        self.feedback.value += feedback_html(self.ladder.worked())
        self.answer_button.layout.display = "none"


def _cell() -> w.Layout:
    return w.Layout(width="14em")


def _sized(text: w.Text) -> w.Text:
    text.layout = _cell()
    return text


class ExerciseView(w.VBox):
    """An exercise for one student; answers are saved on every Check when a name is given."""

    def __init__(self, store: Store, key: str, student: str = "") -> None:
        self.store, self.exercise = store, exercise(key)
        self.name = w.Text(
            value=student, description=_("Your name"), placeholder=_("to keep answers")
        )
        self.name.continuous_update = False
        self.load_button = w.Button(description=_("Load my answers"), icon="folder-open")
        self.load_button.on_click(lambda _b: self.load())
        self.status = w.HTML()
        self.score = w.HTML()
        self.forms = [
            TaskForm(task, self.exercise.terms.get(task.key, "")) for task in self.exercise.tasks
        ]
        for form in self.forms:
            form.check_button.on_click(lambda _b, f=form: self.check(f))
        super().__init__(
            [
                w.HTML(self._title()),
                w.HBox([self.name, self.load_button]),
                self.status,
                w.HTML(case_html(self.exercise.case_text())),
                *self._drawn(),
                w.HTML(glossary_html(self.exercise.glossary())),
                *self.forms,
                self.score,
            ]
        )
        self.add_class("jk-exercise")
        if student:
            self.load()
        self._show_score()

    def _drawn(self) -> list[w.Widget]:
        """The exercise's journey drawn as the kit's map, when it has one."""
        if self.exercise.journey is None:
            return []
        from journeykit.charts.journey import journey_map

        journey, personas = self.exercise.journey()
        chart = offline_chart(journey_map(journey, persona_names=personas))
        chart.add_class("jk-exercise-map")
        return [chart]

    def _title(self) -> str:
        step, count = self.exercise.step, len(self.exercise.tasks)
        where = (
            _("Workshop step {step}").format(step=format_number(step)) if step else _("Concepts")
        )
        tasks = ngettext("{count} task", "{count} tasks", count).format(count=format_number(count))
        return str(parts().exercise_title(_(self.exercise.title), f"{where}{separator()}{tasks}"))

    def load(self) -> None:
        """Fill the forms with the student's saved answers and their feedback."""
        student = self.name.value.strip()
        if not student:
            self.status.value = status_html(_("Type your name first."), "error")
            return
        saved = self.store.answers(student).get(self.exercise.key, {})
        for form in self.forms:
            if form.task.key in saved:
                form.value = saved[form.task.key][0]
                form.check()
        self.status.value = status_html(
            ngettext(
                "Welcome back, {student}: {count} answer loaded.",
                "Welcome back, {student}: {count} answers loaded.",
                len(saved),
            ).format(student=student, count=format_number(len(saved)))
            if saved
            else _("Answers you check are kept under '{student}'.").format(student=student),
            "ok",
        )
        self._show_score()

    def check(self, form: TaskForm) -> Feedback:
        """Check one task and keep the answer (when the student gave a name)."""
        result = form.check()
        student = self.name.value.strip()
        if result.mistake in {"blank", "not-a-number"}:
            pass
        elif not student:
            self.status.value = status_html(
                _("Type your name at the top to keep your answers."), "empty"
            )
        else:
            try:
                self.store.save_answer(
                    student, self.exercise.key, form.task.key, form.value, result.ok
                )
            except JourneyKitError as err:
                self.status.value = status_html(
                    _("Not kept: {problem}").format(problem=err), "error"
                )
        self._show_score()
        return result

    def _show_score(self) -> None:
        right = sum(bool(form.result and form.result.ok) for form in self.forms)
        score = _("{right} of {total} tasks right").format(
            right=format_number(right), total=format_number(len(self.forms))
        )
        if right == len(self.forms):
            score += separator() + _("well done!")
        self.score.value = str(parts().para(score, "jk-score"))


def exercise_list(store: Store, student: str = "") -> str:
    """Every exercise with a link (carrying the student's name) and how far they got."""
    saved = store.answers(student) if student.strip() else {}
    rows = []
    for item in EXERCISES.values():
        done = sum(ok for _answer, ok in saved.get(item.key, {}).values())
        where = (
            _("step {step}").format(step=format_number(item.step)) if item.step else _("concepts")
        )
        right = _("{done} of {total}").format(
            done=format_number(done), total=format_number(len(item.tasks))
        )
        rows.append({"key": item.key, "where": where, "title": _(item.title), "right": right})
    heads = headers((N_("Workshop step"), N_("Exercise"), N_("Right")))
    return str(parts().exercises(heads, rows, student.strip()))


EXERCISES_INTRO = N_(
    "One exercise per workshop step and a concept quiz. Type your name so your answers are "
    "kept, then open an exercise. Every Check answers at once."
)


def exercise_index(store: Store, student: str = "") -> w.VBox:
    """The exercises' home: a name field and the list, which follows the name typed."""
    name = w.Text(value=student, description=_("Your name"), continuous_update=False)
    listing = w.HTML(exercise_list(store, student))
    name.observe(
        lambda change: setattr(listing, "value", exercise_list(store, change["new"])), "value"
    )
    intro = w.HTML(str(parts().intro(2, _("Exercises"), _(EXERCISES_INTRO))))
    return w.VBox([intro, name, listing])
