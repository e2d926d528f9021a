"""A tiny project whose every result is worked out by hand.

Background figures are round test values (tests/data/tiny). Study period:
2 years = 24 months, 8 760 h a year.
"""

from __future__ import annotations

import pytest

from lca.indicators import INDICATOR_IDS

#: Results are exact sums of amount x unit impact (the records' values, which
#: Brightway reproduces within its single precision): hand-worked values agree
#: to rounding.
RTOL = 1e-12

# Second-order effect (gains), over 2 years
ELECTRICITY_KWH = 12_000 * 2  # 12 MWh/year saved
HEAT_KWH = 4_000 * 2
PKM = (10 - 4) * 500 * 2  # trips avoided x round trip x years
STEEL_KG = 20 * 2.5 * 2
GAINS_CLIMATE = ELECTRICITY_KWH * 0.1 + HEAT_KWH * 0.25 + PKM * 0.2 + STEEL_KG * 2.0  # 5 800

# First-order effect (footprint), architecture "cloud"
SENSORS_MADE = 10 * 2 / 4  # count x study / lifetime = 5 sensors
SENSORS_KWH = 10 * 1 * 8760 * 2 / 1000  # 10 sensors x 1 W, always on: 175.2 kWh
TERMINALS = SENSORS_MADE * 2.0 + SENSORS_MADE * 0.5 + SENSORS_KWH * 0.1  # 30.02
NETWORK_KWH = 1_200 * 2 * 0.05  # GB x kWh/GB = 120 kWh
NETWORKS = NETWORK_KWH * 0.1  # 12
VCPU_W = 1 + 0.5 * (3 - 1)  # power-min + utilisation x (max - min) = 2 W
IT_KWH_PER_YEAR = (8760 * VCPU_W + (4 * 0.5 + 1 * 1) * 8760) / 1000  # 43.8
CLOUD_KWH = IT_KWH_PER_YEAR * 1.5 * 2  # x PUE x years = 131.4
HOSTS_MADE = 8760 * 2 / (10 * 4 * 8760)  # vCPU-h / (vCPUs per host x host life in h) = 0.05
SSD_TB_MADE = 1 * 2 / 5  # TB x study / lifetime = 0.4
DATACENTRES = CLOUD_KWH * 0.1 + HOSTS_MADE * 1000 + SSD_TB_MADE * 100  # 103.14
FOOTPRINT = TERMINALS + NETWORKS + DATACENTRES  # 145.16

# Higher-order effect (rebound), scenario "central"
DIRECT = 0.10 * (ELECTRICITY_KWH * 0.1 + HEAT_KWH * 0.25)  # 440
RESPENDING = 1_000 * 2 * 0.5 * 0.2  # EUR/year x years x share x kg/EUR = 200
REBOUND = DIRECT + RESPENDING


def _entry(assessment, indicator, scenario="central"):
    return next(e for e in assessment.summaries[scenario] if e["id"] == indicator)


def test_hand_worked_climate_change(tiny_assessment):
    assessment, _ = tiny_assessment
    climate = _entry(assessment, "climate_change")
    assert GAINS_CLIMATE == pytest.approx(5800)
    assert climate["gains"] == pytest.approx(GAINS_CLIMATE, rel=RTOL)
    assert climate["footprint"]["terminals"] == pytest.approx(30.02, rel=RTOL)
    assert climate["footprint"]["networks"] == pytest.approx(12.0, rel=RTOL)
    assert climate["footprint"]["datacentres"] == pytest.approx(103.14, rel=RTOL)
    assert climate["footprint"]["total"] == pytest.approx(FOOTPRINT, rel=RTOL)
    assert climate["rebound"] == pytest.approx(REBOUND, rel=RTOL)
    assert climate["net_benefit"] == pytest.approx(5800 - 145.16 - 640, rel=RTOL)


def test_other_scenario_has_no_rebound(tiny_assessment):
    assessment, _ = tiny_assessment
    climate = _entry(assessment, "climate_change", "none")
    assert climate["rebound"] == 0
    assert climate["net_benefit"] == pytest.approx(5800 - 145.16, rel=RTOL)


def test_water_counts_only_datasets_that_have_it(tiny_assessment):
    assessment, _ = tiny_assessment
    water = _entry(assessment, "water")
    gains = ELECTRICITY_KWH * 0.002 + STEEL_KG * 0.01  # 49 m3; gas and car have no water value
    footprint = (SENSORS_KWH + NETWORK_KWH + CLOUD_KWH) * 0.002 + IT_KWH_PER_YEAR * 2 * 2 / 1000
    rebound = 0.10 * ELECTRICITY_KWH * 0.002  # gas rebound and spending have no water value
    assert water["gains"] == pytest.approx(gains, rel=RTOL)
    assert water["footprint"]["total"] == pytest.approx(footprint, rel=RTOL)
    assert water["rebound"] == pytest.approx(rebound, rel=RTOL)
    assert water["net_benefit"] == pytest.approx(gains - footprint - rebound, rel=RTOL)


def test_coverage_is_the_climate_weighted_share_with_a_value(tiny_assessment):
    assessment, _ = tiny_assessment
    water = _entry(assessment, "water")
    # gains: electricity (2 400 kg) and steel (200 kg) have water; gas and car do not
    assert water["coverage"]["gains"] == pytest.approx((2400 + 200) / 5800, rel=RTOL)
    # footprint: electricity lines have water; sensors, hosts and SSDs do not
    with_water = SENSORS_KWH * 0.1 + NETWORKS + CLOUD_KWH * 0.1
    assert water["coverage"]["footprint"] == pytest.approx(with_water / FOOTPRINT, rel=RTOL)
    assert water["missing"] == sorted(
        [
            "fuel/natural-gas",
            "it/iot-sensor-simple/end-of-life",
            "it/iot-sensor-simple/manufacture",
            "it/rack-server/manufacture",
            "it/storage-ssd/manufacture",
            "spending/business/FR/average",
            "transport/passenger/car-diesel",
        ]
    )
    climate = _entry(assessment, "climate_change")
    assert climate["coverage"] == {"gains": 1.0, "footprint": 1.0, "rebound": 1.0}
    assert climate["missing"] == []


def test_missing_indicator_is_not_counted_as_zero_silently(tiny_assessment):
    assessment, _ = tiny_assessment
    minerals = _entry(assessment, "resources_minerals_metals")
    assert "electricity/FR/marginal" in minerals["missing"]
    assert minerals["coverage"]["gains"] < 1


def test_footprint_is_the_sum_of_tiers_and_of_phases(tiny_assessment):
    assessment, _ = tiny_assessment
    frame = assessment.tidy()
    central = frame[(frame["scenario"] == "central") & (frame["part"] == "footprint")]
    for indicator in INDICATOR_IDS:
        rows = central[central["indicator"] == indicator]
        total = _entry(assessment, indicator)["footprint"]["total"]
        assert rows.groupby("tier")["value"].sum().sum() == pytest.approx(total, rel=1e-12)
        assert rows.groupby("phase")["value"].sum().sum() == pytest.approx(total, rel=1e-12)
    phases = central[central["indicator"] == "climate_change"].groupby("phase")["value"].sum()
    manufacture = SENSORS_MADE * 2 + HOSTS_MADE * 1000 + SSD_TB_MADE * 100
    assert phases["manufacture"] == pytest.approx(manufacture, rel=RTOL)
    assert phases["end of life"] == pytest.approx(SENSORS_MADE * 0.5, rel=RTOL)


def test_the_other_supply_model_changes_electricity_by_the_ratio_of_factors(tiny_assessment):
    assessment, _ = tiny_assessment
    alternative = assessment.document()["electricity_alternative"]
    assert alternative["electricity"] == "average" and alternative["available"]
    climate = alternative["indicators"]["climate_change"]
    # only the electricity line of the gains changes: 24 000 kWh at 0.05 instead of 0.1
    expected_gains = GAINS_CLIMATE - ELECTRICITY_KWH * (0.1 - 0.05)
    assert climate["gains"] == pytest.approx(expected_gains, rel=RTOL)
    factors = (("marginal", 0.1), ("average", 0.05))
    electricity_gain = {supply: ELECTRICITY_KWH * factor for supply, factor in factors}
    assert electricity_gain["marginal"] / electricity_gain["average"] == pytest.approx(0.1 / 0.05)
    footprint_kwh = SENSORS_KWH + NETWORK_KWH + CLOUD_KWH
    expected_footprint = FOOTPRINT - footprint_kwh * (0.1 - 0.05)
    assert climate["footprint"]["total"] == pytest.approx(expected_footprint, rel=RTOL)


def test_physical_quantities_of_the_gains(tiny_assessment):
    assessment, _ = tiny_assessment
    physical = {item["category"]: item for item in assessment.document()["physical"]}
    assert physical["energy: electricity"]["quantity"] == pytest.approx(ELECTRICITY_KWH)
    assert physical["energy: fuels"]["quantity"] == pytest.approx(HEAT_KWH)
    assert physical["transport: passengers"] == {
        "category": "transport: passengers",
        "unit": "person km",
        "quantity": pytest.approx(PKM),
        "change": "avoided",
    }
    assert physical["material"]["quantity"] == pytest.approx(STEEL_KG)


def test_consequence_tree_adds_up_to_the_results(tiny_assessment):
    assessment, _ = tiny_assessment
    tree = assessment.document()["consequence_tree"]
    second, first, higher = tree["children"]
    assert second["impact"]["climate_change"] == pytest.approx(-GAINS_CLIMATE, rel=RTOL)
    assert first["impact"]["climate_change"] == pytest.approx(FOOTPRINT, rel=RTOL)
    central = next(node for node in higher["children"] if node["name"] == "central (central case)")
    assert central["impact"]["climate_change"] == pytest.approx(REBOUND, rel=RTOL)
    kinds = {node["name"]: node for node in central["children"]}
    assert kinds["direct"]["impact"]["climate_change"] == pytest.approx(DIRECT, rel=RTOL)
    assert kinds["output"]["status"] == "described only"
    tiers = {node["name"]: node for node in first["children"]}
    assert tiers["networks"]["impact"]["climate_change"] == pytest.approx(NETWORKS, rel=RTOL)


def test_energy_view_in_final_and_primary_energy(tiny_assessment):
    assessment, _ = tiny_assessment
    energy = assessment.document()["energy"]
    footprint_kwh = SENSORS_KWH + NETWORK_KWH + CLOUD_KWH  # 426.6
    rebound_kwh = 0.10 * (ELECTRICITY_KWH + HEAT_KWH)  # direct rebound; spending is not energy
    assert energy["final_kwh"]["net"] == pytest.approx(
        ELECTRICITY_KWH + HEAT_KWH - footprint_kwh - rebound_kwh, rel=1e-12
    )
    # electricity counts twice in primary energy (test factor 2), gas once
    assert energy["primary_kwh"]["gains"] == pytest.approx(
        2 * ELECTRICITY_KWH + HEAT_KWH, rel=1e-12
    )
    assert energy["primary_kwh"]["footprint"] == pytest.approx(2 * footprint_kwh, rel=1e-12)
    assert energy["primary_energy_factor_electricity"] == 2
