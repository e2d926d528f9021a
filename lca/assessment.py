"""One assessment, end to end: project -> lines -> impacts -> results document.

This is the library entry point the command line calls. Brightway is reached
only on a cache miss: unit impacts are cached per data version, and the
foreground check per foreground key, in the data directory.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from inventories.background import Background, shipped_background
from inventories.build import Inventory, build_inventory
from inventories.project import Project
from lca.brightway import (
    brightway_group_scores,
    check_against_brightway,
    foreground_key,
    unit_impacts,
)
from lca.consequences import consequence_tree
from lca.datadir import DataDirectory
from lca.errors import ConsistencyError, TwinlcaError
from lca.montecarlo import MonteCarloResult, UncertainInput, UncertaintyModel, monte_carlo
from lca.results import (
    Evaluation,
    energy_view,
    evaluate,
    group_scores,
    physical_quantities,
    summarise,
    tidy,
)
from lca.sensitivity import Sensitivity, sensitivity
from lca.timeline import break_even, crossings, monthly, per_year, split, trajectory

log = logging.getLogger(__name__)


def version_of(distribution: str) -> str:
    """The installed version of a distribution, without importing it."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


#: Base samples of the Sobol ranking shown in reports (evaluations: 512 x (inputs + 2)).
REPORT_SENSITIVITY_SAMPLES = 512


@dataclass(frozen=True)
class MonteCarloRun:
    """A Monte Carlo run of an assessment: its model, its inputs and its samples."""

    model: UncertaintyModel
    result: MonteCarloResult

    @property
    def inputs(self) -> list[UncertainInput]:
        """The inputs drawn."""
        return self.model.inputs

    @property
    def not_propagated(self) -> list[str]:
        """Project quantities whose uncertainty reaches no inventory amount."""
        return self.model.not_propagated

    @functools.cached_property
    def sensitivity(self) -> Sensitivity | None:
        """What drives the central net climate benefit (None with fewer than two inputs)."""
        if len(self.inputs) < 2:
            return None
        return sensitivity(self.model, samples=REPORT_SENSITIVITY_SAMPLES, seed=self.result.seed)

    def document(self) -> dict:
        """How the samples were drawn, for results.json."""
        return {
            "iterations": self.result.iterations,
            "seed": self.result.seed,
            "method": (
                "every uncertain input drawn once per iteration (correlated wherever it is "
                "used); the model's structure is that of the central case; lognormal values "
                "are medians"
            ),
            "inputs": [item.describe() for item in self.inputs],
            "not_propagated": self.not_propagated,
        }


@dataclass
class Assessment:
    """Everything one run computed, ready for the report writers."""

    project: Project
    inventory: Inventory
    evaluation: Evaluation
    background: Background
    summaries: dict[str, list[dict]]
    brightway_gap: float
    cache: dict[str, bool] = field(default_factory=dict)
    input_hash: str = ""
    alternative_supply: dict | None = None
    uncertainty: MonteCarloRun | None = None

    @property
    def warnings(self) -> list[str]:
        """Known shortcomings raised while building and computing."""
        found = list(self.inventory.warnings)
        if self.uncertainty is not None and self.uncertainty.not_propagated:
            found.append(
                "Monte Carlo: the uncertainty written for "
                + ", ".join(self.uncertainty.not_propagated)
                + " is not propagated: it enters no inventory amount (it shapes the study's "
                "structure or only the baseline)."
            )
        return found

    def statistics(self, scenario: str) -> list[dict | None]:
        """Monte Carlo statistics per indicator for one scenario (None without Monte Carlo)."""
        if self.uncertainty is None:
            return [None] * len(self.summaries[scenario])
        return self.uncertainty.result.statistics(scenario)

    def tidy(self) -> pd.DataFrame:
        """Per-line results, long format; a value is empty where its dataset has none."""
        frame = tidy(self.evaluation)
        units = {key: record.unit for key, record in self.background.datasets.items()}
        frame.insert(
            frame.columns.get_loc("amount") + 1, "amount_unit", frame["dataset"].map(units)
        )
        frame["value"] = frame["value"].where(frame["has_value"])
        return frame

    def electricity_primary_factor(self) -> float:
        """The project's primary-energy factor of electricity, or the EU default."""
        if self.project.primary_energy_factor is not None:
            return self.project.primary_energy_factor.value
        return self.background.parameter("energy/electricity/primary-energy-factor").magnitude(
            "dimensionless"
        )

    def timeline(self) -> dict:
        """The central case in time: per indicator, monthly parts, cumulative, break-even."""
        series = monthly(self.evaluation, self.inventory.default_scenario)
        return {
            indicator: {
                "monthly": {part: values.tolist() for part, values in parts.items()},
                "yearly": {
                    part: per_year(values)
                    for part, values in parts.items()
                    if part != "cumulative_net"
                },
                "break_even_months": break_even(parts["cumulative_net"]),
                "sign_changes_months": crossings(parts["cumulative_net"]),
                "effects": {
                    order: split(parts[part])
                    for order, part in (
                        ("first_order", "footprint"),
                        ("second_order", "gains"),
                        ("higher_order", "rebound"),
                    )
                },
            }
            for indicator, parts in series.items()
        }

    def missing_amounts(self, indicator_column: int) -> list[dict]:
        """Amounts resting on datasets without a value for an indicator (central case)."""
        frame = self.evaluation.lines
        scenario = self.inventory.default_scenario
        used = (frame["effect_order"] != "higher") | (frame["scenario"] == scenario)
        rows = frame[used.to_numpy() & ~self.evaluation.present[:, indicator_column]]
        totals = rows.groupby("dataset", sort=True)["amount"].sum()
        return [
            {"dataset": key, "amount": float(amount), "unit": self.background.datasets[key].unit}
            for key, amount in totals.items()
        ]

    @functools.cached_property
    def comparison(self) -> dict | None:
        """The project's architectures compared, without crossovers (None for only one)."""
        if len(self.project.architectures) < 2:
            return None
        from lca.architectures import compare_architectures

        return compare_architectures(
            self.project, self.background, self.background.record_impacts(), crossovers=False
        )

    def strict_check(self) -> None:
        """Refuse a result where a project's own dataset lacks a value for an indicator."""
        for column, entry in enumerate(self.summaries[self.inventory.default_scenario]):
            custom = [
                m for m in self.missing_amounts(column) if m["dataset"] in self.background.custom
            ]
            if custom:
                listed = ", ".join(f"{m['dataset']} ({m['amount']:g} {m['unit']})" for m in custom)
                raise ConsistencyError(
                    f"--strict: {listed} has no {entry['id']} value; give one in [[datasets]] "
                    "or run without --strict to count it as missing"
                )

    def document(self) -> dict:
        """The results document written as results.json."""
        project = self.project
        default = self.inventory.default_scenario
        central = [
            {
                **entry,
                "missing_amounts": self.missing_amounts(column),
                "uncertainty": self.statistics(default)[column],
            }
            for column, entry in enumerate(self.summaries[default])
        ]
        timeline = self.timeline()
        return {
            "project": project.name,
            "country": project.country,
            "study_period_years": project.study_period.value,
            "architecture": self.inventory.architecture,
            "electricity": project.electricity,
            "default_scenario": self.inventory.default_scenario,
            "indicators": central,
            "scenarios": {
                name: {
                    entry["id"]: {
                        **{
                            key: entry[key]
                            for key in ("unit", "gains", "footprint", "rebound", "net_benefit")
                        },
                        "uncertainty": statistics,
                    }
                    for entry, statistics in zip(entries, self.statistics(name), strict=True)
                }
                for name, entries in self.summaries.items()
            },
            "monte_carlo": None if self.uncertainty is None else self.uncertainty.document(),
            "physical": physical_quantities(self.evaluation, self.project),
            "consequence_tree": consequence_tree(self.evaluation),
            "energy": energy_view(
                self.evaluation, self.inventory.default_scenario, self.electricity_primary_factor()
            ),
            "effects": {
                order: {indicator: timeline[indicator]["effects"][order] for indicator in timeline}
                for order in ("first_order", "second_order", "higher_order")
            },
            "time_profile": {
                "months": project.months,
                **{indicator: timeline[indicator]["monthly"] for indicator in timeline},
                "per_year": {indicator: timeline[indicator]["yearly"] for indicator in timeline},
            },
            "break_even_months": timeline["climate_change"]["break_even_months"],
            "break_even_by_indicator": {
                indicator: timeline[indicator]["break_even_months"] for indicator in timeline
            },
            "sign_changes_months": timeline["climate_change"]["sign_changes_months"],
            "trajectory": None
            if project.baseline is None
            else trajectory(
                project.baseline.emissions.value,
                project.baseline.growth.value,
                timeline["climate_change"]["yearly"]["net"],
            ),
            "electricity_alternative": self.alternative_supply,
            "assumptions": list(self.project.assumptions),
            "notes": [note.model_dump() for note in self.project.notes],
            "warnings": self.warnings,
            "checks": {
                "brightway_max_relative_gap": self.brightway_gap,
                "sums_relative_tolerance": 1e-9,
            },
            "input_hash": self.input_hash,
            "versions": {
                "twinlca": version_of("twinlca"),
                "bw2calc": version_of("bw2calc"),
                "bw2data": version_of("bw2data"),
                "data": self.background.version,
            },
        }


def input_hash(project: Project, background: Background) -> str:
    """A hash of the validated project and the data version: same hash, same numbers."""
    text = json.dumps(
        [project.model_dump(mode="json"), background.version], sort_keys=True, default=repr
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _other_supply(
    project: Project, background: Background, architecture: str | None, impacts: dict
) -> dict:
    """The central case under the other electricity supply model (marginal <-> average).

    The consequential result hangs on the marginal electricity factor, which
    sources disagree on most; the same project under average factors shows how
    much.
    """
    other = "average" if project.electricity == "marginal" else "marginal"
    try:
        inventory = build_inventory(
            project.model_copy(update={"electricity": other}), background, architecture
        )
    except TwinlcaError as error:
        return {"electricity": other, "available": False, "reason": str(error), "indicators": {}}
    entries = summarise(evaluate(inventory, impacts), inventory.default_scenario)
    return {
        "electricity": other,
        "available": True,
        "indicators": {
            entry["id"]: {
                key: entry[key] for key in ("gains", "footprint", "rebound", "net_benefit")
            }
            for entry in entries
        },
    }


def uncertainty_model(
    project: Project, architecture: str | None = None, background: Background | None = None
) -> UncertaintyModel:
    """A project ready for sampling, on the shipped background plus its own datasets."""
    background = (background or shipped_background()).extended(
        [dataset.record() for dataset in project.datasets]
    )
    return UncertaintyModel(project, background, architecture)


def assess(
    project: Project,
    data_dir: DataDirectory,
    architecture: str | None = None,
    background: Background | None = None,
    iterations: int | None = None,
    seed: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Assessment:
    """Build the inventory, compute it (through the caches) and check both routes agree.

    With ``iterations``, every uncertain input is sampled that many times from
    ``seed`` (``progress`` is told how many samples each chunk finished).
    """
    background = (background or shipped_background()).extended(
        [dataset.record() for dataset in project.datasets]
    )
    inventory = build_inventory(project, background, architecture)
    impacts, impacts_cached = unit_impacts(data_dir, background)
    evaluation = evaluate(inventory, impacts)
    summaries = {scenario: summarise(evaluation, scenario) for scenario in inventory.scenarios}

    key = foreground_key(inventory, background)
    check_name = f"foreground-check-{key}.json"
    brightway_scores = data_dir.read_cache(check_name)
    check_cached = brightway_scores is not None
    if brightway_scores is None:
        log.info("computing the foreground with bw2calc (first run of this inventory)")
        brightway_scores = brightway_group_scores(data_dir, inventory, background)
    gap = check_against_brightway(group_scores(evaluation), brightway_scores)
    if not check_cached:
        data_dir.write_cache(check_name, brightway_scores)

    uncertainty = None
    if iterations:
        model = UncertaintyModel(project, background, architecture)
        uncertainty = MonteCarloRun(model, monte_carlo(model, iterations, seed, progress))

    return Assessment(
        uncertainty=uncertainty,
        alternative_supply=_other_supply(project, background, architecture, impacts),
        project=project,
        inventory=inventory,
        evaluation=evaluation,
        background=background,
        summaries=summaries,
        brightway_gap=gap,
        cache={"unit_impacts": impacts_cached, "foreground": check_cached},
        input_hash=input_hash(project, background),
    )
