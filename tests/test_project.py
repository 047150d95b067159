"""Promises about the project itself: layers point down, dependencies listed once, offline
templates, and the two commands wired to CI."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "journeykit"

# A layer may import itself and the layers after it in this list, never one before it.
LAYERS = [
    "app",
    "widgets",
    "editing",
    "teaching",
    "charts",
    "analysis",
    "evidence",
    "sample",
    "store",
    "files",
    "model",
    "templates",
    "i18n",
    "materials",
    "participants",
    "drawn",
    "errors",
    "settings",
]
FORBIDDEN_IN_MODEL = {"pandas", "numpy", "ipywidgets", "IPython", "sqlalchemy", "altair", "voila"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "journeykit" and len(parts) > 1 and parts[1] in LAYERS else None


def test_imports_point_down_the_layers() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        own = _layer("journeykit." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
        if own is None:
            continue
        for module in _imports(path):
            target = _layer(module)
            if target is not None and LAYERS.index(target) < LAYERS.index(own):
                wrong.append(f"{path.relative_to(ROOT)} ({own}) imports {module}")
    assert not wrong, "imports that point up the layers:\n" + "\n".join(wrong)


def test_every_package_and_module_has_its_layer() -> None:
    """A new package (or top-level module) must be placed in LAYERS, so the test above sees
    its imports."""
    found = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    found |= {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert found <= set(LAYERS), f"not in LAYERS: {sorted(found - set(LAYERS))}"


def test_the_model_knows_nothing_of_pandas_widgets_or_storage() -> None:
    for path in (PACKAGE / "model").rglob("*.py"):
        roots = {m.split(".")[0] for m in _imports(path)}
        assert not roots & FORBIDDEN_IN_MODEL, f"{path.name} imports {roots & FORBIDDEN_IN_MODEL}"


def test_the_editors_rules_know_nothing_of_widgets() -> None:
    """An editor's state and rules (`journeykit.editing`) are plain traitlets, tested without a
    page; only the views in `journeykit.widgets` build controls."""
    for path in (PACKAGE / "editing").rglob("*.py"):
        roots = {m.split(".")[0] for m in _imports(path)}
        assert not roots & {"ipywidgets", "IPython", "voila", "altair", "anywidget"}, path


def _requirement_name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_exactly_the_python_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]

    def expanded(requirements: list[str]) -> list[str]:
        """`journeykit[postgres,hub]` in an extra stands for those extras' requirements."""
        found = []
        for requirement in requirements:
            named = re.fullmatch(r"journeykit\[([\w,]+)\]", requirement.replace(" ", ""))
            if named:
                found += expanded([r for extra in named.group(1).split(",") for r in extras[extra]])
            else:
                found.append(requirement)
        return found

    declared = {
        _requirement_name(r): r.replace(" ", "")
        for r in project["dependencies"] + expanded(extras["test"])
    }
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    listed: dict[str, str] = {}
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            for requirement in entry["pip"]:
                if not requirement.startswith("-e"):
                    listed[_requirement_name(requirement)] = requirement.replace(" ", "")
        elif not entry.startswith(("python", "pip")):
            listed[_requirement_name(entry)] = entry.replace(" ", "")
    assert listed == declared
    python = next(
        e for e in environment["dependencies"] if isinstance(e, str) and e.startswith("python")
    )
    assert python.replace(" ", "") == "python" + project["requires-python"].replace(" ", "")


def test_the_page_template_links_nothing_outside() -> None:
    template = PACKAGE / "app" / "share" / "jupyter" / "voila" / "templates" / "journeykit"
    for page in [*template.glob("*.j2"), *template.glob("*.html")]:
        text = re.sub(r"\{#.*?#\}", "", page.read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), page.name
        assert "cdn" not in text.lower(), page.name
    assert (template / "static" / "fontawesome" / "webfonts" / "fa-solid-900.woff2").exists()


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^make [a-z-]+$", readme, flags=re.M)
    assert commands[:2] == ["make serve", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_the_map_lanes_have_one_home() -> None:
    """The live map, its colours and the paper canvases list the lanes of
    `journeykit.model.lanes` in its order (they disagreed when each kept its own list)."""
    from journeykit.charts.journey import LANES
    from journeykit.charts.style import LANE_COLOURS
    from journeykit.model.lanes import MAP_LANES
    from journeykit.teaching.canvases import LANES as PAPER

    assert [name for name, _hint in PAPER] == [lane.name for lane in MAP_LANES]
    assert list(LANES) == [name for name, _hint in PAPER if name != "Emotion"]
    assert list(LANE_COLOURS) == list(LANES)


def test_the_scores_have_one_home() -> None:
    """The scores' keys, scales and names come from `journeykit.model.metrics`: the importer's
    fields, the store's columns, the analysis, the tooltips and the rules read it; no other
    module writes the list of scores or a scale again."""
    import re

    from journeykit.analysis.scores import METRICS as ANALYSED
    from journeykit.charts.style import TIP_TITLES
    from journeykit.evidence.columns import SCORE_FIELDS
    from journeykit.model import METRICS, SCORE_SCALES
    from journeykit.store.schema import SCORE_COLUMNS

    keys = tuple(METRICS)
    assert SCORE_FIELDS == SCORE_COLUMNS == ANALYSED == keys
    assert SCORE_SCALES == {k: m.scale for k, m in METRICS.items()}
    assert all(TIP_TITLES[k] == m.name for k, m in METRICS.items())
    listed = re.compile(r"""\(\s*["']nps["'],\s*["']csat["'],\s*["']ces["']\s*\)""")
    scale = re.compile(r"=\s*\(\s*(0,\s*10|1,\s*5|1,\s*7)\s*\)")
    for path in (ROOT / "journeykit").rglob("*.py"):
        if path.name == "metrics.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not listed.search(text), f"{path}: the scores listed again"
        assert not scale.search(text), f"{path}: a score's scale written again"


def test_a_new_score_is_one_entry_in_the_registry(tmp_path: Path) -> None:
    """Adding a score (CES on 1-5 as a metric of its own) is one entry in
    `journeykit.model.metrics` (and its name in the catalogs): a copy of the kit with only
    that entry added matches the score's column in an export, stores it in a store an
    unchanged kit made, and computes it with its interval, with no other file touched."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    kit = tmp_path / "kit"
    shutil.copytree(PACKAGE, kit / "journeykit", ignore=shutil.ignore_patterns("__pycache__"))
    metrics = kit / "journeykit" / "model" / "metrics.py"
    text = metrics.read_text(encoding="utf-8")
    entry = """        Metric(
            "ces5",
            N_("CES 1-5"),
            (1, 5),
            (1.0, 5.0),
            "",
            True,
            N_("mean effort on a 1-5 scale, 1 = very easy"),
            "mean",
            headers=("ces5", "effort 1-5"),
        ),
    )
}"""
    assert text.count("    )\n}") == 1
    metrics.write_text(text.replace("    )\n}", entry, 1), encoding="utf-8")
    changed = [
        p.relative_to(kit).as_posix()
        for p in (kit / "journeykit").rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and p.read_bytes() != (ROOT / p.relative_to(kit)).read_bytes()
    ]
    assert changed == ["journeykit/model/metrics.py"]

    store = tmp_path / "workshop.db"
    env = {**os.environ, "PYTHONPATH": str(kit)}
    env.pop("JOURNEYKIT_STORE", None)

    def run(*args: str, new: bool = True) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "journeykit.app.cli", *args, "--store", str(store)],
            env=env if new else {**env, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=300,
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    run("sample", new=False)  # a store the kit without the new score made
    answers = [1, 2, 2, 3, 5, 4, 2, 1, 1, 2]
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "Response ID,Touchpoint,Effort 1-5\n"
        + "".join(f"new-{i},Setup wizard,{a}\n" for i, a in enumerate(answers)),
        encoding="utf-8",
    )
    run("evidence", "north", str(survey), "--kind", "survey")
    records = json.loads(run("metrics", "north", "--json"))
    row = next(
        r
        for r in records
        if r["metric"] == "ces5" and r["touchpoint"] == "setup-wizard" and r["stage"] is None
    )
    assert row["n"] == len(answers)
    assert row["value"] == pytest.approx(sum(answers) / len(answers))
    assert 1 <= row["low"] < row["value"] < row["high"] <= 5
    # the unchanged kit still opens the store the new one widened
    assert "north" in run("teams", new=False)


def test_the_kits_refusals_are_one_family() -> None:
    """Every error the kit raises for a person to read is a `journeykit.errors` class, defined
    there once; the store's error is raised only by the store (an option, a file or a server
    is refused with its own kind); the command line catches the whole family."""
    from journeykit import errors

    family = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, errors.JourneyKitError)
    }
    # signals that are not refusals: a data-track check cell's "not yet" (shown by the
    # notebook), and a defect check of the page's shared widget parts
    not_refusals = {"NotYet", "SharedPartChanged"}
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and path.name != "errors.py":
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if bases & ({"Exception", "ValueError", "RuntimeError"} | family):
                    assert node.name in not_refusals, f"{path}: {node.name} outside errors.py"
        if "store" not in path.relative_to(PACKAGE).parts:
            assert "raise StoreError(" not in text, f"{path}: the store's error raised elsewhere"
    cli = (PACKAGE / "app" / "cli.py").read_text(encoding="utf-8")
    assert "except JourneyKitError" in cli


def test_a_new_language_is_one_entry_and_its_catalog(tmp_path: Path) -> None:
    """Adding a language (German here) is its entry in `journeykit.i18n.LANGUAGES` and the
    catalog `python -m journeykit.i18n.catalogs update` makes for it: the copy of the kit with
    only that speaks it where translated (English where not yet), its sample is made in it,
    and the commands that take a language take it."""
    import os
    import shutil
    import subprocess
    import sys

    from babel.messages.pofile import read_po, write_po

    kit = tmp_path / "kit"
    shutil.copytree(PACKAGE, kit / "journeykit", ignore=shutil.ignore_patterns("__pycache__"))
    registry = kit / "journeykit" / "i18n" / "__init__.py"
    text = registry.read_text(encoding="utf-8")
    assert text.count('    "ru": "Русский",\n') == 1
    registry.write_text(
        text.replace('    "ru": "Русский",\n', '    "ru": "Русский",\n    "de": "Deutsch",\n'),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(kit)}
    env.pop("JOURNEYKIT_STORE", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            cwd=tmp_path,
        )

    made = run("journeykit.i18n.catalogs", "update")
    po = kit / "journeykit" / "i18n" / "locales" / "de" / "LC_MESSAGES" / "journeykit.po"
    assert po.is_file(), made.stdout + made.stderr
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="de")
    catalog[
        "Created the sample workshop in {url}: teams {teams}"
    ].string = "Beispiel-Workshop in {url} angelegt: Teams {teams}"
    with po.open("wb") as handle:
        write_po(handle, catalog)

    def said(path: Path) -> object:
        """A file's content; a catalog's messages and translations (not its dates and line
        numbers, which the update writes afresh)."""
        if path.suffix != ".po":
            return path.read_bytes()
        with path.open("rb") as handle:
            return {m.id: m.string for m in read_po(handle) if m.id}

    changed = sorted(
        p.relative_to(kit).as_posix()
        for p in (kit / "journeykit").rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and (
            not (ROOT / p.relative_to(kit)).is_file() or said(p) != said(ROOT / p.relative_to(kit))
        )
    )
    assert changed == [
        "journeykit/i18n/__init__.py",
        "journeykit/i18n/locales/de/LC_MESSAGES/journeykit.po",
    ]
    store = str(tmp_path / "w.db")
    small = ("--responses", "200", "--events", "800", "--interviews", "10")
    sample = run("journeykit.app.cli", "sample", "--store", store, "--language", "de", *small)
    assert sample.returncode == 0, sample.stderr
    assert "Beispiel-Workshop in" in sample.stdout
    for args in (("teams",), ("metrics", "north"), ("funnel", "north")):
        done = run("journeykit.app.cli", *args, "--store", store)
        assert done.returncode == 0 and done.stdout, (args, done.stderr)
    doctor = run("journeykit.app.cli", "doctor", "--language", "de", "--quick", "--store", store)
    assert "Traceback" not in doctor.stderr, doctor.stderr


def test_what_people_read_comes_from_templates() -> None:
    """No part of the kit (pages, documents, printouts, the editors' own pieces) builds HTML
    in Python: not in an f-string, not by adding strings, not by escaping by hand. It comes
    from the autoescaping templates in `journeykit/templates`, so no text a person typed
    reaches a page unescaped."""
    tag = re.compile(r"<[a-zA-Z/!]")
    found = []
    for path in PACKAGE.rglob("*.py"):
        where = path.relative_to(ROOT)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                text = "".join(
                    v.value
                    for v in node.values
                    if isinstance(v, ast.Constant) and isinstance(v.value, str)
                )
                if tag.search(text):
                    found.append(f"{where}:{node.lineno}: an f-string")
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                for side in (node.left, node.right):
                    if (
                        isinstance(side, ast.Constant)
                        and isinstance(side.value, str)
                        and tag.search(side.value)
                    ):
                        found.append(f"{where}:{node.lineno}: strings added")
            elif isinstance(node, ast.ImportFrom) and node.module == "html":
                if any(alias.name == "escape" for alias in node.names):
                    found.append(f"{where}:{node.lineno}: escaping by hand")
    assert not found, "HTML built in Python:\n" + "\n".join(sorted(set(found)))
    templates = {p.name for p in (PACKAGE / "templates").iterdir()}
    assert {
        "report.html.j2",
        "canvas.html.j2",
        "deck.html.j2",
        "dashboard_parts.html.j2",
        "widget_parts.html.j2",
    } <= templates


def test_a_new_lane_is_one_entry(tmp_path: Path) -> None:
    """Adding a lane to the journey map (here one that says how the customer feels at each
    step, from data the steps hold) is its entry in `journeykit.model.lanes.MAP_LANES` and its
    name in the catalogs: a copy of the kit with only that draws it on the live and report map
    (in its own colour) and prints it on the paper canvas."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    kit = tmp_path / "kit"
    shutil.copytree(PACKAGE, kit / "journeykit", ignore=shutil.ignore_patterns("__pycache__"))
    lanes = kit / "journeykit" / "model" / "lanes.py"
    text = lanes.read_text(encoding="utf-8")
    last = "        shows=_moment,\n    ),\n)"
    assert text.count(last) == 1
    entry = """        shows=_moment,
    ),
    Lane(
        N_("Feelings"),
        N_("how it feels, -3 to +3"),
        "#abcdef",
        shows=lambda step, _places: [f"feels {step.emotion:+d}"],
    ),
)"""
    lanes.write_text(text.replace(last, entry), encoding="utf-8")
    changed = [
        p.relative_to(kit).as_posix()
        for p in (kit / "journeykit").rglob("*.py")
        if "__pycache__" not in p.parts
        and p.read_bytes() != (ROOT / p.relative_to(kit)).read_bytes()
    ]
    assert changed == ["journeykit/model/lanes.py"]
    probe = """
import json
from journeykit.charts import map_of
from journeykit.sample import sample_workspace
from journeykit.sample.content import TEAMS
from journeykit.teaching.canvases import journey_canvas
import numpy as np

workspace = sample_workspace(TEAMS[0], np.random.default_rng(0), 8)
journey = workspace.main_journey(drawn=True)
spec = map_of(journey, [journey], workspace.touchpoint_names()).to_dict()
print(json.dumps({"spec": json.dumps(spec), "canvas": journey_canvas()}))
"""
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "PYTHONPATH": str(kit)},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,  # not the checkout, whose kit would come first
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert "Feelings" in found["spec"] and "#abcdef" in found["spec"]
    assert "feels " in found["spec"]
    assert "Feelings" in found["canvas"] and "how it feels, -3 to +3" in found["canvas"]
