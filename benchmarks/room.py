"""A room of N participants joining one laptop within a minute: time to interactive, pages that
never finished, edits lost, and memory, beside a bare one-button Voila page measured by the
same server in the same run.

Each participant joins with the workshop code, then opens the start page, step 1 and step 2 of
their team and saves 3 new touchpoints on step 2, then leaves (the page's kernel is shut down
as a browser's beacon does). Participants are clients that do what Voila's front end does: GET
the page (the server runs the notebook while it streams), open the kernel's websocket, ask
ipywidgets for every widget's state; an edit sets the widgets' values and clicks Save through
the same messages. Alongside, a few more participants (`--browsers`, 3) open the same three
pages in a real chromium, at even times within the minute, and report their time to
interactive under that load. Traffic stays in 127/8: the
room is opened on 127.0.0.2.

    python benchmarks/room.py                 # N = 10, 20, 40
    python benchmarks/room.py --sizes 10 --settle 60

Targets: p95 time to interactive at most 4x the bare page under the load of 40, no page left
unfinished, no edit lost, memory back to the idle figure once the tabs are closed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psutil
from pages import READY, bare_notebook  # this folder: the pages benchmark

from journeykit.app.client import Page, Session, open_page
from journeykit.app.room import Room, room_file
from journeykit.app.serve import CHROMIUM, CHROMIUM_ARGS, running
from journeykit.model import Touchpoint
from journeykit.sample import create_sample
from journeykit.store import Store

ROOT = Path(__file__).resolve().parents[1]
IP = "127.0.0.2"
JOIN_WINDOW = 60.0
PAGE_SECONDS = 180.0
STATE_SECONDS = 60.0
PAGES = ("00-start.ipynb", "01-discovery.ipynb", "02-employee-workshop.ipynb")
EDITS = 3
BARE_EVERY = 4.0
IOPUB_WAIT = "Timeout waiting for IOPub output"
"""What Voila's executor logs when a cell's reply came but its output did not follow in time."""


@dataclass
class Result:
    times: list[float] = field(default_factory=list)
    by_page: dict[str, list[float]] = field(default_factory=dict)
    unfinished: int = 0
    saved: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def participant(url: str, code: str, number: int, team: str, delay: float, out: Result) -> None:
    time.sleep(delay)
    session = Session(url)
    name = f"Participant {number}"
    try:
        session.join(code, name)
        for page_name in PAGES:
            page, seconds = open_page(session, page_name, team)
            if page is None:
                out.unfinished += 1
                continue
            out.times.append(seconds)
            out.by_page.setdefault(page_name, []).append(seconds)
            if page_name == PAGES[-1]:
                edit_touchpoints(page, number, team, out)
            page.close()
    except Exception as err:  # a participant's failure is a finding, not a crash
        out.errors.append(f"{name}: {type(err).__name__}: {err}")


def edit_touchpoints(page: Page, number: int, team: str, out: Result) -> None:
    picker = next(
        (
            model
            for model, state in page.states.items()
            if "+ New touchpoint" in state.get("_options_labels", [])
        ),
        None,
    )
    name = page.find(_model_name="TextModel", placeholder="Live chat")
    channel = page.find(_model_name="TextModel", placeholder="chat, web, phone, store ...")
    save = page.find(_model_name="ButtonModel", description="Save touchpoint")
    if not (picker and name and channel and save):
        out.errors.append(f"participant {number}: the touchpoint form was not found")
        return
    for edit in range(EDITS):
        label = f"P{number} touchpoint {edit}"
        labels = page.states[picker].get("_options_labels", [])  # grows as the team saves
        page.update(picker, index=labels.index("+ New touchpoint"))
        page.update(name, value=label)
        page.update(channel, value="bench")
        page.click(save)
        if page.wait_for_text(f"Saved touchpoint &#x27;{label}&#x27;"):
            out.saved.append((team, label))
        else:
            out.errors.append(f"participant {number}: no 'saved' for {label}")


# ----- the server's memory ----------------------------------------------------------------


def server_tree(port: int) -> list[psutil.Process]:
    """The Voila server listening on `port`, with its kernels and the fork server."""
    for proc in psutil.process_iter(["cmdline"]):
        if f"--port={port}" in " ".join(proc.info["cmdline"] or []):
            return [proc, *proc.children(recursive=True)]
    return []


def memory_mib(port: int) -> float:
    """Proportional set size of the server and all its kernels (shared pages counted once)."""
    total = 0
    for proc in server_tree(port):
        try:
            total += proc.memory_full_info().pss
        except (psutil.Error, AttributeError):
            continue
    return total / 2**20


def cpu_seconds(port: int) -> float:
    """CPU used so far by the server and its kernels, those that have ended included (a
    parent counts the children it has reaped)."""
    total = 0.0
    for proc in server_tree(port):
        try:
            total += sum(proc.cpu_times()[:4])
        except psutil.Error:
            continue
    return total


def client_cpu(port: int) -> tuple[float, float]:
    """CPU used so far by this process (the simulated participants) and by chromium."""
    me = psutil.Process()
    server = {p.pid for p in server_tree(port)}
    browser = me.cpu_times().children_user + me.cpu_times().children_system
    for child in me.children(recursive=True):
        if child.pid not in server:
            try:
                browser += sum(child.cpu_times()[:2])
            except psutil.Error:
                continue
    return sum(me.cpu_times()[:2]), browser


def cpu_split(port: int) -> tuple[float, float]:
    """CPU seconds used so far by the Voila server itself, and by its kernels."""
    tree = server_tree(port)
    if not tree:
        return 0.0, 0.0
    server = sum(tree[0].cpu_times()[:2])
    return server, cpu_seconds(port) - sum(tree[0].cpu_times()[:4])


def quiet(port: int, seconds: float = 180) -> None:
    """Wait until the server and its kernels compute no more (ready kernels rendered)."""
    deadline = time.monotonic() + seconds
    before = cpu_seconds(port)
    while time.monotonic() < deadline:
        time.sleep(1)
        now = cpu_seconds(port)
        if now - before < 0.05:
            return
        before = now


class Sampler(threading.Thread):
    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.port, self.peak, self.running = port, 0.0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, memory_mib(self.port))
            time.sleep(2)


# ----- the run ----------------------------------------------------------------------------


def chromium_participants(
    url: str, code: str, teams: list[str], count: int, began: threading.Event
) -> list[float]:
    """`count` participants in a real chromium (one browser, a context each, as separate
    laptops would be), joining at even times within the join window: each joins with the
    code, then opens the start page, step 1 and step 2 of a team as the others do."""
    from playwright.sync_api import sync_playwright

    found: list[float] = []
    began.wait()
    start_of_window = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        for number in range(count):
            time.sleep(
                max(0.0, start_of_window + JOIN_WINDOW * (number + 0.5) / count - time.monotonic())
            )
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            tab = context.new_page()
            tab.goto(url + "login", timeout=60_000)
            tab.locator("input#code").fill(code)
            tab.locator("input#name").fill(f"Chromium {number + 1}")
            tab.get_by_role("button", name="Join").click()
            tab.wait_for_load_state()
            team = teams[number % len(teams)]
            for page_name in PAGES:
                start = time.perf_counter()
                try:
                    tab.goto(f"{url}voila/render/{page_name}?team={team}", timeout=180_000)
                    tab.wait_for_function(READY, timeout=180_000, polling=50)
                    found.append(time.perf_counter() - start)
                except Exception:
                    found.append(float("inf"))
            tab.goto("about:blank")  # leaving the page sends its beacon: its kernel is shut down
            tab.wait_for_timeout(500)
            context.close()
        browser.close()
    return found


def bare_under_load(session: Session, began: threading.Event, found: list[float]) -> None:
    """The bare page opened every `BARE_EVERY` seconds through the join window: what Voila
    itself takes under the room's load, beside what the kit's pages take."""
    began.wait()
    end = time.monotonic() + JOIN_WINDOW
    while time.monotonic() < end:
        page, seconds = open_page(session, "bare.ipynb", "")
        if page is not None:
            found.append(seconds)
            page.close()
        time.sleep(BARE_EVERY)


def bare_time(url: str, session: Session, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        page, seconds = open_page(session, "bare.ipynb", "")
        if page is not None:
            times.append(seconds)
            page.close()
    return statistics.median(times)


def p95(values: list[float]) -> float:
    """The 95th percentile (statistics.quantiles, inclusive of the extremes)."""
    if len(values) < 2:
        return max(values)
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def run(size: int, folder: Path, settle: float, pool: int, kernels: str, browsers: int) -> None:
    store_path = folder / f"room-{size}.db"
    with Store(store_path) as store:
        create_sample(store, responses=2000, events=10000, interviews=8)
        teams = [t.id for t in store.teams()]
    notebooks = folder / "notebooks"
    log = (folder / f"serve-{size}.log").open("wb")
    with running(
        store_path, notebooks=notebooks, log=log, pool=pool, ip=IP, kernels=kernels
    ) as url:
        room = Room.from_env(room_file(f"sqlite:///{store_path}").read_text())
        port = urlsplit(url).port or 0
        probe = Session(url)
        probe.join(room.code, "Bench")
        quiet(port)
        bare = bare_time(url, probe)
        quiet(port)
        idle = memory_mib(port)
        idle_processes = len(server_tree(port))
        sampler = Sampler(port)
        sampler.start()
        out = Result()
        began_event = threading.Event()
        browser_times: list[float] = []
        browser = threading.Thread(
            target=lambda: browser_times.extend(
                chromium_participants(url, room.code, teams, browsers, began_event)
            ),
            daemon=True,
        )
        browser.start()
        loaded: list[float] = []
        bare_probe = threading.Thread(
            target=bare_under_load, args=(probe, began_event, loaded), daemon=True
        )
        bare_probe.start()
        rng = random.Random(size)
        threads = [
            threading.Thread(
                target=participant,
                args=(url, room.code, n, teams[n % len(teams)], rng.uniform(0, JOIN_WINDOW), out),
            )
            for n in range(size)
        ]
        began = time.monotonic()
        server_before, kernels_before = cpu_split(port)
        clients_before, browser_before = client_cpu(port)
        began_event.set()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=JOIN_WINDOW + 3 * (PAGE_SECONDS + STATE_SECONDS) + 120)
        browser.join(timeout=JOIN_WINDOW + 3 * PAGE_SECONDS)
        bare_probe.join(timeout=JOIN_WINDOW + PAGE_SECONDS)
        took = time.monotonic() - began
        server_after, kernels_after = cpu_split(port)
        clients_after, browser_after = client_cpu(port)
        sampler.running = False
        with Store(store_path) as store:
            stored = {(team, t.item.name) for team in teams for t in store.items(team, Touchpoint)}
        lost = [edit for edit in out.saved if edit not in stored]
        unsaved = size * EDITS - len(out.saved)
        time.sleep(settle)
        quiet(port)
        after = memory_mib(port)
        left = len(server_tree(port)) - idle_processes
    log.close()
    waits = (folder / f"serve-{size}.log").read_text(errors="replace").count(IOPUB_WAIT)
    real = [t for t in browser_times if t != float("inf")]
    print(
        f"N = {size} participants (+ {browsers} in chromium) joining within "
        f"{JOIN_WINDOW:.0f} s ({kernels} kernels, "
        f"pool {pool}); all done in {took:.0f} s"
    )
    print(f"  bare one-button page (same server, idle)   {bare:6.2f} s")
    if loaded:
        print(
            f"  bare page opened every {BARE_EVERY:.0f} s under the load  p50 "
            f"{statistics.median(loaded):6.2f} s  p95 {p95(loaded):6.2f} s ({len(loaded)} pages)"
        )
    if out.times:
        p50, high = statistics.median(out.times), p95(out.times)
        print(
            f"  time to interactive, participants  p50 {p50:6.2f} s ({p50 / bare:4.1f}x)  "
            f"p95 {high:6.2f} s ({high / bare:4.1f}x the idle bare page; target <= 4x)"
        )
        if loaded:
            print(
                f"    against the bare page under the same load: p50 "
                f"{p50 / statistics.median(loaded):4.1f}x, p95 {high / p95(loaded):4.1f}x"
            )
    if out.by_page:
        print(
            "  p95 per page: "
            + ", ".join(f"{name} {p95(times):.2f} s" for name, times in out.by_page.items())
        )
    if real:
        print(
            f"  time to interactive, chromium      p50 {statistics.median(real):6.2f} s  "
            f"max {max(real):6.2f} s ({len(real)} pages of {browsers} participants in chromium)"
        )
    print(
        f"  pages that never finished: {out.unfinished + browser_times.count(float('inf'))} "
        f"(target 0)"
    )
    print(
        f"  edits lost: {len(lost)} of {len(out.saved)} saved; {unsaved} not confirmed (target 0)"
    )
    print(
        f"  memory (PSS, server + kernels): idle {idle:.0f} MiB, peak {sampler.peak:.0f} MiB, "
        f"{settle:.0f} s after the tabs closed {after:.0f} MiB ({left} kernels left)"
    )
    print(
        f"  CPU over the run: Voila server {server_after - server_before:.0f} s, kernels "
        f"{kernels_after - kernels_before:.0f} s, simulated participants "
        f"{clients_after - clients_before:.0f} s, chromium {browser_after - browser_before:.0f} s"
        f" (of {2 * took:.0f} s that 2 cores give)"
    )
    print(f"  renders that waited for a kernel's output until Voila gave up (4 s each): {waits}")
    for error in out.errors[:5]:
        print(f"  ! {error}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 20, 40])
    parser.add_argument("--settle", type=float, default=300, help="seconds after the tabs close")
    parser.add_argument("--pool", type=int, default=0, help="ready kernels per page (a room: 0)")
    parser.add_argument(
        "--browsers", type=int, default=3, help="participants in a real chromium, besides N"
    )
    parser.add_argument("--kernels", choices=("fork", "spawn"), default="fork")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"room: skipped, {CHROMIUM} is not installed (make test installs it)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(ROOT / "notebooks", folder / "notebooks")
        bare_notebook(folder / "notebooks")
        for size in args.sizes:
            run(size, folder, args.settle, args.pool, args.kernels, args.browsers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
