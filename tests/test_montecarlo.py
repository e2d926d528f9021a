"""Monte Carlo: hand-worked distributions, correlated draws, and the fast path checked
sample by sample against the deterministic route."""

from __future__ import annotations

import dataclasses
import json
import math
import tomllib
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from cli import main
from inventories.background import Uncertainty, shipped_background
from inventories.build import build_inventory
from inventories.catalogue import starter_project
from inventories.opportunities import CATALOGUE_IDS
from inventories.project import load_project, parse_project
from lca.montecarlo import (
    UncertainInput,
    UncertaintyModel,
    background_with,
    monte_carlo,
    project_quantities,
    with_quantities,
)
from lca.results import evaluate, summarise
from tests.conftest import sensor_twin

EXAMPLES = Path(__file__).parent.parent / "inventories" / "examples"

#: The quantities the built-in example writes with a range (machining-plant-fr.toml).
EXAMPLE_RANGES = (
    "opportunities[0].electricity_saved",
    "opportunities[0].heat_saved",
    "opportunities[1].trips_after",
    "opportunities[1].distance",
    "opportunities[2].parts_after",
    "opportunities[2].part_mass",
    "it.field_devices[0].power",
    "it.field_devices[1].power",
)

#: sigma of the tiny background's marginal electricity (lognormal, gsd 1.2)
SIGMA = math.log(1.2)
Z95 = 1.6448536269514722


def _twin(electricity_saved, electricity: str = "marginal") -> dict:
    """Electricity saved on the line; ten 100 W sensors always on, bought once (2 years)."""
    return sensor_twin(
        [{"id": "Production-01", "electricity_saved": electricity_saved}], electricity
    )


def _model(raw: dict, background) -> UncertaintyModel:
    project = parse_project(raw)
    return UncertaintyModel(project, background.extended([d.record() for d in project.datasets]))


def test_one_grid_factor_drawn_once_for_gains_and_footprint(tiny_background):
    """Gains 24 000 kWh and footprint 17 520 kWh of the same electricity: the net is
    6 480 kWh x f - 25 kg (10 sensors x (2 + 0.5) kg), f lognormal (median 0.1, gsd 1.2).

    Drawn once per sample, the net is a monotone function of f: its percentiles are
    f's, and its spread is 6 480 x sd(f) (121), not sqrt(24 000^2 + 17 520^2) x sd(f)
    (555) as independent draws would give.
    """
    model = _model(_twin("12 MWh/year"), tiny_background)
    assert [item.id for item in model.inputs] == ["dataset:electricity/FR/marginal"]

    result = monte_carlo(model, 200_000, seed=7)
    net = result.nets["none"][:, 0]
    stats = result.statistics("none")[0]

    assert stats["median"] == pytest.approx(6480 * 0.1 - 25, rel=2e-3)
    assert stats["p05"] == pytest.approx(6480 * 0.1 * math.exp(-Z95 * SIGMA) - 25, rel=3e-3)
    assert stats["p95"] == pytest.approx(6480 * 0.1 * math.exp(Z95 * SIGMA) - 25, rel=3e-3)
    assert stats["mean"] == pytest.approx(6480 * 0.1 * math.exp(SIGMA**2 / 2) - 25, rel=2e-3)
    sd_f = 0.1 * math.sqrt((math.exp(SIGMA**2) - 1) * math.exp(SIGMA**2))
    assert net.std() == pytest.approx(6480 * sd_f, rel=0.02)
    assert stats["prob_net_benefit_positive"] == 1.0


def test_triangular_lever_hand_worked(tiny_background):
    """electricity_saved triangular (6, 12, 24) MWh/year at the fixed average factor 0.05:
    net = 100 S - 901 kg (S in MWh/year; footprint 17 520 kWh x 0.05 + 25 kg).

    Mean S = 14: net 499. P(S > 9.01) = 1 - 3.01^2 / (18 x 6) = 0.916 110.
    p05: S = 6 + sqrt(0.05 x 18 x 6); p95: S = 24 - sqrt(0.05 x 18 x 12).
    """
    saved = {"value": "12 MWh/year", "min": "6 MWh/year", "max": "24 MWh/year"}
    model = _model(_twin(saved, electricity="average"), tiny_background)
    assert [item.label for item in model.inputs] == ["opportunities[0].electricity_saved"]

    stats = monte_carlo(model, 400_000, seed=3).statistics("none")[0]

    assert stats["mean"] == pytest.approx(499, rel=5e-3)
    assert stats["prob_net_benefit_positive"] == pytest.approx(1 - 3.01**2 / 108, abs=2e-3)
    assert stats["p05"] == pytest.approx(100 * (6 + math.sqrt(5.4)) - 901, rel=1e-2)
    assert stats["p95"] == pytest.approx(100 * (24 - math.sqrt(10.8)) - 901, rel=5e-3)


@pytest.mark.parametrize(
    ("spec", "probabilities", "expected"),
    [
        ({"distribution": "uniform", "min": 2, "max": 6}, [0.0, 0.25, 1.0], [2, 3, 6]),
        ({"distribution": "triangular", "min": 0, "max": 4}, [0.125, 0.5, 0.875], [1, 2, 3]),
        ({"distribution": "normal", "sd": 2}, [0.5, 0.975], [2, 2 + 2 * 1.959964]),
        ({"distribution": "lognormal", "gsd": 2}, [0.5, 0.841345], [2, 4]),
    ],
)
def test_quantiles_invert_the_distribution(spec, probabilities, expected):
    """Inverse distribution functions, worked by hand (central value 2)."""
    item = UncertainInput("x", "project", "x", 2.0, "kg", Uncertainty.model_validate(spec))
    assert item.quantile(np.array(probabilities)) == pytest.approx(expected, rel=1e-5)


def test_same_seed_same_numbers_whatever_the_chunks(tiny_background):
    saved = {"value": "12 MWh/year", "min": "6 MWh/year", "max": "24 MWh/year"}
    model = _model(_twin(saved), tiny_background)
    whole = monte_carlo(model, 5000, seed=11)
    chunked = monte_carlo(model, 5000, seed=11, chunk=777)
    other = monte_carlo(model, 5000, seed=12)

    assert np.array_equal(whole.nets["none"], chunked.nets["none"])
    assert not np.array_equal(whole.nets["none"], other.nets["none"])


def _every_quantity_uncertain(project):
    """Each positive quantity given a triangular range of -30 % / +40 % around its value."""
    quantities = {
        path: dataclasses.replace(
            quantity,
            uncertainty=Uncertainty(
                distribution="triangular", min=quantity.value * 0.7, max=quantity.value * 1.4
            ),
        )
        for path, quantity in project_quantities(project)
        if quantity.value > 0 and path != "study_period" and not path.startswith("baseline")
    }
    return with_quantities(project, quantities)


def _deterministic_nets(model: UncertaintyModel, row: np.ndarray) -> dict[str, list[float]]:
    """The second route: plain numbers put into the project and the background, then the
    ordinary build, evaluation and sums of the deterministic run."""
    project_values, parameters, ratios = {}, {}, {}
    for item, value in zip(model.inputs, row, strict=True):
        if item.kind == "project":
            project_values[item.label] = float(value)
        elif item.kind == "parameter":
            parameters[item.label] = float(value)
        else:
            ratios[item.label] = value / item.central
    quantities = dict(project_quantities(model.project))
    project = with_quantities(
        model.project,
        {p: dataclasses.replace(quantities[p], value=v) for p, v in project_values.items()},
    )
    impacts = model.background.record_impacts()
    for dataset, ratio in ratios.items():
        impacts[dataset] = {
            k: None if v is None else v * ratio for k, v in impacts[dataset].items()
        }
    inventory = build_inventory(project, background_with(model.background, parameters))
    evaluation = evaluate(inventory, impacts)
    return {
        scenario: [entry["net_benefit"] for entry in summarise(evaluation, scenario)]
        for scenario in inventory.scenarios
    }


def _projects():
    for path in sorted(EXAMPLES.glob("*.toml")):
        yield path.stem, load_project(path)
    yield "all starters", parse_project(tomllib.loads(starter_project(list(CATALOGUE_IDS))))


@pytest.mark.parametrize(("name", "project"), list(_projects()), ids=lambda v: str(v)[:30])
def test_fast_path_equals_a_rebuild_with_plain_numbers(name, project):
    """Every sample of the vectorised path equals the project rebuilt with that sample's
    numbers, with every quantity of every example and starter made uncertain."""
    project = _every_quantity_uncertain(project)
    background = shipped_background().extended([d.record() for d in project.datasets])
    model = UncertaintyModel(project, background)
    assert len(model.inputs) > 5
    u = np.random.default_rng(5).random((4, len(model.inputs)))
    values = model.values_from_uniform(u)
    fast = model.nets(values)

    for row in range(4):
        for scenario, expected in _deterministic_nets(model, values[row]).items():
            scale = max(abs(v) for v in fast[scenario][:, 0]) or 1.0
            for column, value in enumerate(expected):
                assert fast[scenario][row, column] == pytest.approx(
                    value, rel=1e-9, abs=1e-9 * scale
                ), (name, scenario, row, column)


def test_uncertainty_that_shapes_no_amount_is_named(tiny_background):
    raw = _twin("12 MWh/year")
    raw["baseline"] = {
        "emissions": {"value": "900 t/year", "min": "800 t/year", "max": "1000 t/year"},
        "growth": "0 %/year",
    }
    model = _model(raw, tiny_background)
    assert model.not_propagated == ["baseline.emissions"]


def test_results_json_statistics(tmp_path):
    """The statistics sit where results.json consumers look for them, for every scenario."""
    keys = {"iterations", "seed", "mean", "median", "p05", "p95", "prob_net_benefit_positive"}
    runner = CliRunner()
    plain = runner.invoke(main, ["-q", "run", "--output", str(tmp_path / "a")])
    sampled = runner.invoke(main, ["-q", "run", "-o", str(tmp_path / "b"), "-n", "3000"])
    again = runner.invoke(main, ["-q", "run", "-o", str(tmp_path / "c"), "-n", "3000"])
    assert plain.exit_code == sampled.exit_code == again.exit_code == 0, sampled.output

    deterministic = json.loads((tmp_path / "a" / "results.json").read_text())
    document = json.loads((tmp_path / "b" / "results.json").read_text())
    assert all(entry["uncertainty"] is None for entry in deterministic["indicators"])
    assert deterministic["monte_carlo"] is None
    for entry in document["indicators"]:
        assert set(entry["uncertainty"]) == keys
        assert entry["uncertainty"]["iterations"] == 3000
        assert entry["uncertainty"]["seed"] == 1
        assert entry["uncertainty"]["p05"] <= entry["uncertainty"]["median"]
        assert entry["uncertainty"]["median"] <= entry["uncertainty"]["p95"]
    for scenario in document["scenarios"].values():
        for indicator in scenario.values():
            assert set(indicator["uncertainty"]) == keys
    central = document["default_scenario"]
    assert (
        document["scenarios"][central]["climate_change"]["uncertainty"]
        == document["indicators"][0]["uncertainty"]
    )
    assert (
        document["indicators"]
        == json.loads((tmp_path / "c" / "results.json").read_text())["indicators"]
    )
    # the eight ranges written in the example file, read off inventories/examples/
    assert {i["label"] for i in document["monte_carlo"]["inputs"] if i["kind"] == "project"} == {
        *EXAMPLE_RANGES
    }


def test_iterations_must_be_positive():
    result = CliRunner().invoke(main, ["run", "--iterations", "-3"])
    assert result.exit_code == 2
    assert "--iterations" in result.output


def test_one_device_type_in_two_tiers_shares_its_lifetime_draw():
    """An industrial PC on the shop floor (terminals) and one as edge server (datacentres),
    both on the default lifetime: one input, and the two manufacture amounts move together
    (amortised count = study / lifetime in both)."""
    raw = _twin("12 MWh/year")
    raw["it"]["field_devices"][0] = {"name": "Line PC", "type": "industrial-pc", "count": 2}
    raw["architectures"]["local"] = {
        "edge_servers": [{"name": "Edge PC", "type": "industrial-pc", "count": 1}]
    }
    project = parse_project(raw)
    model = UncertaintyModel(project, shipped_background())
    lifetime = [item for item in model.inputs if item.label == "it/industrial-pc/lifetime"]
    assert len(lifetime) == 1

    values = model.values_from_uniform(np.random.default_rng(2).random((500, len(model.inputs))))
    totals = model.line_totals(values)
    shop = totals[:, model.line_ids.index("footprint/terminals/Line PC/manufacture")]
    edge = totals[:, model.line_ids.index("footprint/datacentres/Edge PC/manufacture")]
    assert np.ptp(shop) > 0.1 * shop.mean()  # the lifetime does vary
    assert edge / shop == pytest.approx(np.full(500, 0.5), rel=1e-12)
    years = values[:, [item.label for item in model.inputs].index("it/industrial-pc/lifetime")]
    assert shop == pytest.approx(2 * 2 / years, rel=1e-12)  # 2 PCs x 2 years / lifetime
