"""The command line contract: what each command does and its exit codes (0 ok, 1 bad input,
2 usage)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from journeykit.app.cli import main

SMALL = ["--responses", "300", "--events", "2000", "--interviews", "20"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:  # argparse's usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_sample_then_teams_lists_both_sample_teams(tmp_path: Path, capsys) -> None:
    store = str(tmp_path / "w.db")
    code, out, _ = run(capsys, "sample", "--store", store, *SMALL)
    assert code == 0 and "teams north, south" in out
    code, out, _ = run(capsys, "teams", "--store", store, "--json")
    assert code == 0
    teams = json.loads(out)
    assert [t["id"] for t in teams] == ["north", "south"]
    assert teams[0]["survey_responses"] == 300 and teams[0]["usage_events"] == 2000
    code, out, _ = run(capsys, "teams", "--store", store)
    assert code == 0 and "Team North: growing companies" in out


def test_sample_refuses_to_overwrite_unless_told(tmp_path: Path, capsys) -> None:
    store = str(tmp_path / "w.db")
    assert run(capsys, "sample", "--store", store, *SMALL)[0] == 0
    code, _, err = run(capsys, "sample", "--store", store, *SMALL)
    assert code == 1 and "--replace" in err
    assert run(capsys, "sample", "--store", store, "--replace", *SMALL)[0] == 0


def test_export_then_import_under_another_id(tmp_path: Path, capsys) -> None:
    store, copy = str(tmp_path / "w.db"), str(tmp_path / "copy.db")
    run(capsys, "sample", "--store", store, *SMALL)
    out_file = tmp_path / "north.json"
    code, out, _ = run(capsys, "export", "north", "--out", str(out_file), "--store", store)
    assert code == 0 and out_file.exists()
    code, out, _ = run(capsys, "import", str(out_file), "--as", "north-copy", "--store", copy)
    assert code == 0 and "north-copy" in out
    code, _, err = run(capsys, "import", str(out_file), "--as", "north-copy", "--store", copy)
    assert code == 1 and "already exists" in err
    code, out, _ = run(capsys, "teams", "--json", "--store", copy)
    assert [t["id"] for t in json.loads(out)] == ["north-copy"]


def test_bad_input_exits_1_with_the_reason_on_stderr(tmp_path: Path, capsys) -> None:
    store = str(tmp_path / "w.db")
    code, out, err = run(
        capsys, "export", "nobody", "--out", str(tmp_path / "x.json"), "--store", store
    )
    assert code == 1 and out == "" and "no team 'nobody'" in err
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "import", str(broken), "--store", store)
    assert code == 1 and "not valid JSON" in err
    code, _, err = run(capsys, "import", str(tmp_path / "absent.json"), "--store", store)
    assert code == 1 and "no such file" in err
    code, _, err = run(capsys, "sample", "--store", store, "--events", "-5")
    assert code == 1 and "--events must be 0 or more" in err


def test_usage_errors_exit_2(capsys) -> None:
    assert run(capsys)[0] == 2
    assert run(capsys, "export", "north")[0] == 2  # --out missing
    assert run(capsys, "fly")[0] == 2
    assert run(capsys, "serve", "--port", "eighty")[0] == 2


def test_serve_refuses_a_port_in_use(tmp_path: Path, capsys) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = run(capsys, "serve", "--store", str(tmp_path / "w.db"), "--port", str(port))
    assert code == 1 and f"port {port}" in err and "--port" in err


def test_the_installed_command_runs(tmp_path: Path) -> None:
    done = subprocess.run(
        [Path(sys.executable).with_name("journeykit"), "teams", "--store", str(tmp_path / "w.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "No teams yet" in done.stdout
    assert not (tmp_path / "w.db").exists()  # asking left no empty store behind


def test_names_reach_the_terminal_without_control_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store written by an older kit (or by hand) may hold a name with an escape sequence;
    the terminal shows it escaped, never runs it."""
    import sqlite3

    from journeykit.app.cli import safe
    from journeykit.model import Workspace
    from journeykit.store import Store

    assert safe("A\x1b]0;x\x07B\u202eC\tD") == "A\\x1b]0;x\\x07B\\u202eC\tD"
    path = tmp_path / "w.db"
    with Store(path) as store:
        store.create_team(Workspace(id="t", name="Plain"))
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE teams SET data = replace(data, 'Plain', 'Pl\\u001b[2Jain')")
    assert main(["teams", "--store", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "Pl\\x1b[2Jain" in out


SPOKEN = [
    ["teams"],
    ["metrics", "north"],
    ["funnel", "north"],
    ["funnel", "north", "--by", "platform"],
    ["funnel", "north", "--flows"],
    ["funnel", "north", "--over", "week"],
    ["funnel", "north", "--window", "3x"],
    ["funnel", "north", "--by", "cohort"],
    ["export", "north", "--out", "notes.doc"],
    ["sample"],
]


@pytest.mark.parametrize("code", ["fa", "hu", "ru"])
def test_the_command_line_speaks_the_workshops_language(tmp_path: Path, capsys, code: str) -> None:
    """Every line a command prints, and every refusal, is in the workshop's language (the team's
    when it has its own), numbers and dates as the language writes them; ids, the event
    values and the options a person types stay as they are."""
    from languages import english_left, latin_digits_left

    store = str(tmp_path / "w.db")
    assert run(capsys, "sample", "--store", store, "--language", code, *SMALL)[0] == 0
    typed = re.compile(
        r"'[^']*'|--[a-z-]+|\b(north|south|platform|cohort|p90|n=|NPS|CSAT|CES)\b|"
        r"`[^`]*`|\S*notes\.doc|sqlite:\S+|\d{4}-\d{2}(-\d{2})?|journeykit \w+|\b\d+(d|h|min)\b"
    )
    for args in SPOKEN:
        exit_code, out, err = run(capsys, *args, "--store", store)
        text = typed.sub(" ", out + err)
        assert out + err, args
        assert not english_left(code, text), (args, english_left(code, text), out + err)
        if code == "fa":
            assert not latin_digits_left(text), (args, latin_digits_left(text))
        if args[-1] in ("3x", "cohort", "notes.doc") or args == ["sample"]:
            assert exit_code == 1 and err and not out, args


UNREADABLE = [
    ["export", "north"],  # --out missing
    ["metrics"],  # the team missing
    ["funnel", "north", "--over", "year"],  # not a choice
    ["teams", "--bogus"],  # not an option
    ["metrics", "north", "--language"],  # an option without its value
    ["serve", "--port", "99999"],  # no such port (it was an OverflowError from the socket)
    ["doctor", "--port", "web"],
]


@pytest.mark.parametrize("code", ["fa", "hu", "ru"])
def test_a_command_line_it_cannot_read_is_refused_in_the_workshops_language(
    tmp_path: Path, capsys, code: str
) -> None:
    """argparse's own refusals (a required option missing, a value not among the choices, an
    option that does not exist) come in the workshop's language, usage line included."""
    from languages import english_left

    store = str(tmp_path / "w.db")
    assert run(capsys, "sample", "--store", store, "--language", code, *SMALL)[0] == 0
    typed = re.compile(r"'[^']*'|--?[a-z-]+|\b[A-Z][A-Z_.|]*\b|\{[^}]*\}|journeykit( \w+)?")
    for args in UNREADABLE:
        exit_code, out, err = run(capsys, *args, "--store", store)
        assert exit_code == 2 and not out, args
        said = typed.sub(" ", err.splitlines()[0].split(":")[0] + " " + err.splitlines()[-1])
        assert not english_left(code, said), (args, english_left(code, said), err)
        assert not err.startswith("usage:"), err
    exit_code, out, err = run(capsys, "metrics", "--store", store, "--language", "en")
    assert exit_code == 2 and "the following arguments are required: TEAM" in err  # as asked


@pytest.mark.parametrize("code", ["fa", "hu", "ru"])
def test_the_help_is_in_the_workshops_language(tmp_path: Path, capsys, code: str) -> None:
    """`journeykit --help` and every command's help speak the workshop's language (the options,
    metavariables and values a person types stay as they are)."""
    from languages import english_left

    from journeykit.app.cli import build_parser

    store = str(tmp_path / "w.db")
    assert run(capsys, "sample", "--store", store, "--language", code, *SMALL)[0] == 0
    commands = [c for c in build_parser()._subparsers._group_actions[0].choices]  # type: ignore[union-attr]
    typed = re.compile(
        r"--?[a-z-]+|\b[A-Z][A-Z_.|]*\b|\{[^}]*\}|\$\w+|\S*[./]\S+|journeykit( \w+)?|"
        r"\b(three|five)-stage\b|b2b-seven|hospitality|\b(fork|spawn|platform|user|session)\b|"
        r"\b\d+(d|h|min)\b|\b(SQLite|SQLAlchemy|Voila|JupyterLab|JupyterHub|Markdown|Python)\b"
    )
    names = re.compile(r"\b(" + "|".join(commands) + r")\b")  # typed as they are
    for command in ["", *commands]:
        exit_code, out, err = run(
            capsys, *([command] if command else []), "--help", "--store", store
        )
        assert exit_code == 0 and out and not err, command
        said = names.sub(" ", typed.sub(" ", out))
        assert not english_left(code, said), (command, english_left(code, said))


def test_a_reader_that_stops_early_is_no_error(tmp_path: Path) -> None:
    """`journeykit metrics TEAM | head -1`: the command stops quietly when its reader does."""
    store = tmp_path / "w.db"
    subprocess.run(
        [sys.executable, "-m", "journeykit.app.cli", "sample", "--store", str(store), *SMALL],
        check=True,
        capture_output=True,
        timeout=300,
    )
    with subprocess.Popen(
        [sys.executable, "-m", "journeykit.app.cli", "metrics", "north", "--store", str(store)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as reading:
        assert reading.stdout is not None and reading.stderr is not None
        reading.stdout.readline()
        reading.stdout.close()  # as `head -1` does
        error = reading.stderr.read().decode()
        assert reading.wait(timeout=120) == 0, error
    assert "Traceback" not in error


def test_a_file_that_is_not_a_store_is_named_and_left_as_it_was(tmp_path: Path, capsys) -> None:
    """`--store notes.txt` by mistake: one line that says so, not a traceback, and the file
    untouched."""
    wrong = tmp_path / "notes.txt"
    wrong.write_text("Interview with Ana, 3 March\n", encoding="utf-8")
    for args in (["teams"], ["metrics", "north", "--language", "hu"]):
        exit_code, out, err = run(capsys, *args, "--store", str(wrong))
        assert exit_code == 1 and not out, err
        assert str(wrong) in err and "Traceback" not in err
        assert "is not a workshop store" in err or "nem műhelytár" in err
    assert wrong.read_text(encoding="utf-8") == "Interview with Ana, 3 March\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_folder_given_for_a_file_is_named(tmp_path: Path, capsys) -> None:
    """`journeykit evidence north exports/` (the folder, not the file in it): one line, no
    traceback, nothing stored."""
    store = str(tmp_path / "w.db")
    assert run(capsys, "sample", "--store", store, *SMALL)[0] == 0
    (tmp_path / "exports").mkdir()
    for extra in ([], ["--columns", str(tmp_path / "exports")]):
        args = ["evidence", "north", str(tmp_path / "exports"), "--kind", "survey", *extra]
        if extra:
            args[2] = str(tmp_path / "w.db")
        exit_code, out, err = run(capsys, *args, "--store", store)
        assert exit_code == 1 and not out and "is a folder: give the file in it" in err, err
    exit_code, out, err = run(capsys, "import", str(tmp_path / "exports"), "--store", store)
    assert exit_code == 1 and "is a folder: give the file in it" in err, err  # a workspace
