"""Where the kit's Jupyter files are: the page template and the forking kernelspec. A module
that imports nothing heavy, so the hub's own process (journeykit.app.hub) names them without
loading the widgets."""

from pathlib import Path

SHARE = Path(__file__).parent / "share" / "jupyter"
"""The kit's Jupyter data folder (JUPYTER_PATH): the Voila template and its static files."""
FORK_SHARE = SHARE.parent / "forking"
"""The kernelspec that starts page kernels by forking a parent that imported the kit."""
