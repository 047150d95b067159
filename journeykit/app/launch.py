"""`python -m journeykit.app.launch ...` runs Voila as the kit serves it (Voila's options
follow): with the kernel provisioner that forks page kernels registered in this process (it
does not depend on the package's entry points being found), and, when the command line opened
a room, behind the room's gate."""

from __future__ import annotations

import os


def register_forking() -> None:
    """Make `journeykit-fork` (the kit's kernelspec names it) known to jupyter_client."""
    from importlib.metadata import EntryPoint

    from jupyter_client.provisioning.factory import KernelProvisionerFactory

    KernelProvisionerFactory.instance().provisioners["journeykit-fork"] = EntryPoint(
        name="journeykit-fork",
        value="journeykit.app.forking:ForkingProvisioner",
        group="jupyter_client.kernel_provisioners",
    )


def main() -> None:
    from journeykit.app.room import ROOM_ENV

    register_forking()
    if os.environ.get(ROOM_ENV):
        from journeykit.app.room_gate import room_app

        room_app().launch_instance()
    else:
        from voila.app import Voila

        Voila.launch_instance()


if __name__ == "__main__":
    main()
