"""Pages with fewer widget models: the widgets of a page share one default Layout and one
default style of each kind.

ipywidgets gives every widget a Layout model and (for a button, a text, a slider ...) a style
model of its own, even when nothing sets them: on step 2, 110 of 171 models. Each one is a
message from the kernel, through the Voila server, to the browser, and a state the page asks
for again; in a room of forty the server relays them all on one thread. Widgets built inside
`shared_parts()` take the shared ones instead; a widget whose layout or style the kit changes
is given its own (`layout=w.Layout(...)`), and changing a shared one raises, so a missed one is
found by the tests, not by a room.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import partial
from typing import Any

import ipywidgets as w
from traitlets import HasTraits, Instance

_SHARED: dict[type, w.Widget] = {}
_DEPTH = [0]


class SharedPartChanged(RuntimeError):
    """A page changed a layout or style that every widget of the page shares."""


def _refuse(change: dict) -> None:
    raise SharedPartChanged(
        f"{type(change['owner']).__name__}.{change['name']} is shared by the page's widgets: "
        "give this widget its own (layout=w.Layout(...)) before changing it"
    )


def _shared(klass: type) -> w.Widget:
    part = _SHARED.get(klass)
    if part is None or part.comm is None:  # first use, or closed with the page's widgets
        part = klass()
        part.observe(_refuse, names=[k for k in part.keys if not k.startswith("_")])
        _SHARED[klass] = part
    return part


def _default_parts() -> list[Instance[Any]]:
    """The `layout` trait and every distinct `style` trait of the widget classes."""
    found: dict[int, Instance[Any]] = {}
    classes: list[type[HasTraits]] = [w.DOMWidget]
    while classes:
        klass = classes.pop()
        classes.extend(klass.__subclasses__())
        for name in ("layout", "style"):
            trait = klass.class_traits().get(name)
            if isinstance(trait, Instance) and hasattr(trait, "make_dynamic_default"):
                found[id(trait)] = trait
    return list(found.values())


@contextlib.contextmanager
def shared_parts() -> Iterator[None]:
    """Widgets made inside take the page's shared default layout and styles."""
    if _DEPTH[0]:  # already inside: one page, one set
        yield
        return
    traits = _default_parts()
    for trait in traits:
        # traitlets asks a trait for `make_dynamic_default` when it has one (not typed)
        assert isinstance(trait.klass, type), "a widget's layout and style traits name a class"
        setattr(trait, "make_dynamic_default", partial(_shared, trait.klass))  # noqa: B010
    _DEPTH[0] = 1
    try:
        yield
    finally:
        _DEPTH[0] = 0
        for trait in traits:
            delattr(trait, "make_dynamic_default")  # the class's own again
