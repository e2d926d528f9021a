"""Number formatting shared by every writer."""

from __future__ import annotations

import math


def significant(value: float, digits: int = 3) -> str:
    """A number rounded to ``digits`` significant figures, thousands set apart by thin spaces."""
    if value == 0 or not math.isfinite(value):
        return "0"
    if abs(value) < 1e-3 or abs(value) >= 1e15:
        return f"{value:.{digits - 1}e}"
    decimals = digits - 1 - math.floor(math.log10(abs(value)))
    rounded = round(value, decimals)
    return f"{rounded:,.{max(decimals, 0)}f}".replace(",", "\u202f")


def with_unit(value: float, unit: str, digits: int = 3) -> str:
    """A rounded number followed by its unit."""
    return f"{significant(value, digits)} {unit}"


def percent(share: float) -> str:
    """A share between 0 and 1 as a whole percentage."""
    return f"{100 * share:.0f} %"


def net_is_meaningful(entry: dict) -> bool:
    """False when the gains or the footprint of an indicator rest on no data at all."""
    return entry["coverage"]["gains"] > 0 and entry["coverage"]["footprint"] > 0
