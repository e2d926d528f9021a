"""Each of the nineteen opportunities against a gain worked out by hand.

Tiny background (tests/data/tiny), study period 1 year, no IT, no rebound.
Factors used, kg CO2-eq per unit: electricity (FR, marginal) 0.1/kWh; natural
gas 0.25/kWh (10 kWh/m3); diesel car 0.2/p.km; truck 0.1/t.km; electric rail
0.02/t.km; primary steel 2.0/kg; recycled steel 0.5/kg; tap water 0.3/m3;
wastewater treatment 0.5/m3; landfill 0.5/kg; recycling 0.02/kg; laptop
200/unit (lifetime 5 years); project dataset "machine" 1 000/unit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from inventories.build import build_inventory
from inventories.opportunities import CATALOGUE_IDS
from inventories.project import parse_project
from lca.results import evaluate, summarise
from tests.conftest import evaluated

MACHINE = {
    "id": "machine",
    "name": "test machine",
    "unit": "unit",
    "values": {"climate_change": 1000.0},
    "source": "test figure",
    "reference_year": 2024,
}


def _gains(tiny_background, *opportunities, study="1 year"):
    raw = {
        "name": "t",
        "country": "FR",
        "study_period": study,
        "electricity": "marginal",
        "architecture": "a",
        "opportunities": list(opportunities),
        "architectures": {"a": {}},
        "rebound": {"none": {"default": True}},
        "datasets": [MACHINE],
    }
    _, inventory, evaluation = evaluated(raw, tiny_background)
    climate = next(e for e in summarise(evaluation, "none") if e["id"] == "climate_change")
    return climate["gains"], inventory


SHIFT = [
    {"mode": "truck-average", "before": "100000 t*km/year", "after": "40000 t*km/year"},
    {"mode": "rail-electric", "before": "0 t*km/year", "after": "60000 t*km/year"},
]
# truck 60 000 t.km avoided x 0.1 - rail 60 000 t.km added x 0.02
SHIFT_GAIN = 60_000 * 0.1 - 60_000 * 0.02  # 4 800
LIFETIME = {
    "product": "custom/machine",
    "units": 10,
    "lifetime_before": "8 years",
    "lifetime_after": "10 years",
}
# 10 machines: 10/8 - 10/10 = 0.25 replacements avoided a year x 1 000 kg
LIFETIME_GAIN = 10 * (1 / 8 - 1 / 10) * 1000  # 250

CASES = {
    "Appro-01": (
        {
            "freight": SHIFT,
            "substitutions": [
                {"replaced": "steel-primary", "by": "steel-recycled", "mass": "1 t/year"}
            ],
        },
        SHIFT_GAIN + 1000 * (2.0 - 0.5),
    ),
    "Appro-02": ({"freight": SHIFT, "electricity_saved": "10 MWh/year"}, SHIFT_GAIN + 10_000 * 0.1),
    "EcoDesign-01": (
        {"lifetimes": [LIFETIME], "water_saved": "100 m3/year"},
        LIFETIME_GAIN + 100 * (0.3 + 0.5),
    ),
    "Production-01": (
        {
            "electricity_saved": "12 MWh/year",
            "heat_saved": "1000 m3/year",
            "materials": [{"material": "steel-primary", "saved": "500 kg/year"}],
        },
        12_000 * 0.1 + 1000 * 10 * 0.25 + 500 * 2.0,
    ),
    # 10 000 good units of 2 kg; scrap 6 % -> 4 %: 1/0.94 - 1/0.96 units made less per good unit
    "Production-02": (
        {
            "good_units": "10000 / year",
            "material": "steel-primary",
            "mass_per_unit": "2 kg",
            "scrap_before": "6 %",
            "scrap_after": "4 %",
            "electricity_per_unit": "3 kWh",
        },
        10_000 * (1 / 0.94 - 1 / 0.96) * (2 * 2.0 + 3 * 0.1),
    ),
    "OutilIndus-01": ({"lifetimes": [LIFETIME]}, LIFETIME_GAIN),
    # 5 laptops no longer needed: 5 / 5 years x 200; 20 kWh... and 6 trips of 300 km
    "OutilIndus-02": (
        {
            "electricity_saved": "2 MWh/year",
            "devices_avoided": [{"type": "laptop", "count": 5}],
            "trips_avoided": "6 / year",
            "distance": "300 km",
        },
        2000 * 0.1 + 5 / 5 * 200 + 6 * 300 * 0.2,
    ),
    "OutilIndus-03": (
        {
            "electricity_saved": "5 MWh/year",
            "substitutions": [
                {"replaced": "steel-primary", "by": "steel-recycled", "mass": "2 t/year"}
            ],
        },
        5000 * 0.1 + 2000 * 1.5,
    ),
    # 20 t of steel saved once, in the first month
    "OutilIndus-04": (
        {
            "materials": [{"material": "steel-primary", "saved": "20 t/year", "once": True}],
            "heat_saved": "10 MWh/year",
        },
        20_000 * 2.0 + 10_000 * 0.25,
    ),
    "Maintenance-01": (
        {"trips_before": "40 / year", "trips_after": "24 / year", "distance": "300 km"},
        16 * 300 * 0.2,
    ),
    "Maintenance-02": (
        {
            "parts_before": "100 / year",
            "parts_after": "80 / year",
            "part_mass": "1.5 kg",
            "material": "steel-primary",
        },
        20 * 1.5 * 2.0,
    ),
    "Livraison-01": ({"freight": SHIFT}, SHIFT_GAIN),
    "Livraison-02": (
        {"freight": [{"mode": "truck-average", "saved": "5000 t*km/year"}]},
        5000 * 0.1,
    ),
    # 3 t of steel made from recovered scrap instead of ore; 2 t of waste no longer landfilled
    "Reglementation-01": (
        {
            "substitutions": [
                {"replaced": "steel-primary", "by": "steel-recycled", "mass": "3 t/year"}
            ],
            "waste": [{"treatment": "landfill", "saved": "2 t/year"}],
        },
        3000 * 1.5 + 2000 * 0.5,
    ),
    # 50 MWh of gas replaced by waste heat;
    # 10 t of steel replaced by a by-product carried 100 km by truck
    "Territorial-01": (
        {
            "heat_saved": "50 MWh/year",
            "substitutions": [
                {
                    "replaced": "steel-primary",
                    "mass": "10 t/year",
                    "transport_mode": "truck-average",
                    "transport_distance": "100 km",
                }
            ],
        },
        50_000 * 0.25 + 10_000 * 2.0 - 10 * 100 * 0.1,
    ),
    # 4 machines reused a year instead of new, 500 kWh of refurbishment each
    "Reutilisation-01": (
        {
            "components": [
                {
                    "product": "custom/machine",
                    "count": "4 / year",
                    "refurbishment_electricity": "500 kWh",
                }
            ]
        },
        4 * 1000 - 4 * 500 * 0.1,
    ),
    "Usage-01": (
        {
            "units": 200,
            "electricity_saved_per_unit": "150 kWh/year",
            "water_saved_per_unit": "2 m3/year",
        },
        200 * 150 * 0.1 + 200 * 2 * 0.3,
    ),
    "Duree-01": ({"lifetimes": [LIFETIME]}, LIFETIME_GAIN),
    # 5 t recovered replaces virgin steel; 5 t goes to recycling instead of landfill
    "Recyclage-01": (
        {
            "substitutions": [
                {"replaced": "steel-primary", "by": "steel-recycled", "mass": "5 t/year"}
            ],
            "waste": [{"treatment": "landfill", "saved": "5 t/year"}],
        },
        5000 * 1.5 + 5000 * 0.5,
    ),
}


def test_every_catalogue_opportunity_has_a_case():
    assert sorted(CASES) == sorted(CATALOGUE_IDS)
    assert len(CATALOGUE_IDS) == 19


@pytest.mark.parametrize("opportunity", sorted(CASES))
def test_gain_worked_out_by_hand(tiny_background, opportunity):
    levers, expected = CASES[opportunity]
    gains, _ = _gains(tiny_background, {"id": opportunity, **levers})
    assert gains == pytest.approx(expected, rel=1e-12)
    assert gains > 0


def test_a_one_off_saving_falls_in_the_first_month(tiny_background):
    levers, _ = CASES["OutilIndus-04"]
    _, inventory = _gains(tiny_background, {"id": "OutilIndus-04", **levers}, study="2 years")
    steel = next(line for line in inventory.lines if line.dataset == "material/steel-primary")
    assert steel.total == pytest.approx(20_000)
    assert steel.months[0] == 1 and steel.months[1:].sum() == 0


def test_a_modal_shift_adds_rail_and_removes_road(tiny_background):
    _, inventory = _gains(tiny_background, {"id": "Livraison-01", "freight": SHIFT})
    roles = {line.dataset: (line.role, line.total) for line in inventory.lines}
    assert roles["transport/freight/truck-average"] == ("avoided", pytest.approx(60_000))
    assert roles["transport/freight/rail-electric"] == ("added", pytest.approx(60_000))


def test_a_lever_claimed_twice_is_counted_once_for_the_first(tiny_background):
    trips = {"trips_avoided": "6 / year", "distance": "300 km"}
    gains, inventory = _gains(
        tiny_background,
        {"id": "Maintenance-01", **trips},
        {"id": "OutilIndus-02", "electricity_saved": "1 MWh/year", **trips},
    )
    assert gains == pytest.approx(6 * 300 * 0.2 + 1000 * 0.1, rel=1e-12)  # trips once
    trip_lines = [line for line in inventory.lines if line.lever == "trips/car-diesel"]
    assert [line.source for line in trip_lines] == ["Maintenance-01"]
    assert any(
        "'trips/car-diesel' is claimed by Maintenance-01 and OutilIndus-02: counted once, "
        "for Maintenance-01" in warning
        for warning in inventory.warnings
    )


def test_distinct_keys_keep_two_savings_apart(tiny_background):
    gains, _ = _gains(
        tiny_background,
        {"id": "Production-01", "electricity_saved": "1 MWh/year"},
        {"id": "OutilIndus-03", "electricity_saved": "2 MWh/year", "energy_key": "line 2"},
    )
    assert gains == pytest.approx(3000 * 0.1, rel=1e-12)


@pytest.mark.parametrize(
    ("levers", "message"),
    [
        (
            {
                "id": "Production-02",
                "good_units": "1 / year",
                "material": "steel-primary",
                "mass_per_unit": "1 kg",
                "scrap_before": "6",
                "scrap_after": "4 %",
            },
            "not a fraction",
        ),
        (
            {"id": "Duree-01", "lifetimes": [{**LIFETIME, "lifetime_after": "6 years"}]},
            "shorter than lifetime_before",
        ),
        (
            {"id": "Livraison-01", "freight": [{"mode": "truck-average", "before": "1 t*km/year"}]},
            "give either saved, or both before and after",
        ),
        ({"id": "Reglementation-01"}, "enabling: give what it changes physically"),
    ],
)
def test_bad_levers_are_refused(tiny_background, levers, message):
    from lca.errors import ProjectError

    with pytest.raises(ProjectError, match=message):
        _gains(tiny_background, levers)


@pytest.mark.parametrize("opportunity", CATALOGUE_IDS)
def test_each_starter_file_runs_and_gains(opportunity):
    """`twinlca init --opportunity ID` gives a file that runs on the shipped data, with a gain."""
    import tomllib

    from inventories.background import shipped_background
    from inventories.catalogue import starter_project

    project = parse_project(tomllib.loads(starter_project([opportunity])))
    assert project.assumptions  # labelled as illustrative in the results
    background = shipped_background().extended([d.record() for d in project.datasets])
    inventory = build_inventory(project, background)
    impacts = background.record_impacts()
    entries = summarise(evaluate(inventory, impacts), project.default_scenario)
    climate = next(e for e in entries if e["id"] == "climate_change")
    assert climate["gains"] > 0


def test_catalogue_json_lists_exactly_the_19(tmp_path):
    import json

    from click.testing import CliRunner

    import cli

    result = CliRunner().invoke(cli.main, ["catalogue", "--format", "json"])
    records = json.loads(result.output)
    assert [r["id"] for r in records] == list(CATALOGUE_IDS)
    for record in records:
        assert {"id", "title", "pillar", "stages", "levers", "indicators"} <= set(record)
        assert record["levers"] and record["indicators"]


def test_a_starter_with_every_opportunity_runs_end_to_end(tmp_path):
    import json

    from click.testing import CliRunner

    import cli

    runner = CliRunner()
    arguments = ["init", "--output", str(tmp_path / "all.toml")]
    for opportunity in CATALOGUE_IDS:
        arguments += ["--opportunity", opportunity]
    assert runner.invoke(cli.main, arguments).exit_code == 0
    result = runner.invoke(
        cli.main,
        [
            "--data-dir",
            str(tmp_path / "data"),
            "run",
            str(tmp_path / "all.toml"),
            "-o",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert document["assumptions"]
    assert "Assumption:" in result.output
    climate = document["indicators"][0]
    assert climate["id"] == "climate_change" and climate["gains"] > 0


EXAMPLES = sorted((Path(__file__).parent.parent / "inventories" / "examples").glob("*.toml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_project_runs_with_a_climate_gain(path):
    from inventories.background import shipped_background
    from inventories.project import load_project

    project = load_project(path)
    background = shipped_background().extended([d.record() for d in project.datasets])
    impacts = background.record_impacts()
    for architecture in project.architectures:
        inventory = build_inventory(project, background, architecture)
        entries = summarise(evaluate(inventory, impacts), project.default_scenario)
        assert entries[0]["id"] == "climate_change"
        assert entries[0]["gains"] > 0


def test_at_least_seven_situations_besides_the_built_in_example():
    assert len([p for p in EXAMPLES if p.name != "machining-plant-fr.toml"]) >= 7


def test_direct_rebound_takes_back_energy_saved_in_use(tiny_background):
    raw = {
        "name": "t",
        "country": "FR",
        "study_period": "1 year",
        "electricity": "marginal",
        "architecture": "a",
        "architectures": {"a": {}},
        "opportunities": [
            {"id": "Usage-01", "units": 100, "electricity_saved_per_unit": "100 kWh/year"}
        ],
        "rebound": {"central": {"default": True, "direct": "10 %"}},
    }
    project = parse_project(raw)
    inventory = build_inventory(project, tiny_background)
    impacts = tiny_background.record_impacts()
    climate = summarise(evaluate(inventory, impacts), "central")[0]
    # 100 units x 100 kWh x 0.1 kg/kWh = 1 000 kg saved; 10 % taken back
    assert climate["gains"] == pytest.approx(1000, rel=1e-12)
    assert climate["rebound"] == pytest.approx(100, rel=1e-12)


def test_physical_lifetime_gained_and_recycled_material(tiny_background):
    from lca.results import physical_quantities

    def physical_of(opportunity: dict) -> dict:
        raw = {
            "name": "t", "country": "FR", "study_period": "1 year", "electricity": "marginal",
            "architecture": "a", "architectures": {"a": {}}, "opportunities": [opportunity],
            "rebound": {"none": {"default": True}}, "datasets": [MACHINE],
        }  # fmt: skip
        project, _, evaluation = evaluated(raw, tiny_background)
        return {p["category"]: p for p in physical_quantities(evaluation, project)}

    physical = physical_of({"id": "EcoDesign-01", "lifetimes": [LIFETIME]})
    # 10 machines living 10 years instead of 8: 10 x 2 x 12 months
    lifetime = physical["lifetime (units x months)"]
    assert (lifetime["quantity"], lifetime["change"]) == (pytest.approx(240), "gained")
    substitution = {"replaced": "steel-primary", "by": "steel-recycled", "mass": "5 t/year"}
    physical = physical_of({"id": "Recyclage-01", "substitutions": [substitution]})
    recycled = physical["recycled material"]
    assert (recycled["quantity"], recycled["change"]) == (pytest.approx(5000), "used")


def test_an_unknown_dataset_in_a_lever_names_the_opportunity(tiny_background):
    from lca.errors import ProjectError

    levers = {
        "id": "Maintenance-02",
        "parts_avoided": "1 / year",
        "part_mass": "1 kg",
        "material": "unobtainium",
    }
    with pytest.raises(
        ProjectError,
        match=r"^opportunities\[0\]: Maintenance-02: no background dataset 'material/unobtainium'",
    ):
        _gains(tiny_background, levers)
    with pytest.raises(ProjectError, match=r"^opportunities\[0\]\.profiles: no lever with key"):
        _gains(tiny_background, {"id": "Production-01", "electricity_saved": "1 MWh/year",
                                 "profiles": {"energy/coal": {"lasts": "6 months"}}})  # fmt: skip
