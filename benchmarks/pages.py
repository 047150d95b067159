"""Time to interactive of every workshop page, beside a bare one-button Voila page served the
same way in the same run (target: at most 1.5x), the memory of one step's kernel, and how many
pages this machine's memory holds open at once.

Time to interactive: from the request to the page's widgets shown and every chart drawn, in
Debian's chromium with a fresh browser context each time (no cache), each page opened once the
server is quiet (its ready kernels refilled). Measured twice: as served (a kernel kept ready
per page) and with no ready kernel. Needs /usr/bin/chromium
(`make test` installs it). Run with `make bench` or `python benchmarks/pages.py --runs N`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from journeykit.app.serve import CHROMIUM, CHROMIUM_ARGS, POOL_SIZE, running
from journeykit.sample import create_sample
from journeykit.store import Store

ROOT = Path(__file__).resolve().parents[1]
KERNEL = re.compile(rb"ipykernel|journeykit\.app\.forking")
"""A page kernel's command line: spawned, or forked from the fork server (which it names)."""
READY = """() => {
  const nav = document.querySelector('.jk-nav, .jk-start, .jk-bare');
  if (!nav) return false;
  const embeds = [...document.querySelectorAll('.vega-embed')];
  return embeds.every(e => e.querySelector('svg, canvas'));
}"""


def bare_notebook(folder: Path) -> None:
    notebook = new_notebook()
    notebook.cells.append(
        new_code_cell(
            'import ipywidgets as w\n\nw.Button(description="Click").add_class("jk-bare")'
        )
    )
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, folder / "bare.ipynb")


def kernel_rss_mib() -> list[float]:
    """Resident memory of every running ipykernel, read from /proc."""
    sizes = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if not KERNEL.search((entry / "cmdline").read_bytes()):
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return sizes


def kernel_cpu_ticks() -> int:
    """CPU time (clock ticks) all ipykernels have used so far, read from /proc."""
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if KERNEL.search((entry / "cmdline").read_bytes()):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return ticks


def settle(seconds: float = 90) -> None:
    """Wait until no kernel computes (the server has refilled its pool of ready kernels), so
    every page is measured as a participant meets it on a server that is not busy."""
    deadline = time.monotonic() + seconds
    before = kernel_cpu_ticks()
    while time.monotonic() < deadline:
        time.sleep(1)
        now = kernel_cpu_ticks()
        if now - before < 5:  # under 5% of a core over the last second
            return
        before = now


def measure(url: str, pages: list[str], runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {p: [] for p in pages}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        for _ in range(runs):
            for name in pages:  # in turns, so a slow spell hits every page alike
                settle()
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                tab = context.new_page()
                start = time.perf_counter()
                tab.goto(f"{url}voila/render/{name}?team=north", timeout=180_000)
                tab.wait_for_function(READY, timeout=180_000, polling=50)
                times[name].append(time.perf_counter() - start)
                context.close()
        browser.close()
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"pages: skipped, {CHROMIUM} is not installed (make test installs it)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "notebooks"
        shutil.copytree(ROOT / "notebooks", folder)
        bare_notebook(folder)
        with Store(Path(tmp) / "pages.db") as store:
            create_sample(store, responses=5000, events=20000, interviews=24)
        pages = ["bare.ipynb", *sorted(p.name for p in folder.glob("0*.ipynb"))]
        ways = {
            "with a ready kernel (the default: one kept ready per page)": POOL_SIZE,
            "without one (--pool 0, or when a crowd has used the ready ones up)": 0,
        }
        for way, pool in ways.items():
            with running(Path(tmp) / "pages.db", notebooks=folder, pool=pool) as url:
                medians = measure(url, pages, args.runs)
                rss = kernel_rss_mib()
            bare = medians.pop("bare.ipynb")
            print(f"time to interactive {way}, median of {args.runs}")
            print(f"  {'bare one-button page':<34} {bare:6.2f} s")
            for name, seconds in medians.items():
                target = " (target <= 1.5x)" if pool else ""
                print(f"  {name:<34} {seconds:6.2f} s  {seconds / bare:4.2f}x{target}")
    if rss:
        kernel = max(rss)
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20
        print(
            f"kernel memory: largest page kernel {kernel:.0f} MiB RSS "
            f"({len(rss)} kernels were alive; idle ones are culled after 15 minutes)"
        )
        print(
            f"  memory holds about {int(total * 0.8 / kernel)} open pages at once "
            f"({total / 1024:.0f} GiB, 20% kept free); rendering them is CPU-bound: "
            f"{os.cpu_count()} cores render about {os.cpu_count()} pages at a time"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
