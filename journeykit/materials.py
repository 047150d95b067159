"""Where the kit's shipped files are: the pages (notebooks), the exercises and the workshop
materials. In a checkout they are the editable folders beside the package; in an installed
wheel they are a copy inside it (the build puts them there), so `pip install journeykit` then
`journeykit serve` works from any folder. Imports nothing of the kit."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
BUNDLE = PACKAGE / "bundle"
"""Inside an installed wheel: `notebooks/`, `exercises/`, `workshop/` (copied by setup.py)."""
FOLDERS = ("notebooks", "exercises", "workshop")
LEFT_OUT = (".solutions",)
"""Never shipped: the exercises' solutions stay in the checkout, out of students' reach."""


def checkout() -> Path | None:
    """The repository this package was imported from, when it runs from a checkout."""
    root = PACKAGE.parent
    return root if (root / "pyproject.toml").is_file() and (root / "notebooks").is_dir() else None


def folder(name: str) -> Path:
    """One of the shipped folders: the checkout's own when there is one, else the copy in the
    package. It may be missing (a broken install): `doctor` says so with the fix."""
    if name not in FOLDERS:
        raise ValueError(f"no shipped folder {name!r}: the folders are {', '.join(FOLDERS)}")
    root = checkout()
    return root / name if root is not None else BUNDLE / name


def path(*parts: str) -> Path:
    """A file of the shipped folders, e.g. `path("workshop", "deck.md")`."""
    return folder(parts[0]).joinpath(*parts[1:])
