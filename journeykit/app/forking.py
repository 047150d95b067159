"""Kernels forked from a parent that has already imported the kit.

A page's kernel spends about 4 s of CPU importing pandas, altair, ipywidgets and the kit before
it runs a line of the page; forty participants opening a step together is 160 s of CPU on a
2-core laptop. Here one process (the fork server) imports all of that once; each kernel is a
`fork()` of it, which starts in a few milliseconds and shares the imported libraries' memory
with its siblings until they write to it.

- `ForkingProvisioner` is a jupyter_client kernel provisioner (entry point
  `journeykit-fork`): the kit's kernelspec (`app/share/jupyter/kernels/python3`) names it, so
  only the servers `journeykit serve` starts use it. It asks the fork server for a kernel and
  hands jupyter_client a process-like handle.
- `python -m journeykit.app.forking SOCKET` is the fork server: it imports, then forks one
  kernel per request. It leaves when its parent (the Voila server) goes.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning.local_provisioner import LocalProvisioner

PRELOADED = (
    "ipykernel.kernelapp",
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",  # with debugpy: imported by each kernel's start, 0.05 s of CPU
    "IPython",
    "IPython.core.oinspect",  # imported by each kernel's shell: 0.18 s of CPU
    # and what a kernel's start still imported (seen by listing sys.modules at its end)
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.core.logger",
    "IPython.extensions.storemagic",
    "faulthandler",
    "pdb",
    "sqlite3",
    "tornado.platform.asyncio",
    "zmq.utils.garbage",
    "psutil",
    "numpy",
    "pandas",
    "altair",
    "anywidget",
    "ipywidgets",
    "sqlalchemy",
    "pydantic",
    "journeykit.app.steps",
    "journeykit.app.start",
    "journeykit.app.dashboard",
    "journeykit.app.export_panel",
    "journeykit.widgets.exercise",
    "journeykit.teaching",
    "journeykit.widgets.themes",
    "sklearn.cluster",  # step 3's theme suggestions: 0.6 s of CPU to import
    "sklearn.feature_extraction.text",
    "journeykit.templates",
    "babel.numbers",
    "babel.dates",
    "babel.plural",
)
"""What every page imports: done once in the fork server."""
KERNEL_OPTIONS = ("--HistoryManager.enabled=False",)
"""A page's code is the kit's, not typed: IPython's history (a SQLite file in the user's
home, written by a thread of each kernel, shared by forty kernels in a room) has nothing to
keep."""
READY_SECONDS = 120
LOOPBACK = ("127.0.0.1", "localhost", "")
SINGLE_THREADED = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""A process that forks must not have started threads: the math libraries start none with
these set to 1 (what a room wants anyway: one core's worth per page at most)."""


# ----- the fork server ---------------------------------------------------------------------


def _reap(_signum: int, _frame: Any) -> None:
    """Collect the kernels that ended, so none stays a zombie."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _warm() -> None:
    """Do once what every page does first, so that each kernel inherits it instead of paying
    for it: read every language's translations and Babel's locale data (0.1 s of CPU per page
    measured under a room's load), and make a chart's first spec (altair reads pandas through
    narwhals, whose pandas support loads on first use). Starts no thread."""
    import datetime

    import altair
    import pandas

    from journeykit import i18n

    for code in i18n.LANGUAGES:
        i18n.catalog(code)
        with i18n.language(code):
            i18n.format_number(1234.5, 1)
            i18n.format_percent(0.5)
            i18n.format_date(datetime.date(2026, 1, 2))
    frame = pandas.DataFrame({"x": [1, 2], "y": ["a", "b"]})
    altair.Chart(frame).mark_point().encode(x="x:Q", y="y:N").to_dict()


def _become_kernel(request: dict[str, Any]) -> None:
    """In the forked child: take the kernel's environment, folder and command, then run it
    as `python -m ipykernel_launcher` would. Never returns."""
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.setsid()  # as jupyter_client starts kernels: a session (and group) of its own
        os.environ.clear()
        os.environ.update(request["env"])
        # the kernel watches its parent (ipykernel's ParentPollerUnix): here the fork server,
        # which leaves with the Voila server, so no kernel outlives the workshop
        os.environ["JPY_PARENT_PID"] = str(os.getppid())
        if request.get("cwd"):
            os.chdir(request["cwd"])
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        argv = request["argv"]
        start = argv.index("ipykernel_launcher") if "ipykernel_launcher" in argv else 0
        # ipykernel read JPY_PARENT_PID when the fork server imported it: say it again
        parent = f"--IPKernelApp.parent_handle={os.getppid()}"
        sys.argv = ["ipykernel_launcher", *argv[start + 1 :], parent, *KERNEL_OPTIONS]
        import ipywidgets
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize()
        # ipywidgets registers its comm targets when imported inside a kernel; the fork
        # server imported it outside one, so register them now that this is a kernel
        ipywidgets.register_comm_target()
        app.start()
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 0
    except BaseException:  # the kernel's own traceback is on its stderr
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve_forks(path: str) -> None:
    """Import what pages need, then fork one kernel per request on the Unix socket `path`
    until the parent process goes."""
    for name in SINGLE_THREADED:
        os.environ.setdefault(name, "1")
    # debugpy (imported with ipykernel's debugger) warns on stderr about frozen modules
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    import importlib

    for module in PRELOADED:
        importlib.import_module(module)
    _warm()
    parent = os.getppid()
    signal.signal(signal.SIGCHLD, _reap)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(64)
    server.settimeout(1.0)
    while os.getppid() == parent:
        try:
            conn, _addr = server.accept()
        except TimeoutError:
            continue
        except InterruptedError:
            continue
        with conn:
            conn.settimeout(10)
            data = b""
            while not data.endswith(b"\n"):
                chunk = conn.recv(65536)
                if not chunk:
                    break
                data += chunk
            try:
                request = json.loads(data)
            except ValueError:
                continue
            pid = os.fork()
            if pid == 0:
                server.close()
                conn.close()
                _become_kernel(request)
            conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")


# ----- in the Voila server -----------------------------------------------------------------


class _Forks:
    """The fork server of this Voila process, started on first use."""

    lock = threading.Lock()
    process: subprocess.Popen | None = None
    path = ""

    @classmethod
    def address(cls) -> str:
        with cls.lock:
            if cls.process is not None and cls.process.poll() is None:
                return cls.path
            folder = tempfile.mkdtemp(prefix="journeykit-forks-")
            atexit.register(shutil.rmtree, folder, True)  # the socket and kernels' sockets
            cls.path = str(Path(folder) / "forks.sock")
            cls.process = subprocess.Popen(
                [sys.executable, "-m", "journeykit.app.forking", cls.path],
                stdin=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + READY_SECONDS
            while not Path(cls.path).exists():  # bound once the imports are done
                if cls.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the kernel fork server did not start: see the log")
                time.sleep(0.1)
            return cls.path


class ForkedKernel:
    """What jupyter_client needs of a kernel's process (as of subprocess.Popen), for a
    kernel the fork server made: it is the fork server's child, not ours."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is not None:
            return self.returncode
        try:
            state = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            state = "gone"
        if state in ("Z", "X", "gone"):
            self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.05)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkingProvisioner(LocalProvisioner):
    """A kernel forked from the fork server instead of a new `python -m ipykernel_launcher`;
    everything else (connection file, signals, shutdown) as the local provisioner.

    Its channels are Unix sockets in the fork server's private folder, not TCP ports: ports
    are picked free and bound later by the kernel, and with a room's kernels starting by the
    dozen (and other servers on the machine doing the same) two kernels were handed one port
    and the second died ("Address already in use"; its page never opened). A socket file
    cannot be taken twice, and no other user of the machine can reach it."""

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        km = self.parent
        if km is not None and km.transport == "tcp" and getattr(km, "ip", "") in LOOPBACK:
            folder = Path(_Forks.address()).parent
            km.transport = "ipc"
            km.ip = str(folder / f"k-{(self.kernel_id or '')[:12]}")
            km.cache_ports = False
        return await super().pre_launch(**kwargs)

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        import asyncio

        request = {
            "argv": list(cmd),
            "env": dict(kwargs.get("env") or os.environ),
            "cwd": str(kwargs.get("cwd") or os.getcwd()),
        }
        pid = await asyncio.get_running_loop().run_in_executor(None, _ask_for_kernel, request)
        self.process = ForkedKernel(pid)  # type: ignore[assignment]
        self.pid = self.pgid = pid
        self.cwd = request["cwd"]
        return self.connection_info


def _ask_for_kernel(request: dict[str, Any]) -> int:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(READY_SECONDS)
        conn.connect(_Forks.address())
        conn.sendall(json.dumps(request).encode() + b"\n")
        data = b""
        while not data.endswith(b"\n"):
            chunk = conn.recv(4096)
            if not chunk:
                raise RuntimeError("the kernel fork server closed the connection")
            data += chunk
    return int(json.loads(data)["pid"])


if __name__ == "__main__":
    serve_forks(sys.argv[1])
