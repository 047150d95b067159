"""TouchpointCatalog: every place the customer meets the brand, in a table to filter by digital
or physical and direct or indirect, with a form to add, edit and remove them."""

from __future__ import annotations

import ipywidgets as w

from journeykit.editing import TouchpointForm
from journeykit.i18n import N_, _, sort_key
from journeykit.model import Touchpoint, label, labelled
from journeykit.store import Store
from journeykit.widgets.base import FormView, html_table

KINDS = {"all": None, "digital": True, "physical": False}
CONTACTS = ("all", "direct", "indirect")


def touchpoint_table(touchpoints: list[Touchpoint]) -> str:
    """The catalogue as an HTML table, with the gap analysis columns."""
    return html_table(
        "touchpoints",
        [
            N_("Touchpoint"),
            N_("Channel"),
            N_("Kind"),
            N_("Contact"),
            N_("Owner"),
            N_("Used today"),
            N_("Should be used"),
        ],
        [
            (
                t.id,
                [
                    t.name,
                    t.channel,
                    label("digital" if t.digital else "physical"),
                    label(t.contact),
                    t.owner,
                    label("yes" if t.used_today else "no"),
                    label("yes" if t.should_use else "no"),
                ],
            )
            for t in sorted(touchpoints, key=lambda t: sort_key(t.name))
        ],
        N_("No touchpoints match."),
    )


class TouchpointCatalog(FormView[Touchpoint]):
    """The team's touchpoint catalogue: filters, the table, and one form for add and edit."""

    add_label = N_("Add touchpoint")
    save_label = N_("Save touchpoint")

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        self.kind_filter = w.ToggleButtons(options=labelled(list(KINDS)), description=_("Show"))
        self.contact_filter = w.ToggleButtons(options=labelled(CONTACTS), description=_("Contact"))
        self.table = w.HTML()
        self.choice = w.Dropdown(description=_("Touchpoint"))
        self.name = w.Text(description=_("Name"), placeholder=_("Live chat"))
        self.channel = w.Text(
            description=_("Channel"), placeholder=_("chat, web, phone, store ...")
        )
        self.digital = w.Checkbox(description=_("Digital"), value=True, indent=True)
        self.contact = w.Dropdown(
            options=labelled(["direct", "indirect"]), description=_("Contact")
        )
        self.owner = w.Text(description=_("Owner"), placeholder=_("the team that runs it"))
        self.used_today = w.Checkbox(description=_("Used today"), value=True, indent=True)
        self.should_use = w.Checkbox(description=_("Should be used"), value=True, indent=True)
        self.fields = {
            "name": self.name,
            "channel": self.channel,
            "digital": self.digital,
            "contact": self.contact,
            "owner": self.owner,
            "used_today": self.used_today,
            "should_use": self.should_use,
        }
        for control in (self.kind_filter, self.contact_filter):
            control.observe(lambda _c: self.draw_table(), "value")
        form = w.VBox(
            [
                self.choice,
                self.name,
                self.channel,
                self.digital,
                self.contact,
                self.owner,
                self.used_today,
                self.should_use,
                self.form_buttons(),
            ]
        )
        self.children = [
            w.HBox([self.kind_filter, self.contact_filter]),
            self.table,
            form,
            self.status,
            self.conflict_box,
            self.toolbar,
        ]
        self.bind(TouchpointForm(store, team))
        self.refresh()

    def visible(self) -> list[Touchpoint]:
        """The touchpoints the two filters let through."""
        digital, contact = KINDS[self.kind_filter.value], self.contact_filter.value
        return [
            t
            for t, _r in self.stored.values()
            if (digital is None or t.digital == digital) and contact in ("all", t.contact)
        ]

    def draw_table(self) -> None:
        self.table.value = touchpoint_table(self.visible())

    def shown(self, message: str = "") -> None:
        self.draw_table()
        super().shown(message)
