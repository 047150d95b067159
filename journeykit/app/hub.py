"""A course past one laptop: the kit on JupyterHub, every participant's pages on one shared store.

One function, `configure`, writes the hub's configuration from the environment, so the
operator's file (`deploy/jupyterhub/jupyterhub_config.py`) and `journeykit hub` are the same
hub: configurable-http-proxy (npm) in front, a shared workshop password for participants and
the facilitator's own (JupyterHub's shared-password authenticator, the facilitator its admin),
each user's server started on this machine and landing on the kit's start page (the
facilitator on the dashboard), idle servers culled (jupyterhub-idle-culler), the store's URL
from the environment (a PostgreSQL store: many servers write at once).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from journeykit.app.places import FORK_SHARE, SHARE
from journeykit.errors import InputError, ServerError
from journeykit.i18n import _
from journeykit.participants import FACILITATOR, HUB_ROLE_ENV, PARTICIPANT
from journeykit.settings import HUB_PREFIX, STORE_ENV

PREFIX = HUB_PREFIX
START_PAGE = "00-start.ipynb"
DASHBOARD_PAGE = "facilitator.ipynb"
IDLE_SECONDS = 3600
"""A user's server with no activity this long is stopped (a participant who left)."""
PROXY = "configurable-http-proxy"
HUB_COMMAND = (sys.executable, "-m", "journeykit.app.cli", "hub")


@dataclass(frozen=True)
class HubSettings:
    """What a hub needs, read from the environment (`from_env`) so the operator's config file
    and the command line give the same hub."""

    store: str
    password: str
    facilitator: str
    facilitator_password: str
    ip: str = "127.0.0.1"
    port: int = 8000
    data: Path = Path("var/hub")
    idle: int = IDLE_SECONDS
    proxy: str = PROXY

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> HubSettings:
        env = dict(os.environ if env is None else env)
        missing = [
            name
            for name in (STORE_ENV, PREFIX + "PASSWORD", PREFIX + "FACILITATOR_PASSWORD")
            if not env.get(name)
        ]
        if missing:
            raise InputError(
                _(
                    "the hub needs {names} in its environment (`journeykit hub` sets them; see "
                    "deploy/jupyterhub/README.md)"
                ).format(names=", ".join(missing))
            )
        return cls(
            store=env[STORE_ENV],
            password=env[PREFIX + "PASSWORD"],
            facilitator=env.get(PREFIX + "FACILITATOR", "facilitator"),
            facilitator_password=env[PREFIX + "FACILITATOR_PASSWORD"],
            ip=env.get(PREFIX + "IP", "127.0.0.1"),
            port=int(env.get(PREFIX + "PORT", "8000")),
            data=Path(env.get(PREFIX + "DATA", "var/hub")).resolve(),
            idle=int(env.get(PREFIX + "IDLE", str(IDLE_SECONDS))),
            proxy=env.get(PREFIX + "PROXY", PROXY),
        )

    def to_env(self) -> dict[str, str]:
        return {
            STORE_ENV: self.store,
            PREFIX + "PASSWORD": self.password,
            PREFIX + "FACILITATOR": self.facilitator,
            PREFIX + "FACILITATOR_PASSWORD": self.facilitator_password,
            PREFIX + "IP": self.ip,
            PREFIX + "PORT": str(self.port),
            PREFIX + "DATA": str(self.data),
            PREFIX + "IDLE": str(self.idle),
            PREFIX + "PROXY": self.proxy,
        }

    @property
    def url(self) -> str:
        return f"http://{self.ip}:{self.port}/"


def find_proxy(name: str = PROXY) -> str:
    """configurable-http-proxy: as given, on PATH, or installed by npm in var/node."""
    for candidate in (name, Path("var/node/node_modules/.bin") / PROXY):
        found = shutil.which(str(candidate))
        if found:
            return found
    raise ServerError(
        _(
            "JupyterHub's proxy, configurable-http-proxy, was not found: install it with "
            "`npm install -g configurable-http-proxy` (or `npm install --prefix var/node "
            "configurable-http-proxy`)"
        )
    )


SINGLEUSER = (sys.executable, "-m", "journeykit.app.singleuser")
"""A user's server: the same command on one machine and in the Kubernetes image (deploy/z2jh)."""


def configure(c: Any, settings: HubSettings | None = None) -> None:
    """Fill JupyterHub's config object `c` for a JourneyKit course."""
    settings = settings or HubSettings.from_env()
    data = settings.data
    data.mkdir(parents=True, exist_ok=True)
    c.JupyterHub.bind_url = settings.url
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = settings.port + 2
    c.JupyterHub.db_url = f"sqlite:///{data / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(data / "jupyterhub_cookie_secret")
    c.JupyterHub.cleanup_servers = True
    c.ConfigurableHTTPProxy.command = [find_proxy(settings.proxy)]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.port + 1}"
    c.ConfigurableHTTPProxy.pid_file = str(data / "proxy.pid")

    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = settings.password
    c.SharedPasswordAuthenticator.admin_password = settings.facilitator_password
    c.Authenticator.admin_users = {settings.facilitator}
    c.Authenticator.allow_all = True

    # one machine: every server runs as the hub's own user (no isolation between people: a
    # training room's laptops, not strangers; see deploy/jupyterhub/README.md)
    c.JupyterHub.spawner_class = "simple"
    c.Spawner.cmd = [*SINGLEUSER]
    c.Spawner.default_url = f"/voila/render/{START_PAGE}"
    c.Spawner.http_timeout = 120
    c.Spawner.start_timeout = 180
    c.Spawner.environment = {
        STORE_ENV: settings.store,
        # the kit's template, and its kernelspec first: page kernels forked from one process
        # per server that imported the kit once (journeykit.app.forking), as in a room
        "JUPYTER_PATH": os.pathsep.join(
            p for p in (str(FORK_SHARE), str(SHARE), os.environ.get("JUPYTER_PATH")) if p
        ),
    }

    def land(spawner: Any) -> None:
        """The facilitator lands on the dashboard, a participant on the start page; the kit's
        pages learn who is who from the role."""
        admin = bool(spawner.user.admin)
        spawner.environment[HUB_ROLE_ENV] = FACILITATOR if admin else PARTICIPANT
        spawner.default_url = f"/voila/render/{DASHBOARD_PAGE if admin else START_PAGE}"

    c.Spawner.pre_spawn_hook = land
    c.JupyterHub.load_roles = [
        {
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        }
    ]
    c.JupyterHub.services = [
        {
            "name": "idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                f"--timeout={settings.idle}",
            ],
        }
    ]


def new_settings(store: str, ip: str, port: int, data: Path, facilitator: str) -> HubSettings:
    """Settings for `journeykit hub`: the passwords kept from last time (in the data folder,
    readable by this user only), else new ones."""
    data = data.resolve()
    data.mkdir(parents=True, exist_ok=True)
    kept = data / "passwords"
    if kept.is_file():
        password, facilitator_password = kept.read_text(encoding="utf-8").split()[:2]
    else:
        password = "-".join(secrets.token_hex(2) for _ in range(3))
        facilitator_password = secrets.token_urlsafe(32)
        kept.write_text(f"{password}\n{facilitator_password}\n", encoding="utf-8")
        kept.chmod(0o600)
    return HubSettings(
        store=store,
        password=os.environ.get(PREFIX + "PASSWORD", password),
        facilitator=facilitator,
        facilitator_password=os.environ.get(PREFIX + "FACILITATOR_PASSWORD", facilitator_password),
        ip=ip,
        port=port,
        data=data,
        proxy=os.environ.get(PREFIX + "PROXY", PROXY),
    )


CONFIG = '''"""Written by `journeykit hub`: the hub of deploy/jupyterhub/jupyterhub_config.py."""
from journeykit.app.hub import configure

configure(c)  # noqa: F821 (JupyterHub's config object)
'''


def hub_command(settings: HubSettings) -> tuple[list[str], dict[str, str]]:
    """JupyterHub's command line and environment for these settings."""
    config = settings.data / "jupyterhub_config.py"
    config.write_text(CONFIG, encoding="utf-8")
    command = [sys.executable, "-m", "jupyterhub", "-f", str(config)]
    return command, {**os.environ, **settings.to_env()}


def free_ports(count: int = 3, host: str = "127.0.0.1") -> int:
    """A port with the next `count - 1` free too (the hub, its proxy's API, the hub's API)."""
    for base in range(8700, 8990, count + 1):
        with_all = []
        for port in range(base, base + count):
            probe = socket.socket()
            try:
                probe.bind((host, port))
                with_all.append(probe)
            except OSError:
                probe.close()
                break
        for probe in with_all:
            probe.close()
        if len(with_all) == count:
            return base
    raise ServerError(
        _("no {count} free ports in a row on {host}: stop another server, or choose --port").format(
            count=count, host=host
        )
    )


@contextmanager
def running(
    store: str,
    data: Path,
    password: str,
    facilitator_password: str,
    proxy: str | None = None,
    log: IO[bytes] | None = None,
    seconds: float = 120,
) -> Iterator[str]:
    """`journeykit hub` in the background on 127.0.0.1 and free ports: yields its address
    once its login page answers, and stops it (and the users' servers) on leaving. For the
    tests and the hub benchmark."""
    from journeykit.app.serve import wait_until_answering

    port = free_ports()
    env = {
        **os.environ,
        PREFIX + "PASSWORD": password,
        PREFIX + "FACILITATOR_PASSWORD": facilitator_password,
        PREFIX + "PROXY": proxy or find_proxy(),
    }
    process = subprocess.Popen(
        [*HUB_COMMAND, "--store", store, "--port", str(port), "--data", str(data)],
        cwd=data.parent,
        env=env,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_answering(url + "hub/login", process, seconds)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the hub stops the servers it started
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
