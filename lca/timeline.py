"""Effects in time: month by month, cumulative, break-even, immediate and long-term.

Every inventory line carries the months it applies to; spreading each line's
contribution over its months gives, per indicator, the gains, footprint and
rebound of every month, the net, and its cumulative sum. Break-even is the
time (in months from the start, interpolated within a month) at which the
cumulative net benefit turns positive.
"""

from __future__ import annotations

import numpy as np

from inventories.lines import PART_OF_ORDER
from lca.indicators import INDICATOR_IDS
from lca.results import Evaluation

IMMEDIATE_MONTHS = 12


def monthly(evaluation: Evaluation, scenario: str) -> dict[str, dict[str, np.ndarray]]:
    """Per indicator, the gains, footprint, rebound and net of every month."""
    lines = evaluation.inventory.lines
    amounts = np.array([line.amount_per_month * line.months for line in lines])  # lines x months
    totals = amounts.sum(axis=1)
    shares = np.divide(
        amounts, totals[:, None], out=np.zeros_like(amounts), where=totals[:, None] != 0
    )
    result = {}
    for column, indicator in enumerate(INDICATOR_IDS):
        contributions = evaluation.values[:, column][:, None] * shares
        parts = {
            part: contributions[evaluation.part_mask(part, scenario)].sum(axis=0)
            for part in PART_OF_ORDER.values()
        }
        parts["net"] = parts["gains"] - parts["footprint"] - parts["rebound"]
        parts["cumulative_net"] = np.cumsum(parts["net"])
        result[indicator] = parts
    return result


def crossings(cumulative: np.ndarray) -> list[float]:
    """Times (months from the start) at which the cumulative net changes sign.

    Month k ends with the cumulative value ``cumulative[k - 1]``; a change of
    sign between two month ends is placed by linear interpolation.
    """
    times = []
    for month in range(1, len(cumulative)):
        before, after = cumulative[month - 1], cumulative[month]
        if (before < 0) != (after < 0):
            times.append(month + (-before) / (after - before))
    return times


def break_even(cumulative: np.ndarray) -> float | None:
    """When the cumulative net benefit first turns positive, or None if it never does.

    A twin whose first month already nets a benefit breaks even at once (0); one
    whose cumulative net stays negative never pays back (None).
    """
    if len(cumulative) == 0:
        return None
    if cumulative[0] >= 0:
        return 0.0
    upward = [
        month + (-cumulative[month - 1]) / (cumulative[month] - cumulative[month - 1])
        for month in range(1, len(cumulative))
        if cumulative[month - 1] < 0 <= cumulative[month]
    ]
    return upward[0] if upward else None


def per_year(series: np.ndarray) -> list[float]:
    """Monthly values summed per year of the study (a last part-year included)."""
    return [float(series[start : start + 12].sum()) for start in range(0, len(series), 12)]


def split(series: np.ndarray) -> dict[str, float]:
    """The first year (immediate) and the rest (long-term) of a monthly series."""
    return {
        "immediate": float(series[:IMMEDIATE_MONTHS].sum()),
        "long_term": float(series[IMMEDIATE_MONTHS:].sum()),
        "total": float(series.sum()),
    }


def trajectory(emissions_today: float, growth: float, yearly_net: list[float]) -> dict:
    """Emissions year by year without and with the twin, and the ITU-T L.1480 label.

    Without the twin, emissions grow from today's level by ``growth`` a year;
    with it, they are lower by the year's net climate benefit. The label is for
    the last year of the study: an actual reduction (below today's emissions), a
    lesser increase (above today's, below the path without the twin), or an
    increase (the twin adds emissions).
    """
    years = list(range(1, len(yearly_net) + 1))
    without = [emissions_today * (1 + growth) ** year for year in years]
    with_twin = [level - net for level, net in zip(without, yearly_net, strict=True)]
    if yearly_net[-1] <= 0:
        label = "increase"
    elif with_twin[-1] < emissions_today:
        label = "actual reduction"
    else:
        label = "lesser increase"
    return {
        "emissions_today": emissions_today,
        "growth_per_year": growth,
        "years": years,
        "without_twin": without,
        "with_twin": with_twin,
        "label": label,
    }
