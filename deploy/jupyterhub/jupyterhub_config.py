"""JupyterHub for a JourneyKit course on one machine.

    pip install "journeykit[hub]"                  # the kit, JupyterHub, psycopg, the culler
    npm install -g configurable-http-proxy         # JupyterHub's proxy
    export JOURNEYKIT_STORE=postgresql+psycopg://kit:PASSWORD@127.0.0.1/workshop
    export JOURNEYKIT_HUB_PASSWORD=...             # participants: any name, this password
    export JOURNEYKIT_HUB_FACILITATOR_PASSWORD=... # the facilitator (32 characters or more)
    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

`journeykit hub --store URL` starts the same hub and makes the passwords. Every setting is in
journeykit.app.hub.configure; see README.md beside this file.
"""

from journeykit.app.hub import configure

configure(c)  # noqa: F821 (c: the config object JupyterHub hands its config file)
