"""The project file: validation, paths in errors, encodings, ids."""

from __future__ import annotations

import math
import tomllib

import pytest

import cli
from inventories.project import load_project, parse_project, read_project_text, slug
from lca.errors import ProjectError


def _example() -> dict:
    return tomllib.loads(cli.example_text())


def _error(raw: dict) -> str:
    with pytest.raises(ProjectError) as caught:
        parse_project(raw)
    return str(caught.value)


def test_the_example_is_valid_and_converted_once():
    project = parse_project(_example())
    production = project.opportunities[0]
    assert production.electricity_saved.value == 125_000  # kWh/year
    assert production.electricity_saved.uncertainty.min == 50_000
    assert project.study_period.value == 5
    assert project.months == 60
    assert project.default_scenario == "central"


def test_zero_lifetime_is_an_error_naming_the_field():
    raw = _example()
    raw["it"]["field_devices"][0]["lifetime"] = "0 years"
    assert _error(raw).startswith("it.field_devices[0].lifetime: '0 years' is zero")


def test_device_count_of_zero_is_valid():
    raw = _example()
    raw["it"]["field_devices"][0]["count"] = 0
    assert parse_project(raw).it.field_devices[0].count.value == 0


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_nan_and_inf_from_toml_are_rejected(bad):
    raw = _example()
    raw["it"]["user_terminals"][1]["share"] = bad
    assert "it.user_terminals[1].share" in _error(raw)
    assert "not a finite number" in _error(raw)


def test_a_share_written_in_percent_points_is_caught():
    raw = _example()
    raw["it"]["user_terminals"][1]["share"] = 20
    assert 'write 0.2 or "20 %"' in _error(raw)


def test_backfire_only_when_explicit():
    raw = _example()
    raw["rebound"]["central"]["direct"] = "120 %"
    assert "rebound.central.direct" in _error(raw)
    raw["rebound"]["central"]["backfire"] = True
    assert parse_project(raw).rebound["central"].direct.value == pytest.approx(1.2)


def test_exactly_one_default_scenario():
    raw = _example()
    raw["rebound"]["high"]["default"] = True
    assert "exactly one rebound scenario must have default = true; found 2" in _error(raw)


def test_unknown_field_is_named():
    raw = _example()
    raw["opportunities"][0]["electricty_saved"] = "1 MWh/year"
    message = _error(raw)
    assert message.startswith("opportunities[0].electricty_saved: is not a known field")


@pytest.mark.parametrize(
    "written", ["Production-01", "production 01", "PRODUCTION_01", "Production01"]
)
def test_opportunity_ids_in_any_spelling(written):
    raw = _example()
    raw["opportunities"][0]["id"] = written
    assert parse_project(raw).opportunities[0].id == "Production-01"


@pytest.mark.parametrize(
    ("written", "code"), [("FR", "FR"), ("fra", "FR"), ("France", "FR"), ("Allemagne", "DE")]
)
def test_country_aliases(written, code):
    raw = _example()
    raw["country"] = written
    assert parse_project(raw).country == code


def test_utf8_with_bom_and_windows_line_endings(tmp_path):
    text = cli.example_text().replace(
        'name = "CNC machining plant, France: predictive maintenance and energy monitoring"',
        'name = "Capteur de température — bâtiment Nord"',
    )
    path = tmp_path / "p.toml"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert load_project(path).name == "Capteur de température — bâtiment Nord"


def test_a_file_that_is_not_utf8_names_the_byte(tmp_path):
    path = tmp_path / "p.toml"
    path.write_bytes('name = "bâtiment"\n'.encode("latin-1"))  # 'â' is byte 9 (0-based), 0xe2
    with pytest.raises(ProjectError, match=r"is not UTF-8 \(byte 9 is 0xe2\); save it as UTF-8"):
        load_project(path)


def test_read_project_text_rejects_invalid_toml():
    with pytest.raises(ProjectError, match="not valid TOML"):
        read_project_text(b"name = ", "x.toml")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../x", "x"),
        ("/etc/passwd", "etc-passwd"),
        ("Étude — Nord", "etude-nord"),
        ("***", "project"),
    ],
)
def test_slug_cannot_leave_the_output_folder(name, expected):
    assert slug(name) == expected


def test_an_opportunity_listed_twice_is_refused():
    raw = _example()
    raw["opportunities"].append(dict(raw["opportunities"][0]))
    assert "Production-01 is listed twice (opportunities[0] and opportunities[3])" in _error(raw)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ("it", "user_terminals", 0, "hours_per_day"),
            "25 h/day",
            "'25 h/day' is above the possible 24",
        ),
        (("it", "field_devices", 0, "count"), 80.5, "'80.5' is not a whole number"),
        (
            ("opportunities", 0, "electricity_saved"),
            {"value": "125 MWh/year", "min": "130 MWh/year", "max": "250 MWh/year"},
            "value '125 MWh/year' is outside its range ['130 MWh/year', '250 MWh/year']",
        ),
        (
            ("it", "field_devices", 0, "power"),
            {"value": "-0.5 W", "min": "0.1 W", "max": "1 W"},
            "'-0.5 W' is negative",
        ),
    ],
)
def test_impossible_values_are_named_in_the_users_units(path, value, message):
    raw = _example()
    node = raw
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert message in _error(raw)


def test_fuel_saved_may_be_energy_or_volume_but_nothing_else():
    raw = _example()
    raw["opportunities"][0]["heat_saved"] = "6000 m3/year"
    saved = parse_project(raw).opportunities[0].heat_saved
    assert saved.unit == "L/year"
    assert saved.value == pytest.approx(6_000_000, rel=1e-12)
    raw["opportunities"][0]["heat_saved"] = "5 kg/year"
    assert "'5 kg/year' is not in kWh/year nor in L/year" in _error(raw)
    assert "e.g. '60 MWh/year or 6000 m3/year'" in _error(raw)


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("0.01 years", "is 0.12 months; twinlca counts whole months"),
        ("45 days", "counts whole months"),
        ("500 years", "use at most 30 years"),
    ],
)
def test_study_period_in_whole_months(period, message):
    raw = _example()
    raw["study_period"] = period
    assert message in _error(raw)
    raw["study_period"] = "18 months"
    assert parse_project(raw).months == 18


def test_a_backfire_written_in_percent_is_not_misread():
    raw = _example()
    raw["rebound"]["central"]["direct"] = "150 %"
    assert "'150 %' is above 100 %: set backfire = true" in _error(raw)


@pytest.mark.parametrize(
    "text", ["__import__('os').system('id')", "[", "1/0 kWh/year", "eval('1')"]
)
def test_a_project_file_is_data_never_code(text):
    raw = _example()
    raw["opportunities"][0]["electricity_saved"] = text
    assert _error(raw).startswith("opportunities[0].electricity_saved: ")


def test_a_grid_factor_of_56_kg_per_kwh_is_caught():
    raw = _example()
    raw["datasets"] = [
        {"id": "my-grid", "name": "g", "unit": "kilowatt hour", "values": {"climate_change": 56},
         "source": "utility", "reference_year": 2024}
    ]  # fmt: skip
    assert "did you mean 0.056 (g written for kg)?" in _error(raw)
    assert _error(raw).startswith("datasets[0]: ")


def test_an_overflowing_study_period_is_refused():
    raw = _example()
    raw["study_period"] = "1E308year"  # found by the fuzzer: 12 x 1e308 months overflows
    assert _error(raw).startswith("study_period: '1E308year' is 1e+308 year, beyond any amount")
    raw["study_period"] = "31 years"
    assert "use at most 30 years" in _error(raw)
