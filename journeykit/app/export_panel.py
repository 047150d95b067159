"""ExportPanel (the final-map step): what the team keeps private, and its report, workspace,
tables and map as files to download, made from the store when asked."""

from __future__ import annotations

import base64
import logging
import mimetypes
import shutil
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import ipywidgets as w

from journeykit.app.export.figures import Shared
from journeykit.app.export.printing import write_report
from journeykit.app.export.privacy import write_json
from journeykit.app.export.tables import write_charts, write_tables
from journeykit.app.fonts import register_chart_fonts
from journeykit.app.publish import publish
from journeykit.charts import save_chart
from journeykit.editing.goals import PrivacyForm
from journeykit.errors import InputError, JourneyKitError
from journeykit.i18n import N_, _, current
from journeykit.model import PRIVATE_DATA
from journeykit.store import Store
from journeykit.templates import macros
from journeykit.widgets.base import StoreView, button

log = logging.getLogger(__name__)


def _map(store: Store, team: str, path: Path) -> Path:
    charts = Shared.of(store, team).charts
    maps = [name for name in charts if name.startswith("map-")]
    if not maps:
        raise InputError(_("there is no journey with steps yet: add steps on step 2 first"))
    register_chart_fonts()
    return save_chart(charts[maps[0]], path)


def _zipped(write: Callable[[Store, str, Path], object]) -> Callable[[Store, str, Path], Path]:
    """A writer of a folder (the mini-app, CSV tables, charts) as one ZIP file to download."""

    def zipped(store: Store, team: str, path: Path) -> Path:
        folder = path.with_suffix("")
        write(store, team, folder)
        made = shutil.make_archive(str(folder), "zip", root_dir=folder.parent, base_dir=folder.name)
        return Path(made)

    return zipped


FILES: dict[str, tuple[str, Callable[[Store, str, Path], object]]] = {
    N_("Report (HTML)"): ("report.html", lambda s, t, p: write_report(s, t, p, language=current())),
    N_("Mini-app (ZIP)"): (
        "mini-app.zip",
        _zipped(lambda s, t, p: publish(s, t, p, language=current())),
    ),
    N_("Workspace (JSON)"): ("workspace.json", write_json),
    N_("Tables (XLSX)"): ("tables.xlsx", lambda s, t, p: write_tables(s, t, p, "xlsx")),
    N_("Tables (CSV, ZIP)"): ("tables.zip", _zipped(lambda s, t, p: write_tables(s, t, p, "csv"))),
    N_("Map (PNG)"): ("map.png", _map),
    N_("Map (SVG)"): ("map.svg", _map),
    N_("Charts (PNG, ZIP)"): ("charts.zip", _zipped(lambda s, t, p: write_charts(s, t, p, "png"))),
    N_("Charts (SVG, ZIP)"): (
        "charts-svg.zip",
        _zipped(lambda s, t, p: write_charts(s, t, p, "svg")),
    ),
}
"""Every export a team can take from the page: what `journeykit report`, `publish` and
`export` write, each as one file."""


SHARE_HELP = N_(
    "Files for colleagues without the kit. Only this team's data goes out; what you keep "
    "private is replaced."
)


def download_link(content: bytes, name: str) -> str:
    """A link that downloads `content` as file `name`: a data: address, so it needs no server
    route and works in JupyterLab and Voila alike."""
    data = base64.b64encode(content).decode("ascii")
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    text = _("Download {file}").format(file=name)
    return str(macros("page_parts.html.j2").download(name, f"data:{kind};base64,{data}", text))


class ExportPanel(StoreView):
    """Privacy marks saved with the team; each button makes one file and offers it."""

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        self.marks = {
            key: w.Checkbox(
                description=_("Keep private: {what}").format(what=_(text)),
                indent=False,
                layout=w.Layout(width="auto"),
            )
            for key, text in PRIVATE_DATA.items()
        }
        self.privacy = PrivacyForm(store, team)
        self.privacy.observe(lambda _c: self.show_marks(), "loaded")
        self._loading = False
        for box in self.marks.values():
            box.observe(lambda _c: self.save_marks(), "value")
        self.download = w.HTML()
        self.buttons = [
            # "auto": "Workspace (JSON)" in full, not cut off
            button(
                _(label),
                partial(self.make, label),
                icon="download",
                fits_text=True,
            )
            for label in FILES
        ]
        self.children = [
            w.HTML(
                str(
                    macros("page_parts.html.j2").section(
                        _("Share the journey"), _(SHARE_HELP), level=3
                    )
                )
            ),
            *self.marks.values(),
            w.HBox(self.buttons, layout=w.Layout(flex_flow="row wrap")),
            self.download,
            self.status,
        ]
        self.refresh()

    def refresh(self, message: str = "") -> None:
        self.privacy.reload()
        super().refresh(message)

    def show_marks(self) -> None:
        self._loading = True  # the boxes show what is saved: nothing to save back
        try:
            for key, box in self.marks.items():
                box.value = key in self.privacy.private
        finally:
            self._loading = False

    def save_marks(self) -> None:
        if self._loading:
            return
        said = self.privacy.keep_private([key for key, box in self.marks.items() if box.value])
        if said.saved:
            self.say(said.message)
            self.changed()
        else:  # on a teammate's change the model read the team again: the boxes show it
            self.say(said.message, said.tone or "error")

    def make(self, label: str) -> None:
        """Write one file and offer it as a download link (a data: address, no server)."""
        name, write = FILES[label]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{self.team}-{name}"
            try:
                write(self.store, self.team, path)
            except (JourneyKitError, ValueError) as err:
                self.download.value = ""
                self.say(_("Not made: {problem}").format(problem=err), "error")
                return
            except Exception as err:  # a fault of the kit: say so here, never a silent button
                log.exception("journeykit: making %s failed", name)
                self.download.value = ""
                self.say(
                    _(
                        "Not made: {problem} ({kind}). This is a fault in JourneyKit, not in "
                        "your work: the other files can still be made; please report it with "
                        "the server's log."
                    ).format(problem=err, kind=type(err).__name__),
                    "error",
                )
                return
            self.download.value = download_link(path.read_bytes(), path.name)
        self.say(_("Made {file}: click the link to save it.").format(file=path.name))
