"""Root pytest hooks: the notebooks executed by nbval read a sample workshop store."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Give notebook kernels (which inherit this environment) a small sample store."""
    wanted = config.getoption("nbval", default=False) or config.getoption("nbval_lax", False)
    if not wanted:
        return
    from journeykit.sample import create_sample
    from journeykit.store import STORE_ENV, Store

    folder = Path(tempfile.mkdtemp(prefix="journeykit-nbval-"))
    with Store(folder / "sample.db") as store:
        create_sample(store, responses=500, events=5_000, interviews=20)
        os.environ[STORE_ENV] = store.url
