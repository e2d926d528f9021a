"""Faults people hit in LCA and green-IT tools, rewritten as twinlca inputs (issue 9's cases)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lca.results import summarise
from tests.conftest import evaluated

ROOT = Path(__file__).parent.parent


def _climate(tiny_background, raw_changes: dict) -> dict:
    raw = {
        "name": "t", "country": "FR", "study_period": "1 year", "electricity": "marginal",
        "architecture": "a", "architectures": {"a": {}},
        "opportunities": [{"id": "Production-01", "electricity_saved": "10000 kWh/year"}],
        "rebound": {"s": {"default": True}},
    }  # fmt: skip
    raw.update(raw_changes)
    _, _, evaluation = evaluated(raw, tiny_background)
    return summarise(evaluation, "s")[0]


def test_a_rebound_written_in_percent(tiny_background):
    # 10 000 kWh saved at 0.1 kg/kWh, half taken back: 500 kg avoided, not -49 000
    climate = _climate(tiny_background, {"rebound": {"s": {"default": True, "direct": "50 %"}}})
    assert climate["net_benefit"] == pytest.approx(500, rel=1e-12)


def test_mj_written_for_electricity_is_converted(tiny_background):
    opportunity = {"id": "Production-01", "electricity_saved": "36000 MJ/year"}  # 10 000 kWh
    assert _climate(tiny_background, {"opportunities": [opportunity]})["gains"] == pytest.approx(
        1000
    )


def test_a_project_dataset_without_a_value_is_listed_with_its_amount(tiny_background, tmp_path):
    from click.testing import CliRunner

    import cli

    text = (
        cli.example_text()
        + """
[[datasets]]
id = "fixture"
name = "a fixture without water data"
unit = "unit"
values = { climate_change = 12.0 }
source = "supplier EPD, test"
reference_year = 2024
"""
    )
    text = text.replace(
        'parts_before = "197 / year"',
        'parts_before = "197 / year"\n# test: parts made of the fixture\n',
    ).replace('material = "steel-primary"', 'material = "custom/fixture"')
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    runner = CliRunner()
    base = ["--data-dir", str(tmp_path / "data"), "run", str(path), "-o", str(tmp_path / "out")]
    assert runner.invoke(cli.main, base).exit_code == 0
    document = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    water = next(e for e in document["indicators"] if e["id"] == "water")
    listed = {m["dataset"]: m for m in water["missing_amounts"]}
    # 197 - 158 = 39 parts of 1.5 kg a year, for 5 years, counted in units of the dataset
    assert listed["custom/fixture"]["amount"] == pytest.approx(39 * 1.5 * 5)
    strict = runner.invoke(cli.main, [*base, "--strict"])
    assert strict.exit_code == 1
    assert "--strict: custom/fixture (292.5 unit) has no water value" in strict.output


def test_two_runs_at_once_on_one_data_directory(tmp_path):
    data = tmp_path / "data"
    command = [sys.executable, str(ROOT / "cli.py"), "-q", "--data-dir", str(data), "run"]
    runs = [
        subprocess.Popen([*command, "-o", str(tmp_path / f"out{n}")], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(2)
    ]  # fmt: skip
    results = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    documents = [
        json.loads((tmp_path / f"out{n}" / "results.json").read_text(encoding="utf-8"))[
            "indicators"
        ]
        for n in range(2)
    ]
    assert documents[0] == documents[1]


def test_end_of_life_mass_adds_to_the_footprint(tiny_background):
    device = {"name": "d", "type": "iot-sensor-simple", "count": 1, "lifetime": "1 year",
              "power": "0 W", "waste_mass": "10 kg"}  # fmt: skip
    climate = _climate(tiny_background, {"architectures": {"a": {"field_devices": [device]}}})
    # 10 kg of e-waste at 0.5 kg CO2-eq/kg: +5 kg, on top of making (2.0) and its EoL record (0.5)
    assert climate["footprint"]["total"] == pytest.approx(5 + 2.0 + 0.5, rel=1e-12)


def test_a_negative_end_of_life_mass_is_refused(tiny_background):
    from lca.errors import ProjectError

    device = {"name": "d", "type": "iot-sensor-simple", "count": 1, "waste_mass": "-10 kg"}
    with pytest.raises(
        ProjectError, match=r"architectures.a.field_devices\[0\].waste_mass: '-10 kg' is negative"
    ):
        _climate(tiny_background, {"architectures": {"a": {"field_devices": [device]}}})


def test_sub_national_zone_falls_back_only_when_asked(tiny_background):
    from lca.errors import ProjectError

    with pytest.raises(ProjectError, match="'FR-IDF' is a sub-national zone"):
        _climate(tiny_background, {"country": "FR-IDF"})
    climate = _climate(tiny_background, {"country": "FR-IDF", "parent_country_fallback": True})
    assert climate["gains"] == pytest.approx(1000)


def test_outputs_are_all_or_nothing(tmp_path):
    from lca.errors import OutputError
    from reports.files import write_outputs

    write_outputs(tmp_path, {"a.txt": "old a", "b.txt": "old b"})
    (tmp_path / "c.txt").mkdir()  # a folder where a file must go: the write fails midway
    with pytest.raises(OutputError):
        write_outputs(tmp_path, {"a.txt": "new a", "c.txt": "new c"})
    assert (tmp_path / "a.txt").read_text() == "old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "c.txt"]


def test_sigma_of_a_lognormal_and_a_negative_uniform_range():
    import math

    from inventories.background import Uncertainty

    assert math.log(Uncertainty(distribution="lognormal", gsd=1.2).gsd) == pytest.approx(
        0.1823, abs=1e-4
    )
    Uncertainty(distribution="uniform", min=-110, max=-90).check_against(-100)


def test_a_run_waits_for_the_lock_and_says_so_when_it_expires(tmp_path):
    from filelock import FileLock

    from lca.datadir import DataDirectory
    from lca.errors import DataDirectoryError

    data = DataDirectory(tmp_path / "data", lock_timeout=0.2)
    data.prepare()
    with FileLock(str(data.root / ".lock")):
        with pytest.raises(DataDirectoryError, match=r"for more than 0.2 s; wait for it to finish"):
            with data.locked():
                pass


def test_a_study_period_of_zero_is_refused(tiny_background):
    from lca.errors import ProjectError

    with pytest.raises(ProjectError, match="study_period: '0 years' is zero"):
        _climate(tiny_background, {"study_period": "0 years"})


def test_a_read_only_data_directory_is_one_clear_line(tmp_path, monkeypatch):
    """A new project needs the lock and the caches: a read-only folder is named, no traceback."""
    import errno

    import filelock

    from lca.datadir import DataDirectory
    from lca.errors import DataDirectoryError

    def refuse(*_, **__):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(filelock.FileLock, "acquire", refuse)
    data = DataDirectory(tmp_path / "data")
    with pytest.raises(DataDirectoryError, match=r"cannot write in the data directory .*Read-only"):
        with data.locked():
            pass


def _device(**fields) -> dict:
    """A project with ten simple sensors, their fields as given."""
    return {
        "name": "x",
        "country": "FR",
        "study_period": "1 year",
        "architecture": "a",
        "electricity": "average",
        "opportunities": [{"id": "Production-01", "electricity_saved": "10 MWh/year"}],
        "it": {
            "field_devices": [{"name": "s", "type": "iot-sensor-simple", "count": 10, **fields}]
        },
        "architectures": {"a": {}},
        "rebound": {"none": {"default": True}},
    }


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (
            {"power": {"value": "0.5 W", "min": "-1 W", "max": "1 W"}},
            "it.field_devices[0].power: the range of '0.5 W' goes below zero",
        ),
        (
            {"lifetime": {"value": "5 years", "distribution": "normal", "sd": "3 years"}},
            "use a lognormal distribution",
        ),
        (
            {"share": {"value": "50 %", "min": "20 %", "max": "120 %"}},
            "goes above the possible 1 dimensionless",
        ),
        ({"power": "5 MW"}, "'5 MW' is above the possible 1e+06 W"),
        ({"power": "1e300 W"}, "beyond any amount one project can have"),
    ],
)
def test_a_range_that_leaves_what_a_field_allows_is_refused(field, message):
    from inventories.project import parse_project
    from lca.errors import ProjectError

    with pytest.raises(ProjectError, match=re.escape(message)):
        parse_project(_device(**field))


def test_a_normal_distribution_on_a_non_negative_amount_is_truncated_at_zero():
    """0.5 W with sd 2 W: half the draws would be negative; truncated at zero, none is, and
    the median of the truncated normal is 0.5 + 2 x Phi^-1((1 + Phi(-0.25)) / 2)."""
    import math

    import numpy as np

    from inventories.background import shipped_background
    from inventories.project import parse_project
    from lca.montecarlo import UncertaintyModel

    raw = _device(power={"value": "0.5 W", "distribution": "normal", "sd": "2 W"})
    project = parse_project(raw)
    assert project.it.field_devices[0].power.uncertainty.min == 0
    model = UncertaintyModel(project, shipped_background())
    item = next(i for i in model.inputs if i.label.endswith("power"))
    draws = item.quantile(np.linspace(0.0005, 0.9995, 2000))
    assert draws.min() >= 0
    phi = 0.5 * (1 + math.erf(-0.25 / math.sqrt(2)))  # Phi(-0.25) = 0.401 294
    median = item.quantile(np.array([0.5]))[0]
    expected = 0.5 + 2 * math.sqrt(2) * _erfinv(2 * ((1 + phi) / 2) - 1)
    assert median == pytest.approx(expected, rel=1e-6)


def _erfinv(y: float) -> float:
    """Inverse error function by bisection (independent of scipy)."""
    import math

    low, high = -6.0, 6.0
    for _ in range(200):
        middle = (low + high) / 2
        if math.erf(middle) < y:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def test_an_entry_of_a_quantity_table_is_named_in_its_error():
    from inventories.project import parse_project
    from lca.errors import ProjectError
    from tests.conftest import sensor_twin

    saved = {"value": "10 MWh/year", "distribution": "normal", "sd": "5 kg"}
    with pytest.raises(ProjectError) as error:
        parse_project(sensor_twin([{"id": "Production-01", "electricity_saved": saved}]))
    assert str(error.value).startswith(
        "opportunities[0].electricity_saved: sd: '5 kg' is in kg ([mass]), where kWh/year"
    )
    assert str(error.value).endswith("e.g. '180 MWh/year'")
