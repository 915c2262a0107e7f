"""The layers of the portal: settings.PORTAL_LAYERS, the import-linter contract that checks them
(pyproject.toml) and the order coopportal.core.discovery asks the apps in."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from coopportal.core import discovery

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def contract():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (layers,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return config, layers


def lint_imports(config_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(config_path), "--no-cache"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_contract_checks_the_layers_of_the_settings():
    _config, layers = contract()
    assert layers["layers"] == settings.PORTAL_LAYERS


def test_every_app_of_the_portal_is_in_a_layer():
    in_layers = {name for layer in discovery.layers() for name in layer}
    ours = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(ROOT)
        # a virtualenv inside the checkout (CI's is) holds the third-party apps
        and "site-packages" not in Path(config.path).resolve().parts
    }
    assert ours == in_layers


def test_discovery_asks_the_bottom_layer_first():
    names = [module.__name__ for module in discovery.all_modules("seed")]
    assert names == [
        "coopportal.accounts.seed",
        "workgroups.seed",
        "calls.seed",
        "training.seed",
        "matching.seed",
        "community.seed",
        "spaces.seed",
        "board.seed",
    ]
    assert "board.dashboard" not in [m.__name__ for m in discovery.domain_modules("dashboard")]


@override_settings(PORTAL_LAYERS=["board", "nowhere.app", "coopportal.core"])
def test_a_layer_naming_an_app_not_installed_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match=r"nowhere\.app"):
        list(discovery.all_modules("seed"))


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="needs import-linter (pip install -e .[dev])")
def test_the_imports_keep_the_layers():
    result = lint_imports(ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="needs import-linter (pip install -e .[dev])")
def test_the_check_fails_when_a_layer_imports_one_above_it(tmp_path):
    """The same contract with core on top: core's imports of nothing are fine, but every app
    imports core, so the checker must report the contract broken."""
    config, layers = contract()
    upside_down = list(reversed(layers["layers"]))
    lines = [
        "[importlinter]",
        "root_packages =",
        *(f"    {package}" for package in config["root_packages"]),
        "",
        "[importlinter:contract:layers]",
        f"name = {layers['name']}",
        "type = layers",
        "layers =",
        *(f"    {layer}" for layer in upside_down),
    ]
    path = tmp_path / "importlinter.ini"
    path.write_text("\n".join(lines) + "\n")
    result = lint_imports(path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "coopportal.accounts is not allowed to import coopportal.core" in result.stdout
