"""Exercise 07-final-map: month-end support is the moment of truth and the evidenced pain."""

from journeykit.teaching.exercises import MAP_STEPS, MOMENT

ANSWERS = {"moment": MAP_STEPS[MOMENT], "pains": {MAP_STEPS[MOMENT]}}
