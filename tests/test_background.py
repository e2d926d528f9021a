"""The open background: the schema holds for every shipped record, and bad records are refused."""

from __future__ import annotations

import math

import pytest
import yaml

from inventories.background import load_background, shipped_background
from lca import units
from lca.errors import DataError, LookupFailure
from lca.indicators import INDICATOR_IDS


def test_shipped_records_follow_the_schema():
    background = shipped_background()
    assert len(background.datasets) >= 100
    for record in background.datasets.values():
        assert record.source.strip() and record.unit in units.BRIGHTWAY_UNITS
        assert set(record.values) == set(INDICATOR_IDS)
        assert all(v is None or math.isfinite(v) for v in record.values.values())
        assert 1900 < record.reference_year <= 2026
    for record in background.parameters.values():
        assert record.source.strip()
        units.conversion_factor(record.unit, record.unit)


def test_data_version_changes_with_the_data(tmp_path):
    folder = _write(tmp_path, [_record()])
    first = load_background(folder).version
    _write(tmp_path, [_record(values={"climate_change": 0.2})])
    assert load_background(folder).version != first


def _record(**changes) -> dict:
    record = {
        "id": "electricity/FR/average",
        "name": "test",
        "unit": "kilowatt hour",
        "location": "FR",
        "values": {"climate_change": 0.1},
        "source": "test",
        "reference_year": 2024,
        "uncertainty": {"distribution": "lognormal", "gsd": 1.2},
    }
    record.update(changes)
    return record


def _write(tmp_path, records) -> object:
    (tmp_path / "background").mkdir(exist_ok=True)
    (tmp_path / "background" / "test.yaml").write_text(yaml.safe_dump({"datasets": records}))
    return tmp_path


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([_record(), _record()], "defined twice"),
        ([_record(unit="kWh")], "unit 'kWh' is not one of"),
        ([_record(source=" ")], "source is empty"),
        (
            [_record(values={"climate_change": -0.1})],
            "lognormal distribution needs a positive value",
        ),
        ([_record(values={"climate_change": float("nan")})], "must be finite"),
        (
            [_record(uncertainty={"distribution": "uniform", "min": 0.2, "max": 0.1})],
            "min .* is above max",
        ),
        (
            [_record(uncertainty={"distribution": "uniform", "min": 0.2, "max": 0.3})],
            "outside its range",
        ),
        ([_record(values={"climate_change": None, "water": 1.0})], "must be a gap record"),
        ([_record(values={"climate_change": 0.1, "ozone": 1.0})], "unknown indicators"),
    ],
)
def test_bad_records_are_refused_with_their_place(tmp_path, records, message):
    with pytest.raises(DataError, match=message) as caught:
        load_background(_write(tmp_path, records))
    assert str(caught.value).startswith("background/test.yaml[")


def test_a_gap_record_cannot_be_used(tmp_path):
    background = load_background(_write(tmp_path, [_record(values={"climate_change": None})]))
    with pytest.raises(LookupFailure, match="has no figure from an open source yet"):
        background.dataset("electricity/FR/average")


def test_an_unknown_dataset_suggests_close_ids():
    with pytest.raises(LookupFailure, match="did you mean 'electricity/FR/average'"):
        shipped_background().dataset("electricity/FR/averge")
