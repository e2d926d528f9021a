"""Global sensitivity of the net benefit: which uncertain inputs matter.

Three views of the same inputs, all evaluated on the fast path:

- Sobol indices (Saltelli's scheme, through SALib): the first-order index S1
  is the share of the net benefit's variance an input explains alone, the
  total index ST adds its interactions. Inputs are ranked by ST;
- Morris screening (SALib) when there are many inputs: mu* is the mean size of
  an input's elementary effect, between its 5th and 95th percentiles;
- a one-at-a-time tornado: the net benefit with one input at its 5th, then
  its 95th percentile, every other input at its central value.

Every input is sampled through its own distribution (SALib draws
probabilities, which :meth:`UncertaintyModel.values_from_uniform` turns into
values), so the indices describe the distributions the user and the data gave.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from lca.errors import ProjectError
from lca.indicators import INDICATOR_IDS
from lca.montecarlo import CHUNK, UncertaintyModel

Method = Literal["sobol", "morris"]

#: Above this many inputs, ``auto`` screens with Morris instead of computing Sobol indices.
SOBOL_MAX_INPUTS = 60
#: Morris moves each input between its 5th and 95th percentiles.
MORRIS_RANGE = (0.05, 0.95)


@dataclass(frozen=True)
class Sensitivity:
    """The inputs ranked by their influence on one indicator's net benefit."""

    method: Method
    indicator: str
    scenario: str
    samples: int
    evaluations: int
    seed: int
    central_net: float
    rows: list[dict]

    def document(self) -> dict:
        """As plain data, for sensitivity.json."""
        return {
            "method": self.method,
            "indicator": self.indicator,
            "scenario": self.scenario,
            "samples": self.samples,
            "evaluations": self.evaluations,
            "seed": self.seed,
            "central_net_benefit": self.central_net,
            "inputs": self.rows,
        }


def _evaluate(
    model: UncertaintyModel,
    values: np.ndarray,
    scenario: str,
    column: int,
    progress: Callable[[int], None] | None,
) -> np.ndarray:
    """One indicator's net benefit for each row of input values, chunk by chunk."""
    out = np.empty(values.shape[0])
    for start in range(0, values.shape[0], CHUNK):
        stop = min(start + CHUNK, values.shape[0])
        out[start:stop] = model.nets(values[start:stop])[scenario][:, column]
        if progress is not None:
            progress(stop - start)
    return out


def tornado(model: UncertaintyModel, scenario: str, column: int) -> list[dict]:
    """The net benefit with each input alone at its 5th and 95th percentiles."""
    count = len(model.inputs)
    values = model.central_values(2 * count)
    for position, item in enumerate(model.inputs):
        low, high = item.quantile(np.array([0.05, 0.95]))
        values[2 * position, position] = low
        values[2 * position + 1, position] = high
    nets = _evaluate(model, values, scenario, column, None)
    return [
        {
            "input_p05": float(values[2 * position, position]),
            "input_p95": float(values[2 * position + 1, position]),
            "net_at_input_p05": float(nets[2 * position]),
            "net_at_input_p95": float(nets[2 * position + 1]),
            "swing": float(abs(nets[2 * position + 1] - nets[2 * position])),
        }
        for position in range(count)
    ]


def evaluations_needed(method: Method, inputs: int, samples: int) -> int:
    """Model evaluations a method takes for ``samples`` base samples (or trajectories)."""
    return samples * (inputs + 2) if method == "sobol" else samples * (inputs + 1)


def choose_method(requested: str, inputs: int) -> Method:
    """``auto``: Sobol indices up to SOBOL_MAX_INPUTS inputs, Morris screening above."""
    if requested == "auto":
        return "sobol" if inputs <= SOBOL_MAX_INPUTS else "morris"
    return requested  # type: ignore[return-value]


def checked_request(model: UncertaintyModel, indicator: str, scenario: str | None) -> str:
    """The scenario to analyse; a clear error for an unknown indicator or scenario, or
    for fewer than two uncertain inputs."""
    if indicator not in INDICATOR_IDS:
        raise ProjectError("--indicator", f"{indicator!r} is not one of {list(INDICATOR_IDS)}")
    if not model.complete[indicator]:
        raise ProjectError(
            "--indicator",
            f"{indicator}: the gains or the footprint rest on no dataset with a {indicator} "
            "value, so its net benefit is not meaningful (see coverage in results.json)",
        )
    scenario = scenario or model.inventory.default_scenario
    if scenario not in model.inventory.scenarios:
        raise ProjectError(
            "--scenario", f"{scenario!r} is not one of {list(model.inventory.scenarios)}"
        )
    if len(model.inputs) < 2:
        raise ProjectError(
            "",
            f"{len(model.inputs)} uncertain input(s): sensitivity needs at least two; give "
            "ranges (min, max) or distributions to the levers and IT quantities",
        )
    return scenario


def sensitivity(
    model: UncertaintyModel,
    indicator: str = "climate_change",
    scenario: str | None = None,
    method: str = "auto",
    samples: int = 1024,
    seed: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Sensitivity:
    """Rank the uncertain inputs by their influence on one indicator's net benefit."""
    scenario = checked_request(model, indicator, scenario)
    column = INDICATOR_IDS.index(indicator)
    chosen = choose_method(method, len(model.inputs))
    names = [item.id for item in model.inputs]

    if chosen == "sobol":
        from SALib.analyze import sobol as sobol_analysis
        from SALib.sample import sobol as sobol_sample

        problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
        u = sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)
        y = _evaluate(model, model.values_from_uniform(u), scenario, column, progress)
        indices = sobol_analysis.analyze(problem, y, calc_second_order=False, seed=seed)
        scores = {
            "S1": indices["S1"],
            "S1_conf": indices["S1_conf"],
            "ST": indices["ST"],
            "ST_conf": indices["ST_conf"],
        }
        rank_by = "ST"
    else:
        from SALib.analyze import morris as morris_analysis
        from SALib.sample import morris as morris_sample

        problem = {
            "num_vars": len(names),
            "names": names,
            "bounds": [list(MORRIS_RANGE)] * len(names),
        }
        u = morris_sample.sample(problem, samples, num_levels=4, seed=seed)
        y = _evaluate(model, model.values_from_uniform(u), scenario, column, progress)
        indices = morris_analysis.analyze(problem, u, y, num_levels=4, seed=seed)
        scores = {
            "mu_star": indices["mu_star"],
            "mu_star_conf": indices["mu_star_conf"],
            "sigma": indices["sigma"],
        }
        rank_by = "mu_star"

    swings = tornado(model, scenario, column)
    rows = [
        {
            **item.describe(),
            **{key: float(np.nan_to_num(values[position])) for key, values in scores.items()},
            **swings[position],
        }
        for position, item in enumerate(model.inputs)
    ]
    rows.sort(key=lambda row: (-row[rank_by], -row["swing"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    central = model.nets(model.central_values())[scenario][0, column]
    return Sensitivity(chosen, indicator, scenario, samples, len(u), seed, float(central), rows)
