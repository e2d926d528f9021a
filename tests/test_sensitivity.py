"""Global sensitivity: Sobol indices and the tornado on an additive model worked by hand."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from cli import main
from inventories.project import parse_project
from lca.montecarlo import UncertaintyModel
from lca.sensitivity import sensitivity
from tests.conftest import sensor_twin
from tests.test_montecarlo import EXAMPLE_RANGES


def _additive(tiny_background) -> UncertaintyModel:
    """Average electricity (0.05, fixed) and natural gas (0.25, fixed) over 2 years:
    net = 100 E + 0.5 H - 876 - 25 kg, with E in MWh/year triangular (6, 12, 24) and
    H in kWh/year uniform (0, 4000), central 2000; 17 520 kWh of sensors and 25 kg of
    their manufacture and end of life as the footprint."""
    raw = sensor_twin(
        [
            {
                "id": "Production-01",
                "electricity_saved": {
                    "value": "12 MWh/year",
                    "min": "6 MWh/year",
                    "max": "24 MWh/year",
                },
                "heat_saved": {
                    "value": "2000 kWh/year",
                    "distribution": "uniform",
                    "min": "0 kWh/year",
                    "max": "4000 kWh/year",
                },
            }
        ],
        electricity="average",
    )
    return UncertaintyModel(parse_project(raw), tiny_background)


# Var(100 E) = 100^2 x (6^2 + 12^2 + 24^2 - 6x12 - 6x24 - 12x24) / 18 = 140 000
# Var(0.5 H) = 0.25 x 4000^2 / 12 = 333 333; additive, so S1 = ST = share of the sum.
SHARE_E = 140_000 / (140_000 + 1_000_000 / 3)


def test_sobol_indices_of_an_additive_model(tiny_background):
    result = sensitivity(_additive(tiny_background), method="sobol", samples=4096, seed=2)
    by_label = {row["label"]: row for row in result.rows}
    energy = by_label["opportunities[0].electricity_saved"]
    heat = by_label["opportunities[0].heat_saved"]

    assert result.method == "sobol"
    assert result.evaluations == 4096 * 4
    assert energy["S1"] == pytest.approx(SHARE_E, abs=0.04)
    assert energy["ST"] == pytest.approx(SHARE_E, abs=0.04)
    assert heat["S1"] == pytest.approx(1 - SHARE_E, abs=0.04)
    assert heat["ST"] == pytest.approx(1 - SHARE_E, abs=0.04)
    assert [row["rank"] for row in (heat, energy)] == [1, 2]
    assert result.central_net == pytest.approx(100 * 12 + 0.5 * 2000 - 901)


def test_tornado_moves_one_input_at_a_time(tiny_background):
    """E at its 5th percentile, 6 + sqrt(0.05 x 18 x 6), H central: 100 E + 1000 - 901."""
    result = sensitivity(_additive(tiny_background), method="sobol", samples=64)
    energy = next(r for r in result.rows if r["label"].endswith("electricity_saved"))
    heat = next(r for r in result.rows if r["label"].endswith("heat_saved"))

    assert energy["input_p05"] == pytest.approx(1000 * (6 + math.sqrt(5.4)))  # kWh/year
    assert energy["net_at_input_p05"] == pytest.approx(100 * (6 + math.sqrt(5.4)) + 99)
    assert heat["net_at_input_p95"] == pytest.approx(1200 + 0.5 * 3800 - 901)
    assert heat["swing"] == pytest.approx(0.5 * 3600)


def test_morris_ranks_the_wider_input_first(tiny_background):
    result = sensitivity(_additive(tiny_background), method="morris", samples=40, seed=4)
    assert result.method == "morris"
    assert result.rows[0]["label"] == "opportunities[0].heat_saved"
    # mu* is an elementary effect per unit of the input's scaled range: across its 5th to
    # 95th percentiles H moves 3 600 kWh/year, 1 800 kg; the model is linear, so exactly.
    assert result.rows[0]["mu_star"] == pytest.approx(1800, rel=1e-9)


def test_sensitivity_command_on_the_example(tmp_path):
    result = CliRunner().invoke(main, ["-q", "sensitivity", "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "sensitivity.json").read_text())
    csv_lines = (tmp_path / "sensitivity.csv").read_text(encoding="utf-8-sig").splitlines()

    assert document["method"] == "sobol"
    assert len(document["inputs"]) == len(csv_lines) - 1
    projects = {row["label"] for row in document["inputs"] if row["kind"] == "project"}
    assert projects == set(EXAMPLE_RANGES)
    top = {row["label"] for row in document["inputs"][:2]}
    assert top == {"electricity/FR/marginal", "opportunities[0].electricity_saved"}
    assert "What drives the net benefit" in result.output


def test_too_few_uncertain_inputs_is_one_clear_line(tmp_path):
    project = tmp_path / "p.toml"
    project.write_text(
        'name = "x"\ncountry = "FR"\nstudy_period = "1 year"\narchitecture = "a"\n'
        'electricity = "average"\n'
        '[[opportunities]]\nid = "Production-01"\nelectricity_saved = "10 MWh/year"\n'
        "[architectures.a]\n[rebound.none]\ndefault = true\n"
    )
    result = CliRunner().invoke(main, ["sensitivity", str(project), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "needs at least two" in result.output
    assert not (tmp_path / "o").exists()


def test_an_indicator_without_data_on_one_side_is_refused(tmp_path):
    """The example's water gains rest on no dataset with a water value: no ranking of noise."""
    result = CliRunner().invoke(main, ["sensitivity", "--indicator", "water", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "--indicator: water: the gains or the footprint rest on no dataset" in result.output
