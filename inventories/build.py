"""Project -> inventory lines: the gains, the footprint and every rebound scenario."""

from __future__ import annotations

from dataclasses import dataclass

from inventories.background import Background
from inventories.context import BuildContext
from inventories.footprint import footprint_lines
from inventories.lines import InventoryLine
from inventories.project import Project
from inventories.rebound import rebound_lines


@dataclass(frozen=True)
class Inventory:
    """Every line of one project and architecture, with the warnings raised."""

    lines: tuple[InventoryLine, ...]
    architecture: str
    scenarios: tuple[str, ...]
    default_scenario: str
    warnings: tuple[str, ...]


def build_inventory(
    project: Project, background: Background, architecture: str | None = None
) -> Inventory:
    """All lines of a project for one architecture (the project's choice by default)."""
    architecture = architecture or project.architecture
    context = BuildContext(project, background)
    gains: list[InventoryLine] = []
    for opportunity in project.opportunities:
        gains += opportunity.lines(context)
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
    )
