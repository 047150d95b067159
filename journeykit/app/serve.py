"""Launch the workshop app: Voila on 127.0.0.1 with the kit's offline template."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import IO

from journeykit import materials
from journeykit.app.places import FORK_SHARE, SHARE
from journeykit.app.room import (
    Room,
    open_room,
    room_hosts,
)
from journeykit.app.timing import CELL_SECONDS, KERNEL_IDLE_SECONDS
from journeykit.errors import InputError, ServerError
from journeykit.i18n import _, format_number
from journeykit.participants import PARTICIPANT_HEADER
from journeykit.settings import JOIN_ENV, ROOM_ENV
from journeykit.store import STORE_ENV, Store, shown_url
from journeykit.widgets.base import CHART_MODULE_ENV

TEMPLATE = SHARE / "voila" / "templates" / "journeykit"
"""The kit's page template: Voila's lab template with every asset served locally."""
CHART_FOLDER = TEMPLATE / "static" / "charts"
KERNELS = "fork"
"""How page kernels start: "fork" (journeykit.app.forking) or "spawn" (a new Python each)."""
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
"""Kernels kept ready per page when one person serves themselves: the page is drawn before
it is asked for. Not in a room (ROOM_POOL_SIZE): Voila hands the next request the refilling
kernel and makes it wait for it, so a crowd opening one page queues behind the refills, where
forked kernels started for each request run side by side (benchmarks/room.py)."""
ROOM_POOL_SIZE = 0
REFILL_SECONDS = {"fork": 1, "spawn": 10}
"""Delay before a used ready kernel is replaced: a spawned kernel's imports would compete with
the page being drawn; a forked one costs little."""
POOL_IDLE_SECONDS = 900
"""The same with ready kernels (one person serving themselves): a ready kernel waits unconnected
by design, and would otherwise be shut down and made again every minute."""


def default_notebooks() -> Path:
    """The workshop's pages: the checkout's notebooks/ folder, or the copy an installed wheel
    carries."""
    return materials.folder("notebooks")


def port_is_free(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def voila_command(
    notebooks: Path,
    port: int,
    open_browser: bool,
    pool: int = POOL_SIZE,
    listen: str = HOST,
    room: bool = False,
    kernels: str = "fork",
    idle: float | None = None,
) -> list[str]:
    """The Voila command line the kit runs; every option is one a workshop needs. A room runs
    Voila behind its gate (journeykit.app.launch) and hands each page who opened it."""
    header = f"--VoilaConfiguration.http_header_envs={PARTICIPANT_HEADER}"
    idle = (POOL_IDLE_SECONDS if pool > 0 else KERNEL_IDLE_SECONDS) if idle is None else idle
    return [
        sys.executable,
        "-m",
        "journeykit.app.launch",
        str(notebooks),
        *([header] if room else []),
        # Outside a room only this machine may ask, by a loopback address or "localhost" in
        # the Host header (jupyter_server's own check, which Voila turns off): a web page
        # that points its own name at 127.0.0.1 (DNS rebinding) gets 403 and no kernel. The
        # room's gate checks its own addresses.
        *([] if room else ["--Voila.tornado_settings={'allow_remote_access': False}"]),
        f"--port={port}",
        f"--Voila.ip={listen}",
        "--Voila.port_retries=0",
        "--template=journeykit",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--MappingKernelManager.cull_idle_timeout={idle:g}",
        f"--MappingKernelManager.cull_interval={max(1, min(60, round(idle / 4)))}",
        "--MappingKernelManager.cull_connected=False",
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
        f"--VoilaKernelManager.fill_delay={REFILL_SECONDS[kernels]}",
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


def serve_environment(
    store_url: str, room: Room | None = None, kernels: str = KERNELS
) -> dict[str, str]:
    """The environment of the Voila process: the store for its kernels, the template path,
    where the chart JavaScript is served; in a room its secrets (for the gate only) and the
    join panel (for the pages)."""
    env = {k: v for k, v in os.environ.items() if k not in (ROOM_ENV, JOIN_ENV)}
    env[STORE_ENV] = store_url
    if room is not None:
        # where a ready kernel asks the server for the request that took it (Voila's
        # /voila/query): its default, 127.0.0.1, is not served when the room has one address
        env["VOILA_APP_IP"] = room.hosts[0] if len(room.hosts) == 1 else HOST
        env[ROOM_ENV] = room.to_env()
        env[JOIN_ENV] = json.dumps({"code": room.code, "urls": room.join_urls()})
    module = chart_module()
    if module:
        env[CHART_MODULE_ENV] = module
    # with forked kernels, the kit's kernelspec (same name as the usual one) comes first
    first = [str(FORK_SHARE)] if kernels == "fork" else []
    env["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (*first, str(SHARE), os.environ.get("JUPYTER_PATH", "")) if p
    )
    return env


def serve(
    store: str | None,
    port: int,
    notebooks: Path | None,
    open_browser: bool,
    pool: int | None = None,
    room: bool = False,
    ip: str | None = None,
    new_code: bool = False,
    kernels: str = KERNELS,
    idle: float | None = None,
) -> None:
    """Replace this process with Voila serving the workshop; returns only on bad input.
    A room (`room`, or an `ip` other than this machine's own) admits participants from
    other laptops with the workshop code."""
    folder = (notebooks or default_notebooks()).resolve()
    if not (folder / START_NOTEBOOK).is_file():
        raise InputError(
            _(
                "no {page} in {folder}: this JourneyKit was installed without its pages; "
                "reinstall it from a wheel or a checkout (pip install --force-reinstall "
                "journeykit), or pass --notebooks DIR pointing at a notebooks folder"
            ).format(page=START_NOTEBOOK, folder=folder)
        )
    room = room or bool(ip and ip != HOST)
    listen, hosts = room_hosts(ip) if room else (HOST, [HOST])
    pool = (ROOM_POOL_SIZE if room else POOL_SIZE) if pool is None else pool
    if not port_is_free(port, listen):
        raise ServerError(
            _(
                "port {port} on {host} is already in use (is another workshop running?): stop "
                "it, or choose another port with --port {other}"
            ).format(port=port, host=listen, other=port + 1)
        )
    if pool < 0:
        raise InputError(
            _("{option} must be 0 or more, not {number}").format(option="--pool", number=pool)
        )
    if idle is not None and idle <= 0:
        raise InputError(
            _("{option} must be a number of seconds above 0, not {number}").format(
                option="--kernel-idle", number=f"{idle:g}"
            )
        )
    with Store(store) as opened:
        url = opened.url
        teams = len(opened.teams())
    admission = open_room(url, hosts, port, fresh=new_code) if room else None
    print(f"JourneyKit workshop: {teams} teams in {shown_url(url)}", flush=True)
    if admission is None:
        print(f"Open http://{HOST}:{port}/ in a browser (Ctrl+C stops the server).", flush=True)
    else:
        print(room_banner(admission), flush=True)
    command = voila_command(
        folder, port, open_browser, pool, listen, admission is not None, kernels, idle
    )
    os.execve(command[0], command, serve_environment(url, admission, kernels))


def room_banner(room: Room) -> str:
    """What the facilitator reads in the terminal when the room opens."""
    joins = "\n".join(f"    {address}" for address in room.join_urls())
    own = f"http://{room.hosts[-1] if room.hosts[-1] != 'localhost' else HOST}:{room.port}/"
    return (
        f"The room is open. Participants open one of these addresses on their laptops:\n"
        f"{joins}\n"
        f"  and type the workshop code:  {room.code}\n"
        f"Facilitator key (keep it to yourself; it opens the dashboard):  {room.key}\n"
        f"  your own browser: {own}login?next=/voila/render/facilitator.ipynb\n"
        f"The same code and key next time (--new-code makes new ones). Ctrl+C stops the server."
    )


def free_port(host: str = HOST) -> int:
    """A port on `host` (127.0.0.1) nobody listens on now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def wait_until_answering(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    """Return once a server started as `process` answers at `url`; say why if it never does."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise ServerError(
                _("the server for {url} exited with code {code}").format(
                    url=url, code=process.returncode
                )
            )
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise ServerError(
                    _("{url} did not answer within {seconds} s").format(
                        url=url, seconds=format_number(seconds, 0)
                    )
                ) from None
            time.sleep(0.3)


@contextmanager
def running(
    store: str | os.PathLike[str],
    notebooks: Path | None = None,
    log: IO[bytes] | None = None,
    seconds: float = 120,
    pool: int = POOL_SIZE,
    ip: str | None = None,
    kernels: str = KERNELS,
    program: Sequence[str] = (sys.executable, "-m", "journeykit.app.cli"),
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    kernel_idle: float | None = None,
) -> Iterator[str]:
    """`journeykit serve` in the background on a free port: yields its address once it
    answers, and stops it (and its kernels) on leaving. For tests, benchmarks and scripts.
    With `ip`, a room on that address (its join form answers first); `program`, `cwd` and
    `env` run another installation of the kit (an installed wheel's `journeykit`)."""
    port = free_port(ip or HOST)
    command = [
        *program,
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
    if ip is not None:
        command += ["--ip", ip]
    if kernel_idle is not None:
        command += ["--kernel-idle", str(kernel_idle)]
    command += ["--kernels", kernels]
    process = subprocess.Popen(
        command,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=cwd,
        env=env,
    )
    url = f"http://{ip or HOST}:{port}/"
    try:
        wait_until_answering(url + ("login" if ip else ""), process, seconds)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
