"""`journeykit ...`: the command line. Exit 0 on success, 1 on bad input, 2 on usage errors."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from journeykit import __version__
from journeykit.errors import InputError, JourneyKitError
from journeykit.i18n import (
    LANGUAGES,
    N_,
    _,
    current,
    format_date,
    format_number,
    format_percent,
    local_digits,
    ngettext,
)
from journeykit.i18n import format_signed as signed
from journeykit.i18n import language as speaking
from journeykit.settings import STORE_ENV
from journeykit.store import (
    Store,
    import_document,
    read_document,
    shown_url,
    sqlite_path,
    store_url,
    write_export,
)

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
T = TypeVar("T")

if TYPE_CHECKING:  # pandas is imported where a command needs it (start-up stays quick)
    import pandas as pd

    from journeykit.model import InterviewNote, Journey


def _port(text: str) -> int:
    """A TCP port as typed on the command line: a whole number from 1 to 65535."""
    number = int(text) if text.strip().isdigit() else 0
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(
            _("a port is a whole number from 1 to 65535, not {value!r}").format(value=text)
        )
    return number


def _store_option() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--store",
        metavar="URL",
        help=_(
            "workshop store: a SQLite file path or a SQLAlchemy URL "
            "(default: $JOURNEYKIT_STORE, else ./journeykit.db)"
        ),
    )
    return parent


def _language_option(what: str) -> argparse.ArgumentParser:
    option = argparse.ArgumentParser(add_help=False)
    option.add_argument(
        "--language",
        choices=list(LANGUAGES),
        help=_("{what} ({choices})").format(what=what, choices=", ".join(LANGUAGES)),
    )
    return option


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journeykit", description=_("Run customer journey mapping workshops.")
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"journeykit {__version__}",
        help=_("show program's version number and exit"),  # argparse's default is English
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    store = _store_option()

    workshop_language = _language_option(_("the workshop's language, kept for its next sessions"))
    output_language = _language_option(_("the language to write in (default: the team's)"))
    replacing = argparse.ArgumentParser(add_help=False)
    replacing.add_argument(
        "--force", action="store_true", help=_("replace the output if it is there already")
    )
    serve = commands.add_parser(
        "serve", parents=[store, workshop_language], help=_("start the workshop app (Voila)")
    )
    serve.add_argument("--port", type=_port, default=8866, help=_("port on 127.0.0.1 (8866)"))
    serve.add_argument("--notebooks", type=Path, help=_("folder of the workshop notebooks"))
    serve.add_argument("--open", action="store_true", help=_("open a browser tab too"))
    serve.add_argument(
        "--pool",
        type=int,
        default=None,
        metavar="N",
        help=_(
            "kernels kept ready per page (1 alone; 0 in a room, where a crowd would queue "
            "behind the refills; 0 on a small machine)"
        ),
    )
    serve.add_argument(
        "--room",
        action="store_true",
        help=_(
            "open the workshop to participants' laptops on this network: a workshop code "
            "for them, a facilitator key for you"
        ),
    )
    serve.add_argument(
        "--ip",
        metavar="ADDRESS",
        help=_("with --room, listen on this address only (default: every address of this machine)"),
    )
    serve.add_argument(
        "--kernels",
        choices=("fork", "spawn"),
        default="fork",
        help=_(
            "how page kernels start: forked from a parent that has imported the kit (fork, "
            "fast and memory-sharing) or each a new Python (spawn)"
        ),
    )
    serve.add_argument(
        "--kernel-idle",
        type=float,
        default=None,
        metavar="SECONDS",
        help=_(
            "a page no browser is connected to (its tab closed, its laptop gone) gives its "
            "kernel back after this many idle seconds (60; 900 with --pool)"
        ),
    )
    serve.add_argument(
        "--new-code",
        action="store_true",
        help=_("with --room, make a new workshop code and facilitator key (else the last ones)"),
    )

    exercises = commands.add_parser(
        "exercises",
        parents=[store, workshop_language],
        help=_("serve the student exercises and quiz (Voila)"),
    )
    exercises.add_argument("--port", type=_port, default=8867, help=_("port on 127.0.0.1 (8867)"))
    exercises.add_argument("--open", action="store_true", help=_("open a browser tab too"))

    lab = commands.add_parser(
        "lab",
        parents=[store],
        help=_("open the exercises and the data-track notebooks in JupyterLab, on the same store"),
    )
    lab.add_argument("--port", type=_port, default=8868, help=_("port on 127.0.0.1 (8868)"))
    lab.add_argument("--open", action="store_true", help=_("open a browser tab too"))

    hub = commands.add_parser(
        "hub",
        parents=[store],
        help=_("run the workshop on JupyterHub for a course (one server per participant)"),
    )
    hub.add_argument("--ip", default="127.0.0.1", help=_("the address to serve on (127.0.0.1)"))
    hub.add_argument(
        "--port", type=_port, default=8000, help=_("the hub's port (8000; +1, +2 too)")
    )
    hub.add_argument("--facilitator", default="facilitator", help=_("the facilitator's login"))
    hub.add_argument(
        "--data", type=Path, default=Path("var/hub"), help=_("the hub's own files (var/hub)")
    )

    doctor = commands.add_parser(
        "doctor", parents=[store], help=_("check this machine before a workshop, say what to fix")
    )
    doctor.add_argument("--port", type=_port, default=8866, help=_("the port you will serve on"))
    doctor.add_argument(
        "--language",
        choices=list(LANGUAGES),
        help=_("check its fonts and speak it (default: the workshop's)"),
    )
    doctor.add_argument("--notebooks", type=Path, help=_("folder of the pages to run"))
    doctor.add_argument("--quick", action="store_true", help=_("skip running every page"))

    canvases = commands.add_parser(
        "canvases",
        parents=[output_language, replacing],
        help=_("printable persona, journey map and action plan canvases (HTML, PDF)"),
    )
    canvases.add_argument("--out", type=Path, required=True, metavar="DIR")
    canvases.add_argument(
        "--stages",
        default="five-stage",
        metavar="MODEL",
        help=_("the journey map's stages: three-stage, five-stage, b2b-seven, hospitality"),
    )
    canvases.add_argument("--no-pdf", action="store_true", help=_("HTML only (no browser needed)"))

    deck = commands.add_parser(
        "deck", parents=[replacing], help=_("the method's key ideas as slides (HTML, PDF)")
    )
    deck.add_argument("--out", type=Path, required=True, metavar="FILE.html")
    deck.add_argument("--source", type=Path, help=_("Markdown, slides apart by ---"))
    deck.add_argument("--pdf", action="store_true", help=_("also print it to FILE.pdf"))

    archive = commands.add_parser(
        "archive", parents=[store], help=_("copy the whole workshop to a file, then start afresh")
    )
    archive.add_argument("--to", type=Path, required=True, metavar="FILE.db")

    sample = commands.add_parser(
        "sample",
        parents=[store, workshop_language],
        help=_("create the sample workshop (its content in the workshop's language)"),
    )
    sample.add_argument("--seed", type=int, default=7, help=_("same seed, same data (7)"))
    sample.add_argument("--responses", type=int, default=5_000, help=_("per team (5000)"))
    sample.add_argument("--events", type=int, default=100_000, help=_("per team (100000)"))
    sample.add_argument("--interviews", type=int, default=24, help=_("per team (24)"))
    sample.add_argument(
        "--replace", action="store_true", help=_("delete sample teams already in the store first")
    )

    teams = commands.add_parser("teams", parents=[store], help=_("list the teams in a store"))
    teams.add_argument("--json", action="store_true", help=_("print JSON for other tools"))

    export = commands.add_parser(
        "export",
        parents=[store, replacing],
        help=_("write a team as JSON (the import format), its tables (XLSX, CSV) or charts"),
    )
    export.add_argument("team", metavar="TEAM")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.json|FILE.xlsx|DIR")
    export.add_argument(
        "--format",
        choices=("json", "xlsx", "csv", "png", "svg"),
        help=_("what to write (default: the file's suffix); csv, png and svg fill a folder"),
    )
    export.add_argument(
        "--include-private",
        action="store_true",
        help=_("JSON only: keep what the team marked private (a full backup; do not share it)"),
    )

    report = commands.add_parser(
        "report",
        parents=[store, output_language, replacing],
        help=_("a team's report: one HTML file that works offline"),
    )
    report.add_argument("team", metavar="TEAM")
    report.add_argument("--out", type=Path, required=True, metavar="FILE.html")
    report.add_argument("--pdf", action="store_true", help=_("also print it to FILE.pdf"))
    report.add_argument(
        "--paper",
        choices=("a4", "letter"),
        help=_(
            "the paper it prints on (default: A4, or Letter where the language's locale uses it)"
        ),
    )

    publish = commands.add_parser(
        "publish",
        parents=[store, output_language, replacing],
        help=_("a team's journey as a read-only Voila mini-app"),
    )
    publish.add_argument("team", metavar="TEAM")
    publish.add_argument("--out", type=Path, required=True, metavar="DIR")

    evidence = commands.add_parser(
        "evidence",
        parents=[store, output_language],
        help=_("import survey responses, interview notes or events"),
    )
    evidence.add_argument("team", metavar="TEAM")
    evidence.add_argument("file", type=Path, metavar="FILE")
    evidence.add_argument("--kind", required=True, choices=("survey", "interviews", "events"))
    evidence.add_argument(
        "--valid-only", action="store_true", help=_("store the valid rows even if some are refused")
    )
    evidence.add_argument(
        "--columns",
        type=Path,
        metavar="MAP",
        help=_("CSV (field,column) or JSON: which column is what"),
    )
    evidence.add_argument(
        "--stages", type=Path, metavar="MAP", help=_("CSV (event,stage) or JSON: events to stages")
    )
    evidence.add_argument("--encoding", help=_("the file's encoding, when the guess is wrong"))
    evidence.add_argument(
        "--reverse",
        action="append",
        choices=("ces",),
        default=[],
        help=_("the file's CES runs 1 = very difficult .. 7 = very easy: turn it around"),
    )
    evidence.add_argument(
        "--dates",
        choices=("day-first", "month-first"),
        help=_("how to read dates such as 03/04/2026 (else from the column, and said)"),
    )
    evidence.add_argument("--json", action="store_true", help=_("print the report as JSON"))

    metrics = commands.add_parser(
        "metrics",
        parents=[store, output_language],
        help=_("NPS, CSAT and CES by touchpoint and stage"),
    )
    metrics.add_argument("team", metavar="TEAM")
    metrics.add_argument("--json", action="store_true", help=_("print JSON records"))

    funnel = commands.add_parser(
        "funnel", parents=[store, output_language], help=_("usage funnel by journey stage")
    )
    funnel.add_argument("team", metavar="TEAM")
    funnel.add_argument("--journey", help=_("journey whose stages order the funnel"))
    funnel.add_argument("--json", action="store_true", help=_("print JSON records"))
    funnel.add_argument(
        "--by", metavar="ATTRIBUTE", help=_("one funnel per value of this event column (platform)")
    )
    funnel.add_argument(
        "--per",
        choices=("user", "session"),
        help=_(
            "count users (the funnel's default) or sessions (the export's session ids, else "
            "30 min gaps; the default of --flows)"
        ),
    )
    funnel.add_argument(
        "--gap",
        metavar="DURATION",
        default="30min",
        help=_("inactivity that ends a session when the events have no session id (30min)"),
    )
    funnel.add_argument(
        "--flows",
        action="store_true",
        help=_(
            "where people went next from each stage, loops back included (within sessions, "
            "or over all of a user's visits with --per user)"
        ),
    )
    funnel.add_argument(
        "--over",
        choices=("day", "week", "month"),
        help=_("conversion from each stage to the next, period by period (an incident shows)"),
    )
    funnel.add_argument(
        "--window",
        metavar="DURATION",
        help=_("count a stage only within this time of the user's first stage (7d, 48h, 30min)"),
    )

    themes = commands.add_parser(
        "themes",
        parents=[store, output_language],
        help=_("the team's themes from what customers said"),
    )
    themes.add_argument("team", metavar="TEAM")
    themes.add_argument(
        "--suggest", action="store_true", help=_("also themes suggested from uncoded notes")
    )
    themes.add_argument("--json", action="store_true", help=_("print JSON"))

    imp = commands.add_parser("import", parents=[store], help=_("add a team from a JSON export"))
    imp.add_argument("file", type=Path, metavar="FILE.json")
    imp.add_argument("--as", dest="as_team", metavar="TEAM", help=_("store it under this team id"))
    return parser


def _sample(args: argparse.Namespace) -> None:
    from journeykit.sample import create_sample
    from journeykit.sample.content import TEAMS

    for number, name in ((args.responses, "--responses"), (args.events, "--events")):
        if number < 0:
            raise InputError(
                _("{option} must be 0 or more, not {number}").format(option=name, number=number)
            )
    if args.interviews < 1:
        raise InputError(
            _("{option} must be 1 or more, not {number}").format(
                option="--interviews", number=args.interviews
            )
        )
    with Store(args.store) as store:
        existing = {t.id for t in store.teams()} & {t["id"] for t in TEAMS}
        if existing and not args.replace:
            raise InputError(
                _(
                    "{url} already holds sample team {team!r}: use --replace to delete the "
                    "sample teams and create them again, or choose another --store"
                ).format(url=shown_url(store.url), team=sorted(existing)[0])
            )
        for team in sorted(existing):
            store.delete_team(team)
        created = create_sample(
            store,
            seed=args.seed,
            responses=args.responses,
            events=args.events,
            interviews=args.interviews,
            code=args.language or store.setting("language"),
        )
        print(
            _("Created the sample workshop in {url}: teams {teams}").format(
                url=shown_url(store.url), teams=", ".join(created)
            )
        )


PERIODS = {"day": N_("day"), "week": N_("week"), "month": N_("month")}
"""The periods `funnel --over` takes, as its heading names them."""

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """Text as a terminal may show it: control characters (an escape sequence can move the
    cursor, recolour or retitle the terminal) and bidi overrides written as \\x1b, \\u202e."""
    return UNSAFE.sub(lambda found: found.group().encode("unicode_escape").decode(), str(text))


def _teams(args: argparse.Namespace) -> None:
    summaries = []
    if _store_is_there(args.store):  # listing a store that is not there does not make one
        with Store(args.store) as store:
            summaries = store.teams()
    if args.json:
        print(json.dumps([asdict(s) for s in summaries], ensure_ascii=False, indent=1))
        return
    if not summaries:
        print(_("No teams yet: create the sample with `journeykit sample`."))
        return
    heads = (_("team"), _("personas"), _("journeys"), _("responses"), _("events"), _("name"))
    print(f"{heads[0]:<16} {heads[1]:>8} {heads[2]:>8} {heads[3]:>9} {heads[4]:>8}  {heads[5]}")
    for s in summaries:
        print(
            f"{s.id:<16} {format_number(s.personas):>8} {format_number(s.journeys):>8} "
            f"{format_number(s.survey_responses):>9} {format_number(s.usage_events):>8}  "
            f"{safe(s.name)}"
        )


def _writing(
    path: Path, write: Callable[[], T], force: bool = False, also: Sequence[Path] = ()
) -> T:
    """Run a writer; a full disk or a missing folder is bad input, said plainly. A file (or a
    folder with files in it) that is there already is replaced only with --force, and then
    said: `also` are the other files the writer makes beside `path` (a PDF's HTML)."""
    there = [p for p in (path, *also) if p.is_file() or (p.is_dir() and any(p.iterdir()))]
    if there and not force:
        raise InputError(
            _("{path} is there already: choose another name, or pass --force to replace it").format(
                path=there[0]
            )
        )
    try:
        written = write()
    except OSError as err:
        raise InputError(
            _("cannot write {path}: {reason}: check the folder").format(
                path=path, reason=err.strerror
            )
        ) from None
    for replaced in there:
        print(_("replaced {path}").format(path=replaced))
    return written


def _export(args: argparse.Namespace) -> None:
    from journeykit.app.export import WRITERS, export_kind

    kind = export_kind(args.out, args.format)
    with Store(args.store) as store:
        store.header(args.team)  # an unknown team is named before anything is written
        if args.include_private and kind != "json":
            raise InputError(_("--include-private is for the JSON backup only (--format json)"))
        if args.include_private:
            _writing(args.out, lambda: write_export(store, args.team, args.out), args.force)
        else:
            _writing(args.out, lambda: WRITERS[kind](store, args.team, args.out), args.force)
    said = (
        _("Exported team {team!r} as {kind} to {path}")
        if args.include_private
        else _("Exported team {team!r} as {kind} to {path} (what the team marked private left out)")
    )
    print(said.format(team=args.team, kind=kind, path=args.out))


def _report(args: argparse.Namespace) -> None:
    from journeykit.app.export.printing import write_report

    with Store(args.store) as store:
        store.header(args.team)
        pdf = args.pdf or args.out.suffix.lower() == ".pdf"
        written = _writing(
            args.out,
            lambda: write_report(store, args.team, args.out, args.pdf, args.language, args.paper),
            args.force,
            also=[args.out.with_suffix(".html"), args.out.with_suffix(".pdf")] if pdf else [],
        )
    print(_("Wrote the report of team {team!r} to {path}").format(team=args.team, path=written))


def _publish(args: argparse.Namespace) -> None:
    from journeykit.app.publish import publish

    with Store(args.store) as store:
        store.header(args.team)
        _writing(args.out, lambda: publish(store, args.team, args.out, args.language), args.force)
    print(
        _(
            "Published team {team!r} in {path}: there, run `pip install -r requirements.txt` "
            "once, then `python run.py`"
        ).format(team=args.team, path=args.out)
    )


def _exercises(args: argparse.Namespace) -> None:
    from journeykit import materials
    from journeykit.app.serve import serve

    serve(args.store, args.port, materials.folder("exercises"), args.open, pool=0)


def lab_command(store: str | None, port: int, open_tab: bool) -> tuple[list[str], dict[str, str]]:
    """JupyterLab on 127.0.0.1 in the exercises folder, its kernels on the workshop's store
    (what students answer in Lab and in the pages is one), solutions hidden (Lab lists and
    serves no hidden folder)."""
    from journeykit import materials
    from journeykit.store import store_url

    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--ServerApp.root_dir={materials.folder('exercises')}",
        "--ContentsManager.allow_hidden=False",
        # a classroom is often offline: no news feed, update check or PyPI extension search
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        *([] if open_tab else ["--no-browser"]),
        # a container (a classroom image, CI) runs as root: Jupyter refuses that unless told
        *(["--ServerApp.allow_root=True"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
    ]
    return command, {**os.environ, STORE_ENV: store_url(store)}


def _hub(args: argparse.Namespace) -> int:
    """JupyterHub in the foreground; prints how people log in (the passwords are kept in the
    data folder for the next start)."""
    import subprocess

    from journeykit.app.hub import hub_command, new_settings
    from journeykit.store import Store, store_url

    url = store_url(args.store)
    with Store(url) as opened:  # reachable and at this schema before anyone logs in
        teams = len(opened.teams())
    settings = new_settings(url, args.ip, args.port, args.data, args.facilitator)
    command, env = hub_command(settings)
    print(
        _(
            "JourneyKit on JupyterHub: {teams} teams in {store}\nOpen {url} — participants log "
            "in with any name and the password {password}; the facilitator logs in as "
            "{facilitator!r} with the password in {file} (second line). Ctrl+C stops the hub."
        ).format(
            teams=format_number(teams),
            store=shown_url(url),
            url=settings.url,
            password=settings.password,
            facilitator=settings.facilitator,
            file=settings.data / "passwords",
        ),
        flush=True,
    )
    return subprocess.call(command, env=env)


def _lab(args: argparse.Namespace) -> int:
    import subprocess

    command, env = lab_command(args.store, args.port, args.open)
    return subprocess.call(command, env=env)


def _doctor(args: argparse.Namespace) -> int:
    from journeykit.app.doctor import doctor

    ready = doctor(
        args.store, args.port, args.language or current(), args.notebooks, not args.quick
    )
    return EXIT_OK if ready else EXIT_BAD_INPUT


def _canvases(args: argparse.Namespace) -> None:
    from journeykit.app.export.printing import write_pdf
    from journeykit.teaching.canvases import write_canvases

    try:
        pages = write_canvases(args.out, args.stages)
    except ValueError as err:
        raise InputError(str(err)) from None
    for page in pages:
        made = [page] if args.no_pdf else [page, write_pdf(page, page.with_suffix(".pdf"))]
        print(_("wrote {paths}").format(paths=", ".join(str(p) for p in made)))


def _deck(args: argparse.Namespace) -> None:
    from journeykit.app.export.printing import write_pdf
    from journeykit.teaching.deck import SOURCE, write_deck

    source = args.source or SOURCE
    if not source.is_file():
        raise InputError(_("no deck source {path}: pass --source FILE.md").format(path=source))
    html = _writing(
        args.out,
        lambda: write_deck(args.out, source),
        args.force,
        also=[args.out.with_suffix(".pdf")] if args.pdf else [],
    )
    made = [html, write_pdf(html, html.with_suffix(".pdf"))] if args.pdf else [html]
    print(_("wrote {paths}").format(paths=", ".join(str(p) for p in made)))


def _archive(args: argparse.Namespace) -> None:
    with Store(args.store) as store:
        teams = len(store.teams())
        target = store.archive(args.to)
    print(
        _(
            "Archived {count} teams to {path}; this workshop is empty now. Open the old one "
            "with: journeykit serve --store {path}"
        ).format(count=format_number(teams), path=target)
    )


def _import(args: argparse.Namespace) -> None:
    document = read_document(args.file)
    with Store(args.store) as store:
        team = import_document(store, document, str(args.file), as_team=args.as_team)
    print(_("Imported team {team!r} from {path}").format(team=team, path=args.file))


def _evidence(args: argparse.Namespace) -> int:
    from journeykit.evidence import import_evidence, load_mapping
    from journeykit.files import file_bytes

    try:
        columns = load_mapping(args.columns) if args.columns else None
        stages = load_mapping(args.stages) if args.stages else None
        data = file_bytes(args.file)
        with Store(args.store) as store:
            report = import_evidence(
                store,
                args.team,
                data,
                args.file.name,
                args.kind,
                valid_only=args.valid_only,
                columns=columns,
                stages=stages,
                encoding=args.encoding,
                reverse=args.reverse,
                dates=args.dates or "",
            )
    except JourneyKitError as err:
        if not args.json:
            raise
        # a tool reading --json gets JSON even when the import cannot start
        print(json.dumps({"file": str(args.file), "error": str(err)}, ensure_ascii=False))
        return EXIT_BAD_INPUT
    print(
        json.dumps(report.as_dict(), ensure_ascii=False, indent=1) if args.json else report.text()
    )
    return EXIT_OK if report.complete else EXIT_BAD_INPUT


def _records(frame: Any) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts: NaN becomes null, numpy numbers plain numbers."""
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def _metrics(args: argparse.Namespace) -> None:
    from journeykit.analysis.scores import metric_records
    from journeykit.model import METRICS

    with Store(args.store) as store:
        table = metric_records(store.survey_responses(args.team))
        names = store.workspace(args.team).names()
    if args.json:
        table = table.drop(columns=["few"])
        print(json.dumps(_records(table), ensure_ascii=False, indent=1))
        return
    for row in table.itertuples():
        where = " x ".join(names.get(x, x) for x in (row.touchpoint, row.stage) if x)
        where = safe(where or _("overall"))
        name = _(METRICS[row.metric].name)
        if not row.n:
            print(f"{name:<5} {where:<40} {_('no answers')}")
            continue
        value, low, high = (format_number(x, 1) for x in (row.value, row.low, row.high))
        flag = "  " + _("(few answers)") if row.few else ""
        n = format_number(row.n)
        print(f"{name:<5} {where:<40} {value:>7}  [{low:>6}, {high:>6}]  n={n}{flag}")


def _themes(args: argparse.Namespace) -> None:
    from journeykit.analysis.coding import theme_groups
    from journeykit.analysis.suggest import key_phrases, theme_suggestions

    with Store(args.store) as store:
        workspace = store.workspace(args.team)
        surveys = store.survey_responses(args.team)

    def theme(label: str, notes: list[InterviewNote]) -> dict[str, Any]:
        ids = {n.id for n in notes}
        others = [n.text for n in workspace.interviews if n.id not in ids]
        return {
            "label": label,
            "phrases": key_phrases([n.said for n in notes], others),
            "notes": [{"id": n.id, "interviewee": n.interviewee, "quote": n.said} for n in notes],
        }

    chosen = [theme(label, notes) for label, notes in theme_groups(workspace).items()]
    suggested: list[dict[str, Any]] = [
        {
            "label": s.label,
            "phrases": s.phrases,
            "stage": s.stage,
            "touchpoint": s.touchpoint,
            "notes": [
                {"id": i, "interviewee": who, "quote": text}
                for i, who, text in zip(s.ids, s.people_by_note, s.texts, strict=True)
            ],
        }
        for s in (theme_suggestions(workspace, surveys) if args.suggest else [])
    ]
    if args.json:
        document: dict[str, Any] = {"themes": chosen}
        if args.suggest:
            document["suggested"] = suggested
        print(json.dumps(document, ensure_ascii=False, indent=1))
        return
    print(_("themes of team {team}: {count}").format(team=args.team, count=len(chosen)))
    for group in chosen:
        phrases = ", ".join(group["phrases"])
        print(f"  {safe(group['label'])} ({len(group['notes'])}): {safe(phrases)}")
        for note in group["notes"][:3]:
            print(f"    {safe(note['interviewee'])}: {safe(note['quote'])}")
    if args.suggest:
        print(
            _("suggested from notes and comments without a theme: {count}").format(
                count=len(suggested)
            )
        )
        for group in suggested:
            phrases = ", ".join(group["phrases"])
            print(f"  {safe(group['label'])} ({len(group['notes'])}): {safe(phrases)}")
            for note in group["notes"][:3]:
                print(f"    {safe(note['interviewee'] or note['id'])}: {safe(note['quote'])}")


def _funnel(args: argparse.Namespace) -> None:
    from journeykit.analysis.funnel import funnel, funnel_journey

    with Store(args.store) as store:
        workspace = store.workspace(args.team)
        events = store.usage_events(args.team)
    if events.empty:
        raise InputError(
            _(
                "team {team!r} has no usage events: import some with "
                "`journeykit evidence TEAM FILE --kind events`"
            ).format(team=args.team)
        )
    if args.journey:
        journey = next((j for j in workspace.journeys if j.id == args.journey), None)
        if journey is None:
            known = ", ".join(j.id for j in workspace.journeys)
            raise InputError(
                _("no journey {journey!r} in team {team!r} (journeys: {known})").format(
                    journey=args.journey, team=args.team, known=known
                )
            )
    else:
        journey = funnel_journey(workspace.journeys, events)
    named = _stage_names(journey)
    import pandas as pd

    window = None
    if args.window:
        try:
            window = pd.Timedelta(args.window)
        except ValueError:
            raise InputError(
                _("{option} {value!r} is not a duration: write it as {examples}").format(
                    option="--window", value=args.window, examples="7d, 48h, 30min"
                )
            ) from None
    if args.by and args.by not in events.columns:
        known = ", ".join(repr(c) for c in events.columns if c not in ("user_id", "timestamp"))
        raise InputError(
            _("the events have no column {column!r}: use one of {known}").format(
                column=args.by, known=known
            )
        )
    if args.over:
        from journeykit.analysis.funnel import conversion_over_time

        over = conversion_over_time(
            events, journey.stage_ids(), {"day": "D", "week": "W", "month": "M"}[args.over]
        )
        if args.json:
            print(json.dumps(_records(over.drop(columns="starts")), ensure_ascii=False, indent=1))
            return
        print(
            _("conversion of team {team!r} by the {period} users entered each stage").format(
                team=args.team, period=_(PERIODS[args.over])
            )
        )
        users = _("users")
        for row in over.itertuples():
            print(
                f"{named(row.stage):>14} -> {named(row.next_stage):<14} {_period(row.period):<23} "
                f"{format_number(row.users):>7} {users}  {format_percent(row.conversion, 1):>6}"
            )
        return
    try:
        gap = pd.Timedelta(args.gap)
    except ValueError:
        raise InputError(
            _("{option} {value!r} is not a duration: write it as {examples}").format(
                option="--gap", value=args.gap, examples="30min, 2h"
            )
        ) from None
    if args.flows:
        _print_flows(args, events, journey, gap)
        return
    table = funnel(
        events, journey.stage_ids(), by=args.by, window=window, per=args.per or "user", gap=gap
    )
    if args.json:
        found: object = _records(table)
        if args.by:  # the groups compared end to end, as the text ends
            from journeykit.analysis.funnel import compare_funnels

            compared = compare_funnels(table, args.by)
            found = {"funnel": found, "compared": _records(compared)}
        print(json.dumps(found, ensure_ascii=False, indent=1))
        return
    counted = _("sessions") if args.per == "session" else _("users")  # the funnel counts users
    if window is not None:
        title = _(
            "ordered funnel of team {team!r} along journey {journey!r}, within {window} of the "
            "first stage, counting {counted}"
        )
    else:
        title = _("ordered funnel of team {team!r} along journey {journey!r}, counting {counted}")
    print(title.format(team=args.team, journey=journey.id, window=args.window, counted=counted))
    for row in table.itertuples():
        line = f"{getattr(row, args.by)!s:<10} " if args.by else ""
        line += f"{named(row.stage):<14} {format_number(row.users):>8} {counted:<8}  " + _(
            "conversion {share}"
        ).format(share=f"{format_percent(row.conversion, 1):>6}")
        if row.drop_off == row.drop_off:  # not NaN: there is a next stage
            line += "  " + _(
                "drop-off {share}  median {median} h  p90 {p90} h to the next stage"
            ).format(
                share=f"{format_percent(row.drop_off, 1):>6}",
                median=f"{format_number(row.median_hours_to_next, 1):>7}",
                p90=f"{format_number(row.p90_hours_to_next, 1):>7}",
            )
        print(line)
    if args.by and not table.empty:
        from journeykit.analysis.funnel import compare_funnels

        compared = compare_funnels(table, args.by)
        reference = compared[args.by].iloc[0]
        print(
            _(
                "first to last stage by {column}, 95% intervals; differences against "
                "{reference} (the largest group)"
            ).format(column=args.by, reference=reference)
        )
        for row in compared.itertuples():
            line = f"{getattr(row, args.by)!s:<10} " + _(
                "{entered} entered {converted} converted  {share} ({low} to {high})"
            ).format(
                entered=f"{format_number(row.entered):>8}",
                converted=f"{format_number(row.converted):>8}",
                share=format_percent(row.conversion / 100, 1),
                low=format_percent(row.low / 100, 1),
                high=format_percent(row.high / 100, 1),
            )
            if getattr(row, args.by) != reference:
                line += "  " + _("{difference} points ({low} to {high})").format(
                    difference=signed(row.difference),
                    low=signed(row.difference_low),
                    high=signed(row.difference_high),
                )
            print(line)
    later = table[table["first_seen_here"] > 0].drop_duplicates("stage")
    later = later[later["stage"] != table["stage"].iloc[0]] if len(table) else later
    if not args.by and len(later):
        print(
            _(
                "not counted: users first seen at a later stage (they entered mid-journey): "
                "{stages}"
            ).format(
                stages=", ".join(
                    f"{named(r.stage)} {format_number(r.first_seen_here)}"
                    for r in later.itertuples()
                )
            )
        )


def _period(text: str) -> str:
    """A period as pandas writes it ("2026-01-05/2026-01-11", "2026-01") in the reader's
    way of writing dates."""
    import datetime as dt

    try:
        days = [dt.date.fromisoformat(part) for part in str(text).split("/")]
    except ValueError:
        return local_digits(str(text))
    return " - ".join(format_date(day, "short") for day in days)


def _stage_names(journey: Journey) -> Callable[[str], str]:
    """A stage's name in the journey (as the team wrote it, terminal-safe), else its id."""
    names = {s.id: safe(s.name) for s in journey.stages}
    return lambda stage: names.get(stage, safe(stage))


def _print_flows(
    args: argparse.Namespace, events: pd.DataFrame, journey: Journey, gap: pd.Timedelta
) -> None:
    from journeykit.analysis.funnel import flows, observed_stages

    per = args.per or "session"
    named = _stage_names(journey)
    stages = observed_stages(events, journey.stage_ids())
    table = flows(events, stages, gap=gap, per=per)
    if args.json:
        print(json.dumps(_records(table), ensure_ascii=False, indent=1))
        return
    if per == "user":
        title = _(
            "where people of team {team!r} went next from each stage, over all of a user's visits"
        )
    else:
        title = _("where people of team {team!r} went next from each stage, within sessions")
    print(title.format(team=args.team))
    unit = _("users") if per == "user" else _("sessions")
    if table.empty:
        print(_("no moves between stages: try --per user when a journey takes several visits"))
    for row in table.itertuples():
        back = "  " + _("back to an earlier stage") if row.back else ""
        said = _("{moves} moves {count} {unit}  {share} of the moves out").format(
            moves=f"{format_number(row.moves):>8}",
            count=f"{format_number(row.sessions):>8}",
            unit=f"{unit:<8}",
            share=f"{format_percent(row.share, 1):>6}",
        )
        print(f"{named(row.from_stage):>14} -> {named(row.to_stage):<14} {said}{back}")


def _store_is_there(location: str | None) -> bool:
    """A store to ask before the command runs: a server's, or a SQLite file that exists
    (opening a missing file would leave an empty store behind)."""
    path = sqlite_path(store_url(location))
    return path is None or path.is_file()


ARGPARSE_WORDS = (
    N_("usage: "),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
)
"""What Python's argparse says of a command line it cannot read, in the catalogs: argparse
asks `gettext` for each, and the command line answers in the workshop's language."""


def _words_of_argparse() -> None:
    """argparse looks its messages up through its module's `_` and `ngettext` (GNU gettext's
    global domain, which the kit does not use): point them at the kit's catalogs."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def _language_before_parsing(argv: Sequence[str] | None) -> str:
    """The language to read the command line in, before it is read: `--language`, else the
    workshop store's (a missing store file is not made for it), else the kit's default."""
    found = argparse.Namespace(language=None, store=None)
    for options in (("--language", "--store"), ("--store",)):  # `--language` left empty
        early = argparse.ArgumentParser(add_help=False, exit_on_error=False)
        for option in options:
            early.add_argument(option)
        try:
            found, _rest = early.parse_known_args(argv)
            break
        except argparse.ArgumentError:  # an option without its value: the full parser says so
            continue
    if getattr(found, "language", None) in LANGUAGES:  # else the full parser says so
        return str(found.language)
    if _store_is_there(found.store):
        try:
            with Store(found.store) as workshop:
                return workshop.language_of("")
        except JourneyKitError:
            pass  # the command itself says what is wrong with the store
    return current()


def main(argv: Sequence[str] | None = None) -> int:
    _words_of_argparse()
    early = _language_before_parsing(argv)  # --language, else the workshop's
    with speaking(early):
        args = build_parser().parse_args(argv)
    chosen = getattr(args, "language", None)
    code = chosen or early
    team = getattr(args, "team", None)
    try:
        if not chosen and team and hasattr(args, "store") and _store_is_there(args.store):
            with Store(args.store) as workshop:  # a team may speak a language of its own
                code = workshop.language_of(team)
        if chosen and args.command in ("serve", "exercises", "sample"):
            with Store(args.store) as workshop:
                workshop.set_setting("language", chosen)
        with speaking(code):  # messages (and what is written) in that language
            return _run(args)
    except JourneyKitError as err:
        print(f"journeykit {args.command}: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # the reader stopped early (`| head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    if args.command == "serve":
        from journeykit.app.serve import serve

        serve(
            args.store,
            args.port,
            args.notebooks,
            args.open,
            args.pool,
            room=args.room,
            ip=args.ip,
            new_code=args.new_code,
            kernels=args.kernels,
            idle=args.kernel_idle,
        )
        return EXIT_OK
    commands: dict[str, Callable[[argparse.Namespace], int | None]] = {
        "sample": _sample,
        "teams": _teams,
        "export": _export,
        "report": _report,
        "publish": _publish,
        "import": _import,
        "exercises": _exercises,
        "lab": _lab,
        "hub": _hub,
        "doctor": _doctor,
        "canvases": _canvases,
        "archive": _archive,
        "deck": _deck,
        "evidence": _evidence,
        "metrics": _metrics,
        "funnel": _funnel,
        "themes": _themes,
    }
    return commands[args.command](args) or EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
