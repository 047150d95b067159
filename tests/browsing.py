"""What the browser tests share: a Voila server of the kit started and stopped by the tests, and
ways to reach an ipywidget by its description."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from ipaddress import ip_address, ip_network
from pathlib import Path
from urllib.parse import urlsplit

from journeykit.app.serve import POOL_SIZE, running

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
"""Where the browser tests leave their screenshots (artifacts/screenshots)."""


@contextmanager
def serving(
    store: Path,
    log_folder: Path,
    pool: int = POOL_SIZE,
    notebooks: Path | None = None,
    ip: str | None = None,
    kernel_idle: float | None = None,
) -> Iterator[str]:
    """The workshop app (or the pages in `notebooks`) on `store`, its log kept in
    `log_folder`/serve.log; with `ip`, a room on that address."""
    with (
        (log_folder / "serve.log").open("wb") as log,
        running(
            store, notebooks=notebooks, log=log, pool=pool, ip=ip, kernel_idle=kernel_idle
        ) as url,
    ):
        yield url


def field(scope, label: str, element: str = "input"):
    """The input of the ipywidget whose description is `label`."""
    return scope.locator(f'.widget-inline-hbox:has(> label:text-is("{label}")) {element}').first


def click(scope, name: str) -> None:
    scope.get_by_role("button", name=name).first.click()


def status(scope, text: str) -> None:
    scope.locator(".jk-status", has_text=text).wait_for(timeout=30_000)


def editor_with(tab, text: str):
    """The editor on the page that holds a control or text `text`."""
    return tab.locator(".jk-editor", has=tab.get_by_text(text, exact=True)).first


LOCAL = ("data:", "blob:")
"""Where a page of the kit may fetch from besides the loopback range: inline data."""


def on_loopback(url: str) -> bool:
    """Whether `url` is served from 127.0.0.0/8 (the only network the tests may use)."""
    host = urlsplit(url).hostname or ""
    try:
        return urlsplit(url).scheme in ("http", "https", "ws", "wss") and ip_address(
            host
        ) in ip_network("127.0.0.0/8")
    except ValueError:
        return False


def guarded_context(
    browser, allowed: tuple[str, ...] = LOCAL, viewport: dict[str, int] | None = None
):
    """A fresh browser context that aborts every request outside 127.0.0.0/8 and `allowed`
    and lists it in the list returned beside the context (a test asserts it stays empty)."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    outside: list[str] = []

    def route(request_route) -> None:
        url = request_route.request.url
        if on_loopback(url) or url.startswith(allowed):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    context.route("**/*", route)
    return context, outside
