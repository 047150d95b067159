"""Kubernetes (Zero to JupyterHub): the chart values are ones the chart documents (its schema),
sized from the measured figures, and the single-user image builds where a container builder
runs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parents[1]
Z2JH = ROOT / "deploy" / "z2jh"
SCHEMA = Path(__file__).parent / "data" / "z2jh" / "values.schema.yaml"
UNITS = {"K": 2**10 / 2**20, "M": 1, "G": 2**10, "T": 2**20}


def values() -> dict[str, Any]:
    return yaml.safe_load((Z2JH / "values.yaml").read_text(encoding="utf-8"))


def figures() -> dict[str, Any]:
    return yaml.safe_load((Z2JH / "figures.yaml").read_text(encoding="utf-8"))


def without_required(schema: Any) -> Any:
    """The schema with no key required: our values are merged with the chart's defaults,
    which hold the rest; every key we give must still be one the chart knows, of its type."""
    if isinstance(schema, dict):
        return {k: without_required(v) for k, v in schema.items() if k != "required"}
    if isinstance(schema, list):
        return [without_required(v) for v in schema]
    return schema


def mib(size: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([KMGT])", str(size)).groups()  # type: ignore[union-attr]
    return float(number) * UNITS[unit]


def test_the_values_are_keys_zero_to_jupyterhub_documents() -> None:
    schema = without_required(yaml.safe_load(SCHEMA.read_text(encoding="utf-8")))
    errors = sorted(Draft7Validator(schema).iter_errors(values()), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_a_misspelt_key_is_caught_by_the_same_check() -> None:
    """The check can fail: a key the chart does not know is refused."""
    schema = without_required(yaml.safe_load(SCHEMA.read_text(encoding="utf-8")))
    wrong = values()
    wrong["singleuser"]["memmory"] = wrong["singleuser"].pop("memory")
    assert list(Draft7Validator(schema).iter_errors(wrong))


def test_memory_and_cpu_come_from_the_measured_figures() -> None:
    """A participant's server is guaranteed the most it held when measured (a server and its
    page kernels), and may grow by one more page's kernel (a second tab) before it is stopped;
    culling follows the kit's own idle time."""
    found, measured = values()["singleuser"], figures()
    assert mib(found["memory"]["guarantee"]) >= measured["participant_peak_mib"]
    assert mib(found["memory"]["limit"]) >= (
        measured["participant_peak_mib"] + measured["page_kernel_mib"]
    )
    assert found["cpu"]["limit"] >= 1  # a page's imports use a whole core for seconds
    assert values()["cull"]["timeout"] == 3600  # journeykit.app.hub.IDLE_SECONDS
    from journeykit.app.hub import IDLE_SECONDS

    assert values()["cull"]["timeout"] == IDLE_SECONDS


def test_the_image_and_the_hub_land_where_the_one_machine_hub_does() -> None:
    from journeykit.app.hub import DASHBOARD_PAGE, START_PAGE

    found = values()
    assert found["singleuser"]["defaultUrl"] == f"/voila/render/{START_PAGE}"
    assert DASHBOARD_PAGE in found["hub"]["extraConfig"]["journeykit"]
    assert found["singleuser"]["cmd"] is None  # the image's command: the kit's server
    assert 'CMD ["python", "-m", "journeykit.app.singleuser"]' in (Z2JH / "Dockerfile").read_text()
    assert found["hub"]["config"]["JupyterHub"]["authenticator_class"] == "shared-password"


def builder() -> str | None:
    """A container builder that answers (docker with its daemon running), or None."""
    docker = shutil.which("docker")
    if docker is None:
        return None
    answer = subprocess.run([docker, "info"], capture_output=True, timeout=30)
    return docker if answer.returncode == 0 else None


def test_the_single_user_image_builds() -> None:
    docker = builder()
    if docker is None:
        pytest.skip("no container builder runs on this machine (docker's daemon is not up)")
    built = subprocess.run(
        [docker, "build", "-f", str(Z2JH / "Dockerfile"), "-t", "journeykit-singleuser:test", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert built.returncode == 0, built.stderr[-3000:]
