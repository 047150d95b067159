"""What the browser tests share: a Voila server of the kit started and stopped by the tests, and
ways to reach an ipywidget by its description."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextmanager
def serving(store: Path, log_folder: Path) -> Iterator[str]:
    """`journeykit serve` on 127.0.0.1 for `store`, started and stopped by the tests."""
    port = free_port()
    log = (log_folder / "serve.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "journeykit.app.cli",
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url, process)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


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
