"""The hub's configuration, as JupyterHub reads it: from the operator's file or `journeykit hub`,
the same settings; who is who in the kit on a hub. (The hub itself runs in test_hub_browser.)"""

from __future__ import annotations

import runpy
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest
from traitlets.config import Config

from journeykit.app.hub import HubSettings, configure, new_settings
from journeykit.app.singleuser import singleuser_args
from journeykit.errors import InputError
from journeykit.participants import FACILITATOR, PARTICIPANT, participant

ROOT = Path(__file__).resolve().parents[1]
PROXY = "/bin/true"  # stands for configurable-http-proxy: configure only looks it up


def settings(tmp_path: Path, **changes) -> HubSettings:
    base = HubSettings(
        store="postgresql+psycopg://kit@/workshop?host=/run/postgresql",
        password="room-password",
        facilitator="lead",
        facilitator_password="f" * 32,
        data=tmp_path / "hub",
        proxy=PROXY,
    )
    return HubSettings(**{**base.__dict__, **changes})


def test_the_hub_serves_the_kits_pages_from_one_store_behind_a_shared_password(
    tmp_path: Path,
) -> None:
    c = Config()
    configure(c, settings(tmp_path))
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8000/"
    assert c.JupyterHub.authenticator_class == "shared-password"
    assert c.SharedPasswordAuthenticator.user_password == "room-password"
    assert c.Authenticator.admin_users == {"lead"}
    assert c.Spawner.environment["JOURNEYKIT_STORE"].startswith("postgresql+psycopg://")
    assert c.Spawner.default_url == "/voila/render/00-start.ipynb"
    assert c.Spawner.cmd[1:] == ["-m", "journeykit.app.singleuser"]  # the kit's server
    args = " ".join(singleuser_args(ROOT / "notebooks"))
    assert "--VoilaConfiguration.template=journeykit" in args
    assert "'mathjax_url': None" in args and "terminals_enabled=False" in args
    (culler,) = c.JupyterHub.services
    assert culler["name"] == "idle-culler" and "--timeout=3600" in culler["command"]
    assert c.JupyterHub.db_url.startswith(f"sqlite:///{tmp_path / 'hub'}")


def test_the_facilitator_lands_on_the_dashboard_and_a_participant_on_the_start_page(
    tmp_path: Path,
) -> None:
    c = Config()
    configure(c, settings(tmp_path))
    for admin, role, page in ((True, FACILITATOR, "facilitator"), (False, PARTICIPANT, "00-start")):
        spawner = SimpleNamespace(user=SimpleNamespace(admin=admin), environment={}, default_url="")
        c.Spawner.pre_spawn_hook(spawner)
        assert spawner.environment["JOURNEYKIT_ROLE"] == role
        assert spawner.default_url == f"/voila/render/{page}.ipynb"


def test_on_a_hub_the_page_knows_its_user_and_role(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    monkeypatch.setenv("JOURNEYKIT_ROLE", "participant")
    assert participant() == participant().__class__("hub:ana", "ana", PARTICIPANT)
    monkeypatch.setenv("JOURNEYKIT_ROLE", "facilitator")
    assert participant().facilitator
    monkeypatch.setenv("JOURNEYKIT_ROLE", "admin, please")  # anything else: a participant
    assert not participant().facilitator
    monkeypatch.delenv("JOURNEYKIT_ROLE")  # the kit started by hand in a hub user's terminal
    assert participant().id == "local" and participant().facilitator


def test_the_operators_config_file_is_the_same_hub_and_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
    monkeypatch.delenv("JOURNEYKIT_STORE", raising=False)
    with pytest.raises(InputError, match="JOURNEYKIT_STORE, JOURNEYKIT_HUB_PASSWORD"):
        runpy.run_path(str(file), init_globals={"c": Config()})
    for key, value in settings(tmp_path).to_env().items():
        monkeypatch.setenv(key, value)
    c = Config()
    runpy.run_path(str(file), init_globals={"c": c})
    expected = Config()
    configure(expected, settings(tmp_path))
    assert c.Spawner.cmd == expected.Spawner.cmd
    assert c.SharedPasswordAuthenticator == expected.SharedPasswordAuthenticator


def test_journeykit_hub_keeps_its_passwords_for_the_next_start_readable_by_its_user_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JOURNEYKIT_HUB_PASSWORD", raising=False)
    monkeypatch.delenv("JOURNEYKIT_HUB_FACILITATOR_PASSWORD", raising=False)
    first = new_settings("sqlite:///w.db", "127.0.0.1", 8000, tmp_path, "facilitator")
    again = new_settings("sqlite:///w.db", "127.0.0.1", 8000, tmp_path, "facilitator")
    assert (first.password, first.facilitator_password) == (
        again.password,
        again.facilitator_password,
    )
    assert len(first.password) >= 8 and len(first.facilitator_password) >= 32
    assert stat.S_IMODE((tmp_path / "passwords").stat().st_mode) == 0o600
