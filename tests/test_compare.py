"""Comparing architectures: footprints by tier and phase, the lower one, the crossover by hand."""

from __future__ import annotations

import tomllib

import pytest

from inventories.project import parse_project
from lca.architectures import compare_architectures
from tests.conftest import TINY

# The tiny project's cloud architecture (see test_tiny_project.py), split by driver:
# compute load scales vCPU and memory electricity and the hosts' manufacture,
CLOUD_COMPUTE = (17.52 + 17.52) * 1.5 * 2 * 0.1 + 50  # 60.512 kg CO2-eq
# data volume scales the network, storage electricity and the SSDs' manufacture.
CLOUD_DATA = 12 + 8.76 * 1.5 * 2 * 0.1 + 40  # 54.628
CLOUD_TOTAL = 145.16
# Edge: one server, 20 W, lifetime 5 years (2 of them counted), PUE 2, plus the common sensors.
EDGE_TOTAL = 30.02 + 1 * 2 / 5 * 1000 + 20 * 8760 * 2 / 1000 * 2 * 0.1  # 500.1


def _with_edge():
    raw = tomllib.loads((TINY / "project.toml").read_text(encoding="utf-8"))
    raw["architectures"]["edge"] = {
        "edge_servers": [{"name": "Server", "type": "rack-server", "count": 1, "power": "20 W"}]
    }
    return parse_project(raw)


@pytest.fixture(scope="module")
def comparison(tiny_background):
    impacts = tiny_background.record_impacts()
    return compare_architectures(_with_edge(), tiny_background, impacts)


def test_footprints_per_architecture(comparison):
    cloud = comparison["architectures"]["cloud"]["climate_change"]
    edge = comparison["architectures"]["edge"]["climate_change"]
    assert cloud["footprint"]["total"] == pytest.approx(CLOUD_TOTAL, rel=1e-12)
    assert edge["footprint"]["total"] == pytest.approx(EDGE_TOTAL, rel=1e-12)
    tiers = edge["footprint_by_tier_and_phase"]
    assert tiers["datacentres"]["manufacture"] == pytest.approx(400, rel=1e-12)
    assert tiers["datacentres"]["use"] == pytest.approx(70.08, rel=1e-12)
    total = sum(sum(phases.values()) for phases in tiers.values())
    assert total == pytest.approx(edge["footprint"]["total"], rel=1e-12)
    assert cloud["net_benefit"] - edge["net_benefit"] == pytest.approx(EDGE_TOTAL - CLOUD_TOTAL)
    assert comparison["lower_footprint"]["climate_change"] == "cloud"


def test_crossovers_where_the_affine_footprints_meet(comparison):
    crossover = comparison["crossover"]["climate_change"]
    compute = crossover["compute load"]["crossovers"]
    data = crossover["data volume"]["crossovers"]
    fixed_compute = CLOUD_TOTAL - CLOUD_COMPUTE
    fixed_data = CLOUD_TOTAL - CLOUD_DATA
    assert [(c["from"], c["to"]) for c in compute] == [("cloud", "edge")]
    assert compute[0]["factor"] == pytest.approx(
        (EDGE_TOTAL - fixed_compute) / CLOUD_COMPUTE, rel=1e-9
    )
    assert data[0]["factor"] == pytest.approx((EDGE_TOTAL - fixed_data) / CLOUD_DATA, rel=1e-9)


def test_no_crossover_in_range_is_said_plainly(tiny_background):
    # compute load flips at 6.87x (above): a sweep that stops at 5x sees no flip
    import numpy as np

    impacts = tiny_background.record_impacts()
    sweep = np.logspace(-1, np.log10(5), 9)
    narrow = compare_architectures(_with_edge(), tiny_background, impacts, sweep)
    result = narrow["crossover"]["climate_change"]["compute load"]
    assert result["crossovers"] == [] and result["summary"] == "none in range"


def test_compare_command_writes_json_and_csv(tmp_path):
    import json

    from click.testing import CliRunner

    import cli

    result = CliRunner().invoke(
        cli.main, ["--data-dir", str(tmp_path / "data"), "compare", "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "out" / "compare.json").read_text(encoding="utf-8"))
    assert set(document["architectures"]) == {"cloud", "edge", "hybrid"}
    assert set(document["lower_footprint"]) == {
        "climate_change",
        "water",
        "resources_minerals_metals",
        "resources_fossil",
    }
    csv = (tmp_path / "out" / "compare.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv[0] == "architecture,indicator,unit,quantity,tier,phase,value"
