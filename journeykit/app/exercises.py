"""The exercise pages: what an exercise notebook's one cell calls, in JupyterLab or Voila."""

from __future__ import annotations

from journeykit.app.lab import show_style
from journeykit.store import Store
from journeykit.widgets.address import on_address, query_value
from journeykit.widgets.exercise import ExerciseView, exercise_index


def student_in(query: str) -> str:
    """The student named in a page's address (`?student=Ana`): links keep the name."""
    return query_value(query, "student")


def show_exercise(key: str, location: str | None = None) -> None:
    """Display exercise `key` for the student in the address (or the name they type)."""
    from IPython.display import display

    store = Store(location)
    show_style()
    display(on_address(lambda query: [ExerciseView(store, key, student_in(query))], store))


def show_exercises(location: str | None = None) -> None:
    """Display the list of exercises with the student's progress."""
    from IPython.display import display

    store = Store(location)
    show_style()
    display(on_address(lambda query: [exercise_index(store, student_in(query))], store))
