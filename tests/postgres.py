"""A throwaway PostgreSQL cluster for the tests: Debian's server, started in a temporary folder,
reached on a Unix socket only (no TCP port is opened), stopped when the tests end.

`scripts/ensure-postgres` (run by `make test`) installs the server when it is missing.
"""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

PORT = 5499
"""Names the socket file (.s.PGSQL.5499) in the cluster's own folder; nothing listens on it."""


def server_bin() -> Path | None:
    """The folder of Debian's PostgreSQL server programs (initdb, pg_ctl), the newest first."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    if found:
        return found[0].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@dataclass
class Cluster:
    """One running cluster; `database()` makes a fresh empty database and gives its URL."""

    folder: Path
    bin: Path
    user: str

    @property
    def socket_dir(self) -> Path:
        return self.folder / "run"

    def _as_owner(self, *command: str) -> list[str]:
        # PostgreSQL refuses to run as root: as root, the cluster belongs to `postgres`
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *command]
        return list(command)

    def start(self) -> None:
        data, run = self.folder / "data", self.socket_dir
        run.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            shutil.chown(run, "postgres")
        subprocess.run(
            self._as_owner(
                str(self.bin / "initdb"),
                "-D",
                str(data),
                "-U",
                self.user,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ),
            check=True,
            capture_output=True,
        )
        options = (
            f"-k {run} -p {PORT} -c listen_addresses='' -c fsync=off "
            "-c full_page_writes=off -c max_connections=200"
        )
        subprocess.run(
            self._as_owner(
                str(self.bin / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(self.folder / "server.log"),
                "-w",
                "start",
            ),
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        subprocess.run(
            self._as_owner(
                str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "stop"
            ),
            capture_output=True,
        )
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@/{database}?host={self.socket_dir}&port={PORT}"

    def database(self) -> str:
        """A new, empty database of its own: what a test's store starts from."""
        import psycopg

        name = "t" + uuid.uuid4().hex[:12]
        with psycopg.connect(
            host=str(self.socket_dir),
            port=PORT,
            user=self.user,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def start_cluster() -> Cluster:
    """Start a cluster in a new temporary folder (readable by the server's own user)."""
    found = server_bin()
    if found is None:
        raise RuntimeError(
            "the store tests run on PostgreSQL too, and its server is not installed: "
            "run `make test` (it installs it as root), or `sudo apt-get install -y postgresql`"
        )
    folder = Path(tempfile.mkdtemp(prefix="journeykit-pg-"))
    os.chmod(folder, 0o755)
    cluster = Cluster(folder, found, "journeykit" if os.geteuid() == 0 else getpass.getuser())
    cluster.start()
    return cluster
