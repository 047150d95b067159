"""Exercise 04-interviews: coding quotes; pain points with their evidence."""

from journeykit.teaching.exercises import QUOTES

ANSWERS = {
    "code": dict(zip(QUOTES, ["pain point", "need", "delight", "pain point", "need"], strict=True)),
    "pains": [
        {"pain point": "Bank connection times out at setup", "evidence": "1"},
        {"pain point": "Support unreachable at month end", "evidence": "4"},
    ],
    "moment": "1",
}
