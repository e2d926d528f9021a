"""Each kind of rebound against a value worked out by hand (tiny background).

Study 1 year. Gains: Production-01, 12 MWh/year of electricity (0.1 kg/kWh) and
4 000 kWh/year of natural gas (0.25 kg/kWh): 1 200 + 1 000 = 2 200 kg CO2-eq.
"""

from __future__ import annotations

import pytest

from inventories.build import build_inventory
from inventories.project import parse_project
from lca.errors import ProjectError
from lca.results import evaluate, summarise
from tests.conftest import evaluated

PRODUCT = {"id": "widget", "name": "w", "unit": "unit", "values": {"climate_change": 5.0},
           "source": "test", "reference_year": 2024}  # fmt: skip


def _rebound(tiny_background, scenario: dict) -> float:
    raw = {
        "name": "t", "country": "FR", "study_period": "1 year", "electricity": "marginal",
        "architecture": "a", "architectures": {"a": {}}, "datasets": [PRODUCT],
        "opportunities": [
            {
                "id": "Production-01",
                "electricity_saved": "12 MWh/year",
                "heat_saved": "4000 kWh/year",
            }
        ],
        "rebound": {"s": {"default": True, **scenario}},
    }  # fmt: skip
    _, _, evaluation = evaluated(raw, tiny_background)
    return summarise(evaluation, "s")[0]["rebound"]


def test_direct_rebound(tiny_background):
    assert _rebound(tiny_background, {"direct": "25 %"}) == pytest.approx(0.25 * 2200, rel=1e-12)


def test_backfire_above_one_only_when_explicit(tiny_background):
    with pytest.raises(ProjectError, match="rebound.s.direct: '1.5' is above 1"):
        _rebound(tiny_background, {"direct": 1.5})
    assert _rebound(tiny_background, {"direct": 1.5, "backfire": True}) == pytest.approx(1.5 * 2200)


def test_respending_rebound(tiny_background):
    scenario = {"respending": {"share": "40 %", "money_saved": "5000 EUR/year"}}
    # 5 000 EUR x 40 % x 0.2 kg/EUR (business, FR)
    assert _rebound(tiny_background, scenario) == pytest.approx(5000 * 0.4 * 0.2, rel=1e-12)


def test_output_expansion(tiny_background):
    scenario = {"output": [{"dataset": "custom/widget", "amount": "150 / year"}]}
    assert _rebound(tiny_background, scenario) == pytest.approx(150 * 5.0, rel=1e-12)


def test_induction_in_any_unit_of_the_right_kind(tiny_background):
    scenario = {"induction": [{"dataset": "electricity", "amount": "3.6 GJ/year"}]}  # 1 000 kWh
    assert _rebound(tiny_background, scenario) == pytest.approx(1000 * 0.1, rel=1e-12)


def test_beneficial_reinvestment_is_a_negative_rebound(tiny_background):
    # savings pay for insulation that avoids 8 000 kWh of gas a year
    scenario = {
        "direct": "10 %",
        "reinvestment": [{"dataset": "fuel/natural-gas", "amount": "8 MWh/year"}],
    }
    assert _rebound(tiny_background, scenario) == pytest.approx(0.1 * 2200 - 8000 * 0.25, rel=1e-12)


def test_an_amount_that_does_not_fit_its_dataset_is_named(tiny_background):
    scenario = {"output": [{"dataset": "custom/widget", "amount": "3 kg/year"}]}
    with pytest.raises(
        ProjectError, match=r"rebound.s.output\[0\].amount: '3 kg/year' does not fit"
    ):
        _rebound(tiny_background, scenario)


def test_respending_of_priced_savings_follows_them_in_time_net_of_direct_rebound(tiny_background):
    """Money saved = energy kept (after a 20 % direct rebound) x price, month by month."""
    from lca.timeline import monthly

    raw = {
        "name": "t", "country": "FR", "study_period": "2 years", "electricity": "marginal",
        "architecture": "a", "architectures": {"a": {}},
        "opportunities": [
            {"id": "Production-01", "electricity_saved": "12 MWh/year", "lasts": "12 months"}
        ],
        "rebound": {"s": {"default": True, "direct": "20 %", "respending": {"share": "50 %"}}},
    }  # fmt: skip
    background = tiny_background
    parameters = dict(background.parameters)
    from inventories.background import Background, ParameterRecord

    parameters["price/electricity/FR/industrial"] = ParameterRecord(
        id="price/electricity/FR/industrial", value=0.2, unit="euro / kilowatt hour", source="test",
        reference_year=2024, uncertainty={"distribution": "none"},
    )  # fmt: skip
    background = Background(background.datasets, parameters, "t")
    inventory = build_inventory(parse_project(raw), background)
    impacts = background.record_impacts()
    rebound = monthly(evaluate(inventory, impacts), "s")["climate_change"]["rebound"]
    # first year: direct 20 % x 100 kg, plus 1 000 kWh x 80 % kept x 0.2 EUR x 50 % re-spent
    # x 0.2 kg/EUR; then nothing
    assert rebound[:12] == pytest.approx([20 + 1000 * 0.8 * 0.2 * 0.5 * 0.2] * 12)
    assert rebound[12:] == pytest.approx([0.0] * 12)
