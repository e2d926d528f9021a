"""Inventory lines: the one table every part of the model produces.

A line is one exchange the project implies: an amount of a background
dataset, per month, over some months of the study period, with the role
that sets its sign (a burden *avoided* thanks to the twin, or *added*
because of it) and the effect order it belongs to in the sense of
Recommendation ITU-T L.1480:

- first-order effect: the twin's own footprint (tiers and phases apply);
- second-order effect: the reductions the twin enables (the gains);
- higher-order effect: rebound and induction, per rebound scenario.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

EffectOrder = Literal["first", "second", "higher"]
Role = Literal["avoided", "added"]

TIERS = ("networks", "terminals", "datacentres")
PHASES = ("manufacture", "use", "end of life")
EFFECT_ORDERS: tuple[EffectOrder, ...] = ("first", "second", "higher")
PART_OF_ORDER = {"first": "footprint", "second": "gains", "higher": "rebound"}


@dataclass(frozen=True)
class InventoryLine:
    """One exchange with the background, over the months it applies to."""

    line_id: str
    effect_order: EffectOrder
    role: Role
    source: str
    component: str
    dataset: str
    amount_per_month: float
    months: np.ndarray = field(repr=False)
    tier: str | None = None
    phase: str | None = None
    scenario: str | None = None
    lever: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.effect_order == "first" and (self.tier not in TIERS or self.phase not in PHASES):
            raise ValueError(f"line {self.line_id}: a first-order line needs a tier and a phase")
        if self.amount_per_month < 0:
            raise ValueError(
                f"line {self.line_id}: amount {self.amount_per_month} is negative; "
                "the role (avoided or added), not the amount, carries the sign"
            )

    @property
    def sign(self) -> int:
        """+1 when the line lowers impacts (avoided), -1 when it raises them (added)."""
        return 1 if self.role == "avoided" else -1

    @property
    def total(self) -> float:
        """Amount over the study period, in the dataset's unit."""
        return float(self.amount_per_month * self.months.sum())


def every_month(n_months: int) -> np.ndarray:
    """Weights for a line that applies in full in every month of the study."""
    return np.ones(n_months)


def lines_frame(lines: list[InventoryLine]) -> pd.DataFrame:
    """The lines as a table, one row per line, totals over the study period."""
    return pd.DataFrame(
        {
            "line_id": [line.line_id for line in lines],
            "effect_order": [line.effect_order for line in lines],
            "role": [line.role for line in lines],
            "sign": [line.sign for line in lines],
            "tier": [line.tier for line in lines],
            "phase": [line.phase for line in lines],
            "source": [line.source for line in lines],
            "component": [line.component for line in lines],
            "scenario": [line.scenario for line in lines],
            "lever": [line.lever for line in lines],
            "dataset": [line.dataset for line in lines],
            "amount_per_month": [line.amount_per_month for line in lines],
            "amount": [line.total for line in lines],
        }
    )
