"""Store figures: single-item edits and loading a large survey, each beside a plain baseline.

Run with `make bench` (or `python benchmarks/store.py --edits N --responses N`). Both sides of
each comparison run in this process, on this machine, against the same kind of SQLite file with
the same settings (WAL, synchronous=FULL), so the ratio is what the store's own work costs.
Targets: edits at most 2x plain sqlite3 inserts; load at most 1.5x pandas.read_sql.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from journeykit.model import Persona, Workspace
from journeykit.sample import sample_surveys, sample_workspace
from journeykit.sample.content import TEAMS
from journeykit.store import Store

EDIT_TARGET, LOAD_TARGET = 2.0, 1.5


def _best(run, repeat: int) -> float:
    """Best of `repeat` timings: the least disturbed by the rest of the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_edits(folder: Path, edits: int, repeat: int) -> tuple[float, float]:
    store = Store(folder / "edits.db")
    store.create_team(Workspace(id="bench", name="Benchmark"))
    store.add("bench", Persona(id="p", name="Persona", quote=""))
    state = {"revision": 1}

    def journeykit_edits() -> None:
        persona = store.get("bench", Persona, "p").item
        for n in range(edits):
            persona.quote = f"edit {n}"
            state["revision"] = store.update("bench", persona, state["revision"])

    baseline_db = folder / "baseline.db"

    def sqlite_inserts() -> None:
        baseline_db.unlink(missing_ok=True)
        conn = sqlite3.connect(baseline_db, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, data TEXT)")
        for n in range(edits):
            conn.execute("BEGIN")
            conn.execute("INSERT INTO t (data) VALUES (?)", (f'{{"quote": "edit {n}"}}',))
            conn.execute("COMMIT")
        conn.close()

    ours = _best(journeykit_edits, repeat)
    base = _best(sqlite_inserts, repeat)
    store.close()
    return ours, base


def bench_load(folder: Path, responses: int, repeat: int) -> tuple[float, float]:
    path = folder / "load.db"
    store = Store(path)
    rng = np.random.default_rng(1)
    workspace = sample_workspace(TEAMS[0], rng, 20)
    surveys = sample_surveys(workspace, rng, responses)
    no_events = pd.DataFrame(columns=["user_id", "event", "timestamp"])
    store.import_workspace(workspace, surveys, no_events)
    columns = ", ".join(surveys.columns)
    sql = f"SELECT {columns} FROM survey_responses WHERE team = ? ORDER BY seq"

    def plain_read_sql() -> None:
        with sqlite3.connect(path) as conn:
            frame = pd.read_sql(sql, conn, params=(workspace.id,))
        assert len(frame) == responses

    def journeykit_load() -> None:
        frame = store.survey_responses(workspace.id)
        assert len(frame) == responses

    ours = _best(journeykit_load, repeat)
    base = _best(plain_read_sql, repeat)
    store.close()
    return ours, base


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10_000)
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours, base = bench_edits(folder, args.edits, args.repeat)
        print(f"store: {args.edits:,} single-item edits, one transaction each")
        per_edit = 1e6 / args.edits
        print(f"  journeykit Store.update   {ours:8.2f} s  ({ours * per_edit:7.0f} us/edit)")
        print(f"  baseline sqlite3 inserts  {base:8.2f} s  ({base * per_edit:7.0f} us/edit)")
        print(f"  ratio {ours / base:.2f}x (target <= {EDIT_TARGET}x)")
        ours, base = bench_load(folder, args.responses, args.repeat)
        print(f"store: load a workspace's {args.responses:,} survey responses")
        print(f"  journeykit survey_responses {ours:6.2f} s")
        print(f"  baseline pandas.read_sql    {base:6.2f} s")
        print(f"  ratio {ours / base:.2f}x (target <= {LOAD_TARGET}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
