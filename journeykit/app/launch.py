"""`python -m journeykit.app.launch ...` runs Voila as the kit serves it (Voila's options
follow): with the kernel provisioner that forks page kernels registered in this process (it
does not depend on the package's entry points being found), and, when the command line opened
a room, behind the room's gate."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache


def register_forking() -> None:
    """Make `journeykit-fork` (the kit's kernelspec names it) known to jupyter_client."""
    from importlib.metadata import EntryPoint

    from jupyter_client.provisioning.factory import KernelProvisionerFactory

    KernelProvisionerFactory.instance().provisioners["journeykit-fork"] = EntryPoint(
        name="journeykit-fork",
        value="journeykit.app.forking:ForkingProvisioner",
        group="jupyter_client.kernel_provisioners",
    )


class _CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates kept for the life of the server. Voila makes a new exporter,
    and with it a new Jinja environment, for every page it serves, so each page parsed and
    compiled its templates again: a quarter of the server's CPU under a room's load. Jinja
    checks each template's source checksum on use, so an edited template is compiled anew;
    the key holds what changes the compiled code (async rendering, extensions)."""

    def __init__(self) -> None:
        self.compiled: dict[tuple, bytes] = {}

    @staticmethod
    def _key(bucket: Bucket) -> tuple:
        environment = bucket.environment
        return (environment.is_async, tuple(sorted(environment.extensions)), bucket.key)

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self.compiled.get(self._key(bucket))
        if found is not None:
            bucket.bytecode_from_string(found)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[self._key(bucket)] = bucket.bytecode_to_string()


def share_compiled_templates() -> None:
    """Give every nbconvert (so Voila) template environment in this process one cache of
    compiled templates."""
    from nbconvert.exporters.templateexporter import TemplateExporter

    create = TemplateExporter._create_environment
    cache = _CompiledTemplates()

    def create_with_cache(exporter: TemplateExporter) -> Environment:
        environment = create(exporter)
        environment.bytecode_cache = cache
        return environment

    TemplateExporter._create_environment = create_with_cache  # type: ignore[method-assign]


def share_drawn_charts() -> None:
    """Give the kernels of this server one folder of drawn charts (`journeykit.drawn`), readable
    by this user only and removed with the server."""
    from journeykit.drawn import CACHE_ENV

    folder = tempfile.mkdtemp(prefix="journeykit-charts-")  # mode 0700
    os.environ[CACHE_ENV] = folder  # kernels inherit the server's environment
    atexit.register(shutil.rmtree, folder, ignore_errors=True)


def main() -> None:
    from journeykit.settings import ROOM_ENV

    register_forking()
    share_compiled_templates()
    share_drawn_charts()
    if os.environ.get(ROOM_ENV):
        from journeykit.app.room_gate import room_app

        room_app().launch_instance()
    else:
        from voila.app import Voila

        Voila.launch_instance()


if __name__ == "__main__":
    main()
