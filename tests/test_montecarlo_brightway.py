"""The fast path against Brightway: deterministic scores to 1e-9, Monte Carlo means within
sampling error of bw2calc's own Monte Carlo."""

from __future__ import annotations

import numpy as np
import pytest

from inventories.project import load_project, parse_project
from lca.brightway import brightway_net_benefits
from lca.montecarlo import UncertaintyModel, monte_carlo
from tests.conftest import TINY, sensor_twin


def _single_exchange_project() -> dict:
    """Every uncertain quantity feeds exactly one exchange, in proportion."""
    return sensor_twin(
        [
            {
                "id": "Production-01",
                "electricity_saved": {
                    "value": "12 MWh/year",
                    "min": "6 MWh/year",
                    "max": "24 MWh/year",
                },
            },
            {
                "id": "Maintenance-02",
                "parts_avoided": {"value": "20 / year", "distribution": "normal", "sd": "4 / year"},
                "part_mass": "2.5 kg",
                "material": "steel-primary",
            },
        ],
        power={"value": "50 W", "distribution": "lognormal", "gsd": 1.5},
    )


def test_deterministic_net_equals_bw2calc_to_1e9(data_dir, tiny_background):
    """bw2calc reads exchange amounts in single precision (bw_processing's float32 arrays):
    fed the same single-precision amounts and unit impacts, the fast path's sums equal
    bw2calc's scores to 1e-9; on its own double-precision inputs it differs by their
    rounding only."""
    project = load_project(TINY / "project.toml")
    model = UncertaintyModel(project, tiny_background)
    scores = brightway_net_benefits(data_dir, model)

    central = model.central_values()
    single = model.aggregate(
        model.line_totals(central).astype(np.float32).astype(float),
        model.dataset_ratios(central),
        model.unit_impacts.astype(np.float32).astype(float),
    )
    double = model.nets(central)
    for scenario, expected in scores.items():
        assert single[scenario][0] == pytest.approx(expected[0], rel=1e-9, abs=1e-12)
        assert double[scenario][0] == pytest.approx(expected[0], rel=1e-6, abs=1e-9)


def test_monte_carlo_means_agree_with_bw2calc(data_dir, tiny_background):
    """Triangular, normal and lognormal inputs, each on one exchange, and the lognormal
    grid factor on the biosphere: bw2calc's 1 500 iterations and the fast path's 200 000
    give the same mean within four standard errors, and the same spread within 10 %."""
    project = parse_project(_single_exchange_project())
    model = UncertaintyModel(project, tiny_background)
    distributions, not_carried = model.exchange_distributions()
    assert not_carried == []
    assert sum(d is not None for d in distributions) == 3  # electricity, parts, sensor power

    reference = brightway_net_benefits(data_dir, model, iterations=1500, seed=42)["none"][:, 0]
    fast = monte_carlo(model, 200_000, seed=42).nets["none"][:, 0]

    error = reference.std(ddof=1) / np.sqrt(reference.size)
    assert abs(fast.mean() - reference.mean()) < 4 * error
    assert fast.std() == pytest.approx(reference.std(ddof=1), rel=0.10)
    assert reference.std() > 0.1 * abs(reference.mean())  # the draws did vary
