"""Comparing the architectures of one twin (cloud, edge, hybrid...).

Each architecture's footprint is computed by tier and phase, with the net
benefit it leaves. The main drivers of the footprint are then swept (data
volume: network volumes and cloud storage; compute load: cloud vCPU-hours and
memory) to find where the lowest-footprint architecture changes: the
crossover. Edge hardware is fixed capacity, so it does not scale with the
drivers; that is what makes a crossover possible.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from inventories.background import Background
from inventories.build import build_inventory
from inventories.lines import PHASES, TIERS
from inventories.project import ITInventory, Project
from lca.brightway import UnitImpacts
from lca.errors import ConsistencyError
from lca.indicators import INDICATORS
from lca.results import evaluate, summarise

#: The drivers swept, what they scale, and the sweep's range (factor of the project's value).
DRIVERS = {
    "data volume": {"networks": ("volume",), "cloud": ("storage",)},
    "compute load": {"cloud": ("vcpu_hours", "vcpus", "memory")},
}
SWEEP = np.logspace(-1, 1, 81)  # 0.1x to 10x


def _scaled_it(it: ITInventory, driver: str, factor: float) -> ITInventory:
    changes = {}
    for section, fields in DRIVERS[driver].items():
        items = []
        for item in getattr(it, section):
            update = {
                name: dataclasses.replace(
                    getattr(item, name), value=getattr(item, name).value * factor
                )
                for name in fields
                if getattr(item, name, None) is not None
            }
            items.append(item.model_copy(update=update))
        changes[section] = items
    return it.model_copy(update=changes)


def scaled(project: Project, driver: str, factor: float) -> Project:
    """The project with one driver of every architecture multiplied by ``factor``."""
    return project.model_copy(
        update={
            "it": _scaled_it(project.it, driver, factor),
            "architectures": {
                name: _scaled_it(it, driver, factor) for name, it in project.architectures.items()
            },
        }
    )


def _net_and_footprint(
    project: Project, background: Background, impacts: UnitImpacts, architecture: str
) -> dict[str, dict]:
    inventory = build_inventory(project, background, architecture)
    evaluation = evaluate(inventory, impacts)
    entries = summarise(evaluation, inventory.default_scenario)
    frame = evaluation.lines
    footprint_rows = (frame["effect_order"] == "first").to_numpy()
    result = {}
    for column, (indicator, entry) in enumerate(zip(INDICATORS, entries, strict=True)):
        by_tier_phase = {
            tier: {
                phase: float(
                    evaluation.values[
                        footprint_rows
                        & (frame["tier"] == tier).to_numpy()
                        & (frame["phase"] == phase).to_numpy(),
                        column,
                    ].sum()
                )
                for phase in PHASES
            }
            for tier in TIERS
        }
        result[indicator.id] = {
            "unit": indicator.unit,
            "footprint": entry["footprint"],
            "footprint_by_tier_and_phase": by_tier_phase,
            "net_benefit": entry["net_benefit"],
            "coverage": entry["coverage"],
        }
    return result


def _lowest(footprints: dict[str, float]) -> str:
    return min(footprints, key=lambda name: (footprints[name], name))


def _footprint_totals(
    project: Project, background: Background, impacts: UnitImpacts, name: str
) -> dict[str, float]:
    """The first-order effect of one architecture per indicator (missing values add nothing)."""
    inventory = build_inventory(project, background, name)
    totals = dict.fromkeys((indicator.id for indicator in INDICATORS), 0.0)
    for line in inventory.lines:
        if line.effect_order != "first":
            continue
        for indicator in totals:
            value = impacts[line.dataset][indicator]
            if value is not None:
                totals[indicator] -= line.sign * line.total * value
    return totals


def _footprint_lines(
    project: Project, background: Background, impacts: UnitImpacts, driver: str, name: str
) -> dict[str, tuple[float, float]]:
    """Footprint of one architecture as ``fixed + factor x variable`` in a driver, per indicator.

    Every line amount is proportional to the quantities a driver scales, so the
    footprint is affine in the factor; checked at a third point.
    """
    fixed, at_one, at_two = (
        _footprint_totals(scaled(project, driver, factor), background, impacts, name)
        for factor in (0.0, 1.0, 2.0)
    )
    lines = {}
    for indicator in fixed:
        variable = at_one[indicator] - fixed[indicator]
        if not math.isclose(
            at_two[indicator], fixed[indicator] + 2 * variable, rel_tol=1e-9, abs_tol=1e-9
        ):
            raise ConsistencyError(f"the {driver} of architecture {name} does not scale linearly")
        lines[indicator] = (fixed[indicator], variable)
    return lines


def _crossover(lines: dict[str, tuple[float, float]], driver: str, sweep: np.ndarray) -> dict:
    """Where the lowest-footprint architecture changes as the driver is swept.

    ``lines`` gives each architecture's footprint as ``(fixed, variable)`` in the driver.
    """

    def lowest(factor: float) -> str:
        return _lowest(
            {name: fixed + factor * variable for name, (fixed, variable) in lines.items()}
        )

    best = [lowest(float(factor)) for factor in sweep]
    flips = []
    for index in range(1, len(sweep)):
        before, after = best[index - 1], best[index]
        if before != after:
            (fixed_a, variable_a), (fixed_b, variable_b) = lines[before], lines[after]
            factor = (fixed_b - fixed_a) / (variable_a - variable_b)  # where the two lines cross
            flips.append({"factor": factor, "from": before, "to": after})
    return {
        "driver": driver,
        "range": [float(sweep[0]), float(sweep[-1])],
        "crossovers": flips,
        "summary": "none in range"
        if not flips
        else "; ".join(
            f"{flip['from']} -> {flip['to']} at {flip['factor']:.3g} x the project's {driver}"
            for flip in flips
        ),
    }


def compare_architectures(
    project: Project,
    background: Background,
    impacts: UnitImpacts,
    sweep: np.ndarray = SWEEP,
    crossovers: bool = True,
) -> dict:
    """Footprint and net benefit per architecture, the lower one, and the crossovers
    (unless ``crossovers`` is False: an empty ``crossover``)."""
    results = {
        name: _net_and_footprint(project, background, impacts, name)
        for name in project.architectures
    }
    lower = {
        indicator.id: _lowest(
            {name: results[name][indicator.id]["footprint"]["total"] for name in results}
        )
        for indicator in INDICATORS
    }
    crossover = {}
    if crossovers and len(project.architectures) > 1:
        lines = {
            driver: {
                name: _footprint_lines(project, background, impacts, driver, name)
                for name in project.architectures
            }
            for driver in DRIVERS
        }
        for indicator in INDICATORS:
            crossover[indicator.id] = {
                driver: _crossover(
                    {name: by_name[indicator.id] for name, by_name in lines[driver].items()},
                    driver,
                    sweep,
                )
                for driver in DRIVERS
            }
    complete = {
        indicator.id: all(
            results[name][indicator.id]["coverage"]["footprint"] == 1 for name in results
        )
        for indicator in INDICATORS
    }
    return {
        "project": project.name,
        "architectures": results,
        "lower_footprint": lower,
        "lower_footprint_complete_data": complete,
        "crossover": crossover,
    }
