"""Journey map figures on a journey of N steps (300 by default):

- from an edit in the JourneyEditor (a step's emotion changed and saved) to the new chart spec
  handed to the page; target under 200 ms. Beside it, what building the spec alone costs and
  a bare altair chart of the same N points (the floor any chart pays);
- in Debian's chromium, served by `journeykit serve`: from clicking "Save step" to the redrawn
  map on screen (skipped, with the reason, when chromium is not installed).

Run with `make bench` or `python benchmarks/charts.py --steps N`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import altair as alt
import numpy as np

from journeykit.app.serve import CHROMIUM, CHROMIUM_ARGS, running
from journeykit.charts import journey_map
from journeykit.model import Journey, Step, Workspace
from journeykit.sample import sample_workspace
from journeykit.sample.content import TEAMS
from journeykit.store import Store
from journeykit.widgets import JourneyEditor


def long_workspace(steps: int) -> Workspace:
    """The sample team North with its B2B journey stretched to `steps` steps."""
    workspace = sample_workspace(TEAMS[0], np.random.default_rng(1), 0)
    journey = workspace.journeys[0]
    touchpoints = [t.id for t in workspace.touchpoints]
    stages = journey.stage_ids()
    many = [
        Step(
            id=f"step-{i}",
            stage=stages[i * len(stages) // steps],
            touchpoint=touchpoints[i % len(touchpoints)],
            action=f"Customer action number {i} on the way",
            thoughts="Is this worth it?" if i % 3 else "",
            emotion=int(i % 7) - 3,
            pain_points=[f"Pain {i}"] if i % 4 == 0 else [],
            opportunities=[f"Idea {i}"] if i % 5 == 0 else [],
            moment_of_truth=i % 25 == 0,
        )
        for i in range(steps)
    ]
    long = journey.model_copy(update={"steps": many})
    return workspace.model_copy(
        update={
            "journeys": [Journey.model_validate(long.model_dump())],
            "insights": [],
            "actions": [],
        }
    )


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_spec(workspace: Workspace, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        store.create_team(workspace)
        editor = JourneyEditor(store, workspace.id)
        editor.stage.value = editor.journey.stages[3].id
        editor.step.value = editor.step.options[0][1]
        edits, specs, bare = [], [], []
        journey = editor.journey
        names = {t.id: t.name for t in workspace.touchpoints}
        points = [{"x": i, "y": s.emotion} for i, s in enumerate(journey.steps)]
        for number in range(repeat):
            editor.emotion.value = (number % 7) - 3
            start = time.perf_counter()
            editor.submit()
            spec = editor.chart.spec  # what JupyterChart sends to the page
            edits.append(time.perf_counter() - start)
            assert "Customer action number" in str(spec)
            start = time.perf_counter()
            journey_map(journey, names).to_dict()
            specs.append(time.perf_counter() - start)
            start = time.perf_counter()
            alt.Chart(alt.Data(values=points)).mark_line().encode(x="x:Q", y="y:Q").to_dict()
            bare.append(time.perf_counter() - start)
    steps = len(journey.steps)
    print(f"journey map of {steps} steps, median of {repeat} edits")
    print(
        f"  edit saved -> new chart spec (JourneyEditor)   {median_ms(edits):7.1f} ms "
        "(target < 200 ms)"
    )
    print(f"  building the map spec alone                    {median_ms(specs):7.1f} ms")
    print(
        f"  baseline: bare altair line of {steps} points      {median_ms(bare):7.1f} ms "
        f"(ratio {median_ms(specs) / median_ms(bare):.1f}x)"
    )


def bench_browser(workspace: Workspace, repeat: int) -> None:
    if not Path(CHROMIUM).exists():
        print(f"  browser redraw: skipped, {CHROMIUM} is not installed (make test installs it)")
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        with Store(path) as store:
            store.create_team(workspace)
        with running(path) as url:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=list(CHROMIUM_ARGS)
                )
                tab = browser.new_page(viewport={"width": 1280, "height": 900})
                tab.route(
                    "**/*",
                    lambda r: (
                        r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort()
                    ),
                )
                tab.goto(
                    f"{url}voila/render/02-employee-workshop.ipynb?team={workspace.id}",
                    timeout=120_000,
                )
                editor = tab.locator(".jk-editor").nth(1)
                editor.locator(".vega-embed svg").first.wait_for(timeout=120_000)
                action = editor.locator('.widget-inline-hbox:has(> label:text-is("Action")) input')
                times = []
                for number in range(repeat):
                    marker = f"Redrawn {number}"
                    # the first step of a stage: its action is always shown in its cell
                    steps = editor.locator(
                        '.widget-inline-hbox:has(> label:text-is("Step")) select'
                    )
                    steps.select_option(index=0)
                    action.fill(marker)
                    start = time.perf_counter()
                    editor.get_by_role("button", name="Save step").click()
                    editor.locator(".vega-embed svg text", has_text=marker).first.wait_for(
                        timeout=60_000
                    )
                    times.append(time.perf_counter() - start)
                browser.close()
    print(
        f"  click 'Save step' -> map redrawn in chromium   {median_ms(times):7.1f} ms "
        f"(median of {repeat}; kernel round trip, store, spec and vega rendering)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    workspace = long_workspace(args.steps)
    bench_spec(workspace, args.repeat)
    if not args.no_browser:
        bench_browser(workspace, min(args.repeat, 5))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
