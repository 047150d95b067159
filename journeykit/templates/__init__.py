"""People-facing HTML from Jinja2 templates (this folder): autoescaped, so text typed by
participants is shown as text; `_` and `ngettext` speak the reader's language."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from journeykit import i18n

FOLDER = Path(__file__).parent


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(FOLDER),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        _=lambda text: i18n._(text),
        ngettext=i18n.ngettext,
        number=i18n.format_number,
        local_digits=i18n.local_digits,
    )
    return env


def macros(template: str) -> Any:
    """A template's macros as functions (`macros("report_parts.html.j2").table(cells)`): for
    the small pieces a page assembles itself; each returns safe, escaped HTML."""
    return environment().get_template(template).module


def render(template: str, **values: Any) -> str:
    """A template of this folder filled in, in the current language and direction."""
    return (
        environment()
        .get_template(template)
        .render(language=i18n.current(), direction=i18n.direction(), **values)
    )
