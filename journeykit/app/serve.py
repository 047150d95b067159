"""Launch the workshop app: Voila on 127.0.0.1 with the kit's offline template."""

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
from importlib.metadata import version
from pathlib import Path
from typing import IO

from journeykit import materials
from journeykit.store import STORE_ENV, Store, StoreError
from journeykit.widgets.base import CHART_MODULE_ENV

SHARE = Path(__file__).parent / "share" / "jupyter"
TEMPLATE = SHARE / "voila" / "templates" / "journeykit"
"""The kit's page template: Voila's lab template with every asset served locally."""
CHART_FOLDER = TEMPLATE / "static" / "charts"
DEFAULT_PORT = 8866
HOST = "127.0.0.1"
START_NOTEBOOK = "00-start.ipynb"
CHROMIUM = "/usr/bin/chromium"
"""Debian's chromium: the browser the tests and figures drive (never a downloaded one)."""
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
POOL_SIZE = 1
"""Kernels kept ready per page: about 340 MiB each, so 8 pages hold about 2.7 GiB waiting."""
REFILL_SECONDS = 10
CELL_SECONDS = 150
"""A page's cell that runs longer is interrupted (Voila's renders can stall under load)."""
KERNEL_IDLE_SECONDS = 900
"""Voila does not shut a kernel down when its tab closes: idle ones are culled after this."""


def default_notebooks() -> Path:
    """The workshop's pages: the checkout's notebooks/ folder, or the copy an installed wheel
    carries."""
    return materials.folder("notebooks")


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def voila_command(
    notebooks: Path, port: int, open_browser: bool, pool: int = POOL_SIZE
) -> list[str]:
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
        # Under load some renders stall after the first cell; a timeout makes them finish. It
        # must outlast a page's imports while the server starts every ready kernel at once:
        # 55 s were seen on 2 cores (45 s cut such pages off with an error).
        f"--VoilaExecutor.timeout={CELL_SECONDS}",
        "--VoilaExecutor.interrupt_on_timeout=True",
        # One kernel per page waits with the imports and the chart bundle done; a page builds
        # what depends on its address once the browser reports it (widgets/address.py).
        f"--preheat_kernel={pool > 0}",
        f"--pool_size={pool}",
        # A used kernel is replaced after the page that took it has drawn, not while it draws.
        f"--VoilaKernelManager.fill_delay={REFILL_SECONDS}",
        "--no-browser" if not open_browser else "--Voila.open_browser=True",
    ]


def chart_module() -> str | None:
    """altair's offline chart JavaScript (about 0.9 MB) written once as a static file of the
    kit's template, so a page loads it once instead of once per chart. Its path under the
    server's base URL, or None when the package folder is read-only (charts then carry it)."""
    name = f"altair-{version('altair')}-vlc-{version('vl-convert-python')}.js"
    target = CHART_FOLDER / name
    if not target.is_file():
        import altair as alt

        alt.JupyterChart.enable_offline()
        try:
            CHART_FOLDER.mkdir(exist_ok=True)
            partial = target.with_suffix(f".{os.getpid()}.part")
            partial.write_text(alt.JupyterChart._esm, encoding="utf-8")
            partial.replace(target)
        except OSError:
            return None
    return target.relative_to(SHARE).as_posix()


def serve_environment(store_url: str) -> dict[str, str]:
    """The environment of the Voila process: the store for its kernels, the template path,
    where the chart JavaScript is served."""
    env = dict(os.environ)
    env[STORE_ENV] = store_url
    module = chart_module()
    if module:
        env[CHART_MODULE_ENV] = module
    env["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(SHARE), os.environ.get("JUPYTER_PATH", "")) if p
    )
    return env


def serve(
    store: str | None,
    port: int,
    notebooks: Path | None,
    open_browser: bool,
    pool: int = POOL_SIZE,
) -> None:
    """Replace this process with Voila serving the workshop; returns only on bad input."""
    folder = (notebooks or default_notebooks()).resolve()
    if not (folder / START_NOTEBOOK).is_file():
        raise StoreError(
            f"no {START_NOTEBOOK} in {folder}: this JourneyKit was installed without its "
            "pages; reinstall it from a wheel or a checkout (pip install --force-reinstall "
            "journeykit), or pass --notebooks DIR pointing at a notebooks folder"
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
    if pool < 0:
        raise StoreError(f"--pool must be 0 (no kernels kept ready) or more, not {pool}")
    command = voila_command(folder, port, open_browser, pool)
    os.execve(command[0], command, serve_environment(url))


def free_port() -> int:
    """A port on 127.0.0.1 nobody listens on now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until_answering(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    """Return once a server started as `process` answers at `url`; say why if it never does."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise StoreError(f"the server for {url} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise StoreError(f"{url} did not answer within {seconds:.0f} s") from None
            time.sleep(0.3)


@contextmanager
def running(
    store: str | os.PathLike[str],
    notebooks: Path | None = None,
    log: IO[bytes] | None = None,
    seconds: float = 120,
    pool: int = POOL_SIZE,
) -> Iterator[str]:
    """`journeykit serve` in the background on a free port: yields its address once it
    answers, and stops it (and its kernels) on leaving. For tests, benchmarks and scripts."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "journeykit.app.cli",
        "serve",
        "--store",
        str(store),
        "--port",
        str(port),
        "--pool",
        str(pool),
    ]
    if notebooks is not None:
        command += ["--notebooks", str(notebooks)]
    process = subprocess.Popen(
        command,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://{HOST}:{port}/"
    try:
        wait_until_answering(url, process, seconds)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
