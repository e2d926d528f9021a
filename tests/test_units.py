"""Unit conventions, stated in the README and lca/units.py, checked here."""

from __future__ import annotations

import pytest

from inventories.quantities import parse_quantity
from lca import units


@pytest.mark.parametrize(
    ("written", "canonical", "expected"),
    [
        ("1 year", "hour", 8760),  # a year is 365 days
        ("1 month", "hour", 730),
        ("3600 MJ/year", "kWh/year", 1000),  # 3.6 MJ = 1 kWh
        ("0.5 t", "kg", 500),
        ("8000 Gb/year", "GB/year", 1000),  # gigabits, not gilberts: 8 bits a byte
        ("1000 GiB/year", "GB/year", 1073.741824),  # 2^30 bytes each
        ("2 TB", "GB", 2000),  # decimal prefixes
        ("180 MWh/year", "kWh/year", 180_000),
        ("50 %", "dimensionless", 0.5),
        ("12 / year", "1/year", 12),
        ("1 MJ", "kWh", 1 / 3.6),
    ],
)
def test_conventions(written, canonical, expected):
    assert parse_quantity(written, canonical, "x").value == pytest.approx(expected, rel=1e-12)


def test_wrong_dimension_names_both_units():
    with pytest.raises(ValueError, match=r"'5 kWh' is in kWh .* where kg .* is expected"):
        parse_quantity("5 kWh", "kg", "3.5 kg")


def test_data_volume_needs_a_unit():
    with pytest.raises(ValueError, match="has no unit"):
        parse_quantity("8000", "GB/year", "2 TB/year")
    with pytest.raises(ValueError, match="has no unit"):
        parse_quantity(8000, "GB/year", "2 TB/year")


@pytest.mark.parametrize("bad", ["nan kWh", "inf kWh", float("nan"), float("inf")])
def test_non_finite_values_are_rejected(bad):
    with pytest.raises(ValueError, match="not a finite number"):
        parse_quantity(bad, "kWh", "1 kWh")


def test_brightway_long_names_inside_compound_units():
    # "kilowatt hour" is one unit: litres per kWh, not litre-hours per kilowatt
    assert units.conversion_factor("liter / kilowatt hour", "L/kWh") == pytest.approx(1)
    assert units.conversion_factor("kilowatt hour / gigabyte", "kWh/TB") == pytest.approx(1000)


def test_uncertainty_is_converted_with_its_value():
    quantity = parse_quantity({"value": "1 t", "min": "500 kg", "max": "2 t"}, "kg", "x")
    assert (quantity.value, quantity.uncertainty.min, quantity.uncertainty.max) == (1000, 500, 2000)
    assert quantity.uncertainty.distribution == "triangular"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"value": "-1 kg", "distribution": "lognormal", "gsd": 1.2}, "needs a positive value"),
        ({"value": "1 kg", "distribution": "lognormal", "gsd": 1}, "gsd must be above 1"),
        ({"value": "1 kg", "min": "2 kg", "max": "1 kg"}, "min .* is above max"),
        ({"value": "1 kg", "distribution": "lognormal"}, "needs 'gsd'"),
        ({"value": "1 kg", "spread": 2}, "unknown keys"),
    ],
)
def test_inconsistent_uncertainty_is_rejected(table, message):
    with pytest.raises(ValueError, match=message):
        parse_quantity(table, "kg", "1 kg")
