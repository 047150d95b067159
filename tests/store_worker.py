"""A separate process writing to a workshop store, as a Voila kernel would.

usage: store_worker.py STORE TEAM WORKER COUNT add|increment|forever|large
- add: add COUNT personas of its own;
- increment: COUNT times, add one to a shared touchpoint's owner counter, retrying on conflict;
- forever: add personas and 500-row survey batches until killed; prints each committed id.
- large: import COUNT survey responses as a large import, in batches of 1,000 (killed midway).
"""

from __future__ import annotations

import sys

import pandas as pd

from journeykit.errors import ConflictError
from journeykit.model import Persona, Touchpoint
from journeykit.store import Store


def main() -> None:
    location, team, worker, count, mode = sys.argv[1:6]
    store = Store(location)
    if mode == "add":
        for n in range(int(count)):
            store.add(team, Persona(id=f"w{worker}-{n}", name=f"Persona {worker}.{n}"))
    elif mode == "increment":
        done = conflicts = 0
        while done < int(count):
            stored = store.get(team, Touchpoint, "counter")
            item = stored.item
            item.owner = str(int(item.owner) + 1)
            try:
                store.update(team, item, stored.revision)
                done += 1
            except ConflictError:
                conflicts += 1
        print(f"conflicts {conflicts}", flush=True)
    elif mode == "large":
        from journeykit.store import base

        base.BATCH_ROWS, base.BATCH_PAUSE = 1000, 0.05
        frame = pd.DataFrame({"id": [f"L{i}" for i in range(int(count))], "csat": 4})
        store.add_survey_responses(team, frame)
        print("imported", flush=True)
    else:
        n = 0
        while True:
            store.add(team, Persona(id=f"k{n}", name=f"Persona {n}"))
            print(f"persona k{n}", flush=True)
            batch = pd.DataFrame(
                {
                    "id": [f"b{n}-{i}" for i in range(500)],
                    "submitted_at": "2026-03-01T10:00:00",
                    "csat": 4,
                }
            )
            store.add_survey_responses(team, batch)
            print(f"batch b{n}", flush=True)
            n += 1


if __name__ == "__main__":
    main()
