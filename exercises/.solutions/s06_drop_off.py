"""Exercise 06-drop-off: 20% of those considering buy, the smallest share kept."""

ANSWERS = {
    "worst": "consideration → purchase",
    "conversion": 20.0,
    "fewer": "They leave early",
}
