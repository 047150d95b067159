"""The wheel carries the pages, exercises and workshop materials inside the package
(journeykit/bundle/), so an installed kit serves without a checkout. The checkout's top-level
folders stay the one editable source; this copies them at build time."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
FOLDERS = ("notebooks", "exercises", "workshop")
SKIP = shutil.ignore_patterns(
    ".solutions", "conftest.py", "__pycache__", ".ipynb_checkpoints", "*.pyc"
)


class BuildWithMaterials(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install reads the checkout's folders directly
        target = Path(self.build_lib) / "journeykit" / "bundle"
        for name in FOLDERS:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=SKIP, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithMaterials})
