"""Shared fixtures: a throw-away data directory and a hand-made background."""

from __future__ import annotations

from pathlib import Path

import pytest

from inventories.background import Background, load_background
from inventories.project import Project, load_project
from lca.datadir import DataDirectory

TESTS = Path(__file__).parent
TINY = TESTS / "data" / "tiny"


def evaluated(raw: dict, background: Background):
    """A project dict parsed, built on ``background`` plus its own datasets, and evaluated
    with the records' values (no Brightway): (project, inventory, evaluation)."""
    from inventories.build import build_inventory
    from inventories.project import parse_project
    from lca.results import evaluate

    project = parse_project(raw)
    background = background.extended([dataset.record() for dataset in project.datasets])
    inventory = build_inventory(project, background)
    return project, inventory, evaluate(inventory, background.record_impacts())


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """No test ever touches the user's twinlca or Brightway folders."""
    monkeypatch.setenv("TWINLCA_DATA_DIR", str(tmp_path / "twinlca-data"))


@pytest.fixture
def data_dir(tmp_path) -> DataDirectory:
    """An empty data directory of its own."""
    return DataDirectory(tmp_path / "data")


@pytest.fixture(scope="session")
def tiny_background() -> Background:
    """Round figures whose every product can be checked by hand."""
    return load_background(TINY)


@pytest.fixture(scope="session")
def tiny_project() -> Project:
    """The project of tests/data/tiny/project.toml."""
    return load_project(TINY / "project.toml")


@pytest.fixture(scope="session")
def tiny_assessment(tmp_path_factory, tiny_project, tiny_background):
    """The tiny project computed once, Brightway included."""
    from lca.assessment import assess

    data_dir = DataDirectory(tmp_path_factory.mktemp("tiny-data"))
    return assess(tiny_project, data_dir, background=tiny_background), data_dir


def sensor_twin(opportunities: list[dict], electricity: str = "marginal", **sensor) -> dict:
    """A two-year twin in France: the opportunities given; ten always-on 100 W sensors
    bought once (2-year lifetime), fields of ``sensor`` overriding; no rebound."""
    device = {
        "name": "Sensors",
        "type": "iot-sensor-simple",
        "count": 10,
        "power": "100 W",
        "hours_per_day": "24 h/day",
        "lifetime": "2 years",
        **sensor,
    }
    return {
        "name": "Sensor twin",
        "country": "FR",
        "study_period": "2 years",
        "electricity": electricity,
        "architecture": "local",
        "opportunities": opportunities,
        "it": {"field_devices": [device]},
        "architectures": {"local": {}},
        "rebound": {"none": {"default": True}},
    }
