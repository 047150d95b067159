"""The kit installed like any Python tool: a wheel built from this checkout, installed into a
fresh virtual environment outside it, serves, teaches and prints from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

import pytest
from browsing import guarded_context

from journeykit.app.serve import free_port, running

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    work: Path  # a folder with nothing of the kit in it

    def bin(self, name: str) -> str:
        return str(self.venv / "bin" / name)

    def env(self) -> dict[str, str]:
        """The environment of a user of the new venv. The dependencies' data files (nbconvert
        and Voila templates) live in the test environment's share/jupyter, where an install
        with dependencies would have put them in the venv's own."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "JOURNEYKIT_STORE")}
        env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
        return env

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        env = self.env()
        return subprocess.run(
            [self.bin("journeykit"), *args],
            cwd=self.work,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    """The wheel of this checkout in a new venv. Its dependencies come from the test
    environment through a path file (no download: the tests stay offline), never the
    checkout's own package: the new venv's `journeykit` is the wheel's."""
    top = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(top / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (top / "dist").glob("journeykit-*.whl")
    venv = top / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next((venv / "lib").glob("python3*/site-packages"))
    (site / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv / "bin" / "python"),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    work = top / "elsewhere"
    work.mkdir()
    yield Installed(wheel, venv, work)


def test_wheel_carries_pages_materials_and_metadata(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(wheel.read(meta_name).decode())
    for shipped in (
        "journeykit/bundle/notebooks/00-start.ipynb",
        "journeykit/bundle/notebooks/facilitator.ipynb",
        "journeykit/bundle/exercises/05-scores.ipynb",
        "journeykit/bundle/workshop/deck.md",
        "journeykit/bundle/workshop/facilitator-guide.md",
        "journeykit/bundle/workshop/data/practice-survey.csv",
        "journeykit/py.typed",
        "journeykit/templates/join.html.j2",
        "journeykit/templates/canvas.css",
    ):
        assert shipped in names, f"{shipped} is not in the wheel"
    assert not [n for n in names if "solutions" in n], "exercise solutions must not ship"
    assert meta["License-Expression"] == "MIT"
    assert any(n.endswith("licenses/LICENSE") for n in names)
    classifiers = meta.get_all("Classifier")
    assert "Framework :: Jupyter" in classifiers and "Typing :: Typed" in classifiers


def test_installed_kit_is_the_wheel_not_the_checkout(installed: Installed) -> None:
    found = subprocess.run(
        [installed.bin("python"), "-c", "import journeykit; print(journeykit.__file__)"],
        cwd=installed.work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert found.startswith(str(installed.venv)), found


def test_commands_work_from_any_folder(installed: Installed) -> None:
    store = str(installed.work / "room.db")
    made = installed.run("sample", "--store", store, "--responses", "300", "--events", "2000")
    assert made.returncode == 0, made.stderr
    team = installed.run("teams", "--store", store, "--json")
    assert team.returncode == 0, team.stderr
    first = __import__("json").loads(team.stdout)[0]["id"]
    checks = installed.run("doctor", "--quick", "--store", store, "--port", str(free_port()))
    assert "pages and materials" in checks.stdout and "FAIL  pages" not in checks.stdout
    deck = installed.run("deck", "--out", "deck.html")
    assert deck.returncode == 0, deck.stderr
    assert "<section" in (installed.work / "deck.html").read_text(encoding="utf-8")
    canvases = installed.run("canvases", "--out", "paper", "--no-pdf")
    assert canvases.returncode == 0, canvases.stderr
    assert list((installed.work / "paper").glob("*.html"))
    report = installed.run("report", first, "--store", store, "--out", "report.html")
    assert report.returncode == 0, report.stderr
    published = installed.run("publish", first, "--store", store, "--out", "app")
    assert published.returncode == 0, published.stderr
    assert (installed.work / "app" / "run.py").is_file()


def test_doctor_fails_with_the_fix_when_pages_are_missing(installed: Installed) -> None:
    bundle = next((installed.venv / "lib").glob("python3*/site-packages/journeykit/bundle"))
    aside = bundle.with_name("bundle-aside")
    bundle.rename(aside)
    try:
        found = installed.run("doctor", "--quick", "--store", str(installed.work / "x.db"))
        served = installed.run("serve", "--store", str(installed.work / "x.db"))
    finally:
        aside.rename(bundle)
    assert found.returncode == 1
    assert "FAIL  pages and materials: missing" in found.stdout
    assert "pip install --force-reinstall journeykit" in found.stdout
    assert served.returncode == 1 and "installed without its pages" in served.stderr


@pytest.mark.browser
def test_installed_kit_serves_the_start_page_in_chromium(installed: Installed, browser) -> None:
    store = installed.work / "served.db"
    assert installed.run("sample", "--store", str(store), "--responses", "200").returncode == 0
    with (
        (installed.work / "serve.log").open("wb") as log,
        running(
            store,
            log=log,
            pool=0,
            program=[installed.bin("journeykit")],
            cwd=installed.work,
            env=installed.env(),
        ) as url,
    ):
        context, outside = guarded_context(browser)
        tab = context.new_page()
        tab.goto(url + "voila/render/00-start.ipynb", timeout=180_000)
        tab.locator(".jk-start h1").wait_for(timeout=120_000)
        assert tab.locator(".jk-team").count() >= 2
        assert not outside
        context.close()
