"""`journeykit doctor`: check a machine before the workshop, and say what to fix.

Run it the day before, in the room, on the machine that will serve: every line says what was
checked, and a failed one says how to fix it. Nothing here needs the internet.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, requires, version
from pathlib import Path

from journeykit import materials
from journeykit.app.serve import (
    HOST,
    START_NOTEBOOK,
    chart_module,
    default_notebooks,
    port_is_free,
)
from journeykit.i18n import LANGUAGES, _, format_number, ngettext
from journeykit.settings import DEFAULT_STORE, STORE_ENV
from journeykit.store import Store

PAGE_SECONDS = 180


@dataclass(frozen=True)
class Check:
    """One finding: what was checked, whether it is fine, what was seen, and the fix."""

    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True

    def line(self) -> str:
        mark = _("ok") if self.ok else (_("FAIL") if self.required else _("warn"))
        text = f"{mark:<4}  {self.name}: {self.detail}"
        if self.ok or not self.fix:
            return text
        return text + "\n      " + _("fix: {fix}").format(fix=self.fix)


MATERIALS = (
    ("notebooks", START_NOTEBOOK),
    ("notebooks", "facilitator.ipynb"),
    ("exercises", START_NOTEBOOK),
    ("workshop", "deck.md"),
    ("workshop", "facilitator-guide.md"),
    ("workshop", "data/practice-survey.csv"),
    ("workshop", "data/practice-interviews.csv"),
    ("workshop", "data/practice-events.csv"),
)
"""Files whose absence means the kit was installed without its pages and materials."""


def check_materials() -> Check:
    """The pages, exercises and workshop materials are where the kit looks for them."""
    missing = [str(materials.path(folder, name)) for folder, name in MATERIALS]
    missing = [m for m in missing if not Path(m).is_file()]
    found = _("in {folder}").format(folder=materials.folder("notebooks").parent)
    return Check(
        _("pages and materials"),
        not missing,
        _("missing {files}").format(files=", ".join(missing)) if missing else found,
        _(
            "reinstall the kit from its wheel or checkout: pip install --force-reinstall "
            "journeykit (a wheel carries the pages; an editable install reads the checkout's "
            "folders)"
        ),
    )


def check_python() -> Check:
    found = ".".join(map(str, sys.version_info[:3]))
    return Check(
        "Python",
        sys.version_info >= (3, 11),
        found,
        _("install Python 3.11 or newer, then run `make test` again"),
    )


def check_packages() -> Iterator[Check]:
    """Each package JourneyKit needs, installed in a version it accepts."""
    from packaging.requirements import Requirement

    for text in requires("journeykit") or []:
        need = Requirement(text)
        if need.marker is not None and not need.marker.evaluate({"extra": ""}):
            continue  # test extras are checked by `make test` itself
        try:
            found = version(need.name)
        except PackageNotFoundError:
            yield Check(need.name, False, _("missing"), f"pip install '{need}'")
            continue
        yield Check(
            need.name,
            need.specifier.contains(found, prereleases=True),
            _("{found} (needs {needed})").format(
                found=found, needed=need.specifier or _("any version")
            ),
            f"pip install '{need}'",
        )


def check_fonts(language: str) -> Check:
    """A font that has the language's letters, so no glyph is drawn as a box."""
    name = _("fonts for {language}").format(language=LANGUAGES.get(language, language))
    if shutil.which("fc-list") is None:
        return Check(
            name,
            False,
            _("cannot tell: fc-list (fontconfig) is not installed"),
            "apt-get install fontconfig fonts-dejavu-core fonts-noto-core",
            required=False,
        )
    listed = subprocess.run(
        ["fc-list", f":lang={language}", "family"], capture_output=True, text=True, check=False
    ).stdout
    families = sorted({line.split(",")[0].strip() for line in listed.splitlines() if line.strip()})
    return Check(
        name,
        bool(families),
        ", ".join(families[:3]) + (" ..." if len(families) > 3 else "") or _("none installed"),
        _(
            "apt-get install fonts-noto-core fonts-dejavu-core (or copy a .ttf with these "
            "letters into ~/.local/share/fonts)"
        ),
    )


def check_port(port: int) -> Check:
    free = port_is_free(port)
    return Check(
        _("port {port}").format(port=port),
        free,
        (_("free on {host}") if free else _("in use on {host}")).format(host=HOST),
        _("stop what uses it (another workshop?) or serve with --port {other}").format(
            other=port + 1
        ),
    )


def check_store(location: str | None) -> Check:
    """The store opens and takes a write (opening it writes its schema version)."""
    try:
        with Store(location) as store:
            teams = len(store.teams())
            url = store.url
    except Exception as err:  # any failure to open or write is the finding
        return Check(
            _("workshop store"),
            False,
            f"{location or os.environ.get(STORE_ENV) or DEFAULT_STORE}: {err}".splitlines()[0],
            _("point --store at a file in a folder you can write to"),
        )
    return Check(
        _("workshop store"),
        True,
        _("{url} is writable, {count} teams").format(url=url, count=format_number(teams)),
    )


def check_charts() -> Check:
    module = chart_module()
    return Check(
        _("offline charts"),
        True,
        _("served from the kit ({module})").format(module=module)
        if module
        else _("carried by each chart (package read-only)"),
    )


def check_browser() -> Check:
    from journeykit.app.export.printing import find_browser

    try:
        found = find_browser()
    except Exception as err:  # the message says what to install
        return Check(
            _("browser for PDF"), False, str(err), "apt-get install chromium", required=False
        )
    return Check(_("browser for PDF"), True, found)


def run_page(notebook: Path, store_url: str, team: str) -> str:
    """Run one page as Voila would (its address naming `team`); '' when it ran, else why."""
    import nbformat
    from nbclient import NotebookClient

    env = {**os.environ, STORE_ENV: store_url, "QUERY_STRING": f"team={team}" if team else ""}
    try:
        page = nbformat.read(notebook, as_version=4)
        client = NotebookClient(
            page, timeout=PAGE_SECONDS, resources={"metadata": {"path": notebook.parent}}
        )
        # the kernel gets the page's environment; its own start-up warnings are not findings
        client.execute(env=env, stderr=subprocess.DEVNULL)
    except Exception as err:  # the page's own error is the finding
        return str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
    errors = [
        output
        for cell in page.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    return errors[0]["evalue"] if errors else ""


def check_pages(notebooks: Path, location: str | None) -> Iterator[Check]:
    """Every page of the app runs on this machine, for the store's first team."""
    with Store(location) as store:
        url = store.url
        teams = [t.id for t in store.teams()]
    for notebook in sorted(notebooks.glob("*.ipynb")):
        problem = run_page(notebook, url, teams[0] if teams else "")
        yield Check(
            _("page {name}").format(name=notebook.name),
            not problem,
            problem or _("runs"),
            _("run `make test` to see which page fails, or reinstall with `make clean test`"),
        )


def check_exports() -> Check:
    """The report, the mini-app and every export are made for a practice team (in a store of
    their own, gone afterwards): what a team takes home at the end of the day works here."""
    import tempfile

    from journeykit.app.export import WRITERS
    from journeykit.app.export.printing import write_report
    from journeykit.app.publish import publish
    from journeykit.evidence import import_practice
    from journeykit.sample.practice import practice_team

    made = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        try:
            with Store(root / "practice.db") as store:
                team = practice_team(store)
                import_practice(store, team)
                write_report(store, team, root / "report.html")
                made.append("report")
                publish(store, team, root / "app")
                made.append("mini-app")
                for kind, write in WRITERS.items():
                    write(store, team, root / f"export.{kind}")
                    made.append(kind)
        except Exception as err:  # the first failure is the finding
            done = ", ".join(made) or _("nothing")
            return Check(
                _("exports"),
                False,
                _("{error}: {reason} (made: {made})").format(
                    error=type(err).__name__, reason=err, made=done
                ),
                _(
                    "run `make test` to see the failing export's test, or reinstall with "
                    "`make clean test`"
                ),
            )
    return Check(
        _("exports"),
        True,
        _("report, mini-app, {formats} for a practice team").format(formats=", ".join(WRITERS)),
    )


def diagnose(
    store: str | None,
    port: int,
    language: str = "en",
    notebooks: Path | None = None,
    pages: bool = True,
) -> Iterator[Check]:
    """Every check, in the order a facilitator would fix them."""
    yield check_python()
    yield from check_packages()
    yield check_materials()
    yield check_fonts(language)
    yield check_port(port)
    found = check_store(store)
    yield found
    yield check_charts()
    yield check_browser()
    if pages and found.ok:
        yield from check_pages(notebooks or default_notebooks(), store)
        yield check_exports()


def doctor(
    store: str | None,
    port: int,
    language: str = "en",
    notebooks: Path | None = None,
    pages: bool = True,
    say: Callable[[str], None] = print,
) -> bool:
    """Print every check as it is made; True when nothing required failed."""
    failed = 0
    for found in diagnose(store, port, language, notebooks, pages):
        say(found.line())
        failed += found.required and not found.ok
    say(
        _("Ready for the workshop.")
        if not failed
        else ngettext(
            "{count} problem to fix before the workshop (see fix:).",
            "{count} problems to fix before the workshop (see fix:).",
            failed,
        ).format(count=format_number(failed))
    )
    return not failed
