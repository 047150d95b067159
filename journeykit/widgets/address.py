"""The page's address (`?team=north`), also in a kernel Voila started before anyone asked for
the page. A preheated kernel has done the slow part (imports, the chart code) ahead of time;
what depends on the address is built as soon as Voila passes the request on (while the browser
is still loading the page) or the page reports its address, whichever comes first, so a page
opens about as fast as a bare one and still shows the team in its link."""

from __future__ import annotations

import asyncio
import json
import os
import threading
from collections.abc import Callable, Sequence
from urllib.parse import parse_qs

import anywidget
import ipywidgets as w
import traitlets

from journeykit import i18n
from journeykit.store import Store
from journeykit.widgets.lean import shared_parts

QUERY = "QUERY_STRING"
"""Where Voila puts the address's query for a kernel started for the request."""
PREHEATED = "VOILA_PREHEAT"
"""Set to "True" by Voila in the kernels it starts ahead of requests."""


class PageAddress(anywidget.AnyWidget):
    """Reports the query string of the page it is shown on (no network: inline JavaScript)."""

    # Reported when shown, not when the model is made: the page has then loaded every widget
    # the kernel had, so what the report builds reaches a page that is ready for it.
    _esm = """
    function report({ model }) {
      const query = window.location.search.replace(/^\\?/, "");
      if (model.get("query") !== query) {
        model.set("query", query);
        model.save_changes();
      }
    }
    export default { render: report };
    """
    query = traitlets.Unicode(None, allow_none=True).tag(sync=True)


def query_value(query: str, name: str, default: str = "") -> str:
    """One value of a query string (`team=north&student=Ana`): links carry who is working."""
    return (parse_qs(query).get(name) or [default])[0]


def team_in(query: str, default: str = "") -> str:
    """The team named in a query string (`team=north`)."""
    return query_value(query, "team", default)


def team_from_address(default: str = "") -> str:
    """The team named in the page's address (?team=north): a link to a step can be shared
    within a team."""
    return team_in(os.environ.get(QUERY, ""), default)


def preheated() -> bool:
    """Whether this kernel was started before the page was asked for (Voila's preheat)."""
    return os.environ.get(PREHEATED) == "True"


def request_address() -> str:
    """Where Voila hands a preheated kernel the request that took it (as `voila.utils.
    wait_for_request` finds it, without blocking the notebook)."""
    env = os.environ
    server = env.get("VOILA_WS_BASE_URL", env.get("VOILA_SERVER_URL", "/"))
    return (
        f"{env.get('VOILA_WS_PROTOCOL', 'ws')}://{env.get('VOILA_APP_IP', '127.0.0.1')}:"
        f"{env.get('VOILA_APP_PORT', '8866')}{server}voila/query/{env.get('VOILA_KERNEL_ID', '')}"
    )


async def _request_info(url: str) -> dict[str, str]:
    import websockets

    async with websockets.connect(url, open_timeout=10) as socket:
        return json.loads(await socket.recv())


def listen_for_request(deliver: Callable[[str], None]) -> None:
    """Call `deliver(query)` on the kernel's loop once Voila passes on the request that took
    this kernel: the page is built while the browser still loads Voila's scripts."""
    loop = asyncio.get_running_loop()

    def wait() -> None:
        try:
            info = asyncio.run(_request_info(request_address()))
        except Exception:  # the page's own report (PageAddress) still builds it
            return
        os.environ.update({k: v for k, v in info.items() if isinstance(v, str)})
        loop.call_soon_threadsafe(deliver, info.get(QUERY, ""))

    threading.Thread(target=wait, name="journeykit-request", daemon=True).start()


def page_loading() -> bool:
    """Whether a page has begun fetching this kernel's widgets (it opens ipywidgets' control
    channel to ask for them all). Widgets made while it does may reach it half-made, so from
    then on only the page's own report builds."""
    return w.Widget._control_comm is not None


def speak(store: Store, query: str) -> str:
    """Set the page's language: the link's (?lang=fa), else the team's, else the workshop's.
    Persian digits unless the link (?digits=latin) or the workshop says Latin."""
    code = i18n.choose(query_value(query, "lang"), store.language_of(team_in(query)))
    digits = query_value(query, "digits") or (
        "persian" if store.setting("persian_digits") == "yes" else "latin"
    )
    i18n.set_language(code, persian_digits=digits != "latin")
    return code


def language_classes(box: w.Box) -> None:
    """Mark a page's box with its language and direction (the stylesheet lays out a
    right-to-left page from the mark)."""
    marks = ("jk-rtl", "jk-persian-digits")
    for old in [c for c in box._dom_classes if c.startswith("jk-lang-") or c in marks]:
        box.remove_class(old)
    box.add_class(f"jk-lang-{i18n.current()}")
    if i18n.direction() == "rtl":
        box.add_class("jk-rtl")
    if i18n.local_digits("0") != "0":  # numbers a widget writes itself get Persian shapes
        box.add_class("jk-persian-digits")


def on_address(build: Callable[[str], Sequence[w.Widget]], store: Store | None = None) -> w.VBox:
    """A box filled by `build(query)`: at once when the address is known (JupyterLab, nbval,
    a kernel Voila started for the request), else as soon as it arrives. With a store, the
    page first takes its language from the address, the team or the workshop (`speak`)."""
    box = w.VBox(layout=w.Layout(width="100%"))

    def built(query: str) -> tuple[w.Widget, ...]:
        if store is not None:
            speak(store, query)
        with shared_parts():  # fewer models for the page to fetch
            made = tuple(build(query))
        language_classes(box)
        return made

    if not preheated():
        box.children = built(os.environ.get(QUERY, ""))
        return box
    address = PageAddress(layout=w.Layout(display="none"))

    def arrived(query: str | None, early: bool = False) -> None:
        if query is None or len(box.children) > 1:
            return  # built once, from whichever report came first
        if early and page_loading():
            return  # the page is fetching the widgets: its report (PageAddress) will build
        os.environ[QUERY] = query  # what Voila would have set: team_from_address works
        box.children = (address, *built(query))

    address.observe(lambda change: arrived(change["new"]), "query")
    box.children = (address,)
    try:
        listen_for_request(lambda query: arrived(query, early=True))
    except RuntimeError:  # no running loop (not in a kernel): the page's report will do
        pass
    return box
