"""The bundled sample workshop: a fictional company, two teams, evidence with real patterns."""

from journeykit.sample.build import (
    DEFAULT_SEED,
    create_sample,
    sample_events,
    sample_surveys,
    sample_team,
    sample_workspace,
)
from journeykit.sample.content import EVENT_STAGES, PLANTED

__all__ = [
    "DEFAULT_SEED",
    "EVENT_STAGES",
    "PLANTED",
    "create_sample",
    "sample_events",
    "sample_surveys",
    "sample_team",
    "sample_workspace",
]
