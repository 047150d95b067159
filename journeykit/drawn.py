"""Drawn charts kept for the other pages of one server.

Teammates open the same journey map: building it and having altair check its spec costs a
page's kernel about 0.3 s of CPU, the largest part of the journey editor's page, paid again by
every laptop that opens it and every page that redraws after a teammate's save. The page that
draws a chart first keeps what it drew under a key made of everything the chart shows; the
others take it from there. The workshop server gives its kernels a folder only its user can
open (`CACHE_ENV`), removed with the server; without one (a notebook in JupyterLab, the
tests) the kernel keeps its own few. A leaf module, so the Voila server can make the folder
without importing the charts.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import OrderedDict
from pathlib import Path
from typing import Any

from journeykit.settings import CACHE_ENV

KEPT = 256
"""Drawn charts kept (a journey map's spec is about 40 kB): the newest are kept."""

_own: OrderedDict[str, str] = OrderedDict()
"""Without the server's folder: the JSON kept, newest last (a copy for each page that asks)."""


def chart_key(*parts: object) -> str:
    """A key for a chart made of `parts` (JSON-able: texts, numbers, lists, dicts)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _folder() -> Path | None:
    place = os.environ.get(CACHE_ENV)
    return Path(place) if place and Path(place).is_dir() else None


def recall(key: str) -> dict[str, Any] | None:
    """What was kept under `key`, or None."""
    folder = _folder()
    if folder is None:
        found = _own.get(key)
        if found is None:
            return None
        _own.move_to_end(key)
        return json.loads(found)
    try:
        return json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # not drawn yet, or being written: the page draws it itself


def keep(key: str, drawn: dict[str, Any]) -> None:
    """Keep `drawn` (JSON-able) under `key` for the other pages; the oldest go past `KEPT`."""
    folder = _folder()
    try:
        text = json.dumps(drawn, ensure_ascii=False)
    except (TypeError, ValueError):
        return  # not JSON (no chart the kit draws): the others draw it themselves
    if folder is None:
        _own[key] = text
        while len(_own) > KEPT:
            _own.popitem(last=False)
        return
    target = folder / f"{key}.json"
    partial = folder / f"{key}.{os.getpid()}.part"
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)  # whole or not at all for a page reading it now
        files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in files[: max(0, len(files) - KEPT)]:
            old.unlink(missing_ok=True)
    except OSError:
        partial.unlink(missing_ok=True)  # a full disk costs the others a redraw, nothing more
