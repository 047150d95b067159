"""Teammates see each other: a page polls the store's revision of its team every couple of
seconds and redraws what changed, without a Refresh button and without replacing what the
person at this page is typing. It also tells the store the page is open (who, which team,
which page), so the facilitator's dashboard lists who is connected.

Polling rather than notifications: SQLite has none, the query is a few index look-ups, and it
runs on the kernel's own event loop between messages (no thread touches the widgets).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
import weakref
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field

import ipywidgets as w

from journeykit.errors import JourneyKitError
from journeykit.participants import participant
from journeykit.store import Store

POLL_SECONDS = 2.0
"""How often a page asks whether its team's work changed."""
HEARTBEAT_SECONDS = 10.0
"""How often a page says it is still open."""
PRESENT_SECONDS = 45.0
"""A participant whose page has not said so for this long is not listed as connected."""
PAGE_ENV = "SCRIPT_NAME"
"""Where Voila puts the page's path in its kernel."""
log = logging.getLogger(__name__)


# ----- what the person at this page typed ------------------------------------------------

SKIPPED = (w.HTML, w.HTMLMath, w.Label, w.ToggleButtons, w.Button, w.FileUpload)
"""Not typing: what the page draws, filters, buttons and uploads."""
UNSAVED = "jk-unsaved"
"""The class an editor carries while it holds typing that is not saved: the page template asks
before the tab is closed or left while one does."""


def picker(widget: w.ValueWidget) -> w.ValueWidget:
    """Mark `widget` as a choice of what to show (which persona, which stage), not typing."""
    widget._jk_picker = True
    return widget


def inputs(root: w.Widget) -> Iterator[w.ValueWidget]:
    """The value widgets a person can change under `root`."""
    stack = [root]
    while stack:
        node = stack.pop()
        if (
            isinstance(node, w.ValueWidget)
            and not isinstance(node, SKIPPED)
            and not getattr(node, "_jk_picker", False)
        ):
            yield node
        stack.extend(getattr(node, "children", ()) or ())


def _typed(change: dict) -> None:
    owner = change["owner"]
    # ipywidgets locks a property while it applies the browser's state: a change under the
    # lock is the person's own; any other was set from Python (a load or a refresh)
    owner._jk_typed = "value" in owner._property_lock
    root = owner._jk_root()
    if (
        owner._jk_typed
        and getattr(root, "warns_unsaved", False)
        and UNSAVED not in root._dom_classes
    ):
        root.add_class(UNSAVED)
        if callable(hook := getattr(root, "typed", None)):
            hook()


def track_typing(root: w.Widget) -> None:
    """Mark every input under `root` when the person changes it, and `root` as holding unsaved
    typing (idempotent)."""
    for found in inputs(root):
        if not getattr(found, "_jk_tracked", False):
            found.observe(_typed, "value")
            found._jk_tracked = True
            found._jk_root = weakref.ref(root)


def typing(root: w.Widget) -> bool:
    """Whether the person changed an input under `root` since the page last set it."""
    return any(getattr(found, "_jk_typed", False) for found in inputs(root))


def settled(root: w.Widget) -> None:
    """What the inputs under `root` show now is what is saved (after a save or a reload)."""
    for found in inputs(root):
        found._jk_typed = False
    if UNSAVED in root._dom_classes:
        root.remove_class(UNSAVED)


# ----- the page's watch over its team ----------------------------------------------------


@dataclass(eq=False)
class Watch:
    """One page part that follows something in the store: `redraw()` when `mark()` (the
    team's revision, say) differs from what it was last time."""

    mark: Callable[[], Hashable]
    redraw: Callable[[], None]
    known: Hashable = None
    alive: Callable[[], object] = field(default=lambda: True)
    every: float = 0.0
    """At most one redraw per this many seconds (a costly view, such as all teams' maps)."""
    drawn: float = 0.0

    def sync(self) -> None:
        """What the page shows now is the store as it is (after this page's own save, which
        it has redrawn itself): the next poll redraws only for someone else's change."""
        try:
            self.known = self.mark()
        except JourneyKitError:
            pass


class Follower:
    """A kernel's watches, polled on the kernel's event loop, and the page's heartbeat."""

    def __init__(self) -> None:
        self.watches: list[Watch] = []
        self.loop: asyncio.AbstractEventLoop | None = None
        self.beat_at = 0.0
        self.acted = False
        self.presence: tuple[Store, str] | None = None

    def add(self, watch: Watch) -> None:
        try:
            watch.known = watch.mark()
        except JourneyKitError:
            watch.known = None
        self.watches.append(watch)
        self.start()

    def start(self) -> None:
        if self.loop is not None:
            return
        try:
            self.loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # not in a kernel (a test, a script): redraws come from poll() calls
        self.loop.call_later(POLL_SECONDS, self._tick)

    def _tick(self) -> None:
        try:
            self.poll()
        except Exception:  # a page that cannot poll still works with Refresh
            log.exception("journeykit: polling the store failed")
        assert self.loop is not None
        self.loop.call_later(POLL_SECONDS, self._tick)

    def poll(self) -> int:
        """Redraw every watch whose team changed; say the page is open. How many redrew."""
        self.watches = [wt for wt in self.watches if wt.alive() is not None]
        redrawn = 0
        for watch in self.watches:
            try:
                mark = watch.mark()
            except JourneyKitError:
                continue
            now = time.monotonic()
            if mark != watch.known and now - watch.drawn >= watch.every:
                watch.known, watch.drawn = mark, now
                watch.redraw()
                redrawn += 1
        self.heartbeat()
        return redrawn

    def heartbeat(self, force: bool = False) -> None:
        if self.presence is None:
            return
        now = time.monotonic()
        if not force and not self.acted and now - self.beat_at < HEARTBEAT_SECONDS:
            return
        store, team = self.presence
        who = participant()
        page = os.path.basename(os.environ.get(PAGE_ENV, "")) or "page"
        try:
            store.seen(who.id, who.name, who.role, team, page, acted=self.acted)
        except JourneyKitError:
            return
        self.beat_at, self.acted = now, False


FOLLOWER = Follower()
"""One per kernel: a Voila page is one kernel."""


def follow(
    store: Store,
    team: str,
    redraw: Callable[[], None],
    owner: w.Widget | None = None,
    every: float = 0.0,
) -> Watch:
    """Call `redraw()` whenever `team`'s saved work changes (every team's, for ""), for as
    long as `owner` lives, at most once per `every` seconds."""
    return watch(lambda: store.revision(team), redraw, owner, every)


def watch(
    mark: Callable[[], Hashable],
    redraw: Callable[[], None],
    owner: w.Widget | None = None,
    every: float = 0.0,
) -> Watch:
    """Call `redraw()` whenever `mark()` changes, for as long as `owner` lives."""
    ref = weakref.ref(owner) if owner is not None else (lambda: True)
    made = Watch(mark, redraw, alive=ref, every=every)
    FOLLOWER.add(made)
    return made


def present(store: Store, team: str) -> None:
    """This page is open for `team`: tell the store now and every HEARTBEAT_SECONDS."""
    FOLLOWER.presence = (store, team)
    FOLLOWER.heartbeat(force=True)
    FOLLOWER.start()


def acted() -> None:
    """The person at this page saved something (the dashboard shows their last activity)."""
    FOLLOWER.acted = True
    FOLLOWER.heartbeat()
