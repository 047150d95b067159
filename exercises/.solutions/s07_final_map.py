"""Exercise 07-final-map: the bank connection is the moment of truth and the evidenced pain."""

from journeykit.teaching.exercises import MAP_STEPS

ANSWERS = {"moment": MAP_STEPS[2], "pains": {MAP_STEPS[2]}}
