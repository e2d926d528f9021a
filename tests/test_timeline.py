"""Effects in time, worked out by hand on the tiny background (electricity 0.1 kg/kWh).

Study: 2 years = 24 months. Gains: 12 MWh/year of electricity saved = 100 kg CO2-eq
a month. Networks: 4G at 0.05 kWh/GB.
"""

from __future__ import annotations

import pytest

from inventories.project import parse_project
from lca.timeline import break_even, crossings, monthly, split
from tests.conftest import evaluated


def _climate(tiny_background, production: dict, it: dict) -> dict:
    raw = {
        "name": "t", "country": "FR", "study_period": "2 years", "electricity": "marginal",
        "architecture": "a", "architectures": {"a": it},
        "opportunities": [
            {"id": "Production-01", "electricity_saved": "12 MWh/year", **production}
        ],
        "rebound": {"none": {"default": True}},
    }  # fmt: skip
    _, _, evaluation = evaluated(raw, tiny_background)
    return monthly(evaluation, "none")["climate_change"]


NETWORK_30_KG = {"networks": [{"type": "4g", "volume": "72000 GB/year"}]}  # 300 kWh = 30 kg a month
SERVER_UP_FRONT = {
    "edge_servers": [{"name": "s", "type": "rack-server", "count": 1, "power": "0 W"}]
}  # 24/60 of a 1 000 kg server, all in month 1: 400 kg


def test_a_saving_that_stops_after_six_months(tiny_background):
    it = {**NETWORK_30_KG, **SERVER_UP_FRONT}
    climate = _climate(tiny_background, {"lasts": "6 months"}, it)
    # month 1: 100 - 30 - 400 = -330; months 2-6: +70 each; then -30 a month
    assert climate["net"][0] == pytest.approx(-330)
    assert climate["cumulative_net"][5] == pytest.approx(-330 + 5 * 70)  # +20 after month 6
    assert climate["cumulative_net"][-1] == pytest.approx(20 - 18 * 30)
    # turns positive during month 6 (-50 -> +20), negative again during month 7 (+20 -> -10)
    assert break_even(climate["cumulative_net"]) == pytest.approx(5 + 50 / 70)
    assert crossings(climate["cumulative_net"]) == pytest.approx([5 + 50 / 70, 6 + 20 / 30])


def test_a_twin_that_runs_above_what_it_saves_never_pays_back(tiny_background):
    it = {"networks": [{"type": "4g", "volume": "288000 GB/year"}]}  # 120 kg a month
    climate = _climate(tiny_background, {}, it)
    assert climate["net"] == pytest.approx([-20.0] * 24)
    assert break_even(climate["cumulative_net"]) is None
    assert crossings(climate["cumulative_net"]) == []


def test_ramp_up_and_decay(tiny_background):
    climate = _climate(tiny_background, {"ramp_up": "4 months", "decay": "12 %/year"}, {})
    # month m saves 100 x min(1, m/4) x 0.88^((m-1)/12)
    expected = [100 * min(1, m / 4) * 0.88 ** ((m - 1) / 12) for m in range(1, 25)]
    assert climate["gains"] == pytest.approx(expected, rel=1e-12)


def test_immediate_and_long_term_effects(tiny_background):
    climate = _climate(tiny_background, {"lasts": "18 months"}, {})
    assert split(climate["gains"]) == pytest.approx(
        {"immediate": 1200.0, "long_term": 600.0, "total": 1800.0}
    )


@pytest.mark.parametrize(
    ("net", "label"),
    [(600.0, "actual reduction"), (400.0, "lesser increase"), (-10.0, "increase")],
)
def test_actual_reduction_or_lesser_increase(net, label):
    from lca.timeline import trajectory

    # 10 t today growing 5 %/year: 10.5 t next year without the twin; the twin's net
    # benefit of 600 kg brings it to 9.9 t (below today), 400 kg only to 10.1 t.
    result = trajectory(10_000, 0.05, [net])
    assert result["without_twin"] == pytest.approx([10_500])
    assert result["with_twin"] == pytest.approx([10_500 - net])
    assert result["label"] == label


def test_baseline_in_the_project_file(tiny_background):
    import tomllib

    from lca.errors import ProjectError
    from tests.conftest import TINY

    raw = tomllib.loads((TINY / "project.toml").read_text(encoding="utf-8"))
    raw["baseline"] = {"emissions": "1500 t/year", "growth": "5 %/year"}
    baseline = parse_project(raw).baseline
    assert (baseline.emissions.value, baseline.growth.value) == (1_500_000, pytest.approx(0.05))
    raw["baseline"]["growth"] = "-120 %/year"
    with pytest.raises(ProjectError, match="baseline.growth: '-120 %/year' would take emissions"):
        parse_project(raw)


def test_a_profile_for_one_lever_only(tiny_background):
    profiles = {"energy/electricity": {"lasts": "6 months"}}
    climate = _climate(tiny_background, {"heat_saved": "48000 kWh/year", "profiles": profiles}, {})
    # electricity 100 kg a month for 6 months; gas 4 000 kWh x 0.25 = 1 000 kg every month
    assert climate["gains"] == pytest.approx([1100.0] * 6 + [1000.0] * 18)


def test_a_profile_for_an_unknown_lever_is_refused(tiny_background):
    from lca.errors import ProjectError

    with pytest.raises(ProjectError, match="no lever with key"):
        _climate(tiny_background, {"profiles": {"energy/coal": {"lasts": "6 months"}}}, {})
