"""`journeykit ...`: the command line. Exit 0 on success, 1 on bad input, 2 on usage errors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from journeykit import __version__
from journeykit.store import (
    EvidenceError,
    Store,
    StoreError,
    import_document,
    read_document,
    write_export,
)

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


def _store_option() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--store",
        metavar="URL",
        help="workshop store: a SQLite file path or a SQLAlchemy URL "
        "(default: $JOURNEYKIT_STORE, else ./journeykit.db)",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journeykit", description="Run customer journey mapping workshops."
    )
    parser.add_argument("--version", action="version", version=f"journeykit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    store = _store_option()

    serve = commands.add_parser("serve", parents=[store], help="start the workshop app (Voila)")
    serve.add_argument("--port", type=int, default=8866, help="port on 127.0.0.1 (8866)")
    serve.add_argument("--notebooks", type=Path, help="folder of the workshop notebooks")
    serve.add_argument("--open", action="store_true", help="open a browser tab too")

    sample = commands.add_parser("sample", parents=[store], help="create the sample workshop")
    sample.add_argument("--seed", type=int, default=7, help="same seed, same data (7)")
    sample.add_argument("--responses", type=int, default=5_000, help="per team (5000)")
    sample.add_argument("--events", type=int, default=100_000, help="per team (100000)")
    sample.add_argument("--interviews", type=int, default=24, help="per team (24)")
    sample.add_argument(
        "--replace", action="store_true", help="delete sample teams already in the store first"
    )

    teams = commands.add_parser("teams", parents=[store], help="list the teams in a store")
    teams.add_argument("--json", action="store_true", help="print JSON for other tools")

    export = commands.add_parser("export", parents=[store], help="write a team as JSON")
    export.add_argument("team", metavar="TEAM")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.json")

    imp = commands.add_parser("import", parents=[store], help="add a team from a JSON export")
    imp.add_argument("file", type=Path, metavar="FILE.json")
    imp.add_argument("--as", dest="as_team", metavar="TEAM", help="store it under this team id")
    return parser


def _sample(args: argparse.Namespace) -> None:
    from journeykit.sample import create_sample
    from journeykit.sample.content import TEAMS

    for number, name in ((args.responses, "--responses"), (args.events, "--events")):
        if number < 0:
            raise StoreError(f"{name} must be 0 or more, not {number}")
    if args.interviews < 1:
        raise StoreError(f"--interviews must be 1 or more, not {args.interviews}")
    with Store(args.store) as store:
        existing = {t.id for t in store.teams()} & {t["id"] for t in TEAMS}
        if existing and not args.replace:
            raise StoreError(
                f"{store.url} already holds sample team {sorted(existing)[0]!r}: use --replace "
                "to delete the sample teams and create them again, or choose another --store"
            )
        for team in sorted(existing):
            store.delete_team(team)
        created = create_sample(
            store,
            seed=args.seed,
            responses=args.responses,
            events=args.events,
            interviews=args.interviews,
        )
        print(f"Created the sample workshop in {store.url}: teams {', '.join(created)}")


def _teams(args: argparse.Namespace) -> None:
    with Store(args.store) as store:
        summaries = store.teams()
    if args.json:
        print(json.dumps([asdict(s) for s in summaries], ensure_ascii=False, indent=1))
        return
    if not summaries:
        print("No teams yet: create the sample with `journeykit sample`.")
        return
    print(f"{'team':<16} {'personas':>8} {'journeys':>8} {'responses':>9} {'events':>8}  name")
    for s in summaries:
        print(
            f"{s.id:<16} {s.personas:>8} {s.journeys:>8} {s.survey_responses:>9} "
            f"{s.usage_events:>8}  {s.name}"
        )


def _export(args: argparse.Namespace) -> None:
    with Store(args.store) as store:
        try:
            write_export(store, args.team, args.out)
        except OSError as err:
            raise StoreError(f"cannot write {args.out}: {err.strerror}: check the folder") from None
    print(f"Exported team {args.team!r} to {args.out}")


def _import(args: argparse.Namespace) -> None:
    document = read_document(args.file)
    with Store(args.store) as store:
        team = import_document(store, document, str(args.file), as_team=args.as_team)
    print(f"Imported team {team!r} from {args.file}")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "serve":
            from journeykit.app.serve import serve

            serve(args.store, args.port, args.notebooks, args.open)
        else:
            {"sample": _sample, "teams": _teams, "export": _export, "import": _import}[
                args.command
            ](args)
    except (StoreError, EvidenceError) as err:
        print(f"journeykit {args.command}: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
