"""A course on JupyterHub: N participants logging in within a minute on this machine, each on
a server of their own, all on one PostgreSQL store; and the store's own speed on PostgreSQL
beside SQLite for the same edits.

Each participant logs in with the workshop password (the hub starts their server), opens the
start page and step 2 of their team as Voila's front end does (journeykit.app.client: GET the
page, then every widget's state over the kernel's websocket), saves 3 touchpoints on step 2,
and stays. Printed: time from login to a rendered start page (p50, p95), failures, edits lost
(saved but not in the store), memory per participant (PSS of every user server and its
kernels), and the sizing it implies. Traffic stays on 127.0.0.1; the PostgreSQL cluster is the
tests' own throwaway one on a Unix socket.

    python benchmarks/hub.py                  # N = 10, 20
    python benchmarks/hub.py --sizes 10

Targets: no failure, no edit lost.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from room import EDITS, edit_touchpoints, p95  # this folder: the room benchmark

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from postgres import start_cluster  # noqa: E402 (the tests' throwaway cluster)

from journeykit.app.client import Session, open_page  # noqa: E402
from journeykit.app.hub import PROXY, find_proxy, running  # noqa: E402
from journeykit.model import Persona, Touchpoint, Workspace  # noqa: E402
from journeykit.sample import create_sample  # noqa: E402
from journeykit.store import Store  # noqa: E402

LOGIN_WINDOW = 60.0
PASSWORD = "bench-room-password"
FACILITATOR_PASSWORD = "bench-facilitator-" + "p" * 20
STORE_EDITS = 300


@dataclass
class Result:
    rendered: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    saved: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def participant(url: str, number: int, team: str, delay: float, out: Result) -> None:
    time.sleep(delay)
    session = Session(url)
    start = time.perf_counter()
    try:
        session.hub_login(f"p{number:02d}", PASSWORD)
        page, _seconds = open_page(session, "00-start.ipynb")
        if page is None:
            out.failures.append(f"p{number:02d}: the start page never finished")
            return
        out.rendered.append(time.perf_counter() - start)
        page.close()
        page, _seconds = open_page(session, "02-employee-workshop.ipynb", team)
        if page is None:
            out.failures.append(f"p{number:02d}: step 2 never finished")
            return
        edit_touchpoints(page, number, team, out)  # type: ignore[arg-type]
        page.close()
    except Exception as err:  # a participant's failure is a finding, not a crash
        out.failures.append(f"p{number:02d}: {type(err).__name__}: {err}")


SERVER = "journeykit.app.singleuser"
"""What a participant's server's command line names (journeykit.app.hub.SINGLEUSER)."""


def user_servers() -> list[psutil.Process]:
    return [
        proc
        for proc in psutil.process_iter(["cmdline"])
        if SERVER in " ".join(proc.info["cmdline"] or [])
    ]


def pss_mib(proc: psutil.Process) -> float:
    try:
        return proc.memory_full_info().pss / 2**20
    except (psutil.Error, AttributeError):
        return 0.0


def memory_now() -> tuple[float, float, float]:
    """One look at every participant's server and its page kernels: all of them together, the
    largest server with its kernels, the largest page kernel (what a server's memory guarantee
    and limit are sized from)."""
    total = largest = kernel = 0.0
    for server in user_servers():
        kernels = [pss_mib(child) for child in server.children(recursive=True)]
        mine = pss_mib(server) + sum(kernels)
        total += mine
        largest = max(largest, mine)
        kernel = max([kernel, *kernels])
    return total, largest, kernel


def run(size: int, cluster, folder: Path, proxy: str) -> dict[str, float]:
    store = cluster.database()
    with Store(store) as opened:
        create_sample(opened, responses=2000, events=10000, interviews=8)
        before = {t: len(opened.items(t, Touchpoint)) for t in ("north", "south")}
    out = Result()
    data = folder / f"hub-{size}"
    data.mkdir()
    with (
        (data / "hub.log").open("wb") as log,
        running(store, data / "data", PASSWORD, FACILITATOR_PASSWORD, proxy, log) as url,
    ):
        began = time.perf_counter()
        threads = [
            threading.Thread(
                target=participant,
                args=(url, n, ("north", "south")[n % 2], LOGIN_WINDOW * n / size, out),
            )
            for n in range(size)
        ]
        peak = [0.0, 0.0, 0.0]
        done = threading.Event()

        def sample() -> None:  # the most the users' servers and kernels held at once
            while not done.wait(5):
                peak[:] = [max(a, b) for a, b in zip(peak, memory_now(), strict=True)]

        sampler = threading.Thread(target=sample)
        sampler.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=900)
        done.set()
        sampler.join()
        elapsed = time.perf_counter() - began
        memory = peak[0]
        servers = len(user_servers())
    with Store(store) as opened:
        names = {t: {s.item.name for s in opened.items(t, Touchpoint)} for t in before}
    lost = [label for team, label in out.saved if label not in names[team]]
    rendered = sorted(out.rendered)
    per = memory / max(1, servers)
    print(f"\n{size} participants logging in within {LOGIN_WINDOW:.0f} s ({elapsed:.0f} s in all)")
    if rendered:
        print(
            f"  login to rendered start page: p50 {statistics.median(rendered):.1f} s, "
            f"p95 {p95(rendered):.1f} s (slowest {rendered[-1]:.1f} s)"
        )
    print(f"  failures: {len(out.failures)} (target 0)")
    for failure in out.failures[:5]:
        print(f"    {failure}")
    print(
        f"  edits: {len(out.saved)} saved of {size * EDITS}, lost {len(lost)} (target 0); "
        f"{len(out.errors)} not confirmed"
    )
    print(
        f"  memory at its peak: {memory:.0f} MiB for {servers} user servers and their page "
        f"kernels, {per:.0f} MiB a participant"
    )
    print(
        f"  one participant's server at its largest: {peak[1]:.0f} MiB with its page kernels; "
        f"the largest page kernel {peak[2]:.0f} MiB"
    )
    return {
        "p95": p95(rendered) if rendered else float("nan"),
        "mib": per,
        "server": peak[1],
        "kernel": peak[2],
    }


def store_speed(location: str, label: str) -> float:
    """Edits a second through the store: add a persona, then update it (one process)."""
    with Store(location) as store:
        store.create_team(Workspace(id="speed", name="Speed"))
        start = time.perf_counter()
        for n in range(STORE_EDITS):
            revision = store.add("speed", Persona(id=f"p{n}", name=f"Persona {n}"))
            store.update("speed", Persona(id=f"p{n}", name=f"Persona {n}!"), revision)
        seconds = time.perf_counter() - start
    rate = 2 * STORE_EDITS / seconds
    print(f"  {label}: {rate:.0f} edits/s ({2 * STORE_EDITS} edits in {seconds:.1f} s)")
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 20])
    args = parser.parse_args()
    proxy = find_proxy(str(ROOT / "var" / "node" / "node_modules" / ".bin" / PROXY))
    cluster = start_cluster()
    try:
        with tempfile.TemporaryDirectory(prefix="journeykit-hub-bench-") as name:
            folder = Path(name)
            os.chmod(folder, 0o755)
            print("The store, the same edits (add a persona, then rename it), one process:")
            sqlite = store_speed(str(folder / "speed.db"), "SQLite (baseline)")
            server = store_speed(cluster.database(), "PostgreSQL")
            print(f"  PostgreSQL at {server / sqlite:.2f}x SQLite's rate")
            found = {size: run(size, cluster, folder, proxy) for size in args.sizes}
    finally:
        cluster.stop()
    per = max(r["mib"] for r in found.values())
    server = max(r["server"] for r in found.values())
    kernel = max(r["kernel"] for r in found.values())
    print(
        f"\nFor deploy/z2jh/figures.yaml: participant_peak_mib {server:.0f}, "
        f"page_kernel_mib {kernel:.0f}"
    )
    cores = os.cpu_count() or 1
    largest = max(found)
    print(
        f"\nSizing from these figures ({cores} cores): about {per:.0f} MiB a participant, "
        f"{largest} participants logging in within a minute on {cores} cores "
        f"(p95 {found[largest]['p95']:.0f} s to a rendered start page)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
