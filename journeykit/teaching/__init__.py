"""What the kit teaches with: exercises with checks that name the mistake, and the facilitator's
materials (canvases, agendas). Above analysis, below the widgets: no widget code here."""

from journeykit.teaching.checks import BLANK, Exercise, Feedback, Hint, Ladder, Task
from journeykit.teaching.exercises import EXERCISES


def exercise(key: str) -> Exercise:
    """One exercise by its key (`05-scores`), or a message listing the keys there are."""
    try:
        return EXERCISES[key]
    except KeyError:
        raise KeyError(f"no exercise {key!r}: the exercises are {', '.join(EXERCISES)}") from None


__all__ = ["BLANK", "EXERCISES", "Exercise", "Feedback", "Hint", "Ladder", "Task", "exercise"]
