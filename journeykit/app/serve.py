"""Launch the workshop app: Voila on 127.0.0.1 with the kit's offline template."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from journeykit.store import STORE_ENV, Store, StoreError

SHARE = Path(__file__).parent / "share" / "jupyter"
DEFAULT_PORT = 8866
HOST = "127.0.0.1"
START_NOTEBOOK = "00-start.ipynb"
KERNEL_IDLE_SECONDS = 900
"""Voila does not shut a kernel down when its tab closes: idle ones are culled after this."""


def default_notebooks() -> Path:
    """The repository's notebooks/ folder, next to the package in a checkout."""
    return Path(__file__).resolve().parents[2] / "notebooks"


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def voila_command(notebooks: Path, port: int, open_browser: bool) -> list[str]:
    """The Voila command line the kit runs; every option is one a workshop needs."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebooks),
        f"--port={port}",
        f"--Voila.ip={HOST}",
        "--Voila.port_retries=0",
        "--template=journeykit",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE_SECONDS}",
        "--MappingKernelManager.cull_interval=60",
        # Under load some renders stall after the first cell; a timeout makes them finish.
        "--VoilaExecutor.timeout=45",
        "--VoilaExecutor.interrupt_on_timeout=True",
        "--no-browser" if not open_browser else "--Voila.open_browser=True",
    ]


def serve_environment(store_url: str) -> dict[str, str]:
    """The environment of the Voila process: the store for its kernels, the template path."""
    env = dict(os.environ)
    env[STORE_ENV] = store_url
    env["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(SHARE), os.environ.get("JUPYTER_PATH", "")) if p
    )
    return env


def serve(store: str | None, port: int, notebooks: Path | None, open_browser: bool) -> None:
    """Replace this process with Voila serving the workshop; returns only on bad input."""
    folder = (notebooks or default_notebooks()).resolve()
    if not (folder / START_NOTEBOOK).is_file():
        raise StoreError(
            f"no {START_NOTEBOOK} in {folder}: run from a JourneyKit checkout, or pass "
            "--notebooks DIR pointing at its notebooks folder"
        )
    if not port_is_free(port):
        raise StoreError(
            f"port {port} on {HOST} is already in use (is another workshop running?): stop it, "
            f"or choose another port with --port {port + 1}"
        )
    with Store(store) as opened:
        url = opened.url
        teams = len(opened.teams())
    print(
        f"JourneyKit workshop: {teams} teams in {url}\n"
        f"Open http://{HOST}:{port}/ in a browser (Ctrl+C stops the server).",
        flush=True,
    )
    command = voila_command(folder, port, open_browser)
    os.execve(command[0], command, serve_environment(url))
