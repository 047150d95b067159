"""A hub user's server: JupyterHub's single-user server with the kit's settings (its pages in
Voila with the kit's offline template, no terminal, no hidden files, no MathJax CDN). The same
command on one machine (`journeykit hub`) and in the Kubernetes image (deploy/z2jh).

Kept light on purpose: it runs once per participant, so it imports neither pandas nor the
widgets (the page kernels do).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from journeykit import materials
from journeykit.app.timing import CELL_SECONDS, KERNEL_IDLE_SECONDS


def singleuser_args(notebooks: Path) -> list[str]:
    """The server's options; the cell timeout and idle kernels as `journeykit serve` has them
    (renders can stall under load)."""
    return [
        f"--ServerApp.root_dir={notebooks}",
        "--ServerApp.terminals_enabled=False",
        "--ContentsManager.allow_hidden=False",
        "--VoilaConfiguration.template=journeykit",
        # as Voila alone does: no MathJax (as an extension it would load it from a CDN)
        "--ServerApp.tornado_settings={'mathjax_url': None, 'mathjax_config': None}",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--VoilaExecutor.timeout={CELL_SECONDS}",
        "--VoilaExecutor.interrupt_on_timeout=True",
        f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE_SECONDS}",
        "--MappingKernelManager.cull_interval=15",
        "--MappingKernelManager.cull_connected=False",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
        *(["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []),
    ]


def main(argv: list[str]) -> None:
    """Run the server; the hub's own arguments follow the kit's."""
    from jupyterhub.singleuser import main as run

    from journeykit.app.launch import register_forking

    register_forking()  # the kit's kernelspec (first on JUPYTER_PATH) forks page kernels
    sys.argv = [sys.argv[0], *singleuser_args(materials.folder("notebooks")), *argv]
    run()


if __name__ == "__main__":
    main(sys.argv[1:])
