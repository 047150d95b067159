"""A small practice survey for a team that starts from an empty workshop (the walkthrough of
the seven steps): three touchpoints any team can add by name, on the five-stage model.

The file is bundled as `workshop/data/practice-survey.csv`; `practice_survey()` writes the same
text, and a test keeps the two equal.
"""

from __future__ import annotations

import csv
import io

import numpy as np

PRACTICE_TOUCHPOINTS = {
    # name: (stage, mean CSAT 1-5, comments when unhappy)
    "Website": ("consideration", 4.2, ("Prices were hard to find.",)),
    "Setup wizard": (
        "purchase",
        2.1,
        (
            "The bank connection failed twice.",
            "I got stuck and nobody answered.",
            "Setup took me a whole afternoon.",
        ),
    ),
    "Live chat": ("retention", 3.9, ("Waited ten minutes for an answer.",)),
}
HAPPY = ("Quick and clear.", "Worked the first time.")
HEADER = (
    "Response ID",
    "Submitted",
    "Touchpoint",
    "Stage",
    "How likely are you to recommend us?",
    "How satisfied were you with this step?",
    "Comment",
)


def practice_survey(rows: int = 360, seed: int = 5) -> str:
    """The practice survey as CSV text (same seed, same file)."""
    rng = np.random.default_rng(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    names = list(PRACTICE_TOUCHPOINTS)
    for number in range(rows):
        name = names[number % len(names)]
        stage, mean, complaints = PRACTICE_TOUCHPOINTS[name]
        csat = int(np.clip(np.rint(rng.normal(mean, 0.9)), 1, 5))
        nps = int(np.clip(np.rint(csat * 2 + rng.normal(0, 1.5)), 0, 10))
        comment = ""
        if rng.random() < 0.4:
            pool = complaints if csat <= 2 else HAPPY if csat >= 4 else ("",)
            comment = pool[int(rng.integers(len(pool)))]
        day = 1 + number % 28
        writer.writerow(
            (
                f"p{number + 1:04d}",
                f"2026-03-{day:02d} {9 + number % 8:02d}:15",
                name,
                stage,
                nps,
                csat,
                comment,
            )
        )
    return out.getvalue()
