"""Project -> inventory lines: the gains, the footprint and every rebound scenario."""

from __future__ import annotations

from dataclasses import dataclass

from inventories.background import Background
from inventories.context import BuildContext
from inventories.footprint import footprint_lines
from inventories.lines import InventoryLine
from inventories.project import Project
from inventories.rebound import rebound_lines
from lca.errors import LookupFailure, ProjectError


@dataclass(frozen=True)
class Inventory:
    """Every line of one project and architecture, with the warnings raised."""

    lines: tuple[InventoryLine, ...]
    architecture: str
    scenarios: tuple[str, ...]
    default_scenario: str
    warnings: tuple[str, ...]
    parameters: tuple[str, ...] = ()


def _gains_counted_once(context: BuildContext, project: Project) -> list[InventoryLine]:
    """Every opportunity's lines, a lever claimed by two opportunities counted once.

    Levers carry keys (``trips/car-diesel``, ``energy/electricity``...); the claim of
    the opportunity listed first is kept, and a warning says which.
    """
    claimed: dict[str, str] = {}
    gains: list[InventoryLine] = []
    for position, opportunity in enumerate(project.opportunities):
        kept = []
        try:
            lines = opportunity.lines(context)
        except LookupFailure as error:
            raise ProjectError(f"opportunities[{position}]", f"{opportunity.id}: {error}") from None
        except ProjectError as error:
            raise ProjectError(f"opportunities[{position}].{error.path}", error.message) from None
        for line in lines:
            owner = claimed.get(line.lever)
            if owner is not None and owner != opportunity.id:
                context.warn(
                    f"Lever '{line.lever}' is claimed by {owner} and {opportunity.id}: counted "
                    f"once, for {owner} (listed first). Give the levers distinct keys if they "
                    "are different savings."
                )
                continue
            kept.append(line)
        for line in kept:
            claimed.setdefault(line.lever, opportunity.id)
        gains += kept
    return gains


def build_inventory(
    project: Project, background: Background, architecture: str | None = None
) -> Inventory:
    """All lines of a project for one architecture (the project's choice by default)."""
    architecture = architecture or project.architecture
    context = BuildContext(project, background)
    if (
        project.country_written
        and project.parent_country_fallback
        and "-" in project.country_written
    ):
        context.warn(
            f"{project.country_written} has no figures of its own: those of {project.country} "
            "are used (parent_country_fallback = true)."
        )
    gains = _gains_counted_once(context, project)
    footprint = footprint_lines(context, architecture)
    rebound: list[InventoryLine] = []
    for name, scenario in project.rebound.items():
        rebound += rebound_lines(context, name, scenario, gains)
    lines = gains + footprint + rebound
    for line in lines:
        background.dataset(line.dataset)
    return Inventory(
        tuple(lines),
        architecture,
        tuple(project.rebound),
        project.default_scenario,
        tuple(context.warnings),
        tuple(sorted(context.parameters_used)),
    )
