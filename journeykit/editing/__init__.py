"""What an editor does with a team's work, apart from how it looks. Each editor of the pages
has a model here: the items it shows, the one in hand, what its form holds, whether that is
valid, and what each button comes to (saved, refused with the reason, or a conflict with a
teammate who saved first, which the person settles). The page's editors
(`journeykit.widgets`) build controls, link them to these models and show what they return;
nothing here knows of widgets, so every rule is tested without a page.
"""

from journeykit.editing.edits import (
    CONFLICT,
    Change,
    Editor,
    Edits,
    Outcome,
    describe,
    first_choice,
    named,
    refusal,
    unseen,
)
from journeykit.editing.forms import ActionForm, Edited, Form, PersonaForm, TouchpointForm
from journeykit.editing.journeys import NEW_JOURNEY, NEW_STEP, STEP_FIELDS, JourneyForm

__all__ = [
    "CONFLICT",
    "NEW_JOURNEY",
    "NEW_STEP",
    "STEP_FIELDS",
    "ActionForm",
    "Change",
    "Edited",
    "Editor",
    "Edits",
    "Form",
    "JourneyForm",
    "Outcome",
    "PersonaForm",
    "TouchpointForm",
    "describe",
    "first_choice",
    "named",
    "refusal",
    "unseen",
]
