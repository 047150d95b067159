"""Exercise 09-new-experience: keep what moves customers, drop the rest; lift 0.5 - (-1.5)."""

from journeykit.teaching.exercises import GAP_ITEMS

ANSWERS = {
    "gap": dict(
        zip(GAP_ITEMS, ["keep and strengthen", "drop", "keep and strengthen", "drop"], strict=True)
    ),
    "lift": 2.0,
    "b2b": "hassle-free",
}
