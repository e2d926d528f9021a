"""Monte Carlo over every uncertain input: the fast path, vectorised over samples.

Three kinds of input carry uncertainty:

- the project's own quantities written with a range or a distribution
  (``{ value = "125 MWh/year", min = "50 MWh/year", max = "250 MWh/year" }``),
  named by their dotted path in the project file;
- background parameters (lifetimes, power draws, PUE, prices...);
- background datasets: one draw per dataset and sample, the record's
  indicators scaled together (the data README's rule).

Each input is drawn once per sample wherever it is used (the same grid factor
in the gains and in the footprint, the same device type in two tiers), so
that differences are not inflated by independent draws.

A chunk of samples is evaluated in one pass: the project's builders run once
with :class:`~lca.sampled.Sampled` values, which gives every inventory line's
study-period total for every sample; the net effect per scenario and
indicator is then two matrix products. The model's structure (which lines
exist and their roles) is that of the central case.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel

from inventories.background import Background, Uncertainty
from inventories.build import Inventory, build_inventory
from inventories.project import Project
from inventories.quantities import Quantity
from lca.brightway import as_matrix
from lca.errors import ConsistencyError
from lca.indicators import INDICATOR_IDS, REFERENCE_INDICATOR
from lca.sampled import Sampled, inputs_of, samples_of

#: Samples evaluated per pass of the builders (bounds memory: about 60 MB per chunk).
CHUNK = 1 << 15

InputKind = Literal["project", "parameter", "dataset"]


@dataclass(frozen=True)
class UncertainInput:
    """One uncertain input: where it comes from, its central value and its distribution."""

    id: str
    kind: InputKind
    label: str
    central: float
    unit: str
    uncertainty: Uncertainty

    def quantile(self, u: np.ndarray) -> np.ndarray:
        """The values at probabilities ``u`` (the inverse of the distribution function)."""
        from scipy.special import ndtr, ndtri

        spec = self.uncertainty
        u = np.clip(u, 1e-12, 1 - 1e-12)
        if spec.distribution == "lognormal":
            return self.central * np.exp(np.log(spec.gsd) * ndtri(u))
        if spec.distribution == "normal":  # truncated at min and max where given
            low = 0.0 if spec.min is None else ndtr((spec.min - self.central) / spec.sd)
            high = 1.0 if spec.max is None else ndtr((spec.max - self.central) / spec.sd)
            return self.central + spec.sd * ndtri(np.clip(low + u * (high - low), 1e-12, 1 - 1e-12))
        if spec.distribution == "uniform":
            return spec.min + u * (spec.max - spec.min)
        low, mode, high = spec.min, self.central, spec.max
        width = high - low
        if width == 0:
            return np.full_like(u, mode)
        below = u < (mode - low) / width
        return np.where(
            below,
            low + np.sqrt(u * width * (mode - low)),
            high - np.sqrt((1 - u) * width * (high - mode)),
        )

    def stats_arrays(self, scale: float) -> dict:
        """The distribution of ``scale`` x this input as Brightway's uncertainty fields."""
        spec = self.uncertainty
        amount = scale * self.central
        if spec.distribution == "lognormal":
            return {
                "uncertainty type": 2,
                "loc": float(np.log(abs(amount))),
                "scale": float(np.log(spec.gsd)),
                "negative": amount < 0,
            }
        if spec.distribution == "normal":
            bounds = sorted(scale * bound for bound in (spec.min, spec.max) if bound is not None)
            fields = {"uncertainty type": 3, "loc": amount, "scale": abs(scale) * spec.sd}
            if spec.min is not None and spec.max is not None:
                fields.update(minimum=bounds[0], maximum=bounds[1])
            elif bounds:
                fields["minimum" if (spec.min is not None) == (scale > 0) else "maximum"] = bounds[
                    0
                ]
            return fields
        low, high = sorted((scale * spec.min, scale * spec.max))
        kind = 4 if spec.distribution == "uniform" else 5
        return {"uncertainty type": kind, "loc": amount, "minimum": low, "maximum": high}

    def describe(self) -> dict:
        """The input as plain data (results.json, sensitivity tables)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "central": self.central,
            "unit": self.unit,
            "distribution": self.uncertainty.model_dump(exclude_none=True),
        }


def _uncertain(uncertainty: Uncertainty | None) -> bool:
    return uncertainty is not None and uncertainty.distribution != "none"


def project_quantities(node: Any, path: str = "") -> Iterator[tuple[str, Quantity]]:
    """Every quantity of a project, with the dotted path the user wrote it at."""
    if isinstance(node, Quantity):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from project_quantities(getattr(node, name), f"{path}.{name}" if path else name)
    elif isinstance(node, (list, tuple)):
        for position, item in enumerate(node):
            yield from project_quantities(item, f"{path}[{position}]")
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from project_quantities(item, f"{path}.{key}")


def with_quantities(node: Any, quantities: dict[str, Quantity], path: str = "") -> Any:
    """A copy of a project (or a part of it) with the quantities at the given paths replaced."""
    if not any(key.startswith(path) for key in quantities):
        return node
    if isinstance(node, Quantity):
        return quantities.get(path, node)
    if isinstance(node, BaseModel):
        update = {}
        for name in type(node).model_fields:
            old = getattr(node, name)
            new = with_quantities(old, quantities, f"{path}.{name}" if path else name)
            if new is not old:
                update[name] = new
        return node.model_copy(update=update) if update else node
    if isinstance(node, list):
        return [with_quantities(item, quantities, f"{path}[{i}]") for i, item in enumerate(node)]
    if isinstance(node, tuple):
        return tuple(
            with_quantities(item, quantities, f"{path}[{i}]") for i, item in enumerate(node)
        )
    if isinstance(node, dict):
        return {
            key: with_quantities(item, quantities, f"{path}.{key}") for key, item in node.items()
        }
    return node


def background_with(background: Background, values: dict[str, float]) -> Background:
    """A copy of the background with some parameters' values replaced."""
    if not values:
        return background
    parameters = dict(background.parameters)
    for key, value in values.items():
        parameters[key] = parameters[key].model_copy(update={"value": value})
    return dataclasses.replace(background, parameters=parameters)


def _candidates(project: Project, background: Background) -> list[UncertainInput]:
    """Every input written with an uncertainty, before knowing whether it is used."""
    found = [
        UncertainInput(
            f"project:{path}", "project", path, quantity.value, quantity.unit, quantity.uncertainty
        )
        for path, quantity in project_quantities(project)
        if _uncertain(quantity.uncertainty)
    ]
    found += [
        UncertainInput(
            f"parameter:{key}", "parameter", key, record.value, record.unit, record.uncertainty
        )
        for key, record in sorted(background.parameters.items())
        if record.value is not None and _uncertain(record.uncertainty)
    ]
    return found


class UncertaintyModel:
    """A project ready for sampling: its uncertain inputs and the fast evaluation.

    ``nets(values)`` takes one row per sample and one column per input (in the
    order of :attr:`inputs`) and returns, per rebound scenario, the net benefit
    per sample and indicator.
    """

    def __init__(
        self, project: Project, background: Background, architecture: str | None = None
    ) -> None:
        self.project = project
        self._quantities = dict(project_quantities(project))
        self.background = background
        self.architecture = architecture
        self.inventory: Inventory = build_inventory(project, background, architecture)
        lines = self.inventory.lines
        self.line_ids = [line.line_id for line in lines]
        self.datasets = sorted({line.dataset for line in lines})
        column = {dataset: i for i, dataset in enumerate(self.datasets)}
        self._one_hot = np.zeros((len(lines), len(self.datasets)))
        for row, line in enumerate(lines):
            self._one_hot[row, column[line.dataset]] = line.sign
        self._scenario_masks = {
            scenario: np.array(
                [line.effect_order != "higher" or line.scenario == scenario for line in lines]
            )
            for scenario in self.inventory.scenarios
        }
        self.unit_impacts, present = as_matrix(background.record_impacts(), self.datasets)

        def has_values(order: str) -> np.ndarray:
            rows = [column[line.dataset] for line in lines if line.effect_order == order]
            return present[rows].any(axis=0) if rows else np.ones(len(INDICATOR_IDS), bool)

        #: Per indicator: do the gains and the footprint (where it has lines) rest on values?
        self.complete = dict(
            zip(INDICATOR_IDS, (has_values("second") & has_values("first")).tolist(), strict=True)
        )

        candidates = _candidates(project, background)
        reached = self._reached(candidates)
        self.not_propagated = [
            c.label for c in candidates if c.kind == "project" and c.id not in reached
        ]
        self.inputs = [c for c in candidates if c.id in reached] + self._dataset_inputs()
        self._check_central()

    def _reached(self, candidates: list[UncertainInput]) -> set[str]:
        """The ids of the candidates that reach at least one inventory amount."""
        probe = np.ones((1, len(candidates))) * [c.central for c in candidates]
        inventory = self._build(candidates, probe)
        return set().union(*(inputs_of(line.amount_per_month) for line in inventory.lines))

    def _dataset_inputs(self) -> list[UncertainInput]:
        inputs = []
        for dataset in self.datasets:
            record = self.background.datasets[dataset]
            reference = record.values[REFERENCE_INDICATOR]
            if _uncertain(record.uncertainty) and reference:
                inputs.append(
                    UncertainInput(
                        f"dataset:{dataset}",
                        "dataset",
                        dataset,
                        reference,
                        f"kg CO2-eq/{record.unit}",
                        record.uncertainty,
                    )
                )
        return inputs

    def _build(self, inputs: list[UncertainInput], values: np.ndarray) -> Inventory:
        """The inventory with every input set to its column of ``values``."""
        project_values: dict[str, float] = {}
        parameter_values: dict[str, float] = {}
        for position, item in enumerate(inputs):
            value = Sampled(item.central, values[:, position], frozenset({item.id}))
            if item.kind == "project":
                project_values[item.label] = value
            elif item.kind == "parameter":
                parameter_values[item.label] = value
        quantities = {
            path: dataclasses.replace(self._quantities[path], value=value)
            for path, value in project_values.items()
        }
        inventory = build_inventory(
            with_quantities(self.project, quantities),
            background_with(self.background, parameter_values),
            self.architecture,
        )
        if [line.line_id for line in inventory.lines] != self.line_ids:
            raise ConsistencyError(
                "the inventory's lines changed with sampled values; the model's structure must "
                "follow the central case"
            )
        return inventory

    def central_values(self, n: int = 1) -> np.ndarray:
        """``n`` samples with every input at its central value."""
        return np.tile([item.central for item in self.inputs], (n, 1)).reshape(n, -1)

    def values_from_uniform(self, u: np.ndarray) -> np.ndarray:
        """Input values from probabilities (rows are samples, columns inputs)."""
        values = np.empty_like(u)
        for column, item in enumerate(self.inputs):
            values[:, column] = item.quantile(u[:, column])
        return values

    def line_totals(self, values: np.ndarray) -> np.ndarray:
        """Each line's amount over the study period, per sample (samples x lines)."""
        n = values.shape[0]
        inventory = self._build(self.inputs, values)
        totals = np.empty((n, len(self.line_ids)))
        for column, line in enumerate(inventory.lines):
            total = line.amount_per_month * float(line.months.sum())
            totals[:, column] = samples_of(total, n)
        return totals

    def dataset_ratios(self, values: np.ndarray) -> np.ndarray:
        """Each dataset's draw relative to its central value (samples x datasets)."""
        ratios = np.ones((values.shape[0], len(self.datasets)))
        for column, item in enumerate(self.inputs):
            if item.kind == "dataset":
                ratios[:, self.datasets.index(item.label)] = values[:, column] / item.central
        return ratios

    def aggregate(
        self, totals: np.ndarray, ratios: np.ndarray, unit_impacts: np.ndarray | None = None
    ) -> dict[str, np.ndarray]:
        """Net benefit per scenario (samples x indicators) from line totals and dataset draws.

        The net benefit is the sum over a scenario's lines of sign x amount x unit
        impact: gains count positive, footprint and rebound negative.
        """
        impacts = self.unit_impacts if unit_impacts is None else unit_impacts
        return {
            scenario: ((totals * mask) @ self._one_hot * ratios) @ impacts
            for scenario, mask in self._scenario_masks.items()
        }

    def nets(self, values: np.ndarray) -> dict[str, np.ndarray]:
        """Net benefit per scenario (samples x indicators) for input values (samples x inputs)."""
        return self.aggregate(self.line_totals(values), self.dataset_ratios(values))

    def exchange_distributions(self) -> tuple[list[dict | None], list[str]]:
        """Each line's total as a distribution of one input, where it is one; and the rest.

        A line whose total is proportional to a single uncertain input takes that
        input's distribution, scaled; the other lines stay at their central amount.
        Returns the distributions (None for a fixed line) and the labels of the
        project and parameter inputs that no line carries alone: an exchange-level
        Monte Carlo (Brightway's) cannot represent those.
        """
        central = self.central_values()
        doubled = central.copy()
        own = [item.kind != "dataset" for item in self.inputs]
        doubled[0, own] *= 2
        base, twice = self.line_totals(central)[0], self.line_totals(doubled)[0]
        inventory = self._build(self.inputs, central)
        position = {item.id: column for column, item in enumerate(self.inputs)}
        distributions: list[dict | None] = []
        carried = set()
        for row, line in enumerate(inventory.lines):
            depends = inputs_of(line.amount_per_month)
            if (
                len(depends) != 1
                or base[row] == 0
                or abs(twice[row] - 2 * base[row]) > 1e-12 * abs(base[row])
            ):
                distributions.append(None)
                continue
            item = self.inputs[position[next(iter(depends))]]
            distributions.append(item.stats_arrays(base[row] / item.central))
            carried.add(item.id)
        missing = [
            item.label for item in self.inputs if item.kind != "dataset" and item.id not in carried
        ]
        return distributions, missing

    def dataset_distributions(self) -> dict[str, dict[str, dict]]:
        """Per dataset with an uncertain draw: each indicator value's distribution."""
        found = {}
        for item in self.inputs:
            if item.kind != "dataset":
                continue
            values = self.background.datasets[item.label].values
            found[item.label] = {
                indicator: item.stats_arrays(value / item.central)
                for indicator, value in values.items()
                if value
            }
        return found

    def _check_central(self) -> None:
        """The fast path at the central values must give the line route's net benefit."""
        from lca.results import evaluate, summarise

        evaluation = evaluate(self.inventory, self.background.record_impacts())
        nets = self.nets(self.central_values())
        for scenario, values in nets.items():
            for column, entry in enumerate(summarise(evaluation, scenario)):
                expected, found = entry["net_benefit"], values[0, column]
                scale = max(
                    abs(expected), float(np.abs(evaluation.values[:, column]).max(initial=0))
                )
                if abs(found - expected) > 1e-9 * max(scale, 1e-12):
                    raise ConsistencyError(
                        f"the sampled model gives {found!r} for {scenario}, {entry['id']}; the "
                        f"inventory lines give {expected!r}"
                    )


@dataclass(frozen=True)
class MonteCarloResult:
    """Net benefit samples per scenario (samples x indicators), with how they were drawn."""

    iterations: int
    seed: int
    nets: dict[str, np.ndarray]

    def statistics(self, scenario: str) -> list[dict]:
        """Per indicator: mean, median, 5th and 95th percentiles, probability of a net benefit."""
        values = self.nets[scenario]
        p05, median, p95 = np.percentile(values, [5, 50, 95], axis=0)
        return [
            {
                "iterations": self.iterations,
                "seed": self.seed,
                "mean": float(values[:, column].mean()),
                "median": float(median[column]),
                "p05": float(p05[column]),
                "p95": float(p95[column]),
                "prob_net_benefit_positive": float((values[:, column] > 0).mean()),
            }
            for column in range(len(INDICATOR_IDS))
        ]


def monte_carlo(
    model: UncertaintyModel,
    iterations: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
) -> MonteCarloResult:
    """``iterations`` samples of every uncertain input, evaluated chunk by chunk.

    The probabilities are drawn in one stream from ``seed``, row by row, so the
    same seed gives the same numbers whatever the chunk size.
    """
    generator = np.random.default_rng(seed)
    nets = {
        scenario: np.empty((iterations, len(INDICATOR_IDS)))
        for scenario in model.inventory.scenarios
    }
    chunk = min(chunk, max(1000, -(-iterations // 20)))  # about twenty steps of progress
    for start in range(0, iterations, chunk):
        stop = min(start + chunk, iterations)
        u = generator.random((stop - start, len(model.inputs)))
        for scenario, values in model.nets(model.values_from_uniform(u)).items():
            nets[scenario][start:stop] = values
        if progress is not None:
            progress(stop - start)
    return MonteCarloResult(iterations, seed, nets)
