"""The twin's footprint: network models, GPU work, allocation rules, by hand.

Tiny background: electricity 0.1 kg CO2-eq/kWh; PUE 1.5, WUE 2 L/kWh (hyperscale);
GPU 300 W, 8 GPUs a server, server life 4 years, 4 000 kg to make.
"""

from __future__ import annotations

import pytest

from lca.results import summarise
from tests.conftest import evaluated


def _footprint(tiny_background, it: dict, study: str = "1 year"):
    raw = {
        "name": "t", "country": "FR", "study_period": study, "electricity": "marginal",
        "architecture": "a", "architectures": {"a": it},
        "opportunities": [{"id": "Production-01", "electricity_saved": "1 kWh/year"}],
        "rebound": {"none": {"default": True}},
    }  # fmt: skip
    _, inventory, evaluation = evaluated(raw, tiny_background)
    return summarise(evaluation, "none")[0]["footprint"], inventory


def test_per_gb_network(tiny_background):
    footprint, _ = _footprint(
        tiny_background, {"networks": [{"type": "4g", "volume": "1000 GB/year"}]}
    )
    assert footprint["networks"] == pytest.approx(1000 * 0.05 * 0.1, rel=1e-12)


def test_power_model_counts_the_baseline_the_twin_causes(tiny_background):
    network = {"type": "fixed", "volume": "1000 GB/year", "model": "power", "lines": 2,
               "line_share": "50 %", "capacity": "100 Mbit/s"}  # fmt: skip
    footprint, _ = _footprint(tiny_background, {"networks": [network]})
    # (10 W + 100 Mbit/s x 0.02 W per Mbit/s) x 2 lines x 0.5 x 8 760 h + 1 000 GB x 0.001 kWh/GB
    kwh = (10 + 100 * 0.02) * 2 * 0.5 * 8760 / 1000 + 1000 * 0.001
    assert footprint["networks"] == pytest.approx(kwh * 0.1, rel=1e-12)


def test_a_line_that_exists_anyway_costs_only_its_marginal_energy(tiny_background):
    network = {"type": "fixed", "volume": "1000 GB/year", "model": "power", "line_share": 0}
    footprint, _ = _footprint(tiny_background, {"networks": [network]})
    assert footprint["networks"] == pytest.approx(1000 * 0.001 * 0.1, rel=1e-12)


def test_gpu_inference_and_one_training_run(tiny_background):
    cloud = {
        "name": "ml",
        "region": "FR",
        "gpu_hours": "1000 h/year",
        "training_gpu_hours": "500 h",
    }
    footprint, inventory = _footprint(tiny_background, {"cloud": [cloud]}, study="2 years")
    inference_kwh = 1000 * 2 * 300 / 1000 * 1.5  # GPU-hours x W x PUE, over 2 years
    training_kwh = 500 * 300 / 1000 * 1.5
    servers = (1000 * 2 + 500) / (8 * 4 * 8760) * 4000  # GPU-hours / (GPUs x life in h) x server
    assert footprint["datacentres"] == pytest.approx(
        (inference_kwh + training_kwh) * 0.1 + servers, rel=1e-12
    )
    training = next(line for line in inventory.lines if line.line_id.endswith("/training/use"))
    assert training.months[0] == 1 and training.months[1:].sum() == 0


def test_retraining_spreads_over_the_study(tiny_background):
    cloud = {
        "name": "ml",
        "region": "FR",
        "training_gpu_hours": "500 h",
        "trainings_per_year": "4 / year",
    }
    _, inventory = _footprint(tiny_background, {"cloud": [cloud]}, study="2 years")
    training = next(line for line in inventory.lines if line.line_id.endswith("/training/use"))
    assert training.total == pytest.approx(500 * 4 * 2 * 300 / 1000 * 1.5, rel=1e-12)


def test_a_shared_device_counts_by_its_share_and_lifetime(tiny_background):
    device = {
        "name": "s", "type": "iot-sensor-simple", "count": 10, "share": "25 %", "power": "2 W",
        "hours_per_day": "12 h/day",
    }  # fmt: skip
    footprint, _ = _footprint(tiny_background, {"field_devices": [device]}, study="2 years")
    made = 10 * 0.25 * 2 / 4  # count x share x study / lifetime
    use_kwh = 10 * 0.25 * 2 * 12 * 365 * 2 / 1000
    assert footprint["terminals"] == pytest.approx(made * (2.0 + 0.5) + use_kwh * 0.1, rel=1e-12)


def test_replacements_when_the_study_outlasts_the_device(tiny_background):
    device = {"name": "s", "type": "iot-sensor-simple", "count": 1, "power": "0 W"}
    footprint, _ = _footprint(tiny_background, {"field_devices": [device]}, study="10 years")
    assert footprint["terminals"] == pytest.approx(10 / 4 * (2.0 + 0.5), rel=1e-12)  # 2.5 sensors


def test_manufacture_up_front_and_at_each_replacement():
    from inventories.footprint import purchases

    made, ended = purchases(60, 48)  # a 4-year device over a 5-year study
    assert (
        made[0] == 1 and made[48] == pytest.approx(12 / 48) and made.sum() == pytest.approx(60 / 48)
    )
    assert ended[47] == 1 and ended[59] == pytest.approx(12 / 48)
