"""Store figures: single-item edits and loading a large survey, each beside a plain baseline.

Run with `make bench` (or `python benchmarks/store.py --edits N --responses N`). Both sides of
each comparison run in this process, on this machine, against the same kind of SQLite file with
the same settings (WAL, synchronous=FULL), so the ratio is what the store's own work costs.
Targets: edits at most 2x plain sqlite3 inserts; load at most 1.5x pandas.read_sql; while a
team imports the responses, another team's saves (from another process, as another page's
kernel) wait at most 2 s each.
"""

from __future__ import annotations

import argparse
import multiprocessing
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

EDIT_TARGET, LOAD_TARGET, WAIT_TARGET = 2.0, 1.5, 2.0


def _saves(path: Path, stop, out) -> None:  # another page's kernel, saving every 0.2 s
    store, waits, n = Store(path), [], 0
    while not stop.is_set():
        began = time.perf_counter()
        store.add("south", Persona(id=f"p{n}", name=f"Saved meanwhile {n}"))
        waits.append(time.perf_counter() - began)
        n += 1
        time.sleep(0.2)
    out.put(waits)


def bench_import_waits(folder: Path, responses: int) -> tuple[float, list[float], float]:
    """Import `responses` into one team while another process saves to another team: the
    import's time, each save's time, and one save's time with nothing else going on."""
    path = folder / "waits.db"
    store = Store(path)
    store.create_team(Workspace(id="north", name="North"))
    store.create_team(Workspace(id="south", name="South"))
    began = time.perf_counter()
    store.add("south", Persona(id="alone", name="Alone"))
    alone = time.perf_counter() - began
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(
        {"id": [f"r{i}" for i in range(responses)], "nps": rng.integers(0, 11, responses)}
    )
    context = multiprocessing.get_context("spawn")
    stop, out = context.Event(), context.Queue()
    saver = context.Process(target=_saves, args=(path, stop, out))
    saver.start()
    time.sleep(2)  # the saver's imports
    began = time.perf_counter()
    store.add_survey_responses("north", frame)
    took = time.perf_counter() - began
    stop.set()
    waits = out.get(timeout=60)
    saver.join()
    store.close()
    return took, waits, alone


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
        took, waits, alone = bench_import_waits(folder, args.responses)
        print(f"store: another team saves while one imports {args.responses:,} responses")
        print(f"  the import                  {took:6.2f} s")
        print(f"  saves meanwhile             {len(waits)}, longest {max(waits):.2f} s")
        print(f"  baseline: one save alone    {alone:6.3f} s  (target: longest <= {WAIT_TARGET} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
