"""What every builder of inventory lines needs: the project, the data, the clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from inventories.background import Background
from inventories.countries import EUROPEAN_GRID
from inventories.lines import every_month
from lca.errors import LookupFailure

if TYPE_CHECKING:
    from inventories.project import Project


@dataclass
class BuildContext:
    """The project being built, its background, and the warnings raised on the way."""

    project: Project
    background: Background
    warnings: list[str] = field(default_factory=list)
    parameters_used: set[str] = field(default_factory=set)

    @property
    def n_months(self) -> int:
        """Months in the study period."""
        return self.project.months

    def every_month(self) -> np.ndarray:
        """Weights for a line that applies in every month of the study."""
        return every_month(self.n_months)

    def warn(self, message: str) -> None:
        """Record a known shortcoming, shown next to the results."""
        if message not in self.warnings:
            self.warnings.append(message)

    def electricity(self, location: str | None = None) -> str:
        """The electricity dataset for a location, under the project's supply model."""
        where = location or self.project.country
        supply = self.project.electricity
        dataset_id = f"electricity/{where}/{supply}"
        if (
            dataset_id in self.background.datasets
            and not self.background.datasets[dataset_id].is_gap
        ):
            return dataset_id
        european = f"electricity/EU27/{supply}"
        if supply == "marginal" and where in EUROPEAN_GRID and european in self.background.datasets:
            self.warn(
                f"No marginal electricity factor for {where}: the EU27 marginal factor is used, as "
                "the margin of the interconnected European grid (rule stated in "
                "inventories/data/background/electricity.yaml)."
            )
            return european
        available = sorted(
            key.split("/")[1]
            for key in self.background.ids_under("electricity/")
            if key.endswith(f"/{supply}")
        )
        advice = (
            '; set electricity = "average" to use the average mix instead'
            if supply == "marginal" and f"electricity/{where}/average" in self.background.datasets
            else ""
        )
        raise LookupFailure(
            f"no {supply} electricity dataset for {where}; {supply} factors exist for "
            f"{', '.join(available)}{advice}"
        )

    def parameter(self, parameter_id: str, unit: str) -> float:
        """A background parameter's value in ``unit`` (recorded as used by the build)."""
        value = self.background.parameter(parameter_id).magnitude(unit)
        self.parameters_used.add(parameter_id)
        return value
